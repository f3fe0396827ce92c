/**
 * Signs of life in the real extension host: the palette commands exist, Fix All adds every missing module,
 * and the output channel is there without tracing (the client logs the server's state into it).
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import { LANGUAGE_ID, WAIT_MS, codeOf, waitForDiagnostics, hasCode, lacksCode } from './helpers';

const COMMANDS = [
  'lighttpd.restartServer',
  'lighttpd.showOutput',
  'lighttpd.fixAll',
  'lighttpd.checkWithLighttpd',
  'lighttpd.openWalkthrough',
];

describe('palette commands', () => {
  it('registers restart, show output, fix all, check with lighttpd and the walkthrough', async () => {
    const all = new Set(await vscode.commands.getCommands(true));
    for (const c of COMMANDS) assert.ok(all.has(c), `command ${c} is not registered`);
    const pkg = vscode.extensions.getExtension('lighttpd-conf.lighttpd-conf')!.packageJSON as {
      contributes: { commands: { command: string }[]; walkthroughs: { id: string; steps: unknown[] }[] };
    };
    for (const c of COMMANDS)
      assert.ok(
        pkg.contributes.commands.some((x) => x.command === c),
        `${c} in package.json`,
      );
    assert.equal(pkg.contributes.walkthroughs[0].id, 'lighttpd.gettingStarted');
  });

  it('Fix All adds every missing module in one edit', async () => {
    const content =
      'server.modules = ( "mod_access" )\nproxy.server = ( "" => ( ( "host" => "127.0.0.1", "port" => 8000 ) ) )\n' +
      'scgi.server = ( "/app" => ( ( "host" => "127.0.0.1", "port" => 4000, "check-local" => "disable" ) ) )\n';
    const doc = await vscode.workspace.openTextDocument({ language: LANGUAGE_ID, content });
    await vscode.window.showTextDocument(doc);
    const ds = await waitForDiagnostics(doc.uri, hasCode('module-not-loaded'), 'module-not-loaded');
    assert.equal(ds.filter((d) => codeOf(d) === 'module-not-loaded').length, 2);
    assert.equal(await vscode.commands.executeCommand('lighttpd.fixAll'), true);
    assert.match(doc.getText(), /^server\.modules = \( "mod_access", "mod_proxy", "mod_scgi" \)/);
    await waitForDiagnostics(doc.uri, lacksCode('module-not-loaded'), 'module-not-loaded to go away');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('Restart Language Server brings the server back', async function () {
    this.timeout(WAIT_MS * 2);
    await vscode.commands.executeCommand('lighttpd.restartServer');
    const doc = await vscode.workspace.openTextDocument({
      language: LANGUAGE_ID,
      content: 'proxy.server = ( "" => ( ( "host" => "127.0.0.1" ) ) )\n',
    });
    await vscode.window.showTextDocument(doc);
    await waitForDiagnostics(doc.uri, hasCode('module-not-loaded'), 'diagnostics after the restart');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
