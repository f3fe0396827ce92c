/**
 * The whole configuration in the Problems panel: opening only the main config lists the problems of the
 * fragment it includes (a file that is not open), and the include line carries the summary. A copy of an
 * installed layout whose absolute include reads this machine's files gets include-outside-workspace, and its
 * quick fix writes lighttpd.pathMappings (the client's lighttpd.addPathMapping) so that the copy is checked.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import {
  codeOf,
  describeDiagnostics,
  hasCode,
  lacksCode,
  openFile,
  quickFixesAt,
  waitForDiagnostics,
  wsUri,
} from './helpers';

describe('whole configuration', () => {
  it('opening only the main config shows the included fragment in the Problems list', async () => {
    const fragment = wsUri('whole/lighttpd/conf.d/10-proxy.conf');
    assert.ok(
      !vscode.workspace.textDocuments.some((d) => d.uri.toString() === fragment.toString()),
      'the fragment is not open',
    );
    const main = await openFile('whole/lighttpd/main.conf');
    const ds = await waitForDiagnostics(
      fragment,
      (x) => hasCode('module-not-loaded')(x) && hasCode('syntax-semicolon')(x),
      'the fragment diagnostics',
    );
    assert.deepEqual(ds.map((d) => `${codeOf(d)}@${d.range.start.line}`).sort(), [
      'module-not-loaded@0',
      'syntax-semicolon@1',
    ]);
    const mine = await waitForDiagnostics(main.uri, hasCode('included-problems'), 'included-problems');
    const summary = mine.find((d) => codeOf(d) === 'included-problems')!;
    assert.equal(summary.range.start.line, 3, describeDiagnostics(mine));
    // One mistake counts once: the fragment's problems are listed on it, the include line only points at them.
    assert.equal(summary.severity, vscode.DiagnosticSeverity.Hint);
    assert.equal(summary.relatedInformation?.length, 2);
    const errorsIn = (uri: vscode.Uri) =>
      vscode.languages.getDiagnostics(uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length;
    assert.equal(errorsIn(main.uri), 0, 'no error counted on the main config for the fragment');
    assert.equal(errorsIn(fragment), 2);
    assert.ok(summary.relatedInformation!.every((r) => r.location.uri.toString() === fragment.toString()));
  });

  it('include-outside-workspace: the quick fix writes lighttpd.pathMappings and the copy is checked', async () => {
    const config = () => vscode.workspace.getConfiguration('lighttpd');
    const main = await openFile('verbatim/lighttpd.conf');
    const ds = await waitForDiagnostics(main.uri, hasCode('include-outside-workspace'), 'include-outside-workspace');
    const hint = ds.find((d) => codeOf(d) === 'include-outside-workspace')!;
    assert.equal(hint.range.start.line, 2, describeDiagnostics(ds));
    assert.equal(hint.severity, vscode.DiagnosticSeverity.Hint);
    // The fix maps to the one workspace copy there is. (An earlier suite deletes another copy of an installed
    // layout: until the editor's watcher has told the server, that copy may still be offered.)
    const mapsToVerbatim = (a: vscode.CodeAction) =>
      a.command?.command === 'lighttpd.addPathMapping' &&
      JSON.stringify(a.command.arguments ?? []).includes('verbatim/etc/lighttpd');
    let fix: vscode.CodeAction | undefined;
    for (const end = Date.now() + 15_000; !fix && Date.now() < end; ) {
      fix = (await quickFixesAt(main, hint.range)).find(mapsToVerbatim);
      if (!fix) await new Promise((r) => setTimeout(r, 250));
    }
    assert.ok(fix?.command, 'a quick fix running lighttpd.addPathMapping to the workspace copy verbatim/etc/lighttpd');
    try {
      await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
      assert.deepEqual(config().inspect('pathMappings')?.workspaceValue, {
        '/etc/lighttpd': '${workspaceFolder}/verbatim/etc/lighttpd',
      });
      // The copy is now read through the mapping: checked with the main config's modules.
      await waitForDiagnostics(
        wsUri('verbatim/etc/lighttpd/conf-enabled/50-app.conf'),
        hasCode('module-not-loaded'),
        'module-not-loaded in the workspace copy',
      );
      await waitForDiagnostics(main.uri, lacksCode('include-outside-workspace'), 'the hint gone');
    } finally {
      await config().update('pathMappings', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});
