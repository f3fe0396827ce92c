/**
 * The security group (server/src/features/checks/security/): for every rule, each case it finds and a near
 * miss it must not flag. Assertions are on codes, ranges (the covered text) and severities.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { diagnosticsOf, found, quickFixes, severities } from '../../helpers/diagnostics';
import { translatePcre } from '../../../server/src/analysis/simulate/pcre';
import { enabledSuites } from '../../../server/src/features/checks/security/tlsProfile';
import { groupMatches, placeInTarget } from '../../../server/src/features/checks/security/captures';
import { SECURITY_CODES } from '../../../server/src/features/checks/security';
import { getRule } from '../../../server/src/features/diagnostics/rules';

const MODS =
  'server.modules = ( "mod_access", "mod_alias", "mod_setenv", "mod_redirect", "mod_rewrite", "mod_status", "mod_webdav", "mod_cgi", "mod_extforward", "mod_fastcgi", "mod_auth", "mod_openssl" )\n';
/** A fragment: no server.document-root, so the whole-config advice stays quiet. */
const sec = (text: string, code: string, version?: string) => found(MODS + text, [code], { version });

describe('the security group', () => {
  test('every code has a help line and a security-severity', () => {
    assert.ok(SECURITY_CODES.length >= 17);
    for (const code of SECURITY_CODES) {
      const r = getRule(code)!;
      assert.ok(r.help && r.help.length > 20, code);
      assert.ok(typeof r.securitySeverity === 'number' && r.securitySeverity > 0 && r.securitySeverity <= 10, code);
      assert.ok(r.severity === 'warning' || r.severity === 'information', code);
    }
  });
});

describe('list-override-in-condition', () => {
  const G = 'setenv.add-response-header = ( "Strict-Transport-Security" => "max-age=63072000" )\n';
  test('= in a condition drops the global headers there', () => {
    const t = G + '$HTTP["url"] =^ "/api/" {\n  setenv.add-response-header = ( "Cache-Control" => "no-store" )\n}\n';
    assert.deepEqual(sec(t, 'list-override-in-condition'), [
      ['list-override-in-condition', 'setenv.add-response-header'],
    ]);
    assert.deepEqual(severities(MODS + t, 'list-override-in-condition'), ['warning']);
    const fixes = quickFixes(MODS + t, 'list-override-in-condition');
    assert.ok(fixes[0][1].includes('setenv.add-response-header += ( "Cache-Control"'), fixes[0][1]);
  });
  test('the global list set after the block is lost too (the block value replaces it at run time)', () => {
    const t = '$HTTP["url"] =^ "/api/" {\n  url.access-deny = ( ".bak" )\n}\nurl.access-deny = ( "~", ".inc" )\n';
    assert.deepEqual(sec(t, 'list-override-in-condition'), [['list-override-in-condition', 'url.access-deny']]);
  });
  test('losing only headers that protect nothing is information', () => {
    const t =
      'setenv.add-response-header = ( "X-Served-By" => "a" )\n$HTTP["url"] =^ "/b" {\n  setenv.add-response-header = ( "X-B" => "1" )\n}\n';
    assert.deepEqual(severities(MODS + t, 'list-override-in-condition'), ['information']);
  });
  test('near misses: +=, the same entries repeated, an empty list on purpose, no global value', () => {
    assert.deepEqual(
      sec(
        G + '$HTTP["url"] =^ "/a" {\n  setenv.add-response-header += ( "X-A" => "1" )\n}\n',
        'list-override-in-condition',
      ),
      [],
    );
    assert.deepEqual(
      sec(
        G +
          '$HTTP["url"] =^ "/a" {\n  setenv.add-response-header = ( "strict-transport-security" => "max-age=1", "X-A" => "1" )\n}\n',
        'list-override-in-condition',
      ),
      [],
    );
    assert.deepEqual(
      sec(
        'url.access-deny = ( "~" )\n$HTTP["url"] =^ "/pub/" {\n  url.access-deny = ( )\n}\n',
        'list-override-in-condition',
      ),
      [],
    );
    assert.deepEqual(
      sec('$HTTP["url"] =^ "/a" {\n  setenv.add-response-header = ( "X-A" => "1" )\n}\n', 'list-override-in-condition'),
      [],
    );
  });
  test('no fix when += would merge a key twice with another value (lighttpd refuses that)', () => {
    const t =
      G +
      '$HTTP["url"] =^ "/a" {\n  setenv.add-response-header = ( "Strict-Transport-Security" => "max-age=1", "X" => "1" )\n}\n';
    // The header is kept (same key), so nothing is lost: no finding at all.
    assert.deepEqual(sec(t, 'list-override-in-condition'), []);
    const u =
      'setenv.add-response-header = ( "A" => "1", "Content-Security-Policy" => "x" )\n$HTTP["url"] =^ "/a" {\n  setenv.add-response-header = ( "A" => "2" )\n}\n';
    assert.deepEqual(sec(u, 'list-override-in-condition'), [
      ['list-override-in-condition', 'setenv.add-response-header'],
    ]);
    assert.deepEqual(
      quickFixes(MODS + u, 'list-override-in-condition').filter(([t]) => t.startsWith('Change = to +=')),
      [],
    );
  });
});

describe('list-override-in-condition: suffix lists', () => {
  test('a block denying everything ("") or a suffix of each entry loses nothing (collected configs)', () => {
    const G = 'url.access-deny = ( "~", ".inc" )\n';
    assert.deepEqual(
      sec(G + '$HTTP["useragent"] =~ "^Bot" {\n  url.access-deny = ( "" )\n}\n', 'list-override-in-condition'),
      [],
    );
    assert.deepEqual(
      sec(G + '$HTTP["url"] =^ "/a/" {\n  url.access-deny = ( "~", "inc" )\n}\n', 'list-override-in-condition'),
      [],
    );
    assert.deepEqual(
      sec(G + '$HTTP["url"] =^ "/a/" {\n  url.access-deny = ( ".bak" )\n}\n', 'list-override-in-condition'),
      [['list-override-in-condition', 'url.access-deny']],
    );
  });
});

