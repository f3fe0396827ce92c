/**
 * Configuration tests in the real extension host: a `*.lighttpd-test` file next to a config is discovered
 * by the Test Explorer's controller, "lighttpd: Generate Tests for This Configuration" writes and runs a
 * starter file that passes, a change of the config that sends /static to the backend fails exactly the
 * /static test (through VS Code's Testing API: run.failed with expected and actual), the test file gets
 * its language, diagnostics and hover.
 *
 * The config is changed the way a user changes it: an edit of its open editor, then a save. (A write to the
 * disk reaches the open editor and the language server only when the file watcher reports it, which in
 * code-server may be after the next run: that run would read the old text.) The language client sends the
 * edit before any later request, so the run that follows reads the new text.
 */
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { WAIT_MS, codeOf, waitForDiagnostics, wsUri } from './helpers';

const CONFIG = [
  'server.document-root = "/var/www/html"',
  'server.modules = ( "mod_access", "mod_proxy" )',
  '$HTTP["host"] == "example.com" {',
  '  server.document-root = "/var/www/example"',
  '  $HTTP["url"] !~ "^/static" {',
  '    proxy.server = ( "" => ( ( "host" => "127.0.0.1", "port" => 8000 ) ) )',
  '  }',
  '}',
  '',
].join('\n');

interface Reported {
  file: string;
  id: string;
  label: string;
  status: 'pass' | 'fail' | 'unknown' | 'error';
  message: string;
}

/** Replaces the config's text in its editor and saves it (the save also re-runs the tests: runOnSave). */
async function changeConfig(uri: vscode.Uri, text: string): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(uri);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(uri, new vscode.Range(0, 0, doc.lineCount, 0), text);
  assert.ok(await vscode.workspace.applyEdit(edit), 'the edit of the config was not applied');
  assert.equal(doc.getText(), text);
  assert.ok(await doc.save(), 'the config was not saved');
}

describe('configuration tests (Testing API)', function () {
  this.timeout(WAIT_MS * 3);
  const config = wsUri('routes/site.lighttpd.conf');
  const tests = wsUri('routes/site.lighttpd.lighttpd-test');
  before(async () => {
    await vscode.workspace.fs.writeFile(config, Buffer.from(CONFIG));
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(wsUri('routes'), { recursive: true });
  });

  it('Generate Tests writes a starter file that passes at once', async () => {
    const doc = await vscode.workspace.openTextDocument(config);
    await vscode.window.showTextDocument(doc, { preview: false });
    await vscode.commands.executeCommand('lighttpd.generateTests');
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(tests));
    assert.match(text, /^config site\.lighttpd\.conf$/m);
    assert.match(
      text,
      /^GET http:\/\/example\.com\/static\/index\.html -> static \/var\/www\/example\/static\/index\.html/m,
    );
    const opened = vscode.window.activeTextEditor?.document;
    assert.equal(opened?.uri.toString(), tests.toString());
    assert.equal(opened?.languageId, 'lighttpd-test');
    const r = await vscode.commands.executeCommand<Reported[]>('lighttpd.tests.run', tests);
    assert.ok(r.length >= 4, JSON.stringify(r));
    assert.deepEqual(
      r.filter((x) => x.status !== 'pass'),
      [],
    );
  });

  it('a change that sends /static to the backend fails the /static test with expected and actual', async () => {
    await changeConfig(config, CONFIG.replace('"^/static"', '"^/assets"'));
    const r = await vscode.commands.executeCommand<Reported[]>('lighttpd.tests.run', tests);
    assert.deepEqual(
      r.filter((x) => x.status !== 'pass').map((x) => [x.label, x.status, x.message]),
      [
        [
          'GET http://example.com/static/index.html',
          'fail',
          'expected static /var/www/example/static/index.html, got proxy 127.0.0.1:8000',
        ],
      ],
    );
    await changeConfig(config, CONFIG);
    const again = await vscode.commands.executeCommand<Reported[]>('lighttpd.tests.run', tests);
    assert.deepEqual(
      again.filter((x) => x.status !== 'pass'),
      [],
    );
  });

  it('diagnostics and hover in the test file', async () => {
    const doc = await vscode.workspace.openTextDocument(tests);
    const editor = await vscode.window.showTextDocument(doc, { preview: false });
    await editor.edit((e) => e.insert(new vscode.Position(doc.lineCount, 0), 'GET http://example.com/x -> teapot\n'));
    const ds = await waitForDiagnostics(
      tests,
      (d) => d.some((x) => codeOf(x) === 'test-unknown-outcome'),
      'test-unknown-outcome',
    );
    const d = ds.find((x) => codeOf(x) === 'test-unknown-outcome')!;
    assert.equal(d.range.start.line, doc.lineCount - 2);
    const line = doc
      .getText()
      .split('\n')
      .findIndex((l) => l.startsWith('GET http://example.com/static/'));
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      tests,
      new vscode.Position(line, 5),
    );
    const text = hovers
      .flatMap((h) => h.contents)
      .map((c) => (typeof c === 'string' ? c : c.value))
      .join('\n');
    assert.match(text, /✔ passes/);
    assert.match(text, /Handler: static file \/var\/www\/example\/static\/index\.html/);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
