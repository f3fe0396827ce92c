#!/usr/bin/env node
// Regenerates server/src/schema/*.generated.ts from the lighttpd key tables.
//
// Input: lighttpd-directives.json, a table extracted from lighttpd's own `config_plugin_keys_t cpk[]`
// arrays (src/configfile.c, src/mod_*.c) at a pinned lighttpd1.4 commit. Default location is
// ../shared/reference/lighttpd-directives.json; override with LIGHTTPD_DIRECTIVES_JSON=path.
//
// Usage: npm run gen:schema            (writes the files)
//        npm run gen:schema -- --check (exits 1 when the checked-in files are stale)
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const input = process.env.LIGHTTPD_DIRECTIVES_JSON ?? resolve(root, '../shared/reference/lighttpd-directives.json');
const check = process.argv.includes('--check');

if (!existsSync(input)) {
  console.error(`gen-schema: input not found: ${input} (set LIGHTTPD_DIRECTIVES_JSON)`);
  process.exit(2);
}
const src = JSON.parse(readFileSync(input, 'utf8'));

const header = (what) =>
  `// GENERATED FILE - DO NOT EDIT. Regenerate with \`npm run gen:schema\`.\n` +
  `// ${what}\n// Source: lighttpd-directives.json, ${src.meta?.describe ?? src.version} (${src.meta?.commit ?? ''})\n` +
  `/* eslint-disable */\n`;

// "1.4.1" / "<=1.4.40" -> "1.4.40" style strings stay as they are: consumers compare with compareVersions().
const directives = src.directives
  .map((d) => {
    const modules = d.modules ? [...d.modules].sort() : [d.module];
    const out = { key: d.key, module: d.module, modules, type: d.type, scope: d.scope, since: d.since };
    if (d.deprecated) out.deprecated = d.deprecated;
    if (d.enum) out.enum = d.enum;
    if (d.type_variants) out.typeVariants = d.type_variants;
    return out;
  })
  .sort((a, b) => a.key.localeCompare(b.key));

const removedDirectives = src.removed_directives
  .map((d) => ({
    key: d.key,
    module: d.module,
    removedIn: d.removed_in,
    note: d.deprecated,
  }))
  .sort((a, b) => a.key.localeCompare(b.key));

const modules = src.modules
  .map((m) => {
    const out = {
      name: m.name,
      status: m.status,
      since: m.since,
      purpose: m.purpose ?? null,
      keys: [...(m.keys ?? [])].sort(),
    };
    if (m.status === 'removed') {
      out.removedIn = m.removed_in;
      out.replacement = m.replacement ?? null;
    }
    if (m.implicit_load) out.implicitLoad = m.implicit_load;
    if (m.builtin_into_executable) out.builtin = true;
    return out;
  })
  .sort((a, b) => a.name.localeCompare(b.name));

const ml = src.module_loading;
const moduleLoading = {
  implicit: ml.implicit,
  builtinSince: ml.builtin_into_executable?.since ?? null,
  builtinModules: ml.builtin_into_executable?.modules ?? [],
  orderingConstraints: (ml.ordering_constraints ?? []).map((c) => ({
    rule: c.rule,
    severity: c.severity,
    since: c.since ?? null,
  })),
};

const enums = src.enums;

const files = {
  'directives.generated.ts':
    header('Every config key lighttpd knows, the removed ones, and the modules that consume them.') +
    `import type { DirectiveInfo, RemovedDirectiveInfo, ModuleInfo, ModuleLoadingInfo } from './types';\n\n` +
    `export const SCHEMA_SOURCE = ${JSON.stringify({ describe: src.meta?.describe ?? null, commit: src.meta?.commit ?? null })} as const;\n\n` +
    `export const DIRECTIVES: readonly DirectiveInfo[] = ${JSON.stringify(directives, null, 1)};\n\n` +
    `export const REMOVED_DIRECTIVES: readonly RemovedDirectiveInfo[] = ${JSON.stringify(removedDirectives, null, 1)};\n\n` +
    `export const MODULES: readonly ModuleInfo[] = ${JSON.stringify(modules, null, 1)};\n\n` +
    `export const MODULE_LOADING: ModuleLoadingInfo = ${JSON.stringify(moduleLoading, null, 1)};\n`,
  'enums.generated.ts':
    header('Value enums, backend host keys, condition fields and operators.') +
    `// The shapes differ per entry; typed accessors live in ./index.ts.\n` +
    `export const ENUMS: Readonly<Record<string, any>> = ${JSON.stringify(enums, null, 1)};\n`,
};

let stale = false;
for (const [name, text] of Object.entries(files)) {
  const path = join(root, 'server/src/schema', name);
  const old = existsSync(path) ? readFileSync(path, 'utf8') : '';
  if (old === text) continue;
  stale = true;
  if (!check) {
    writeFileSync(path, text);
    console.log(`wrote ${path}`);
  }
}
if (check && stale) {
  console.error('gen-schema: generated schema files are stale; run npm run gen:schema');
  process.exit(1);
}
if (!stale) console.log('schema up to date');
