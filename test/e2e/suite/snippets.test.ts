/**
 * The deployment snippets as VS Code offers them (served by the language server's completion): listed by the
 * completion machinery for a lighttpd document where a statement may start, and inserted with their
 * placeholders' defaults.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import { LANGUAGE_ID } from './helpers';

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

async function snippetItems(doc: vscode.TextDocument, position: vscode.Position): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>(
    'vscode.executeCompletionItemProvider',
    doc.uri,
    position,
  );
  return (list?.items ?? []).filter((i) => i.kind === vscode.CompletionItemKind.Snippet);
}

describe('snippets', () => {
  it('lists each snippet once, the proxy one first, in an empty lighttpd file', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: LANGUAGE_ID, content: '' });
    const items = await snippetItems(doc, new vscode.Position(0, 0));
    const labels = items.map(labelOf);
    for (const prefix of ['lighttpd-proxy', 'lighttpd-scgi']) {
      assert.ok(labels.includes(prefix), `no snippet "${prefix}" among ${JSON.stringify(labels)}`);
    }
    assert.equal(new Set(labels).size, labels.length, `a snippet listed twice: ${JSON.stringify(labels)}`);
    assert.equal(labels.length, 7, `7 snippets: ${JSON.stringify(labels)}`);
    const sorted = [...items].sort((a, b) => (a.sortText ?? labelOf(a)).localeCompare(b.sortText ?? labelOf(b)));
    assert.equal(labelOf(sorted[0]), 'lighttpd-proxy');
  });

  it('offers no block snippet after `server.event-handler = `', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: LANGUAGE_ID, content: 'server.event-handler = ' });
    const labels = (await snippetItems(doc, new vscode.Position(0, 23))).map(labelOf);
    assert.ok(!labels.some((l) => l.startsWith('lighttpd-')), `offered after "=": ${JSON.stringify(labels)}`);
  });

  it('is not offered for a plain text file', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'plaintext', content: '' });
    const labels = (await snippetItems(doc, new vscode.Position(0, 0))).map(labelOf);
    assert.ok(!labels.includes('lighttpd-proxy'), `offered in plaintext: ${JSON.stringify(labels)}`);
  });

  it('inserts the SCGI snippet with mod_scgi and check-local disabled', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: LANGUAGE_ID, content: '' });
    const editor = await vscode.window.showTextDocument(doc);
    const item = (await snippetItems(doc, new vscode.Position(0, 0))).find((i) => labelOf(i) === 'lighttpd-scgi');
    assert.ok(item, 'lighttpd-scgi snippet not offered');
    const body = item.insertText;
    assert.ok(body instanceof vscode.SnippetString, `insertText is ${typeof body}`);
    assert.equal(await editor.insertSnippet(body), true);
    const text = doc.getText();
    assert.match(text, /^server\.modules \+= \( "mod_scgi" \)/);
    assert.match(text, /\$HTTP\["host"\] == "example\.com" \{/);
    assert.match(text, /scgi\.server = \( "\/" => \(/);
    assert.match(text, /"check-local" => "disable"/);
    assert.doesNotMatch(text, /\$\{\d/, 'placeholder syntax left in the text');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
