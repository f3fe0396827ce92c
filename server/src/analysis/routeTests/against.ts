/**
 * Configuration tests against the real lighttpd (`lighttpd-lint test --against-lighttpd`), the pure part:
 * the harness that moves the configuration's listener to 127.0.0.1 and a free port (`:=` overrides after
 * the configuration itself, logs in a scratch folder, condition and request logging on), which tests can
 * be sent to it as they are, and the comparison of what lighttpd did with the simulator's answer and the
 * test's expectations. The Node side (node/againstLighttpd.ts) starts lighttpd and sends the requests.
 *
 * What lighttpd shows and is compared:
 *   - every condition result it logs, with the simulator's for the same request (block number and key);
 *   - `-> static PATH`: the physical path it mapped the URL to, and no gateway module took it;
 *   - `-> proxy|fastcgi|scgi BACKEND`: the gateway module that took it and, when the backend is down (the
 *     usual case here), the address it failed to reach;
 *   - `-> NNN [LOCATION]`: the status and the Location header;
 *   - `header N: V`: the response header; `block ...`: the block's result in its log.
 * `set` and `rewrite` expectations are not visible from outside and are not compared.
 */
import type { Evaluation } from '../evaluate';
import type { Simulation } from '../simulate/simulate';
import type { RequestSpec } from '../simulate/request';
import { buildContexts } from '../simulate/model';
import { storedCondition, type Failure, type TestResult } from './run';
import { formatOutcome, type Expectation, type TestCase } from './testFile';
import { logEscaped, type LoggedHandling } from './lighttpdLog';

export interface HarnessPaths {
  /** The configuration, absolute (the harness includes it). */
  readonly config: string;
  readonly port: number;
  /** A scratch folder for the logs and the pid file. */
  readonly scratch: string;
}

const quote = (s: string) => `"${s.replace(/[\\"]/g, (c) => `\\${c}`)}"`;

/**
 * The configuration lighttpd is given (on standard input, so that the configuration's relative includes
 * resolve from its own folder, the working directory): the configuration, then overrides.
 */
export function harnessText(p: HarnessPaths, ev?: Evaluation): string {
  const lines = [
    `include ${quote(p.config)}`,
    `server.port := ${p.port}`,
    'server.bind := "127.0.0.1"',
    `server.errorlog := ${quote(`${p.scratch}/error.log`)}`,
    'server.errorlog-use-syslog := "disable"',
    `server.breakagelog := ${quote(`${p.scratch}/breakage.log`)}`,
    `server.pid-file := ${quote(`${p.scratch}/lighttpd.pid`)}`,
    'server.username := ""',
    'server.groupname := ""',
    'server.max-worker := 0',
    'server.systemd-socket-activation := "disable"',
    `server.upload-dirs := ( ${quote(p.scratch)} )`,
    'debug.log-condition-handling := "enable"',
    'debug.log-request-handling := "enable"',
  ];
  const set = (key: string) => !!ev && [...ev.global.vars.keys()].some((k) => k.toLowerCase() === key);
  if (set('accesslog.filename')) lines.push(`accesslog.filename := ${quote(`${p.scratch}/access.log`)}`);
  if (set('accesslog.use-syslog')) lines.push('accesslog.use-syslog := "disable"');
  // The listener here is plain HTTP (tests of https requests are not sent).
  if (set('ssl.engine')) lines.push('ssl.engine := "disable"');
  return lines.join('\n') + '\n';
}

/** Why the configuration cannot run here with its listener moved (undefined: it can). */
export function configNotRunnable(ev: Evaluation): string | undefined {
  const socket = buildContexts(ev).contexts.find((c) => c.object === 'SERVER' && c.field === 'socket');
  if (socket) return `it opens listeners of its own (${socket.condition}), which cannot be moved to a free port`;
  return undefined;
}

/** Why a test's request cannot be sent to the local listener as it is (undefined: it can). */
export function requestNotSendable(test: TestCase): string | undefined {
  const r = test.request;
  if (r.scheme === 'https') return 'an https request (the listener here is plain HTTP)';
  if (r.socket !== undefined) return `a request on ${r.socket} (the listener here is 127.0.0.1 and a free port)`;
  if (!/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(r.remoteIp))
    return `client address ${r.remoteIp} (only 127.0.0.0/8 can be sent from here)`;
  if (/[\r\n]/.test(r.target) || r.headers.some(([k, v]) => /[\r\n:]/.test(k) || /[\r\n]/.test(v)))
    return 'a line break in the request';
  return undefined;
}

