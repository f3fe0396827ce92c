/**
 * Whole-configuration differential test: lighttpd-lint given only the main config of a multi-file layout
 * (layouts.ts: Debian conf-enabled with symlinks, upstream conf.d, empty glob, nested include, cycle, broken
 * fragment, fragment using a module the main config does not load, ...) and seeded mutations of the included
 * files, against `lighttpd -t -f main`. Our exit status must agree with lighttpd's after the same
 * classification as the per-file differential test (classify.ts); the test prints the table and fails on
 * anything unclassified.
 *
 * Cases whose verdict depends on an included file need lighttpd-lint to follow the main config's includes;
 * when it does not (probed on a layout with a broken fragment), they are reported as skipped with that
 * reason instead of being counted (DIFF_WHOLE_ALL=1 runs them anyway). Environment: DIFF_SEED,
 * DIFF_WHOLE_MUTATIONS (per mutated file), DIFF_VERBOSE=1.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { runCli } from '../../server/src/cli/run';
import type { JsonDiagnostic, JsonOutput } from '../../server/src/cli/json';
import { CATEGORIES, classify, firstLine, preflightLines, type Category, type Classification } from './classify';
import { LIGHTTPD, NO_LIGHTTPD, hermeticEnv, lighttpdVersion, runLighttpd } from './lighttpd';
import { LAYOUTS, layoutText, writeLayout, type Layout } from './layouts';
import { MUTATION_KINDS, mutate, rng } from './mutate';

const SEED = Number(process.env.DIFF_SEED ?? 0x6c6967);
const PER_FILE = Number(process.env.DIFF_WHOLE_MUTATIONS ?? 40);
const VERBOSE = process.env.DIFF_VERBOSE === '1';
/** Run every case even when lighttpd-lint does not follow includes (to see what it misses). */
const ALL = process.env.DIFF_WHOLE_ALL === '1';

interface Case {
  readonly layout: Layout;
  readonly kind: string;
  /** Mutated file (relative) and its text, for mutations. */
  readonly texts: Readonly<Record<string, string>>;
  readonly file?: string;
  readonly at: number;
}

interface WholeDiagnostic extends JsonDiagnostic {
  /** Absolute path of the file the diagnostic is in. */
  readonly file: string;
}

interface Outcome extends Classification {
  readonly c: Case;
  readonly lighttpd: string;
  readonly ours: string;
}

const SKIPPED = 'skipped: they need lighttpd-lint to follow the includes of the main config, and it does not';

/** lighttpd-lint on the main config alone, in-process: its exit status and every error, with its file. */
async function lintWhole(main: string, version: string): Promise<{ exitCode: number; errors: WholeDiagnostic[] }> {
  let stdout = '';
  let stderr = '';
  const cwd = dirname(main);
  const exitCode = await runCli(['--format', 'json', '--lighttpd-version', version, basename(main)], {
    cwd,
    readFile: (p) => Promise.resolve(readFileSync(p)),
    readStdin: async () => new Uint8Array(),
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
  });
  if (exitCode === 2) throw new Error(`lighttpd-lint failed on ${main}: ${stderr}`);
  const out = JSON.parse(stdout) as JsonOutput;
  const errors = out.files.flatMap((f) =>
    f.diagnostics.filter((d) => d.severity === 'error').map((d) => ({ ...d, file: resolve(cwd, f.file) })),
  );
  return { exitCode, errors };
}

/** `lighttpd -tt` through a wrapper next to the main config that sets a document root (and loads modules). */
async function preflightRun(main: string, env: Record<string, string>, modules: readonly string[] = []) {
  const dir = dirname(main);
  const tt = join(dir, `.tt-${basename(main)}`);
  const load = modules.length ? `server.modules += ( ${modules.map((m) => `"${m}"`).join(', ')} )\n` : '';
  writeFileSync(tt, `include "${basename(main)}"\nserver.document-root := "${dir}"\n${load}`);
  try {
    return (await runLighttpd(['-tt', '-f', tt], { cwd: dir, env })).output;
  } finally {
    rmSync(tt, { force: true });
  }
}

