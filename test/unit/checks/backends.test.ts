import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { found, severities } from '../../helpers/diagnostics';

const CODES = ['invalid-backend'];
const M = 'server.modules = ( "mod_proxy", "mod_scgi", "mod_fastcgi", "mod_wstunnel" )\n';

describe('invalid-backend (gw_backend.c, at start-up)', () => {
  test('a backend with only a port: no host, socket or bin-path', () => {
    const text = M + 'scgi.server = ( "/" => ( "127.0.0.1" => ( "port" => 4000 ) ) )\n';
    assert.deepEqual(found(text, CODES), [['invalid-backend', '"127.0.0.1"']]);
    assert.deepEqual(severities(text, 'invalid-backend'), ['error']);
    // unlabelled block: the block itself
    assert.deepEqual(found(M + 'proxy.server = ( "" => ( ( "port" => 80 ) ) )\n', CODES), [
      ['invalid-backend', '( "port" => 80 )'],
    ]);
    // a blank host is no host
    assert.deepEqual(found(M + 'proxy.server = ( "" => ( "a" => ( "host" => "", "port" => 80 ) ) )\n', CODES), [
      ['invalid-backend', '"a"'],
    ]);
  });
  test('what lighttpd accepts', () => {
    for (const block of [
      '( "host" => "127.0.0.1", "port" => 4000 )',
      '( "host" => "127.0.0.1" )',
      '( "socket" => "/run/app.sock" )',
      '( "host" => "/run/app.sock" )',
      '( "bin-path" => "/usr/bin/app", "socket" => "/run/app.sock" )',
      '( "bin-path" => "/usr/bin/app", "port" => 9000 )',
      '( "host" => var.h, "port" => 4000 )',
      '( "Host" => "127.0.0.1", "PORT" => 4000 )',
      '( "host" => "127.0.0.1", "port" => 80, "x-sendfile-docroot" => ( "/srv" ) )',
    ])
      assert.deepEqual(found(M + `var.h = "x"\nscgi.server = ( "/" => ( "app" => ${block} ) )\n`, CODES), [], block);
  });
  test('host/port together with socket', () => {
    const text = M + 'fastcgi.server = ( ".php" => ( ( "host" => "127.0.0.1", "socket" => "/run/php.sock" ) ) )\n';
    assert.deepEqual(found(text, CODES), [['invalid-backend', '"socket"']]);
    assert.deepEqual(
      found(M + 'fastcgi.server = ( ".php" => ( ( "port" => 9000, "socket" => "/run/php.sock" ) ) )\n', CODES),
      [['invalid-backend', '"socket"']],
    );
  });
  test('a unix socket path too long for sun_path (105 bytes on Linux, 101 on the BSDs)', () => {
    const ok = '/' + 'a'.repeat(104);
    const long = '/' + 'a'.repeat(105);
    assert.deepEqual(found(M + `proxy.server = ( "" => ( ( "socket" => "${ok}" ) ) )\n`, CODES), []);
    assert.deepEqual(found(M + `proxy.server = ( "" => ( ( "socket" => "${long}" ) ) )\n`, CODES), [
      ['invalid-backend', `"${long}"`],
    ]);
    assert.deepEqual(
      found(M + `proxy.server = ( "" => ( ( "host" => "${ok}" ) ) )\n`, CODES, { platform: 'freebsd' }),
      [['invalid-backend', `"${ok}"`]],
    );
  });
  test('x-sendfile-docroot entries must be absolute', () => {
    const text =
      M + 'fastcgi.server = ( ".php" => ( ( "host" => "127.0.0.1", "x-sendfile-docroot" => ( "/srv", "srv/x" ) ) ) )\n';
    assert.deepEqual(found(text, CODES), [['invalid-backend', '"srv/x"']]);
  });
  test('two programs on one socket (bin-path), across blocks and conditions', () => {
    const text =
      M +
      'fastcgi.server = ( ".php" => ( ( "bin-path" => "/usr/bin/php-cgi", "socket" => "/run/f.sock" ) ) )\n' +
      '$HTTP["host"] == "a" {\n  fastcgi.server = ( ".py" => ( ( "bin-path" => "/usr/bin/app", "socket" => "/run/f.sock" ) ) )\n}\n';
    assert.deepEqual(found(text, CODES), [['invalid-backend', '"/usr/bin/app"']]);
    // the same program: shared, fine
    assert.deepEqual(found(text.replace('"/usr/bin/app"', '"/usr/bin/php-cgi"'), CODES), []);
    // within one block's value lighttpd does not compare them
    const one =
      M +
      'fastcgi.server = ( ".php" => ( ( "bin-path" => "/usr/bin/php-cgi", "socket" => "/run/f.sock" ) ), ".py" => ( ( "bin-path" => "/usr/bin/app", "socket" => "/run/f.sock" ) ) )\n';
    assert.deepEqual(found(one, CODES), []);
  });
  test('"mode" => "authorizer" in proxy.server and wstunnel.server (1.4.56+), fine in fastcgi.server', () => {
    const block = '( "" => ( ( "host" => "127.0.0.1", "port" => 80, "mode" => "authorizer" ) ) )';
    assert.deepEqual(found(M + `proxy.server = ${block}\n`, CODES), [['invalid-backend', '"authorizer"']]);
    assert.deepEqual(found(M + `wstunnel.server = ${block}\n`, CODES), [['invalid-backend', '"authorizer"']]);
    assert.deepEqual(found(M + `proxy.server = ${block}\n`, CODES, { version: '1.4.55' }), []);
    assert.deepEqual(found(M + `fastcgi.server = ${block}\n`, CODES), []);
  });
  test('+= reports the blocks it adds on its own line', () => {
    const text =
      M +
      'proxy.server = ( "/a" => ( ( "host" => "127.0.0.1" ) ) )\nproxy.server += ( "/b" => ( ( "port" => 81 ) ) )\n';
    assert.deepEqual(found(text, CODES), [['invalid-backend', '( "port" => 81 )']]);
  });
});

describe('too-many-conditions (configfile-glue.c: 4096 contexts)', () => {
  const blocks = (n: number, f = (i: number) => `$HTTP["url"] == "/p${i}" { }\n`) =>
    Array.from({ length: n }, (_, i) => f(i)).join('');
  test('4,095 conditions are fine, the 4,096th is reported', () => {
    assert.deepEqual(found(blocks(4095), ['too-many-conditions']), []);
    const text = blocks(4100);
    assert.deepEqual(found(text, ['too-many-conditions']), [['too-many-conditions', '$HTTP["url"] == "/p4095"']]);
    assert.deepEqual(severities(text, 'too-many-conditions'), ['error']);
    assert.deepEqual(found(text, ['too-many-conditions'], { version: '1.4.55' }), []);
  });
  test('else branches and nested blocks count, repeated conditions do not', () => {
    // 2,048 pairs of a condition and its else: 4,096 blocks
    const withElse = blocks(2048, (i) => `$HTTP["url"] == "/p${i}" { } else { }\n`);
    assert.deepEqual(found(withElse, ['too-many-conditions']), [['too-many-conditions', 'else']]);
    const nested = blocks(2048, (i) => `$HTTP["url"] == "/p${i}" {\n  $HTTP["host"] == "a" { }\n}\n`);
    assert.deepEqual(found(nested, ['too-many-conditions']), [['too-many-conditions', '$HTTP["host"] == "a"']]);
    const repeated = blocks(5000, () => `$HTTP["url"] == "/p" { }\n`);
    assert.deepEqual(found(repeated, ['too-many-conditions']), []);
  });
});
