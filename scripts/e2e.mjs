// `npm run test:e2e`: the extension inside a real VS Code, here code-server's (VS Code 1.100.3) workbench and
// Node extension host, driven by headless Debian Chromium.
//   1. the extension-host suite (test/e2e/suite, mocha + the `vscode` API) through the workbench's test
//      payload, exactly what @vscode/test-electron does with a desktop VS Code;
//   1b. the same suite's "untrusted workspace" test in a second session with workspace trust on and the folder
//      not trusted (every execution setting on in the user settings): nothing may run;
//   2. the UI test (scripts/e2e-ui.mjs) against the packaged .vsix installed into code-server: squiggle,
//      Problems panel, light-bulb quick fix, snippet, hover, the details page; UPDATE_SCREENSHOTS=1 saves
//      docs/images/*.png.
// Usage: node scripts/e2e.mjs [--suite-only | --ui-only]
// Environment: E2E_SKIP_BUILD=1 (dist/ is fresh), E2E_GREP=pattern (subset of the suite; the untrusted session
// runs only when the pattern matches its title), E2E_KEEP=1 (keep the
// temp folder with logs and screenshots), E2E_CACHE_DIR (where code-server is installed, default
// ~/.cache/lighttpd-conf-e2e), UPDATE_SCREENSHOTS=1.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import {
  CODE_SERVER_VERSION,
  ROOT,
  VSCODE_DIR,
  buildExtension,
  buildSuite,
  ensureCodeServer,
  freePort,
  isolatedEnv,
  launchBrowser,
  log,
  makeTempDir,
  prepareWorkspace,
  removeDir,
  startGroup,
  stopAll,
  tail,
  waitForHttp,
  withTimeout,
  writeUserSettings,
} from './e2e-lib.mjs';
import { runUi } from './e2e-ui.mjs';

const SUITE_TIMEOUT_MS = 5 * 60_000;

const UNTRUSTED_TITLE = 'untrusted workspace';

/** The untrusted session: trust on, the folder never trusted, no prompt; every execution setting on for the user. */
const untrustedSession = {
  userSettings: (ws) => ({
    'security.workspace.trust.enabled': true,
    'security.workspace.trust.startupPrompt': 'never',
    'security.workspace.trust.banner': 'never',
    'security.workspace.trust.untrustedFiles': 'open',
    'lighttpd.includeShell.execute': true,
    'lighttpd.validate.executable': true,
    'lighttpd.executablePath': join(ws, 'trust-check', 'fake-lighttpd.sh'),
  }),
  env: { E2E_GREP: UNTRUSTED_TITLE, E2E_GREP_INVERT: '0' },
};

/**
 * Runs the bundled suite inside code-server's extension host; resolves with the mocha counts.
 * `session.userSettings(ws)` adds user settings, `session.env` the extension host's environment.
 */
async function runSuite(dir, testsIndex, session = {}) {
  mkdirSync(dir, { recursive: true });
  const ws = prepareWorkspace(dir, 'workspace', { settings: {} });
  const userData = join(dir, 'user-data');
  writeUserSettings(userData, session.userSettings?.(ws) ?? {});
  const port = await freePort();
  // The bare VS Code server honours the extension-development payload; code-server's own CLI does not
  // accept --enable-smoke-test-driver, which lets the page receive the tests' log and exit code.
  const server = startGroup(
    process.execPath,
    [
      join(VSCODE_DIR, 'out', 'server-main.js'),
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--without-connection-token',
      '--accept-server-license-terms',
      '--enable-smoke-test-driver',
      '--telemetry-level',
      'off',
      '--user-data-dir',
      userData,
      '--server-data-dir',
      join(dir, 'server-data'),
      '--extensions-dir',
      join(dir, 'extensions'),
    ],
    // E2E_USER_DATA_DIR: where the suite finds the Output channels' files (<user data>/logs/...), which the
    // vscode API cannot read back
    {
      env: isolatedEnv(dir, { E2E_USER_DATA_DIR: userData, ...(session.env ?? {}) }),
      logFile: join(dir, 'suite-server.log'),
    },
  );
  log(`VS Code server ${CODE_SERVER_VERSION} (pid group ${server.pid}) on 127.0.0.1:${port}`);
  await waitForHttp(port, server);

  const context = await launchBrowser(dir);
  const lines = [];
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    let resolveExit;
    const exited = new Promise((r) => {
      resolveExit = r;
    });
    context.on('close', () => resolveExit('browser-crashed'));
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const text = format(...(Array.isArray(args) ? args : [args]));
      lines.push(text);
      // The workbench's own connection chatter goes through the same channel: keep it out of the report.
      if (!/^(Resolving connection token|Resolved connection token|Creating a socket|\[Service Worker\])/.test(text))
        process.stdout.write(`${text}\n`);
    });
    await page.exposeFunction('codeAutomationExit', (code) => {
      resolveExit(code);
    });
    page.on('pageerror', (e) => log('page error:', e.message));

    const authority = `127.0.0.1:${port}`;
    const payload = [
      ['extensionDevelopmentPath', `vscode-remote://${authority}${ROOT}`],
      ['extensionTestsPath', `vscode-remote://${authority}${testsIndex}`],
    ];
    await page.goto(
      `http://${authority}/?folder=${encodeURIComponent(ws)}&payload=${encodeURIComponent(JSON.stringify(payload))}`,
      { timeout: 120_000 }, // (a machine shared by several jobs can take over 30 s to serve the workbench)
    );
    log('workbench loading; the suite runs in the extension host');
    let code;
    try {
      code = await withTimeout(exited, SUITE_TIMEOUT_MS, 'the extension-host suite to finish');
    } catch (e) {
      log(e.message);
      code = 'timeout';
    }
    if (code !== 0) {
      await page.screenshot({ path: join(dir, 'suite-failure.png') }).catch(() => undefined);
      log(`suite exit code ${code}; server log tail:\n${tail(server.logFile)}`);
    }
    const summaryLine = lines.filter((l) => l.startsWith('E2E-SUMMARY ')).pop();
    const summary = summaryLine ? JSON.parse(summaryLine.slice('E2E-SUMMARY '.length)) : undefined;
    return { code, summary, browserCrashed: context.crashed() };
  } finally {
    await context.close().catch(() => undefined);
    await server.stop();
  }
}

