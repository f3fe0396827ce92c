/**
 * Checks the directive table (server/src/schema/) for what TypeScript cannot: sorted and unique keys,
 * modules that exist, versions that are versions, replacements that name a directive, value sets and key
 * sets that fit the directive's type. Runs from the repository alone (no lighttpd tree, no ../shared).
 *
 * Usage: npm run schema:check    (also run by test/unit/schema.test.ts)
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DIRECTIVE_TABLE, REMOVED_TABLE } from '../server/src/schema/directives';
import { MODULE_TABLE } from '../server/src/schema/modules';
import type { DirectiveEntry, KeySet, ValueSet } from '../server/src/schema/types';

const VERSION = /^(<=)?1\.4\.\d+$/;

export function checkSchema(): string[] {
  const problems: string[] = [];
  const bad = (key: string, what: string) => problems.push(`${key}: ${what}`);
  const modules = new Set(MODULE_TABLE.map((m) => m.name));
  const current = new Set<string>();

  const sorted = (list: readonly { key: string }[], name: string) => {
    for (let i = 1; i < list.length; i++)
      if (list[i - 1].key.localeCompare(list[i].key) >= 0)
        bad(list[i].key, `${name} is not sorted by key (or has it twice), after ${list[i - 1].key}`);
  };
  sorted(DIRECTIVE_TABLE, 'DIRECTIVE_TABLE');
  sorted(REMOVED_TABLE, 'REMOVED_TABLE');
  for (const d of DIRECTIVE_TABLE) current.add(d.key);

  const checkValues = (key: string, set: ValueSet) => {
    if (set.values.length === 0) bad(key, 'empty value set');
    const seen = new Set<string>();
    for (const v of set.values) {
      if (seen.has(v.value)) bad(key, `value "${v.value}" twice`);
      seen.add(v.value);
    }
  };
  const checkKeys = (d: DirectiveEntry, set: KeySet) => {
    if (!d.type.startsWith('array')) bad(d.key, `a key set on a ${d.type} directive`);
    if (set.keys.length === 0 && set.outside !== 'accepted') bad(d.key, 'an empty key set that rejects every key');
    const seen = new Set<string>();
    for (const k of set.keys) {
      if (seen.has(k.key)) bad(d.key, `sub-key "${k.key}" twice`);
      seen.add(k.key);
      if (k.since && !VERSION.test(k.since)) bad(d.key, `sub-key "${k.key}" since "${k.since}" is not a version`);
      if (k.values) checkValues(`${d.key} "${k.key}"`, k.values);
    }
  };

  for (const d of DIRECTIVE_TABLE) {
    for (const m of [d.module, ...(d.modules ?? [])])
      if (m !== 'core' && !modules.has(m)) bad(d.key, `module ${m} is not in MODULE_TABLE`);
    if (d.modules && !d.modules.includes(d.module)) bad(d.key, `modules does not include module ${d.module}`);
    if (!VERSION.test(d.since)) bad(d.key, `since "${d.since}" is not a version`);
    const dep = d.deprecated;
    if (dep?.replacement && !current.has(dep.replacement))
      bad(d.key, `replacement ${dep.replacement} is not a directive`);
    if (dep?.rename && !dep.replacement) bad(d.key, 'rename without a replacement');
    if (d.values) {
      checkValues(d.key, d.values);
      if (d.type === 'boolean') bad(d.key, 'a value set on a boolean directive (booleans have their own words)');
    }
    if (d.keys) checkKeys(d, d.keys);
    if (d.range && d.type !== 'short' && d.type !== 'int') bad(d.key, `a range on a ${d.type} directive`);
    if (d.substitution && d.type !== 'array-kvstring') bad(d.key, `substitution on a ${d.type} directive`);
    if (d.patternValues && d.type !== 'array-vlist') bad(d.key, `patternValues on a ${d.type} directive`);
    for (const m of Object.keys(d.typeVariants ?? {}))
      if (!modules.has(m)) bad(d.key, `type variant of unknown module ${m}`);
    if (!d.doc?.summary && d.doc) bad(d.key, 'doc without a summary');
  }
  for (const r of REMOVED_TABLE) {
    if (current.has(r.key)) bad(r.key, 'both current and removed');
    if (r.module !== 'core' && !modules.has(r.module)) bad(r.key, `module ${r.module} is not in MODULE_TABLE`);
    if (!VERSION.test(r.removedIn)) bad(r.key, `removedIn "${r.removedIn}" is not a version`);
    if (r.replacement && !current.has(r.replacement)) bad(r.key, `replacement ${r.replacement} is not a directive`);
    if (r.rename && !r.replacement) bad(r.key, 'rename without a replacement');
  }
  const names = MODULE_TABLE.map((m) => m.name);
  for (let i = 1; i < names.length; i++)
    if (names[i - 1].localeCompare(names[i]) >= 0) bad(names[i], 'MODULE_TABLE is not sorted (or has it twice)');
  for (const m of MODULE_TABLE) {
    if (!VERSION.test(m.since)) bad(m.name, `since "${m.since}" is not a version`);
    if (m.status === 'removed' && !(m.removedIn && VERSION.test(m.removedIn))) bad(m.name, 'removed without removedIn');
  }
  return problems;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const problems = checkSchema();
  for (const p of problems) console.error(p);
  console.log(
    problems.length
      ? `${problems.length} problems in the schema`
      : `schema ok: ${DIRECTIVE_TABLE.length} directives, ${REMOVED_TABLE.length} removed, ${MODULE_TABLE.length} modules`,
  );
  process.exit(problems.length ? 1 : 0);
}
