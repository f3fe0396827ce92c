/**
 * The release of the installed lighttpd (`lighttpd -v`), for "Check Upgrade…" to start from. Node only (the
 * desktop host); the caller asks only in a trusted workspace (lighttpd.executablePath may come from the
 * workspace's settings). Bounded: 5 s, the first 4 KB of output.
 */
import { execFile } from 'node:child_process';
import { findLighttpd } from './lighttpdRunner';

/** `lighttpd/1.4.69 (ssl) - a light and fast webserver` -> `1.4.69`. */
export function parseLighttpdVersion(output: string): string | undefined {
  return /\blighttpd\/(\d+\.\d+\.\d+)/.exec(output)?.[1];
}

export function installedLighttpdVersion(executablePath = ''): Promise<string | undefined> {
  const exe = findLighttpd(executablePath);
  if (!exe) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    execFile(exe, ['-v'], { timeout: 5000, maxBuffer: 4096, windowsHide: true }, (_err, stdout, stderr) =>
      resolve(parseLighttpdVersion(`${String(stdout)}\n${String(stderr)}`)),
    );
  });
}