describe('append-after-copy', () => {
  test('a global += after a block copied the list with += never reaches the block', () => {
    const t =
      'setenv.add-response-header = ( "X-Frame-Options" => "DENY" )\n$HTTP["url"] =^ "/b" {\n  setenv.add-response-header += ( "X-B" => "1" )\n}\nsetenv.add-response-header += ( "Content-Security-Policy" => "default-src \'self\'" )\n';
    assert.deepEqual(sec(t, 'append-after-copy'), [['append-after-copy', 'setenv.add-response-header']]);
    assert.ok(found(MODS + t, ['append-after-copy']).length === 1);
  });
  test('near miss: the global += comes before the block', () => {
    const t =
      'setenv.add-response-header = ( "X-Frame-Options" => "DENY" )\nsetenv.add-response-header += ( "Content-Security-Policy" => "x" )\n$HTTP["url"] =^ "/b" {\n  setenv.add-response-header += ( "X-B" => "1" )\n}\n';
    assert.deepEqual(sec(t, 'append-after-copy'), []);
    assert.deepEqual(sec(t, 'list-override-in-condition'), []);
  });
});

describe('unanchored-host-regex', () => {
  const C = 'unanchored-host-regex';
  test('no anchors and unescaped dots', () => {
    assert.deepEqual(sec('$HTTP["host"] =~ "example.com" { server.name = "a" }\n', C), [[C, '"example.com"']]);
    assert.deepEqual(sec('$HTTP["host"] =~ "^www\\.example\\.com" { server.name = "a" }\n', C), [
      [C, '"^www\\.example\\.com"'],
    ]);
    assert.deepEqual(sec('$HTTP["host"] =~ "example\\.com$" { server.name = "a" }\n', C), [[C, '"example\\.com$"']]);
    assert.deepEqual(sec('$HTTP["host"] =~ "^www.example.com$" { server.name = "a" }\n', C), [
      [C, '"^www.example.com$"'],
    ]);
  });
  test('referer and Origin checks', () => {
    assert.deepEqual(sec('$HTTP["referer"] !~ "example\\.com" { url.access-deny = ( ".jpg" ) }\n', C), [
      [C, '"example\\.com"'],
    ]);
    assert.deepEqual(sec('$REQUEST_HEADER["Origin"] =~ "^https://app\\.example\\.com" { server.name = "a" }\n', C), [
      [C, '"^https://app\\.example\\.com"'],
    ]);
  });
  test("every message's example is matched by the pattern and names another site", () => {
    const cases: [string, string][] = [
      ['$HTTP["host"]', 'example.com'],
      ['$HTTP["host"]', '^www\\.example\\.com'],
      ['$HTTP["host"]', 'example\\.com$'],
      ['$HTTP["host"]', '^www.example.com$'],
      ['$HTTP["host"]', '(www\\.)?example\\.org'],
      ['$HTTP["referer"]', '/admin/settings\\.php'],
      ['$HTTP["referer"]', 'example\\.com'],
      ['$HTTP["referer"]', '^https?://example\\.com'],
      ['$HTTP["referer"]', '^https?://(www\\.)?example.com/'],
      ['$REQUEST_HEADER["Origin"]', '^https://app\\.example\\.com'],
      ['$REQUEST_HEADER["Referer"]', 'example\\.com/'],
    ];
    for (const [field, pattern] of cases) {
      const ds = diagnosticsOf(`${MODS}${field} =~ "${pattern}" { server.name = "a" }\n`).filter((d) => d.code === C);
      assert.equal(ds.length, 1, pattern);
      const m = /it also matches "([^"]*)"/.exec(ds[0].message);
      assert.ok(m, ds[0].message);
      const t = translatePcre(pattern);
      assert.ok(t.ok && t.regex.test(m[1]), `${m[1]} !~ ${pattern}`);
      const host = /^[a-z]+:\/\/([^/]*)/.exec(m[1])?.[1] ?? m[1];
      assert.ok(!/(^|\.)example\.(com|org)$/.test(host), `${m[1]} is the site itself`);
    }
    // the case of the issue: the path of the page is in the pattern, so the example keeps it
    const d = diagnosticsOf(`${MODS}$HTTP["referer"] =~ "/admin/settings\\.php" { server.name = "a" }\n`).find(
      (x) => x.code === C,
    )!;
    assert.match(d.message, /matches "https:\/\/evil\.example\/admin\/settings\.php"/);
  });
  test('the fix anchors and escapes', () => {
    const fixes = quickFixes(MODS + '$HTTP["host"] =~ "example.com" { server.name = "a" }\n', C);
    assert.ok(fixes[0][1].includes('$HTTP["host"] =~ "^example\\.com$"'), fixes[0][1]);
  });
  test('near misses: anchored names, any subdomain, a label wildcard, a referer with its path, other fields', () => {
    for (const p of [
      '^(www\\.)?example\\.com$',
      '\\.example\\.com$',
      '(^|\\.)example\\.com$',
      '^www\\.(.*)',
      '^example\\.com(:[0-9]+)?$',
      '^(?i)example\\.com$',
    ])
      assert.deepEqual(sec(`$HTTP["host"] =~ "${p}" { server.name = "a" }\n`, C), [], p);
    assert.deepEqual(
      sec('$HTTP["referer"] !~ "^https?://(www\\.)?example\\.com/" { url.access-deny = ( ".jpg" ) }\n', C),
      [],
    );
    assert.deepEqual(sec('$HTTP["url"] =~ "example.com" { server.name = "a" }\n', C), []);
    assert.deepEqual(sec('$HTTP["host"] == "example.com" { server.name = "a" }\n', C), []);
    assert.deepEqual(sec('$HTTP["remoteip"] =~ "^127\\.0\\.0\\.1$|^::1$" { server.name = "a" }\n', C), []);
  });
});

