/**
 * `npm run bench:profile -- [lines]`: where the time of one full check goes, phase by phase (tokenize,
 * parse, evaluate, checks, diagnostics conversion, edit re-parse, completion), on a generated config.
 * Bundled like bench/run.ts (scripts/bench.mjs --profile), so it measures the shipped code paths.
 *
 * With PROFILE=<phase> it runs only that phase in a loop under the V8 CPU profiler and prints the functions
 * with the most self time (the profile itself is written to out/bench/<phase>.cpuprofile, for Chrome's
 * DevTools or speedscope); with PROFILE_HEAP=1 as well, the functions that allocate the most instead.
 */
import { Session } from 'node:inspector';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze } from '../server/src/analysis';
import { evaluate } from '../server/src/analysis/evaluate';
import { effectiveModules } from '../server/src/analysis/modules';
import { runChecks } from '../server/src/features/checks';
import { computeDiagnostics } from '../server/src/features/diagnostics/diagnostics';
import { parse } from '../server/src/parser';
import { reparse } from '../server/src/parser/incremental';
import { tokenize } from '../server/src/parser/lexer';
import { ConfigWorkspace } from '../server/src/analysis/workspace';
import { nodeFileSystem } from '../server/src/node/nodeFileSystem';
import { getLanguageService } from '../server/src/service';
import { generateConfig } from './generate';

const LINES = Number(process.argv[2] ?? process.env.BENCH_LINES ?? 10000);
const RUNS = Number(process.env.BENCH_RUNS ?? 25);
const text = generateConfig(LINES);
const uri = 'file:///bench/lighttpd.conf';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
/** Median wall time and the least CPU time (user + system, all threads) of `runs` runs after warm-up. */
function measure(runs: number, fn: () => unknown): { wall: number; cpu: number } {
  for (let i = 0; i < 3; i++) fn();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const u = process.cpuUsage();
    const t = process.hrtime.bigint();
    fn();
    wall.push(Number(process.hrtime.bigint() - t) / 1e6);
    const d = process.cpuUsage(u);
    cpu.push((d.user + d.system) / 1000);
  }
  return { wall: median(wall), cpu: Math.min(...cpu) };
}

const file = parse(text);
const evaluation = evaluate(file);
const model = { file, evaluation, modules: effectiveModules(evaluation) };
const doc = TextDocument.create(uri, 'lighttpd', 1, text);
const mid = text.indexOf('\n', text.length >> 1);
const edited = text.slice(0, mid) + ' ' + text.slice(mid);
const svc = getLanguageService();
svc.doValidation(doc);
let completeAt = 0;

// The server's path for an edit: a workspace (open editors over the disk) and the service on top of it;
// a one-character edit in the middle, typed and deleted in turn.
const dir = mkdtempSync(join(tmpdir(), 'lighttpd-profile-'));
const diskPath = join(dir, 'lighttpd.conf');
writeFileSync(diskPath, text);
const workspace = new ConfigWorkspace(nodeFileSystem);
workspace.setKnownFiles([diskPath]);
const wsService = getLanguageService({ workspace });
let editVersion = 1;
const diskUri = pathToFileURL(diskPath).href;
wsService.doValidation(TextDocument.create(diskUri, 'lighttpd', editVersion, text));

const PHASES: Record<string, () => unknown> = {
  tokenize: () => tokenize(text),
  parse: () => parse(text),
  evaluate: () => evaluate(file),
  modules: () => effectiveModules(evaluation),
  checks: () => runChecks(text, model),
  diagnostics: () => computeDiagnostics(doc, model),
  full: () => computeDiagnostics(doc, analyze(text)),
  reparse: () => reparse({ text, file }, edited),
  edit: () => {
    editVersion++;
    const t = editVersion % 2 === 0 ? edited : text;
    workspace.setOpenText(diskPath, t);
    return wsService.doValidation(TextDocument.create(diskUri, 'lighttpd', editVersion, t));
  },
  complete: () => {
    const p = doc.positionAt((completeAt = (completeAt + 7919) % text.length));
    return svc.doComplete(doc, p);
  },
};

