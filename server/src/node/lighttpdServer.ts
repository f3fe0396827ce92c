/**
 * A real lighttpd serving in the foreground (`-D`) on 127.0.0.1 and a free port, for requests whose
 * handling is read back from its error log: used by `lighttpd-lint test --against-lighttpd` and by the
 * simulator's differential test. Every wait is bounded, the process runs in its own process group and is
 * stopped by its id (SIGTERM, then SIGKILL), and requests are written byte for byte on a socket (HTTP/1.0,
 * no keep-alive) so that targets Node's HTTP client would refuse or rewrite reach the server as they are.
 *
 * Running lighttpd on a configuration executes what the configuration asks for (include_shell commands,
 * FastCGI bin-path programs): callers run it only on the user's explicit request.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { connect, createServer } from 'node:net';

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
    return readFileSync(path).subarray(from).toString('latin1');
  } catch {
    return '';
  }
}

function statSize(p: string): number {
  try {
    return statSync(p).size;
  } catch {
    return 0;
  }
}

/** The installed lighttpd's release ("1.4.69"), or undefined. */
export function lighttpdVersionOf(executable: string): string | undefined {
  const r = spawnSync(executable, ['-v'], { encoding: 'latin1', timeout: 5000 });
  return /lighttpd\/(\d+\.\d+\.\d+)/.exec(`${r.stdout ?? ''}${r.stderr ?? ''}`)?.[1];
}

/** Processes started here and not stopped yet: killed if this process exits first. */
const live = new Set<ChildProcess>();
let exitHook = false;

function kill(c: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (c.pid !== undefined && process.platform !== 'win32') process.kill(-c.pid, signal);
    else c.kill(signal);
  } catch {
    c.kill(signal); // the group is gone already
  }
}

export interface StartOptions {
  /** The lighttpd executable. */
  readonly executable: string;
  /** A configuration file (`-f FILE`), or its text given on standard input (`-f -`: relative includes resolve from `cwd`). */
  readonly config: { readonly file: string } | { readonly text: string };
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly port: number;
  /** The error log the configuration writes (server.errorlog). */
  readonly errorLog: string;
  readonly timeoutMs?: number;
}

/** Starts lighttpd; resolves once it logs "server started", or with the reason it did not. */
export async function startLighttpd(opts: StartOptions): Promise<Running | { failed: string }> {
  const fromStdin = 'text' in opts.config;
  // A log written by an earlier run (a restart appends to it) is not read again.
  const from = statSize(opts.errorLog);
  let child: ChildProcess;
  try {
    child = spawn(opts.executable, ['-D', '-f', 'text' in opts.config ? '-' : opts.config.file], {
      cwd: opts.cwd,
      env: opts.env,
      stdio: [fromStdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
      detached: process.platform !== 'win32',
    });
  } catch (e) {
    return { failed: e instanceof Error ? e.message : String(e) };
  }
  live.add(child);
  if (!exitHook) {
    exitHook = true;
    process.once('exit', () => {
      for (const c of live) kill(c, 'SIGKILL');
    });
  }
  let output = '';
  child.stdout!.on('data', (b: Buffer) => output.length < 65536 && (output += b.toString('latin1')));
  child.stderr!.on('data', (b: Buffer) => output.length < 65536 && (output += b.toString('latin1')));
  let exited = false;
  let spawnError: string | undefined;
  child.on('exit', () => {
    exited = true;
    live.delete(child);
  });
  child.on('error', (e) => {
    spawnError = e.message;
    exited = true;
    live.delete(child);
  });
  if ('text' in opts.config) {
    child.stdin!.on('error', () => undefined); // it exited before reading: reported below
    child.stdin!.end(opts.config.text);
  }
  const timeoutMs = opts.timeoutMs ?? 5000;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited) {
      const said = (spawnError ?? output + logText(opts.errorLog, from)).replace(
        /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d: /gm,
        '',
      );
      return { failed: said.trim().split('\n').slice(-3).join(' | ') || 'lighttpd exited' };
    }
    const log = logText(opts.errorLog, from);
    if (log.includes('server started')) {
      return { port: opts.port, errorLog: opts.errorLog, child, logOffset: from + Buffer.byteLength(log, 'latin1') };
    }
    await sleep(20);
  }
  await stopLighttpd({ child });
  return { failed: `did not start within ${timeoutMs} ms` };
}

/** SIGTERM to its process group, then SIGKILL after 2 s; resolves when the process is gone. */
export async function stopLighttpd(r: { child: ChildProcess }): Promise<void> {
  const c = r.child;
  if (c.exitCode !== null || c.signalCode !== null || !live.has(c)) return;
  const gone = new Promise<void>((resolve) => c.once('exit', () => resolve()));
  kill(c, 'SIGTERM');
  const timer = setTimeout(() => kill(c, 'SIGKILL'), 2000);
  await gone;
  clearTimeout(timer);
  live.delete(c);
}

export interface RawResponse {
  readonly status: number;
  /** Lower-case names. */
  readonly headers: ReadonlyMap<string, string>;
  /** The error log lines written while the request was handled. */
  readonly log: string;
}

export interface RawRequest {
  readonly method: string;
  /** Path and query, as sent. */
  readonly target: string;
  readonly headers: readonly (readonly [string, string])[];
  /** The client address (a local one, e.g. 127.0.0.2). */
  readonly localAddress?: string;
}

/** Sends one request and reads the response and the log lines it caused (the response within `timeoutMs`). */
export async function send(
  server: Running,
  req: RawRequest,
  timeoutMs = 3000,
): Promise<RawResponse | { failed: string; log: string }> {
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
      resolve({ failed: `no response within ${timeoutMs} ms` });
    }, timeoutMs);
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
  if (typeof raw !== 'string') return { ...raw, log };
  const m = /^HTTP\/1\.[01] (\d{3})/.exec(raw);
  if (!m) return { failed: `no status line: ${JSON.stringify(raw.slice(0, 80))}`, log };
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