describe('alias-slash-mismatch', () => {
  const C = 'alias-slash-mismatch';
  test('key without the slash its target has, and the reverse', () => {
    assert.deepEqual(sec('alias.url = ( "/static" => "/srv/static/" )\n', C), [[C, '"/static"']]);
    assert.deepEqual(sec('alias.url = ( "/img/" => "/srv/img" )\n', C), [[C, '"/img/"']]);
    const fixes = quickFixes(MODS + 'alias.url = ( "/img/" => "/srv/img" )\n', C);
    assert.ok(fixes[0][1].includes('"/img/" => "/srv/img/"'), fixes[0][1]);
  });
  test('a key shadowed by an earlier prefix: an error from 1.4.85, and for neighbours before', () => {
    const t = 'alias.url = ( "/a" => "/srv/a", "/b" => "/srv/b", "/a/x" => "/srv/x" )\n';
    assert.deepEqual(sec(t, C), [[C, '"/a/x"']]);
    assert.deepEqual(severities(MODS + t, C), ['error']);
    assert.deepEqual(severities(MODS + t, C, { version: '1.4.69' }), ['warning']);
    assert.deepEqual(
      severities(MODS + 'alias.url = ( "/a" => "/srv/a", "/a/x" => "/srv/x" )\n', C, { version: '1.4.69' }),
      ['error'],
    );
  });
  test('near misses: both with the slash, both without, the longer key first', () => {
    assert.deepEqual(
      sec('alias.url = ( "/s/" => "/srv/s/", "/js" => "/usr/share/javascript", "/a/x" => "/x", "/a" => "/y" )\n', C),
      [],
    );
  });
  test('+= lists: the block copy is checked against its own new keys only', () => {
    assert.deepEqual(
      sec(
        'alias.url = ( "/doc/" => "/usr/share/doc/" )\n$HTTP["url"] =^ "/d" {\n  alias.url += ( "/d" => "/srv/d/" )\n}\n',
        C,
      ),
      [[C, '"/d"']],
    );
  });
});

describe('version-disclosure and access-deny-missing (main config only)', () => {
  const MAIN = MODS + 'server.document-root = "/srv/www"\n';
  const ON = { severity: { 'version-disclosure': 'information', 'access-deny-missing': 'information' } } as const;
  test('off by default (opt-in advice)', () => {
    assert.deepEqual(found(MAIN, ['version-disclosure', 'access-deny-missing']), []);
  });
  test('no server.tag, no url.access-deny: information on server.document-root', () => {
    assert.deepEqual(found(MAIN, ['version-disclosure', 'access-deny-missing'], ON), [
      ['version-disclosure', 'server.document-root'],
      ['access-deny-missing', 'server.document-root'],
    ]);
    assert.deepEqual(severities(MAIN, 'version-disclosure', ON), ['information']);
    const fix = quickFixes(MAIN, 'version-disclosure', ON)[0][1];
    assert.ok(fix.includes('server.tag = ""\nserver.document-root'), fix);
    const deny = quickFixes(MAIN, 'access-deny-missing', ON)[0][1];
    assert.ok(deny.includes('url.access-deny = ( "~", ".inc" )\nserver.document-root'), deny);
  });
  test('a tag with a version is reported on its value; before 1.4.56 the fix writes "lighttpd"', () => {
    const t = MAIN + 'server.tag = "lighttpd/1.4.69"\nurl.access-deny = ( "~", ".inc" )\n';
    assert.deepEqual(found(t, ['version-disclosure', 'access-deny-missing'], ON), [
      ['version-disclosure', '"lighttpd/1.4.69"'],
    ]);
    assert.ok(
      quickFixes(t, 'version-disclosure', { ...ON, version: '1.4.55' })[0][1].includes('server.tag = "lighttpd"'),
    );
  });
  test('near misses: a tag without a version, a fragment, a config with an include we cannot read', () => {
    assert.deepEqual(
      found(MAIN + 'server.tag = ""\nurl.access-deny = ( "~", ".inc" )\n', [
        'version-disclosure',
        'access-deny-missing',
      ]),
      [],
    );
    assert.deepEqual(found(MODS + 'server.port = 80\n', ['version-disclosure', 'access-deny-missing'], ON), []);
    assert.deepEqual(
      found(MAIN + 'include "conf-enabled/*.conf"\n', ['version-disclosure', 'access-deny-missing'], ON),
      [],
    );
  });
});

describe('dir-listing-global', () => {
  test('enabled globally', () => {
    assert.deepEqual(sec('dir-listing.activate = "enable"\n', 'dir-listing-global'), [
      ['dir-listing-global', 'dir-listing.activate'],
    ]);
    assert.deepEqual(sec('server.dir-listing = "enable"\n', 'dir-listing-global'), [
      ['dir-listing-global', 'server.dir-listing'],
    ]);
  });
  test('near misses: inside a URL block, disabled', () => {
    assert.deepEqual(
      sec(
        '$HTTP["url"] =^ "/pub/" { dir-listing.activate = "enable" }\ndir-listing.activate = "disable"\n',
        'dir-listing-global',
      ),
      [],
    );
  });
});

describe('status-unprotected', () => {
  const C = 'status-unprotected';
  test('a status page in the global scope or a host block', () => {
    assert.deepEqual(sec('status.status-url = "/server-status"\n', C), [[C, '"/server-status"']]);
    assert.deepEqual(sec('$HTTP["host"] == "a" { status.config-url = "/server-config" }\n', C), [
      [C, '"/server-config"'],
    ]);
  });
  test('near misses: remote-ip block, auth.require on its URL, access-deny for other addresses, loopback socket', () => {
    assert.deepEqual(sec('$HTTP["remoteip"] == "127.0.0.0/8" { status.status-url = "/server-status" }\n', C), []);
    assert.deepEqual(
      sec(
        'status.status-url = "/server-status"\nauth.require = ( "/server-status" => ( "method" => "basic", "realm" => "x", "require" => "valid-user" ) )\n',
        C,
      ),
      [],
    );
    assert.deepEqual(
      sec(
        'status.status-url = "/server-status"\n$HTTP["url"] =^ "/server-status" { $HTTP["remoteip"] != "10.0.0.0/8" { url.access-deny = ( "" ) } }\n',
        C,
      ),
      [],
    );
    assert.deepEqual(sec('$SERVER["socket"] == "127.0.0.1:8080" { status.status-url = "/s" }\n', C), []);
  });
  test('not reported when mod_status is not loaded (the page does not exist)', () => {
    assert.deepEqual(found('server.modules = ( "mod_access" )\nstatus.status-url = "/s"\n', [C]), []);
  });
});

