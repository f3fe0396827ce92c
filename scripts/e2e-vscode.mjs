// `npm run test:vscode`: the same extension-host suite as `npm run test:e2e`, run the classic way by
// @vscode/test-electron in a desktop VS Code. That VS Code is downloaded from Microsoft, which machines
// without that network access cannot do: then the run reports itself skipped, with the reason, and exits 0.
// Environment: E2E_VSCODE_EXECUTABLE=path (use an installed VS Code, no download), E2E_VSCODE_VERSION
// (default stable), E2E_SKIP_BUILD=1, E2E_GREP=pattern, E2E_KEEP=1. On Linux without $DISPLAY the run is
// re-executed under `xvfb-run -a` when that exists (apt-get install xvfb).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CACHE_DIR,
  ROOT,
  buildExtension,
  buildSuite,
  log,
  makeTempDir,
  prepareWorkspace,
  removeDir,
  withTimeout,
} from './e2e-lib.mjs';

const DOWNLOAD_TIMEOUT_MS = 180_000;

function closing(passed, failed, skipped) {
  console.log(`vscode: ${passed} passed, ${failed} failed, ${skipped} skipped`);
}

async function main() {
  const testElectron = await import('@vscode/test-electron');
  let exe = process.env.E2E_VSCODE_EXECUTABLE;
  if (!exe) {
    const version = process.env.E2E_VSCODE_VERSION || 'stable';
    log(`downloading VS Code ${version} with @vscode/test-electron (cache ${join(CACHE_DIR, 'vscode-test')})`);
    try {
      exe = await withTimeout(
        testElectron.downloadAndUnzipVSCode({ version, cachePath: join(CACHE_DIR, 'vscode-test'), timeout: 30_000 }),
        DOWNLOAD_TIMEOUT_MS,
        'VS Code download',
      );
    } catch (e) {
      const reason = (e instanceof Error ? e.message : String(e)).split('\n')[0];
      console.log(
        `skipped: @vscode/test-electron cannot download VS Code here (${reason}). ` +
          'Run `npm run test:e2e` instead (same suite inside code-server), or set E2E_VSCODE_EXECUTABLE to an installed VS Code.',
      );
      closing(0, 0, 1);
      process.exit(0);
    }
  }

  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.E2E_UNDER_XVFB) {
    const xvfb = spawnSync('sh', ['-c', 'command -v xvfb-run'], { encoding: 'utf8' }).stdout.trim();
    if (xvfb) {
      log('no $DISPLAY: running again under xvfb-run -a');
      const res = spawnSync(xvfb, ['-a', process.execPath, fileURLToPath(import.meta.url)], {
        stdio: 'inherit',
        env: { ...process.env, E2E_UNDER_XVFB: '1', E2E_VSCODE_EXECUTABLE: exe },
      });
      process.exit(res.status ?? 1);
    }
    log('no $DISPLAY and no xvfb-run: Electron will probably fail to open a window (apt-get install xvfb)');
  }

  buildExtension();
  const testsIndex = await buildSuite();
  const dir = makeTempDir();
  const ws = prepareWorkspace(dir, 'workspace', { settings: {} });
  let ok = false;
  // The suite prints `E2E-SUMMARY {...}` in VS Code's output, which test-electron copies to our stdout.
  let summary;
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = (chunk, ...rest) => {
    const m = /E2E-SUMMARY (\{[^\n]*\})/.exec(String(chunk));
    if (m) {
      try {
        summary = JSON.parse(m[1]);
      } catch {
        /* partial line */
      }
    }
    return write(chunk, ...rest);
  };
  try {
    const code = await testElectron.runTests({
      vscodeExecutablePath: exe,
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: testsIndex,
      extensionTestsEnv: process.env.E2E_GREP ? { E2E_GREP: process.env.E2E_GREP } : undefined,
      launchArgs: [
        ws,
        '--disable-extensions',
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        '--disable-gpu',
        `--user-data-dir=${join(dir, 'user-data')}`,
        `--extensions-dir=${join(dir, 'extensions')}`,
      ],
    });
    ok = code === 0;
  } catch (e) {
    log('VS Code test run failed:', e instanceof Error ? e.message : e);
  } finally {
    if (ok && process.env.E2E_KEEP !== '1') removeDir(dir);
    else log(`temp folder kept: ${dir}`);
  }
  if (summary?.tests === 0) {
    ok = false;
    log('the suite ran no test');
  }
  if (summary) closing(summary.passes, summary.failures + (ok || summary.failures ? 0 : 1), summary.pending);
  else closing(ok ? 1 : 0, ok ? 0 : 1, 0);
  process.exit(ok ? 0 : 1);
}

await main();