function casesOf(): Case[] {
  const out: Case[] = [];
  LAYOUTS.forEach((layout, li) => {
    out.push({ layout, kind: 'layout', texts: {}, at: 0 });
    (layout.mutate ?? []).forEach((file, fi) => {
      const r = rng(SEED ^ Math.imul(li * 16 + fi + 1, 0x9e3779b1));
      const base = layout.files[file];
      let made = 0;
      for (let attempt = 0; made < PER_FILE && attempt < PER_FILE * 4; attempt++) {
        const kind = MUTATION_KINDS[attempt % MUTATION_KINDS.length];
        const m = mutate(base, kind, r);
        if (!m || m.text === base) continue;
        out.push({ layout, kind, texts: { [file]: m.text }, file, at: m.at });
        made++;
      }
    });
  });
  return out;
}

async function runCase(
  c: Case,
  dir: string,
  env: Record<string, string>,
  version: string,
  baselineOf: (modules: readonly string[]) => Promise<Set<string>>,
): Promise<Outcome> {
  writeLayout(dir, c.layout, c.texts);
  const main = join(dir, c.layout.main);
  const lt = await runLighttpd(['-t', '-f', main], { cwd: dirname(main), env });
  if (lt.timedOut)
    return { c, category: CATEGORIES.unclassified, reason: 'lighttpd -t timed out', lighttpd: '', ours: '' };
  const ours = await lintWhole(main, version);
  const texts = new Map(
    Object.keys(c.layout.files).map((rel) => [join(dir, rel), layoutText(dir, c.layout, rel, c.texts)]),
  );
  const allText = [...texts.values()].join('\n');
  const cls = await classify({
    lighttpdAccepts: lt.status === 0,
    lighttpdOutput: lt.output.split(dir).join('<root>'),
    ourErrors: ours.errors,
    text: allText,
    textOf: (d) => texts.get((d as WholeDiagnostic).file) ?? '',
    introducesNewKeywords: false,
    preflight: async (modules = []) => ({
      mutated: preflightLines(await preflightRun(main, env, modules), dir),
      baseline: await baselineOf(modules),
    }),
  });
  const rel = (p: string) => p.slice(dir.length + 1);
  return {
    c,
    ...cls,
    lighttpd: lt.status === 0 ? 'accepts' : `rejects: ${firstLine(lt.output.split(dir).join('<root>'))}`,
    ours:
      ours.exitCode === 0
        ? 'accepts'
        : `rejects: ${ours.errors.map((d) => `${rel(d.file)}:${d.line}:${d.column} ${d.code}`).join(', ')}`,
  };
}

function table(title: string, outcomes: readonly Outcome[], skipped: number): string {
  const counts = new Map<Category, number>();
  for (const o of outcomes) counts.set(o.category, (counts.get(o.category) ?? 0) + 1);
  const agree = (counts.get(CATEGORIES.agreeAccept) ?? 0) + (counts.get(CATEGORIES.agreeReject) ?? 0);
  const unclassified = counts.get(CATEGORIES.unclassified) ?? 0;
  const pct = (n: number) => `${((100 * n) / Math.max(1, outcomes.length)).toFixed(1)}%`;
  const lines = [`${title}: ${outcomes.length} cases${skipped ? ` (${skipped} more ${SKIPPED})` : ''}`];
  for (const cat of Object.values(CATEGORIES)) {
    const n = counts.get(cat) ?? 0;
    if (n) lines.push(`  ${String(n).padStart(6)}  ${pct(n).padStart(6)}  ${cat}`);
  }
  lines.push(`  raw agreement ${pct(agree)}; after classification ${pct(outcomes.length - unclassified)}`);
  return lines.join('\n');
}

function disagreements(outcomes: readonly Outcome[], perCategory: number): string[] {
  const seen = new Map<Category, number>();
  const out: string[] = [];
  for (const o of outcomes) {
    if (o.category === CATEGORIES.agreeAccept || o.category === CATEGORIES.agreeReject) continue;
    const n = seen.get(o.category) ?? 0;
    if (n >= perCategory && o.category !== CATEGORIES.unclassified) continue;
    seen.set(o.category, n + 1);
    out.push(
      `  [${o.category}] ${o.c.layout.name} ${o.c.kind}${o.c.file ? ` in ${o.c.file}` : ''}\n      lighttpd ${o.lighttpd}\n      ours     ${o.ours}${o.reason ? `\n      why      ${o.reason}` : ''}`,
    );
  }
  return out;
}

