/**
 * Entry of the extension-host suite (VS Code's `extensionTestsPath`): runs every *.test.js beside this file
 * (bundled from test/e2e/suite/*.test.ts into out/test/e2e/suite/) with mocha inside the extension host.
 * The last line it prints is `E2E-SUMMARY {...}`, which the runners read for their closing line.
 * E2E_GREP (environment of the VS Code process) runs only the tests whose title matches it; with
 * E2E_GREP_INVERT=1, all the others.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 90_000, color: false, reporter: 'spec' });
  if (process.env.E2E_GREP) {
    mocha.grep(process.env.E2E_GREP);
    if (process.env.E2E_GREP_INVERT === '1') mocha.invert();
  }
  for (const name of fs
    .readdirSync(__dirname)
    .filter((n) => n.endsWith('.test.js'))
    .sort()) {
    mocha.addFile(path.join(__dirname, name));
  }
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        const s = runner.stats ?? { tests: 0, passes: 0, failures, pending: 0 };
        console.log(
          `E2E-SUMMARY ${JSON.stringify({ tests: s.tests, passes: s.passes, failures: s.failures, pending: s.pending })}`,
        );
        if (failures > 0) reject(new Error(`${failures} extension-host test(s) failed`));
        else resolve();
      });
    } catch (e) {
      reject(e);
    }
  });
}
