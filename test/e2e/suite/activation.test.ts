/**
 * Root hook of the suite: before any test, the extension must activate on a lighttpd file and its language
 * server must answer (a diagnostic arrives). When that fails (server not bundled, client crash) the whole
 * suite stops at once with that one failure instead of every test timing out on its own.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { EXTENSION_ID, hasCode, openFile, waitForDiagnostics } from './helpers';

before(async function () {
  this.timeout(90_000);
  const t0 = Date.now();
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not loaded in this VS Code`);
  const serverJs = path.join(ext.extensionPath, 'dist', 'server.js');
  assert.ok(fs.existsSync(serverJs), `${serverJs} is missing: the language server was not bundled`);
  const doc = await openFile('sites/proxy-app.lighttpd.conf');
  await waitForDiagnostics(
    doc.uri,
    hasCode('module-not-loaded'),
    'the first diagnostic from the language server',
    45_000,
  );
  console.log(
    `  VS Code ${vscode.version} (${vscode.env.appName}, ${vscode.env.remoteName ?? 'local'}): ` +
      `extension active, first diagnostic ${Date.now() - t0} ms after opening a file`,
  );
});

describe('extension', () => {
  it('is active and declares the lighttpd, lighttpd-test and lighttpd-simulation languages', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    assert.equal(ext.isActive, true);
    const languages =
      (ext.packageJSON as { contributes?: { languages?: { id: string }[] } }).contributes?.languages ?? [];
    assert.deepEqual(
      languages.map((l) => l.id),
      ['lighttpd', 'lighttpd-test', 'lighttpd-simulation'],
    );
  });
});
