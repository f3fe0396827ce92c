/**
 * Checks after an edit reuse the findings of the statements the edit left alone (features/checks/incremental.ts):
 * what the language service reports for each version of an edited document must be what a fresh service
 * reports for that text, after any edit, in one file and across the files of a configuration.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { getLanguageService, type LanguageSettings } from '../../../server/src/service';
import { ConfigWorkspace } from '../../../server/src/analysis/workspace';
import { analyze } from '../../../server/src/analysis';
import { CheckMemo, runChecks, runChecksIncrementally } from '../../../server/src/features/checks';
import { MemoryFileSystem } from '../../fuzz/memfs';
import { generateConfig } from '../../../bench/generate';
import { CORPUS_AVAILABLE, NO_CORPUS, REPO_ROOT, corpusEntries, readCorpusFile } from '../../helpers/corpus';
import { rng } from '../../helpers/random';

/** Lines that give findings of many checks, the per-statement ones above all. */
const FINDINGS = `
server.modules = ( "mod_access", "mod_alias", "mod_rewrite", "mod_redirect", "mod_proxy", "mod_cgi", "mod_webdav", "mod_status", "mod_fastcgi", "mod_openssl" )
var.base = "/srv"
server.port = "eighty"
server.event-handler = "kqueue"
server.documentroot = var.base
a := "x"
$HTTP["hots"] == "a" { server.name = "a" }
$HTTP["url"] =~ "^/(a|b" { url.access-deny = ( "~" ) }
$HTTP["host"] == "h" {
  server.port = 81
  url.rewrite-once = ( "^/a$" => "/b/$1", "^/c/(.*)" => "/d/%2" )
  url.redirect = ( "^/(.*)" => "http://x$1" )
  alias.url = ( "/a" => "/srv/a", "/a/b" => "/srv/b" )
  cgi.assign = ( "" => "" )
  webdav.activate = "enable"
  status.status-url = "/server-status"
} else {
  server.max-keep-alive-requests = -1
} else $HTTP["url"] == "/x" {
  x = 1
}
$SERVER["socket"] == "1.2.3.4" { ssl.engine = "enable" }
$HTTP["host"] =~ "example.com" { proxy.server = ( "" => ( ( "host" => "300.1.1.1", "port" => 80 ) ) ) }
$HTTP["remoteip"] == "10.0.0.256" { url.access-deny = ( "" ) }
$HTTP["url"] =^ "/p" { dir-listing.activate = "enable" }
$HTTP["url"] =~ "^/p" { cgi.assign = ( ".php" => "" ) }
global { server.tag = "lighttpd/1.4.69" }
proxy.header = ( "bogus" => "x" )
$HTTP["host"] == "f1" { fastcgi.server = ( ".php" => ( ( "socket" => "/run/php.sock", "bin-path" => "/usr/bin/php-cgi" ) ) ) }
$HTTP["host"] == "f2" { fastcgi.server = ( ".php" => ( ( "socket" => "/run/php.sock", "bin-path" => "/usr/bin/other" ) ) ) }
ssl.pemfile = "/etc/x.pem"
$SERVER["socket"] == ":443" {
  ssl.engine = "enable"
  ssl.cipher-list = "RC4"
  ssl.openssl.ssl-conf-cmd = ( "MinProtocol" => "TLSv1" )
}
`;

const SNIPPETS = [
  ' ',
  '\n',
  '#',
  'x',
  '"',
  '(',
  ')',
  '{',
  '}',
  ',',
  '=',
  '1',
  '"a"',
  'server.port = 80\n',
  'var.base = "/other"\n',
  'server.modules += ( "mod_webdav" )\n',
  '$HTTP["host"] == "h" { server.name = "n" }\n',
  'server.event-handler = "linux-sysepoll"\n',
  '$HTTP["url"] =~ "^/c/(.*)" {\n',
  '}\n',
  'include "conf.d/x.conf"\n',
  'include_shell "echo"\n',
  'server.compat-module-load = "disable"\n',
  'alias.url += ( "/a/c" => "/x" )\n',
  'status.status-url = "/s"\n',
];

