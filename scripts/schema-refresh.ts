/**
 * Compares the directive table (server/src/schema/directives.ts) with a lighttpd source tree and reports
 * what differs in what can be derived from the source: key names, the modules that read each key, its
 * type and its scope (the `config_plugin_keys_t` arrays of src/*.c), and the backend options of
 * src/gw_backend.c. With --write it brings those fields up to date in the table, adds a skeleton entry
 * for each new key (since = the tree's version, to be reviewed) and records the tree it was compared with;
 * everything else in an entry (since, deprecations, value sets, docs) stays ours to edit.
 *
 * Usage: npm run schema:refresh -- /path/to/lighttpd1.4 [--write]
 * Exit status: 0 when the table agrees with the tree, 1 when it differs (after --write: when something is
 * left for a human, e.g. a key that disappeared), 2 on bad usage.
 *
 * Nothing from the tree is copied but key names and their types.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { DIRECTIVES, REMOVED_DIRECTIVES, SCHEMA_SOURCE, getDirective, type DirectiveType } from '../server/src/schema';
import { GW_BACKEND_OPTIONS } from '../server/src/schema/valueSets';

const TYPES: Readonly<Record<string, DirectiveType>> = {
  T_CONFIG_STRING: 'string',
  T_CONFIG_SHORT: 'short',
  T_CONFIG_INT: 'int',
  T_CONFIG_BOOL: 'boolean',
  T_CONFIG_ARRAY: 'array',
  T_CONFIG_ARRAY_KVANY: 'array-kvany',
  T_CONFIG_ARRAY_KVARRAY: 'array-kvarray',
  T_CONFIG_ARRAY_KVSTRING: 'array-kvstring',
  T_CONFIG_ARRAY_VLIST: 'array-vlist',
};
const SCOPES: Readonly<Record<string, string>> = {
  T_CONFIG_SCOPE_SERVER: 'server',
  T_CONFIG_SCOPE_CONNECTION: 'connection',
  T_CONFIG_SCOPE_SOCKET: 'socket',
};

export interface SourceKey {
  readonly key: string;
  /** Per reading file: "core" for the server itself, else the module. */
  readonly readers: Map<string, { type: string; scope: string }>;
}

/** The keys the tree's `config_plugin_keys_t` arrays declare; backend options separately. */
export function readTree(root: string): { keys: Map<string, SourceKey>; backend: Map<string, string> } {
  const src = join(root, 'src');
  const keys = new Map<string, SourceKey>();
  const backend = new Map<string, string>();
  for (const file of readdirSync(src).sort()) {
    if (!file.endsWith('.c')) continue;
    const text = readFileSync(join(src, file), 'latin1').replace(/\/\*[\s\S]*?\*\//g, ' ');
    const reader = file.startsWith('mod_') ? basename(file, '.c') : 'core';
    for (const block of text.matchAll(/config_plugin_keys_t\s+\w+\s*\[\]\s*=\s*\{([\s\S]*?)\n\s*\};/g)) {
      for (const m of block[1].matchAll(
        /CONST_STR_LEN\("([^"]+)"\)\s*,\s*(T_CONFIG_\w+)\s*,\s*(T_CONFIG_SCOPE_\w+)/g,
      )) {
        const [, key, ctype, cscope] = m;
        if (/-placeholder-/.test(key)) continue; // slots lighttpd keeps in its arrays, not keys users write
        const type = TYPES[ctype] ?? ctype;
        if (file === 'gw_backend.c') {
          backend.set(key, type);
          continue;
        }
        const entry = keys.get(key) ?? { key, readers: new Map() };
        entry.readers.set(reader, { type, scope: SCOPES[cscope] ?? cscope });
        keys.set(key, entry);
      }
    }
  }
  return { keys, backend };
}

