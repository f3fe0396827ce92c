// Shared pieces of the e2e runners (scripts/e2e.mjs, scripts/e2e-vscode.mjs, scripts/e2e-ui.mjs): building
// the extension and the extension-host suite, the code-server install in a cache folder outside the repo,
// fresh temporary folders, free loopback ports, processes started in their own process group and stopped
// by it, and headless Chromium through playwright-core. Everything listens on 127.0.0.1 only.
import { spawn, spawnSync } from 'node:child_process';
import {
  cpSync,
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const CODE_SERVER_VERSION = process.env.E2E_CODE_SERVER_VERSION || '4.100.3';
export const CACHE_DIR =
  process.env.E2E_CACHE_DIR || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'lighttpd-conf-e2e');
export const CODE_SERVER_DIR = join(CACHE_DIR, `code-server-${CODE_SERVER_VERSION}`);
export const CODE_SERVER_PKG = join(CODE_SERVER_DIR, 'node_modules', 'code-server');
export const VSCODE_DIR = join(CODE_SERVER_PKG, 'lib', 'vscode');
export const CHROMIUM = process.env.E2E_CHROMIUM || '/usr/bin/chromium';
export const SUITE_OUT = join(ROOT, 'out', 'test', 'e2e', 'suite');

const t0 = Date.now();
export function log(...args) {
  console.log(`[e2e ${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...args);
}

/** Runs a command to completion with inherited output; throws on a non-zero exit. */
export function run(cmd, args, options = {}) {
  const res = spawnSync(cmd, args, { stdio: 'inherit', cwd: ROOT, ...options });
  if (res.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${res.status ?? res.signal}`);
}

/** Bundles the extension (dist/) unless E2E_SKIP_BUILD=1 says the caller has just done it. */
export function buildExtension() {
  if (process.env.E2E_SKIP_BUILD === '1') return log('E2E_SKIP_BUILD=1: using dist/ as it is');
  log('building the extension (scripts/build.mjs)');
  run(process.execPath, [join(ROOT, 'scripts', 'build.mjs')]);
}

