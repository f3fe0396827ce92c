/**
 * Deployment smoke test (`npm run test:deploy`, also run by .ci/run): the deployment snippets of
 * snippets/lighttpd.json, expanded with concrete loopback ports, really serve traffic.
 *
 * For each of proxy (HTTP backend), SCGI and FastCGI (unix socket): real lighttpd runs in the foreground
 * (`-D`) as a child of this test on 127.0.0.1, next to a tiny backend written here; a dynamic URL must be
 * answered by the backend and /static/hello.txt by lighttpd from the document root. Then the snippet's
 * `server.modules += (...)` line is removed: our linter reports `module-not-loaded`, and lighttpd, restarted
 * with that config, no longer reaches the backend for the dynamic URL.
 *
 * Everything listens on loopback only; every wait is bounded; lighttpd and the backends are stopped at the end.
 */
import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createServer as createHttpServer, request, type Server as HttpServer } from 'node:http';
import { createServer as createNetServer, connect, type Server as NetServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../server/src/cli/run';
import type { JsonOutput } from '../../server/src/cli/json';
import { expandSnippet } from '../helpers/snippet';
import { LIGHTTPD, NO_LIGHTTPD } from '../differential/lighttpd';

const skip = LIGHTTPD ? undefined : NO_LIGHTTPD;
const HOST = 'example.com';
const STEP_TIMEOUT_MS = 10_000;

const snippets = JSON.parse(readFileSync(new URL('../../snippets/lighttpd.json', import.meta.url), 'utf8')) as Record<
  string,
  { prefix: string | string[]; body: string[] }
>;
function snippet(prefix: string): string {
  const s = Object.values(snippets).find((x) => (Array.isArray(x.prefix) ? x.prefix : [x.prefix]).includes(prefix));
  assert.ok(s, `snippet ${prefix}`);
  return expandSnippet(s.body).text;
}

/** Replaces a default value of the expanded snippet, failing loudly if the snippet no longer has it. */
function setDefault(text: string, from: string, to: string): string {
  assert.ok(text.includes(from), `snippet default ${from} not found`);
  return text.split(from).join(to);
}

const root = skip ? '' : mkdtempSync(join(tmpdir(), 'lighttpd-deploy-'));
const stoppers: (() => Promise<void> | void)[] = [];
after(async () => {
  for (const stop of stoppers.reverse()) await stop();
  if (root) rmSync(root, { recursive: true, force: true });
});

/** A free TCP port on 127.0.0.1 (asked from the kernel, then released). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createNetServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (typeof a === 'object' && a ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

function listen(server: NetServer | HttpServer, where: number | string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    if (typeof where === 'number') server.listen(where, '127.0.0.1', () => resolve());
    else server.listen(where, () => resolve());
  });
}

function closeServer(server: NetServer | HttpServer): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

interface Reply {
  status: number;
  body: string;
}

function get(port: number, path: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { Host: HOST }, timeout: STEP_TIMEOUT_MS }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('timeout', () => req.destroy(new Error(`GET ${path} timed out`)));
    req.on('error', reject);
    req.end();
  });
}

/** Waits until something accepts connections on the port (lighttpd is up), bounded. */
async function waitForPort(port: number, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`lighttpd exited with ${child.exitCode}:\n${log()}`);
    const ok = await new Promise<boolean>((resolve) => {
      const s: Socket = connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`lighttpd did not listen on ${port} within ${STEP_TIMEOUT_MS} ms:\n${log()}`);
}

interface Running {
  readonly port: number;
  stop(): Promise<void>;
}

/** Starts `lighttpd -D` with the snippet under a minimal server section, on a free loopback port. */
async function startLighttpd(name: string, docroot: string, snippetText: string): Promise<Running> {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const errorlog = join(dir, 'error.log');
  const conf = join(dir, 'lighttpd.conf');
  writeFileSync(
    conf,
    [
      `server.document-root = "${docroot}"`,
      'server.bind = "127.0.0.1"',
      `server.port = ${port}`,
      `server.errorlog = "${errorlog}"`,
      'mimetype.assign = ( ".txt" => "text/plain" )',
      '',
      snippetText,
      '',
    ].join('\n'),
  );
  // Its own process group, stopped as a whole at the end.
  const child = spawn(LIGHTTPD!, ['-D', '-f', conf], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout?.on('data', (b: Buffer) => (output += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (output += b.toString()));
  const log = () => `${output}${existsSync(errorlog) ? readFileSync(errorlog, 'utf8') : ''}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      child.kill('SIGTERM');
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* gone */
      }
    }, 3000);
    await exited;
    clearTimeout(timer);
  };
  stoppers.push(stop);
  await waitForPort(port, child, log);
  return { port, stop };
}

/** What our linter says about a config (lighttpd-lint in-process, as in CI). */
async function lintCodes(name: string, text: string): Promise<string[]> {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'lighttpd.conf');
  writeFileSync(file, text);
  let stdout = '';
  await runCli(['--format', 'json', file], {
    cwd: dir,
    readFile: async (p) => readFileSync(p),
    readStdin: async () => new Uint8Array(),
    stdout: (t) => (stdout += t),
    stderr: () => undefined,
  });
  return (JSON.parse(stdout) as JsonOutput).files[0].diagnostics.map((d) => `${d.code}@${d.line}`);
}

function withoutModulesLine(text: string): string {
  const stripped = text.replace(/^server\.modules \+= \( "mod_\w+" \)\n/m, '');
  assert.notEqual(stripped, text, 'the snippet loads its module with server.modules +=');
  return stripped;
}

/** Document root with the static file lighttpd must serve itself. */
function makeDocroot(name: string, token: string): string {
  const docroot = join(root, name, 'www');
  mkdirSync(join(docroot, 'static'), { recursive: true });
  writeFileSync(join(docroot, 'static', 'hello.txt'), `static ${token}\n`);
  return docroot;
}

// ---- tiny backends --------------------------------------------------------------------------------

/** SCGI responder: netstring of NUL-separated headers, then the body; answers CGI-style and closes. */
function scgiResponder(token: string, seen: string[]): NetServer {
  return createNetServer((sock) => {
    let buf = Buffer.alloc(0);
    sock.on('data', (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      const colon = buf.indexOf(0x3a);
      if (colon < 0) return;
      const len = Number(buf.subarray(0, colon).toString('latin1'));
      if (buf.length < colon + 1 + len + 1) return;
      const fields = buf
        .subarray(colon + 1, colon + 1 + len)
        .toString('latin1')
        .split('\0');
      const env: Record<string, string> = {};
      for (let i = 0; i + 1 < fields.length; i += 2) env[fields[i]] = fields[i + 1];
      seen.push(env.REQUEST_URI ?? '?');
      const body = `scgi ${token} ${env.REQUEST_METHOD} ${env.REQUEST_URI} SCGI=${env.SCGI}\n`;
      sock.end(
        `Status: 200 OK\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      );
    });
    sock.on('error', () => undefined);
  });
}

