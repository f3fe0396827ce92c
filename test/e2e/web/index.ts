/**
 * Entry of the web extension-host suite (`extensionTestsPath` in VS Code's web worker extension host):
 * mocha's browser build, the tests of web.test.ts, and `E2E-SUMMARY {...}` printed last (scripts/e2e-web.mjs
 * reads it). Bundled for the browser: no Node module is available here.
 */
import 'mocha/mocha.js';
import { defineWebTests } from './web.test';

interface BrowserMocha {
  setup(options: Record<string, unknown>): void;
  run(done: (failures: number) => void): {
    stats?: { tests: number; passes: number; failures: number; pending: number };
  };
}

export function run(): Promise<void> {
  const mocha = (globalThis as unknown as { mocha: BrowserMocha }).mocha;
  mocha.setup({ ui: 'bdd', reporter: 'spec', timeout: 60_000, color: false });
  defineWebTests();
  return new Promise((resolve, reject) => {
    // (Mocha's own run, not the browser build's wrapper, which reads the page's location: a worker has none
    // in VS Code's extension host)
    const runOnce = (Object.getPrototypeOf(mocha) as BrowserMocha).run.bind(mocha);
    const runner = runOnce((failures) => {
      const s = runner.stats ?? { tests: 0, passes: 0, failures, pending: 0 };
      console.log(
        `E2E-SUMMARY ${JSON.stringify({ tests: s.tests, passes: s.passes, failures: s.failures, pending: s.pending })}`,
      );
      if (failures > 0) reject(new Error(`${failures} web extension-host test(s) failed`));
      else resolve();
    });
  });
}
