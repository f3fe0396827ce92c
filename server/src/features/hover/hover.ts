/**
 * Hover: directives (module, type with an example, scope, default, since / deprecated, description, link),
 * removed directives, module names, condition objects / fields / operators, variables (value at that
 * point and where it was set), integers used as ports, and include paths (where they are read from, and the
 * path mapping that brought them to a workspace copy). Over a finding whose rule has a help line (the
 * security group), the rule comes first: its code, what it finds and the lighttpd behaviour it rests on.
 */
import { MarkupKind, type Diagnostic, type Hover, type Position } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentModel } from '../../analysis';
import type { Assignment, ConditionHead, Expression, Include, Span } from '../../parser/ast';
import { getDirective, getModule, getRemovedDirective, subKeyAt, subKeyPlace } from '../../schema';
import type { KeySet, SubKey } from '../../schema/types';
import { knownShellScript } from '../../schema/shellScripts';
import {
  CONDITION_FIELD_DOCS,
  CONDITION_OBJECT_DOCS,
  CONDITION_OPERATOR_DOCS,
  CONDITION_OPERATOR_SINCE,
  KEYWORD_DOCS,
  SYNTAX_DOC_URL,
  directiveDoc,
  moduleDocUrl,
  moduleSummary,
  scopeText,
  typeName,
} from '../../schema/docs';
import { SEVERITY } from '../diagnostics/diagnostics';
import { getRule } from '../diagnostics/rules';
import { includeTargetsOf, mappingNote, readFrom, type LinkContext } from '../navigation/documentLinks';
import { PREDEFINED_VARIABLES, definitionChain, pathAt, scopeAt, showValue, type PathEntry } from '../shared/locate';

const FENCE = '```';

function since(v: string): string {
  return v === '1.4.1' ? 'every 1.4 release' : v.startsWith('<=') ? `1.4.40 or earlier` : `lighttpd ${v}`;
}

/** Markdown documentation of a directive (used by hover and by completion items). */
export function directiveMarkdown(key: string, options: { withTitle?: boolean } = {}): string | undefined {
  const info = getDirective(key);
  const doc = directiveDoc(key);
  if (!info || !doc) return undefined;
  const lines: string[] = [];
  if (options.withTitle !== false)
    lines.push(`**${key}** — ${info.module === 'core' ? 'core setting' : info.module}`, '');
  lines.push(doc.summary, '');
  lines.push(FENCE + 'lighttpd', `${key} = ${doc.example}`, FENCE, '');
  const facts: string[] = [];
  facts.push(`Type: ${typeName(info.type)}`);
  facts.push(`Scope: ${scopeText(info.scope)}`);
  if (doc.default) facts.push(`Default: ${doc.default}`);
  facts.push(`Since: ${since(info.since)}`);
  if (info.deprecated) {
    const { note, replacement } = info.deprecated;
    facts.push(`Deprecated: ${note}${replacement && !note.includes(replacement) ? `; use ${replacement}` : ''}`);
  }
  if (info.module !== 'core') {
    const others = info.modules.filter((m) => m !== info.module);
    facts.push(
      `Module: ${info.module}${others.length ? ` (also ${others.join(', ')})` : ''} — must be in server.modules`,
    );
  }
  lines.push(facts.map((f) => `- ${f}`).join('\n'), '');
  lines.push(`[lighttpd documentation](${doc.docUrl})`);
  return lines.join('\n');
}

/** Markdown documentation of a module name. */
export function moduleMarkdown(name: string): string | undefined {
  const m = getModule(name);
  if (!m) return undefined;
  const lines = [`**${name}**${m.status === 'removed' ? ' — removed' : ''}`, ''];
  if (m.status === 'removed') {
    lines.push(
      `Removed in lighttpd ${m.removedIn}; listing it makes lighttpd fail to start${name === 'mod_compress' ? ' (1.4.71 and later quietly load mod_deflate instead)' : ''}.`,
    );
    if (m.replacement) lines.push('', `Replacement: ${m.replacement}.`);
    return lines.join('\n');
  }
  const summary = moduleSummary(name);
  if (summary) lines.push(summary, '');
  if (m.keys.length) {
    const shown = m.keys
      .slice(0, 12)
      .map((k) => '`' + k + '`')
      .join(', ');
    lines.push(`Settings: ${shown}${m.keys.length > 12 ? `, … (${m.keys.length} in all)` : ''}`, '');
  }
  if (m.implicitLoad) lines.push('Loaded automatically when needed.', '');
  lines.push(`[lighttpd documentation](${moduleDocUrl(name)})`);
  return lines.join('\n');
}

