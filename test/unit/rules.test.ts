/**
 * The rule table (features/diagnostics/rules.ts) declares what lighttpd does with each finding; the default
 * severity follows from it. These tests walk the table and the findings of real and crafted configs, so
 * that no rule, and no finding, says "lighttpd refuses to start" below error.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EFFECT_SEVERITY, RULES, getRule } from '../../server/src/features/diagnostics/rules';
import { DIRECTIVES, isChecked, outsideEffect } from '../../server/src/schema';
import { diagnosticsOf } from '../helpers/diagnostics';
import { CORPUS_AVAILABLE, corpusEntries, readCorpusFile, REPO_ROOT } from '../helpers/corpus';

const NAMES = ['', 'error', 'warning', 'information', 'hint'];
/** Words that claim lighttpd will not start (not "older versions refuse", a statement about another target). */
const CLAIMS_REFUSAL = /\blighttpd(?: [\d.]+)? (?:refuses to start|exits)\b/;

describe('rule effects', () => {
  test('every rule declares an effect, and its severity is the effect’s unless it says why', () => {
    const unexplained: string[] = [];
    for (const r of RULES) {
      assert.ok(r.effect in EFFECT_SEVERITY, `${r.code}: effect ${r.effect}`);
      if (r.severity !== EFFECT_SEVERITY[r.effect] && !r.because?.trim()) unexplained.push(r.code);
      if (r.effect === 'checker') assert.ok(r.because, `${r.code}: a checker rule states its reason`);
    }
    assert.deepEqual(unexplained, []);
  });
  test('a refusal to start is always an error, and a rule that says lighttpd refuses to start refuses', () => {
    for (const r of RULES) {
      if (r.effect === 'refuses-to-start') assert.equal(r.severity, 'error', r.code);
      if (CLAIMS_REFUSAL.test(r.description)) {
        assert.equal(r.effect, 'refuses-to-start', `${r.code}: "${r.description}"`);
        assert.equal(r.severity, 'error', r.code);
      }
    }
  });
  test('stricter-than-lighttpd rules are few and named (a change here is a product decision)', () => {
    const stricter = RULES.filter((r) => r.because && r.effect !== 'checker').map((r) => r.code);
    assert.deepEqual(stricter.sort(), [
      'module-not-loaded',
      // (lighttpd 1.4.69 -p: a bare `else` and braces with no condition are dropped, the settings kept)
      'syntax-block-without-condition',
      'syntax-continuation-lost',
      'syntax-else-without-condition',
      'syntax-extra-arrow',
      'syntax-extra-value',
      'syntax-missing-comma',
      'syntax-unmatched-brace',
    ]);
  });
  test('each checked value set and key set of the schema declares its effect outside the set', () => {
    let n = 0;
    for (const d of DIRECTIVES) {
      const sets = [d.values, d.keys, ...(d.keys?.keys.map((k) => k.values) ?? [])];
      for (const s of sets) {
        if (!s || !isChecked(s.outside)) continue;
        const { effect, says } = outsideEffect(s.outside);
        assert.ok(['refuses-to-start', 'logs-and-carries-on', 'silently-ignores'].includes(effect), d.key);
        assert.ok(says.length > 0, d.key);
        n++;
      }
    }
    assert.ok(n > 30, `${n} checked sets`);
  });
});

/** Configs whose findings claim lighttpd's reaction in their message. */
const CRAFTED = [
  'server.event-handler = "freebsd-kqueue"\n',
  'server.event-handler = "epol"\n',
  'server.event-handler = "solaris-devpoll"\nserver.stat-cache-engine = "kqueue"\n',
  'server.network-backend = "freebsd-sendfile"\nserver.bsd-accept-filter = "httpready"\n',
  'server.modules = ( "mod_nope", "mod_compress" )\n',
  'server.username = "root"\nserver.groupname = "root"\n',
  'server.modules = ( "mod_alias" )\nalias.url = ( "/a" => "/x/", "/a/b" => "/y/" )\n',
  'server.modules = ( "mod_proxy" )\nproxy.balance = "random"\nproxy.server = ( "/" => (( "host" => "127.0.0.1", "port" => 1, "hots" => 1, "check-local" => "maybe" )) )\n',
  'server.port = 70000\nserver.max-fds = "x"\naccesslog.escaping = "xml"\n',
  '$SERVER["socket"] == "1.2.3.4:99999" { }\n$HTTP["remoteip"] == "300.1.1.1" { }\n',
  'server.feature-flags = ( "server.nope" => 1 )\nserver.errorlog-use-syslog = "enable"\n',
];

function findingsClaimingRefusal(text: string, options = {}): string[] {
  return diagnosticsOf(text, options)
    .filter((d) => CLAIMS_REFUSAL.test(d.message) && NAMES[d.severity ?? 1] !== 'error')
    .map((d) => `${String(d.code)} ${NAMES[d.severity ?? 1]}: ${d.message}`);
}

describe('finding effects', () => {
  test('no finding of the crafted configs says lighttpd refuses to start below error, on every platform and version', () => {
    for (const text of CRAFTED)
      for (const options of [{}, { platform: 'freebsd' as const }, { version: '1.4.69' }, { version: '1.4.85' }])
        assert.deepEqual(findingsClaimingRefusal(text, options), [], `${JSON.stringify(options)}: ${text}`);
    // the crafted set does reach the claims it is there for
    const all = CRAFTED.flatMap((t) => diagnosticsOf(t)).filter((d) => CLAIMS_REFUSAL.test(d.message));
    assert.ok(new Set(all.map((d) => d.code)).size >= 5, [...new Set(all.map((d) => d.code))].join());
  });
  test('nor does any finding on the test fixtures and the corpus', { skip: !CORPUS_AVAILABLE && 'no corpus' }, () => {
    const texts = corpusEntries().map((e) => readCorpusFile(e.path));
    const seed = join(REPO_ROOT, 'test/fixtures/seed');
    for (const f of readdirSync(seed)) if (f.endsWith('.conf')) texts.push(readFileSync(join(seed, f), 'utf8'));
    for (const t of texts) assert.deepEqual(findingsClaimingRefusal(t), []);
  });
  test('a finding that states another effect than its rule takes that effect’s severity', () => {
    const sev = (text: string, code: string, options = {}) =>
      diagnosticsOf(text, options)
        .filter((d) => d.code === code)
        .map((d) => NAMES[d.severity ?? 1]);
    assert.equal(getRule('platform-unsupported')!.effect, 'silently-ignores');
    assert.deepEqual(sev('server.event-handler = "kqueue"\n', 'platform-unsupported'), ['error']);
    assert.deepEqual(sev('server.network-backend = "freebsd-sendfile"\n', 'platform-unsupported'), ['information']);
    // a value outside a set lighttpd logs about is a warning, outside a fatal set an error
    assert.deepEqual(sev('server.modules = ( "mod_proxy" )\nproxy.balance = "random"\n', 'invalid-value'), ['warning']);
    assert.deepEqual(sev('server.event-handler = "epol"\n', 'invalid-value'), ['error']);
    // removed mod_compress: lighttpd logs and loads mod_deflate instead
    assert.deepEqual(sev('server.modules = ( "mod_compress" )\n', 'removed-module', { version: '1.4.85' }), [
      'warning',
    ]);
  });
});
