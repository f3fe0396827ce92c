/**
 * `lighttpd-lint test --against-lighttpd`: each test's request sent to the real lighttpd serving the test's
 * configuration, its listener moved to 127.0.0.1 and a free port (analysis/routeTests/against.ts builds the
 * harness and compares), one lighttpd per configuration, stopped when its tests are done. Node only; runs
 * lighttpd (and so what the configuration runs: include_shell, bin-path) only because the user asked.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ConfigWorkspace } from '../analysis/workspace';
import { simulate } from '../analysis/simulate/simulate';
import { configPathOf } from '../analysis/routeTests/load';
import { readHandling } from '../analysis/routeTests/lighttpdLog';
import type { TestResult } from '../analysis/routeTests/run';
import type { TestCase } from '../analysis/routeTests/testFile';
import {
  compareWithLighttpd,
  configNotRunnable,
  harnessText,
  localSpec,
  notRun,
  requestNotSendable,
} from '../analysis/routeTests/against';
import { freePort, lighttpdVersionOf, send, startLighttpd, stopLighttpd } from './lighttpdServer';

/** Log lines of a backend lighttpd failed to reach. */
const BACKEND_DOWN = /\) establishing connection failed: |\) all handlers for .* are down\./;

export interface AgainstOptions {
  /** The lighttpd executable. */
  readonly executable: string;
  /** The environment lighttpd runs in (default: this process's). */
  readonly env?: NodeJS.ProcessEnv;
  readonly startTimeoutMs?: number;
  readonly requestTimeoutMs?: number;
}

/** Runs the tests of one test file against lighttpd, in the file's order. */
export async function runAgainstLighttpd(
  tests: readonly TestCase[],
  testFile: string,
  ws: ConfigWorkspace,
  opts: AgainstOptions,
): Promise<TestResult[]> {
  const version = lighttpdVersionOf(opts.executable);
  const results = new Map<TestCase, TestResult>();
  const byConfig = new Map<string, TestCase[]>();
  for (const t of tests) {
    if (!t.config) {
      results.set(t, notRun(t, 'error', 'no configuration (config PATH) before this test'));
      continue;
    }
    const path = configPathOf(testFile, t.config);
    byConfig.set(path, [...(byConfig.get(path) ?? []), t]);
  }
  for (const [path, group] of byConfig) {
    const all = (status: 'unknown' | 'error', reason: string) => {
      for (const t of group) results.set(t, notRun(t, status, reason));
    };
    if (!version) {
      all('error', `${opts.executable} -v does not name a lighttpd release`);
      continue;
    }
    if (!ws.fileSystem.isFile(path)) {
      all('error', `config ${group[0].config!.path}: no such file (${path})`);
      continue;
    }
    const analysis = ws.analyzeRoot(ws.canonical(path));
    if (!analysis) {
      all('error', `config ${group[0].config!.path}: cannot be read`);
      continue;
    }
    const why = configNotRunnable(analysis.evaluation);
    if (why) {
      all('unknown', `not run against lighttpd: ${why}`);
      continue;
    }
    const scratch = mkdtempSync(join(tmpdir(), 'lighttpd-lint-against-'));
    try {
      const port = await freePort();
      const text = harnessText({ config: path, port, scratch }, analysis.evaluation);
      // The simulator reads the same harness, as if it were a file in the configuration's folder.
      const harnessEv = ws.evaluateText(join(dirname(path), '.lighttpd-lint-harness.conf'), text);
      const start = () =>
        startLighttpd({
          executable: opts.executable,
          config: { text },
          cwd: dirname(path),
          env: opts.env ?? process.env,
          port,
          errorLog: join(scratch, 'error.log'),
          timeoutMs: opts.startTimeoutMs,
        });
      let server = await start();
      if ('failed' in server) {
        all('error', `lighttpd did not start: ${server.failed}`);
        continue;
      }
      try {
        for (const t of group) {
          const notSent = requestNotSendable(t);
          if (notSent) {
            results.set(t, notRun(t, 'unknown', `not sent: ${notSent}`));
            continue;
          }
          if ('failed' in server) {
            results.set(t, notRun(t, 'error', `lighttpd did not start again: ${server.failed}`));
            continue;
          }
          const r = t.request;
          const res = await send(
            server,
            {
              method: r.method,
              target: r.target,
              headers: [...(r.host !== undefined ? [['Host', r.host] as const] : []), ...r.headers],
              localAddress: r.remoteIp === '127.0.0.1' ? undefined : r.remoteIp,
            },
            opts.requestTimeoutMs,
          );
          if ('failed' in res) results.set(t, notRun(t, 'unknown', `no answer from lighttpd: ${res.failed}`));
          else {
            const sim = simulate(harnessEv, localSpec(t, port), { version });
            const handling = readHandling(res.log);
            results.set(
              t,
              compareWithLighttpd(t, sim, { status: res.status, headers: res.headers, handling }, version),
            );
          }
          // A backend lighttpd could not reach is disabled for a while, and then a request routed to it
          // leaves no trace in the log: a fresh lighttpd for the next request.
          if (BACKEND_DOWN.test(res.log)) {
            await stopLighttpd(server);
            server = await start();
          }
        }
      } finally {
        if (!('failed' in server)) await stopLighttpd(server);
      }
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }
  return tests.map((t) => results.get(t)!);
}