function removedMarkdown(key: string): string | undefined {
  const r = getRemovedDirective(key);
  if (!r) return undefined;
  return [
    `**${key}** — removed`,
    '',
    `This setting of ${r.module} no longer exists since lighttpd ${r.removedIn}.`,
    r.advice ? '' : undefined,
    r.advice,
  ]
    .filter((x) => x !== undefined)
    .join('\n');
}

const WELL_KNOWN_PORTS: Readonly<Record<number, string>> = {
  80: 'HTTP',
  443: 'HTTPS',
  8080: 'HTTP alternative',
  8443: 'HTTPS alternative',
  8000: 'common development server port',
  9000: 'PHP-FPM default',
  8009: 'AJP13 (Tomcat)',
  3000: 'common application server port',
  5000: 'common application server port',
};

function portMarkdown(value: number): string {
  const lines = [`**Port ${value}**`];
  const known = WELL_KNOWN_PORTS[value];
  if (value > 65535)
    lines.push('', 'Out of range: ports go up to 65535 (lighttpd 1.4.73 and later refuse larger values).');
  else {
    if (known) lines.push('', known + '.');
    if (value > 0 && value < 1024)
      lines.push(
        '',
        'A privileged port: binding it needs root (or CAP_NET_BIND_SERVICE); lighttpd can drop privileges afterwards with server.username.',
      );
    if (value === 0) lines.push('', '0 means the default port (80, or 443 with ssl.engine).');
  }
  return lines.join('\n');
}

function lineOf(doc: TextDocument, offset: number): number {
  return doc.positionAt(offset).line + 1;
}

function variableMarkdown(doc: TextDocument, model: DocumentModel, name: string, at: number): string {
  const text = doc.getText();
  const lines = [`**${name}**${getDirective(name) ? '' : name.startsWith('var.') ? ' — variable' : ''}`];
  if (name.startsWith('env.')) {
    lines.push(
      '',
      `Read from the environment lighttpd is started with (\`${name.slice(4)}\`); lighttpd refuses to start when it is not set.`,
    );
    return lines.join('\n');
  }
  const predefined = PREDEFINED_VARIABLES[name];
  const scope = scopeAt(model, at);
  const chain = definitionChain(model, name, at, scope);
  if (chain.length === 0) {
    if (predefined) lines.push('', `Set by lighttpd itself: ${predefined}.`);
    else {
      // Not set in this file at all: it may come from the config that includes this one.
      const own = model.evaluation.assignments.some((a) => a.node.key.fullName === name);
      let outside: string | undefined;
      for (let s: typeof scope | undefined = scope; s && !own; s = s.parent) {
        const v = s.vars.get(name);
        if (v !== undefined) {
          outside = showValue(v);
          break;
        }
      }
      if (outside !== undefined)
        lines.push(
          '',
          FENCE + 'lighttpd',
          `${name} = ${outside}`,
          FENCE,
          '',
          'Set in another file of this configuration.',
        );
      else lines.push('', 'Not set before this point.');
    }
    return lines.join('\n');
  }
  const last = chain[chain.length - 1];
  lines.push('', FENCE + 'lighttpd', `${name} = ${showValue(last.result)}`, FENCE);
  lines.push('', chain.length === 1 ? 'Set at:' : 'Built from:');
  for (const a of chain) {
    const src = text.slice(a.node.start, a.node.end).split(/\r?\n/)[0];
    lines.push(`- line ${lineOf(doc, a.node.start)}: \`${src.length > 80 ? src.slice(0, 79) + '…' : src}\``);
  }
  const d = directiveMarkdown(name, { withTitle: false });
  if (d) lines.push('', '---', '', d);
  return lines.join('\n');
}

function stringValue(e: Expression | undefined): string | undefined {
  return e?.kind === 'string' ? e.value : undefined;
}

function hover(doc: TextDocument, span: Span, value: string | undefined): Hover | null {
  if (!value) return null;
  return {
    contents: { kind: MarkupKind.Markdown, value },
    range: { start: doc.positionAt(span.start), end: doc.positionAt(span.end) },
  };
}