/** Bundles test/e2e/suite/{index,*.test}.ts into out/test/e2e/suite/*.js (CommonJS; vscode and mocha external). */
export async function buildSuite() {
  const esbuild = await import('esbuild');
  const srcDir = join(ROOT, 'test', 'e2e', 'suite');
  const entryPoints = readdirSync(srcDir)
    .filter((n) => n === 'index.ts' || n.endsWith('.test.ts'))
    .map((n) => join(srcDir, n));
  rmSync(SUITE_OUT, { recursive: true, force: true });
  await esbuild.build({
    entryPoints,
    outdir: SUITE_OUT,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['vscode', 'mocha'],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  log(`bundled the extension-host suite (${entryPoints.length} files) into ${SUITE_OUT}`);
  return join(SUITE_OUT, 'index.js');
}

/** Installs code-server into CACHE_DIR once (and the Debian packages it needs when run as root). */
export function ensureCodeServer() {
  if (existsSync(join(CODE_SERVER_DIR, '.complete'))) {
    // Still make sure the browser is there (a cached install may predate a fresh machine's apt state).
    if (existsSync(CHROMIUM)) return log(`code-server ${CODE_SERVER_VERSION} cached in ${CODE_SERVER_DIR}`);
  }
  const t = Date.now();
  log(`installing code-server ${CODE_SERVER_VERSION} into ${CODE_SERVER_DIR}`);
  run('bash', [join(ROOT, 'test', 'e2e', 'install-code-server.sh'), CODE_SERVER_DIR, CODE_SERVER_VERSION]);
  log(`code-server ready after ${((Date.now() - t) / 1000).toFixed(0)} s`);
}

/** A fresh temporary folder for one run; its name holds no folder called `lighttpd`. */
export function makeTempDir(prefix = 'lcx-e2e-') {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Settings that keep runs stable and quiet (no welcome page, no telemetry, no update checks). */
export const STABLE_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'chat.commandCenter.enabled': false,
  'workbench.colorTheme': 'Default Light Modern',
  // A browser workbench (code-server) saves after a delay by default, the desktop does not: an edit a test
  // makes and then reverts must not reach the disk (seen: a quick fix saved when the focus moved editors).
  'files.autoSave': 'off',
};

/**
 * Copies test/e2e/fixtures/FIXTURE to DIR/FOLDER; with `settings`, also writes them (over the stable ones) as
 * the folder's .vscode/settings.json.
 */
export function prepareWorkspace(dir, fixture, { folder = 'ws', settings } = {}) {
  const ws = join(dir, folder);
  cpSync(join(ROOT, 'test', 'e2e', 'fixtures', fixture), ws, { recursive: true });
  if (settings) {
    mkdirSync(join(ws, '.vscode'), { recursive: true });
    writeFileSync(join(ws, '.vscode', 'settings.json'), JSON.stringify({ ...STABLE_SETTINGS, ...settings }, null, 2));
  }
  return ws;
}

/** Writes the stable settings as user settings of a user-data dir. */
export function writeUserSettings(userDataDir, extraSettings = {}) {
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  writeFileSync(
    join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({ ...STABLE_SETTINGS, ...extraSettings }, null, 2),
  );
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const started = new Set();

/**
 * Starts a command in its own process group (detached = setsid), output to logFile. stop() ends the whole
 * group: the server, its extension host and the language server it started.
 */
export function startGroup(cmd, args, { env, logFile, cwd = ROOT }) {
  const out = createWriteStream(logFile);
  const child = spawn(cmd, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(out);
  child.stderr.pipe(out);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  const handle = {
    pid: child.pid,
    child,
    exited,
    logFile,
    async stop() {
      started.delete(handle);
      for (const [signal, wait] of [
        ['SIGTERM', 5000],
        ['SIGKILL', 5000],
      ]) {
        try {
          process.kill(-child.pid, signal);
        } catch {
          break;
        } // group gone
        const done = await Promise.race([
          exited.then(() => true),
          new Promise((r) => setTimeout(() => r(false), wait).unref()),
        ]);
        // The leader may be gone while children linger: probe the group itself.
        if (done && !groupAlive(child.pid)) break;
      }
    },
  };
  started.add(handle);
  return handle;
}

function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Stops every group still running (used on errors and signals). */
export async function stopAll() {
  await Promise.all([...started].map((h) => h.stop()));
}

for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    void stopAll().finally(() => process.exit(130));
  });
}

/** Resolves when http://127.0.0.1:PORT/ answers, rejects when `proc` exits first or after timeoutMs. */
export async function waitForHttp(port, proc, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  proc.exited.then(() => {
    exited = true;
  });
  while (Date.now() < deadline) {
    if (exited) throw new Error(`server exited before listening; log:\n${tail(proc.logFile)}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/`, { redirect: 'manual', signal: AbortSignal.timeout(2000) });
      if (res.status < 500) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`nothing answered on 127.0.0.1:${port} within ${timeoutMs} ms; log:\n${tail(proc.logFile)}`);
}

export function tail(file, lines = 40) {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Environment for code-server processes: HOME and XDG folders inside the run's temp dir. */
export function isolatedEnv(dir, extra = {}) {
  const home = join(dir, 'home');
  mkdirSync(home, { recursive: true });
  return {
    ...process.env,
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_DATA_HOME: join(home, '.local', 'share'),
    XDG_CACHE_HOME: join(home, '.cache'),
    VSCODE_CLI_DATA_DIR: join(home, '.vscode-cli'),
    ...extra,
  };
}

/** Headless Debian Chromium with a fresh profile in `dir`. */
export async function launchBrowser(dir, viewport = { width: 1280, height: 800 }) {
  const { chromium } = await import('playwright-core');
  const profile = join(dir, 'chrome-profile');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    env: isolatedEnv(dir), // Chromium's crash-report and dconf folders land in the temp HOME too
    headless: true,
    viewport,
    deviceScaleFactor: 1,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  // crashed(): the browser went away without our close() (its process died).
  let closing = false;
  let crashed = false;
  context.on('close', () => {
    if (!closing) crashed = true;
  });
  const close = context.close.bind(context);
  context.close = (...args) => {
    closing = true;
    return close(...args);
  };
  context.crashed = () => crashed;
  return context;
}

/** Races a promise against a timeout that rejects with `what`. */
export function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
    }),
  ]);
}

export function removeDir(dir) {
  rmSync(dir, { recursive: true, force: true });
}
