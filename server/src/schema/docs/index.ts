/**
 * Documentation lookups for hover and completion: the directive entry's own text (../directives.ts)
 * where it has some, and a sentence derived from module, type and scope where it has none.
 */
import { getDirective, getModule } from '../index';
import type { DirectiveDoc, DirectiveInfo, DirectiveType } from '../types';
import { MODULE_DOCS } from './modules';

export * from './modules';
export * from './conditions';

const TYPE_EXAMPLE: Readonly<Record<DirectiveType, string>> = {
  string: '"text"',
  short: '80',
  int: '1024',
  boolean: '"enable"',
  array: '( "value" )',
  'array-kvany': '( "key" => "value" )',
  'array-kvarray': '( "key" => ( "name" => "value" ) )',
  'array-kvstring': '( "key" => "value" )',
  'array-vlist': '( "a", "b" )',
};

const TYPE_NAME: Readonly<Record<DirectiveType, string>> = {
  string: 'string',
  short: 'integer 0–65535',
  int: 'integer',
  boolean: 'boolean ("enable" / "disable")',
  array: 'list',
  'array-kvany': 'list of "key" => value',
  'array-kvarray': 'list of "key" => ( list )',
  'array-kvstring': 'list of "key" => "string"',
  'array-vlist': 'list of strings',
};

export function typeName(t: DirectiveType): string {
  return TYPE_NAME[t];
}

export function typeExample(t: DirectiveType): string {
  return TYPE_EXAMPLE[t];
}

const SCOPE_TEXT: Readonly<Record<DirectiveInfo['scope'], string>> = {
  server: 'global only (inside a condition lighttpd warns and the value does not apply per condition)',
  connection: 'global or inside any condition',
  socket: 'global or directly inside a `$SERVER["socket"] == ...` block',
};

export function scopeText(scope: DirectiveInfo['scope']): string {
  return SCOPE_TEXT[scope];
}

export interface ResolvedDirectiveDoc extends DirectiveDoc {
  readonly example: string;
  readonly docUrl: string;
  /** False when the summary was derived from the schema. */
  readonly handWritten: boolean;
}

function moduleLabel(module: string): string {
  return module === 'core' ? 'the server core' : module;
}

/** Documentation of a known directive; undefined for keys the schema does not know. */
export function directiveDoc(key: string): ResolvedDirectiveDoc | undefined {
  const info = getDirective(key);
  if (!info) return undefined;
  const own = info.doc;
  const docUrl = info.link;
  if (own) return { ...own, example: own.example ?? TYPE_EXAMPLE[info.type], docUrl, handWritten: true };
  const summary = `A ${TYPE_NAME[info.type]} setting of ${moduleLabel(info.module)}.`;
  return { summary, example: TYPE_EXAMPLE[info.type], docUrl, handWritten: false };
}

/** One-line description of a module (ours, else the schema's purpose). */
export function moduleSummary(name: string): string | undefined {
  return MODULE_DOCS[name] ?? getModule(name)?.purpose ?? undefined;
}