const skip = !LIGHTTPD ? NO_LIGHTTPD : undefined;

describe('differential: whole configurations, lighttpd-lint MAIN vs lighttpd -t -f MAIN', { skip }, () => {
  const outcomes: Outcome[] = [];
  const skippedCases: Case[] = [];
  let follows = false;

  test('runs', { timeout: 10 * 60_000 }, async (t) => {
    const root = mkdtempSync(join(tmpdir(), 'lighttpd-whole-'));
    try {
      const env = hermeticEnv(root);
      const version = (await lighttpdVersion(root)) ?? '';
      assert.match(version, /^1\.4\.\d+$/);
      const dir = join(root, 'layout');
      // Does lighttpd-lint follow the includes of the main config it is given?
      const probe = LAYOUTS.find((l) => l.name === 'a fragment with a syntax error')!;
      writeLayout(dir, probe);
      follows = (await lintWhole(join(dir, probe.main), version)).exitCode !== 0;
      const baselines = new Map<string, Set<string>>();
      const baselineOf = async (c: Case, modules: readonly string[]) => {
        const key = `${c.layout.name}\u0000${modules.join(',')}`;
        let b = baselines.get(key);
        if (!b) {
          // The unmutated layout's start-up log (for a layout itself: that of a config with nothing in it).
          const base = join(root, 'baseline');
          if (c.kind === 'layout') {
            writeLayout(base, {
              name: 'empty',
              main: 'lighttpd.conf',
              files: { 'lighttpd.conf': '' },
              needsFollow: false,
            });
          } else writeLayout(base, c.layout);
          const bmain = join(base, c.kind === 'layout' ? 'lighttpd.conf' : c.layout.main);
          b = preflightLines((await preflightRun(bmain, env, modules)).split(base).join(dir), dir);
          baselines.set(key, b);
        }
        return b;
      };
      for (const c of casesOf()) {
        if (!follows && !ALL && (c.layout.needsFollow || c.kind !== 'layout')) {
          skippedCases.push(c);
          continue;
        }
        outcomes.push(await runCase(c, dir, env, version, (modules) => baselineOf(c, modules)));
      }
      const layouts = outcomes.filter((o) => o.c.kind === 'layout');
      const mutations = outcomes.filter((o) => o.c.kind !== 'layout');
      const skippedLayouts = skippedCases.filter((c) => c.kind === 'layout').length;
      const lines = [
        `lighttpd ${version} (installed) -t -f MAIN vs lighttpd-lint --lighttpd-version ${version} MAIN; seed ${SEED}, ${PER_FILE} mutations per included file`,
        table('layouts', layouts, skippedLayouts),
        table(
          `mutations of included files (${MUTATION_KINDS.join(', ')})`,
          mutations,
          skippedCases.length - skippedLayouts,
        ),
        'per layout:',
        ...LAYOUTS.map((l) => {
          const o = layouts.find((x) => x.c.layout === l);
          return o
            ? `  ${o.category.padEnd(48)} ${l.name}: lighttpd ${o.lighttpd}; ours ${o.ours}`
            : `  ${'skipped'.padEnd(48)} ${l.name}`;
        }),
        'disagreements:',
        ...disagreements(outcomes, VERBOSE ? Infinity : 3),
      ];
      console.log(lines.join('\n'));
      if (!follows) t.diagnostic(`${skippedCases.length} cases ${SKIPPED}`);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  test('every layout and mutation: 100% agreement after classification', () => {
    const bad = outcomes.filter((o) => o.category === CATEGORIES.unclassified);
    assert.deepEqual(
      bad.map((o) => `${o.c.layout.name} ${o.c.kind}${o.c.file ? ` in ${o.c.file}` : ''}: ${o.reason}`),
      [],
    );
  });

  test('the cases that need the CLI to follow includes were run', (t) => {
    if (!follows) return t.skip(`${skippedCases.length} cases ${SKIPPED}`);
    assert.ok(outcomes.some((o) => o.c.layout.needsFollow));
    assert.equal(skippedCases.length, 0);
  });
});
