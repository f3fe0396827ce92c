import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { found, severities } from '../../helpers/diagnostics';
import {
  accesslogFormatProblem,
  authAlgorithmProblem,
  authRequireProblem,
  evhostPatternProblem,
  expireProblem,
  forwarderMaskProblem,
} from '../../../server/src/features/checks/moduleOptions';

const CODES = ['invalid-value', 'missing-field'];
const all = () => true;

describe('module options lighttpd parses at start-up', () => {
  test('accesslog.format', () => {
    for (const ok of [
      '%h %V %u %t "%r" %>s %b "%{Referer}i" "%{User-Agent}i"',
      '%{%Y-%m-%d}t %{msec_frac}t %{end:msec}t',
      '%{ms}T %D %{remote}p %{mask}a %% %l \\t%{X-Real-IP}i',
      'plain text',
    ])
      assert.equal(accesslogFormatProblem(ok, all), undefined, ok);
    for (const bad of [
      '',
      '%h %Z',
      '%{foo}t',
      '%t %{%Y}t',
      '%{x}T',
      '%{x}p',
      '%h %',
      '%{User-Agent',
      '%{}i',
      '%>s %<x',
    ])
      assert.ok(accesslogFormatProblem(bad, all), bad);
    // %{...}a is checked from 1.4.70
    assert.ok(accesslogFormatProblem('%{x}a', all));
    assert.equal(
      accesslogFormatProblem('%{x}a', (v) => v <= '1.4.69'),
      undefined,
    );
    const text = 'server.modules = ( "mod_accesslog" )\naccesslog.format = "%h %Z"\n';
    assert.deepEqual(found(text, CODES), [['invalid-value', '"%h %Z"']]);
    assert.deepEqual(severities(text, 'invalid-value'), ['error']);
  });
  test('expire.url / expire.mimetypes: the 1.4.74 parser and the one before', () => {
    for (const ok of ['access plus 1 months', 'modification 2 days 3 hours', 'now plus 1 year', 'access 0 seconds'])
      for (const neu of [false, true]) assert.equal(expireProblem(ok, neu), undefined, ok);
    for (const bad of ['', '1 day', 'access plus 1 fortnight', 'access plus'])
      for (const neu of [false, true]) assert.ok(expireProblem(bad, neu), bad);
    // only the old parser refuses "min" and a unit glued to the number
    assert.ok(expireProblem('access 1 min', false));
    assert.equal(expireProblem('access 1 min', true), undefined);
    assert.ok(expireProblem('access plus 1day', false));
    assert.equal(expireProblem('access plus 1day', true), undefined);
    const text = 'server.modules = ( "mod_expire" )\nexpire.url = ( "/a/" => "access plus 1 day", "/b/" => "1 day" )\n';
    assert.deepEqual(found(text, CODES), [['invalid-value', '"1 day"']]);
    const min = 'server.modules = ( "mod_expire" )\nexpire.url = ( "/" => "access 5 min" )\n';
    assert.deepEqual(found(min, CODES, { version: '1.4.69' }), [['invalid-value', '"access 5 min"']]);
    assert.deepEqual(found(min, CODES, { version: '1.4.74' }), []);
  });
  test('evhost.path-pattern', () => {
    for (const ok of ['/srv/%0/%1/', '/srv/%_/', '/srv/%{1}/%{2.3}/', '/srv/%%/'])
      assert.equal(evhostPatternProblem(ok), undefined);
    for (const bad of ['/srv/%x/', '/srv/%{1.a}/', '/srv/%{12}/', '/srv/%']) assert.ok(evhostPatternProblem(bad), bad);
    const text = 'server.modules = ( "mod_evhost" )\nevhost.path-pattern = "/srv/%x/"\n';
    assert.deepEqual(found(text, CODES), [['invalid-value', '"/srv/%x/"']]);
  });
  test('auth.require: missing fields, the require and algorithm values, non-string fields', () => {
    const M = 'server.modules = ( "mod_auth" )\n';
    const req = (fields: string) => `${M}auth.require = ( "/a/" => ( ${fields} ) )\n`;
    assert.deepEqual(found(req('"method" => "basic", "realm" => "x", "require" => "valid-user"'), CODES), []);
    assert.deepEqual(found(req('"method" => "basic", "realm" => "x"'), CODES), [['missing-field', '"/a/"']]);
    assert.deepEqual(found(req('"method" => "basic", "require" => "valid-user"'), CODES), [['missing-field', '"/a/"']]);
    assert.deepEqual(found(req('"method" => "", "realm" => "x", "require" => "valid-user"'), CODES), [
      ['invalid-value', '""'],
    ]);
    assert.deepEqual(found(req('"method" => "basic", "realm" => "x", "require" => ""'), CODES), [
      ['missing-field', '""'],
    ]);
    // a blank realm is fine
    assert.deepEqual(found(req('"method" => "basic", "realm" => "", "require" => "valid-user"'), CODES), []);
    assert.deepEqual(found(req('"method" => "basic", "realm" => "x", "require" => "user=a|bob"'), CODES), [
      ['invalid-value', '"user=a|bob"'],
    ]);
    assert.deepEqual(
      found(req('"method" => "digest", "realm" => "x", "require" => "valid-user", "algorithm" => "SHA-1"'), CODES),
      [['invalid-value', '"SHA-1"']],
    );
    assert.deepEqual(found(req('"method" => "basic", "realm" => 1, "require" => "valid-user"'), CODES), [
      ['invalid-value', '1'],
    ]);
    assert.equal(authRequireProblem('user=a|user=b|group=g|host=h'), undefined);
    assert.equal(authRequireProblem('user=a|'), undefined);
    for (const bad of ['valid-user|user=a', 'user=', 'user=a||user=b', 'name=a', 'valid-user=x'])
      assert.ok(authRequireProblem(bad), bad);
    assert.equal(authAlgorithmProblem('MD5|sha-256|SHA-512-256|MD5-sess'), undefined);
    assert.ok(authAlgorithmProblem('SHA-1'));
  });
  test('extforward.forwarder netmasks of trusted entries', () => {
    assert.equal(forwarderMaskProblem('10.0.0.0/8'), undefined);
    assert.equal(forwarderMaskProblem('[2001:db8::]/32'), undefined);
    assert.equal(forwarderMaskProblem('2001:db8::/32'), undefined);
    for (const bad of ['10.0.0.0/x', '10.0.0.0/0', '10.0.0.300/8', 'host.example/8'])
      assert.ok(forwarderMaskProblem(bad), bad);
    const text =
      'server.modules = ( "mod_extforward" )\nextforward.forwarder = ( "10.0.0.0/x" => "trust", "10.1.0.0/x" => "untrusted" )\n';
    assert.deepEqual(found(text, CODES), [['invalid-value', '"10.0.0.0/x"']]);
  });
  test('webdav.opts set to a false value, empty wstunnel.origins, relative cgi.x-sendfile-docroot', () => {
    assert.deepEqual(
      found('server.modules = ( "mod_webdav" )\nwebdav.opts = ( "propfind-depth-infinity" => "disable" )\n', CODES),
      [['invalid-value', '"disable"']],
    );
    assert.deepEqual(
      found('server.modules = ( "mod_webdav" )\nwebdav.opts = ( "propfind-depth-infinity" => "enable" )\n', CODES),
      [],
    );
    assert.deepEqual(found('server.modules = ( "mod_wstunnel" )\nwstunnel.origins = ( "" )\n', CODES), [
      ['invalid-value', '""'],
    ]);
    assert.deepEqual(found('server.modules = ( "mod_cgi" )\ncgi.x-sendfile-docroot = ( "/srv", "x" )\n', CODES), [
      ['invalid-value', '"x"'],
    ]);
  });
  test('cgi.limits keys are compared without case; an unknown one is logged and ignored (warning)', () => {
    assert.deepEqual(found('server.modules = ( "mod_cgi" )\ncgi.limits = ( "Read-Timeout" => 5 )\n', CODES), []);
    const typo = 'server.modules = ( "mod_cgi" )\ncgi.limits = ( "read-timeot" => 5 )\n';
    assert.deepEqual(found(typo, CODES), [['invalid-value', '"read-timeot"']]);
    assert.deepEqual(severities(typo, 'invalid-value'), ['warning']);
  });
  test('a number written as a string for a short option is refused out of range, in every release', () => {
    const text =
      'server.modules = ( "mod_proxy" )\nproxy.server = ( "" => ( ( "host" => "127.0.0.1", "port" => "70000" ) ) )\n';
    assert.deepEqual(found(text, ['type-mismatch'], { version: '1.4.69' }), [['type-mismatch', '"70000"']]);
    assert.deepEqual(severities(text, 'type-mismatch', { version: '1.4.69' }), ['error']);
  });
  test('a number as a condition field', () => {
    assert.deepEqual(found('$HTTP[2] == "/x" { }\n', ['condition-value-type']), [['condition-value-type', '2']]);
  });
});

