import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { diagnosticsOf, found, quickFixes, severities } from '../../helpers/diagnostics';

const T = ['type-mismatch'];
const V = ['invalid-value'];

describe('type-mismatch', () => {
  test('string directives reject numbers and lists; the message shows the shape', () => {
    assert.deepEqual(found('server.document-root = 80\n', T), [['type-mismatch', '80']]);
    assert.deepEqual(found('server.document-root = ( "/srv" )\n', T), [['type-mismatch', '( "/srv" )']]);
    const d = diagnosticsOf('server.document-root = 80\n').find((x) => x.code === 'type-mismatch')!;
    assert.ok(d.message.includes('server.document-root = "..."'), d.message);
  });
  test('short: 0..65535, decimal strings accepted (as from env.*)', () => {
    assert.deepEqual(found('server.port = 80\nserver.max-keep-alive-requests = "100"\n', T), []);
    assert.deepEqual(found('server.port = 70000\n', T), [['type-mismatch', '70000']]);
    assert.deepEqual(found('server.port = "http"\n', T), [['type-mismatch', '"http"']]);
  });
  test('short: out of range is only a warning before 1.4.73 (silently truncated)', () => {
    assert.deepEqual(severities('server.port = 70000\n', 'type-mismatch', { version: '1.4.69' }), ['warning']);
    assert.deepEqual(severities('server.port = 70000\n', 'type-mismatch'), ['error']);
  });
  test('boolean: enable/disable/true/false/1/0 in any case, or any integer', () => {
    assert.deepEqual(
      found('server.follow-symlink = "Enabled"\ndir-listing.activate = 0\nserver.range-requests = "FALSE"\n', T),
      [],
    );
    assert.deepEqual(found('server.follow-symlink = "yes"\n', T), [['type-mismatch', '"yes"']]);
  });
  test('int: integers or non-negative decimal strings', () => {
    assert.deepEqual(found('server.max-request-size = 1024\nserver.max-request-size := "2048"\n', T), []);
    assert.deepEqual(found('server.max-request-size = "-1"\n', T), [['type-mismatch', '"-1"']]);
  });
  test('list of strings rejects integers and keyed elements, element by element', () => {
    assert.deepEqual(found('index-file.names = ( "index.html", 1 )\n', T), [['type-mismatch', '1']]);
    assert.deepEqual(found('index-file.names = ( "a" => "b" )\n', T), [['type-mismatch', '"a"']]);
    assert.deepEqual(found('server.modules = "mod_access"\n', T), [['type-mismatch', '"mod_access"']]);
  });
  test('key => string lists reject integers and unkeyed elements', () => {
    assert.deepEqual(found('mimetype.assign = ( ".a" => 1, "x" )\n', T), [
      ['type-mismatch', '1'],
      ['type-mismatch', '"x"'],
    ]);
    assert.deepEqual(found('mimetype.assign = ( ".html" => "text/html" )\n', T), []);
  });
  test('key => list: every value must be a list', () => {
    assert.deepEqual(found('fastcgi.server = ( ".php" => "x" )\n', T), [['type-mismatch', '"x"']]);
  });
  test('list shapes are not enforced before 1.4.56', () => {
    assert.deepEqual(found('mimetype.assign = ( ".a" => 1 )\n', T, { version: '1.4.55' }), []);
  });
  test('+= checks the merged value; unknown values are never reported', () => {
    assert.deepEqual(found('index-file.names = ( "a" )\nindex-file.names += ( 2 )\n', T), [['type-mismatch', '2']]);
    assert.deepEqual(found('server.port = env.PORT\nserver.document-root = var.CWD + "/htdocs"\n', T), []);
  });
  test('backend blocks: option types are checked', () => {
    assert.deepEqual(found('proxy.server = ( "" => ( ( "host" => "127.0.0.1", "port" => "eighty" ) ) )\n', T), [
      ['type-mismatch', '"eighty"'],
    ]);
    assert.deepEqual(
      found(
        'proxy.server = ( "" => ( "app" => ( "host" => "127.0.0.1", "port" => 8080, "check-local" => "disable" ) ) )\n',
        T,
      ),
      [],
    );
  });
});

