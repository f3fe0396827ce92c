/**
 * The server advertises '(' and ',' as completion triggers and answers them inside server.modules only.
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { CompletionList } from 'vscode-languageserver-protocol';
import { NOT_BUILT, SERVER_BUILT, startClient, type TestClient } from './helpers';

describe('completion trigger characters over stdio', { skip: SERVER_BUILT ? undefined : NOT_BUILT }, () => {
  let client: TestClient;
  before(async () => {
    client = await startClient();
  });
  after(async () => {
    await client?.shutdown();
  });

  test("'(' and ',' are advertised", () => {
    const provider = client.initializeResult.capabilities.completionProvider as { triggerCharacters: string[] };
    assert.ok(provider.triggerCharacters.includes('('));
    assert.ok(provider.triggerCharacters.includes(','));
  });

  test("typing '(' after server.modules = lists modules; ',' in a plain list nothing", async () => {
    const text = 'server.modules = (\nindex-file.names = ( "index.html",\n';
    const uri = client.open('untitled:triggers', text);
    const ask = (line: number, character: number, triggerCharacter: string) =>
      client.request<CompletionList>('textDocument/completion', {
        textDocument: { uri },
        position: { line, character },
        context: { triggerKind: 2, triggerCharacter },
      });
    const modules = await ask(0, 18, '(');
    assert.ok(modules.items.some((i) => i.label === 'mod_proxy'));
    assert.deepEqual((await ask(1, 34, ',')).items, []);
  });
});
