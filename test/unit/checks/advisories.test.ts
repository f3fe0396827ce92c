/**
 * known-vulnerability (schema/advisories.ts, features/checks/security/advisories.ts): every advisory fires in
 * its affected range on the place that exposes it, and not from its fixed release, not before the release that
 * introduced it, and not without what exposes it. upgrade-advisories lists those fixed on the way.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { diagnosticsOf, found } from '../../helpers/diagnostics';
import { ADVISORIES, affects, fixedBetween } from '../../../server/src/schema/advisories';
import { compareVersions } from '../../../server/src/schema';
import { toSarif } from '../../../server/src/cli/sarif';
import { ruleSection } from '../../../server/src/features/hover/hover';

const MODS =
  'server.modules = ( "mod_access", "mod_alias", "mod_proxy", "mod_fastcgi", "mod_cgi", "mod_userdir", "mod_extforward", "mod_wstunnel" )\n';
const MAIN = 'server.document-root = "/srv/www"\n' + MODS;
/** known-vulnerability is opt-in: shown when its severity is set (or lighttpd-lint --rules names it). */
const ON = { 'known-vulnerability': 'warning' } as const;

/** For each advisory: a main config exposing it (the exposing text), and one without it. */
const CASES: Record<string, { with: string; at: string; without: string }> = {
  'CVE-2016-1000212': { with: 'cgi.assign = ( ".cgi" => "" )\n', at: 'cgi.assign', without: '' },
  'CVE-2018-19052': {
    with: 'alias.url = ( "/static" => "/srv/static/" )\n',
    at: '"/static"',
    without: 'alias.url = ( "/static/" => "/srv/static/" )\n',
  },
  'lighttpd#2899': { with: '', at: 'server.document-root', without: '' },
  'lighttpd-1.4.51-userdir': { with: 'userdir.path = "public_html"\n', at: 'userdir.path', without: '' },
  'lighttpd-1.4.51-folded-headers': { with: '', at: 'server.document-root', without: '' },
  'CVE-2019-11072': {
    with: 'server.http-parseopts = ( "url-path-2f-decode" => "enable" )\n',
    at: '"enable"',
    without: 'server.http-parseopts = ( "url-path-2f-decode" => "disable" )\n',
  },
  'CVE-2022-30780': { with: '', at: 'server.document-root', without: '' },
  'lighttpd-1.4.61-h2c-smuggling': {
    with: 'proxy.header = ( "upgrade" => "enable" )\n',
    at: '"enable"',
    without: 'proxy.header = ( "upgrade" => "disable" )\n',
  },
  'lighttpd#3114': { with: 'alias.url = ( "/a/" => "/srv/a/" )\n', at: 'alias.url', without: '' },
  'CVE-2022-22707': {
    with: 'extforward.headers = ( "Forwarded" )\n',
    at: '"Forwarded"',
    without: 'extforward.headers = ( "X-Forwarded-For" )\n',
  },
  'CVE-2022-37797': {
    with: 'wstunnel.server = ( "/ws" => (( "port" => 8080 )) )\n',
    at: 'wstunnel.server',
    without: '',
  },
  'CVE-2022-41556': {
    with: 'fastcgi.server = ( ".php" => (( "port" => 9000 )) )\n',
    at: 'fastcgi.server',
    without: '',
  },
  'CVE-2025-8671': {
    with: '',
    at: 'server.document-root',
    without: 'server.feature-flags = ( "server.h2proto" => "disable" )\n',
  },
  'CVE-2025-12642': { with: 'proxy.server = ( "" => (( "port" => 8080 )) )\n', at: 'proxy.server', without: '' },
  'lighttpd#3309': { with: 'proxy.server = ( "" => (( "port" => 8080 )) )\n', at: 'proxy.server', without: '' },
  'lighttpd-1.4.83-cgi-header-names': {
    with: 'fastcgi.server = ( ".php" => (( "port" => 9000 )) )\n',
    at: 'fastcgi.server',
    without: '',
  },
  'lighttpd-1.4.83-parseopts-return': {
    with: 'server.http-parseopts = ( "header-strict" => "disable" )\n',
    at: '"disable"',
    without: 'server.http-parseopts = ( "header-strict" => "enable" )\n',
  },
};

/** The release before `v` (1.4.x - 1). */
const before = (v: string) => {
  const [a, b, c] = v.split('.').map(Number);
  return `${a}.${b}.${c - 1}`;
};

/** [advisory id, covered text] of every known-vulnerability finding. */
function advisoriesIn(text: string, version: string): [string, string][] {
  return diagnosticsOf(text, { version, severity: ON })
    .filter((d) => d.code === 'known-vulnerability')
    .map((d) => {
      const lines = text.split('\n');
      const line = lines[d.range.start.line];
      return [
        String((d.data as { advisory: string }).advisory),
        line.slice(d.range.start.character, d.range.end.character),
      ];
    });
}

