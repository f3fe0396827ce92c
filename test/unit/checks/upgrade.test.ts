import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { found, quickFixes } from '../../helpers/diagnostics';
import { BEHAVIOUR_CHANGES } from '../../../server/src/schema/changes';
import { DIRECTIVES, MODULES, REMOVED_DIRECTIVES, compareVersions } from '../../../server/src/schema';
import { RULES } from '../../../server/src/features/diagnostics/rules';
import { normalizeSettings, normalizeUpgradeFrom } from '../../../server/src/settings';
import { getLanguageService } from '../../../server/src/service';

/** One case per table entry: a config the change applies to, and one it does not apply to. */
interface Case {
  readonly from: string;
  readonly to?: string;
  readonly applies: string;
  /** The text the diagnostic covers in `applies`. */
  readonly at: string;
  readonly notApplies: readonly string[];
}

const TLS = '$SERVER["socket"] == ":443" {\n  ssl.engine = "enable"\n  ssl.pemfile = "/etc/ssl/x.pem"\n}\n';
const MODS = (m: string) => `server.modules = ( ${m} )\n`;

const CASES: Readonly<Record<string, Case>> = {
  'dir-listing-hide-dotfiles': {
    from: '1.4.39',
    applies: '$HTTP["url"] =^ "/pub/" {\n  dir-listing.activate = "enable"\n}\n',
    at: 'dir-listing.activate',
    notApplies: [
      'dir-listing.hide-dotfiles = "disable"\n$HTTP["url"] =^ "/pub/" {\n  dir-listing.activate = "enable"\n}\n',
      'dir-listing.activate = "disable"\n',
    ],
  },
  'removed-keys-1.4.41': {
    from: '1.4.40',
    applies: 'server.docroot = "/srv"\n',
    at: 'server.docroot',
    notApplies: ['server.document-root = "/srv"\n'],
  },
  'url-normalize': {
    from: '1.4.53',
    applies: 'server.document-root = "/srv"\n',
    at: 'server.document-root',
    notApplies: ['server.document-root = "/srv"\nserver.http-parseopts = ( "header-strict" => "enable" )\n'],
  },
  'tls-min-protocol-1.2': {
    from: '1.4.55',
    to: '1.4.76',
    applies: TLS,
    at: 'ssl.engine',
    notApplies: [
      TLS + 'ssl.openssl.ssl-conf-cmd = ( "MinProtocol" => "TLSv1" )\n',
      '$SERVER["socket"] == ":8080" {\n  server.document-root = "/srv"\n}\n',
    ],
  },
  'removed-module-compress': {
    from: '1.4.55',
    applies: MODS('"mod_compress"'),
    at: '"mod_compress"',
    notApplies: [MODS('"mod_deflate"')],
  },
  'http2-default': {
    from: '1.4.58',
    applies: 'server.feature-flags = ( "server.graceful-shutdown-timeout" => 5 )\n',
    at: 'server.feature-flags',
    notApplies: ['server.feature-flags = ( "server.h2proto" => "enable" )\n'],
  },
  'removed-modules-1.4.64': {
    from: '1.4.63',
    applies: MODS('"mod_geoip"'),
    at: '"mod_geoip"',
    notApplies: [MODS('"mod_maxminddb"')],
  },
  'max-keep-alive-requests': {
    from: '1.4.64',
    applies: 'server.port = 80\n',
    at: 'server.port',
    notApplies: ['server.port = 80\nserver.max-keep-alive-requests = 100\n'],
  },
  'removed-modules-1.4.68': {
    from: '1.4.67',
    applies: MODS('"mod_evasive"'),
    at: '"mod_evasive"',
    notApplies: [MODS('"mod_magnet"')],
  },
  'removed-ssl-options': {
    from: '1.4.67',
    applies: 'ssl.honor-cipher-order = "enable"\n',
    at: 'ssl.honor-cipher-order',
    notApplies: ['ssl.openssl.ssl-conf-cmd = ( "Options" => "ServerPreference" )\n'],
  },
  'redirect-code-308': {
    from: '1.4.69',
    applies:
      MODS('"mod_redirect"') +
      '$HTTP["host"] == "old.example" {\n  url.redirect = ( "" => "https://new.example${url.path}" )\n}\n',
    at: 'url.redirect',
    notApplies: [
      MODS('"mod_redirect"') +
        'url.redirect-code = 302\n$HTTP["host"] == "old.example" {\n  url.redirect = ( "" => "https://new.example/" )\n}\n',
      MODS('"mod_redirect"') + 'url.redirect = ( "^/a" => "/b" )\nurl.redirect-code = 301\n',
      MODS('"mod_rewrite"') + 'url.rewrite-once = ( "^/a" => "/b" )\n',
    ],
  },
  'tls-min-protocol-1.3': {
    from: '1.4.69',
    applies: TLS,
    at: 'ssl.engine',
    notApplies: [
      TLS.replace(
        'ssl.engine = "enable"\n',
        'ssl.engine = "enable"\n  ssl.openssl.ssl-conf-cmd = ( "MinProtocol" => "TLSv1.2" )\n',
      ),
      'ssl.openssl.ssl-conf-cmd = ( "MinProtocol" => "TLSv1.3" )\n' + TLS,
      TLS.replace('"enable"', '"disable"'),
    ],
  },
  'error-handler-404-only': {
    from: '1.4.76',
    applies: 'server.error-handler-404 = "/404.php"\n',
    at: 'server.error-handler-404',
    notApplies: ['server.error-handler-404 = "/404.php"\nserver.error-handler = "/error.php"\n', 'server.port = 80\n'],
  },
  'missing-operator-fatal': {
    from: '1.4.76',
    applies: 'server.port = 80\nserver.document-root "/srv"\n',
    at: 'server.document-root "/srv"',
    notApplies: ['server.port = 80\nserver.document-root = "/srv"\n'],
  },
  'static-file-pathinfo': {
    from: '1.4.79',
    applies: MODS('"mod_access", "mod_staticfile"'),
    at: '"mod_staticfile"',
    notApplies: [
      MODS('"mod_access", "mod_staticfile"') + 'static-file.disable-pathinfo = "disable"\n',
      MODS('"mod_access"') + 'server.compat-module-load = "disable"\n',
    ],
  },
  'h2c-off': {
    from: '1.4.69',
    applies: 'server.port = 80\nserver.feature-flags += ( "server.h2proto" => "enable" )\n',
    at: 'server.feature-flags',
    notApplies: [
      'server.port = 80\nserver.feature-flags += ( "server.h2c" => "enable" )\n',
      'server.port = 80\nserver.feature-flags += ( "server.h2proto" => "disable" )\n',
      'server.port = 443\nssl.engine = "enable"\nssl.pemfile = "/x.pem"\nserver.feature-flags = ( "server.h2proto" => "enable" )\n',
    ],
  },
  'alias-order-check': {
    from: '1.4.84',
    applies:
      MODS('"mod_alias"') + 'alias.url = ( "/blog" => "/srv/blog", "/other" => "/srv/o", "/blog/img" => "/srv/img" )\n',
    at: '"/blog/img"',
    notApplies: [
      MODS('"mod_alias"') + 'alias.url = ( "/blog/img" => "/srv/img", "/other" => "/srv/o", "/blog" => "/srv/blog" )\n',
      MODS('"mod_alias"') + 'alias.url = ( "/blog" => "/srv/blog", "/blogroll" => "/srv/r" )\n',
    ],
  },
};