/** FastCGI responder (FastCGI 1.0 records): BEGIN_REQUEST, PARAMS, STDIN in; STDOUT and END_REQUEST out. */
function fastcgiResponder(token: string, seen: string[]): NetServer {
  const record = (type: number, id: number, content: Buffer) => {
    const pad = (8 - (content.length % 8)) % 8;
    const h = Buffer.from([1, type, id >> 8, id & 0xff, content.length >> 8, content.length & 0xff, pad, 0]);
    return Buffer.concat([h, content, Buffer.alloc(pad)]);
  };
  const readLength = (b: Buffer, i: number): [number, number] =>
    b[i] < 0x80 ? [b[i], i + 1] : [b.readUInt32BE(i) & 0x7fffffff, i + 4];
  return createNetServer((sock) => {
    let buf = Buffer.alloc(0);
    let params = Buffer.alloc(0);
    let id = 1;
    sock.on('data', (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      while (buf.length >= 8) {
        const type = buf[1];
        const len = buf.readUInt16BE(4);
        const total = 8 + len + buf[6];
        if (buf.length < total) return;
        const content = buf.subarray(8, 8 + len);
        id = buf.readUInt16BE(2);
        buf = buf.subarray(total);
        if (type === 4 && len > 0) params = Buffer.concat([params, content]);
        if (type === 5 && len === 0) {
          const env: Record<string, string> = {};
          for (let i = 0; i < params.length; ) {
            let n: number;
            let v: number;
            [n, i] = readLength(params, i);
            [v, i] = readLength(params, i);
            env[params.subarray(i, i + n).toString('latin1')] = params.subarray(i + n, i + n + v).toString('latin1');
            i += n + v;
          }
          seen.push(env.REQUEST_URI ?? '?');
          const body = `fastcgi ${token} ${env.REQUEST_METHOD} ${env.REQUEST_URI}\n`;
          const out = Buffer.from(`Status: 200 OK\r\nContent-Type: text/plain\r\n\r\n${body}`);
          sock.end(
            Buffer.concat([
              record(6, id, out),
              record(6, id, Buffer.alloc(0)),
              record(3, id, Buffer.from([0, 0, 0, 0, 0, 0, 0, 0])),
            ]),
          );
        }
      }
    });
    sock.on('error', () => undefined);
  });
}

