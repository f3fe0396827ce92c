/**
 * Diagnostics and quick fixes through the real client: module-not-loaded on the seed's proxy config, its
 * quick fix applied as VS Code applies it, and re-validation on save.
 */
import * as assert from 'node:assert/strict';
import { after, describe, it } from 'mocha';
import * as vscode from 'vscode';
import {
  codeOf,
  describeDiagnostics,
  hasCode,
  lacksCode,
  openFile,
  positionOf,
  quickFixesAt,
  waitForDiagnostics,
  wsUri,
} from './helpers';

async function revertAndClose(doc: vscode.TextDocument): Promise<void> {
  await vscode.window.showTextDocument(doc);
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}

describe('module-not-loaded in the editor', () => {
  it('flags proxy.server in the proxy config that lacks mod_proxy, on proxy.server itself', async () => {
    const doc = await openFile('sites/proxy-app.lighttpd.conf');
    const ds = await waitForDiagnostics(doc.uri, hasCode('module-not-loaded'), 'module-not-loaded');
    const mnl = ds.filter((d) => codeOf(d) === 'module-not-loaded');
    assert.equal(mnl.length, 1, describeDiagnostics(ds));
    const d = mnl[0];
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(d.range.start.line, positionOf(doc, 'proxy.server =').line);
    assert.equal(doc.getText(d.range), 'proxy.server');
    // Nothing else is wrong with that file.
    assert.deepEqual(ds.map(codeOf), ['module-not-loaded'], describeDiagnostics(ds));
  });

  it('offers the preferred quick fix, which adds mod_proxy to server.modules and clears the diagnostic', async () => {
    const doc = await openFile('sites/proxy-app.lighttpd.conf');
    const ds = await waitForDiagnostics(doc.uri, hasCode('module-not-loaded'), 'module-not-loaded');
    const diag = ds.find((d) => codeOf(d) === 'module-not-loaded')!;
    const actions = await quickFixesAt(doc, diag.range);
    const fixes = actions.filter((a) => a.kind?.value === vscode.CodeActionKind.QuickFix.value);
    const preferred = fixes.filter((a) => a.isPreferred);
    assert.equal(preferred.length, 1, `quick fixes: ${JSON.stringify(fixes.map((a) => a.title))}`);
    const fix = preferred[0];
    assert.match(fix.title, /mod_proxy/);
    assert.ok(fix.edit, 'the quick fix carries no edit');
    // The fix edits this file only (vscode.executeCodeActionProvider does not hand back `diagnostics`).
    assert.deepEqual(
      fix.edit.entries().map(([u]) => u.toString()),
      [doc.uri.toString()],
    );

    assert.equal(await vscode.workspace.applyEdit(fix.edit), true);
    if (fix.command) await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
    const text = doc.getText();
    const list = text.slice(text.indexOf('server.modules'), text.indexOf(')', text.indexOf('server.modules')) + 1);
    assert.match(list, /"mod_access",\s*\n\s*"mod_accesslog",/, `list now: ${list}`);
    assert.match(list, /"mod_proxy"/, `mod_proxy not inserted into the list: ${list}`);
    assert.equal((list.match(/"mod_proxy"/g) ?? []).length, 1, `mod_proxy inserted more than once: ${list}`);

    const after = await waitForDiagnostics(doc.uri, lacksCode('module-not-loaded'), 'module-not-loaded to go away');
    assert.deepEqual(after.map(codeOf), [], describeDiagnostics(after));
    await revertAndClose(doc);
  });

  it('offers a fix for mod_scgi in the SCGI config too', async () => {
    const doc = await openFile('sites/scgi-app.lighttpd.conf');
    const ds = await waitForDiagnostics(doc.uri, hasCode('module-not-loaded'), 'module-not-loaded');
    const diag = ds.find((d) => codeOf(d) === 'module-not-loaded')!;
    assert.equal(doc.getText(diag.range), 'scgi.server');
    const actions = await quickFixesAt(doc, diag.range);
    const fix = actions.find((a) => a.isPreferred);
    assert.ok(fix?.edit, `no preferred fix among ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.match(fix.title, /mod_scgi/);
  });
});

describe('validation on save', () => {
  const file = 'save-me.lighttpd.conf';
  const config = () => vscode.workspace.getConfiguration('lighttpd');

  after(async () => {
    await config().update('validate.delay', undefined, vscode.ConfigurationTarget.Workspace);
    await config().update('validate.enable', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('re-checks a file when it is saved, without waiting for the typing delay', async () => {
    const uri = wsUri(file);
    await vscode.workspace.fs.writeFile(
      uri,
      Buffer.from(
        [
          'server.modules = ( "mod_access" )',
          'server.document-root = "/srv/www"',
          'scgi.server = ( "/" => ( "app" => ( "host" => "127.0.0.1", "port" => 4000 ) ) )',
          '',
        ].join('\n'),
      ),
    );
    const doc = await openFile(file);
    await waitForDiagnostics(uri, hasCode('module-not-loaded'), 'module-not-loaded for scgi.server');

    // Make typing slow to re-check (5 s, the maximum) so that only a save can explain a quick update. The
    // server pulls the whole `lighttpd` section on each change: switching validation off clears the file's
    // diagnostics, which proves the server has the new delay too; switching it back on brings them back.
    await config().update('validate.delay', 5000, vscode.ConfigurationTarget.Workspace);
    await config().update('validate.enable', false, vscode.ConfigurationTarget.Workspace);
    await waitForDiagnostics(uri, (ds) => ds.length === 0, 'diagnostics cleared with validation off');
    await config().update('validate.enable', undefined, vscode.ConfigurationTarget.Workspace);
    await waitForDiagnostics(uri, hasCode('module-not-loaded'), 'module-not-loaded back with validation on');

    // Fix the file by typing, then save at once.
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, positionOf(doc, '"mod_access"'), '"mod_scgi", ');
    const t0 = Date.now();
    assert.equal(await vscode.workspace.applyEdit(edit), true);
    assert.equal(await doc.save(), true);
    await waitForDiagnostics(uri, lacksCode('module-not-loaded'), 'module-not-loaded to go away on save', 20_000);
    const elapsed = Date.now() - t0;
    console.log(`    diagnostics updated ${elapsed} ms after edit + save (typing delay 5000 ms)`);
    assert.ok(elapsed < 4500, `took ${elapsed} ms: that is the typing delay, not the save`);
    assert.equal(doc.isDirty, false);

    // And a save that breaks the file brings the diagnostic back.
    const breaking = new vscode.WorkspaceEdit();
    const start = positionOf(doc, '"mod_scgi", ');
    breaking.delete(uri, new vscode.Range(start, start.translate(0, '"mod_scgi", '.length)));
    assert.equal(await vscode.workspace.applyEdit(breaking), true);
    const t1 = Date.now();
    assert.equal(await doc.save(), true);
    await waitForDiagnostics(uri, hasCode('module-not-loaded'), 'module-not-loaded back on save', 20_000);
    assert.ok(Date.now() - t1 < 4500, 'second save was not re-checked promptly');
    await revertAndClose(doc);
  });
});