describe('invalid-value', () => {
  test('enumerated values: fatal ones are errors with did-you-mean', () => {
    const text = 'server.event-handler = "epol"\n';
    assert.deepEqual(found(text, V), [['invalid-value', '"epol"']]);
    assert.deepEqual(severities(text, 'invalid-value'), ['error']);
    assert.deepEqual(quickFixes(text, 'invalid-value')[0], ['Change to "epoll"', 'server.event-handler = "epoll"\n']);
    assert.deepEqual(found('server.event-handler = "linux-sysepoll"\nserver.network-backend = "writev"\n', V), []);
  });
  test('balance: lighttpd falls back to the default, so a warning', () => {
    assert.deepEqual(severities('proxy.balance = "roundrobin"\n', 'invalid-value'), ['warning']);
    assert.deepEqual(found('proxy.balance = "round-robin"\nfastcgi.balance = "hash"\n', V), []);
  });
  test('keys of server.http-parseopts (fatal) and server.feature-flags (ignored)', () => {
    assert.deepEqual(found('server.http-parseopts = ( "header-strict" => "enable", "host-strikt" => "enable" )\n', V), [
      ['invalid-value', '"host-strikt"'],
    ]);
    assert.deepEqual(found('server.http-parseopts = ( "url-path-2f-decode" => "maybe" )\n', V), [
      ['invalid-value', '"maybe"'],
    ]);
    assert.deepEqual(severities('server.feature-flags = ( "server.h2prot" => "enable" )\n', 'invalid-value'), [
      'warning',
    ]);
    assert.deepEqual(
      found('server.feature-flags = ( "server.h2proto" => "enable", "server.graceful-shutdown-timeout" => 5 )\n', V),
      [],
    );
  });
  test('backend block options: unknown keys are warned with did-you-mean', () => {
    const text = 'fastcgi.server = ( ".php" => ( ( "socket" => "/run/php.sock", "chek-local" => "disable" ) ) )\n';
    assert.deepEqual(found(text, V), [['invalid-value', '"chek-local"']]);
    assert.deepEqual(severities(text, 'invalid-value'), ['warning']);
    assert.ok(quickFixes(text, 'invalid-value')[0][1].includes('"check-local" => "disable"'));
    assert.deepEqual(
      found(
        'scgi.server = ( "/" => ( ( "host" => "127.0.0.1", "port" => 4000, "check-local" => "disable", "bin-path" => "/x" ) ) )\n',
        V,
      ),
      [],
    );
  });
  test('auth.require fields and methods', () => {
    assert.deepEqual(
      found('auth.require = ( "/" => ( "method" => "basik", "realm" => "r", "require" => "valid-user" ) )\n', V),
      [['invalid-value', '"basik"']],
    );
    assert.deepEqual(
      found('auth.require = ( "/" => ( "method" => "basic", "relm" => "r", "require" => "valid-user" ) )\n', V),
      [['invalid-value', '"relm"']],
    );
    assert.deepEqual(
      found('auth.require = ( "/" => ( "method" => "digest", "realm" => "r", "require" => "user=a|user=b" ) )\n', V),
      [],
    );
  });
  test('removed auth backend names say so', () => {
    const d = diagnosticsOf('auth.backend = "mysql"\n').find((x) => x.code === 'invalid-value');
    assert.ok(d && d.message.includes('removed'), d?.message);
  });
  test('deflate.compression-level is 1..9', () => {
    assert.deepEqual(found('deflate.compression-level = 10\n', V), [['invalid-value', '10']]);
    assert.deepEqual(found('deflate.compression-level = 9\n', V), []);
  });
});