/** The assignment and array-key path of a list element at the end of `path`. */
function elementContext(path: readonly PathEntry[]): {
  assignment?: Assignment;
  keys: (string | undefined)[];
  depth: number;
} {
  let assignment: Assignment | undefined;
  const keys: (string | undefined)[] = [];
  let depth = 0;
  for (const e of path) {
    if (e.type === 'assignment') {
      assignment = e.node;
      keys.length = 0;
      depth = 0;
    }
    if (e.type === 'element') {
      depth++;
      keys.push(stringValue(e.node.key));
    }
  }
  return { assignment, keys, depth };
}

/**
 * For an include_shell that was not run (the checks never run one unless the workspace is trusted and
 * lighttpd.includeShell.execute is on; never on the web): that it was not, and what is therefore unknown.
 */
function includeShellNote(model: DocumentModel, inc: Include): string {
  const ran = !model.evaluation.includeShells.some((i) => i === inc || (i.start === inc.start && i.end === inc.end));
  if (ran) return '\n\nRun for this check: its output is part of the configuration checked.';
  const known = knownShellScript(inc);
  const unknown = known
    ? `Unknown therefore: what it prints, ${known.prints}. The checks treat ${known.keys.join(', ')} as possibly set.`
    : 'Unknown therefore: whatever it prints. The checks treat every setting and module as possibly set from here on.';
  return `\n\nNot run for this check (it runs only in a trusted workspace with lighttpd.includeShell.execute on, never in the browser). ${unknown}`;
}

/**
 * A key of a directive's list (a backend option, an auth.require field): what it does, then its type,
 * default, first release, what it needs, and the directive's documentation, as a directive's hover has.
 */
export function subKeyMarkdown(directive: string, set: KeySet, k: SubKey): string {
  const place = set.noun ? subKeyPlace(set, directive) : directive;
  const facts: string[] = [];
  if (k.type) facts.push(`Type: ${typeName(k.type)}`);
  if (k.default) facts.push(`Default: ${k.default}`);
  facts.push(`Since: ${k.since ? since(k.since) : `every release with ${directive}`}`);
  if (k.olderNameOf) facts.push(`Older name of \`${k.olderNameOf}\` (both are read; write \`${k.olderNameOf}\`)`);
  if (k.onlyWith) facts.push(`Only with \`${k.onlyWith}\`: lighttpd ignores it in a block without one`);
  const url = directiveDoc(directive)?.docUrl;
  return [
    `**${k.key}** — ${place}`,
    '',
    k.doc ?? '',
    '',
    facts.map((f) => `- ${f}`).join('\n'),
    ...(url ? ['', `[lighttpd documentation](${url})`] : []),
  ].join('\n');
}

/**
 * Where an include's path is read from: `PATH` → read from `WHERE` (with the mapping that led there), and the
 * files it matches. Undefined when the path is not known (a variable without a value, include_shell).
 */
function includeMarkdown(
  doc: TextDocument,
  model: DocumentModel,
  inc: Include,
  context: LinkContext,
): string | undefined {
  const r = includeTargetsOf(doc, model, inc, context);
  if (!r) return undefined;
  const { path, targets } = r;
  if ('notFound' in targets) return `\`${path}\` → not found`;
  const via = targets.via;
  const head = `\`${path}\` → read from \`${readFrom(path, via)}\`${via ? ` (${mappingNote(via)})` : ''}`;
  const n = targets.paths.length;
  if (n === 0) return `${head}\n\nNo file matches.`;
  const shown = targets.paths.slice(0, 10).map((p) => `- ${p}`);
  const more = n > 10 || targets.truncated ? ['- …'] : [];
  return [head, '', `${n}${targets.truncated ? '+' : ''} ${n === 1 ? 'file' : 'files'}:`, ...shown, ...more].join('\n');
}