/** What a quick fix must not bring. */
const BAD_AFTER_FIX = [
  'duplicate-key',
  'unknown-directive',
  'invalid-value',
  'type-mismatch',
  'syntax-unexpected-token',
];

describe('behaviour-change table (schema/changes.ts)', () => {
  test('every entry is linked to known directives, modules and rule codes, within 1.4.40-1.4.85', () => {
    const keys = new Set([...DIRECTIVES.map((d) => d.key), ...REMOVED_DIRECTIVES.map((d) => d.key)]);
    const modules = new Set(MODULES.map((m) => m.name));
    const codes = new Set(RULES.map((r) => r.code));
    const ids = new Set<string>();
    for (const c of BEHAVIOUR_CHANGES) {
      assert.ok(!ids.has(c.id), `duplicate id ${c.id}`);
      ids.add(c.id);
      for (const k of c.directives) assert.ok(keys.has(k), `${c.id}: unknown directive ${k}`);
      for (const m of c.modules ?? []) assert.ok(modules.has(m), `${c.id}: unknown module ${m}`);
      assert.ok(codes.has(c.code), `${c.id}: unknown code ${c.code}`);
      assert.ok(compareVersions(c.release, '1.4.40') >= 0 && compareVersions(c.release, '1.4.85') <= 0, c.id);
      assert.match(c.commit, /^[0-9a-f]{8}$/);
    }
    const releases = BEHAVIOUR_CHANGES.map((c) => c.release);
    assert.deepEqual(releases, [...releases].sort(compareVersions), 'entries in release order');
  });
  test('removal entries list the removed keys and modules of their release', () => {
    const entry = BEHAVIOUR_CHANGES.find((c) => c.id === 'removed-modules-1.4.68')!;
    assert.deepEqual([...(entry.modules ?? [])].sort(), [
      'mod_evasive',
      'mod_secdownload',
      'mod_uploadprogress',
      'mod_usertrack',
    ]);
    assert.ok(BEHAVIOUR_CHANGES.find((c) => c.id === 'removed-ssl-options')!.directives.includes('ssl.dh-file'));
  });
  test('there is a case for every entry', () => {
    assert.deepEqual(
      BEHAVIOUR_CHANGES.map((c) => c.id).filter((id) => !CASES[id]),
      [],
    );
  });
});