/** The request as lighttpd receives it on the local listener (for the simulator's side of the comparison). */
export function localSpec(test: TestCase, port: number): RequestSpec {
  const r = test.request;
  return {
    method: r.method,
    scheme: 'http',
    host: r.host,
    target: r.target,
    remoteIp: r.remoteIp,
    port,
    serverSocket: `127.0.0.1:${port}`,
    headers: r.headers,
  };
}

export interface LighttpdResponse {
  readonly status: number;
  /** Lower-case names. */
  readonly headers: ReadonlyMap<string, string>;
  readonly handling: LoggedHandling;
}

/** What lighttpd did, as a test file would write it, for the report. */
export function describeResponse(r: LighttpdResponse): string {
  const h = r.handling;
  const loc = r.headers.get('location');
  const what = h.gateway
    ? `${h.gateway}${h.backendsTried.length ? ` ${h.backendsTried.join(', ')}` : ''}`
    : h.physicalPath !== undefined
      ? `static ${h.physicalPath}`
      : 'no file step';
  return `lighttpd: ${what}, status ${r.status}${loc !== undefined && r.status >= 300 && r.status < 400 ? ` ${loc}` : ''}`;
}

function checkExpectation(e: Expectation, r: LighttpdResponse, version: string): Failure | undefined {
  const h = r.handling;
  const fail = (expected: string, actual: string): Failure => ({ expectation: e, expected, actual });
  switch (e.kind) {
    case 'outcome': {
      const o = e.outcome;
      const want = formatOutcome(o);
      if (o.kind === 'static') {
        if (h.gateway !== undefined || h.physicalPath !== o.path) return fail(want, describeResponse(r));
      } else if (o.kind === 'backend') {
        const addressSeen = h.backendsTried.length > 0;
        if (h.gateway !== o.module || (addressSeen && !h.backendsTried.some((b) => o.backends.includes(b))))
          return fail(want, describeResponse(r));
      } else if (r.status !== o.status || (o.location !== undefined && r.headers.get('location') !== o.location))
        return fail(want, describeResponse(r));
      return undefined;
    }
    case 'header': {
      const got = r.headers.get(e.name.toLowerCase());
      return got === e.value
        ? undefined
        : fail(`${e.name}: ${e.value}`, got === undefined ? `no ${e.name} header` : `${e.name}: ${got}`);
    }
    case 'block': {
      const want = logEscaped(storedCondition(e.condition, version));
      const matched = h.passes.some((p) =>
        p.some((l) => l.result === 'true' && (l.key === want || l.key.endsWith(` / ${want}`))),
      );
      if (matched !== e.negated) return undefined;
      return fail(
        `${e.negated ? 'no' : 'a'} matched block ${want}`,
        `lighttpd: ${matched ? 'matched' : 'not matched'}`,
      );
    }
    case 'set':
    case 'rewrite':
      return undefined; // not visible from outside
  }
}

/** The condition results where lighttpd and the simulator differ. */
export function conditionDifferences(sim: Simulation, handling: LoggedHandling): string[] {
  const out: string[] = [];
  handling.passes.forEach((pass, p) => {
    const ours = sim.passes[Math.min(p, sim.passes.length - 1)];
    for (const l of pass) {
      const o = ours?.conditions.find((c) => c.index === l.index);
      const mapped = !o ? 'not evaluated' : o.result === 'not-evaluated' ? 'skipped' : String(o.result);
      if (o && logEscaped(o.key) !== l.key)
        out.push(`block ${l.index}: lighttpd's key ${l.key}, the simulator's ${o.key}`);
      else if (mapped !== l.result)
        out.push(`block ${l.index} ${l.key}: lighttpd ${l.result}, the simulator ${mapped}`);
    }
  });
  return out;
}

/**
 * One test's result against lighttpd: pass when every condition result lighttpd logged equals the
 * simulator's and every visible expectation holds for lighttpd's response; fail otherwise (each
 * difference a failure, expected = the simulator / the test, actual = lighttpd).
 */
export function compareWithLighttpd(
  test: TestCase,
  sim: Simulation,
  response: LighttpdResponse,
  version: string,
): TestResult {
  const anchor = test.expectations[0];
  const failures: Failure[] = [];
  for (const d of conditionDifferences(sim, response.handling))
    failures.push({ expectation: anchor, expected: "the simulator's condition results", actual: d });
  for (const e of test.expectations) {
    const f = checkExpectation(e, response, version);
    if (f) failures.push(f);
  }
  return {
    test,
    status: failures.length ? 'fail' : 'pass',
    actual: describeResponse(response),
    failures,
    simulation: sim,
  };
}

/** A test that was not sent (unknown, with the reason) or could not run (error). */
export function notRun(test: TestCase, status: 'unknown' | 'error', reason: string): TestResult {
  return { test, status, actual: '', failures: [], reason };
}
