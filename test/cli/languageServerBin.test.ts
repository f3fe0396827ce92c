// lighttpd-language-server (package.json bin, dist/language-server.js over dist/server.js): --help, --version,
// argument errors without stack traces, stdio by default; and the npm tarball installed globally into a temporary
// prefix gives both commands with no dependency.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/corpus';

const BIN = join(REPO_ROOT, 'dist', 'language-server.js');
const SERVER = join(REPO_ROOT, 'dist', 'server.js');
const skip = existsSync(BIN) && existsSync(SERVER) ? undefined : 'dist/ not built (run npm run build)';
const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
  version: string;
  bin: Record<string, string>;
  dependencies?: Record<string, string>;
};
const tmp = mkdtempSync(join(tmpdir(), 'lighttpd-ls-bin-'));
process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));

const run = (file: string, args: string[]) => spawnSync(file, args, { encoding: 'utf8', timeout: 30_000, input: '' });

/** Sends initialize over the program's stdio; resolves with the answer's serverInfo and capabilities. */
async function initializeOverStdio(command: string, args: string[]): Promise<{ name: string; hover: unknown }> {
  const proc = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  try {
    const body = JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { processId: process.pid, rootUri: null, capabilities: {} },
    });
    proc.stdin!.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    let out = '';
    return await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer to initialize: ${out}`)), 15_000);
      proc.stdout!.on('data', (b: Buffer) => {
        out += b.toString();
        const m = /Content-Length: (\d+)\r\n\r\n/.exec(out);
        if (!m) return;
        const start = m.index + m[0].length;
        if (Buffer.byteLength(out.slice(start)) < Number(m[1])) return;
        clearTimeout(timer);
        const r = JSON.parse(out.slice(start, start + Number(m[1]))).result;
        resolve({ name: r.serverInfo.name, hover: r.capabilities.hoverProvider });
      });
      proc.on('exit', (code) => reject(new Error(`server exited with ${code} before answering`)));
    });
  } finally {
    proc.kill('SIGKILL');
  }
}

test('lighttpd-language-server: --help, --version, shebang and executable bit', { skip }, () => {
  assert.equal(pkg.bin['lighttpd-language-server'], './dist/language-server.js');
  assert.match(readFileSync(BIN, 'utf8'), /^#!\/usr\/bin\/env node\n/);
  assert.ok(statSync(BIN).mode & 0o111, 'executable');
  assert.ok(statSync(BIN).size < 2048, 'a small launcher: the server is dist/server.js');
  const help = run(BIN, ['--help']);
  assert.equal(help.status, 0, help.stderr);
  assert.match(help.stdout, /^Usage: lighttpd-language-server /);
  assert.match(help.stdout, /--stdio/);
  assert.ok(help.stdout.length < 4000, 'the help, not the bundle');
  for (const args of [['--version'], ['-v']]) {
    const v = run(BIN, args);
    assert.deepEqual([v.status, v.stdout, v.stderr], [0, `lighttpd-language-server ${pkg.version}\n`, '']);
  }
  // dist/server.js itself (what editors configured as `node dist/server.js` run) answers the same.
  const direct = run(process.execPath, [SERVER, '--version']);
  assert.equal(direct.stdout, `lighttpd-language-server ${pkg.version}\n`);
});

test('lighttpd-language-server: bad arguments are one line on stderr and exit 2', { skip }, () => {
  for (const args of [['--socket=http'], ['--socket'], ['--stdio', '--node-ipc'], ['--socket=70000']]) {
    const r = run(BIN, args);
    assert.equal(r.status, 2, args.join(' '));
    assert.match(r.stderr, /^lighttpd-language-server: [^\n]+\n$/, args.join(' '));
    assert.equal(r.stdout, '');
  }
});

test('lighttpd-language-server speaks LSP over stdio without arguments and with --stdio', { skip }, async () => {
  for (const args of [[], ['--stdio'], ['--stdio', '--clientProcessId=' + process.pid]]) {
    const r = await initializeOverStdio(BIN, args);
    assert.deepEqual(r, { name: 'lighttpd-conf', hover: true }, args.join(' '));
  }
});

const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

test('npm pack + npm install -g: both commands, no dependency installed', { skip }, async () => {
  assert.deepEqual(pkg.dependencies ?? {}, {}, 'everything the programs need is bundled');
  const packDir = join(tmp, 'pack');
  mkdirSync(packDir);
  const p = spawnSync(NPM, ['pack', '--json', '--pack-destination', packDir], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    timeout: 120_000,
  });
  assert.equal(p.status, 0, p.stderr);
  const [info] = JSON.parse(p.stdout) as { filename: string; files: { path: string }[] }[];
  const paths = info.files.map((f) => f.path);
  for (const f of ['dist/cli.js', 'dist/server.js', 'dist/language-server.js', 'vim/syntax/lighttpd.vim'])
    assert.ok(paths.includes(f), `${f} in ${paths.join(' ')}`);
  assert.ok(!paths.some((x) => x.endsWith('.map') || x.startsWith('server/')), paths.join(' '));

  const prefix = join(tmp, 'prefix');
  const i = spawnSync(
    NPM,
    ['install', '-g', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', join(packDir, info.filename)],
    { encoding: 'utf8', timeout: 180_000 },
  );
  assert.equal(i.status, 0, i.stderr);
  const bin = join(prefix, 'bin');
  assert.deepEqual(readdirSync(bin).sort(), ['lighttpd-language-server', 'lighttpd-lint']);
  const installed = join(prefix, 'lib', 'node_modules', 'lighttpd-conf');
  assert.ok(!existsSync(join(installed, 'node_modules')), 'no dependency installed');
  const lint = run(join(bin, 'lighttpd-lint'), ['--version']);
  assert.equal(lint.status, 0, lint.stderr);
  const r = await initializeOverStdio(join(bin, 'lighttpd-language-server'), []);
  assert.equal(r.name, 'lighttpd-conf');
});
