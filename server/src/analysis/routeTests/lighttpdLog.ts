/**
 * What lighttpd's own error log shows about one request when `debug.log-condition-handling` and
 * `debug.log-request-handling` are enabled (lines of lighttpd 1.4.69, read from a real run): the result of
 * every condition it evaluated, the gateway module that took the request, the backends it tried to reach,
 * and the physical path it mapped the URL to. Pure: text in, facts out.
 */

export interface LoggedResult {
  /** lighttpd's context number (block N of `lighttpd -p`). */
  readonly index: number;
  readonly result: 'true' | 'false' | 'skipped' | 'unset';
  /** lighttpd's key of the block: "global / <parents> / <condition>". */
  readonly key: string;
}

/**
 * The "N (uncached) result: R (cond: KEY)" lines, split into passes: a context computed again (after a
 * rewrite, lighttpd evaluates the conditions anew) starts a new pass. "unset" results are left out.
 */
export function loggedPasses(log: string): LoggedResult[][] {
  const passes: LoggedResult[][] = [[]];
  let seen = new Set<number>();
  for (const line of log.split('\n')) {
    const m = /\) (\d+) \(uncached\) result: (\w+) \(cond: (.*)\)\r?$/.exec(line);
    if (!m) continue;
    const r = { index: Number(m[1]), result: m[2] as LoggedResult['result'], key: m[3] };
    if (r.result === 'unset') continue;
    if (seen.has(r.index)) {
      passes.push([]);
      seen = new Set();
    }
    seen.add(r.index);
    passes[passes.length - 1].push(r);
  }
  return passes.filter((p, i) => p.length || i === 0);
}

export interface LoggedHandling {
  readonly passes: LoggedResult[][];
  /** "proxy", "fastcgi", "scgi", ...: the gateway module that handled the request (none: not a gateway). */
  readonly gateway?: string;
  /** Backends lighttpd failed to reach: "127.0.0.1:8000" (tcp) or "/run/php.sock" (unix). */
  readonly backendsTried: readonly string[];
  /** The physical path of the first "logical -> physical" mapping (none: the request ended before it). */
  readonly physicalPath?: string;
}

/** Reads the log lines one request caused. */
export function readHandling(log: string): LoggedHandling {
  let gateway: string | undefined;
  let physicalPath: string | undefined;
  let mapping = false;
  const backendsTried: string[] = [];
  for (const raw of log.split('\n')) {
    const line = raw.replace(/\r$/, '');
    const gw = /\) handling the request using (\S+)$/.exec(line);
    if (gw) gateway ??= gw[1];
    const conn = /\) establishing connection failed: socket: (tcp|unix):(.*?): [^:]*$/.exec(line);
    if (conn) {
      const addr = conn[2];
      if (!backendsTried.includes(addr)) backendsTried.push(addr);
    }
    if (/\) -- logical -> physical$/.test(line)) mapping = physicalPath === undefined;
    const path = /\) Path {9}: (.*)$/.exec(line);
    if (path && mapping) {
      physicalPath = path[1];
      mapping = false;
    }
  }
  return {
    passes: loggedPasses(log),
    ...(gateway !== undefined ? { gateway } : {}),
    backendsTried,
    ...(physicalPath !== undefined ? { physicalPath } : {}),
  };
}

/** A key as lighttpd's log writes it: bytes outside printable ASCII as \xNN (keys are byte strings). */
export function logEscaped(key: string): string {
  let out = '';
  for (const b of new TextEncoder().encode(key))
    out += b < 0x20 || b >= 0x7f ? `\\x${b.toString(16).padStart(2, '0')}` : String.fromCharCode(b);
  return out;
}