describe('cgi-everything', () => {
  const C = 'cgi-everything';
  test('"" mapped globally, or in a WebDAV folder clients write to', () => {
    assert.deepEqual(sec('cgi.assign = ( "" => "" )\n', C), [[C, '""']]);
    assert.deepEqual(
      sec(
        '$HTTP["url"] =^ "/upload/" {\n  webdav.activate = "enable"\n  cgi.assign = ( ".pl" => "/usr/bin/perl", "" => "" )\n}\n',
        C,
      ),
      [[C, '""']],
    );
  });
  test('near misses: a cgi-bin block, extensions only, a read-only WebDAV folder', () => {
    assert.deepEqual(sec('$HTTP["url"] =~ "^/cgi-bin/" { cgi.assign = ( "" => "" ) }\n', C), []);
    assert.deepEqual(sec('cgi.assign = ( ".pl" => "/usr/bin/perl" )\n', C), []);
    assert.deepEqual(
      sec(
        '$HTTP["url"] =^ "/dav/" {\n  webdav.activate = "enable"\n  webdav.is-readonly = "enable"\n  cgi.assign = ( "" => "" )\n}\n',
        C,
      ),
      [],
    );
  });
});

describe('webdav-writable', () => {
  const C = 'webdav-writable';
  test('writable and open to everyone, with a fix that makes it read-only', () => {
    const t = '$HTTP["url"] =~ "^/dav($|/)" {\n  webdav.activate = "enable"\n}\n';
    assert.deepEqual(sec(t, C), [[C, 'webdav.activate']]);
    const fix = quickFixes(MODS + t, C)[0][1];
    assert.ok(fix.includes('  webdav.activate = "enable"\n  webdav.is-readonly = "enable"\n'), fix);
  });
  test('near misses: read-only, auth.require for it, a remote-ip block', () => {
    assert.deepEqual(
      sec('$HTTP["url"] =^ "/dav" {\n  webdav.activate = "enable"\n  webdav.is-readonly = "enable"\n}\n', C),
      [],
    );
    assert.deepEqual(
      sec(
        '$HTTP["url"] =^ "/dav" {\n  webdav.activate = "enable"\n  auth.require = ( "" => ( "method" => "basic", "realm" => "d", "require" => "valid-user" ) )\n}\n',
        C,
      ),
      [],
    );
    assert.deepEqual(sec('$HTTP["remoteip"] == "10.0.0.0/8" {\n  webdav.activate = "enable"\n}\n', C), []);
  });
});

describe('extforward-trust-all', () => {
  const C = 'extforward-trust-all';
  test('"all" => "trust"', () => {
    assert.deepEqual(sec('extforward.forwarder = ( "all" => "trust" )\n', C), [[C, '"all" => "trust"']]);
  });
  test('near misses: listed proxies, inside a remote-ip block', () => {
    assert.deepEqual(sec('extforward.forwarder = ( "10.0.0.1" => "trust" )\n', C), []);
    assert.deepEqual(sec('$HTTP["remoteip"] == "10.0.0.0/8" { extforward.forwarder = ( "all" => "trust" ) }\n', C), []);
  });
});

describe('sendfile-unbounded', () => {
  const C = 'sendfile-unbounded';
  test('x-sendfile in a backend, cgi.x-sendfile, without a docroot', () => {
    assert.deepEqual(
      sec('fastcgi.server = ( ".php" => (( "socket" => "/run/php.sock", "x-sendfile" => "enable" )) )\n', C),
      [[C, '"x-sendfile"']],
    );
    assert.deepEqual(sec('cgi.x-sendfile = "enable"\n', C), [[C, 'cgi.x-sendfile']]);
  });
  test('near misses: with a docroot, disabled', () => {
    assert.deepEqual(
      sec(
        'fastcgi.server = ( ".php" => ( "php" => ( "socket" => "/run/p", "x-sendfile" => "enable", "x-sendfile-docroot" => ( "/srv/files/" ) ) ) )\n',
        C,
      ),
      [],
    );
    assert.deepEqual(sec('cgi.x-sendfile = "enable"\ncgi.x-sendfile-docroot = ( "/srv/dl/" )\n', C), []);
    assert.deepEqual(
      sec('fastcgi.server = ( ".php" => (( "socket" => "/run/p", "x-sendfile" => "disable" )) )\n', C),
      [],
    );
  });
});

