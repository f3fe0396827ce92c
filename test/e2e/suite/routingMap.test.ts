/**
 * "lighttpd: Show Routing Map" in the real extension host: the map of a config opens beside it with the
 * boxes the server draws, follows an edit, and after "Simulate Request…" holds the request's path (the
 * webview itself is driven by the UI test: clicking a box reveals its line). lighttpd.routingMap.state is the
 * command that reports what the open map shows.
 */
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { WAIT_MS, wsUri } from './helpers';

const CONFIG = [
  'server.document-root = "/var/www/html"',
  'server.modules = ( "mod_proxy" )',
  '$HTTP["host"] == "example.org" {',
  '  server.document-root = "/var/www/example.org"',
  '  $HTTP["url"] !~ "^/static" {',
  '    proxy.server = ( "" => ( ( "host" => "127.0.0.1", "port" => 1082 ) ) )',
  '  }',
  '}',
  '',
].join('\n');

interface MapState {
  uri: string;
  path: string[];
  request?: string;
  nodes: string[];
}

async function waitForState(uri: string, cond: (s: MapState) => boolean, what: string): Promise<MapState> {
  const until = Date.now() + WAIT_MS;
  let s: MapState | undefined;
  for (;;) {
    s = await vscode.commands.executeCommand<MapState | undefined>('lighttpd.routingMap.state', uri);
    if (s && cond(s)) return s;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(s)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('routing map', () => {
  const uri = wsUri('map.lighttpd.conf');
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

  it('opens beside the config with a box per listener, block and handler', async () => {
    const s = await vscode.commands.executeCommand<MapState>('lighttpd.showRoutingMap', uri);
    assert.equal(s.uri, uri.toString());
    assert.deepEqual(s.nodes, ['n0', 'n1', 'n2', 'h2', 'h1', 'h0']);
    // (the tab model reaches the extension host a moment after the panel exists)
    const isMap = (t: vscode.Tab) =>
      t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('lighttpd.routingMap');
    let tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs);
    for (const until = Date.now() + WAIT_MS; !tabs.some(isMap) && Date.now() < until; ) {
      await new Promise((r) => setTimeout(r, 100));
      tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs);
    }
    const tab = tabs.find(isMap);
    assert.ok(tab, `a routing map tab among ${tabs.map((t) => t.label).join(', ')}`);
    assert.match(tab.label, /^Routing map/); // (its title names the file once the first map arrived)
  });

  it('follows an edit of the config', async () => {
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
    await editor.edit((e) =>
      e.insert(new vscode.Position(doc.lineCount - 1, 0), '$HTTP["url"] =^ "/old/" { url.access-deny = ( "" ) }\n'),
    );
    await waitForState(uri.toString(), (s) => s.nodes.includes('n3') && s.nodes.includes('h3'), 'the new block');
  });

  it("highlights a simulated request's path", async () => {
    await vscode.commands.executeCommand(
      'lighttpd.simulateRequest',
      uri.toString(),
      undefined,
      'GET http://example.org/app',
    );
    const s = await waitForState(uri.toString(), (x) => x.path.length > 0, 'a highlighted path');
    assert.deepEqual(s.path, ['n0', 'n1', 'n2', 'h2']);
    assert.equal(s.request, 'GET http://example.org/app');
    await vscode.commands.executeCommand('lighttpd.clearSimulation');
    await waitForState(uri.toString(), (x) => x.path.length === 0, 'the highlight cleared');
  });
});