// ---- the deployments ---------------------------------------------------------------------------------

interface Deployment {
  readonly prefix: string;
  /** Starts the backend and returns the snippet text pointing at it. */
  setup(name: string, docroot: string, token: string, seen: string[]): Promise<string>;
  readonly marker: string;
}

const deployments: Deployment[] = [
  {
    prefix: 'lighttpd-proxy',
    marker: 'http-backend',
    async setup(_name, docroot, token, seen) {
      const port = await freePort();
      const server = createHttpServer((req, res) => {
        seen.push(req.url ?? '?');
        res.setHeader('Content-Type', 'text/plain');
        res.end(`http-backend ${token} ${req.method} ${req.url} host=${req.headers.host}\n`);
      });
      await listen(server, port);
      stoppers.push(() => closeServer(server));
      let text = snippet('lighttpd-proxy');
      text = setDefault(text, '"/var/www/example"', `"${docroot}"`);
      text = setDefault(text, '"port" => 8000', `"port" => ${port}`);
      return text;
    },
  },
  {
    prefix: 'lighttpd-scgi',
    marker: 'scgi',
    async setup(_name, docroot, token, seen) {
      const port = await freePort();
      const server = scgiResponder(token, seen);
      await listen(server, port);
      stoppers.push(() => closeServer(server));
      let text = snippet('lighttpd-scgi');
      text = setDefault(text, '"/var/www/example"', `"${docroot}"`);
      text = setDefault(text, '"port" => 4000', `"port" => ${port}`);
      return text;
    },
  },
  {
    prefix: 'lighttpd-fastcgi',
    marker: 'fastcgi',
    async setup(name, _docroot, token, seen) {
      const socket = join(root, name, 'app.sock');
      const server = fastcgiResponder(token, seen);
      await listen(server, socket);
      stoppers.push(() => closeServer(server));
      return setDefault(snippet('lighttpd-fastcgi'), '"/run/lighttpd/app.sock"', `"${socket}"`);
    },
  },
];

describe(
  'deployment snippets serve real traffic through real lighttpd on 127.0.0.1',
  { skip, timeout: 120_000 },
  () => {
    for (const d of deployments) {
      test(`${d.prefix}: dynamic URL from the backend, /static from the document root; without its module, flagged and broken`, async () => {
        const name = d.prefix;
        const token = `${name}-${process.pid}-${Date.now()}`;
        const docroot = makeDocroot(name, token);
        const seen: string[] = [];
        const text = await d.setup(name, docroot, token, seen);

        const lighttpd = await startLighttpd(`${name}/run`, docroot, text);
        const dynamic = await get(lighttpd.port, '/app/hello?x=1');
        assert.equal(dynamic.status, 200, dynamic.body);
        assert.match(dynamic.body, new RegExp(`^${d.marker} ${token} GET /app/hello\\?x=1`));
        const stat = await get(lighttpd.port, '/static/hello.txt');
        assert.deepEqual(stat, { status: 200, body: `static ${token}\n` });
        assert.deepEqual(seen, ['/app/hello?x=1'], 'the backend saw the dynamic request only');
        await lighttpd.stop();

        // The module line removed: our linter flags the directive, and lighttpd serves the URL wrongly.
        const broken = withoutModulesLine(text);
        assert.deepEqual(
          (await lintCodes(`${name}/lint-ok`, text)).filter((c) => c.startsWith('module-not-loaded')),
          [],
        );
        assert.ok(
          (await lintCodes(`${name}/lint-broken`, broken)).some((c) => c.startsWith('module-not-loaded')),
          'module-not-loaded reported',
        );
        const without = await startLighttpd(`${name}/run-broken`, docroot, broken);
        const wrong = await get(without.port, '/app/hello?x=1');
        assert.equal(wrong.status, 404, `without the module lighttpd answers itself: ${wrong.status} ${wrong.body}`);
        assert.doesNotMatch(wrong.body, new RegExp(token));
        assert.deepEqual(seen, ['/app/hello?x=1'], 'the backend got nothing more');
        assert.deepEqual(await get(without.port, '/static/hello.txt'), { status: 200, body: `static ${token}\n` });
        await without.stop();
      });
    }
  },
);
