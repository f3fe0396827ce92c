/**
 * Protocol round trips of the editing features: the built server over stdio, one request per feature.
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type {
  CompletionList,
  DocumentLink,
  DocumentSymbol,
  FoldingRange,
  Hover,
  Location,
  SelectionRange,
  SemanticTokens,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { getRule } from '../../server/src/features/diagnostics/rules';
import { markdownText } from '../../server/src/features/hover/hover';
import { applyEdits, NOT_BUILT, SERVER_BUILT, startClient, type TestClient } from './helpers';

const TEXT = [
  'server.modules = ( "mod_access" )', // 0
  'var.app = "/srv/app"', // 1
  'include "extra.conf"', // 2
  '$HTTP["host"] == "example.org" {', // 3
  'server.document-root = var.app', // 4
  '  proxy.s', // 5
  '}', // 6
  '',
].join('\n');

describe('editing features over stdio', { skip: SERVER_BUILT ? undefined : NOT_BUILT }, () => {
  let client: TestClient;
  let dir: string;
  let uri: string;
  const at = (line: number, character: number) => ({ textDocument: { uri }, position: { line, character } });

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lighttpd-features-'));
    writeFileSync(join(dir, 'extra.conf'), 'server.tag = ""\n');
    client = await startClient();
    uri = client.open(pathToFileURL(join(dir, 'lighttpd.conf')).href, TEXT);
    await client.diagnostics(uri);
  });
  after(async () => {
    await client?.shutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  test('completion: a directive valid in the condition, with the module added', async () => {
    const list = await client.request<CompletionList>('textDocument/completion', at(5, 9));
    const item = list.items.find((i) => i.label === 'proxy.server');
    assert.ok(item, 'proxy.server offered');
    assert.ok(!list.items.some((i) => i.label === 'server.port'), 'no server-only directive in a condition');
    assert.deepEqual(
      item.additionalTextEdits?.map((e) => e.newText),
      [', "mod_proxy"'],
    );
  });

  test('hover: a directive', async () => {
    const h = await client.request<Hover>('textDocument/hover', at(4, 3));
    assert.match((h.contents as { value: string }).value, /^\*\*server\.document-root\*\*/);
    assert.deepEqual(h.range, { start: { line: 4, character: 0 }, end: { line: 4, character: 20 } });
  });

  test('hover: over a security finding, its rule first (code and help line), then the directive', async () => {
    const other = client.open(
      pathToFileURL(join(dir, 'listing.conf')).href,
      'server.modules = ( "mod_dirlisting" )\ndir-listing.activate = "enable"\n',
    );
    const codes = (await client.diagnostics(other)).map((d) => d.code);
    assert.ok(codes.includes('dir-listing-global'), codes.join());
    const h = await client.request<Hover>('textDocument/hover', {
      textDocument: { uri: other },
      position: { line: 1, character: 3 },
    });
    const value = (h.contents as { value: string }).value;
    assert.match(value, /^\*\*`dir-listing-global`\*\* — security warning\n/);
    assert.ok(value.includes(markdownText(getRule('dir-listing-global')!.help!)));
    assert.match(value, /\n---\n\n\*\*dir-listing\.activate\*\* — mod_dirlisting/);
    assert.deepEqual(h.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 20 } });
  });

  test('document symbols: the condition as a container', async () => {
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.deepEqual(
      symbols.map((s) => s.name),
      ['server.modules', 'var.app', 'include "extra.conf"', '$HTTP["host"] == "example.org"'],
    );
    assert.deepEqual(
      symbols[3].children?.map((s) => s.name),
      ['server.document-root', 'proxy.s'],
    );
  });

  test('folding ranges', async () => {
    const ranges = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri } });
    assert.deepEqual(
      ranges.map((r) => [r.startLine, r.endLine]),
      [[3, 5]],
    );
  });

  test('selection ranges', async () => {
    const [r] = await client.request<SelectionRange[]>('textDocument/selectionRange', {
      textDocument: { uri },
      positions: [{ line: 1, character: 13 }],
    });
    assert.deepEqual(r.range, { start: { line: 1, character: 11 }, end: { line: 1, character: 19 } });
    assert.deepEqual(r.parent?.range, { start: { line: 1, character: 10 }, end: { line: 1, character: 20 } });
  });

  test('formatting: whole document and a range', async () => {
    const options = { tabSize: 4, insertSpaces: true };
    const edits = await client.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri }, options });
    assert.equal(applyEdits(TEXT, edits).split('\n')[4], '    server.document-root = var.app');
    const ranged = await client.request<TextEdit[]>('textDocument/rangeFormatting', {
      textDocument: { uri },
      options,
      range: { start: { line: 5, character: 0 }, end: { line: 5, character: 9 } },
    });
    assert.deepEqual(
      ranged.map((e) => [e.range.start.line, e.newText]),
      [[5, '    proxy.s']],
    );
  });

  test('definition and references of a variable', async () => {
    const defs = await client.request<Location[]>('textDocument/definition', at(4, 27));
    assert.deepEqual(
      defs.map((l) => [l.uri, l.range.start.line, l.range.start.character, l.range.end.character]),
      [[uri, 1, 0, 7]],
    );
    const refs = await client.request<Location[]>('textDocument/references', {
      ...at(1, 2),
      context: { includeDeclaration: true },
    });
    assert.deepEqual(
      refs.map((l) => l.range.start.line),
      [1, 4],
    );
  });

  test('rename: prepare, rename, refusal', async () => {
    const prep = await client.request<{ placeholder: string }>('textDocument/prepareRename', at(4, 27));
    assert.equal(prep.placeholder, 'var.app');
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', { ...at(4, 27), newName: 'site' });
    assert.equal(applyEdits(TEXT, edit.changes![uri]).split('\n')[1], 'var.site = "/srv/app"');
    await assert.rejects(client.request('textDocument/rename', { ...at(4, 3), newName: 'x' }), /not a user variable/);
  });

  test('document links on include paths', async () => {
    const links = await client.request<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri } });
    assert.deepEqual(
      links.map((l) => [l.range.start.line, l.target]),
      [[2, pathToFileURL(join(dir, 'extra.conf')).href]],
    );
  });

  test('semantic tokens, full and range', async () => {
    const full = await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } });
    assert.deepEqual(full.data.slice(0, 5), [0, 0, 14, 0, 16]); // server.modules: property, defaultLibrary
    const range = await client.request<SemanticTokens>('textDocument/semanticTokens/range', {
      textDocument: { uri },
      range: { start: { line: 1, character: 0 }, end: { line: 2, character: 0 } },
    });
    assert.deepEqual(range.data, [1, 0, 7, 1, 1]); // var.app: variable, declaration
  });
});