describe('weak-tls and hsts-missing', () => {
  const C = 'weak-tls';
  test('old MinProtocol, weak cipher words, SSLv3 before 1.4.68', () => {
    assert.deepEqual(
      sec('ssl.openssl.ssl-conf-cmd = ( "MinProtocol" => "TLSv1", "CipherString" => "HIGH:RC4:!aNULL" )\n', C),
      [
        [C, '"TLSv1"'],
        [C, '"HIGH:RC4:!aNULL"'],
      ],
    );
    assert.deepEqual(sec('ssl.cipher-list = "ALL:EXPORT:aNULL"\n', C), [[C, '"ALL:EXPORT:aNULL"']]);
    assert.deepEqual(sec('ssl.use-sslv3 = "enable"\n', C, '1.4.60'), [[C, '"enable"']]);
  });
  test('TLS keys on a socket whose ssl.engine is off', () => {
    assert.deepEqual(sec('$SERVER["socket"] == ":443" {\n  ssl.pemfile = "/etc/ssl/s.pem"\n}\n', C), [
      [C, 'ssl.pemfile'],
    ]);
  });
  test('near misses: modern settings, ssl.engine enabled globally or in the socket, SSLv3 on 1.4.68+ (ignored there)', () => {
    assert.deepEqual(
      sec(
        'ssl.openssl.ssl-conf-cmd = ( "MinProtocol" => "TLSv1.2", "CipherString" => "EECDH+AESGCM:!aNULL:!MD5:-RC4" )\nssl.cipher-list = "HIGH"\n',
        C,
      ),
      [],
    );
    assert.deepEqual(
      sec('$SERVER["socket"] == ":443" {\n  ssl.engine = "enable"\n  ssl.pemfile = "/s.pem"\n}\n', C),
      [],
    );
    assert.deepEqual(sec('ssl.pemfile = "/s.pem"\n$SERVER["socket"] == ":443" { ssl.engine = "enable" }\n', C), []);
    assert.deepEqual(sec('ssl.use-sslv3 = "enable"\n', C), []);
  });
  test('hsts-missing: TLS without Strict-Transport-Security, information', () => {
    const t = '$SERVER["socket"] == ":443" {\n  ssl.engine = "enable"\n  ssl.pemfile = "/s.pem"\n}\n';
    const ON = { severity: { 'hsts-missing': 'information' } } as const;
    assert.deepEqual(found(MODS + t, ['hsts-missing']), []); // opt-in
    assert.deepEqual(found(MODS + t, ['hsts-missing'], ON), [['hsts-missing', 'ssl.engine']]);
    assert.deepEqual(severities(MODS + t, 'hsts-missing', ON), ['information']);
    const withHsts = t + 'setenv.add-response-header = ( "Strict-Transport-Security" => "max-age=63072000" )\n';
    assert.deepEqual(found(MODS + withHsts, ['hsts-missing'], ON), []);
  });
});

describe('parseopts-unsafe', () => {
  const C = 'parseopts-unsafe';
  test('checks on by default turned off', () => {
    assert.deepEqual(
      sec(
        'server.http-parseopts = ( "header-strict" => "disable", "host-strict" => "enable", "url-normalize" => "disable" )\n',
        C,
      ),
      [
        [C, '"disable"'],
        [C, '"disable"'],
      ],
    );
    assert.deepEqual(sec('server.http-parseopt-host-strict = "disable"\n', C), [[C, '"disable"']]);
  });
  test('near misses: enabled, options that only add checks', () => {
    assert.deepEqual(
      sec(
        'server.http-parseopts = ( "header-strict" => "enable", "url-path-dotseg-reject" => "enable", "url-path-2f-decode" => "disable" )\n',
        C,
      ),
      [],
    );
  });
});

