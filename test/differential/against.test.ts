/**
 * `lighttpd-lint test --against-lighttpd` on the corpus: for every configuration lighttpd accepts
 * (MANIFEST verdict valid), the starter file `--init` writes is run against the installed lighttpd
 * (node/againstLighttpd.ts, in the corpus's hermetic environment: include_shell runs a stub). A fragment
 * without a document root of its own (lighttpd refuses to start without one) is given one by a wrapper
 * that includes it, which is then the configuration both sides read.
 *
 * Asserted: no condition result of lighttpd's log differs from the simulator's. Every other difference is
 * listed by class (AGAINST_VERBOSE=1 prints each); the table goes to CONTRIBUTING.md (AGAINST_REPORT=FILE).
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { ConfigWorkspace } from '../../server/src/analysis/workspace';
import { nodeFileSystem } from '../../server/src/node/nodeFileSystem';
import { initTestFile } from '../../server/src/analysis/routeTests/init';
import { parseTestFile } from '../../server/src/analysis/routeTests/testFile';
import { runAgainstLighttpd } from '../../server/src/node/againstLighttpd';
import { CORPUS_AVAILABLE, NO_CORPUS } from '../helpers/corpus';
import { prepareWorkspace } from './corpus';
import { LIGHTTPD, NO_LIGHTTPD } from './lighttpd';

const VERBOSE = process.env.AGAINST_VERBOSE === '1';

/** A difference's class: the failure with paths, hosts and numbers taken out. */
function classOf(expected: string, actual: string): string {
  if (expected === "the simulator's condition results") return 'condition result';
  const kind = (s: string) =>
    /^lighttpd: /.test(s)
      ? s.replace(/^lighttpd: (\w+).*?, status (\d+).*$/, 'lighttpd $1 $2')
      : s.replace(/^(static|proxy|fastcgi|scgi|\d{3}|[\w-]+:).*$/, '$1');
  return `${kind(expected)} / ${kind(actual)}`;
}

describe('configuration tests against lighttpd on the corpus', () => {
  const skip = !LIGHTTPD ? NO_LIGHTTPD : !CORPUS_AVAILABLE ? NO_CORPUS : undefined;
  test('starter files agree with lighttpd', { skip, timeout: 900_000 }, async () => {
    const scratch = mkdtempSync(join(tmpdir(), 'lighttpd-against-corpus-'));
    try {
      const ws = prepareWorkspace(join(scratch, 'corpus'));
      const cw = new ConfigWorkspace(nodeFileSystem);
      const rows: string[] = [];
      const classes = new Map<string, number>();
      let conditionDiffs = 0;
      let ran = 0;
      const total = { tests: 0, pass: 0, fail: 0, unknown: 0, error: 0 };
      for (const t of ws.targets) {
        if (!/^valid/.test(t.entry.verdict)) continue;
        if (/"bin-path"/.test(t.text)) {
          // Nothing from the corpus is executed (lighttpd would spawn the program at start).
          rows.push(`| ${t.entry.file} | | | | | not run: spawns bin-path programs |`);
          continue;
        }
        let main = t.main;
        const first = cw.analyzeRoot(cw.canonical(main));
        if (!first) continue;
        if (![...first.evaluation.global.vars.keys()].includes('server.document-root')) {
          main = join(t.dir, `.against-${basename(t.path)}`);
          writeFileSync(main, `include "${basename(t.main)}"\nserver.document-root = "/srv/www"\n`);
        }
        const analysis = cw.analyzeRoot(cw.canonical(main))!;
        const testFile = join(dirname(main), `.against-${basename(t.path)}.lighttpd-test`);
        const text = initTestFile(analysis.evaluation, {
          configPath: relative(dirname(testFile), main),
          version: '1.4.69',
        });
        writeFileSync(testFile, text);
        const tests = parseTestFile(text).tests;
        const results = await runAgainstLighttpd(tests, testFile, cw, { executable: LIGHTTPD!, env: ws.env });
        const c = { pass: 0, fail: 0, unknown: 0, error: 0 };
        const notes = new Set<string>();
        for (const r of results) {
          c[r.status]++;
          if (r.status === 'unknown' || r.status === 'error') notes.add(r.reason!.replace(/ \d+$/, ''));
          for (const f of r.failures) {
            const k = classOf(f.expected, f.actual);
            if (k === 'condition result') conditionDiffs++;
            classes.set(k, (classes.get(k) ?? 0) + 1);
            if (VERBOSE) console.log(`${t.entry.file}: ${r.test.name}: expected ${f.expected}, got ${f.actual}`);
          }
        }
        if (c.pass + c.fail) ran++;
        total.tests += results.length;
        for (const k of ['pass', 'fail', 'unknown', 'error'] as const) total[k] += c[k];
        rows.push(
          `| ${t.entry.file}${main !== t.main ? ' (wrapped)' : ''} | ${results.length} | ${c.pass} | ${c.fail} | ${c.unknown + c.error} | ${[...notes].join('; ').replace(/\|/g, '/').slice(0, 160)} |`,
        );
      }
      const report = [
        `configurations: ${rows.length} valid, ${ran} served by lighttpd; tests: ${total.tests}, agree: ${total.pass}, differ: ${total.fail}, not sent or not run: ${total.unknown + total.error}`,
        ...[...classes].sort((a, b) => b[1] - a[1]).map(([k, v]) => `  ${v} × ${k}`),
        '',
        '| configuration | tests | agree | differ | not sent / not run | why not |',
        '| --- | ---: | ---: | ---: | ---: | --- |',
        ...rows,
      ].join('\n');
      console.log(report);
      if (process.env.AGAINST_REPORT) writeFileSync(process.env.AGAINST_REPORT, report + '\n');
      assert.ok(ran >= 20, `only ${ran} configurations were served by lighttpd`);
      assert.equal(
        conditionDiffs,
        0,
        'condition results of lighttpd that differ from the simulator (AGAINST_VERBOSE=1)',
      );
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});
