// The UI test: the packaged .vsix installed into code-server, driven like a person in headless Chromium.
// Steps: open a realistic lighttpd.conf, see the module-not-loaded squiggle and its hover, the Problems panel,
// the light bulb (Ctrl+.) quick fix, the SCGI snippet typed by its prefix, a hover on a directive, the
// TextMate scopes through "Developer: Inspect Editor Tokens and Scopes", the request simulator, the language
// status item, the walkthrough, the extension's details page (every picture of the packaged README loads), the
// output channel, and two window reloads after which the extension host log holds no "provider FAILED" /
// "Starting server failed". It fails when the packaged .vsix is over its budget.
// Screenshots are cropped and saved with 16 colours (scripts/png8.mjs); with UPDATE_SCREENSHOTS=1 they go to
// docs/images/ (README.md, docs/screenshots.md), otherwise into the run's temp folder, next to details-page.png.
// Run on its own with `npm run test:ui` (scripts/e2e.mjs --ui-only).
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CODE_SERVER_PKG,
  ROOT,
  freePort,
  isolatedEnv,
  launchBrowser,
  log,
  prepareWorkspace,
  run,
  startGroup,
  tail,
  waitForHttp,
  withTimeout,
  writeUserSettings,
} from './e2e-lib.mjs';
import { packageVsix } from './package.mjs';
import { shrinkScreenshot } from './png8.mjs';

const STEP_MS = 30_000;
const FIXTURE = join(ROOT, 'test', 'e2e', 'fixtures', 'ui', 'lighttpd.conf');

/** The .vsix budget (CONTRIBUTING.md, Performance), and the README pictures' share of it (raw PNG bytes). */
const VSIX_BUDGET_BYTES = 560 * 1024; // (400 until the routing map, 420 and 480 during wave 3: CONTRIBUTING.md)
const PICTURES_BUDGET_BYTES = 80 * 1024;

/** What the bundled server advertises (asked over stdio), so optional steps skip with a reason. */
async function serverCapabilities() {
  const rpc = await import('vscode-jsonrpc/node.js');
  const proc = spawn(process.execPath, [join(ROOT, 'dist', 'server.js'), '--stdio'], {
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  const conn = rpc.createMessageConnection(
    new rpc.StreamMessageReader(proc.stdout),
    new rpc.StreamMessageWriter(proc.stdin),
  );
  conn.onRequest('workspace/configuration', (p) => p.items.map(() => null));
  conn.listen();
  const exited = new Promise((_, reject) =>
    proc.once('exit', (code) =>
      reject(new Error(`dist/server.js exited with code ${code} before answering initialize`)),
    ),
  );
  try {
    const res = await withTimeout(
      Promise.race([
        conn.sendRequest('initialize', {
          processId: process.pid,
          rootUri: null,
          capabilities: {},
          workspaceFolders: null,
        }),
        exited,
      ]),
      15_000,
      'initialize from dist/server.js',
    );
    return res.capabilities;
  } finally {
    conn.dispose();
    proc.kill();
  }
}

/** Files under `dir` (recursively) whose name satisfies `accept`. */
function findFiles(dir, accept, out = []) {
  let names = [];
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  for (const n of names) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) findFiles(p, accept, out);
    else if (accept(n)) out.push(p);
  }
  return out;
}

function lineOf(text, needle) {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`"${needle}" not in the UI fixture`);
  return text.slice(0, i).split('\n').length; // 1-based
}

export async function runUi(dir, { updateScreenshots = false } = {}) {
  const shots = updateScreenshots ? join(ROOT, 'docs', 'images') : join(dir, 'screenshots');
  mkdirSync(shots, { recursive: true });
  const caps = await serverCapabilities();
  const vsix = join(dir, 'lighttpd-conf-e2e.vsix');
  const { bytes, images } = packageVsix(vsix);
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  log(`packaged ${vsix}: ${kb(bytes)}, README pictures ${kb(images.reduce((a, i) => a + i.bytes, 0))}`);
  let result = await runScenario(join(dir, 'ui'), { vsix, caps, shots });
  if (!result.ok && result.browserCrashed) {
    // Chromium's own process died (seen once in ~20 runs on a loaded machine): that says nothing about the
    // extension, so the scenario runs once more from scratch, and that run decides.
    log('Chromium crashed during the UI test (not a test failure): running the scenario once more');
    result = await runScenario(join(dir, 'ui-retry'), { vsix, caps, shots });
  }
  if (result.ok && updateScreenshots)
    log(`screenshots updated in ${shots} (the .vsix tested holds the previous ones: package again to measure it)`);
  if (bytes > VSIX_BUDGET_BYTES) {
    log(`the .vsix (${kb(bytes)}) is over its budget of ${kb(VSIX_BUDGET_BYTES)}`);
    result.ok = false;
  }
  const pictures = images.reduce((a, i) => a + i.bytes, 0);
  if (pictures > PICTURES_BUDGET_BYTES) {
    log(`the README pictures (${kb(pictures)}) are over their budget of ${kb(PICTURES_BUDGET_BYTES)}`);
    result.ok = false;
  }
  return result;
}

