/**
 * The whole configuration in the Problems panel: opening only the main config lists the problems of the
 * fragment it includes (a file that is not open), and the include line carries the summary.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import { codeOf, describeDiagnostics, hasCode, openFile, waitForDiagnostics, wsUri } from './helpers';

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
    assert.equal(summary.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(summary.relatedInformation?.length, 2);
    assert.ok(summary.relatedInformation!.every((r) => r.location.uri.toString() === fragment.toString()));
  });
});
