/**
 * The request simulator in the real extension host: "lighttpd: Simulate Request…" on a fixture gives the
 * expected matched blocks and handler, the "Simulate" code lens is there, and the effective-configuration
 * document follows an edit of the config.
 */
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { WAIT_MS, wsUri } from './helpers';

const CONFIG = [
  'server.document-root = "/srv/www"',
  'server.modules = ( "mod_redirect", "mod_setenv", "mod_proxy" )',
  '$HTTP["host"] == "example.org" {',
  '  $HTTP["url"] =~ "^/static/" {',
  '    setenv.add-response-header = ( "Cache-Control" => "max-age=3600" )',
  '  }',
  '  else $HTTP["url"] =^ "/app/" {',
  '    proxy.server = ( "" => ( ( "host" => "127.0.0.1", "port" => 8000 ) ) )',
  '  }',
  '}',
  'else $HTTP["host"] =~ "^www\\.(.*)$" {',
  '  url.redirect = ( "^/(.*)" => "https://%1/$1" )',
  '}',
  '',
].join('\n');

interface Result {
  blocks: { headRange: { start: { line: number } }; result: unknown }[];
  json: { handler: { module: string; backends?: { host?: string; port?: number }[]; location?: string } };
}

/** Resolves when `cond` holds, re-checking on every document change; rejects after WAIT_MS. */
function waitForText(doc: () => vscode.TextDocument | undefined, cond: (t: string) => boolean, what: string) {
  return new Promise<string>((resolve, reject) => {
    const check = () => {
      const t = doc()?.getText();
      if (t !== undefined && cond(t)) {
        sub.dispose();
        clearTimeout(timer);
        resolve(t);
      }
    };
    const sub = vscode.workspace.onDidChangeTextDocument(check);
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out waiting for ${what}: ${doc()?.getText().slice(0, 400)}`));
    }, WAIT_MS);
    check();
  });
}

describe('request simulator', () => {
  const uri = wsUri('simulate.lighttpd.conf');
  before(async () => {
    await vscode.workspace.fs.writeFile(uri, Buffer.from(CONFIG));
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, { preview: false });
  });
  after(async () => {
    await vscode.commands.executeCommand('lighttpd.clearSimulation');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(uri);
  });

  it('Simulate Request gives the matched blocks and the handler', async () => {
    const r = await vscode.commands.executeCommand<Result>(
      'lighttpd.simulateRequest',
      uri.toString(),
      undefined,
      'GET http://example.org/app/login',
    );
    assert.ok(r, 'the command returned no result');
    assert.deepEqual(
      r.blocks.map((b) => [b.headRange.start.line, b.result]),
      [
        [2, true],
        [3, false],
        [6, true],
        [10, 'not-evaluated'],
      ],
    );
    assert.equal(r.json.handler.module, 'mod_proxy');
    assert.deepEqual(r.json.handler.backends, [{ host: '127.0.0.1', port: 8000 }]);
    // (the result of this request: other suites, such as the routing map's, may have left results of their own open)
    const shown = vscode.workspace.textDocuments.find(
      (d) => d.uri.scheme === 'lighttpd-simulation' && d.getText().includes('GET http://example.org/app/login'),
    );
    assert.ok(shown, 'the result document is open');
    assert.match(shown.getText(), /Handler: mod_proxy: "" → 127\.0\.0\.1:8000/);
    // It reads like lighttpd: values in lighttpd's syntax (not JSON), in a document that wraps long lines.
    assert.equal(shown.languageId, 'lighttpd-simulation');
    assert.match(
      shown.getText(),
      /^ {2}proxy\.server = \( "" => \( \( "host" => "127\.0\.0\.1", "port" => 8000 \) \) \) {2}\(/m,
    );
    assert.ok(!/= [{[]"/.test(shown.getText()), shown.getText());
    // Every location is a link to its line of the configuration.
    const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', shown.uri);
    const targets = links.map(
      (l) =>
        `${shown.getText(l.range)} -> ${l.target?.with({ fragment: '' }).toString() === uri.toString()}#${l.target?.fragment}`,
    );
    assert.ok(targets.includes('simulate.lighttpd.conf:3 -> true#L3'), targets.join('\n'));
    assert.ok(targets.includes('simulate.lighttpd.conf:8 -> true#L8'), targets.join('\n'));
    const redirect = await vscode.commands.executeCommand<Result>(
      'lighttpd.simulateRequest',
      uri.toString(),
      undefined,
      'GET http://www.example.net/a?b=1',
    );
    assert.equal(redirect.json.handler.location, 'https://example.net/a?b=1');
  });

  it('closing the result removes what the simulation put in the config (its %n hints)', async () => {
    const hints = async () => {
      const doc = await vscode.workspace.openTextDocument(uri);
      const all = await vscode.commands.executeCommand<vscode.InlayHint[]>(
        'vscode.executeInlayHintProvider',
        uri,
        new vscode.Range(0, 0, doc.lineCount, 0),
      );
      return all.map((h) => (typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join('')));
    };
    await vscode.commands.executeCommand(
      'lighttpd.simulateRequest',
      uri.toString(),
      undefined,
      'GET http://www.example.net/a',
    );
    assert.ok((await hints()).includes('="example.net"'), (await hints()).join(', '));
    const tab = vscode.window.tabGroups.all
      .flatMap((g) => g.tabs)
      .find((t) => t.input instanceof vscode.TabInputText && t.input.uri.scheme === 'lighttpd-simulation');
    assert.ok(tab, 'the result is in a tab');
    await vscode.window.tabGroups.close(tab);
    const t0 = Date.now();
    while ((await hints()).includes('="example.net"')) {
      assert.ok(Date.now() - t0 < WAIT_MS, 'the %n hint is still there after the result closed');
      await new Promise((r) => setTimeout(r, 100));
    }
  });

  it('a Simulate code lens sits over each conditional chain', async () => {
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
    const simulate = lenses.filter((l) => l.command?.command === 'lighttpd.simulateRequest');
    assert.deepEqual(
      simulate.map((l) => [l.range.start.line, l.command?.title, l.command?.arguments?.[1]]),
      [
        [2, 'Simulate', 'GET http://example.org/'],
        [3, 'Simulate', 'GET http://localhost/static/'],
      ],
    );
  });

  it('the effective configuration document follows an edit', async () => {
    await vscode.commands.executeCommand('lighttpd.showEffectiveConfiguration', uri.toString());
    const find = () => vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'lighttpd-effective');
    await waitForText(find, (t) => t.includes('"max-age=3600"'), 'the effective configuration');
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())!;
    const at = doc.getText().indexOf('max-age=3600');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(doc.positionAt(at), doc.positionAt(at + 'max-age=3600'.length)), 'no-store');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitForText(find, (t) => t.includes('"no-store"') && !t.includes('max-age=3600'), 'the edit to show');
  });
});
