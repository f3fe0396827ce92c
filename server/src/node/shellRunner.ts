/**
 * Runs an `include_shell` command the way lighttpd does (`/bin/sh -c CMD` in the main config's folder,
 * grammar file §5), bounded: a timeout and an output cap. Used only when the user enabled
 * `lighttpd.includeShell.execute` AND the workspace is trusted (server.ts decides).
 */
import { spawnSync } from 'node:child_process';

export const SHELL_TIMEOUT_MS = 5000;
export const SHELL_MAX_OUTPUT = 4 * 1024 * 1024;

export function runIncludeShell(
  command: string,
  cwd: string,
  limits: { readonly timeoutMs?: number; readonly maxOutput?: number } = {},
): string | undefined {
  const r = spawnSync('/bin/sh', ['-c', command], {
    cwd,
    timeout: limits.timeoutMs ?? SHELL_TIMEOUT_MS,
    maxBuffer: limits.maxOutput ?? SHELL_MAX_OUTPUT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
    windowsHide: true,
  });
  // lighttpd refuses to start when the command fails; we then treat the output as unknown.
  if (r.error || r.status !== 0 || typeof r.stdout !== 'string') return undefined;
  return r.stdout;
}