async function runScenario(uiDir, { vsix, caps, shots }) {
  mkdirSync(uiDir, { recursive: true });
  // Named like /etc/lighttpd; user settings only, so the explorer shows just the config.
  const ws = prepareWorkspace(uiDir, 'ui', { folder: 'lighttpd' });
  const userData = join(uiDir, 'user-data');
  const extensions = join(uiDir, 'extensions');
  const userSettings = {
    'editor.fontSize': 14,
    'editor.minimap.enabled': false,
    'editor.scrollBeyondLastLine': false,
    'window.zoomLevel': 0,
    'breadcrumbs.enabled': false,
    'workbench.layoutControl.enabled': false,
    // The Simulate lenses shift lines (the lens itself is tested in the extension-host suite).
    'lighttpd.codeLens.simulate': false,
  };
  writeUserSettings(userData, userSettings);
  const env = isolatedEnv(uiDir);
  const entry = join(CODE_SERVER_PKG, 'out', 'node', 'entry.js');
  const configFile = join(uiDir, 'code-server.yaml');
  writeFileSync(configFile, 'auth: none\ncert: false\n');
  const common = ['--config', configFile, '--user-data-dir', userData, '--extensions-dir', extensions];
  run(process.execPath, [entry, ...common, '--install-extension', vsix], {
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });

  const port = await freePort();
  const server = startGroup(
    process.execPath,
    [
      entry,
      ...common,
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--auth',
      'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
    ],
    { env, logFile: join(uiDir, 'code-server.log') },
  );
  log(`code-server (pid group ${server.pid}) on 127.0.0.1:${port}`);
  await waitForHttp(port, server);

  const context = await launchBrowser(uiDir, { width: 1280, height: 760 });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (e) => log('page error:', e.message));
  const text = readFileSync(FIXTURE, 'utf8');
  let ok = false;
  let current = 'start';
  const counts = { passed: 0, skipped: 0 };
  /** One step of the scenario; `fn` returns a reason string to report the step as skipped. */
  const step = async (name, fn) => {
    current = name;
    const t = Date.now();
    const skipped = await fn();
    if (typeof skipped === 'string') {
      counts.skipped++;
      log(`  ui step skipped: ${name}: ${skipped}`);
    } else {
      counts.passed++;
      log(`  ui step ok: ${name} (${Date.now() - t} ms)`);
    }
  };
  /**
   * Saves the part of the page that matters as a 16-colour PNG (scripts/png8.mjs; the README's are inlined into
   * the packaged README, so their bytes count against the .vsix): the box around the `around` locators that are
   * on the page, grown by `pad` pixels (a number or { top, right, bottom, left }), as wide as `across` when given.
   */
  const shot = async (name, { around = [], across, pad = 8 } = {}) => {
    await page.mouse.move(1270, 5); // park the pointer where it shows no hover
    // Let fade-ins (hover, menus) finish; endless ones such as the status bar spinner are left alone.
    await page.evaluate(() =>
      Promise.all(
        document
          .getAnimations()
          .filter((a) => a.effect?.getComputedTiming().iterations !== Infinity)
          .map((a) => a.finished.catch(() => undefined)),
      ),
    );
    const box = (l) => l.boundingBox({ timeout: 2000 }).catch(() => null);
    const measure = async () => (await Promise.all(around.map(box))).filter(Boolean);
    // A widget that still grows (a hover whose quick-fix line arrives) moves between measuring and the picture:
    // measure again after it and take another until both agree.
    let boxes;
    let png;
    for (let attempt = 0; ; attempt++) {
      const before = await measure();
      png = await page.screenshot();
      boxes = await measure();
      if (JSON.stringify(before) === JSON.stringify(boxes) || attempt >= 5) break;
      await page.waitForTimeout(200);
    }
    if (around.length && boxes.length === 0) throw new Error(`screenshot ${name}: nothing to frame is on the page`);
    const p = typeof pad === 'number' ? { top: pad, right: pad, bottom: pad, left: pad } : pad;
    let clip;
    if (boxes.length) {
      let x0 = Math.min(...boxes.map((b) => b.x)) - p.left;
      let x1 = Math.max(...boxes.map((b) => b.x + b.width)) + p.right;
      const y0 = Math.min(...boxes.map((b) => b.y)) - p.top;
      const y1 = Math.max(...boxes.map((b) => b.y + b.height)) + p.bottom;
      const wide = across && (await box(across));
      if (wide) [x0, x1] = [wide.x, wide.x + wide.width];
      clip = { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
    }
    writeFileSync(join(shots, `${name}.png`), shrinkScreenshot(png, { clip }));
  };
  const editorLines = page.locator('.editor-instance .view-lines');
  const editor = page.locator('.editor-instance').first();
  const squiggle = page.locator('.editor-instance .squiggly-error').first();
  const visibleHover = page.locator('.monaco-hover:not(.hidden)').first();
  /**
   * Presses `key` until the quick input shows, within a step's time: a key pressed while the workbench still
   * restores its layout (right after a reload) is lost.
   */
  const openQuickInput = async (key, what) => {
    const input = page.locator('.quick-input-widget input');
    const until = Date.now() + STEP_MS;
    for (;;) {
      await page.keyboard.press(key);
      const shown = await input
        .waitFor({ state: 'visible', timeout: 3000 })
        .then(() => true)
        .catch(() => false);
      if (shown) return input;
      if (Date.now() > until) throw new Error(`${key} did not open the quick input (${what})`);
    }
  };
  const goTo = async (line, column) => {
    const input = await openQuickInput('Control+G', `go to ${line}:${column}`);
    await input.fill(`:${line}:${column}`);
    await page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden', timeout: STEP_MS });
  };
  const showHover = async () => {
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    const hover = page.locator('.monaco-hover:not(.hidden) .monaco-hover-content').first();
    await hover.waitFor({ state: 'visible', timeout: STEP_MS });
    return hover;
  };

  try {
    await step('open the workspace', async () => {
      await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(ws)}`, { timeout: 120_000 });
      await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
      await page
        .locator('.explorer-folders-view .monaco-list-row', { hasText: 'lighttpd.conf' })
        .first()
        .waitFor({ timeout: 60_000 });
    });

    await step('open lighttpd.conf with Ctrl+P', async () => {
      for (let attempt = 1; ; attempt++) {
        try {
          await page.keyboard.press('Control+P');
          const input = page.locator('.quick-input-widget input');
          await input.waitFor({ state: 'visible', timeout: 5000 });
          await input.fill('lighttpd.conf');
          await page
            .locator('.quick-input-list .monaco-list-row', { hasText: 'lighttpd.conf' })
            .first()
            .waitFor({ timeout: 10_000 });
          await page.keyboard.press('Enter');
          await editorLines.getByText('server.document-root').waitFor({ timeout: 10_000 });
          break;
        } catch (e) {
          log(`  quick open attempt ${attempt} failed: ${e.message.split('\n')[0]}`);
          if (attempt >= 3) throw e;
          await page.keyboard.press('Escape');
        }
      }
      const mode = (await page.locator('#status\\.editor\\.mode').innerText({ timeout: STEP_MS })).trim();
      if (mode !== 'lighttpd') throw new Error(`status bar language mode is "${mode}", not lighttpd`);
    });

    await step('module-not-loaded squiggle and its hover', async () => {
      await page.locator('.editor-instance .squiggly-error').first().waitFor({ timeout: 60_000 });
      await goTo(lineOf(text, 'proxy.server ='), 13);
      const hover = await showHover();
      const content = await hover.innerText();
      if (!/mod_proxy/.test(content) || !/module-not-loaded/.test(content))
        throw new Error(`diagnostic hover says: ${content}`);
      // Its last line reads "Checking for quick fixes..." until the code actions are in.
      await page
        .locator('.monaco-hover:not(.hidden) .hover-row.status-bar', { hasText: /Quick Fix/ })
        .first()
        .waitFor({ timeout: STEP_MS });
      await shot('module-not-loaded', { around: [visibleHover, squiggle], across: editor });
      await page.keyboard.press('Escape');
    });

    await step('Problems panel', async () => {
      await page.keyboard.press('Control+Shift+M');
      const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'mod_proxy' }).first();
      await row.waitFor({ timeout: STEP_MS });
      const aria = (await row.getAttribute('aria-label')) ?? '';
      const rowText = (await row.innerText()).replace(/\s+/g, ' ');
      if (!/module-not-loaded/.test(rowText + aria)) throw new Error(`problems row: ${rowText} / ${aria}`);
      await shot('problems-panel', {
        around: [page.locator('.part.panel .composite.title').first(), row],
        across: page.locator('.part.panel').first(),
        pad: 4,
      });
      await page.keyboard.press('Control+J'); // hide the panel again
      await page.keyboard.press('Control+1'); // back to the editor
    });

    await step('light bulb quick fix (Ctrl+.)', async () => {
      await goTo(lineOf(text, 'proxy.server ='), 13);
      await page.keyboard.press('Control+.');
      const item = page.locator('.action-widget .monaco-list-row', { hasText: 'mod_proxy' }).first();
      await item.waitFor({ timeout: STEP_MS });
      await shot('quick-fix', {
        around: [page.locator('.action-widget').first(), squiggle],
        across: editor,
        pad: { top: 84, right: 8, bottom: 8, left: 8 }, // the block around the squiggle
      });
      await item.click();
      await editorLines.getByText('"mod_proxy",').waitFor({ timeout: STEP_MS });
      await page.locator('.editor-instance .squiggly-error').first().waitFor({ state: 'detached', timeout: STEP_MS });
    });

    await step('SCGI snippet by its prefix', async () => {
      await page.keyboard.press('Control+End');
      await page.keyboard.press('Enter');
      await page.keyboard.type('lighttpd-scgi', { delay: 40 });
      const suggestion = page.locator('.suggest-widget .monaco-list-row', { hasText: 'lighttpd-scgi' }).first();
      try {
        await suggestion.waitFor({ timeout: 10_000 });
      } catch {
        await page.keyboard.press('Control+Space'); // quick suggestions were slow: ask explicitly
        await suggestion.waitFor({ timeout: STEP_MS });
      }
      // Ctrl+Space on an open suggestion shows its details: the snippet's description and body.
      await page.keyboard.press('Control+Space');
      await page
        .locator('.suggest-details-container .suggest-details', { hasText: 'scgi.server' })
        .first()
        .waitFor({ timeout: STEP_MS })
        .catch(() => log('  (snippet details pane did not open; screenshot without it)'));
      await shot('scgi-snippet', {
        around: [page.locator('.suggest-widget').first(), page.locator('.suggest-details-container').first()],
      });
      await page.keyboard.press('Enter');
      await editorLines.getByText('"check-local" => "disable",').waitFor({ timeout: STEP_MS });
      await page.keyboard.press('Escape');
      // The snippet loads mod_scgi itself: the saved file stays free of module-not-loaded.
      await page.keyboard.press('Control+S');
      await page.locator('.tab.active.dirty').waitFor({ state: 'detached', timeout: STEP_MS });
      await page.locator('.editor-instance .squiggly-error').first().waitFor({ state: 'detached', timeout: STEP_MS });
      await page.locator('#status\\.problems[aria-label="No Problems"]').waitFor({ timeout: STEP_MS });
      // The tab's and the explorer's problem badges follow a little later.
      await page.waitForFunction(
        () =>
          ![
            ...document.querySelectorAll('.tab.active .monaco-icon-label, .explorer-folders-view .monaco-icon-label'),
          ].some((e) => e.className.includes('monaco-decoration')),
        undefined,
        { timeout: STEP_MS },
      );
      await shot('scgi-snippet-inserted', {
        around: [
          editorLines.getByText('server.modules += ( "mod_scgi" )').first(),
          editorLines.getByText('"check-local" => "disable",').first(),
        ],
        across: editor,
      });
    });

    await step('hover a directive', async () => {
      if (!caps.hoverProvider) return 'the language server does not advertise hoverProvider yet';
      // The quick fix added one line (mod_proxy) above server.document-root.
      await goTo(lineOf(text, 'server.document-root') + 1, 3);
      const hover = await showHover();
      const content = await hover.innerText();
      if (!/document-root/.test(content)) throw new Error(`hover says: ${content}`);
      await shot('hover', { around: [visibleHover, page.locator('.editor-instance .current-line').first()] });
      await page.keyboard.press('Escape');
    });

    await step("backend options offered on '(' as it is typed (no Ctrl+Space)", async () => {
      await page.keyboard.press('Control+End');
      await page.keyboard.press('Enter');
      // Typed key by key: the editor closes quotes and parentheses itself, as it does for a user.
      await page.keyboard.type('scgi.server = ( "/" => ( "app" => (', { delay: 40 });
      const option = page.locator('.suggest-widget .monaco-list-row', { hasText: 'check-local' }).first();
      await option.waitFor({ timeout: 10_000 });
      const rows = await page.locator('.suggest-widget .monaco-list-row').allInnerTexts();
      await page.keyboard.press('Escape');
      // The file as it was (saved by the snippet step): revert the typed line.
      await page.keyboard.press('F1');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible', timeout: STEP_MS });
      await input.fill('>File: Revert File');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Revert File' }).first().waitFor({
        timeout: STEP_MS,
      });
      await page.keyboard.press('Enter');
      await page.locator('.tab.active.dirty').waitFor({ state: 'detached', timeout: STEP_MS });
      if (rows.some((r) => /allow-x-send-file/.test(r) && rows.indexOf(r) < 3))
        throw new Error(`the older name is offered first: ${rows.slice(0, 5).join(' | ')}`);
    });

    await step('TextMate scopes via Inspect Editor Tokens and Scopes', async () => {
      await goTo(lineOf(text, 'server.port') + 1, 3);
      await page.keyboard.press('F1');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible', timeout: STEP_MS });
      await input.fill('>Developer: Inspect Editor Tokens and Scopes');
      await page
        .locator('.quick-input-list .monaco-list-row', { hasText: 'Inspect Editor Tokens and Scopes' })
        .first()
        .waitFor({ timeout: STEP_MS });
      await page.keyboard.press('Enter');
      const widget = page.locator('.token-inspect-widget');
      await widget.waitFor({ timeout: STEP_MS });
      await widget.getByText('support.type.property-name.lighttpd').first().waitFor({ timeout: STEP_MS });
      const scopes = (await widget.innerText()).replace(/\s+/g, ' ');
      if (!/source\.lighttpd/.test(scopes)) throw new Error(`token inspector: ${scopes}`);
      await page.keyboard.press('Escape');
    });
    await step('simulate a request (lighttpd: Simulate Request…)', async () => {
      await page.keyboard.press('Control+Home');
      await page.keyboard.press('F1');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible', timeout: STEP_MS });
      await input.fill('>lighttpd: Simulate Request');
      await page
        .locator('.quick-input-list .monaco-list-row', { hasText: 'Simulate Request' })
        .first()
        .waitFor({ timeout: STEP_MS });
      await page.keyboard.press('Enter');
      await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Simulate Request' }).waitFor({
        timeout: STEP_MS,
      });
      await input.fill('GET http://app.example.com/static/logo.png');
      await page.keyboard.press('Enter');
      await page.locator('.view-lines').getByText('Handler: static file').first().waitFor({ timeout: STEP_MS });
      await page.locator('.view-lines').getByText('not-evaluated').first().waitFor({ timeout: STEP_MS });
      await page.keyboard.press('Control+B'); // the side bar off: room for both editors
      await page.locator('.explorer-folders-view').waitFor({ state: 'hidden', timeout: STEP_MS });
      // The config scrolled to its first condition block, beside the result's request, handler and conditions: in
      // a lower window (the config is too short to scroll that far in the full one).
      const viewport = page.viewportSize();
      await page.setViewportSize({ width: viewport.width, height: 400 });
      await page.waitForFunction(() => document.querySelector('.part.editor').getBoundingClientRect().bottom < 400);
      const config = page.locator('.part.editor .view-lines').first();
      const block = config.getByText('$HTTP["host"] == "app.example.com"').first();
      const blockTop = async () =>
        ((await block.boundingBox({ timeout: 1000 }).catch(() => null))?.y ?? Infinity) -
        (await page.locator('.part.editor .editor-instance').first().boundingBox()).y;
      await page.keyboard.press('Control+1');
      const lines = Math.round((await blockTop()) / (await block.boundingBox()).height);
      for (let i = 0; i < lines; i++) await page.keyboard.press('Control+ArrowDown'); // one line each
      for (const until = Date.now() + STEP_MS; Math.abs(await blockTop()) > 5; await page.waitForTimeout(100))
        if (Date.now() > until) throw new Error(`Ctrl+Down ×${lines} did not scroll the config to its first block`);
      // The whole height of the editors (the result wraps its long lines: what it shows below the conditions'
      // first lines may be out of view, so the frame is the editor, not a line of the result).
      await shot('simulate', {
        around: [
          page.locator('.part.editor .tabs-container').first(),
          page.locator('.part.editor .editor-instance').first(),
        ],
        across: page.locator('.part.editor').first(),
        pad: 0,
      });
      await page.setViewportSize(viewport);
      await page.keyboard.press('Control+Home'); // the config back at its top for the next steps
      await config.getByText('in front of a Python').waitFor({ timeout: STEP_MS });
      await page.keyboard.press('Control+B');
    });

    /** Runs a palette command by its label (F1, type, Enter on the row). */
    const palette = async (label) => {
      const input = await openQuickInput('F1', label);
      await input.fill(`>${label}`);
      await page
        .locator('.quick-input-list .monaco-list-row', { hasText: label })
        .first()
        .waitFor({ timeout: STEP_MS });
      await page.keyboard.press('Enter');
    };
    const backToConfig = async () => {
      await page.keyboard.press('Escape');
      await palette('View: Close All Editor Groups'); // the simulation result beside the config, then reopen it
      const input = await openQuickInput('Control+P', 'quick open');
      await input.fill('lighttpd.conf');
      await page
        .locator('.quick-input-list .monaco-list-row', { hasText: 'lighttpd.conf' })
        .first()
        .waitFor({ timeout: STEP_MS });
      await page.keyboard.press('Enter');
      await editorLines.getByText('server.document-root').first().waitFor({ timeout: STEP_MS });
    };

    await step('routing map: a click reveals the line, "simulate a request here" highlights the path', async () => {
      await backToConfig();
      await page.keyboard.press('Control+B'); // the side bar off: room for the map beside the config
      await page.locator('.explorer-folders-view').waitFor({ state: 'hidden', timeout: STEP_MS });
      await palette('lighttpd: Show Routing Map');
      /** The webview frame that shows the map (found again after anything that may re-create it). */
      const mapFrame = async () => {
        for (const until = Date.now() + STEP_MS; Date.now() < until; await page.waitForTimeout(250))
          for (const f of page.frames())
            if (
              (await f
                .locator('svg.map g.node')
                .count()
                .catch(() => 0)) > 0
            )
              return f;
        throw new Error('no webview frame shows the routing map');
      };
      let frame = await mapFrame();
      const url = () => frame.locator('g.node', { hasText: 'url !~ ^/static' }).first();
      await url().click({ timeout: STEP_MS });
      // The box's line is the editor's current line now (the quick fix and the snippet above moved the lines).
      const currentLine = () =>
        page.evaluate(() => {
          const overlay = document.querySelector('.part.editor .editor-instance .view-overlays .current-line');
          const top = overlay?.parentElement?.style.top;
          const line = [...document.querySelectorAll('.part.editor .editor-instance .view-line')].find(
            (l) => l.style.top === top,
          );
          return line?.textContent?.replace(/\u00a0/g, ' ').trim();
        });
      let revealed;
      for (const until = Date.now() + STEP_MS; Date.now() < until; await page.waitForTimeout(200)) {
        revealed = await currentLine();
        if (revealed?.startsWith('$HTTP["url"] !~ "^/static"')) break;
      }
      if (!revealed?.startsWith('$HTTP["url"] !~ "^/static"'))
        throw new Error(`the click on the box did not reveal its line (the current line is ${revealed})`);
      frame = await mapFrame();
      await url().click({ button: 'right', timeout: STEP_MS }); // simulate a request here
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible', timeout: STEP_MS });
      const offered = await input.inputValue();
      if (!offered.startsWith('GET http://app.example.com/'))
        throw new Error(`"simulate a request here" offered ${offered}`);
      await page.keyboard.press('Enter');
      // The result opening beside the map may re-create the map's webview frame after it was found: a detached
      // frame is looked for again (what is asked of it is then asked again), until the step's time is up.
      const inMap = async (fn) => {
        for (const until = Date.now() + STEP_MS; ; ) {
          frame = await mapFrame();
          try {
            return await fn(frame, Math.max(until - Date.now(), 1000));
          } catch (e) {
            if (!/detached/i.test(String(e?.message)) || Date.now() > until) throw e;
          }
        }
      };
      const path = await inMap(async (f, timeout) => {
        await f.locator('g.node.highlight', { hasText: 'proxy 127.0.0.1:8000' }).waitFor({ timeout });
        return f.locator('g.node.highlight').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
      });
      if (path.join(' ') !== 'n0 n1 n2 h2') throw new Error(`highlighted path ${path.join(' ')}`);
      // The README's picture: the whole map at its own size (key 1: zoom 1, its top left corner at the canvas's),
      // in a window grown until the canvas holds it, taken from the webview's own frame.
      const viewport = page.viewportSize();
      let clip;
      let png;
      for (let attempt = 0; ; attempt++) {
        frame = await mapFrame();
        await frame.locator('g.node.highlight').first().waitFor({ timeout: STEP_MS });
        await frame.evaluate(() => document.dispatchEvent(new KeyboardEvent('keydown', { key: '1' })));
        await page.waitForTimeout(300);
        const svgBox = await frame.locator('#stage svg').boundingBox();
        const canvasBox = await frame.locator('#canvas').boundingBox();
        if (!svgBox || !canvasBox) throw new Error('the map has no size');
        const short = { w: svgBox.width + 16 - canvasBox.width, h: svgBox.height + 16 - canvasBox.height };
        if ((short.w > 0 || short.h > 0) && attempt < 4) {
          const now = page.viewportSize();
          await page.setViewportSize({
            width: Math.ceil(now.width + Math.max(0, short.w) * 2.2),
            height: Math.ceil(now.height + Math.max(0, short.h)),
          });
          continue;
        }
        png = await frame.locator('#canvas').screenshot({ timeout: STEP_MS });
        clip = {
          x: Math.max(0, Math.round(svgBox.x - canvasBox.x)),
          y: Math.max(0, Math.round(svgBox.y - canvasBox.y)),
          width: Math.floor(Math.min(canvasBox.width, svgBox.width + 8)),
          height: Math.floor(Math.min(canvasBox.height, svgBox.height + 8)),
        };
        break;
      }
      writeFileSync(join(shots, 'routing-map.png'), shrinkScreenshot(png, { clip }));
      await page.setViewportSize(viewport);
      await page.keyboard.press('Control+B');
      await page.keyboard.press('Escape');
    });

    await step('configuration tests in the Test Explorer (Generate Tests, results, code lenses)', async () => {
      await backToConfig();
      await palette('lighttpd: Generate Tests for This Configuration');
      // The starter file opens and runs at once: each test's code lens shows its result.
      await page
        .locator('.part.editor .tab', { hasText: 'lighttpd.lighttpd-test' })
        .first()
        .waitFor({ timeout: STEP_MS });
      await page
        .locator('.part.editor .codelens-decoration', { hasText: '✔ proxy 127.0.0.1:8000' })
        .first()
        .waitFor({ timeout: STEP_MS });
      try {
        await palette('Testing: Focus on Test Explorer View');
      } catch {
        await page.keyboard.press('Escape');
        await palette('View: Show Testing');
      }
      const view = page.locator('.part.sidebar');
      const fileRow = view.locator('.monaco-list-row', { hasText: 'lighttpd.lighttpd-test' }).first();
      await fileRow.waitFor({ timeout: STEP_MS });
      const testRow = view.locator('.monaco-list-row', { hasText: 'GET http://app.example.com/' }).first();
      if (!(await testRow.isVisible().catch(() => false))) {
        await fileRow.click();
        await page.keyboard.press('ArrowRight');
      }
      await testRow.waitFor({ timeout: STEP_MS });
      // Every test passed: a passed icon on each test row, none failed.
      const rows = await view.locator('.monaco-list-row').count();
      const passed = await view.locator('.monaco-list-row .codicon-testing-passed-icon').count();
      const failed = await view.locator('.monaco-list-row .codicon-testing-failed-icon').count();
      if (rows < 3 || failed > 0) throw new Error(`Test Explorer: ${rows} rows, ${failed} failed icons`);
      log(`  Test Explorer: ${rows} rows, ${passed} passed icons`);
      // The lenses show each test's last result.
      await page
        .locator('.part.editor .codelens-decoration', { hasText: '✔ proxy 127.0.0.1:8000' })
        .first()
        .waitFor({ timeout: STEP_MS });
      // The README's picture in a smaller window (its bytes count against the .vsix).
      const viewport = page.viewportSize();
      await page.setViewportSize({ width: 880, height: 330 });
      await page.waitForTimeout(500);
      await shot('test-explorer', { around: [view, page.locator('.part.editor').first()], pad: 0 });
      await page.setViewportSize(viewport);
      await palette('View: Close All Editor Groups');
      rmSync(join(ws, 'lighttpd.lighttpd-test'), { force: true });
      await palette('View: Show Explorer');
    });

    await step('language status item (server, main config, target version)', async () => {
      await backToConfig();
      const item = page.locator('[id="status.languageStatus"], .statusbar-item:has(.codicon-bracket)').first();
      await item.click({ timeout: STEP_MS });
      const hover = page.locator('.monaco-hover', { hasText: 'lighttpd server running' }).first();
      await hover.waitFor({ timeout: STEP_MS });
      await hover
        .getByText(/^\s*main config/)
        .first()
        .waitFor({ timeout: STEP_MS });
      await hover.getByText('lighttpd 1.4.85').first().waitFor({ timeout: STEP_MS });
      await shot('language-status', { around: [hover, item] });
      await page.keyboard.press('Escape');
    });

    await step('walkthrough (lighttpd: Get Started)', async () => {
      await palette('lighttpd: Get Started');
      const page1 = page.locator('.gettingStartedContainer', { hasText: 'Get started with lighttpd configuration' });
      await page1.first().waitFor({ timeout: STEP_MS });
      await page1.getByText('Fix a missing module in one click').first().waitFor({ timeout: STEP_MS });
      await shot('walkthrough', { around: [page1.first()] });
      await page.keyboard.press('Control+W');
    });

    await step('README images on the extension details page', async () => {
      // The Details tab shows the packaged README in a webview: every picture README.md shows must load there.
      const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
      const expected = [...readme.matchAll(/!\[([^\]]*)\]\(/g)].map((m) => m[1]);
      await page.keyboard.press('Control+Shift+X');
      await page.locator('.extensions-viewlet .suggest-input-container').click({ timeout: STEP_MS });
      await page.keyboard.type('@installed lighttpd');
      await page
        .locator('.extensions-viewlet .monaco-list-row', { hasText: 'lighttpd configuration' })
        .first()
        .click({ timeout: STEP_MS });
      await page.locator('.extension-editor').waitFor({ timeout: STEP_MS });
      // The webview is an iframe in an iframe: find the frame with the README once each picture has loaded or failed.
      const title = `h1#${readme
        .match(/^# (.+)$/m)[1]
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')}`;
      let images;
      for (const until = Date.now() + STEP_MS; !images && Date.now() < until; await page.waitForTimeout(250)) {
        for (const frame of page.frames()) {
          images ??= await frame
            .evaluate(
              (h1) =>
                document.querySelector(h1) && [...document.images].every((i) => i.complete)
                  ? [...document.images].map((i) => ({
                      alt: i.alt,
                      width: i.naturalWidth,
                      src: (i.getAttribute('src') ?? '').slice(0, 40),
                    }))
                  : undefined,
              title,
            )
            .catch(() => undefined);
        }
      }
      await page.screenshot({ path: join(uiDir, 'details-page.png') });
      if (!images) throw new Error(`no webview frame showed the README (${title}) with its pictures settled`);
      const broken = images.filter((i) => i.width === 0);
      const alts = images.map((i) => i.alt);
      if (broken.length || alts.join('\n') !== expected.join('\n'))
        throw new Error(
          `details page: ${images.length} pictures, ${broken.length} not loaded (${broken.map((i) => `${i.alt}: ${i.src}`).join('; ')}); README.md has ${expected.length}`,
        );
      log(
        `  details page: all ${images.length} README pictures loaded (${images.map((i) => i.width).join(', ')} px wide)`,
      );
      await page.keyboard.press('Control+Shift+E'); // the explorer back in the side bar
      await backToConfig(); // the details page took the config's preview tab
    });

    await step(
      'the palette offers "Check with lighttpd Now": the extension host is Node (lighttpd.nodeHost)',
      async () => {
        // (code-server's workbench is a web page, so a `when` with !isWeb hid it although lighttpd can run here)
        const input = await openQuickInput('F1', 'command palette');
        await input.fill('>lighttpd: Check with lighttpd Now');
        await page
          .locator('.quick-input-list .monaco-list-row', { hasText: 'Check with lighttpd Now' })
          .first()
          .waitFor({ timeout: STEP_MS });
        await page.keyboard.press('Escape');
      },
    );

    await step('output channel without tracing (lighttpd: Show Output)', async () => {
      await palette('lighttpd: Show Output');
      await page.locator('.panel .view-lines', { hasText: 'lighttpd language server running' }).first().waitFor({
        timeout: STEP_MS,
      });
      await page.keyboard.press('Control+J');
      await page.keyboard.press('Control+1');
    });

    await step('reload the window: no provider errors in the extension host log', async () => {
      for (let i = 0; i < 2; i++) {
        // The cursor on a diagnostic: VS Code asks for code actions around the reload.
        await goTo(lineOf(text, 'server.port') + 1, 3);
        // Wait for the new page itself: the old page's workbench and editor match the locators below until
        // the navigation starts, and a key pressed during it is lost.
        const reloaded = page.waitForEvent('framenavigated', {
          predicate: (f) => f === page.mainFrame(),
          timeout: 60_000,
        });
        await palette('Developer: Reload Window');
        await reloaded;
        await page.waitForLoadState('domcontentloaded', { timeout: 60_000 });
        await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
        await editorLines.getByText('server.document-root').first().waitFor({ timeout: 60_000 });
        await page.locator('[id="status.languageStatus"], .statusbar-item:has(.codicon-bracket)').first().waitFor({
          timeout: STEP_MS,
        });
      }
      await page.waitForTimeout(2000); // the last shutdown's log lines are written
      const logs = findFiles(join(userData, 'logs'), (n) => /exthost.*\.log$/.test(n));
      if (logs.length === 0) throw new Error(`no extension host log under ${join(userData, 'logs')}`);
      const bad = logs.flatMap((f) =>
        readFileSync(f, 'utf8')
          .split('\n')
          .filter((l) => /provider FAILED|Starting server failed|Client is not running/.test(l))
          .map((l) => `${f}: ${l}`),
      );
      log(`  read ${logs.length} extension host log(s)`);
      if (bad.length) throw new Error(`errors in the extension host log:\n${bad.slice(0, 10).join('\n')}`);
    });
    ok = true;
  } catch (e) {
    log(`UI step "${current}" failed: ${e instanceof Error ? e.message : e}`);
    await page.screenshot({ path: join(uiDir, 'ui-failure.png') }).catch(() => undefined);
    log(`failure screenshot ${join(uiDir, 'ui-failure.png')}; code-server log tail:\n${tail(server.logFile, 20)}`);
  } finally {
    await context.close().catch(() => undefined);
    await server.stop();
  }
  return { ok, browserCrashed: context.crashed(), ...counts };
}
