/**
 * `npm run fuzz -- [--count N] [--seed S] [--jobs J] [--only I] [--repetition W] [--no-time] [--out DIR]`
 *
 * Runs N fuzz iterations (default 10000) from a random seed (printed, so that a run can be repeated) and
 * checks every property of properties.ts, plus linear time: no input may take more than a fixed multiple
 * of the corpus average analysis time per character (plus a floor). Failing inputs are shrunk and written
 * to DIR (default: a temporary folder). `--only I` replays iteration I of the given seed and prints it.
 * `--jobs J` (default: one per CPU, at most 4) splits the iterations into J contiguous slices run by child
 * processes; iteration i is the same input whatever J is, so a failure replays with `--only i`.
 * Exit status: 0 when every iteration passed, 1 otherwise.
 */
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DEFAULT_GENERATORS,
  loadCorpus,
  makeIteration,
  measureCorpus,
  runFuzz,
  shrink,
  type FailureReport,
} from './runner';
import { iterationSeed } from './rng';
import { Harness } from './properties';
import type { GeneratorName } from './generate';

/** An input may take this many times the corpus average per character (token-dense inputs cost more). */
const TIME_FACTOR = 50;
const TIME_FLOOR_MS = 500;

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const seed = arg('seed') !== undefined ? Number(arg('seed')) >>> 0 : (Math.random() * 2 ** 32) >>> 0;
const count = Number(arg('count') ?? 10000);
const first = Number(arg('first') ?? 0);
const jobs = Math.max(1, Math.min(count, Number(arg('jobs') ?? Math.min(4, availableParallelism()))));
const isWorker = process.argv.includes('--worker');
const only = arg('only');
const repetitionWeight = Number(arg('repetition') ?? 1);
const checkTime = !process.argv.includes('--no-time');
const outDir = arg('out') ?? join(tmpdir(), `lighttpd-fuzz-${seed}`);
const generators: (readonly [number, GeneratorName])[] = [...DEFAULT_GENERATORS, [repetitionWeight, 'repetition']];

const corpus = loadCorpus();
if (!corpus.length)
  console.log('note: corpus not found (set LIGHTTPD_CORPUS); mutations fall back to grammar-based inputs');

if (only !== undefined) {
  const i = Number(only);
  const it = makeIteration(seed, i, corpus, generators);
  console.log(
    `seed ${seed} iteration ${i} (iteration seed ${iterationSeed(seed, i)}): ${it.generator}, ${it.mode}, ${it.note}`,
  );
  console.log(JSON.stringify(it.text.length > 4000 ? it.text.slice(0, 4000) + '…' : it.text));
  const result = new Harness(corpus).check(it.text, it.rng, it.mode);
  console.log(`analysis ${result.analysisMs.toFixed(1)} ms`);
  for (const f of result.failures) console.log(`FAIL ${f.property}: ${f.detail}`);
  process.exit(result.failures.length ? 1 : 0);
}

if (!isWorker)
  console.log(
    `fuzz: seed ${seed}, ${count} iterations, ${jobs} job(s) (repeat with: npm run fuzz -- --seed ${seed} --count ${count})`,
  );
if (!isWorker && jobs > 1) await runParallel();
const time = checkTime ? { perCharMs: measureCorpus(corpus), factor: TIME_FACTOR, floorMs: TIME_FLOOR_MS } : undefined;
if (time && !isWorker)
  console.log(
    `corpus average: ${(time.perCharMs * 1e6).toFixed(0)} ns per character; limit ${TIME_FLOOR_MS} ms + ${TIME_FACTOR}x that`,
  );

const report = (f: FailureReport) => {
  mkdirSync(outDir, { recursive: true });
  const base = join(outDir, `iteration-${f.iteration}`);
  writeFileSync(`${base}.conf`, f.text);
  const small = shrink(f.text, f.mode, f.failures[0].property, iterationSeed(seed, f.iteration), corpus);
  writeFileSync(`${base}.min.conf`, small);
  console.log(`FAIL iteration ${f.iteration} (${f.generator}, ${f.mode}; ${f.note.slice(0, 200)})`);
  for (const x of f.failures.slice(0, 5)) console.log(`  ${x.property}: ${x.detail}`);
  console.log(
    `  input: ${base}.conf (${f.text.length} chars), shrunk: ${base}.min.conf ${JSON.stringify(small.slice(0, 300))}`,
  );
  console.log(`  replay: npm run fuzz -- --seed ${seed} --only ${f.iteration}`);
};
let lastReport = performance.now();
const result = runFuzz({
  seed,
  count,
  first,
  corpus,
  generators,
  time,
  onFailure: report,
  onProgress(done, failures) {
    if (performance.now() - lastReport > 10000) {
      lastReport = performance.now();
      console.log(`  ${isWorker ? `[${first}..${first + count}) ` : ''}${done}/${count} (${failures} failing)`);
    }
  },
});