describe('upgrade notes: one case per table entry', () => {
  for (const c of BEHAVIOUR_CHANGES) {
    const k = CASES[c.id];
    if (!k) continue;
    test(`${c.id} (${c.release}, ${c.code})`, () => {
      const opts = { upgradeFrom: k.from, version: k.to ?? '1.4.85' };
      assert.deepEqual(found(k.applies, [c.code], opts), [[c.code, k.at]], 'applies');
      for (const text of k.notApplies) assert.deepEqual(found(text, [c.code], opts), [], `does not apply:\n${text}`);
      if (!c.code.startsWith('upgrade-')) return;
      // Nothing without an upgrade source, or when the source already has the new behaviour.
      assert.deepEqual(found(k.applies, [c.code], { version: opts.version }), [], 'no upgrade source');
      assert.deepEqual(found(k.applies, [c.code], { ...opts, upgradeFrom: c.release }), [], 'from the release itself');
      // Every quick fix settles it, and brings no error.
      const fixes = quickFixes(k.applies, c.code, opts).filter(([title]) => !title.startsWith('Ignore'));
      assert.ok(fixes.length >= 1, 'has a quick fix');
      for (const [title, after] of fixes) {
        if (title.startsWith('Suppress') || title.includes('lighttpd-ignore')) continue;
        const left = found(after, [c.code, ...BAD_AFTER_FIX], opts);
        assert.deepEqual(left, [], `after "${title}":\n${after}`);
      }
    });
  }
});