/** Markdown text with the characters that would format it escaped (help lines quote `$HTTP["host"]`, `<version>`, `=~`). */
export function markdownText(s: string): string {
  return s.replace(/[\\`*_{}[\]<>~|#]/g, '\\$&');
}

/** The name of a diagnostic's severity, read back from the one table that maps names to LSP severities. */
const severityName = (s: Diagnostic['severity']) => Object.entries(SEVERITY).find(([, v]) => v === s)?.[0];

/** `a` is at or before `b`. */
function notAfter(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

/**
 * The rule section of a hover: one part per rule with a help line among the findings whose range holds
 * `position` (its ends included, like the rest of hover), each rule once, in the order of the findings.
 */
export function ruleSection(
  findings: readonly Diagnostic[],
  position: Position,
): { value: string; range: Diagnostic['range'] } | undefined {
  const parts: string[] = [];
  const seen = new Set<string>();
  let range: Diagnostic['range'] | undefined;
  const links: string[] = [];
  for (const d of findings) {
    if (typeof d.code !== 'string') continue;
    if (!notAfter(d.range.start, position) || !notAfter(position, d.range.end)) continue;
    // A finding that links a document (known-vulnerability: its advisory), one line per finding.
    const href = d.codeDescription?.href;
    const id = (d.data as { advisory?: unknown } | undefined)?.advisory;
    if (href && typeof id === 'string') links.push(`*Advisory:* [${markdownText(id)}](${href})`);
    if (seen.has(d.code)) continue;
    const rule = getRule(d.code);
    if (!rule?.help) continue;
    seen.add(d.code);
    // The range the hover covers: from the first start to the last end of the findings shown.
    range = range
      ? {
          start: notAfter(range.start, d.range.start) ? d.range.start : range.start,
          end: notAfter(range.end, d.range.end) ? range.end : d.range.end,
        }
      : d.range;
    const kind = [rule.group, severityName(d.severity) ?? rule.severity].filter(Boolean).join(' ');
    parts.push(
      [
        `**\`${d.code}\`** — ${kind}`,
        '',
        markdownText(rule.description),
        '',
        `*lighttpd behaviour:* ${markdownText(rule.help)}`,
      ].join('\n'),
    );
  }
  if (links.length) parts.push(links.join('\n\n'));
  return range ? { value: parts.join('\n\n---\n\n'), range } : undefined;
}

/**
 * The hover at `position`: what is under it (see the file comment), and first the rules of the `findings`
 * (the document's diagnostics, computed by the caller) whose range holds it.
 */
export function doHover(
  doc: TextDocument,
  model: DocumentModel,
  position: Position,
  findings: readonly Diagnostic[] = [],
  includes?: LinkContext,
): Hover | null {
  const base = elementHover(doc, model, position, includes);
  const rules = findings.length ? ruleSection(findings, position) : undefined;
  if (!rules) return base;
  if (!base) return { contents: { kind: MarkupKind.Markdown, value: rules.value }, range: rules.range };
  const value = (base.contents as { value: string }).value;
  return { contents: { kind: MarkupKind.Markdown, value: `${rules.value}\n\n---\n\n${value}` }, range: base.range };
}

