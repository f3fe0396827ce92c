/**
 * Differential test: our verdict (lighttpd-lint, with the target version set to the installed lighttpd's)
 * against the installed `lighttpd -t`, on every corpus file and on thousands of seeded mutations of them.
 * Every disagreement is classified (classify.ts); the test fails on any unclassified one.
 *
 * `npm run test:differential` (also run by .ci/run). Environment: DIFF_SEED, DIFF_MUTATIONS (per file),
 * DIFF_VERBOSE=1 to list every disagreement.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { CORPUS_AVAILABLE, NO_CORPUS } from '../helpers/corpus';
import {
  CATEGORIES,
  classify,
  firstLine,
  hasNewKeywords,
  preflightLines,
  type Category,
  type Classification,
} from './classify';
import { prepareWorkspace, type Target, type Workspace } from './corpus';
import { LIGHTTPD, NO_LIGHTTPD, lighttpdVersion, pool, runLighttpd } from './lighttpd';
import { MUTATION_KINDS, mutate, rng } from './mutate';
import { lintOurs } from './ours';

const SEED = Number(process.env.DIFF_SEED ?? 0x6c6967);
const PER_FILE = Number(process.env.DIFF_MUTATIONS ?? 100);
const VERBOSE = process.env.DIFF_VERBOSE === '1';
const WORKERS = 2;

const skip = !LIGHTTPD ? NO_LIGHTTPD : !CORPUS_AVAILABLE ? NO_CORPUS : undefined;

interface Case {
  readonly target: Target;
  readonly kind: string;
  /** Latin-1 text (one char per byte) written as bytes. */
  readonly text: string;
  readonly at: number;
}

interface Outcome extends Classification {
  readonly c: Case;
  readonly lighttpd: string;
  readonly ours: string;
}

function casesFor(ws: Workspace): { baseline: Case[]; mutations: Case[] } {
  const baseline = ws.targets.map((target) => ({ target, kind: 'baseline', text: target.text, at: 0 }));
  const mutations: Case[] = [];
  ws.targets.forEach((target, fileIndex) => {
    const r = rng(SEED ^ Math.imul(fileIndex + 1, 0x9e3779b1));
    let made = 0;
    for (let attempt = 0; made < PER_FILE && attempt < PER_FILE * 4; attempt++) {
      const kind = MUTATION_KINDS[attempt % MUTATION_KINDS.length];
      const m = mutate(target.text, kind, r);
      if (!m || m.text === target.text) continue;
      mutations.push({ target, kind, text: m.text, at: m.at });
      made++;
    }
  });
  return { baseline, mutations };
}

/** Maps a case onto worker `w`'s copy of the corpus. */
function onWorker(c: Case, w: Workspace): Target {
  return w.targets.find((t) => t.entry.file === c.target.entry.file)!;
}

/** `lighttpd -tt` on a target: it needs a document root, which a wrapper adds (keeping the file's own lines). */
async function runPreflight(t: Target, w: Workspace, modules: readonly string[] = []): Promise<string> {
  const tt = join(t.dir, `.tt-${basename(t.main)}`);
  // Load the modules asked for; mod_dirlisting checks its keys only when listings are on.
  const load = modules.length
    ? `server.modules += ( ${modules.map((m) => `"${m}"`).join(', ')} )\n${modules.includes('mod_dirlisting') ? 'dir-listing.activate := "enable"\n' : ''}`
    : '';
  writeFileSync(tt, `include "${basename(t.main)}"\nserver.document-root := "${t.dir}"\n${load}`);
  try {
    return (await runLighttpd(['-tt', '-f', tt], { cwd: t.dir, env: w.env })).output;
  } finally {
    rmSync(tt, { force: true });
  }
}

const baselinePreflight = new Map<string, Set<string>>();

async function runCase(c: Case, w: Workspace, version: string): Promise<Outcome> {
  const t = onWorker(c, w);
  writeFileSync(t.path, Buffer.from(c.text, 'latin1'));
  try {
    const lt = await runLighttpd(['-t', '-f', t.main], { cwd: t.dir, env: w.env });
    if (lt.timedOut)
      return { c, category: CATEGORIES.unclassified, reason: 'lighttpd -t timed out', lighttpd: '', ours: '' };
    const ours = await lintOurs(t.path, { cwd: t.dir, root: t.wrapper, version });
    const preflight = async (modules: readonly string[] = []) => {
      const mutated = preflightLines(await runPreflight(t, w, modules), w.root);
      const cacheKey = `${t.entry.file}\u0000${modules.join(',')}`;
      let baseline = baselinePreflight.get(cacheKey);
      if (!baseline) {
        writeFileSync(t.path, Buffer.from(t.text, 'latin1'));
        baseline = preflightLines(await runPreflight(t, w, modules), w.root);
        writeFileSync(t.path, Buffer.from(c.text, 'latin1'));
        baselinePreflight.set(cacheKey, baseline);
      }
      return { mutated, baseline };
    };
    const introducesNewKeywords = hasNewKeywords(c.text) && !hasNewKeywords(c.target.text);
    const cls = await classify({
      lighttpdAccepts: lt.status === 0,
      lighttpdOutput: lt.output,
      ourErrors: ours.errors,
      text: c.text,
      introducesNewKeywords,
      preflight,
    });
    return {
      c,
      ...cls,
      lighttpd: lt.status === 0 ? 'accepts' : `rejects: ${firstLine(lt.output)}`,
      ours: ours.errors.length
        ? `rejects: ${ours.errors.map((d) => `${d.line}:${d.column} ${d.code}`).join(', ')}`
        : 'accepts',
    };
  } finally {
    writeFileSync(t.path, Buffer.from(t.text, 'latin1'));
  }
}

