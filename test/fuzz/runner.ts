/**
 * The fuzz loop shared by the unit test (fixed seed, small count) and `npm run fuzz` (large count, random
 * seed). Iteration i of a run is fully determined by (seed, i): `npm run fuzz -- --seed S --only i`
 * replays it.
 */
import { corpusEntries, readCorpusFile } from '../helpers/corpus';
import { generate, type CorpusFile, type GeneratorName } from './generate';
import { Harness, type Failure, type Mode } from './properties';
import { iterationSeed, Rng } from './rng';

export interface TimeLimit {
  /** Average analysis time per character over the corpus (ms). */
  readonly perCharMs: number;
  /** An input may take this many times the corpus average per character... */
  readonly factor: number;
  /** ...plus this much (GC pauses and a CPU shared with others make small inputs noisy). */
  readonly floorMs: number;
}

export interface RunOptions {
  readonly seed: number;
  readonly count: number;
  readonly first?: number;
  readonly corpus: readonly CorpusFile[];
  readonly generators?: readonly (readonly [number, GeneratorName])[];
  readonly time?: TimeLimit;
  /** Stop after this many failing inputs (default 20). */
  readonly maxFailures?: number;
  readonly onProgress?: (done: number, failures: number) => void;
  /** Called with each failing input as soon as it is found. */
  readonly onFailure?: (failure: FailureReport) => void;
}

export interface FailureReport {
  readonly iteration: number;
  readonly generator: GeneratorName;
  readonly mode: Mode;
  readonly note: string;
  readonly text: string;
  readonly failures: readonly Failure[];
}

export interface RunResult {
  readonly iterations: number;
  readonly failures: readonly FailureReport[];
  readonly byGenerator: Readonly<Record<string, number>>;
  readonly chars: number;
  readonly ms: number;
}

export const DEFAULT_GENERATORS: readonly (readonly [number, GeneratorName])[] = [
  [3, 'bytes'],
  [3, 'tokens'],
  [3, 'grammar'],
  [5, 'mutation'],
];

const MODES: readonly (readonly [number, Mode])[] = [
  [6, 'standalone'],
  [2, 'root'],
  [2, 'fragment'],
];

export function loadCorpus(): CorpusFile[] {
  return corpusEntries().map((e) => ({ name: e.file, text: readCorpusFile(e.path) }));
}

/** Average analysis + validation time per character of the corpus files (best of three runs each). */
export function measureCorpus(corpus: readonly CorpusFile[]): number {
  const harness = new Harness([]);
  let ms = 0;
  let chars = 0;
  for (const f of corpus) {
    let best = Infinity;
    for (let k = 0; k < 3; k++) best = Math.min(best, harness.check(f.text, new Rng(k), 'standalone').analysisMs);
    ms += best;
    chars += f.text.length;
  }
  return chars ? ms / chars : 0.001;
}

export interface Iteration {
  readonly generator: GeneratorName;
  readonly mode: Mode;
  readonly note: string;
  readonly text: string;
  readonly rng: Rng;
}

export function makeIteration(
  seed: number,
  i: number,
  corpus: readonly CorpusFile[],
  generators = DEFAULT_GENERATORS,
): Iteration {
  const rng = new Rng(iterationSeed(seed, i));
  const generator = rng.weighted(generators);
  const mode = rng.weighted(MODES);
  const input = generate(generator, rng, corpus);
  return { generator, mode, note: input.note, text: input.text, rng };
}

export function runFuzz(options: RunOptions): RunResult {
  const harness = new Harness(options.corpus);
  const failures: FailureReport[] = [];
  const byGenerator: Record<string, number> = {};
  const first = options.first ?? 0;
  let chars = 0;
  let done = 0;
  const t0 = performance.now();
  for (let i = first; i < first + options.count; i++) {
    const it = makeIteration(options.seed, i, options.corpus, options.generators);
    byGenerator[it.generator] = (byGenerator[it.generator] ?? 0) + 1;
    chars += it.text.length;
    const result = harness.check(it.text, it.rng, it.mode);
    const found = [...result.failures];
    const time = options.time;
    if (time) {
      const limit = time.floorMs + time.factor * time.perCharMs * it.text.length;
      if (result.analysisMs > limit) {
        // Measure again before blaming the input: the machine may just have been busy.
        let best = result.analysisMs;
        for (let k = 0; k < 2 && best > limit; k++)
          best = Math.min(best, harness.check(it.text, new Rng(k), it.mode).analysisMs);
        if (best > limit) {
          found.push({
            property: 'linear-time',
            detail: `${it.text.length} characters took ${best.toFixed(0)} ms (limit ${limit.toFixed(0)} ms = ${time.floorMs} ms + ${time.factor} x the corpus average per character)`,
          });
        }
      }
    }
    if (found.length) {
      const report: FailureReport = {
        iteration: i,
        generator: it.generator,
        mode: it.mode,
        note: it.note,
        text: it.text,
        failures: found,
      };
      failures.push(report);
      options.onFailure?.(report);
    }
    done++;
    options.onProgress?.(done, failures.length);
    if (failures.length >= (options.maxFailures ?? 20)) break;
  }
  return { iterations: done, failures, byGenerator, chars, ms: performance.now() - t0 };
}

/**
 * A smaller input that still fails the same property (greedy removal of chunks, then of single
 * characters), for readable reports. At most `budget` checks.
 */
export function shrink(
  text: string,
  mode: Mode,
  property: string,
  seed: number,
  corpus: readonly CorpusFile[],
  budget = 400,
): string {
  const harness = new Harness(corpus);
  const fails = (t: string) => harness.check(t, new Rng(seed), mode).failures.some((f) => f.property === property);
  if (!fails(text)) return text;
  let best = text;
  let checks = 0;
  for (let chunk = Math.max(1, best.length >> 1); chunk >= 1 && checks < budget; chunk >>= 1) {
    for (let at = 0; at < best.length && checks < budget; ) {
      const candidate = best.slice(0, at) + best.slice(at + chunk);
      checks++;
      if (fails(candidate)) best = candidate;
      else at += chunk;
    }
  }
  return best;
}