function elementHover(
  doc: TextDocument,
  model: DocumentModel,
  position: Position,
  includes: LinkContext | undefined,
): Hover | null {
  const text = doc.getText();
  const offset = doc.offsetAt(position);
  // The character under the mouse is at `offset`; a cursor right after a word also counts.
  const path = pathAt(model.file.statements, offset);
  const last = path[path.length - 1];
  if (!last) return null;
  const inc = path.find((p) => p.type === 'include');
  if (includes && inc?.type === 'include' && inc.node.operand && last.type === 'expression') {
    const md = includeMarkdown(doc, model, inc.node, includes);
    if (md) return hover(doc, inc.node.operand, md);
  }
  if (inc?.type === 'include' && inc.node.kind === 'include_shell' && inc.node.operand && last.type === 'expression')
    return hover(doc, inc.node.operand, `**include_shell**${includeShellNote(model, inc.node)}`);
  switch (last.type) {
    case 'key': {
      const key = last.node.fullName;
      if (key.startsWith('var.') || key.startsWith('env.'))
        return hover(doc, last.node, variableMarkdown(doc, model, key, last.assignment.end));
      return hover(doc, last.node, directiveMarkdown(key) ?? removedMarkdown(key));
    }
    case 'object': {
      const name = last.node.name;
      const d = CONDITION_OBJECT_DOCS[name];
      return hover(
        doc,
        last.node,
        d ? `**$${name}**\n\n${d}\n\n[lighttpd documentation](${SYNTAX_DOC_URL})` : undefined,
      );
    }
    case 'operator': {
      const op = last.node.text;
      if (last.head) {
        const d = CONDITION_OPERATOR_DOCS[op];
        const s = CONDITION_OPERATOR_SINCE[op];
        return hover(
          doc,
          last.node,
          d ? `**${op}** — condition operator\n\n${d}${s ? `\n\nSince lighttpd ${s}.` : ''}` : undefined,
        );
      }
      const d =
        op === '='
          ? 'Sets the value. Setting the same key twice with = in one block stops lighttpd.'
          : op === '+='
            ? 'Appends to the value: lists are merged, strings concatenated; an unset key is simply set.'
            : 'Sets or replaces the value (lighttpd 1.4.46 and later).';
      return hover(doc, last.node, `**${op}**\n\n${d}`);
    }
    case 'include': {
      const kw = last.node.keyword;
      const shell = last.node.kind === 'include_shell' ? includeShellNote(model, last.node) : '';
      if (offset >= kw.start && offset <= kw.end)
        return hover(doc, kw, `**${text.slice(kw.start, kw.end)}**\n\n${KEYWORD_DOCS[last.node.kind]}${shell}`);
      return null;
    }
    case 'global':
    case 'branch': {
      const node = last.node;
      const kwSpan = last.type === 'global' ? { start: node.start, end: node.start + 6 } : last.node.elseKeyword;
      if (kwSpan && offset >= kwSpan.start && offset <= kwSpan.end)
        return hover(
          doc,
          kwSpan,
          `**${text.slice(kwSpan.start, kwSpan.end)}**\n\n${KEYWORD_DOCS[last.type === 'global' ? 'global' : 'else']}`,
        );
      return null;
    }
    case 'expression':
      return expressionHover(doc, model, path, last.node, last.role);
    default:
      return null;
  }
}

function expressionHover(
  doc: TextDocument,
  model: DocumentModel,
  path: readonly PathEntry[],
  e: Expression,
  role: string,
): Hover | null {
  if (e.kind === 'variable') return hover(doc, e, variableMarkdown(doc, model, e.fullName, e.start));
  const head = [...path].reverse().find((p) => p.type === 'head')?.node as ConditionHead | undefined;
  if (role === 'field' && e.kind === 'string' && head?.object) {
    const obj = head.object.name;
    const f = CONDITION_FIELD_DOCS[obj]?.[e.value];
    if (f) return hover(doc, e, `**$${obj}["${e.value}"]**\n\n${f.summary}`);
    if (obj === 'REQUEST_HEADER')
      return hover(
        doc,
        e,
        `**$REQUEST_HEADER["${e.value}"]**\n\nThe request header ${e.value} (names are matched without regard to case).`,
      );
    return null;
  }
  const { assignment, keys, depth } = elementContext(path);
  const key = assignment?.key.fullName;
  if (e.kind === 'string') {
    if (key === 'server.modules' || (role !== 'element-key' && getModule(e.value) && /^mod_/.test(e.value))) {
      const md = moduleMarkdown(e.value);
      if (md) return hover(doc, e, md);
    }
    if (role === 'element-key' && key) {
      const own = keys[keys.length - 1];
      const sub = own !== undefined ? subKeyAt(getDirective(key), depth, own) : undefined;
      if (sub?.key.doc) return hover(doc, e, subKeyMarkdown(key, sub.set, sub.key));
      return null;
    }
    // A value from a value set: what it means.
    if (key) {
      const d = getDirective(key);
      const own = keys[keys.length - 1];
      const set =
        depth === 0 ? d?.values : ((own !== undefined ? subKeyAt(d, depth, own)?.key.values : undefined) ?? d?.values);
      const meaning = set?.values.find((v) => v.value === e.value)?.meaning;
      if (meaning)
        return hover(doc, e, `**"${e.value}"** — ${key}\n\n${meaning.charAt(0).toUpperCase()}${meaning.slice(1)}.`);
    }
    return null;
  }
  if (e.kind === 'integer') {
    const isPort =
      (key === 'server.port' && depth === 0) || (role === 'element-value' && keys[keys.length - 1] === 'port');
    if (isPort) return hover(doc, e, portMarkdown(Number(e.text)));
    return null;
  }
  return null;
}
