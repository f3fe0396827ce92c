/**
 * Protocol test: the built server as a child process, driven over JSON-RPC like an editor.
 * The seed configs miss "mod_proxy" / "mod_scgi"; the quick fix must add them and the diagnostics go.
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { applyEdits, fixture, NOT_BUILT, SERVER_BUILT, startClient, type TestClient } from './helpers';

const moduleDiags = (ds: Diagnostic[]) => ds.filter((d) => d.code === 'module-not-loaded');

describe('language server over stdio', { skip: SERVER_BUILT ? undefined : NOT_BUILT }, () => {
  let client: TestClient;
  before(async () => {
    client = await startClient();
  });
  after(async () => {
    await client?.shutdown();
  });

  for (const [seed, key, module] of [
    ['seed/proxy-app.conf', 'proxy.server', 'mod_proxy'],
    ['seed/scgi-app.conf', 'scgi.server', 'mod_scgi'],
  ] as const) {
    test(`${key} without ${module}: diagnostic, quick fix, diagnostic gone`, async () => {
      const text = fixture(seed);
      const uri = client.open(`lighttpd-${module}.conf`, text);
      const diags = moduleDiags(await client.diagnostics(uri));
      assert.equal(diags.length, 1, JSON.stringify(diags));
      const d = diags[0];
      // The diagnostic sits exactly on the key that names the directive.
      const line = text.split('\n')[d.range.start.line];
      assert.equal(line.slice(d.range.start.character, d.range.end.character), key);
      assert.equal(d.range.start.line, d.range.end.line);
      assert.ok(d.message.includes(module) && d.message.includes(key));

      const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri },
        range: d.range,
        context: { diagnostics: [d], only: ['quickfix'] },
      });
      const fix = actions.find((a) => a.isPreferred);
      assert.ok(fix, 'a preferred quick fix');
      assert.equal(fix.kind, 'quickfix');
      assert.ok(fix.title.includes(module));
      const edits = fix.edit?.changes?.[uri];
      assert.ok(edits && edits.length > 0);
      const fixed = applyEdits(text, edits);
      assert.ok(fixed.includes(`"${module}"`));

      client.change(uri, 2, fixed);
      const after = await client.diagnostics(uri, (ds) => moduleDiags(ds).length === 0);
      assert.deepEqual(
        after.filter((x) => x.severity === 1),
        [],
        'no errors left after the fix',
      );
    });
  }

  test('diagnostics update on save and on change, and clear on close', async () => {
    const uri = client.open('lighttpd-save.conf', 'server.port = 80\n');
    assert.deepEqual(await client.diagnostics(uri), []);
    client.change(uri, 2, 'server.port = 80\nserver.modules = ( "mod_access" "mod_proxy" )\n');
    client.save(uri);
    const ds = await client.diagnostics(uri, (d) => d.length > 0);
    assert.deepEqual(
      ds.map((d) => d.code),
      ['syntax-missing-comma'],
    );
    client.close(uri);
    assert.deepEqual(await client.diagnostics(uri), []);
  });

  test('fix-all action adds every missing module in one edit', async () => {
    const text =
      'server.modules = ( "mod_access" )\nproxy.server = ( "" => ( ( "host" => "127.0.0.1" ) ) )\nscgi.server = ( "/" => ( ( "host" => "127.0.0.1", "port" => 4000 ) ) )\n';
    const uri = client.open('lighttpd-fixall.conf', text);
    const diags = moduleDiags(await client.diagnostics(uri));
    assert.equal(diags.length, 2);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    assert.equal(actions.length, 1);
    const fixed = applyEdits(text, actions[0].edit!.changes![uri]);
    assert.ok(fixed.startsWith('server.modules = ( "mod_access", "mod_proxy", "mod_scgi" )'), fixed);
  });
});