function mutate(text: string, r: () => number): string {
  const at = Math.floor(r() * (text.length + 1));
  const kind = r();
  if (kind < 0.45) return text.slice(0, at) + SNIPPETS[Math.floor(r() * SNIPPETS.length)] + text.slice(at);
  if (kind < 0.8) return text.slice(0, at) + text.slice(at + 1 + Math.floor(r() * 3));
  return text.slice(0, at) + SNIPPETS[Math.floor(r() * SNIPPETS.length)] + text.slice(at + 1);
}

/** Diagnostics as comparable lines, sorted (the incremental order differs by design). */
function canon(ds: readonly Diagnostic[]): string[] {
  return ds
    .map((d) =>
      JSON.stringify([
        d.range,
        d.code,
        d.severity,
        d.message,
        d.data ?? null,
        d.tags ?? null,
        d.relatedInformation ?? null,
      ]),
    )
    .sort();
}

const SETTINGS: LanguageSettings[] = [
  {},
  { version: '1.4.40' },
  { version: '1.4.69', platform: 'freebsd' },
  { version: '1.4.85', upgradeFrom: '1.4.55', tlsProfile: 'modern' },
];

/** Edits `base` in one service again and again; each version's diagnostics must equal a fresh service's. */
function editAlone(base: string, seed: number, edits: number, settings: LanguageSettings): void {
  const r = rng(seed);
  const svc = getLanguageService();
  const uri = 'untitled:incremental';
  let text = base;
  svc.doValidation(TextDocument.create(uri, 'lighttpd', 1, text), settings);
  for (let i = 0; i < edits; i++) {
    text = mutate(text, r);
    const doc = TextDocument.create(uri, 'lighttpd', i + 2, text);
    const got = canon(svc.doValidation(doc, settings));
    const fresh = canon(getLanguageService().doValidation(doc, settings));
    assert.deepEqual(
      got,
      fresh,
      `edit ${i} (seed ${seed}, ${JSON.stringify(settings)}): ${JSON.stringify(text.slice(0, 400))}`,
    );
  }
}