async function main() {
  const args = process.argv.slice(2);
  const doSuite = !args.includes('--ui-only');
  const doUi = !args.includes('--suite-only') && process.env.E2E_SKIP_UI !== '1';
  const started = Date.now();
  buildExtension();
  const testsIndex = doSuite ? await buildSuite() : undefined;
  ensureCodeServer();
  const dir = makeTempDir();
  log(`temp folder ${dir}`);

  let passed = 0,
    failed = 0,
    skipped = 0;
  let ok = true;
  try {
    if (doSuite) {
      const userGrep = process.env.E2E_GREP;
      // The main session leaves the untrusted test to its own session (unless a pattern was given).
      const sessions = [
        ['suite', 'extension-host suite', userGrep ? {} : { env: { E2E_GREP: UNTRUSTED_TITLE, E2E_GREP_INVERT: '1' } }],
      ];
      if (!userGrep || new RegExp(userGrep).test(`workspace trust (${UNTRUSTED_TITLE})`))
        sessions.push(['untrusted', 'untrusted-workspace session', untrustedSession]);
      for (const [name, what, session] of sessions) {
        const t = Date.now();
        let { code, summary, browserCrashed } = await runSuite(join(dir, name), testsIndex, session);
        if (browserCrashed && !summary) {
          // Chromium's own process died before the suite reported: no verdict on the extension; run it again.
          log(`Chromium crashed before the ${what} finished (not a test failure): running it once more`);
          ({ code, summary } = await runSuite(join(dir, `${name}-retry`), testsIndex, session));
        }
        log(`${what}: exit code ${code} after ${((Date.now() - t) / 1000).toFixed(1)} s`);
        if (summary) {
          passed += summary.passes;
          failed += summary.failures;
          skipped += summary.pending;
          if (summary.tests === 0) {
            ok = false;
            log(`the ${what} ran no test`);
          }
          if (name === 'untrusted' && summary.pending > 0) {
            ok = false;
            failed += 1;
            log('the untrusted-workspace test skipped itself: the folder was trusted');
          }
        } else {
          failed += 1;
        }
        if (code !== 0) {
          ok = false;
          if (summary && summary.failures === 0) failed += 1;
        }
      }
    }
    if (doUi) {
      const t = Date.now();
      const ui = await runUi(dir, { updateScreenshots: process.env.UPDATE_SCREENSHOTS === '1' });
      log(
        `UI test: ${ui.ok ? 'passed' : 'FAILED'} after ${((Date.now() - t) / 1000).toFixed(1)} s (${ui.passed} steps passed, ${ui.skipped} skipped)`,
      );
      passed += ui.passed;
      skipped += ui.skipped;
      if (!ui.ok) {
        failed += 1;
        ok = false;
      }
    }
  } catch (e) {
    ok = false;
    failed += 1;
    log('ERROR', e instanceof Error ? e.stack : e);
  } finally {
    await stopAll();
    if (ok && process.env.E2E_KEEP !== '1') removeDir(dir);
    else log(`logs and screenshots kept in ${dir}`);
  }
  log(`total ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`e2e: ${passed} passed, ${failed} failed, ${skipped} skipped`);
  process.exit(ok ? 0 : 1);
}

await main();