describe('capture-unescaped and open-redirect', () => {
  const codes = ['capture-unescaped', 'open-redirect'];
  const both = (t: string) => found(MODS + t, codes);
  test('the query string copied into the path of a rewrite, with the %{esc:1} fix', () => {
    const t = 'url.rewrite-once = ( "^/dl\\?file=(.*)$" => "/files/$1" )\n';
    assert.deepEqual(both(t), [['capture-unescaped', '$1']]);
    assert.ok(quickFixes(MODS + t, 'capture-unescaped')[0][1].includes('"/files/${esc:1}"'));
  });
  test('a header copied into the path of a redirect', () => {
    const t = '$HTTP["useragent"] =~ "^(.*)$" {\n  url.redirect = ( "^/x$" => "/ua/%1" )\n}\n';
    assert.deepEqual(both(t), [['capture-unescaped', '%1']]);
  });
  test('the query string of the common idiom copied into a path instead of the query', () => {
    assert.deepEqual(both('url.rewrite-if-not-file = ( "^/([^?]*)(?:\\?(.*))?$" => "/index.php/$2" )\n'), [
      ['capture-unescaped', '$2'],
    ]);
  });
  test('open-redirect: the whole target, or its host, from the query string', () => {
    assert.deepEqual(both('url.redirect = ( "^/go\\?to=(.*)$" => "$1" )\n'), [['open-redirect', '$1']]);
    assert.deepEqual(both('url.redirect = ( "^/go\\?host=([^&]*)" => "https://$1/" )\n'), [['open-redirect', '$1']]);
    assert.deepEqual(both('url.redirect = ( "^/go\\?to=([^&]*)" => "https://${1}/x" )\n'), [['open-redirect', '${1}']]);
    // the path too, for the host: /go/evil.example
    assert.deepEqual(both('url.redirect = ( "^/go/([^/]+)" => "https://$1/" )\n'), [['open-redirect', '$1']]);
    // a host the capture can end early ("evil.example/" or "evil.example#")
    assert.deepEqual(both('url.redirect = ( "^/s\\?d=(.*)$" => "https://$1.example.org/" )\n'), [
      ['open-redirect', '$1'],
    ]);
  });
  test('a capture that starts the query itself, or the path after a host, is clean (collected configs)', () => {
    // Laravel's documented rules: "(\?.*)" always starts with "?", so it starts the query of "index.php/"
    assert.deepEqual(both('url.rewrite-if-not-file = ( "^/[^\\?]*(\\?.*)?$" => "index.php/$1" )\n'), []);
    // $0 of the whole target starts with "/": it ends the host, it is not part of it
    assert.deepEqual(both('url.redirect = ( ".*" => "https://example.org$0" )\n'), []);
    assert.deepEqual(both('$HTTP["host"] =~ "(.*)" {\n  url.redirect = ( ".*" => "https://%0$0" )\n}\n'), []);
    assert.deepEqual(both('$HTTP["host"] =~ "^(.*)$" {\n  url.redirect = ( "^(.*)$" => "https://%1$1" )\n}\n'), []);
    // near miss: the same place with a group that does not start with "/"
    assert.deepEqual(both('url.redirect = ( "^/x/(.*)$" => "https://example.org$1" )\n'), [['open-redirect', '$1']]);
    assert.deepEqual(both('url.rewrite-if-not-file = ( "^/[^\\?]*\\?(.*)$" => "index.php/$1" )\n'), [
      ['capture-unescaped', '$1'],
    ]);
  });
  test('the idioms of real configs are clean: the capture lands in the query of the target', () => {
    for (const t of [
      'url.rewrite-if-not-file = ( "^/([^?]*)(?:\\?(.*))?$" => "/index.php?page=$1&$2" )\n',
      'url.rewrite-once = ( "^/api[^?]*\\?(.*)" => "/api/x.php?$1" )\n',
      'url.rewrite-once = ( "^/_media/(.*)?\\??(.*)$" => "/lib/exe/fetch.php?media=$1&$2" )\n',
      'url.rewrite-once = ( "^/(.*)\\?(.*)$" => "/index.php?q=$1&$2" )\n',
      '$HTTP["useragent"] =~ "^(.*)$" {\n  url.redirect = ( "^/x$" => "/y?ua=%1" )\n}\n',
      '$HTTP["querystring"] =~ "^(.*)$" {\n  url.redirect = ( "^/x$" => "https://example.org/y?%1#top" )\n}\n',
    ])
      assert.deepEqual(both(t), [], t);
  });
  test('a group of literal alternatives carries nothing: clean wherever it lands', () => {
    assert.deepEqual(both('$HTTP["language"] =~ "(en)" {\n  url.rewrite-once = ( "^/(.*)" => "/%1/$1" )\n}\n'), []);
    assert.deepEqual(
      both('$HTTP["language"] =~ "^(en|de|fr)" {\n  url.redirect = ( "^/$" => "https://%1.example.org/" )\n}\n'),
      [],
    );
    assert.deepEqual(both('url.rewrite-once = ( "^/s\\?lang=(en|de)$" => "/$1/index.html" )\n'), []);
    // near miss: the same place with a wildcard group
    assert.deepEqual(both('$HTTP["language"] =~ "^(.*)" {\n  url.rewrite-once = ( "^/(.*)" => "/%1/$1" )\n}\n'), [
      ['capture-unescaped', '%1'],
    ]);
  });
  test('a class that cannot carry a separator or a dot is clean in the path', () => {
    assert.deepEqual(both('url.rewrite-once = ( "^/p\\?id=([0-9]+)$" => "/item/$1" )\n'), []);
    assert.deepEqual(both('url.rewrite-once = ( "^/p\\?id=([a-z0-9_-]+)$" => "/item/$1" )\n'), []);
    assert.deepEqual(both('url.rewrite-once = ( "^/p\\?id=([a-z0-9.]+)$" => "/item/$1" )\n'), [
      ['capture-unescaped', '$1'],
    ]);
  });
  test('near misses: %1 from the host (lighttpd checks it), encoded forms, path to path, a fixed scheme and host', () => {
    assert.deepEqual(
      both('$HTTP["host"] =~ "^www\\.(.*)" {\n  url.redirect = ( "^/(.*)" => "http://%1/$1" )\n}\n'),
      [],
    );
    assert.deepEqual(both('$HTTP["referer"] =~ "(.*)" {\n  url.redirect = ( "^/x$" => "/y/%{esc:1}" )\n}\n'), []);
    assert.deepEqual(both('url.redirect = ( "^/old/(.*)$" => "https://example.org/$1" )\n'), []);
    assert.deepEqual(both('url.redirect = ( "^/go\\?to=(.*)$" => "https://example.org/?u=$1" )\n'), []);
    assert.deepEqual(both('url.redirect = ( "^/rewrite/all(/.*)$" => "$1" )\n'), []);
    assert.deepEqual(both('url.redirect = ( "^/(.*)$" => "https://example.org/$1" )\n'), []);
    // a subdomain the client picks is still yours
    assert.deepEqual(both('url.redirect = ( "^/u\\?n=([a-z.]+)$" => "https://$1.example.org/" )\n'), []);
  });
  test("every message's example is matched by the capture's group", () => {
    const cases = [
      ['url.rewrite-once = ( "^/dl\\?file=(.*)$" => "/files/$1" )\n', '.*'],
      ['url.rewrite-once = ( "^/p\\?id=([a-z0-9.]+)$" => "/item/$1" )\n', '[a-z0-9.]+'],
      ['url.rewrite-once = ( "^/p\\?f=([^&]+)$" => "/item/$1" )\n', '[^&]+'],
      ['url.redirect = ( "^/go\\?to=(.*)$" => "$1" )\n', '.*'],
      ['url.redirect = ( "^/go\\?to=([^&]*)" => "//$1/" )\n', '[^&]*'],
      ['url.redirect = ( "^/go/([^/]+)" => "https://$1/" )\n', '[^/]+'],
      ['url.redirect = ( "^/s\\?d=([a-z.#]+)$" => "https://$1.example.org/" )\n', '[a-z.#]+'],
      ['url.redirect = ( "^/(.*)$" => "$1" )\n', '.*'],
    ] as const;
    for (const [t, group] of cases) {
      const ds = diagnosticsOf(MODS + t).filter((d) => codes.includes(String(d.code)));
      assert.equal(ds.length, 1, t);
      const m = /e\.g\. "([^"]*)"|makes it "([^"]*)"/.exec(ds[0].message);
      assert.ok(m, ds[0].message);
      assert.ok(groupMatches(group, m[1] ?? m[2]), `${m[1] ?? m[2]} !~ ${group}`);
    }
  });
  test('where a substitution lands', () => {
    assert.equal(placeInTarget('$1', 0, true), 'start');
    assert.equal(placeInTarget('https://$1/', 8, true), 'authority');
    assert.equal(placeInTarget('//$1/', 2, true), 'authority');
    assert.equal(placeInTarget('https://a/$1', 10, true), 'path');
    assert.equal(placeInTarget('/a?b=$1', 5, true), 'query');
    assert.equal(placeInTarget('/a#$1', 3, true), 'query');
    assert.equal(placeInTarget('$1', 0, false), 'path');
    assert.equal(placeInTarget('/x/$1?$2', 6, false), 'query');
    assert.equal(placeInTarget('https://$2$1/', 10, true), 'authority');
  });
});