if (isWorker) {
  console.log(
    `@@result ${JSON.stringify({ iterations: result.iterations, failures: result.failures.length, byGenerator: result.byGenerator, chars: result.chars, ms: result.ms })}`,
  );
  process.exit(result.failures.length ? 1 : 0);
}
const perGenerator = Object.entries(result.byGenerator)
  .map(([g, n]) => `${g} ${n}`)
  .join(', ');
console.log(
  `fuzz: ${result.iterations} iterations (${perGenerator}), ${(result.chars / 1e6).toFixed(1)} M characters, ${(result.ms / 1000).toFixed(1)} s, ${result.failures.length} failing; seed ${seed}`,
);
process.exit(result.failures.length ? 1 : 0);

/** Runs the iterations in `jobs` child processes (contiguous slices), prints their reports and a total. */
async function runParallel(): Promise<never> {
  const t0 = performance.now();
  const passOn = ['repetition', 'out'].flatMap((k) => (arg(k) !== undefined ? [`--${k}`, arg(k)!] : []));
  if (!checkTime) passOn.push('--no-time');
  const slices = Array.from({ length: jobs }, (_, j) => {
    const from = first + Math.floor((count * j) / jobs);
    const to = first + Math.floor((count * (j + 1)) / jobs);
    return { from, to };
  });
  const totals = { iterations: 0, failures: 0, chars: 0, byGenerator: {} as Record<string, number>, crashed: 0 };
  await Promise.all(
    slices.map(
      ({ from, to }) =>
        new Promise<void>((resolve) => {
          const child = spawn(
            process.execPath,
            [
              ...process.execArgv,
              process.argv[1],
              '--worker',
              '--seed',
              String(seed),
              '--first',
              String(from),
              '--count',
              String(to - from),
              '--out',
              outDir,
              ...passOn,
            ],
            { stdio: ['ignore', 'pipe', 'inherit'] },
          );
          let buffer = '';
          let reported = false;
          child.stdout.setEncoding('utf8');
          child.stdout.on('data', (chunk: string) => {
            buffer += chunk;
            let nl: number;
            while ((nl = buffer.indexOf('\n')) >= 0) {
              const line = buffer.slice(0, nl);
              buffer = buffer.slice(nl + 1);
              if (line.startsWith('@@result ')) {
                const r = JSON.parse(line.slice(9)) as {
                  iterations: number;
                  failures: number;
                  byGenerator: Record<string, number>;
                  chars: number;
                };
                reported = true;
                totals.iterations += r.iterations;
                totals.failures += r.failures;
                totals.chars += r.chars;
                for (const [g, n] of Object.entries(r.byGenerator))
                  totals.byGenerator[g] = (totals.byGenerator[g] ?? 0) + n;
              } else console.log(line);
            }
          });
          child.on('close', (code, signal) => {
            if (!reported) {
              totals.crashed++;
              console.log(
                `FAIL the job for iterations [${from}, ${to}) ended without a result (exit ${code ?? signal}); replay with: npm run fuzz -- --seed ${seed} --first ${from} --count ${to - from} --jobs 1`,
              );
            }
            resolve();
          });
        }),
    ),
  );
  const perGenerator = Object.entries(totals.byGenerator)
    .map(([g, n]) => `${g} ${n}`)
    .join(', ');
  const failing = totals.failures + totals.crashed;
  console.log(
    `fuzz: ${totals.iterations} iterations (${perGenerator}), ${(totals.chars / 1e6).toFixed(1)} M characters, ${((performance.now() - t0) / 1000).toFixed(1)} s on ${jobs} jobs, ${failing} failing; seed ${seed}`,
  );
  process.exit(failing ? 1 : 0);
}
