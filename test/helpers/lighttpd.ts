/** The real lighttpd (and openssl) for tests that ask the server itself; absent -> tests skip with NO_LIGHTTPD. */
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** First executable `name` on PATH or in `extraDirs`. */
export function findExecutable(name: string, extraDirs: readonly string[] = []): string | undefined {
  for (const d of [...(process.env.PATH ?? '').split(delimiter), ...extraDirs].filter(Boolean)) {
    const p = join(d, name);
    try {
      accessSync(p, constants.X_OK);
      return p;
    } catch {
      // not here
    }
  }
  return undefined;
}

export const LIGHTTPD = findExecutable('lighttpd', ['/usr/sbin', '/usr/local/sbin', '/sbin']);
export const OPENSSL = findExecutable('openssl', ['/usr/bin', '/usr/local/bin']);
export const NO_LIGHTTPD = 'lighttpd not installed (not in PATH nor /usr/sbin): apt-get install lighttpd';