describe('upgrade notes: details', () => {
  test('the TLS note names both steps when both lie between the versions, and the pin keeps the old minimum', () => {
    const opts = { upgradeFrom: '1.4.55', version: '1.4.85' };
    const fixes = quickFixes(TLS, 'upgrade-tls-min-protocol', opts);
    assert.equal(fixes[0][0], 'Keep the 1.4.55 behaviour: ssl.openssl.ssl-conf-cmd += ( "MinProtocol" => "TLSv1" )');
    assert.match(
      fixes[0][1],
      /ssl\.engine = "enable"\n {2}ssl\.openssl\.ssl-conf-cmd \+= \( "MinProtocol" => "TLSv1" \)\n/,
    );
    const fromDebian = quickFixes(TLS, 'upgrade-tls-min-protocol', { upgradeFrom: '1.4.69' });
    assert.match(fromDebian[0][0], /"TLSv1\.2"/);
    assert.match(fromDebian[1][0], /"TLSv1\.3"/);
  });
  test('a one-line block gets the pinned key inside the block', () => {
    const text = MODS('"mod_redirect"') + '$HTTP["host"] == "a" { url.redirect = ( "" => "https://b/" ) }\n';
    const [[, after]] = quickFixes(text, 'upgrade-redirect-code', { upgradeFrom: '1.4.69' });
    assert.ok(after.includes('url.redirect = ( "" => "https://b/" ) url.redirect-code = 301 }'), after);
  });
  test('a key an unknown include could set is never reported missing', () => {
    const text = 'server.port = 80\ninclude_shell "/usr/local/bin/make-conf"\n';
    assert.deepEqual(found(text, ['upgrade-keep-alive-requests'], { upgradeFrom: '1.4.64' }), []);
    // Debian's helper scripts are known to print only mime types and socket bindings.
    const deb = 'server.port = 80\ninclude_shell "/usr/share/lighttpd/create-mime.conf.pl"\n';
    assert.deepEqual(found(deb, ['upgrade-keep-alive-requests'], { upgradeFrom: '1.4.64' }), [
      ['upgrade-keep-alive-requests', 'server.port'],
    ]);
  });
  test('alias.url: a pair the old version refuses already is not an upgrade note; the fixes remove or move the entry', () => {
    const opts = { upgradeFrom: '1.4.69' };
    const adjacent = MODS('"mod_alias"') + 'alias.url = ( "/blog" => "/a", "/blog/img" => "/b" )\n';
    assert.deepEqual(found(adjacent, ['upgrade-alias-order'], opts), []);
    const text = CASES['alias-order-check'].applies;
    const fixes = quickFixes(text, 'upgrade-alias-order', opts);
    assert.ok(fixes[0][1].includes('alias.url = ( "/blog" => "/srv/blog", "/other" => "/srv/o" )'), fixes[0][1]);
    assert.ok(
      fixes[1][1].includes('alias.url = ( "/blog/img" => "/srv/img", "/blog" => "/srv/blog", "/other" => "/srv/o" )'),
      fixes[1][1],
    );
  });
  test('removed ssl.* options migrate to ssl.openssl.ssl-conf-cmd', () => {
    const fix = (text: string) => quickFixes(text, 'removed-directive')[0];
    assert.deepEqual(fix('ssl.dh-file = "/etc/ssl/dh.pem"\n'), [
      'Migrate to ssl.openssl.ssl-conf-cmd "DHParameters"',
      'ssl.openssl.ssl-conf-cmd += ( "DHParameters" => "/etc/ssl/dh.pem" )\n',
    ]);
    assert.deepEqual(
      fix('ssl.ec-curve = "secp384r1"\n')[1],
      'ssl.openssl.ssl-conf-cmd += ( "Curves" => "secp384r1" )\n',
    );
    assert.deepEqual(
      fix('ssl.honor-cipher-order = "disable"\n')[1],
      'ssl.openssl.ssl-conf-cmd += ( "Options" => "-ServerPreference" )\n',
    );
    assert.deepEqual(
      fix('ssl.use-sslv3 = "enable"\n')[1],
      'ssl.openssl.ssl-conf-cmd += ( "MinProtocol" => "SSLv3" )\n',
    );
    assert.deepEqual(fix('ssl.use-sslv2 = "disable"\n')[1], '\n');
  });
  test('an upgrade source equal to or newer than the target reports nothing', () => {
    const text = MODS('"mod_redirect"') + 'url.redirect = ( "^/a" => "/b" )\n';
    assert.deepEqual(found(text, ['upgrade-redirect-code'], { upgradeFrom: '1.4.85', version: '1.4.85' }), []);
    assert.deepEqual(found(text, ['upgrade-redirect-code'], { upgradeFrom: '1.4.80', version: '1.4.74' }), []);
  });
});

describe('setting lighttpd.upgradeFrom', () => {
  test('empty by default; versions normalised; anything else means no upgrade check', () => {
    assert.equal(normalizeSettings({}).upgradeFrom, '');
    assert.equal(normalizeSettings({ upgradeFrom: '1.4.69' }).upgradeFrom, '1.4.69');
    assert.equal(normalizeUpgradeFrom('lighttpd-1.4.69'), '1.4.69');
    assert.equal(normalizeUpgradeFrom('latest'), '');
    assert.equal(normalizeUpgradeFrom(42), '');
  });
  test('the language service passes it to the checks', () => {
    const text = MODS('"mod_redirect"') + 'url.redirect = ( "^/a" => "/b" )\n';
    const doc = TextDocument.create('file:///t/lighttpd.conf', 'lighttpd', 1, text);
    const codes = (s: object) =>
      getLanguageService()
        .doValidation(doc, s)
        .map((d) => d.code);
    assert.ok(codes({ upgradeFrom: '1.4.69' }).includes('upgrade-redirect-code'));
    assert.ok(!codes({}).includes('upgrade-redirect-code'));
  });
});
