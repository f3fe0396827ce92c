import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { found } from '../../helpers/diagnostics';
import { normalizeSettings, normalizeSeverityMap, normalizeVersionSetting } from '../../../server/src/settings';
import { normalizeVersion } from '../../../server/src/features/checks/context';

const N = ['newer-than-target'];

describe('newer-than-target (syntax)', () => {
  test('=^ and =$ need 1.4.65', () => {
    const text = '$HTTP["url"] =^ "/a" { server.name = "a" }\n$HTTP["url"] =$ ".b" { server.name = "b" }\n';
    assert.deepEqual(found(text, N, { version: '1.4.64' }), [
      ['newer-than-target', '=^'],
      ['newer-than-target', '=$'],
    ]);
    assert.deepEqual(found(text, N, { version: '1.4.65' }), []);
  });
  test(':= needs 1.4.46', () => {
    assert.deepEqual(found('server.port := 80\n', N, { version: '1.4.45' }), [['newer-than-target', ':=']]);
    assert.deepEqual(found('server.port := 80\n', N, { version: '1.4.46' }), []);
  });
  test('bare else needs 1.4.42', () => {
    const text = '$HTTP["host"] == "a" { server.name = "a" }\nelse { server.name = "b" }\n';
    assert.deepEqual(found(text, N, { version: '1.4.41' }), [['newer-than-target', 'else']]);
    assert.deepEqual(found(text, N, { version: '1.4.42' }), []);
  });
  test('if / elif / elsif / elseif need 1.4.74', () => {
    const text =
      'if $HTTP["host"] == "a" { server.name = "a" }\nelif $HTTP["host"] == "b" { server.name = "b" }\nelse if $HTTP["host"] == "c" { server.name = "c" }\n';
    assert.deepEqual(found(text, N, { version: '1.4.69' }), [
      ['newer-than-target', 'if'],
      ['newer-than-target', 'elif'],
      ['newer-than-target', 'if'],
    ]);
    assert.deepEqual(found(text, N, { version: '1.4.74' }), []);
    assert.deepEqual(found(text, N), []);
  });
  test('$REQUEST_HEADER needs 1.4.46', () => {
    assert.deepEqual(found('$REQUEST_HEADER["X-A"] == "1" { server.name = "a" }\n', N, { version: '1.4.45' }), [
      ['newer-than-target', '$REQUEST_HEADER'],
    ]);
  });
});

describe('lighttpd.version and lighttpd.diagnostics.severity settings', () => {
  test('versions are normalised; anything else means the newest release', () => {
    assert.equal(normalizeVersionSetting('1.4.69'), '1.4.69');
    assert.equal(normalizeVersionSetting('lighttpd-1.4.69'), '1.4.69');
    assert.equal(normalizeVersionSetting('nonsense'), '1.4.85');
    assert.equal(normalizeVersionSetting(undefined), '1.4.85');
    assert.equal(normalizeVersion('1.4'), '1.4.0');
    assert.equal(normalizeSettings({ version: '1.4.60' }).version, '1.4.60');
  });
  test('severity maps accept error/warning/information/info/hint/off and drop the rest', () => {
    assert.deepEqual(
      normalizeSeverityMap({ 'unknown-directive': 'Error', 'capture-reference': 'off', x: 'loud', y: 3, z: 'info' }),
      { 'unknown-directive': 'error', 'capture-reference': 'off', z: 'information' },
    );
    assert.deepEqual(
      normalizeSettings({ diagnostics: { severity: { 'duplicate-module': 'hint' } } }).diagnosticsSeverity,
      { 'duplicate-module': 'hint' },
    );
    assert.deepEqual(normalizeSettings(undefined).diagnosticsSeverity, {});
  });
});
