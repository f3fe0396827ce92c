/**
 * Running the installed lighttpd as a judge: `lighttpd -t`, `-tt` and `-p` on a file, in a hermetic
 * environment (fixed variables, no inherited ones) with a per-run timeout and output cap.
 *
 * include_shell safety: lighttpd 1.4.65+ runs include_shell commands through $SHELL (or /bin/sh). The
 * environment given here always sets SHELL to a stub that ignores its command and prints nothing, so no
 * command from a corpus file (or a mutation of one) is ever executed.
 */
import { spawn } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findExecutable } from '../helpers/lighttpd';

export const LIGHTTPD =
  process.env.LIGHTTPD_BIN ?? findExecutable('lighttpd', ['/usr/sbin', '/usr/local/sbin', '/sbin']);
export const NO_LIGHTTPD = 'lighttpd not installed (not in PATH nor /usr/sbin; set LIGHTTPD_BIN)';

export interface LighttpdRun {
  readonly status: number | null;
  /** stdout + stderr, timestamps stripped. */
  readonly output: string;
  readonly stdout: string;
  readonly timedOut: boolean;
}

const MAX_OUTPUT = 1 << 20;

/** Writes the include_shell stub into `dir` and returns the environment every run uses. */
export function hermeticEnv(dir: string, extra: Record<string, string> = {}): Record<string, string> {
  const shell = join(dir, 'stub-shell.sh');
  writeFileSync(shell, '#!/bin/sh\n# include_shell stub for tests: never runs the command, prints nothing.\nexit 0\n');
  chmodSync(shell, 0o755);
  return { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', SHELL: shell, LANG: 'C', ...extra };
}

export function runLighttpd(
  args: string[],
  opts: { cwd: string; env: Record<string, string>; timeoutMs?: number },
): Promise<LighttpdRun> {
  const bin = LIGHTTPD;
  if (!bin) return Promise.reject(new Error(NO_LIGHTTPD));
  return new Promise((resolvePromise) => {
    const child = spawn(bin, args, { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let stdout = '';
    let timedOut = false;
    const onData = (isStdout: boolean) => (b: Buffer) => {
      if (out.length < MAX_OUTPUT) out += b.toString('latin1');
      if (isStdout && stdout.length < MAX_OUTPUT) stdout += b.toString('latin1');
    };
    child.stdout.on('data', onData(true));
    child.stderr.on('data', onData(false));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, opts.timeoutMs ?? 10_000);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolvePromise({ status, output: out.replace(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d: /gm, ''), stdout, timedOut });
    });
    child.on('error', (e) => {
      clearTimeout(timer);
      resolvePromise({ status: null, output: String(e), stdout: '', timedOut: false });
    });
  });
}

/** Version of the installed lighttpd, e.g. "1.4.69". */
export async function lighttpdVersion(dir: string): Promise<string | undefined> {
  const r = await runLighttpd(['-v'], { cwd: dir, env: hermeticEnv(dir) });
  return /lighttpd\/(\d+\.\d+\.\d+)/.exec(r.output)?.[1];
}

/** Runs `fn` over `items` with at most `limit` in flight. */
export async function pool<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
