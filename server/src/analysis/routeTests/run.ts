/**
 * The test runner: each test's request through the request simulator (analysis/simulate) on its
 * configuration, compared with what the test expects. Pure: the caller loads configurations.
 *
 * A test passes when every expectation holds, fails when one does not, is "unknown" when the simulator
 * cannot decide the request exactly (a condition it marks unknown, a handler it cannot tell): such a test
 * is reported, never counted as passed; and is an "error" when its configuration cannot be read.
 */
import type { Evaluation } from '../evaluate';
import { simplifyRegex } from '../print';
import { compareVersions } from '../../schema';
import { simulate, type Handler, type JsonValue, type Simulation } from '../simulate/simulate';
import { specOf } from '../simulate/representative';
import { formatOutcome, type ConfigRef, type Expectation, type Outcome, type TestCase } from './testFile';

export const DEFAULT_TEST_VERSION = '1.4.69';

export type TestStatus = 'pass' | 'fail' | 'unknown' | 'error';

export interface Failure {
  readonly expectation: Expectation;
  readonly expected: string;
  readonly actual: string;
}

/** Where the configuration decided the outcome: the directive that chose the handler. */
export interface Decider {
  readonly file: string;
  readonly offset: number;
  /** The directive's key (proxy.server, server.document-root, ...). */
  readonly key: string;
  /** lighttpd's block number (0: global). */
  readonly context: number;
}

export interface TestResult {
  readonly test: TestCase;
  readonly status: TestStatus;
  /** The simulated outcome as a test file writes it (`static /var/www/a.css`, `403`, `unknown: ...`). */
  readonly actual: string;
  readonly failures: readonly Failure[];
  /** Why the result is unknown or an error. */
  readonly reason?: string;
  readonly decidedBy?: Decider;
  readonly simulation?: Simulation;
}

/** The simulated outcome in the test file's terms, or why there is none. */
export function outcomeOf(h: Handler): Outcome | { unknown: string } {
  switch (h.module) {
    case 'error':
    case 'mod_access':
      return { kind: 'status', status: h.status };
    case 'mod_auth':
      return { kind: 'status', status: 401 };
    case 'mod_redirect':
      return { kind: 'status', status: h.status, location: h.location };
    case 'mod_proxy':
    case 'mod_fastcgi':
    case 'mod_scgi':
      return {
        kind: 'backend',
        module: h.module.slice(4) as 'proxy' | 'fastcgi' | 'scgi',
        backends: h.backends.length
          ? h.backends.map(
              (b) =>
                b.socket ??
                (b.host !== undefined || b.port !== undefined
                  ? `${b.host ?? ''}:${b.port ?? ''}`
                  : (b.binPath ?? 'unknown')),
            )
          : ['none'],
      };
    case 'mod_staticfile':
      return { kind: 'static', path: h.path };
    case 'unknown':
      return { unknown: h.reason };
  }
}

export function describeOutcome(h: Handler): string {
  const o = outcomeOf(h);
  return 'unknown' in o ? `unknown: ${o.unknown}` : formatOutcome(o);
}

function sameOutcome(want: Outcome, got: Outcome): boolean {
  if (want.kind !== got.kind) return false;
  if (want.kind === 'static' && got.kind === 'static') return want.path === got.path;
  if (want.kind === 'status' && got.kind === 'status')
    return want.status === got.status && (want.location === undefined || want.location === got.location);
  if (want.kind === 'backend' && got.kind === 'backend')
    return (
      want.module === got.module &&
      want.backends.length === got.backends.length &&
      [...want.backends].sort().every((b, i) => b === [...got.backends].sort()[i])
    );
  return false;
}

const DECIDING_KEY: Partial<Record<Handler['module'], string[]>> = {
  mod_redirect: ['url.redirect'],
  mod_access: ['url.access-allow', 'url.access-deny'],
  mod_auth: ['auth.require'],
  mod_proxy: ['proxy.server'],
  mod_fastcgi: ['fastcgi.server'],
  mod_scgi: ['scgi.server'],
};

/** The directive that decided the handler: its key, file and offset. */
export function deciderOf(sim: Simulation): Decider | undefined {
  const h = sim.handler;
  const keys =
    h.module === 'mod_staticfile' ? (h.alias ? ['alias.url'] : ['server.document-root']) : DECIDING_KEY[h.module];
  for (const key of keys ?? []) {
    const s = sim.settings[key];
    if (s?.file !== undefined && s.offset !== undefined)
      return { file: s.file, offset: s.offset, key, context: s.context };
  }
  return undefined;
}

