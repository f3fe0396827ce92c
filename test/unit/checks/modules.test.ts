import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { diagnosticsOf, found, quickFixes, severities } from '../../helpers/diagnostics';

const CODES = ['unknown-module', 'duplicate-module', 'removed-module', 'newer-than-target'];

describe('unknown-module', () => {
  test('a name that is no module, with did-you-mean', () => {
    const text = 'server.modules = ( "mod_acess", "mod_proxy" )\n';
    assert.deepEqual(found(text, CODES), [['unknown-module', '"mod_acess"']]);
    assert.deepEqual(quickFixes(text, 'unknown-module')[0], [
      'Replace with mod_access',
      'server.modules = ( "mod_access", "mod_proxy" )\n',
    ]);
    assert.deepEqual(severities(text, 'unknown-module'), ['error']);
  });
  test('every current module is accepted', () => {
    assert.deepEqual(
      found(
        'server.modules = ( "mod_access", "mod_openssl", "mod_h2", "mod_authn_file", "mod_vhostdb_pgsql" )\n',
        CODES,
      ),
      [],
    );
  });
});

describe('duplicate-module', () => {
  test('the repeat is reported, in one list or across +=', () => {
    assert.deepEqual(found('server.modules = ( "mod_access", "mod_alias", "mod_access" )\n', CODES), [
      ['duplicate-module', '"mod_access"'],
    ]);
    assert.deepEqual(
      found('server.modules = ( "mod_access" )\nserver.modules += ( "mod_alias", "mod_access" )\n', CODES),
      [['duplicate-module', '"mod_access"']],
    );
  });
  test('no repeat, no report', () => {
    assert.deepEqual(found('server.modules = ( "mod_access" )\nserver.modules += ( "mod_alias" )\n', CODES), []);
  });
});

describe('removed-module', () => {
  test('a removed module is an error with the replacement as a fix', () => {
    const text = 'server.modules = ( "mod_secdownload" )\n';
    assert.deepEqual(found(text, CODES, { version: '1.4.69' }), [['removed-module', '"mod_secdownload"']]);
    assert.deepEqual(severities(text, 'removed-module', { version: '1.4.69' }), ['error']);
    assert.deepEqual(quickFixes(text, 'removed-module', { version: '1.4.69' })[0], [
      'Replace with mod_magnet',
      'server.modules = ( "mod_magnet" )\n',
    ]);
  });
  test('mod_compress: never fatal; 1.4.56-1.4.70 load mod_deflate in its place only with a compress.* key, 1.4.71+ always', () => {
    // lighttpd 1.4.69 -tt starts with each of these (checked in lighttpd.test.ts): src/configfile.c
    // config_deprecate_module_compress.
    const text = 'server.modules = ( "mod_compress" )\n';
    const withKey = 'server.modules = ( "mod_compress" )\ncompress.filetype = ( "text/plain" )\n';
    const withDeflate = 'server.modules = ( "mod_compress", "mod_deflate" )\n';
    for (const t of [text, withKey, withDeflate]) {
      assert.deepEqual(severities(t, 'removed-module', { version: '1.4.69' }), ['warning']);
      assert.deepEqual(severities(t, 'removed-module'), ['warning']);
      assert.deepEqual(found(t, CODES, { version: '1.4.55' }), []);
    }
    const message = (t: string, version?: string) =>
      diagnosticsOf(t, { version }).find((d) => d.code === 'removed-module')?.message ?? '';
    assert.match(message(text, '1.4.69'), /drops it/);
    assert.match(message(withKey, '1.4.69'), /loads mod_deflate in its place/);
    assert.match(message(withDeflate, '1.4.69'), /drops it.*mod_deflate is listed/);
    assert.match(message(text), /loads mod_deflate in its place/);
    assert.deepEqual(quickFixes(text, 'removed-module')[0], [
      'Replace with mod_deflate',
      'server.modules = ( "mod_deflate" )\n',
    ]);
    // mod_deflate already listed: no replacement (it would repeat mod_deflate)
    assert.deepEqual(
      quickFixes(withDeflate, 'removed-module').filter(([t]) => t.startsWith('Replace')),
      [],
    );
  });
  test('deflate.* with only mod_compress: 1.4.56-1.4.70 drop mod_compress without a compress.* key', () => {
    const text = 'server.modules = ( "mod_compress" )\ndeflate.mimetypes = ( "text/plain" )\n';
    assert.deepEqual(found(text, ['module-not-loaded'], { version: '1.4.69' }), [
      ['module-not-loaded', 'deflate.mimetypes'],
    ]);
    assert.deepEqual(found(text, ['module-not-loaded'], { version: '1.4.71' }), []);
    assert.deepEqual(found(text + 'compress.cache-dir = "/tmp"\n', ['module-not-loaded'], { version: '1.4.69' }), []);
  });
  test('two-part replacement for mod_mysql_vhost', () => {
    assert.deepEqual(quickFixes('server.modules = ( "mod_mysql_vhost" )\n', 'removed-module')[0], [
      'Replace with mod_vhostdb and mod_vhostdb_mysql',
      'server.modules = ( "mod_vhostdb", "mod_vhostdb_mysql" )\n',
    ]);
  });
  test('a module without replacement gets no fix', () => {
    assert.deepEqual(
      quickFixes('server.modules = ( "mod_flv_streaming" )\n', 'removed-module').filter(([t]) =>
        t.startsWith('Replace'),
      ),
      [],
    );
  });
  test('newer modules than the target', () => {
    assert.deepEqual(found('server.modules = ( "mod_boringssl" )\n', CODES, { version: '1.4.79' }), [
      ['newer-than-target', '"mod_boringssl"'],
    ]);
    assert.deepEqual(found('server.modules = ( "mod_boringssl" )\n', CODES, { version: '1.4.80' }), []);
  });
});
