import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { found, quickFixes, severities } from '../../helpers/diagnostics';
import { socketProblem } from '../../../server/src/features/checks/sockets';

describe('implicit-module', () => {
  const CODES = ['implicit-module', 'module-not-loaded'];
  test('ssl.* without a TLS module: lighttpd loads mod_openssl itself (and warns)', () => {
    const text =
      'server.modules = ( "mod_access" )\n$SERVER["socket"] == ":443" {\n  ssl.engine = "enable"\n  ssl.pemfile = "/x.pem"\n}\n';
    assert.deepEqual(found(text, CODES), [['implicit-module', 'ssl.engine']]);
    assert.deepEqual(severities(text, 'implicit-module'), ['warning']);
    assert.deepEqual(quickFixes(text, 'implicit-module')[0], [
      'Add "mod_openssl" to server.modules',
      text.replace('( "mod_access" )', '( "mod_access", "mod_openssl" )'),
    ]);
    for (const m of ['mod_openssl', 'mod_gnutls', 'mod_mbedtls', 'mod_wolfssl', 'mod_nss'])
      assert.deepEqual(found(text.replace('"mod_access"', `"mod_access", "${m}"`), CODES), [], m);
    // compat module loading off: lighttpd loads nothing itself, the module's keys are unknown (ssl.engine is
    // read by the core, src/network.c)
    assert.deepEqual(found('server.compat-module-load = "disable"\n' + text, CODES), [
      ['module-not-loaded', 'ssl.pemfile'],
    ]);
    // an unknown module set (include_shell) says nothing
    assert.deepEqual(found('include_shell "cat x"\n' + text, CODES), []);
  });
  test('auth.backend of mod_authn_file with mod_auth but without mod_authn_file', () => {
    const text = 'server.modules = ( "mod_auth" )\nauth.backend = "htpasswd"\nauth.backend.htpasswd.userfile = "/x"\n';
    assert.deepEqual(found(text, CODES), [['implicit-module', '"htpasswd"']]);
    assert.deepEqual(found(text.replace('"mod_auth"', '"mod_auth", "mod_authn_file"'), CODES), []);
    assert.deepEqual(found(text.replace('"htpasswd"', '"ldap"').replace(/auth\.backend\.htpasswd.*\n/, ''), CODES), []);
    assert.deepEqual(
      quickFixes(text, 'implicit-module')[0][1].split('\n')[0],
      'server.modules = ( "mod_auth", "mod_authn_file" )',
    );
  });
});

describe('module-order', () => {
  const CODES = ['module-order'];
  test('mod_auth after a dynamic backend (1.4.64+), with a fix that moves it', () => {
    const text = 'server.modules = ( "mod_fastcgi", "mod_auth" )\n';
    assert.deepEqual(found(text, CODES), [['module-order', '"mod_auth"']]);
    assert.deepEqual(found(text, CODES, { version: '1.4.63' }), []);
    assert.deepEqual(quickFixes(text, 'module-order')[0], [
      'Move "mod_auth" before "mod_fastcgi"',
      'server.modules = ( "mod_auth", "mod_fastcgi" )\n',
    ]);
    assert.deepEqual(found('server.modules = ( "mod_auth", "mod_fastcgi" )\n', CODES), []);
    // across += (the final list counts), reported where mod_auth is written
    assert.deepEqual(found('server.modules = ( "mod_proxy" )\nserver.modules += ( "mod_auth" )\n', CODES), [
      ['module-order', '"mod_auth"'],
    ]);
  });
  test('a dynamic backend after mod_staticfile (1.4.72+)', () => {
    const text = 'server.modules = ( "mod_staticfile", "mod_proxy" )\n';
    assert.deepEqual(found(text, CODES), [['module-order', '"mod_proxy"']]);
    assert.deepEqual(found(text, CODES, { version: '1.4.71' }), []);
    assert.deepEqual(quickFixes(text, 'module-order')[0][1], 'server.modules = ( "mod_proxy", "mod_staticfile" )\n');
  });
});

describe('run-as-root', () => {
  test('server.username / server.groupname naming root', () => {
    assert.deepEqual(found('server.username = "root"\nserver.groupname = "root"\n', ['run-as-root']), [
      ['run-as-root', '"root"'],
      ['run-as-root', '"root"'],
    ]);
    assert.deepEqual(found('server.username = "www-data"\nserver.groupname = "wheel"\n', ['run-as-root']), []);
    assert.deepEqual(found('server.groupname = "wheel"\n', ['run-as-root'], { platform: 'freebsd' }).length, 1);
    assert.deepEqual(quickFixes('server.port = 80\nserver.username = "root"\n', 'run-as-root')[0], [
      'Remove the line',
      'server.port = 80\n',
    ]);
  });
});

describe('invalid-socket', () => {
  test('values as lighttpd 1.4.69 parses them (each checked with lighttpd -t / -tt in startupAgreement.test.ts)', () => {
    const bad = [
      '1.2.3.4:99999',
      ':99999',
      ':0',
      '1.2.3.4:0',
      'localhost:abc',
      '[::1',
      '[::g]:80',
      '::1',
      '1::2:80',
      '256.1.1.1:80',
      '[::1]:99999',
      ':abc',
      '',
      ':',
      '[]:',
      '[::1]x',
      'a b:80',
      '/tmp/' + 'a'.repeat(120) + '.sock',
    ];
    const good = [
      '1.2.3.4:',
      '[::1]:80',
      '[]:80',
      '*:8081',
      'example.invalid:80',
      '1.2.3.4:0x50',
      '/tmp/x.sock',
      '1.2.3:80',
      '0.0.0.0:8081',
      ':80abc',
      '[::1]:',
      '[fe80::1%eth0]:80',
      '127.0.0.1',
      ':443',
    ];
    for (const v of bad) assert.ok(socketProblem(v, true), `"${v}" should be refused`);
    for (const v of good) assert.equal(socketProblem(v, true), undefined, `"${v}" should be accepted`);
    // only the parse-time check for other operators
    assert.equal(socketProblem(':99999', false), undefined);
    assert.ok(socketProblem('^:80$', false)?.parseTime);
  });
  test('reported on the value', () => {
    const text = '$SERVER["socket"] == "1.2.3.4:99999" { server.name = "a" }\n';
    assert.deepEqual(found(text, ['invalid-socket']), [['invalid-socket', '"1.2.3.4:99999"']]);
    assert.deepEqual(severities(text, 'invalid-socket'), ['error']);
    assert.deepEqual(found('$SERVER["socket"] == ":443" { server.name = "a" }\n', ['invalid-socket']), []);
  });
});

describe('messages of the TLS options', () => {
  test('ssl.cipher-list: no double colon; ssl.use-compression: never an option, with a fix that removes it', async () => {
    const { diagnosticsOf } = await import('../../helpers/diagnostics');
    const m = diagnosticsOf('ssl.cipher-list = "HIGH"\n').find((d) => d.code === 'deprecated-directive')?.message ?? '';
    assert.doesNotMatch(m, /: :/);
    assert.match(m, /^ssl\.cipher-list is deprecated: lighttpd logs/);
    const text = 'server.port = 443\nssl.use-compression = "disable"\n';
    const u = diagnosticsOf(text).find((d) => d.code === 'unknown-directive')?.message ?? '';
    assert.match(u, /never a lighttpd option/);
    assert.deepEqual(quickFixes(text, 'unknown-directive')[0], ['Remove the line', 'server.port = 443\n']);
  });
});