/** A condition as lighttpd stores it (the `=~` simplification of 1.4.65+), for comparison with the simulator's. */
export function storedCondition(text: string, version: string): string {
  const m = /^\$([A-Z_]+)\[\s*"([^"]*)"\s*\]\s*([=!][=~^$])\s*"(.*)"$/.exec(text.trim());
  if (!m) return text.trim();
  const [, obj, field] = m;
  let [, , , op, value] = m;
  if (op === '=~' && compareVersions(version, '1.4.65') >= 0 && !(obj === 'SERVER' && field === 'socket')) {
    const s = simplifyRegex(value);
    op = s.op;
    value = s.value;
  }
  return `$${obj}["${field}"] ${op} "${value}"`;
}

function jsonEqual(a: JsonValue | undefined, b: JsonValue): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function check(
  e: Expectation,
  sim: Simulation,
  version: string,
  actual: Outcome | { unknown: string },
): Failure | undefined {
  const fail = (expected: string, got: string): Failure => ({ expectation: e, expected, actual: got });
  switch (e.kind) {
    case 'outcome': {
      const got = 'unknown' in actual ? `unknown: ${actual.unknown}` : formatOutcome(actual);
      if ('unknown' in actual || !sameOutcome(e.outcome, actual)) return fail(formatOutcome(e.outcome), got);
      return undefined;
    }
    case 'header': {
      const hit = Object.entries(sim.responseHeaders).find(([k]) => k.toLowerCase() === e.name.toLowerCase());
      if (!hit || hit[1] !== e.value)
        return fail(`${e.name}: ${e.value}`, hit ? `${hit[0]}: ${hit[1]}` : `no ${e.name} header`);
      return undefined;
    }
    case 'set': {
      const s = sim.settings[e.key];
      if (!s || !jsonEqual(s.value, e.value))
        return fail(
          `${e.key} = ${JSON.stringify(e.value)}`,
          s ? `${e.key} = ${JSON.stringify(s.value)}` : `${e.key} not set`,
        );
      return undefined;
    }
    case 'block': {
      const want = storedCondition(e.condition, version);
      const matched = sim.passes.some((p) => p.conditions.some((c) => c.result === true && c.condition === want));
      if (matched === e.negated) {
        const trueOnes = sim.conditions.filter((c) => c.result === true).map((c) => c.condition);
        return fail(
          `${e.negated ? 'no' : 'a'} matched block ${want}`,
          trueOnes.length ? `matched: ${trueOnes.join('; ')}` : 'no block matched',
        );
      }
      return undefined;
    }
    case 'rewrite': {
      const last = sim.rewrites[sim.rewrites.length - 1]?.to;
      if (last !== e.target) return fail(`rewritten to ${e.target}`, last ? `rewritten to ${last}` : 'not rewritten');
      return undefined;
    }
  }
}

/** Why a simulation is not exact, if it is not. */
export function unknownReason(sim: Simulation): string | undefined {
  if (sim.handler.module === 'unknown') return sim.handler.reason;
  for (const p of sim.passes)
    for (const c of p.conditions) if (c.result === 'unknown') return `${c.condition}: ${c.reason ?? 'unknown'}`;
  return undefined;
}

export type ConfigLoader = (ref: ConfigRef) => { evaluation: Evaluation } | { error: string };

/** Runs one test on an evaluated configuration. */
export function runTest(test: TestCase, ev: Evaluation, version = test.version ?? DEFAULT_TEST_VERSION): TestResult {
  const sim = simulate(ev, specOf(test.request), { version });
  const actual = outcomeOf(sim.handler);
  const decidedBy = deciderOf(sim);
  const failures = test.expectations.map((e) => check(e, sim, version, actual)).filter((f): f is Failure => !!f);
  const actualText = 'unknown' in actual ? `unknown: ${actual.unknown}` : formatOutcome(actual);
  const unknown = unknownReason(sim);
  const base = { test, actual: actualText, failures, simulation: sim, ...(decidedBy ? { decidedBy } : {}) };
  if (unknown !== undefined) return { ...base, status: 'unknown', reason: unknown };
  return { ...base, status: failures.length ? 'fail' : 'pass' };
}

/** Runs tests, loading each configuration once. */
export function runTests(tests: readonly TestCase[], load: ConfigLoader): TestResult[] {
  const loaded = new Map<ConfigRef, ReturnType<ConfigLoader>>();
  return tests.map((test) => {
    if (!test.config)
      return {
        test,
        status: 'error',
        actual: '',
        failures: [],
        reason: 'no configuration (config PATH) before this test',
      };
    let cfg = loaded.get(test.config);
    if (!cfg) {
      cfg = load(test.config);
      loaded.set(test.config, cfg);
    }
    if ('error' in cfg) return { test, status: 'error', actual: '', failures: [], reason: cfg.error };
    return runTest(test, cfg.evaluation);
  });
}

export interface Summary {
  readonly pass: number;
  readonly fail: number;
  readonly unknown: number;
  readonly error: number;
}

export function summarize(results: readonly TestResult[]): Summary {
  const s = { pass: 0, fail: 0, unknown: 0, error: 0 };
  for (const r of results) s[r.status]++;
  return s;
}