describe('secret-served', () => {
  const C = 'secret-served';
  const M =
    'server.modules = ( "mod_access", "mod_alias", "mod_auth", "mod_authn_file", "mod_openssl", "mod_webdav", "mod_rewrite", "mod_proxy" )\n';
  const ROOT = 'var.base = "/srv/www"\nserver.document-root = var.base + "/htdocs"\n';
  const run = (t: string) => found(M + ROOT + t, [C]);
  test('an htpasswd file, a TLS key and the WebDAV database inside the document root (variables resolved)', () => {
    assert.deepEqual(run('auth.backend.htpasswd.userfile = var.base + "/htdocs/.htpasswd"\n'), [
      [C, 'var.base + "/htdocs/.htpasswd"'],
    ]);
    assert.deepEqual(run('ssl.privkey = "/srv/www/htdocs/certs/../certs/site.key"\n'), [
      [C, '"/srv/www/htdocs/certs/../certs/site.key"'],
    ]);
    assert.deepEqual(run('webdav.sqlite-db-name = "/srv/www/htdocs/dav/lock.db"\n'), [
      [C, '"/srv/www/htdocs/dav/lock.db"'],
    ]);
    const d = diagnosticsOf(M + ROOT + 'auth.backend.htpasswd.userfile = "/srv/www/htdocs/.htpasswd"\n').find(
      (x) => x.code === C,
    )!;
    assert.match(d.message, /a request for "\/\.htpasswd" downloads it/);
  });
  test('a per-block document root and an alias target serve it too', () => {
    assert.deepEqual(
      run(
        '$HTTP["host"] == "files.example" {\n  server.document-root = "/srv/files"\n}\nssl.pemfile = "/srv/files/tls/site.pem"\n',
      ),
      [[C, '"/srv/files/tls/site.pem"']],
    );
    const t = 'alias.url = ( "/conf/" => "/etc/lighttpd/" )\nauth.backend.plain.userfile = "/etc/lighttpd/users.txt"\n';
    assert.deepEqual(run(t), [[C, '"/etc/lighttpd/users.txt"']]);
    assert.match(diagnosticsOf(M + ROOT + t).find((x) => x.code === C)!.message, /"\/conf\/users\.txt"/);
  });
  test('near misses: outside every root, a sibling folder with the same prefix, relative paths, a CA file', () => {
    assert.deepEqual(run('auth.backend.htpasswd.userfile = "/etc/lighttpd/.htpasswd"\n'), []);
    assert.deepEqual(run('auth.backend.htpasswd.userfile = "/srv/www/htdocs-private/.htpasswd"\n'), []);
    assert.deepEqual(run('auth.backend.htpasswd.userfile = "/srv/www/.htpasswd"\n'), []);
    assert.deepEqual(run('auth.backend.htpasswd.userfile = "htdocs/.htpasswd"\n'), []);
    assert.deepEqual(run('ssl.ca-file = "/srv/www/htdocs/ca.pem"\n'), []);
  });
  test('near misses: denied by suffix, by a URL block, by authentication, by a rewrite of everything, by an address guard', () => {
    const f = 'auth.backend.htpasswd.userfile = "/srv/www/htdocs/private/.htpasswd"\n';
    assert.deepEqual(run('url.access-deny = ( "~", ".htpasswd" )\n' + f), []);
    assert.deepEqual(run('$HTTP["url"] =^ "/private/" {\n  url.access-deny = ( "" )\n}\n' + f), []);
    assert.deepEqual(run('$HTTP["url"] =~ "^/private" {\n  url.access-deny = ( "" )\n}\n' + f), []);
    assert.deepEqual(
      run('auth.require = ( "/private/" => ( "method" => "basic", "realm" => "r", "require" => "valid-user" ) )\n' + f),
      [],
    );
    assert.deepEqual(run('url.rewrite-once = ( "^/(.*)$" => "/index.php/$1" )\n' + f), []);
    assert.deepEqual(run('proxy.server = ( "" => (( "host" => "127.0.0.1", "port" => 8080 )) )\n' + f), []);
    assert.deepEqual(
      run(
        '$HTTP["remoteip"] == "10.0.0.0/8" {\n  server.document-root = "/srv/admin"\n}\nauth.backend.htpasswd.userfile = "/srv/admin/.htpasswd"\n',
      ),
      [],
    );
    // a deny for another URL or suffix stops nothing
    assert.deepEqual(
      run('$HTTP["url"] =^ "/other/" {\n  url.access-deny = ( "" )\n}\nurl.access-deny = ( "~" )\n' + f),
      [[C, '"/srv/www/htdocs/private/.htpasswd"']],
    );
    // a rewrite only when the file is missing does not stop it
    assert.deepEqual(run('url.rewrite-if-not-file = ( "^/(.*)$" => "/index.php/$1" )\n' + f), [
      [C, '"/srv/www/htdocs/private/.htpasswd"'],
    ]);
  });
});

