import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  DIRECTIVES,
  MODULES,
  getDirective,
  getModule,
  CONDITION_FIELDS,
  CONDITION_OPERATORS,
  compareVersions,
} from '../../server/src/schema';
import { REPO_ROOT } from '../helpers/corpus';

const SOURCE =
  process.env.LIGHTTPD_DIRECTIVES_JSON ?? resolve(REPO_ROOT, '../shared/reference/lighttpd-directives.json');

test('generated files carry the generated header', () => {
  for (const f of ['directives.generated.ts', 'enums.generated.ts']) {
    assert.match(readFileSync(join(REPO_ROOT, 'server/src/schema', f), 'utf8'), /^\/\/ GENERATED FILE - DO NOT EDIT/);
  }
});

test(
  'checked-in schema matches its source (npm run gen:schema -- --check)',
  { skip: existsSync(SOURCE) ? undefined : `schema source not found at ${SOURCE}` },
  () => {
    const r = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts/gen-schema.mjs'), '--check'], {
      encoding: 'utf8',
      env: { ...process.env, LIGHTTPD_DIRECTIVES_JSON: SOURCE },
    });
    assert.equal(r.status, 0, r.stderr + r.stdout);
  },
);

test('tables hold every directive and module', () => {
  assert.ok(DIRECTIVES.length >= 260, `${DIRECTIVES.length}`);
  assert.equal(getDirective('proxy.server')?.module, 'mod_proxy');
  assert.equal(getDirective('scgi.server')?.type, 'array-kvarray');
  assert.equal(getDirective('server.document-root')?.module, 'core');
  assert.ok(getDirective('ssl.pemfile')?.modules.includes('mod_openssl'));
  assert.equal(getModule('mod_compress')?.status, 'removed');
  assert.equal(getModule('mod_compress')?.replacement, 'mod_deflate');
  assert.ok(MODULES.some((m) => m.name === 'mod_scgi' && m.keys.includes('scgi.server')));
});

test('condition fields and operators', () => {
  assert.ok((CONDITION_FIELDS.HTTP as string[]).includes('remote-ip'));
  assert.deepEqual(CONDITION_FIELDS.SERVER, ['socket']);
  assert.equal(CONDITION_FIELDS.REQUEST_HEADER, 'any');
  assert.deepEqual([...CONDITION_OPERATORS].sort(), ['!=', '!~', '=$', '==', '=^', '=~']);
});

test('version comparison', () => {
  assert.ok(compareVersions('1.4.69', '1.4.74') < 0);
  assert.ok(compareVersions('1.4.100', '1.4.85') > 0);
  assert.equal(compareVersions('<=1.4.40', '1.4.40'), 0);
});
