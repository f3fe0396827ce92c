/**
 * The start-up checks (issue 13 parts 5 and 7) against the installed lighttpd: each minimal case is run with
 * `lighttpd -t` and `lighttpd -tt`, and what lighttpd does (refuses at parse time, refuses at start-up, warns,
 * starts) must match what we report. Skipped when lighttpd is not installed.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diagnosticsOf } from '../../helpers/diagnostics';
import { getRule } from '../../../server/src/features/diagnostics/rules';
import { LIGHTTPD, NO_LIGHTTPD } from '../../helpers/lighttpd';

const VERSION = LIGHTTPD
  ? /lighttpd\/(\d+\.\d+\.\d+)/.exec(spawnSync(LIGHTTPD, ['-v'], { encoding: 'utf8' }).stdout)?.[1]
  : undefined;

interface Run {
  readonly t: number | null;
  readonly tt: number | null;
  readonly out: string;
}

function run(body: string): Run {
  const dir = mkdtempSync(join(tmpdir(), 'lighttpd-startup-'));
  try {
    const file = join(dir, 'test.conf');
    writeFileSync(file, `server.document-root = "${dir}"\nserver.port = 8080\n${body}\n`);
    const opts = { encoding: 'utf8' as const, timeout: 10000, env: { PATH: '/usr/bin:/bin' } };
    const t = spawnSync(LIGHTTPD!, ['-t', '-f', file], opts);
    const tt = spawnSync(LIGHTTPD!, ['-tt', '-f', file], opts);
    return { t: t.status, tt: tt.status, out: `${t.stderr}${tt.stderr}`.trim() };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

type Expect = 'parse' | 'startup' | 'warns' | 'ok';

// [config body, what lighttpd does, what -tt prints (for 'warns'), the code we report and its severity]
const cases: [string, Expect, RegExp | undefined, [string, string][] | [string, string] | undefined][] = [
  ['$SERVER["socket"] == "1.2.3.4:99999" { }', 'parse', /invalid IP addr/, ['invalid-socket', 'error']],
  ['$SERVER["socket"] == "[::1" { }', 'parse', /invalid IP addr/, ['invalid-socket', 'error']],
  ['$SERVER["socket"] == "localhost:http" { }', 'parse', /invalid IP addr/, ['invalid-socket', 'error']],
  ['$SERVER["socket"] =~ "^:80$" { }', 'parse', /invalid IP addr/, ['invalid-socket', 'error']],
  ['$SERVER["socket"] == ":99999" { }', 'startup', /port not set or out of range/, ['invalid-socket', 'error']],
  ['$SERVER["socket"] == "::1" { }', 'startup', undefined, ['invalid-socket', 'error']],
  ['$SERVER["socket"] == "256.1.1.1:80" { }', 'startup', undefined, ['invalid-socket', 'error']],
  ['$SERVER["socket"] == "" { }', 'startup', /must not be empty/, ['invalid-socket', 'error']],
  [`$SERVER["socket"] == "/tmp/${'a'.repeat(120)}.sock" { }`, 'startup', /too long/, ['invalid-socket', 'error']],
  ['$SERVER["socket"] == "127.0.0.1:0x1f91" { }', 'ok', undefined, undefined],
  ['$SERVER["socket"] == "[::1]:8081" { }', 'ok', undefined, undefined],
  ['$SERVER["socket"] == "1.2.3.4:" { }', 'ok', undefined, undefined],
  ['server.modules = ( "mod_compress" )', 'ok', undefined, ['removed-module', 'warning']],
  [
    'server.modules = ( "mod_compress" )\ncompress.filetype = ( "text/plain" )',
    'warns',
    /"mod_compress" is DEPRECATED/,
    ['removed-module', 'warning'],
  ],
  [
    'server.modules = ( "mod_compress" )\ndeflate.mimetypes = ( "text/plain" )',
    'warns',
    /unknown config-key: deflate\.mimetypes/,
    [
      ['module-not-loaded', 'error'],
      ['removed-module', 'warning'],
    ],
  ],
  ['ssl.cipher-list = "HIGH"', 'warns', /please add "mod_openssl"/, ['implicit-module', 'warning']],
  [
    'server.modules = ( "mod_auth" )\nauth.backend = "htpasswd"\nauth.backend.htpasswd.userfile = "/x"',
    'warns',
    /please add "mod_authn_file"/,
    ['implicit-module', 'warning'],
  ],
  [
    'server.modules = ( "mod_proxy", "mod_auth" )',
    'warns',
    /mod_auth should be listed in server.modules before dynamic backends such as mod_proxy/,
    ['module-order', 'warning'],
  ],
  [
    'server.modules = ( "mod_openssl" )\nssl.use-compression = "disable"',
    'warns',
    /unknown config-key: ssl\.use-compression/,
    ['unknown-directive', 'warning'],
  ],
  // gw_backend.c (issue 23): refused only when the module configures itself (-tt)
  [
    'server.modules += ( "mod_scgi" )\nscgi.server = ( "/" => ( "127.0.0.1" => ( "port" => 4000 ) ) )',
    'startup',
    /host or bin-path have to be set/,
    ['invalid-backend', 'error'],
  ],
  [
    'server.modules += ( "mod_fastcgi" )\nfastcgi.server = ( ".php" => ( ( "host" => "127.0.0.1", "socket" => "/run/php.sock" ) ) )',
    'startup',
    /either host\/port or socket have to be set/,
    ['invalid-backend', 'error'],
  ],
  [
    `server.modules += ( "mod_proxy" )\nproxy.server = ( "" => ( ( "socket" => "/${'a'.repeat(105)}" ) ) )`,
    'startup',
    /unixsocket is too long/,
    ['invalid-backend', 'error'],
  ],
  [
    `server.modules += ( "mod_proxy" )\nproxy.server = ( "" => ( ( "socket" => "/${'a'.repeat(104)}" ) ) )`,
    'ok',
    undefined,
    undefined,
  ],
  [
    'server.modules += ( "mod_fastcgi" )\nfastcgi.server = ( ".php" => ( ( "host" => "127.0.0.1", "x-sendfile-docroot" => ( "srv" ) ) ) )',
    'startup',
    /x-sendfile-docroot paths must begin with/,
    ['invalid-backend', 'error'],
  ],
  [
    'server.modules += ( "mod_proxy" )\nproxy.server = ( "" => ( ( "host" => "127.0.0.1", "mode" => "authorizer" ) ) )',
    'startup',
    /must not define any hosts with attribute "mode" = "authorizer"/,
    ['invalid-backend', 'error'],
  ],
  [
    'server.modules += ( "mod_fastcgi" )\nfastcgi.server = ( ".php" => ( ( "bin-path" => "/bin/true", "socket" => "/tmp/f.sock" ) ) )\n$HTTP["host"] == "a" { fastcgi.server = ( ".py" => ( ( "bin-path" => "/bin/false", "socket" => "/tmp/f.sock" ) ) ) }',
    'startup',
    /duplicate unixsocket path/,
    ['invalid-backend', 'error'],
  ],
  [
    'server.modules += ( "mod_fastcgi" )\nfastcgi.server = ( ".php" => ( ( "bin-path" => "/bin/true", "socket" => "/tmp/f.sock" ) ), ".py" => ( ( "bin-path" => "/bin/false", "socket" => "/tmp/f.sock" ) ) )',
    'ok',
    undefined,
    undefined,
  ],
  // module options parsed when the module configures itself (issue 23): refused only by -tt
  [
    'server.modules += ( "mod_accesslog" )\naccesslog.format = "%h %Z"',
    'startup',
    /must be followed by a valid format-specifier/,
    ['invalid-value', 'error'],
  ],
  [
    'server.modules += ( "mod_accesslog" )\naccesslog.format = ""',
    'startup',
    /parsing accesslog-definition failed/,
    ['invalid-value', 'error'],
  ],
  [
    'server.modules += ( "mod_accesslog" )\naccesslog.format = "%{foo}t"',
    'startup',
    /constant string for time format/,
    ['invalid-value', 'error'],
  ],
  [
    'server.modules += ( "mod_accesslog" )\naccesslog.format = "%{%Y}t %{begin:sec}t"',
    'startup',
    /you may not use strftime timestamp format/,
    ['invalid-value', 'error'],
  ],
  [
    'server.modules += ( "mod_accesslog" )\naccesslog.format = "%{x}T"',
    'startup',
    /invalid time unit/,
    ['invalid-value', 'error'],
  ],
  [
    'server.modules += ( "mod_accesslog" )\naccesslog.format = "%{User-Agent"',
    'startup',
    /must be terminated by/,
    ['invalid-value', 'error'],
  ],
  [
    'server.modules += ( "mod_accesslog" )\naccesslog.format = "%h %{%Y-%m-%d}t %{msec_frac}t %{ms}T %{remote}p \\"%r\\" %>s"',
    'ok',
    undefined,
    undefined,
  ],
  [
    'server.modules += ( "mod_expire" )\nexpire.url = ( "/" => "access plus 1 fortnight" )',
    'startup',
    /unknown type/,
    ['invalid-value', 'error'],
  ],
  [
    'server.modules += ( "mod_expire" )\nexpire.url = ( "/" => "1 day" )',
    'startup',
    /invalid <base>/,
    ['invalid-value', 'error'],
  ],
  [
    'server.modules += ( "mod_expire" )\nexpire.url = ( "/" => "access 1 min" )',
    'startup',
    /unknown type/,
    ['invalid-value', 'error'],
  ],
  [
    'server.modules += ( "mod_expire" )\nexpire.url = ( "/" => "access plus 1day" )',
    'startup',
    /missing space/,
    ['invalid-value', 'error'],
  ],
  [
    'server.modules += ( "mod_expire" )\nexpire.url = ( "/" => "modification plus 2 weeks 3 hours" )',
    'ok',
    undefined,
    undefined,
  ],
  [
    'server.modules += ( "mod_evhost" )\nevhost.path-pattern = "/srv/%x/"',
    'startup',
    /invalid evhost.path-pattern/,
    ['invalid-value', 'error'],
  ],
  ['server.modules += ( "mod_evhost" )\nevhost.path-pattern = "/srv/%{1.2}/%0/%_/"', 'ok', undefined, undefined],
  [
    'server.modules += ( "mod_auth" )\nauth.require = ( "/" => ( "method" => "basic", "realm" => "x" ) )',
    'startup',
    /require field is missing/,
    ['missing-field', 'error'],
  ],
  [
    'server.modules += ( "mod_auth" )\nauth.require = ( "/" => ( "method" => "basic", "require" => "valid-user" ) )',
    'startup',
    /realm field is missing/,
    ['missing-field', 'error'],
  ],
  [
    'server.modules += ( "mod_auth" )\nauth.require = ( "/" => ( "realm" => "x", "require" => "valid-user" ) )',
    'startup',
    /method field is missing/,
    ['missing-field', 'error'],
  ],
  [
    'server.modules += ( "mod_auth" )\nauth.require = ( "/" => ( "method" => "basic", "realm" => "x", "require" => "user=a|bob" ) )',
    'startup',
    /missing '='/,
    ['invalid-value', 'error'],
  ],
  [
    'server.modules += ( "mod_auth" )\nauth.require = ( "/" => ( "method" => "digest", "realm" => "x", "require" => "valid-user", "algorithm" => "SHA-1" ) )',
    'startup',
    /invalid algorithm/,
    ['invalid-value', 'error'],
  ],
  [
    'server.modules += ( "mod_auth" )\nauth.require = ( "/" => ( "method" => "basic", "realm" => "", "require" => "user=a|group=b" ) )',
    'ok',
    undefined,
    undefined,
  ],
  [
    'server.modules += ( "mod_extforward" )\nextforward.forwarder = ( "10.0.0.0/x" => "trust" )',
    'startup',
    /invalid netmask/,
    ['invalid-value', 'error'],
  ],
  [
    'server.modules += ( "mod_extforward" )\nextforward.forwarder = ( "10.0.0.300/8" => "trust" )',
    'startup',
    /could not parse ip address/,
    ['invalid-value', 'error'],
  ],
  [
    'server.modules += ( "mod_extforward" )\nextforward.forwarder = ( "10.0.0.0/8" => "trust", "[2001:db8::]/32" => "trust" )',
    'ok',
    undefined,
    undefined,
  ],
  [
    'server.modules += ( "mod_wstunnel" )\nwstunnel.origins = ( "" )',
    'startup',
    /unexpected empty string/,
    ['invalid-value', 'error'],
  ],
  [
    'server.modules += ( "mod_cgi" )\ncgi.x-sendfile-docroot = ( "x" )',
    'startup',
    /paths must begin with '\/'/,
    ['invalid-value', 'error'],
  ],
  ['server.modules += ( "mod_cgi" )\ncgi.limits = ( "Read-Timeout" => 5 )', 'ok', undefined, undefined],
  [
    'server.modules += ( "mod_deflate" )\ndeflate.compression-level = 0',
    'startup',
    /compression-level must be between 1 and 9/,
    ['invalid-value', 'error'],
  ],
  // mod_openssl: TLS enabled without a certificate
  [
    'server.modules += ( "mod_openssl" )\nssl.engine = "enable"',
    'startup',
    /ssl.pemfile has to be set when ssl.engine/,
    ['ssl-pemfile-missing', 'error'],
  ],
  [
    'server.modules += ( "mod_openssl" )\n$SERVER["socket"] == ":8443" { ssl.engine = "enable" }',
    'startup',
    /ssl.pemfile has to be set in same \$SERVER\["socket"\] scope/,
    ['ssl-pemfile-missing', 'error'],
  ],
  // found by the -tt differential (test/differential/startup.test.ts)
  [
    'server.modules += ( "mod_scgi" )\nscgi.server = ( "/" => ( ( "host" => "%t %t", "port" => 4000 ) ) )',
    'startup',
    /getaddrinfo failed/,
    ['invalid-backend', 'error'],
  ],
  [
    'server.modules += ( "mod_proxy" )\nproxy.server = ( "/" => ( ( "Host" => "127.0.0.1", "PORT" => 4000 ) ) )',
    'ok',
    undefined,
    undefined,
  ],
  [
    'server.modules += ( "mod_wstunnel" )\nwstunnel.server = ( "/ws" => ( ( "host" => "127.0.0.1", "port" => "70000" ) ) )',
    'startup',
    /got a string but expected a short/,
    ['type-mismatch', 'error'],
  ],
  [
    'server.modules += ( "mod_cgi" )\ncgi.limits = ( "read-timeot" => 5 )',
    'warns',
    /unrecognized cgi.limits param/,
    ['invalid-value', 'warning'],
  ],
  ['$HTTP[2] == "/x" { }', 'parse', /invalid character in condition/, ['condition-value-type', 'error']],
  [
    'server.modules += ( "mod_extforward" )\nextforward.forwarder = ( "/run/proxy.sock" => "trust" )',
    'startup',
    /invalid netmask/,
    ['invalid-value', 'error'],
  ],
  [
    'server.modules += ( "mod_deflate" )\ndeflate.compression-level = "0"',
    'startup',
    /compression-level must be between 1 and 9/,
    ['invalid-value', 'error'],
  ],
  [
    'server.modules += ( "mod_proxy" )\nproxy.header = ( "map-urlpath" => 2 )',
    'startup',
    /unexpected value for proxy.header/,
    ['type-mismatch', 'error'],
  ],
  [
    'server.modules += ( "mod_proxy" )\nproxy.header = ( "upgrade" => "yes" )',
    'startup',
    /unexpected value for proxy.header/,
    ['type-mismatch', 'error'],
  ],
  // 1.4.66+ loads mod_dirlisting / mod_indexfile only when a block enables them (config_compat_module_load):
  // otherwise their keys are never read, and a wrong value cannot stop lighttpd
  ['dir-listing.encoding = 5', 'ok', undefined, ['type-mismatch', 'warning']],
  [
    'dir-listing.activate = "enable"\ndir-listing.encoding = 5',
    'startup',
    /should have been a string/,
    [['type-mismatch', 'error']],
  ],
  [
    '$HTTP["url"] =^ "/pub/" { dir-listing.activate = 1 }\ndir-listing.encoding = 5',
    'startup',
    /should have been a string/,
    [['type-mismatch', 'error']],
  ],
  ['index-file.names = "index.html"', 'warns', /unknown config-key: index-file.names/, ['type-mismatch', 'warning']],
  [
    'server.modules += ( "mod_indexfile" )\nindex-file.names = "index.html"',
    'warns',
    /unknown config-key: index-file.names/,
    [['type-mismatch', 'warning']],
  ],
  ['index-file.names = "enable"', 'startup', /should have been a list/, ['type-mismatch', 'error']],
  // mod_dirlisting compiles dir-listing.exclude's patterns when it loads
  [
    'dir-listing.activate = "enable"\ndir-listing.exclude = ( "~$", "(" )',
    'startup',
    /missing closing parenthesis/,
    ['invalid-regex', 'error'],
  ],
  ['dir-listing.exclude = ( "(" )', 'ok', undefined, ['invalid-regex', 'warning']],
  [
    'url.rewrite-once = ( "(" => "/x" )',
    'warns',
    /unknown config-key: url.rewrite-once/,
    [
      ['invalid-regex', 'warning'],
      ['module-not-loaded', 'error'],
    ],
  ],
  [
    'expire.url = ( "/" => "bogus" )',
    'warns',
    /unknown config-key: expire.url/,
    [
      ['invalid-value', 'warning'],
      ['module-not-loaded', 'error'],
    ],
  ],
  [
    'proxy.server = ( "/" => (( "port" => 80 )) )',
    'warns',
    /unknown config-key: proxy.server/,
    [
      ['invalid-backend', 'warning'],
      ['module-not-loaded', 'error'],
    ],
  ],
  // include and include_shell take a string or a number (configparser.y stringop)
  ['include ( "x.conf" )', 'parse', /operand must be string/, ['type-mismatch', 'error']],
  ['include_shell ( "echo" )', 'parse', /operand must be string/, ['type-mismatch', 'error']],
  // inside $HTTP[...] lighttpd's tokenizer takes strings, not names
  ['var.f = "url"\n$HTTP[var.f] == "/" { }', 'parse', /parser failed at: var/, ['condition-value-type', 'error']],
  ['$HTTP["u" + "rl"] == "/" { }', 'ok', undefined, undefined],
  // an empty header name is accepted; no request has such a header
  ['$REQUEST_HEADER[""] == "a" { }', 'ok', undefined, ['unknown-condition-field', 'warning']],
  // a module that is not listed: the key is ignored (module-not-loaded is the error, by design)
  [
    'proxy.server = "x"',
    'warns',
    /unknown config-key: proxy.server/,
    [
      ['module-not-loaded', 'error'],
      ['type-mismatch', 'warning'],
    ],
  ],
  // configfile-glue.c: a fixed table of 4096 contexts (the global one included); lighttpd -t aborts
  [Array.from({ length: 4095 }, (_, i) => `$HTTP["url"] == "/p${i}" { }`).join('\n'), 'ok', undefined, undefined],
  [
    Array.from({ length: 2048 }, (_, i) => `$HTTP["url"] == "/p${i}" { } else { }`).join('\n'),
    'parse',
    /assertion failed/,
    ['too-many-conditions', 'error'],
  ],
];
if (process.platform === 'linux') {
  cases.push(
    [
      'server.event-handler = "freebsd-kqueue"',
      'startup',
      /event-handler in unknown or not supported/,
      ['platform-unsupported', 'error'],
    ],
    [
      'server.stat-cache-engine = "kqueue"',
      'parse',
      /stat-cache-engine can be one of/,
      ['platform-unsupported', 'error'],
    ],
    ['server.event-handler = "linux-sysepoll"', 'ok', undefined, undefined],
    ['server.network-backend = "freebsd-sendfile"', 'ok', undefined, ['platform-unsupported', 'information']],
  );
}
if (process.getuid?.() === 0) {
  cases.push(['server.username = "root"', 'startup', /I will not set uid to 0/, ['run-as-root', 'error']]);
  cases.push(['server.groupname = "root"', 'startup', /I will not set gid to 0/, ['run-as-root', 'error']]);
}

// A certificate for the TLS cases (made with the openssl program; the cases are left out without it)
const PEM = (() => {
  const dir = mkdtempSync(join(tmpdir(), 'lighttpd-startup-tls-'));
  const key = join(dir, 'k.pem');
  const crt = join(dir, 'c.pem');
  const r = spawnSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', crt, '-days', '1', '-subj', '/CN=x'],
    { encoding: 'utf8', timeout: 30000 },
  );
  if (r.status !== 0) return undefined;
  const both = join(dir, 'both.pem');
  writeFileSync(both, readFileSync(crt, 'utf8') + readFileSync(key, 'utf8'));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  return both;
})();
if (PEM) {
  // mod_openssl hands MinProtocol / MaxProtocol to OpenSSL, which takes its own names, case included
  const tls = (v: string) =>
    `server.modules += ( "mod_openssl" )\n$SERVER["socket"] == ":8443" {\n  ssl.engine = "enable"\n  ssl.pemfile = "${PEM}"\n  ssl.openssl.ssl-conf-cmd = ( "MinProtocol" => "${v}" )\n}`;
  cases.push(
    [tls('TLSv1.2'), 'ok', undefined, undefined],
    [tls('TLSv1'), 'ok', undefined, undefined],
    [tls('tlsv1.2'), 'startup', /bad value/, ['invalid-value', 'error']],
    [tls('TLSv1.0'), 'startup', /bad value/, ['invalid-value', 'error']],
  );
}

const NAMES = ['', 'error', 'warning', 'information', 'hint'];

describe('start-up checks agree with lighttpd -t / -tt', { skip: LIGHTTPD ? false : NO_LIGHTTPD }, () => {
  for (const [body, expect, out, ours] of cases) {
    test(`${expect}: ${body.split('\n').join(' ⏎ ').slice(0, 90)}`, () => {
      const r = run(body);
      if (expect === 'parse') assert.ok(r.t !== 0 && r.tt !== 0, `lighttpd -t accepted it: ${r.out}`);
      else if (expect === 'startup') {
        assert.equal(r.t, 0, `lighttpd -t refused it: ${r.out}`);
        assert.notEqual(r.tt, 0, `lighttpd -tt accepted it: ${r.out}`);
      } else {
        assert.equal(r.t, 0, r.out);
        assert.equal(r.tt, 0, r.out);
      }
      if (out) assert.match(r.out, out);
      const mine = diagnosticsOf(`server.document-root = "/tmp"\nserver.port = 8080\n${body}\n`, {
        version: VERSION,
        platform: 'linux',
      })
        // (the security group's advice, e.g. tls-profile on a cipher list, is not about start-up)
        .filter((d) => d.code !== 'deprecated-directive' && getRule(String(d.code))?.group !== 'security')
        .map((d) => [String(d.code), NAMES[d.severity ?? 0]])
        .sort();
      const expected = !ours ? [] : Array.isArray(ours[0]) ? (ours as [string, string][]) : [ours as [string, string]];
      assert.deepEqual(mine, [...expected].sort());
      // what lighttpd refuses is an error of ours (the promise of a clean verdict)
      if (expect === 'parse' || expect === 'startup')
        assert.ok(
          mine.some(([, s]) => s === 'error'),
          `lighttpd refuses it, we report ${JSON.stringify(mine)}`,
        );
    });
  }
});
