/**
 * git and tar for `lighttpd-lint diff --git REV` (cli/diff.ts): started with argument lists (never a
 * shell), a timeout and an output cap, only by the command line, never from configuration text.
 */
import { spawnSync } from 'node:child_process';

const TIMEOUT_MS = 30_000;

export function runTool(
  program: 'git' | 'tar',
  args: string[],
  cwd: string,
  input?: Buffer,
): { ok: true; out: Buffer } | { ok: false; error: string } {
  const r = spawnSync(program, args, { cwd, input, timeout: TIMEOUT_MS, maxBuffer: 512 * 1024 * 1024 });
  if (r.error) return { ok: false, error: r.error.message };
  if (r.status !== 0) return { ok: false, error: r.stderr.toString().trim() || `${program} exited with ${r.status}` };
  return { ok: true, out: r.stdout };
}