function lineAround(text: string, at: number): string {
  const s = text.lastIndexOf('\n', at - 1) + 1;
  const e = text.indexOf('\n', at);
  return JSON.stringify(text.slice(s, e < 0 ? text.length : e).slice(0, 100));
}

function table(title: string, outcomes: readonly Outcome[]): string {
  const counts = new Map<Category, number>();
  for (const o of outcomes) counts.set(o.category, (counts.get(o.category) ?? 0) + 1);
  const agree = (counts.get(CATEGORIES.agreeAccept) ?? 0) + (counts.get(CATEGORIES.agreeReject) ?? 0);
  const unclassified = counts.get(CATEGORIES.unclassified) ?? 0;
  const pct = (n: number) => `${((100 * n) / Math.max(1, outcomes.length)).toFixed(1)}%`;
  const lines = [`${title}: ${outcomes.length} cases`];
  for (const cat of Object.values(CATEGORIES)) {
    const n = counts.get(cat) ?? 0;
    if (n) lines.push(`  ${String(n).padStart(6)}  ${pct(n).padStart(6)}  ${cat}`);
  }
  lines.push(`  raw agreement ${pct(agree)}; after classification ${pct(outcomes.length - unclassified)}`);
  return lines.join('\n');
}

function examples(outcomes: readonly Outcome[], limitPerCategory: number): string {
  const out: string[] = [];
  const seen = new Map<Category, number>();
  for (const o of outcomes) {
    if (o.category === CATEGORIES.agreeAccept || o.category === CATEGORIES.agreeReject) continue;
    const n = seen.get(o.category) ?? 0;
    if (n >= limitPerCategory && o.category !== CATEGORIES.unclassified) continue;
    seen.set(o.category, n + 1);
    out.push(
      `  [${o.category}] ${o.c.target.entry.file} ${o.c.kind} at ${lineAround(o.c.text, o.c.at)}\n      lighttpd ${o.lighttpd}\n      ours     ${o.ours}${o.reason ? `\n      why      ${o.reason}` : ''}`,
    );
  }
  return out.join('\n');
}

describe('differential: lighttpd-lint vs lighttpd -t', { skip }, () => {
  let baseline: Outcome[] = [];
  let mutations: Outcome[] = [];
  let version = '';

  test('runs', { timeout: 15 * 60_000 }, async () => {
    const root = mkdtempSync(join(tmpdir(), 'lighttpd-differential-'));
    try {
      const workers = Array.from({ length: WORKERS }, (_, i) => prepareWorkspace(join(root, `w${i}`)));
      version = (await lighttpdVersion(root)) ?? '';
      assert.match(version, /^1\.4\.\d+$/);
      const { baseline: b, mutations: m } = casesFor(workers[0]);
      const free = [...workers];
      const run = async (c: Case) => {
        const w = free.pop()!;
        try {
          return await runCase(c, w, version);
        } finally {
          free.push(w);
        }
      };
      baseline = await pool(b, WORKERS, run);
      mutations = await pool(m, WORKERS, run);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
    const report = [
      `lighttpd ${version} (installed) vs lighttpd-lint --lighttpd-version ${version}; seed ${SEED}, ${PER_FILE} mutations per file`,
      table('corpus files', baseline),
      table(`mutations (${mutations.length} tried: ${MUTATION_KINDS.join(', ')})`, mutations),
      'disagreements (up to 3 examples per category; every unclassified one):',
      examples([...baseline, ...mutations], VERBOSE ? Infinity : 3),
    ].join('\n');
    console.log(report);
    // Thousands by default (a smaller DIFF_MUTATIONS is for quick local runs).
    if (PER_FILE >= 20) assert.ok(mutations.length >= 1000, `only ${mutations.length} mutations`);
  });

  test('every corpus file: 100% agreement after classification', () => {
    const bad = baseline.filter((o) => o.category === CATEGORIES.unclassified);
    assert.deepEqual(
      bad.map((o) => `${o.c.target.entry.file}: ${o.reason}`),
      [],
    );
  });

  test('every mutation: no unclassified disagreement', () => {
    const bad = mutations.filter((o) => o.category === CATEGORIES.unclassified);
    assert.deepEqual(
      bad.map((o) => `${o.c.target.entry.file} ${o.c.kind} at ${lineAround(o.c.text, o.c.at)}: ${o.reason}`),
      [],
    );
  });
});