describe('ssl-pemfile-missing (mod_openssl: TLS without a certificate)', () => {
  const M = 'server.modules = ( "mod_openssl" )\n';
  const C = ['ssl-pemfile-missing'];
  test('global ssl.engine without ssl.pemfile', () => {
    assert.deepEqual(found(M + 'ssl.engine = "enable"\n', C), [['ssl-pemfile-missing', '"enable"']]);
    assert.deepEqual(found(M + 'ssl.engine = "enable"\nssl.pemfile = "/x.pem"\n', C), []);
    assert.deepEqual(found(M + 'ssl.engine = "disable"\n', C), []);
  });
  test('a socket block: its own ssl.* settings need their own certificate; alone it inherits the global one', () => {
    const sock = (body: string) => `$SERVER["socket"] == ":443" {\n${body}\n}\n`;
    assert.deepEqual(found(M + sock('ssl.engine = "enable"'), C), [['ssl-pemfile-missing', '"enable"']]);
    assert.deepEqual(found(M + 'ssl.pemfile = "/x.pem"\n' + sock('ssl.engine = "enable"'), C), []);
    assert.deepEqual(
      found(M + 'ssl.pemfile = "/x.pem"\n' + sock('ssl.engine = "enable"\nssl.cipher-list = "HIGH"'), C),
      [['ssl-pemfile-missing', '"enable"']],
    );
    assert.deepEqual(found(M + sock('ssl.engine = "enable"\nssl.pemfile = "/x.pem"\nssl.ca-file = "/ca.pem"'), C), []);
    // elsewhere lighttpd ignores ssl.engine (socket-scope says so)
    assert.deepEqual(found(M + '$HTTP["host"] == "a" {\nssl.engine = "enable"\n}\n', C), []);
  });
});
