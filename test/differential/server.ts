/**
 * A real lighttpd in the foreground (`-D`) for the simulator's differential test: on 127.0.0.1 and a free
 * port, its error log in a scratch directory, every wait bounded, and the process killed by its id when
 * the test is done with it. Requests are written byte for byte on a socket (so that targets Node's HTTP
 * client would refuse or rewrite reach the server as they are), HTTP/1.0 without keep-alive.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { LIGHTTPD } from './lighttpd';

export interface Running {
  readonly port: number;
  readonly errorLog: string;
  readonly child: ChildProcess;
  /** Byte offset of the error log already read. */
  logOffset: number;
}

/** A port nobody listens on right now (the kernel's choice). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function logText(path: string, from = 0): string {
  try {
    const buf = readFileSync(path);
    return buf.subarray(from).toString('latin1');
  } catch {
    return '';
  }
}

/** Starts lighttpd on `config`; resolves once it logs "server started", or with the reason it did not. */
export async function startLighttpd(
  config: string,
  opts: { cwd: string; env: Record<string, string>; port: number; errorLog: string; timeoutMs?: number },
): Promise<Running | { failed: string }> {
  if (!LIGHTTPD) return { failed: 'lighttpd not installed' };
  const child = spawn(LIGHTTPD, ['-D', '-f', config], {
    cwd: opts.cwd,
    env: opts.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (b: Buffer) => (output += b.toString('latin1')));
  child.stderr!.on('data', (b: Buffer) => (output += b.toString('latin1')));
  let exited = false;
  child.on('exit', () => (exited = true));
  const deadline = Date.now() + (opts.timeoutMs ?? 5000);
  while (Date.now() < deadline) {
    if (exited) return { failed: (output + logText(opts.errorLog)).trim().split('\n').slice(-3).join(' | ') };
    const log = logText(opts.errorLog);
    if (log.includes('server started')) {
      return { port: opts.port, errorLog: opts.errorLog, child, logOffset: Buffer.byteLength(log, 'latin1') };
    }
    await sleep(20);
  }
  await stopLighttpd({ child });
  return { failed: `did not start within ${opts.timeoutMs ?? 5000} ms` };
}

/** SIGTERM, then SIGKILL after 2 s; resolves when the process is gone. */
export async function stopLighttpd(r: { child: ChildProcess }): Promise<void> {
  const c = r.child;
  if (c.exitCode !== null || c.signalCode !== null) return;
  const gone = new Promise<void>((resolve) => c.once('exit', () => resolve()));
  c.kill('SIGTERM');
  const timer = setTimeout(() => c.kill('SIGKILL'), 2000);
  await gone;
  clearTimeout(timer);
}

export interface RawResponse {
  readonly status: number;
  readonly headers: ReadonlyMap<string, string>;
  /** The error log lines written while the request was handled. */
  readonly log: string;
}

/** Sends one request and reads the response and the log lines it caused. */
export async function send(
  server: Running,
  req: {
    method: string;
    target: string;
    headers: readonly (readonly [string, string])[];
    localAddress?: string;
  },
): Promise<RawResponse | { failed: string }> {
  const head =
    `${req.method} ${req.target} HTTP/1.0\r\n` +
    req.headers.map(([k, v]) => `${k}: ${v}\r\n`).join('') +
    (req.method === 'POST' || req.method === 'PUT' ? 'Content-Length: 0\r\n' : '') +
    '\r\n';
  const raw = await new Promise<string | { failed: string }>((resolve) => {
    const sock = connect({ host: '127.0.0.1', port: server.port, localAddress: req.localAddress });
    let data = '';
    const timer = setTimeout(() => {
      sock.destroy();
      resolve({ failed: 'no response within 3 s' });
    }, 3000);
    sock.on('connect', () => sock.write(Buffer.from(head, 'latin1')));
    sock.on('data', (b: Buffer) => {
      if (data.length < 65536) data += b.toString('latin1');
    });
    sock.on('error', (e) => {
      clearTimeout(timer);
      resolve({ failed: e.message });
    });
    sock.on('close', () => {
      clearTimeout(timer);
      resolve(data);
    });
  });
  if (typeof raw !== 'string') return raw;
  // The log is written before the response; lines of request-done hooks right after it.
  let size = 0;
  for (let i = 0; i < 50; i++) {
    const now = statSize(server.errorLog);
    if (i > 0 && now === size) break;
    size = now;
    await sleep(2);
  }
  const log = logText(server.errorLog, server.logOffset);
  server.logOffset += Buffer.byteLength(log, 'latin1');
  const m = /^HTTP\/1\.[01] (\d{3})/.exec(raw);
  if (!m) return { failed: `no status line: ${JSON.stringify(raw.slice(0, 80))}` };
  const headers = new Map<string, string>();
  const end = raw.indexOf('\r\n\r\n');
  for (const line of raw
    .slice(0, end < 0 ? raw.length : end)
    .split('\r\n')
    .slice(1)) {
    const i = line.indexOf(':');
    if (i > 0) headers.set(line.slice(0, i).toLowerCase(), line.slice(i + 1).trim());
  }
  return { status: Number(m[1]), headers, log };
}

function statSize(p: string): number {
  try {
    return statSync(p).size;
  } catch {
    return 0;
  }
}

export interface LoggedResult {
  readonly index: number;
  readonly result: 'true' | 'false' | 'skipped' | 'unset';
  readonly key: string;
}

/** lighttpd's "N (uncached) result: R (cond: KEY)" lines, split into passes (a context computed again starts one). */
export function loggedPasses(log: string): LoggedResult[][] {
  const passes: LoggedResult[][] = [[]];
  let seen = new Set<number>();
  for (const line of log.split('\n')) {
    const m = /\) (\d+) \(uncached\) result: (\w+) \(cond: (.*)\)$/.exec(line);
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