/** The tree's version: `git describe` when it is a checkout, else meson.build's project version. */
export function treeVersion(root: string): { describe: string | null; commit: string | null; version: string | null } {
  let describe: string | null = null;
  let commit: string | null = null;
  if (existsSync(join(root, '.git'))) {
    try {
      describe = execFileSync('git', ['-C', root, 'describe', '--tags'], { encoding: 'utf8' }).trim();
      commit = execFileSync('git', ['-C', root, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
    } catch {
      /* not a usable checkout */
    }
  }
  const meson = join(root, 'meson.build');
  const version = existsSync(meson) ? (/\bversion:\s*'([\d.]+)'/.exec(readFileSync(meson, 'utf8'))?.[1] ?? null) : null;
  return { describe, commit, version };
}

export interface Difference {
  readonly key: string;
  readonly what:
    | 'new'
    | 'gone'
    | 'removed-but-present'
    | 'modules'
    | 'type'
    | 'scope'
    | 'backend-new'
    | 'backend-gone'
    | 'backend-type';
  readonly ours?: string;
  readonly theirs?: string;
}

/** The primary module: the one module that reads the key, else core when core reads it, else the first. */
function primaryOf(readers: readonly string[]): string {
  const mods = readers.filter((r) => r !== 'core');
  if (readers.includes('core') || mods.length === 0) return 'core';
  return mods[0];
}

/** Type and scope lighttpd declares: the same in every reader, else (TLS variants) that of the primary. */
function declared(k: SourceKey): { type: string; scope: string; variants?: Record<string, string> } {
  const all = [...k.readers.entries()];
  const types = new Set(all.map(([, v]) => v.type));
  const primary = k.readers.get(primaryOf([...k.readers.keys()])) ?? all[0][1];
  if (types.size === 1) return primary;
  return { ...primary, variants: Object.fromEntries(all.map(([r, v]) => [r, v.type])) };
}

export function compare(tree: ReturnType<typeof readTree>): Difference[] {
  const out: Difference[] = [];
  const removed = new Set(REMOVED_DIRECTIVES.map((d) => d.key));
  for (const k of [...tree.keys.values()].sort((a, b) => a.key.localeCompare(b.key))) {
    const readers = [...k.readers.keys()].sort();
    const d = getDirective(k.key);
    const { type, scope, variants } = declared(k);
    if (!d) {
      out.push({
        key: k.key,
        what: removed.has(k.key) ? 'removed-but-present' : 'new',
        theirs: `${readers.join(' ')} ${type} ${scope}`,
      });
      continue;
    }
    const ours = [...new Set(d.modules)].sort();
    if (ours.join(' ') !== readers.join(' '))
      out.push({ key: k.key, what: 'modules', ours: ours.join(' '), theirs: readers.join(' ') });
    if (!variants && d.type !== type) out.push({ key: k.key, what: 'type', ours: d.type, theirs: type });
    if (
      variants &&
      JSON.stringify(d.typeVariants ?? {}) !== JSON.stringify(Object.fromEntries(Object.entries(variants).sort()))
    )
      out.push({
        key: k.key,
        what: 'type',
        ours: JSON.stringify(d.typeVariants ?? d.type),
        theirs: JSON.stringify(variants),
      });
    if (d.scope !== scope) out.push({ key: k.key, what: 'scope', ours: d.scope, theirs: scope });
  }
  for (const d of DIRECTIVES)
    if (!tree.keys.has(d.key)) out.push({ key: d.key, what: 'gone', ours: d.modules.join(' ') });
  const ourBackend = new Map(GW_BACKEND_OPTIONS.keys.map((k) => [k.key, k.type]));
  for (const [key, type] of tree.backend) {
    if (!ourBackend.has(key)) out.push({ key, what: 'backend-new', theirs: type });
    else if (ourBackend.get(key) !== type)
      out.push({ key, what: 'backend-type', ours: ourBackend.get(key), theirs: type });
  }
  for (const key of ourBackend.keys()) if (!tree.backend.has(key)) out.push({ key, what: 'backend-gone' });
  return out;
}

const SELF = fileURLToPath(import.meta.url);
const TABLE = resolve(dirname(SELF), '../server/src/schema/directives.ts');

/** Applies the derivable differences to the table's text; returns what is left for a human. */
export function applyToTable(
  text: string,
  tree: ReturnType<typeof readTree>,
  diffs: readonly Difference[],
  since: string,
  source: object,
): { text: string; left: Difference[] } {
  const left: Difference[] = [];
  const entryRange = (key: string): [number, number] | undefined => {
    const at = text.indexOf(`\n    key: '${key}',\n`);
    if (at < 0) return undefined;
    const start = text.lastIndexOf('\n  {', at) + 1;
    const end = text.indexOf('\n  },\n', at) + '\n  },\n'.length;
    return [start, end];
  };
  const edit = (key: string, fn: (entry: string) => string) => {
    const r = entryRange(key);
    if (!r) return false;
    text = text.slice(0, r[0]) + fn(text.slice(r[0], r[1])) + text.slice(r[1]);
    return true;
  };
  for (const d of diffs) {
    const k = tree.keys.get(d.key);
    if (d.what === 'type' && k && !declared(k).variants) {
      edit(d.key, (e) => e.replace(/^ {4}type: '[^']*',$/m, `    type: '${d.theirs}',`));
    } else if (d.what === 'scope') {
      edit(d.key, (e) => e.replace(/^ {4}scope: '[^']*',$/m, `    scope: '${d.theirs}',`));
    } else if (d.what === 'modules' && k) {
      const readers = d.theirs!.split(' ');
      const primary = primaryOf(readers);
      edit(d.key, (e) => {
        e = e.replace(/^ {4}modules: \[[\s\S]*?\],\n/m, '');
        e = e.replace(/^ {4}module: '[^']*',\n/m, `    module: '${primary}',\n`);
        if (readers.length > 1 || readers[0] !== primary)
          e = e.replace(/^( {4}module: '[^']*',\n)/m, `$1    modules: [${readers.map((r) => `'${r}'`).join(', ')}],\n`);
        return e;
      });
    } else if (d.what === 'new' && k) {
      const readers = [...k.readers.keys()].sort();
      const primary = primaryOf(readers);
      const { type, scope } = declared(k);
      const lines = [`  {`, `    key: '${d.key}',`, `    module: '${primary}',`];
      if (readers.length > 1 || readers[0] !== primary)
        lines.push(`    modules: [${readers.map((r) => `'${r}'`).join(', ')}],`);
      lines.push(`    type: '${type}',`, `    scope: '${scope}',`, `    since: '${since}',`, `  },`, '');
      const table = text.indexOf('export const DIRECTIVE_TABLE');
      const tableEnd = text.indexOf('\n];\n', table);
      let at = tableEnd + 1;
      for (const m of text.slice(table, tableEnd).matchAll(/\n {2}\{\n {4}key: '([^']+)',/g)) {
        if (m[1].localeCompare(d.key) > 0) {
          at = table + m.index! + 1;
          break;
        }
      }
      text = text.slice(0, at) + lines.join('\n') + text.slice(at);
    } else {
      left.push(d);
    }
  }
  text = text.replace(
    /export const SCHEMA_SOURCE = \{[\s\S]*?\} as const;/,
    `export const SCHEMA_SOURCE = ${JSON.stringify(source)} as const;`,
  );
  return { text, left };
}

function describe(d: Difference): string {
  switch (d.what) {
    case 'new':
      return `new key ${d.key} (${d.theirs})`;
    case 'gone':
      return `${d.key} is no longer in the tree (read by ${d.ours}): removed? move it to REMOVED_TABLE with removedIn`;
    case 'removed-but-present':
      return `${d.key} is in REMOVED_TABLE but the tree still reads it (${d.theirs})`;
    case 'backend-new':
      return `new backend option "${d.key}" (${d.theirs}): add it to GW_BACKEND_OPTIONS (valueSets.ts) with its since`;
    case 'backend-gone':
      return `backend option "${d.key}" is no longer in src/gw_backend.c`;
    case 'backend-type':
      return `backend option "${d.key}": ${d.ours} here, ${d.theirs} in the tree (valueSets.ts)`;
    default:
      return `${d.key}: ${d.what} ${d.ours} here, ${d.theirs} in the tree`;
  }
}

async function main(argv: string[]): Promise<number> {
  const write = argv.includes('--write');
  const root = argv.find((a) => !a.startsWith('--'));
  if (!root || !existsSync(join(root, 'src', 'configfile.c'))) {
    console.error('usage: npm run schema:refresh -- /path/to/lighttpd1.4 [--write]   (a lighttpd 1.4 source tree)');
    return 2;
  }
  const tree = readTree(root);
  const version = treeVersion(root);
  const diffs = compare(tree);
  console.log(
    `lighttpd tree ${version.describe ?? version.version ?? '(unknown version)'}: ${tree.keys.size} keys, ${tree.backend.size} backend options; table: ${DIRECTIVES.length} keys (last compared with ${SCHEMA_SOURCE.describe})`,
  );
  if (!write) {
    for (const d of diffs) console.log('  ' + describe(d));
    console.log(
      diffs.length
        ? `${diffs.length} differences (npm run schema:refresh -- ${root} --write applies the derivable ones)`
        : 'the table agrees with the tree',
    );
    return diffs.length ? 1 : 0;
  }
  const since = version.version ?? version.describe?.replace(/^lighttpd-/, '').replace(/-.*$/, '') ?? 'unknown';
  const source = { describe: version.describe ?? `lighttpd-${since}`, commit: version.commit };
  const { text, left } = applyToTable(readFileSync(TABLE, 'utf8'), tree, diffs, since, source);
  const options = (await prettier.resolveConfig(TABLE)) ?? {};
  writeFileSync(TABLE, await prettier.format(text, { ...options, filepath: TABLE }));
  console.log(
    `wrote ${TABLE}: ${diffs.length - left.length} differences applied (review new entries: since ${since}, docs)`,
  );
  for (const d of left) console.log('  left for you: ' + describe(d));
  return left.length ? 1 : 0;
}

if (process.argv[1] && resolve(process.argv[1]) === SELF) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      console.error(e);
      process.exit(2);
    },
  );
}
