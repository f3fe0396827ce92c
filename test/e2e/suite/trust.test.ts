/**
 * Workspace trust in the real extension host. The same config and settings are checked twice:
 *   - in the main (trusted) session, the control: with `lighttpd.includeShell.execute` and
 *     `lighttpd.validate.executable` on, the config's include_shell and a stand-in lighttpd do run;
 *   - in a second session that `npm run test:e2e` starts with workspace trust on and the folder not trusted
 *     (title "untrusted workspace"), with both settings on in the *user* settings, which VS Code honours even
 *     in Restricted Mode: nothing runs, because the extension tells the server the workspace is not trusted.
 * A marker file is the witness; file-system watchers report its creation.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import {
  WAIT_MS,
  closeAll,
  codeOf,
  describeDiagnostics,
  editAndSave,
  hasCode,
  waitForDiagnostics,
  wsUri,
} from './helpers';

const DIR = 'trust-check';
/** How long the untrusted run watches for a marker after the save (a negative can only be observed for a while). */
const QUIET_MS = 5_000;

interface Fixture {
  readonly config: vscode.Uri;
  readonly shellMarker: string;
  readonly lighttpdMarker: string;
  readonly fakeLighttpd: string;
}

/** trust-check/lighttpd.conf with an include_shell that leaves a marker, and a stand-in `lighttpd` that does too. */
function writeTrustFixture(): Fixture {
  const dir = wsUri(DIR).fsPath;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const fakeLighttpd = path.join(dir, 'fake-lighttpd.sh');
  fs.writeFileSync(
    fakeLighttpd,
    [
      '#!/bin/sh',
      'touch "$(dirname "$0")/lighttpd-ran"',
      'echo "2026-01-01 00:00:00: (server.c.1) WARNING: unknown config-key: server.unknown-thing (ignored)"',
      '',
    ].join('\n'),
    { mode: 0o755 },
  );
  const configPath = path.join(dir, 'lighttpd.conf');
  fs.writeFileSync(
    configPath,
    'server.document-root = "/srv"\ninclude_shell "touch include-shell-ran"\nserver.unknown-thing = 1\n',
  );
  return {
    config: vscode.Uri.file(configPath),
    shellMarker: path.join(dir, 'include-shell-ran'),
    lighttpdMarker: path.join(dir, 'lighttpd-ran'),
    fakeLighttpd,
  };
}

/** Resolves when `file` exists (now, or created later, seen by a watcher); rejects after `timeoutMs`. */
function waitForFile(file: string, what: string, timeoutMs = WAIT_MS): Promise<void> {
  return new Promise((resolve, reject) => {
    const watcher = vscode.workspace.createFileSystemWatcher(
      new vscode.RelativePattern(vscode.Uri.file(path.dirname(file)), path.basename(file)),
    );
    const done = (err?: Error) => {
      watcher.dispose();
      clearTimeout(timer);
      if (err) reject(err);
      else resolve();
    };
    const timer = setTimeout(
      () => (fs.existsSync(file) ? done() : done(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`))),
      timeoutMs,
    );
    watcher.onDidCreate(() => done());
    watcher.onDidChange(() => done());
    if (fs.existsSync(file)) done();
  });
}

describe('workspace trust (trusted workspace)', () => {
  it('control: with the settings on, include_shell and lighttpd run', async function () {
    if (!vscode.workspace.isTrusted) this.skip(); // (the untrusted session runs only the test below)
    const f = writeTrustFixture();
    const config = vscode.workspace.getConfiguration('lighttpd');
    try {
      await config.update('includeShell.execute', true, vscode.ConfigurationTarget.Workspace);
      await config.update('validate.executable', true, vscode.ConfigurationTarget.Workspace);
      await config.update('executablePath', f.fakeLighttpd, vscode.ConfigurationTarget.Workspace);
      const doc = await vscode.workspace.openTextDocument(f.config);
      await vscode.window.showTextDocument(doc);
      await waitForFile(f.shellMarker, 'the include_shell command to run');
      await editAndSave(doc, '# saved\n');
      const ds = await waitForDiagnostics(
        doc.uri,
        hasCode('lighttpd-warning'),
        'the stand-in lighttpd report after save',
      );
      assert.ok(fs.existsSync(f.lighttpdMarker), describeDiagnostics(ds));
    } finally {
      await config.update('includeShell.execute', undefined, vscode.ConfigurationTarget.Workspace);
      await config.update('validate.executable', undefined, vscode.ConfigurationTarget.Workspace);
      await config.update('executablePath', undefined, vscode.ConfigurationTarget.Workspace);
      await closeAll();
      fs.rmSync(wsUri(DIR).fsPath, { recursive: true, force: true });
    }
  });
});

describe('workspace trust (untrusted workspace)', () => {
  it('with every execution setting on in the user settings, opening, editing and saving run nothing', async function () {
    if (vscode.workspace.isTrusted) {
      // Run by the second session of `npm run test:e2e` (trust on, folder not trusted); not meaningful here.
      this.skip();
    }
    const config = vscode.workspace.getConfiguration('lighttpd');
    // The settings say "run": only the trust check can stop it (user settings apply in Restricted Mode).
    assert.equal(
      config.get('includeShell.execute'),
      true,
      'the untrusted session must set lighttpd.includeShell.execute in the user settings',
    );
    assert.equal(
      config.get('validate.executable'),
      true,
      'the untrusted session must set lighttpd.validate.executable in the user settings',
    );
    const f = writeTrustFixture();
    assert.equal(
      config.get('executablePath'),
      f.fakeLighttpd,
      'the untrusted session must point lighttpd.executablePath at the stand-in',
    );
    const ran = Promise.race([
      waitForFile(f.shellMarker, 'include_shell', QUIET_MS * 4).then(() => 'include_shell ran'),
      waitForFile(f.lighttpdMarker, 'lighttpd', QUIET_MS * 4).then(() => 'lighttpd ran'),
    ]).catch(() => undefined);
    try {
      const doc = await vscode.workspace.openTextDocument(f.config);
      await vscode.window.showTextDocument(doc);
      // The server analysed it (the evaluation is where include_shell would run).
      const ds = await waitForDiagnostics(doc.uri, hasCode('unknown-directive'), 'unknown-directive on the config');
      assert.ok(!ds.some((d) => codeOf(d) === 'lighttpd-warning'), describeDiagnostics(ds));
      await editAndSave(doc, 'server.other-unknown = 1\n');
      await waitForDiagnostics(
        doc.uri,
        (x) => x.filter((d) => codeOf(d) === 'unknown-directive').length === 2,
        'the saved version checked',
      );
      const outcome = await Promise.race([ran, new Promise((r) => setTimeout(() => r('nothing ran'), QUIET_MS))]);
      assert.equal(outcome, 'nothing ran');
      assert.ok(!fs.existsSync(f.shellMarker) && !fs.existsSync(f.lighttpdMarker), 'a marker exists');
      assert.ok(
        !vscode.languages.getDiagnostics(doc.uri).some((d) => d.source === 'lighttpd'),
        'lighttpd output was shown',
      );
    } finally {
      await closeAll();
      fs.rmSync(wsUri(DIR).fsPath, { recursive: true, force: true });
    }
  });
});
