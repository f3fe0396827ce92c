/**
 * package.json's settings follow the code: every diagnostic code is a named property of
 * lighttpd.diagnostics.severity (so the Settings UI lists them), and lighttpd.version is an enum of releases
 * with descriptions. `npm run gen:settings` rewrites them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/corpus';
import { RULES } from '../../server/src/features/diagnostics/rules';
import { NEWEST_VERSION } from '../../server/src/schema';
import { normalizeVersionSetting } from '../../server/src/settings';
import { applyGeneratedSettings } from '../../scripts/settings-schema';

const raw = readFileSync(join(REPO_ROOT, 'package.json'), 'utf8');
const pkg = JSON.parse(raw);
const props = pkg.contributes.configuration.properties;

test('package.json is in step with rules.ts and the schema (run npm run gen:settings)', () => {
  assert.equal(JSON.stringify(applyGeneratedSettings(JSON.parse(raw)), null, 2) + '\n', raw);
});

test('lighttpd.diagnostics.severity names every code, with a description', () => {
  const names = props['lighttpd.diagnostics.severity'].propertyNames;
  assert.deepEqual([...names.enum].sort(), RULES.map((r) => r.code).sort());
  assert.equal(names.enumDescriptions.length, names.enum.length);
  assert.ok(names.enumDescriptions.every((d: string) => d.length > 10));
  assert.deepEqual(props['lighttpd.diagnostics.severity'].additionalProperties.enum, [
    'error',
    'warning',
    'information',
    'hint',
    'off',
  ]);
});

test('lighttpd.version is an enum of releases, newest first and the default, each described', () => {
  const v = props['lighttpd.version'];
  assert.equal(v.enum[0], NEWEST_VERSION);
  assert.equal(v.default, NEWEST_VERSION);
  assert.ok(v.enum.includes('1.4.69'));
  assert.equal(v.enumDescriptions.length, v.enum.length);
  assert.match(v.enumDescriptions[v.enum.indexOf('1.4.74')], /if/);
  for (const r of v.enum) assert.equal(normalizeVersionSetting(r), r);
});
