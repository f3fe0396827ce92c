/**
 * The one typed API over the schema: every feature (checks, completion, hover, quick fixes) reads
 * directives, their value sets and key sets, modules and conditions through here, never the tables'
 * layout. Lookups are built once.
 */
import { CONDITION_FIELDS, CONDITION_OPERATORS, CONDITION_OPERATOR_TABLE } from './conditions';
import { DIRECTIVE_TABLE, REMOVED_TABLE, SCHEMA_SOURCE } from './directives';
import { moduleDocUrl } from './docs/modules';
import { MODULE_LOADING, MODULE_TABLE } from './modules';
import type {
  DirectiveInfo,
  DirectiveType,
  EnumValue,
  KeySet,
  ModuleInfo,
  Outside,
  LighttpdEffect,
  RemovedDirectiveInfo,
  SubKey,
  ValueSet,
} from './types';
import { BOOLEAN_CHOICES, FALSE_WORDS, TRUE_WORDS } from './valueSets';

export * from './types';
export { BOOLEAN_CHOICES, FALSE_WORDS, TRUE_WORDS } from './valueSets';
export { CONDITION_FIELDS, CONDITION_OPERATORS, CONDITION_OPERATOR_TABLE, MODULE_LOADING, SCHEMA_SOURCE };

/** Every directive the newest lighttpd knows, sorted by key. */
export const DIRECTIVES: readonly DirectiveInfo[] = DIRECTIVE_TABLE.map((d) => ({
  ...d,
  modules: d.modules ?? [d.module],
  link: moduleDocUrl(d.module),
}));

/** Keys lighttpd dropped (see RemovedEntry). */
export const REMOVED_DIRECTIVES: readonly RemovedDirectiveInfo[] = REMOVED_TABLE;

/** Every module, current and removed, with the keys it consumes. */
export const MODULES: readonly ModuleInfo[] = (() => {
  const keys = new Map<string, string[]>();
  const add = (module: string, key: string) => keys.set(module, [...(keys.get(module) ?? []), key]);
  for (const d of DIRECTIVES) for (const m of d.modules) add(m, d.key);
  for (const d of REMOVED_DIRECTIVES) add(d.module, d.key);
  return MODULE_TABLE.map((m) => ({ ...m, keys: (keys.get(m.name) ?? []).sort() }));
})();

const directiveByKey = new Map<string, DirectiveInfo>(DIRECTIVES.map((d) => [d.key, d]));
const removedByKey = new Map<string, RemovedDirectiveInfo>(REMOVED_DIRECTIVES.map((d) => [d.key, d]));
const moduleByName = new Map<string, ModuleInfo>(MODULES.map((m) => [m.name, m]));

export function getDirective(key: string): DirectiveInfo | undefined {
  return directiveByKey.get(key);
}
export function getRemovedDirective(key: string): RemovedDirectiveInfo | undefined {
  return removedByKey.get(key);
}
export function getModule(name: string): ModuleInfo | undefined {
  return moduleByName.get(name);
}

// ---- values ----

const BOOLEAN_VALUE_SET: ValueSet = {
  values: BOOLEAN_CHOICES.map((value) => ({ value })),
  outside: 'fatal',
  caseInsensitive: true,
  hidden: [...TRUE_WORDS, ...FALSE_WORDS].filter((w) => !BOOLEAN_CHOICES.includes(w)),
};
const BOOLEAN_WORDS = new Set([...TRUE_WORDS, ...FALSE_WORDS]);

/** True for the words lighttpd reads as a boolean ("enable", "disable", "true", "0", ... in any case). */
export function isBooleanWord(s: string): boolean {
  return BOOLEAN_WORDS.has(s.toLowerCase());
}

/** The values offered for a directive or a sub-key: its value set, or enable/disable for a boolean. */
export function valueChoices(x: { readonly type?: DirectiveType; readonly values?: ValueSet }): readonly EnumValue[] {
  if (x.values) return x.values.values;
  return x.type === 'boolean' ? BOOLEAN_VALUE_SET.values : [];
}

/** Whether `value` is in the set (its hidden values and, when allowed, "" included). */
export function inValueSet(set: ValueSet, value: string): boolean {
  const v = set.caseInsensitive ? value.toLowerCase() : value;
  const eq = (x: string) => (set.caseInsensitive ? x.toLowerCase() : x) === v;
  return (set.allowEmpty === true && v === '') || set.values.some((x) => eq(x.value)) || !!set.hidden?.some(eq);
}

/** Whether lighttpd checks the set at all (an 'accepted' set only lists the usual choices). */
export function isChecked(outside: Outside): outside is Exclude<Outside, 'accepted'> {
  return outside !== 'accepted';
}

/** What lighttpd does with a value or key outside a checked set, and the sentence that says it. */
export function outsideEffect(outside: Exclude<Outside, 'accepted'>): { effect: LighttpdEffect; says: string } {
  if (outside === 'fatal') return { effect: 'refuses-to-start', says: 'lighttpd refuses to start' };
  return 'logs' in outside
    ? { effect: 'logs-and-carries-on', says: outside.logs }
    : { effect: 'silently-ignores', says: outside.ignores };
}

// ---- keys inside list values ----

/** The key set of a directive's list value at `depth` (backend blocks: depth 3 and deeper). */
export function keySetAt(d: DirectiveInfo | undefined, depth: number): KeySet | undefined {
  const ks = d?.keys;
  if (!ks) return undefined;
  return depth === ks.depth || (ks.depth === 3 && depth > 3) ? ks : undefined;
}

/** A key of a directive's list value at `depth`, with its set. */
export function subKeyAt(
  d: DirectiveInfo | undefined,
  depth: number,
  key: string,
): { readonly set: KeySet; readonly key: SubKey } | undefined {
  const set = keySetAt(d, depth);
  const k = set?.keys.find((x) => x.key === key);
  return set && k ? { set, key: k } : undefined;
}

/** How messages and hovers name a key of the set ("backend option of proxy.server"). */
export function subKeyPlace(set: KeySet, directive: string): string {
  return `${set.noun ?? 'key'} of ${directive}`;
}

// ---- versions ----

/** The lighttpd release the schema describes (newest known release). */
export const NEWEST_VERSION = '1.4.85';

/** "1.4.69" (also "lighttpd-1.4.69", "1.4"); undefined when it is not a version. */
export function normalizeVersion(v: string | undefined): string | undefined {
  if (typeof v !== 'string') return undefined;
  const m = VERSION_PATTERN.exec(v);
  if (!m) return undefined;
  return `${m[1]}.${m[2]}.${m[3] ?? '0'}`;
}

/** A lighttpd version as users write it: "1.4.69", "1.4", "lighttpd-1.4.69", "lighttpd/1.4.69". */
export const VERSION_PATTERN = /^\s*(?:lighttpd[-\s/]?)?(\d+)\.(\d+)(?:\.(\d+))?\s*$/i;

/**
 * Compares lighttpd versions such as "1.4.69" and "<=1.4.40" (the "<=" marks an upper bound of
 * when a key appeared; it is treated as that version).
 */
const versionParts = new Map<string, number[]>();
function partsOf(v: string): number[] {
  let p = versionParts.get(v);
  if (!p) {
    p = v
      .replace(/^<=/, '')
      .split('.')
      .map((n) => parseInt(n, 10) || 0);
    if (versionParts.size < 10000) versionParts.set(v, p);
  }
  return p;
}

export function compareVersions(a: string, b: string): number {
  if (a === b) return 0;
  const pa = partsOf(a);
  const pb = partsOf(b);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
