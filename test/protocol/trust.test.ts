/**
 * Trust: include_shell runs only when the user enabled it AND the workspace is trusted. The command here
 * creates a marker file, so whether it ran is visible on disk.
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { NOT_BUILT, SERVER_BUILT, startClient } from './helpers';

const config =
  'server.document-root = "/srv"\ninclude_shell "touch ran-marker; echo \'server.modules += ( \\"mod_proxy\\" )\'"\nproxy.server = ()\nx = var.from_shell\n';

describe('include_shell and workspace trust', { skip: SERVER_BUILT ? undefined : NOT_BUILT }, () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'lighttpd-trust-'));
    writeFileSync(join(dir, 'lighttpd.conf'), config);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const [name, trusted, execute, runs] of [
    ['untrusted workspace, execution enabled: nothing runs', false, true, false],
    ['trusted workspace, execution not enabled: nothing runs', true, false, false],
    ['trusted workspace, execution enabled: the command runs in the config folder', true, true, true],
  ] as const) {
    test(name, async () => {
      rmSync(join(dir, 'ran-marker'), { force: true });
      const client = await startClient({
        workspaceFolder: dir,
        initializationOptions: { trusted },
        settings: { includeShell: { execute } },
      });
      try {
        const uri = client.open('lighttpd.conf', config);
        // Wait for a publication made after the settings were applied.
        const ds: Diagnostic[] = await client.diagnostics(uri);
        await new Promise((r) => setTimeout(r, 300));
        assert.equal(existsSync(join(dir, 'ran-marker')), runs);
        // Not run: the output is unknown, so neither the module nor the variable it may define is flagged.
        // Run: mod_proxy comes from its output. Either way: no false alarm.
        assert.deepEqual(
          ds.filter((d) => d.code === 'module-not-loaded' || (!runs && d.code === 'undefined-variable')),
          [],
        );
      } finally {
        await client.shutdown();
      }
    });
  }
});
