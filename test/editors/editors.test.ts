/**
 * The language server in real editors (npm run test:editors; .ci/run installs Debian's neovim, emacs-nox and
 * elpa-eglot): Neovim's built-in client (neovim.lua) and Emacs + eglot (eglot.el), headless, with
 * lighttpd-language-server (dist/language-server.js) configured as README "Other editors" says. One config
 * with a missing module and a misspelt directive: diagnostics (codes, lines), hover, a completion accepted as
 * the editor accepts it (`proxy.` -> `proxy.balance = "fair"`: no doubled prefix, no snippet syntax), the
 * code action's edit, formatting, and the time to the first diagnostics. Each editor runs in its own process
 * group, killed at the end; every wait inside is bounded, and the run itself is capped at 90 s.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/corpus';

const CONFIG = [
  'server.modules = ( "mod_access" )',
  'server.document-root = "/srv/www"',
  'proxy.server = ( "" => ( ( "host" => "127.0.0.1", "port" => 8000 ) ) )',
  'server.sever = 1',
  '$HTTP["host"] == "example.org" {',
  'server.name = "example.org"',
  '}',
  '',
].join('\n');
const FIRST_DIAGNOSTICS = ['module-not-loaded@2', 'unknown-directive@3'];

const built = existsSync(join(REPO_ROOT, 'dist', 'language-server.js'))
  ? undefined
  : 'dist/ is not built (npm run build)';
const has = (cmd: string, args: string[]) => spawnSync(cmd, args, { encoding: 'utf8', timeout: 20_000 });
const nvimVersion = has('nvim', ['--version']).stdout?.split('\n')[0] ?? '';
const emacsVersion = has('emacs', ['--version']).stdout?.split('\n')[0] ?? '';
const eglotFound =
  emacsVersion !== '' &&
  has('emacs', [
    '-Q',
    '--batch',
    '--eval',
    '(progn (dolist (d (and (file-directory-p "/usr/share/emacs/site-lisp/elpa") (directory-files "/usr/share/emacs/site-lisp/elpa" t "^[a-z]"))) (add-to-list (quote load-path) d)) (require (quote eglot)))',
  ]).status === 0;
const skipNvim =
  built ?? (nvimVersion.startsWith('NVIM v') ? undefined : 'neovim is not installed (apt-get install neovim)');
const skipEglot =
  built ??
  (emacsVersion === ''
    ? 'emacs is not installed (apt-get install emacs-nox elpa-eglot)'
    : eglotFound
      ? undefined
      : 'eglot is not installed (apt-get install elpa-eglot, or Emacs 29+)');

/** Runs an editor in its own process group; resolves with its JSON result; kills the group in any case. */
async function runEditor(command: string, args: string[], env: Record<string, string>, out: string) {
  const proc = spawn(command, args, {
    env: { ...process.env, ...env },
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  proc.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
  const killGroup = () => {
    try {
      process.kill(-proc.pid!, 'SIGKILL');
    } catch {
      /* gone */
    }
  };
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${command} did not finish within 90 s: ${stderr}`)), 90_000);
      proc.on('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      proc.on('error', reject);
    });
  } finally {
    killGroup();
  }
  assert.ok(existsSync(out), `${command} wrote no result; stderr: ${stderr}`);
  return JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>;
}

function workspace(): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'lighttpd-editors-'));
  mkdirSync(join(dir, 'etc', 'lighttpd'), { recursive: true });
  const file = join(dir, 'etc', 'lighttpd', 'lighttpd.conf');
  writeFileSync(file, CONFIG);
  return { dir, file };
}

type Diag = { code: string; line: number };
const codes = (ds: unknown) => (ds as Diag[]).map((d) => `${d.code}@${d.line}`).sort();

function assertCommon(r: Record<string, unknown>) {
  assert.equal(r.error, undefined, String(r.error));
  assert.deepEqual(codes(r.diagnostics), FIRST_DIAGNOSTICS);
  assert.match(String(r.hover), /\*\*proxy\.server\*\* — mod_proxy/);
  assert.match(String(r.hover), /Docs_ModProxy/);
  // `proxy.` accepted as proxy.balance: the whole word replaced, the first value, no snippet syntax.
  assert.equal(r.completed, 'proxy.balance = "fair"');
  assert.ok((r.code_actions as string[]).includes('Add "mod_proxy" to server.modules'), String(r.code_actions));
  assert.equal(r.modules_line, 'server.modules = ( "mod_access", "mod_proxy" )');
  // Formatting indents the block and changes nothing else (Neovim's buffer still ends with the completed line).
  const text = (r.text as string[]).filter((l) => l !== '' && l !== r.completed);
  assert.match(text[5], /^(\t| {2,})server\.name = "example\.org"$/, text.join('\n'));
  const rest = CONFIG.split('\n').slice(1, -1);
  assert.deepEqual(
    text.map((l) => l.trim()),
    ['server.modules = ( "mod_access", "mod_proxy" )', ...rest.map((l) => l.trim())],
  );
  assert.ok(typeof r.first_ms === 'number' && r.first_ms < 15_000, `first diagnostics: ${r.first_ms}`);
}

test(
  `Neovim (${nvimVersion || 'absent'}): built-in LSP client with lighttpd-language-server`,
  { skip: skipNvim },
  async (t) => {
    const { dir, file } = workspace();
    try {
      const out = join(dir, 'result.json');
      const xdg = join(dir, 'xdg');
      const r = await runEditor(
        'nvim',
        [
          '--headless',
          '--clean',
          '-n',
          '--cmd',
          `set rtp^=${join(REPO_ROOT, 'vim')}`,
          '-c',
          `luafile ${join(REPO_ROOT, 'test', 'editors', 'neovim.lua')}`,
        ],
        {
          REPO: REPO_ROOT,
          FILE: file,
          OUT: out,
          XDG_CONFIG_HOME: xdg,
          XDG_DATA_HOME: xdg,
          XDG_STATE_HOME: xdg,
          XDG_CACHE_HOME: xdg,
        },
        out,
      );
      t.diagnostic(`first diagnostics ${Math.round(r.first_ms as number)} ms after the client started the server`);
      assert.equal(r.filetype, 'lighttpd', 'vim/ftdetect recognises /etc/lighttpd/lighttpd.conf');
      assertCommon(r);
      // The omnifunc offers whole statements, each starting with the typed `proxy.`.
      assert.ok((r.completion_words as string[]).every((w) => w.startsWith('proxy.') && !/\$\{?\d/.test(w)));
      // Neovim 0.7's omnifunc applies no additionalTextEdits: the added line gets module-not-loaded, whose quick
      // fix (the code action above) adds the module.
      assert.equal(r.modules_after_completion, 'server.modules = ( "mod_access" )');
      assert.deepEqual(codes(r.after_completion), [...FIRST_DIAGNOSTICS, 'module-not-loaded@7'].sort());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);

test(`Emacs + eglot (${emacsVersion || 'absent'}) with lighttpd-language-server`, { skip: skipEglot }, async (t) => {
  const { dir, file } = workspace();
  try {
    const out = join(dir, 'result.json');
    const r = await runEditor(
      'emacs',
      ['-Q', '--batch', '-l', join(REPO_ROOT, 'test', 'editors', 'eglot.el')],
      { REPO: REPO_ROOT, FILE: file, OUT: out, HOME: dir },
      out,
    );
    t.diagnostic(`first diagnostics ${Math.round(r.first_ms as number)} ms after M-x eglot`);
    assert.equal(r.mode, 'lighttpd-mode');
    assertCommon(r);
    // eglot applies additionalTextEdits: accepting proxy.balance also added mod_proxy.
    assert.equal(r.modules_after_completion, 'server.modules = ( "mod_access", "mod_proxy" )');
    // No "Server tried to register unsupported capability" (eglot offers no dynamic registration).
    assert.deepEqual(r.warnings ?? [], []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