async function profile(phase: string, fn: () => unknown): Promise<void> {
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) =>
      session.post(method, params ?? {}, (e, r) => (e ? reject(e) : resolve(r))),
    );
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 100 });
  await post('Profiler.start');
  const until = Date.now() + 4000;
  let n = 0;
  while (Date.now() < until) {
    fn();
    n++;
  }
  const { profile: prof } = (await post('Profiler.stop')) as { profile: CpuProfile };
  mkdirSync(join('out', 'bench'), { recursive: true });
  writeFileSync(join('out', 'bench', `${phase}.cpuprofile`), JSON.stringify(prof));
  const self = new Map<string, number>();
  const byId = new Map(prof.nodes.map((nd) => [nd.id, nd]));
  const counts = new Map<number, number>();
  for (const s of prof.samples) counts.set(s, (counts.get(s) ?? 0) + 1);
  let total = 0;
  for (const [id, c] of counts) {
    const nd = byId.get(id)!;
    const f = nd.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').slice(-1)[0]}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + c);
    total += c;
  }
  console.log(`\n${phase}: ${n} runs in 4 s; top self time (${total} samples):`);
  for (const [k, c] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25))
    console.log(`  ${((100 * c) / total).toFixed(1).padStart(5)}%  ${k}`);
}

/** Which functions allocate the most (V8's sampling heap profiler, allocations kept or not). */
async function allocations(phase: string, fn: () => unknown): Promise<void> {
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) =>
      session.post(method, params ?? {}, (e, r) => (e ? reject(e) : resolve(r))),
    );
  await post('HeapProfiler.enable');
  await post('HeapProfiler.startSampling', {
    samplingInterval: 4096,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  const runs = 20;
  for (let i = 0; i < runs; i++) fn();
  const { profile: prof } = (await post('HeapProfiler.stopSampling')) as { profile: { head: HeapNode } };
  const self = new Map<string, number>();
  let total = 0;
  const visit = (nd: HeapNode) => {
    const f = nd.callFrame;
    const size = nd.selfSize;
    if (size) {
      const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').slice(-1)[0]}:${f.lineNumber + 1}`;
      self.set(key, (self.get(key) ?? 0) + size);
      total += size;
    }
    for (const c of nd.children) visit(c);
  };
  visit(prof.head);
  console.log(`\n${phase}: ${(total / runs / 1048576).toFixed(1)} MB allocated per run; top allocating functions:`);
  for (const [k, b] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25))
    console.log(
      `  ${((100 * b) / total).toFixed(1).padStart(5)}%  ${(b / runs / 1024).toFixed(0).padStart(6)} KB  ${k}`,
    );
}

interface HeapNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: HeapNode[];
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
}

async function main(): Promise<void> {
  const only = process.env.PROFILE;
  if (only) {
    const fn = PHASES[only];
    if (!fn) throw new Error(`unknown phase ${only}; one of ${Object.keys(PHASES).join(', ')}`);
    await (process.env.PROFILE_HEAP ? allocations(only, fn) : profile(only, fn));
    return;
  }
  // The least CPU time is the steadier figure on a machine shared with other work; the median wall time is
  // what a user would see under the same load.
  console.log(`${LINES} lines, ${Math.round(text.length / 1024)} KB; ms per phase (load ${loadavg()[0].toFixed(1)}):`);
  console.log(`  ${'phase'.padEnd(12)} ${'wall p50'.padStart(9)} ${'cpu min'.padStart(9)}`);
  for (const [name, fn] of Object.entries(PHASES)) {
    const m = measure(LINES >= 50000 ? 7 : RUNS, fn);
    console.log(`  ${name.padEnd(12)} ${m.wall.toFixed(2).padStart(9)} ${m.cpu.toFixed(2).padStart(9)}`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
