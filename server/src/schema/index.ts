/**
 * Typed access to the generated lighttpd schema. Everything here is read-only lookups built once.
 */
import { DIRECTIVES, MODULES, MODULE_LOADING, REMOVED_DIRECTIVES, SCHEMA_SOURCE } from './directives.generated';
import { ENUMS } from './enums.generated';
import type { DirectiveInfo, ModuleInfo, RemovedDirectiveInfo } from './types';

export * from './types';
export { DIRECTIVES, MODULES, MODULE_LOADING, REMOVED_DIRECTIVES, SCHEMA_SOURCE, ENUMS };

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

/** The lighttpd release the schema describes (newest known release). */
export const NEWEST_VERSION = '1.4.85';

/** Condition objects and their fields, e.g. HTTP -> [host, url, ...]; REQUEST_HEADER takes any name. */
export const CONDITION_FIELDS: Readonly<Record<string, readonly string[] | 'any'>> = (() => {
  const cf = ENUMS['condition_fields'] as Record<string, unknown>;
  const out: Record<string, readonly string[] | 'any'> = {};
  for (const [obj, v] of Object.entries(cf)) {
    if (!obj.startsWith('$')) continue;
    out[obj.slice(1)] = typeof v === 'string' ? 'any' : Object.keys(v as object);
  }
  return out;
})();

export const CONDITION_OPERATORS: readonly string[] = Object.keys(ENUMS['condition_operators'] as object).filter((k) =>
  /^[=!]/.test(k),
);

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
