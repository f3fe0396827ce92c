/**
 * Evaluation check: for every corpus file lighttpd reads (with its includes, the env.* values it needs and
 * include_shell stubbed, as in corpus.ts), our evaluation printed in `lighttpd -p` form (analysis/print.ts)
 * must equal what the installed lighttpd prints. A difference is a bug in our evaluator (or printer).
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse } from '../../server/src/parser';
import { evaluate } from '../../server/src/analysis';
import { printConfig } from '../../server/src/analysis/print';
import { ConfigWorkspace } from '../../server/src/analysis/workspace';
import { nodeFileSystem } from '../../server/src/node/nodeFileSystem';
import { CORPUS_AVAILABLE, NO_CORPUS } from '../helpers/corpus';
import { prepareWorkspace } from './corpus';
import { LIGHTTPD, NO_LIGHTTPD, hermeticEnv, lighttpdVersion, runLighttpd } from './lighttpd';
import { PRINT_CASES } from './printCases';

const skip = !LIGHTTPD ? NO_LIGHTTPD : !CORPUS_AVAILABLE ? NO_CORPUS : undefined;

/** The PID differs per run; everything else must match byte for byte. */
function normalize(printed: string): string {
  return printed.replace(/^(\s*var\.PID\s*=\s*)\d+$/m, '$1<pid>');
}

/** Our side: the main file evaluated with its includes (from disk, like lighttpd) and the same env values. */
export function ourPrint(main: string, env: Record<string, string>, cwd: string, version: string): string {
  const ws = new ConfigWorkspace(nodeFileSystem);
  const file = parse(readFileSync(main, 'utf8'));
  const ev = evaluate(file, { path: main, resolveInclude: ws.resolver(dirname(main)), env });
  return printConfig(ev, { cwd, pid: 0, version });
}

describe('the printer expected texts (printCases.ts) are what the installed lighttpd prints', { skip }, () => {
  for (const c of PRINT_CASES) {
    test(c.name, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'lighttpd-printcase-'));
      try {
        writeFileSync(join(dir, 'case.conf'), c.config);
        const r = await runLighttpd(['-p', '-f', join(dir, 'case.conf')], { cwd: dir, env: hermeticEnv(dir) });
        assert.equal(r.status, 0, r.output);
        assert.equal(normalize(r.stdout.split(dir).join('/DIR')), c.expected);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});

describe('lighttpd -p: our evaluation printed like lighttpd prints its own', { skip }, () => {
  const root = skip ? '' : mkdtempSync(join(tmpdir(), 'lighttpd-print-'));
  const ws = skip ? undefined : prepareWorkspace(join(root, 'w'));
  let version = '';
  test('installed lighttpd version', async () => {
    version = (await lighttpdVersion(root)) ?? '';
    assert.match(version, /^1\.4\.\d+$/);
  });
  const compared: string[] = [];
  const skipped: string[] = [];
  for (const t of ws?.targets ?? []) {
    test(t.entry.file, async (ctx) => {
      const r = await runLighttpd(['-p', '-f', t.main], { cwd: t.dir, env: ws!.env });
      if (r.status !== 0) {
        skipped.push(`${t.entry.file}: lighttpd -p fails here (${r.output.split('\n')[0]})`);
        ctx.skip('lighttpd cannot read this file in the test environment');
        return;
      }
      const theirs = normalize(Buffer.from(r.stdout, 'latin1').toString('utf8'));
      const ours = normalize(ourPrint(t.main, ws!.env, t.dir, version));
      compared.push(t.entry.file);
      assert.equal(ours, theirs);
    });
  }
  test('summary', () => {
    console.log(
      `lighttpd -p comparison: ${compared.length} files compared (each must print the same), ${skipped.length} skipped\n${skipped.map((s) => `  skipped ${s}`).join('\n')}`,
    );
    rmSync(root, { recursive: true, force: true });
    assert.ok(compared.length >= 40, `only ${compared.length} files compared`);
  });
});
