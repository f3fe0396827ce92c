/**
 * Language features through VS Code's own provider commands: completion, hover, document symbols, folding and
 * formatting. Each test first checks that the language server advertises the capability; while it does not,
 * the test reports itself skipped (with the reason) rather than passing on an empty answer.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import { LANGUAGE_ID, openFile, positionOf, requireCapability, wsUri } from './helpers';

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}

async function complete(content: string): Promise<{ doc: vscode.TextDocument; items: vscode.CompletionItem[] }> {
  const doc = await vscode.workspace.openTextDocument({ language: LANGUAGE_ID, content });
  const end = doc.positionAt(content.length);
  const list = await vscode.commands.executeCommand<vscode.CompletionList>(
    'vscode.executeCompletionItemProvider',
    doc.uri,
    end,
  );
  return { doc, items: (list?.items ?? []).filter((i) => i.kind !== vscode.CompletionItemKind.Snippet) };
}

describe('completion', () => {
  it('offers directive names at the start of a statement', async function () {
    await requireCapability(this, 'completionProvider', 'completion');
    const { items } = await complete('server.modules = ( "mod_access" )\nserver.doc');
    const labels = items.map(labelOf);
    assert.ok(labels.includes('server.document-root'), `labels: ${JSON.stringify(labels.slice(0, 20))}`);
    assert.ok(!labels.includes('proxy.server'), 'unrelated directives are not filtered out');
  });

  it('adds the module to server.modules when a directive of an unloaded module is accepted', async function () {
    await requireCapability(this, 'completionProvider', 'completion');
    const { items } = await complete('server.modules = ( "mod_access" )\nproxy.ser');
    const item = items.find((i) => labelOf(i) === 'proxy.server');
    assert.ok(item, `no proxy.server among ${JSON.stringify(items.map(labelOf).slice(0, 20))}`);
    const extra = item.additionalTextEdits ?? [];
    assert.equal(extra.length, 1, JSON.stringify(extra));
    assert.equal(extra[0].range.start.line, 0);
    assert.match(extra[0].newText, /"mod_proxy"/);
  });

  it('on Linux (lighttpd.platform unset) kqueue is no plain choice: last, struck through, with the reason', async function () {
    await requireCapability(this, 'completionProvider', 'completion');
    const content = 'server.event-handler = ""\n';
    const doc = await vscode.workspace.openTextDocument({ language: LANGUAGE_ID, content });
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      doc.uri,
      new vscode.Position(0, 24),
    );
    const items = list?.items ?? [];
    const item = (label: string) => {
      const it = items.find((i) => labelOf(i) === label);
      assert.ok(it, `no ${label} among ${JSON.stringify(items.map(labelOf))}`);
      return it;
    };
    const sortKey = (i: vscode.CompletionItem) => i.sortText ?? labelOf(i);
    for (const label of ['kqueue', 'freebsd-kqueue']) {
      const kq = item(label);
      assert.deepEqual(kq.tags, [vscode.CompletionItemTag.Deprecated], label);
      assert.equal(
        typeof kq.label === 'string' ? undefined : kq.label.description,
        'not on Linux: lighttpd refuses to start',
      );
      for (const ok of ['linux-sysepoll', 'epoll', 'poll', 'select']) {
        assert.equal(item(ok).tags, undefined, ok);
        assert.ok(sortKey(kq) > sortKey(item(ok)), `${label} after ${ok}`);
      }
    }
  });

  it('completes include paths from the main config folder', async function () {
    await requireCapability(this, 'completionProvider', 'completion');
    const uri = wsUri('include-paths.lighttpd.conf');
    const content = 'include "sites/"\n';
    await vscode.workspace.fs.writeFile(uri, Buffer.from(content));
    try {
      const doc = await vscode.workspace.openTextDocument(uri);
      const at = doc.positionAt(content.indexOf('/"') + 1);
      const list = await vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider',
        doc.uri,
        at,
      );
      const labels = (list?.items ?? []).map(labelOf);
      for (const l of ['proxy-app.lighttpd.conf', 'scgi-app.lighttpd.conf'])
        assert.ok(labels.includes(l), `labels: ${JSON.stringify(labels.slice(0, 20))}`);
    } finally {
      await vscode.workspace.fs.delete(uri);
    }
  });
});

describe('hover', () => {
  it('documents a directive under the cursor', async function () {
    await requireCapability(this, 'hoverProvider', 'hover');
    const doc = await openFile('lighttpd.conf');
    const at = positionOf(doc, 'server.port', 0, 3);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at);
    const text = hoverText(hovers ?? []);
    assert.match(text, /server\.port/, `hover: ${text}`);
    assert.ok(text.length > 'server.port'.length + 20, `hover too thin: ${text}`);
    const ranged = (hovers ?? []).find((h) => h.range);
    if (ranged?.range) assert.equal(doc.getText(ranged.range), 'server.port');
  });

  it('documents a module name inside server.modules', async function () {
    await requireCapability(this, 'hoverProvider', 'hover');
    const doc = await openFile('lighttpd.conf');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      doc.uri,
      positionOf(doc, '"mod_proxy"', 0, 4),
    );
    const text = hoverText(hovers ?? []);
    assert.match(text, /mod_proxy/, `hover: ${text}`);
    assert.match(text, /proxy\.server/, `the module's directives are not mentioned: ${text}`);
  });
});

describe('document symbols', () => {
  it('outlines assignments and nested conditions', async function () {
    await requireCapability(this, 'documentSymbolProvider', 'document symbols');
    const doc = await openFile('lighttpd.conf');
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>(
      'vscode.executeDocumentSymbolProvider',
      doc.uri,
    );
    assert.ok(symbols && symbols.length > 0, 'no symbols');
    const names = symbols.map((s) => s.name);
    for (const n of ['server.modules', 'var.basedir', 'server.port'])
      assert.ok(names.includes(n), `top level: ${JSON.stringify(names)}`);
    const host = symbols.find((s) => s.name.includes('app.example.com'));
    assert.ok(host, `no symbol for the host condition among ${JSON.stringify(names)}`);
    assert.equal(host.range.start.line, positionOf(doc, '$HTTP["host"]').line);
    const url = host.children.find((c) => c.name.includes('^/static'));
    assert.ok(url, `host children: ${JSON.stringify(host.children.map((c) => c.name))}`);
    assert.deepEqual(
      url.children.map((c) => c.name),
      ['proxy.server'],
    );
  });
});

describe('folding', () => {
  it('folds the module list and the condition blocks', async function () {
    await requireCapability(this, 'foldingRangeProvider', 'folding');
    const doc = await openFile('lighttpd.conf');
    const ranges = await vscode.commands.executeCommand<vscode.FoldingRange[]>(
      'vscode.executeFoldingRangeProvider',
      doc.uri,
    );
    const starts = (ranges ?? []).map((r) => r.start);
    for (const needle of ['server.modules = (', '$HTTP["host"]', '$HTTP["url"]']) {
      const line = positionOf(doc, needle).line;
      assert.ok(
        starts.includes(line),
        `no folding range starting at line ${line + 1} (${needle}): ${JSON.stringify(ranges)}`,
      );
    }
    const modules = ranges.find((r) => r.start === positionOf(doc, 'server.modules = (').line)!;
    assert.ok(modules.end >= positionOf(doc, '"mod_proxy"').line, `module list fold ends at ${modules.end + 1}`);
  });
});

describe('formatting', () => {
  it('re-indents nested blocks and keeps every token, and is stable', async function () {
    await requireCapability(this, 'documentFormattingProvider', 'formatting');
    const messy = [
      'server.modules=("mod_access","mod_proxy")',
      '$HTTP["host"]=="a.example" {',
      '      $HTTP["url"] !~ "^/static" {',
      'proxy.server = ( "" => ( ( "host" => "127.0.0.1", "port" => 8000 ) ) )',
      '  }',
      '        }',
      '',
    ].join('\n');
    const doc = await vscode.workspace.openTextDocument({ language: LANGUAGE_ID, content: messy });
    await vscode.window.showTextDocument(doc);
    const options = { tabSize: 4, insertSpaces: true };
    const edits = await vscode.commands.executeCommand<vscode.TextEdit[]>(
      'vscode.executeFormatDocumentProvider',
      doc.uri,
      options,
    );
    assert.ok(edits && edits.length > 0, 'no formatting edits for a badly indented file');
    const we = new vscode.WorkspaceEdit();
    we.set(doc.uri, edits);
    assert.equal(await vscode.workspace.applyEdit(we), true);
    const formatted = doc.getText();
    const squash = (s: string) => s.replace(/\s+/g, '');
    assert.equal(squash(formatted), squash(messy), `tokens changed:\n${formatted}`);
    const lines = formatted.split('\n');
    const indentOf = (needle: string) => /^ */.exec(lines.find((l) => l.includes(needle)) ?? '')![0].length;
    assert.equal(indentOf('$HTTP["host"]'), 0, formatted);
    assert.equal(indentOf('$HTTP["url"]'), 4, formatted);
    assert.equal(indentOf('proxy.server'), 8, formatted);
    const again = await vscode.commands.executeCommand<vscode.TextEdit[]>(
      'vscode.executeFormatDocumentProvider',
      doc.uri,
      options,
    );
    const changing = (again ?? []).filter((e) => doc.getText(e.range) !== e.newText);
    assert.deepEqual(changing, [], 'formatting a formatted file changes it again');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