describe('tls-profile', () => {
  const C = 'tls-profile';
  const T = (t: string, tlsProfile?: string, version?: string) =>
    found(MODS + t, [C], { ...(tlsProfile ? { tlsProfile } : {}), ...(version ? { version } : {}) });
  test('intermediate (default): MinProtocol below TLSv1.2, non-forward-secret or CBC suites; the fixes write the profile', () => {
    assert.deepEqual(T('ssl.openssl.ssl-conf-cmd = ( "MinProtocol" => "TLSv1.1" )\n'), [[C, '"TLSv1.1"']]);
    const fixes = quickFixes(MODS + 'ssl.openssl.ssl-conf-cmd = ( "MinProtocol" => "TLSv1" )\n', C);
    assert.ok(fixes[0][1].includes('( "MinProtocol" => "TLSv1.2" )'), fixes[0][1]);
    const cl = 'ssl.cipher-list = "HIGH:!aNULL:!MD5"\n';
    assert.deepEqual(T(cl), [[C, '"HIGH:!aNULL:!MD5"']]);
    const fixed = quickFixes(MODS + cl, C)[0][1];
    assert.ok(fixed.includes('ssl.cipher-list = "ECDHE-ECDSA-AES128-GCM-SHA256:'), fixed);
    assert.deepEqual(found(fixed, [C]), []);
    assert.deepEqual(T('ssl.openssl.ssl-conf-cmd = ( "CipherString" => "EECDH+AESGCM:AES256+EECDH:AES256-SHA" )\n'), [
      [C, '"EECDH+AESGCM:AES256+EECDH:AES256-SHA"'],
    ]);
    assert.deepEqual(T('ssl.openssl.ssl-conf-cmd = ( "Protocol" => "ALL, -SSLv2, -SSLv3" )\n'), [
      [C, '"ALL, -SSLv2, -SSLv3"'],
    ]);
  });
  test('near misses: cipher lists inside the profile, unknown words, a TLS 1.3 minimum, off', () => {
    for (const t of [
      'ssl.cipher-list = "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384"\n',
      'ssl.cipher-list = "EECDH+AESGCM:EDH+AESGCM"\n',
      'ssl.cipher-list = "ECDHE+AESGCM:ECDHE+CHACHA20:!SHA1:!SHA256:!SHA384"\n',
      'ssl.cipher-list = "HIGH:!kRSA:!SHA1:!SHA256:!SHA384:!CAMELLIA"\n',
      'ssl.cipher-list = "SOMETHING-NEW:ECDHE+AESGCM"\n',
      'ssl.openssl.ssl-conf-cmd = ( "MinProtocol" => "TLSv1.3", "CipherString" => "HIGH" )\n',
      'ssl.openssl.ssl-conf-cmd = ( "MinProtocol" => "TLSv1.2" )\n',
    ])
      assert.deepEqual(T(t), [], t);
    assert.deepEqual(T('ssl.openssl.ssl-conf-cmd = ( "MinProtocol" => "TLSv1" )\n', 'off'), []);
  });
  test('old allows TLSv1 and CBC suites but not what it leaves out; modern asks TLSv1.3', () => {
    assert.deepEqual(T('ssl.openssl.ssl-conf-cmd = ( "MinProtocol" => "TLSv1" )\nssl.cipher-list = "HIGH"\n', 'old'), [
      [C, '"HIGH"'],
    ]);
    assert.deepEqual(T('ssl.cipher-list = "ECDHE-RSA-AES128-SHA:AES128-SHA:DES-CBC3-SHA"\n', 'old'), []);
    assert.deepEqual(T('ssl.openssl.ssl-conf-cmd = ( "MinProtocol" => "TLSv1.2" )\n', 'modern'), [[C, '"TLSv1.2"']]);
  });
  test("lighttpd's default minimum counts: a TLS socket without MinProtocol is below modern before 1.4.77 only", () => {
    const t = '$SERVER["socket"] == ":443" {\n  ssl.engine = "enable"\n  ssl.pemfile = "/etc/ssl/a.pem"\n}\n';
    assert.deepEqual(T(t, 'modern', '1.4.76'), [[C, 'ssl.engine']]);
    const fixed = quickFixes(MODS + t, C, { tlsProfile: 'modern', version: '1.4.76' })[0][1];
    assert.ok(
      fixed.includes('  ssl.engine = "enable"\n  ssl.openssl.ssl-conf-cmd += ( "MinProtocol" => "TLSv1.3" )\n'),
      fixed,
    );
    assert.deepEqual(found(fixed, [C], { tlsProfile: 'modern', version: '1.4.76' }), []);
    assert.deepEqual(T(t, 'modern', '1.4.77'), []);
    assert.deepEqual(T(t, 'intermediate', '1.4.69'), []);
  });
  test('the cipher-string reader follows OpenSSL: + is "and", ! removes for good, - until added again', () => {
    assert.deepEqual([...enabledSuites('ECDHE+AESGCM+ECDSA')!].sort(), [
      'ECDHE-ECDSA-AES128-GCM-SHA256',
      'ECDHE-ECDSA-AES256-GCM-SHA384',
    ]);
    assert.equal(enabledSuites('!RC4:ALL')!.has('RC4-SHA'), false);
    assert.equal(enabledSuites('-RC4:ALL')!.has('RC4-SHA'), true);
    assert.equal(enabledSuites('UNHEARD-OF'), undefined);
  });
});

describe('source-disclosure', () => {
  const C = 'source-disclosure';
  const MAIN = MODS + 'server.document-root = "/srv/www"\n';
  test('.php run only under one URL: sent as source elsewhere', () => {
    const t =
      MAIN + '$HTTP["url"] =^ "/app/" {\n  fastcgi.server = ( ".php" => (( "socket" => "/run/php.sock" )) )\n}\n';
    assert.deepEqual(found(t, [C]), [[C, '".php"']]);
  });
  test('near misses: excluded globally, handled globally, per virtual host', () => {
    const block = '$HTTP["url"] =^ "/app/" {\n  fastcgi.server = ( ".php" => (( "socket" => "/run/php.sock" )) )\n}\n';
    assert.deepEqual(found(MAIN + 'static-file.exclude-extensions = ( ".php" )\n' + block, [C]), []);
    assert.deepEqual(found(MAIN + 'url.access-deny = ( ".php" )\n' + block, [C]), []);
    assert.deepEqual(
      found(
        MAIN +
          'fastcgi.server = ( ".php" => (( "socket" => "/run/a.sock" )) )\n' +
          block.replace('fastcgi.server =', 'fastcgi.server :='),
        [C],
      ),
      [],
    );
    assert.deepEqual(
      found(MAIN + '$HTTP["host"] == "a" {\n  fastcgi.server = ( ".php" => (( "socket" => "/run/php.sock" )) )\n}\n', [
        C,
      ]),
      [],
    );
  });
});

describe('severity settings and suppression apply like every other code', () => {
  test('off drops a security code; ignore comments silence it', () => {
    const t = MODS + 'extforward.forwarder = ( "all" => "trust" )\n';
    assert.deepEqual(found(t, ['extforward-trust-all'], { severity: { 'extforward-trust-all': 'off' } }), []);
    assert.deepEqual(
      found(MODS + '# lighttpd-ignore-next-line extforward-trust-all\nextforward.forwarder = ( "all" => "trust" )\n', [
        'extforward-trust-all',
      ]),
      [],
    );
    assert.deepEqual(severities(t, 'extforward-trust-all', { severity: { 'extforward-trust-all': 'error' } }), [
      'error',
    ]);
  });
});