describe('checks after an edit equal checks from scratch', () => {
  test('the base gives findings of many per-statement checks (else the comparisons below prove little)', () => {
    const codes = new Set(
      getLanguageService()
        .doValidation(TextDocument.create('untitled:b', 'lighttpd', 1, FINDINGS), { version: '1.4.40' })
        .map((d) => d.code),
    );
    for (const c of [
      'newer-than-target',
      'unknown-directive',
      'type-mismatch',
      'unknown-condition-field',
      'unreachable-condition',
      'capture-reference',
      'invalid-backend',
      'alias-slash-mismatch',
    ])
      assert.ok(codes.has(c), `${c} in ${[...codes].join(' ')}`);
    assert.ok(codes.size >= 15, [...codes].join(' '));
    // The block of another context that starts another program on the same socket (a whole-configuration
    // finding whose facts come from the per-statement work).
    const conflicts = getLanguageService()
      .doValidation(TextDocument.create('untitled:c', 'lighttpd', 1, FINDINGS))
      .filter((d) => d.code === 'invalid-backend' && d.message.includes('already starts'));
    assert.deepEqual(
      conflicts.map((d) => d.range.start.line),
      [FINDINGS.split('\n').findIndex((l) => l.includes('"f2"'))],
    );
  });

  test('random edits of a config full of findings, under several settings', () => {
    SETTINGS.forEach((settings, k) => {
      for (let seed = 1; seed <= 3; seed++) editAlone(FINDINGS, seed * 10 + k, 20, settings);
    });
  });

  test('random edits of the seed configs and of a generated config with findings', () => {
    for (const name of ['proxy-app.conf', 'scgi-app.conf']) {
      const base = readFileSync(join(REPO_ROOT, 'test/fixtures/seed', name), 'utf8');
      for (let seed = 1; seed <= 6; seed++) editAlone(base, seed, 20, SETTINGS[seed % SETTINGS.length]);
    }
    const big = generateConfig(400) + FINDINGS + generateConfig(200);
    for (let seed = 30; seed < 32; seed++) editAlone(big, seed, 10, SETTINGS[seed % SETTINGS.length]);
  });

  test('random edits of the corpus', { skip: CORPUS_AVAILABLE ? undefined : NO_CORPUS }, () => {
    const entries = corpusEntries();
    entries.forEach((e, i) => {
      editAlone(readCorpusFile(e.path), 100 + i, 6, SETTINGS[i % SETTINGS.length]);
    });
  });

  test('edits across the files of a configuration (main config, included vhost, both open)', () => {
    const r = rng(7);
    const fs = new MemoryFileSystem();
    const main = '/w/lighttpd.conf';
    const vhost = '/w/conf.d/vhost.conf';
    const texts = new Map<string, string>([
      [
        main,
        'server.document-root = "/srv"\nserver.modules = ( "mod_access", "mod_alias" )\ninclude "conf.d/*.conf"\n' +
          FINDINGS,
      ],
      [
        vhost,
        '$HTTP["host"] == "v" {\n  alias.url = ( "/v" => "/srv/v" )\n  server.port = 82\n}\nserver.tag = "x"\n' +
          generateConfig(60),
      ],
    ]);
    for (const [p, t] of texts) fs.files.set(p, t);
    const open = (svc: ReturnType<typeof getLanguageService>, ws: ConfigWorkspace, p: string, version: number) => {
      ws.setOpenText(p, texts.get(p));
      return svc.doValidation(TextDocument.create(`file://${p}`, 'lighttpd', version, texts.get(p)!));
    };
    const ws = new ConfigWorkspace(fs);
    ws.setKnownFiles(fs.files.keys());
    const svc = getLanguageService({ workspace: ws });
    let version = 1;
    for (let i = 0; i < 40; i++) {
      const p = r() < 0.5 ? main : vhost;
      texts.set(p, mutate(texts.get(p)!, r));
      version++;
      for (const q of [main, vhost]) {
        const got = canon(open(svc, ws, q, version));
        const freshWs = new ConfigWorkspace(fs);
        freshWs.setKnownFiles(fs.files.keys());
        for (const [o, t] of texts) freshWs.setOpenText(o, t);
        const fresh = canon(open(getLanguageService({ workspace: freshWs }), freshWs, q, 1));
        assert.deepEqual(got, fresh, `edit ${i} of ${p}, checking ${q}`);
      }
    }
  });

  test('an edit inside one block checks that statement again and reuses the others', () => {
    const text = generateConfig(3000);
    const memo = new CheckMemo();
    const first = analyze(text, { journal: true });
    runChecksIncrementally(text, first, {}, memo);
    assert.equal(memo.reused, 0);
    const at = text.indexOf('/site50.example.com/public');
    const next = text.slice(0, at) + '/x' + text.slice(at);
    const second = analyze(next, { journal: true }, { text, file: first.file, evaluation: first.evaluation });
    const got = runChecksIncrementally(next, second, {}, memo);
    assert.equal(memo.computed, 1, 'the edited block alone is checked again');
    assert.equal(memo.reused, second.file.statements.length - 1);
    const key = (f: { code: string; start: number; end: number; message: string }) =>
      `${f.start}:${f.end}:${f.code}:${f.message}`;
    assert.deepEqual(got.map(key).sort(), runChecks(next, analyze(next)).map(key).sort());
  });

  test('a finding of a reused statement moves with it (an edit before it)', () => {
    const base = 'server.port = 80\n' + '$HTTP["host"] == "h" {\n  server.port = 81\n  server.bogus-key = 1\n}\n';
    const memo = new CheckMemo();
    const m1 = analyze(base, { journal: true });
    const before = runChecksIncrementally(base, m1, {}, memo).filter((f) => f.code === 'unknown-directive');
    const next = '# a comment\n\n' + base;
    const m2 = analyze(next, { journal: true }, { text: base, file: m1.file, evaluation: m1.evaluation });
    const after = runChecksIncrementally(next, m2, {}, memo).filter((f) => f.code === 'unknown-directive');
    assert.ok(memo.reused >= 1, 'the conditional is reused');
    assert.equal(before.length, 1);
    assert.deepEqual(
      after.map((f) => [f.start, f.end]),
      before.map((f) => [f.start + 13, f.end + 13]),
    );
  });
});
