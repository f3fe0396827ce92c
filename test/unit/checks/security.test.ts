/**
 * The security group (server/src/features/checks/security/): for every rule, each case it finds and a near
 * miss it must not flag. Assertions are on codes, ranges (the covered text) and severities.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { found, quickFixes, severities } from '../../helpers/diagnostics';
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
  test('%1 from a request header copied raw, with the %{esc:1} fix', () => {
    const t = '$HTTP["useragent"] =~ "^(.*)$" {\n  url.redirect = ( "^/x$" => "/y?ua=%1" )\n}\n';
    assert.deepEqual(sec(t, 'capture-unescaped'), [['capture-unescaped', '%1']]);
    assert.ok(quickFixes(MODS + t, 'capture-unescaped')[0][1].includes('"/y?ua=%{esc:1}"'));
  });
  test('$1 from the query string in a rewrite', () => {
    assert.deepEqual(sec('url.rewrite-once = ( "^/s\\?q=(.*)$" => "/search.php?q=$1&x=1" )\n', 'capture-unescaped'), [
      ['capture-unescaped', '$1'],
    ]);
  });
  test('open-redirect: the whole target from the query string', () => {
    assert.deepEqual(sec('url.redirect = ( "^/go\\?to=(.*)$" => "$1" )\n', 'open-redirect'), [['open-redirect', '$1']]);
  });
  test('near misses: %1 from the host (lighttpd checks it), encoded forms, the path, a fixed scheme and host', () => {
    const codes = ['capture-unescaped', 'open-redirect'];
    assert.deepEqual(
      sec('$HTTP["host"] =~ "^www\\.(.*)" {\n  url.redirect = ( "^/(.*)" => "http://%1/$1" )\n}\n', codes[0]),
      [],
    );
    assert.deepEqual(
      sec('$HTTP["referer"] =~ "(.*)" {\n  url.redirect = ( "^/x$" => "/y?r=%{esc:1}" )\n}\n', codes[0]),
      [],
    );
    assert.deepEqual(sec('url.redirect = ( "^/old/(.*)$" => "https://example.org/$1" )\n', codes[0]), []);
    assert.deepEqual(sec('url.redirect = ( "^/go\\?to=(.*)$" => "https://example.org/$1" )\n', codes[1]), []);
    assert.deepEqual(sec('url.redirect = ( "^/rewrite/all(/.*)$" => "$1" )\n', codes[1]), []);
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