describe('known-vulnerability', () => {
  test('every advisory has a case, a summary, a link and release numbers in order', () => {
    assert.deepEqual(Object.keys(CASES).sort(), ADVISORIES.map((a) => a.id).sort());
    for (const a of ADVISORIES) {
      assert.match(a.fixed, /^1\.4\.\d+$/, a.id);
      if (a.introduced) assert.ok(compareVersions(a.introduced, a.fixed) < 0, a.id);
      assert.match(a.commit, /^[0-9a-f]{8}$/, a.id);
      assert.match(a.link, /^https:\/\//, a.id);
      assert.ok(a.summary.length > 30 && !a.summary.endsWith('.'), a.id);
    }
  });
  for (const adv of ADVISORIES) {
    const c = CASES[adv.id];
    test(`${adv.id}: in range on the exposing place, not from ${adv.fixed}${adv.introduced ? `, not before ${adv.introduced}` : ''}, not without the feature`, () => {
      const last = before(adv.fixed);
      const text = MAIN + c.with;
      assert.ok(affects(adv, last));
      assert.deepEqual(
        advisoriesIn(text, last).filter(([id]) => id === adv.id),
        [[adv.id, c.at]],
      );
      assert.deepEqual(
        advisoriesIn(text, adv.fixed).filter(([id]) => id === adv.id),
        [],
      );
      if (adv.introduced)
        assert.deepEqual(
          advisoriesIn(text, before(adv.introduced)).filter(([id]) => id === adv.id),
          [],
        );
      if (adv.exposure.kind !== 'core')
        assert.deepEqual(
          advisoriesIn(MAIN + c.without, last).filter(([id]) => id === adv.id),
          [],
          'without',
        );
    });
  }
  test('core faults are shown only in the main config (a fragment cannot know it is served)', () => {
    assert.deepEqual(
      advisoriesIn('server.document-root = "/srv/www"\n', '1.4.49')
        .map(([id]) => id)
        .includes('lighttpd#2899'),
      true,
    );
    assert.deepEqual(advisoriesIn(MODS + 'alias.url = ( "/a/" => "/b/" )\n', '1.4.85'), []);
  });
  test('HTTP/2 before 1.4.59 only when enabled', () => {
    const has = (t: string, v: string) => advisoriesIn(MAIN + t, v).some(([id]) => id === 'CVE-2025-8671');
    assert.equal(has('', '1.4.58'), false);
    assert.equal(has('server.feature-flags = ( "server.h2proto" => "enable" )\n', '1.4.58'), true);
    assert.equal(has('', '1.4.79'), true);
  });
  test('the default target (the newest release) has none', () => {
    assert.deepEqual(
      found(
        MAIN +
          Object.values(CASES)
            .map((c) => c.with)
            .join(''),
        ['known-vulnerability'],
        { severity: ON },
      ),
      [],
    );
  });
  test('opt-in: nothing unless its severity is set', () => {
    assert.deepEqual(found(MAIN, ['known-vulnerability'], { version: '1.4.49' }), []);
    assert.equal(found(MAIN, ['known-vulnerability'], { version: '1.4.49', severity: ON }).length > 0, true);
  });
  test('the finding links its advisory: codeDescription, hover and SARIF', () => {
    const text = MAIN + CASES['CVE-2022-22707'].with;
    const d = diagnosticsOf(text, { version: '1.4.63', severity: ON }).find(
      (x) => x.code === 'known-vulnerability' && (x.data as { advisory: string }).advisory === 'CVE-2022-22707',
    )!;
    assert.equal(d.codeDescription?.href, 'https://nvd.nist.gov/vuln/detail/CVE-2022-22707');
    assert.match(d.message, /lighttpd 1\.4\.63 is affected by CVE-2022-22707, fixed in 1\.4\.64/);
    const hover = ruleSection([d], d.range.start)!;
    assert.ok(hover.value.includes('[CVE-2022-22707](https://nvd.nist.gov/vuln/detail/CVE-2022-22707)'), hover.value);
    const sarif = toSarif(
      { files: [{ file: 'lighttpd.conf', absolutePath: '/w/lighttpd.conf', diagnostics: [d] }], inputErrors: [] },
      { cwd: '/w', toolVersion: '0.0.0' },
    ) as { runs: { results: { properties: Record<string, unknown> }[] }[] };
    const props = sarif.runs[0].results[0].properties;
    assert.equal(props.advisory, 'CVE-2022-22707');
    assert.equal(props.advisoryUri, 'https://nvd.nist.gov/vuln/detail/CVE-2022-22707');
    assert.equal(props['security-severity'], '7.5');
  });
});

describe('upgrade-advisories', () => {
  test('the advisories fixed between upgradeFrom and the target, those this config exposes first', () => {
    const text = MAIN + CASES['CVE-2022-41556'].with;
    const ds = diagnosticsOf(text, { version: '1.4.85', upgradeFrom: '1.4.63' }).filter(
      (d) => d.code === 'upgrade-advisories',
    );
    assert.equal(ds.length, 1);
    assert.equal(
      text.split('\n')[ds[0].range.start.line].slice(ds[0].range.start.character, ds[0].range.end.character),
      'server.document-root',
    );
    const m = /exposed by this configuration: (.*); not exposed by it: (.*) \(see/.exec(ds[0].message)!;
    assert.ok(m[1].includes('CVE-2022-41556 (1.4.67)') && m[1].includes('CVE-2025-8671 (1.4.80)'), m[1]);
    assert.ok(m[2].includes('CVE-2022-22707 (1.4.64)') && !m[2].includes('CVE-2022-41556'), m[2]);
    assert.equal(fixedBetween('1.4.63', '1.4.85').length, Number(/fixes (\d+)/.exec(ds[0].message)![1]));
  });
  test('nothing without upgradeFrom, or when nothing is fixed on the way', () => {
    assert.deepEqual(found(MAIN, ['upgrade-advisories'], { version: '1.4.85' }), []);
    assert.deepEqual(found(MAIN, ['upgrade-advisories'], { version: '1.4.85', upgradeFrom: '1.4.84' }), []);
  });
});
