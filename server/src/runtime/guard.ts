/**
 * Every handler of the server runs through a guard: an exception is logged with the document and the
 * position it was about, and answered with a fallback, so that one bug never ends the server.
 */
import type { Position, Range } from 'vscode-languageserver';

/**
 * Test hook: names of guarded operations (`hover`, `validation`, `code actions`, ...) that throw on purpose,
 * read once from LIGHTTPD_CONF_TEST_THROW (comma-separated), so that a protocol test can see a failing
 * handler logged and answered while the server keeps serving. `uncaught` also throws outside any handler.
 */
export const TEST_THROW: ReadonlySet<string> = new Set(
  (globalThis.process?.env?.LIGHTTPD_CONF_TEST_THROW ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
);

/** Where a request points, for logs: 1-based line:column (of a range's start). */
export function describeAt(at: Position | Range | undefined): string {
  if (!at) return '';
  const p = 'start' in at ? at.start : at;
  return ` at ${p.line + 1}:${p.character + 1}`;
}

export function describeError(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}

export type Guard = <T>(what: string, uri: string | undefined, fallback: T, fn: () => T, at?: Position | Range) => T;

/** A guard that logs failures through `logError`. */
export function makeGuard(logError: (message: string) => void): Guard {
  return (what, uri, fallback, fn, at) => {
    try {
      if (TEST_THROW.has(what)) throw new Error(`test hook: ${what} throws (LIGHTTPD_CONF_TEST_THROW)`);
      return fn();
    } catch (e) {
      logError(`${what} failed${uri ? ` for ${uri}` : ''}${describeAt(at)}: ${describeError(e)}`);
      return fallback;
    }
  };
}
