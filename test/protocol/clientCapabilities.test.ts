/**
 * Clients other than VS Code (issue 26), over the real server (dist/server.js --stdio): the settings come from
 * wherever the client puts them, a client that does not answer workspace/configuration (not advertised, null, an
 * error, never) gets its first diagnostics at once, with the defaults; dynamic registration only when offered;
 * completion without snippets; quick fixes of a diagnostic sent back without its data.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpus, loadavg } from 'node:os';
import type { CodeAction, CompletionItem, CompletionList, Diagnostic, TextEdit } from 'vscode-languageserver-protocol';
import { applyEdits, NOT_BUILT, SERVER_BUILT, startClient, type TestClient } from './helpers';

const skip = SERVER_BUILT ? undefined : NOT_BUILT;
// `=^` exists since 1.4.65: with lighttpd.version 1.4.64 it is newer-than-target.
const TEXT =
  'server.modules = ( "mod_access" )\n' +
  'proxy.server = ( "" => ( ( "host" => "127.0.0.1", "port" => 8000 ) ) )\n' +
  '$HTTP["url"] =^ "/a" {\n  url.access-deny = ( "" )\n}\n';
const DEFAULTS = ['module-not-loaded@1'];
const OLD = ['module-not-loaded@1', 'newer-than-target@2'];
const codes = (ds: Diagnostic[]) => ds.map((d) => `${d.code}@${d.range.start.line}`).sort();
// The bound of the issue (first diagnostics < 1 s); on a machine loaded past twice its cores the check itself
// may take longer, so the bound is then 3 s (still far below the 5 s the server once waited).
const loaded = loadavg()[0] > 2 * cpus().length;
const FIRST_MS = loaded ? 3000 : 1000;
const CAPS = (workspace: Record<string, unknown>, snippetSupport = true) => ({
  textDocument: { completion: { completionItem: { snippetSupport } } },
  workspace,
});

async function withClient<T>(options: Parameters<typeof startClient>[0], fn: (c: TestClient) => Promise<T>) {
  const c = await startClient(options);
  try {
    return await fn(c);
  } finally {
    await c.shutdown();
  }
}

/** Opens TEXT and returns the first diagnostics and how long they took after didOpen. */
async function firstDiagnostics(c: TestClient, name = 'lighttpd.conf') {
  const t0 = Date.now();
  const uri = c.open(name, TEXT);
  const diagnostics = await c.diagnostics(uri, () => true, 10_000);
  return { uri, ms: Date.now() - t0, codes: codes(diagnostics) };
}

describe('settings from any client; first diagnostics at once', { skip }, () => {
  const clients: [string, Parameters<typeof startClient>[0]][] = [
    ['does not advertise workspace/configuration', { capabilities: CAPS({}) }],
    ['answers null', { onConfiguration: (items) => items.map(() => null) }],
    ['answers an error', { onConfiguration: () => Promise.reject(new Error('no configuration here')) }],
    ['never answers', { onConfiguration: () => new Promise(() => undefined) }],
  ];
  for (const [name, options] of clients) {
    test(`a client that ${name}: defaults, first diagnostics < ${FIRST_MS} ms`, (t) =>
      withClient(options, async (c) => {
        const r = await firstDiagnostics(c);
        t.diagnostic(`first diagnostics ${r.ms} ms after didOpen`);
        assert.deepEqual(r.codes, DEFAULTS);
        assert.ok(r.ms < FIRST_MS, `first diagnostics after ${r.ms} ms`);
      }));
  }

  test('an answer after the grace: defaults first, then checked again with the settings', (t) =>
    withClient(
      {
        onConfiguration: async (items) => {
          await new Promise((r) => setTimeout(r, 1500));
          return items.map(() => ({ version: '1.4.64' }));
        },
      },
      async (c) => {
        const r = await firstDiagnostics(c);
        t.diagnostic(`first diagnostics ${r.ms} ms after didOpen`);
        assert.deepEqual(r.codes, DEFAULTS);
        assert.ok(r.ms < FIRST_MS, `first diagnostics after ${r.ms} ms`);
        assert.deepEqual(codes(await c.diagnostics(r.uri, (d) => d.length === 2, 10_000)), OLD);
      },
    ));

  test('initializationOptions.lighttpd (Helix, Zed, Kate) are used from the first diagnostics', () =>
    withClient({ capabilities: CAPS({}), initializationOptions: { lighttpd: { version: '1.4.64' } } }, async (c) => {
      assert.deepEqual((await firstDiagnostics(c)).codes, OLD);
    }));

  test('settings pushed with workspace/didChangeConfiguration (Sublime, Neovim without pull) are applied', () =>
    withClient({ capabilities: CAPS({}) }, async (c) => {
      const r = await firstDiagnostics(c);
      assert.deepEqual(r.codes, DEFAULTS);
      void c.connection.sendNotification('workspace/didChangeConfiguration', {
        settings: { lighttpd: { version: '1.4.64' } },
      });
      assert.deepEqual(codes(await c.diagnostics(r.uri, (d) => d.length === 2)), OLD);
      // A push of other servers' sections (eglot sends its whole configuration) changes nothing.
      void c.connection.sendNotification('workspace/didChangeConfiguration', { settings: { pylsp: {} } });
      void c.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
      c.change(r.uri, 2, TEXT + '\n');
      assert.deepEqual(codes(await c.diagnostics(r.uri)), OLD);
    }));
});

describe('dynamic registration only where the client offers it', { skip }, () => {
  test('eglot-like (configuration, no dynamicRegistration): nothing registered', () =>
    withClient({ capabilities: CAPS({ configuration: true, didChangeConfiguration: {} }) }, async (c) => {
      await firstDiagnostics(c);
      await new Promise((r) => setTimeout(r, 300));
      assert.deepEqual(c.registrations(), []);
    }));
  test('VS Code-like (dynamicRegistration): workspace/didChangeConfiguration registered', () =>
    withClient(
      { capabilities: CAPS({ configuration: true, didChangeConfiguration: { dynamicRegistration: true } }) },
      async (c) => {
        await firstDiagnostics(c);
        const deadline = Date.now() + 5000;
        while (!c.registrations().length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
        assert.deepEqual(c.registrations(), ['workspace/didChangeConfiguration']);
      },
    ));
});

describe('editing features for a client without snippets or data', { skip }, () => {
  test('completion: `proxy.` -> plain `proxy.balance = "fair"` over the whole word, no filterText', () =>
    withClient({ capabilities: CAPS({}, false) }, async (c) => {
      const text = 'server.modules = ( "mod_access" )\nproxy.';
      const uri = c.open('lighttpd.conf', text);
      await c.diagnostics(uri);
      const list = await c.request<CompletionList>('textDocument/completion', {
        textDocument: { uri },
        position: { line: 1, character: 6 },
      });
      const items: CompletionItem[] = list.items;
      assert.ok(items.length > 5);
      assert.ok(items.every((i) => i.insertTextFormat !== 2 && i.filterText === undefined));
      const balance = items.find((i) => i.label === 'proxy.balance')!;
      const edit = balance.textEdit as TextEdit;
      assert.deepEqual(edit.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 6 } });
      assert.equal(
        applyEdits(text, [edit, ...(balance.additionalTextEdits ?? [])]),
        'server.modules = ( "mod_access", "mod_proxy" )\nproxy.balance = "fair"',
      );
    }));

  test('code action for module-not-loaded sent back without data (and without source)', () =>
    withClient({ capabilities: CAPS({}) }, async (c) => {
      const uri = c.open('lighttpd.conf', TEXT);
      const [d] = await c.diagnostics(uri, (ds) => ds.length > 0);
      const bare = { range: d.range, message: d.message, code: d.code, severity: d.severity };
      const actions = await c.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri },
        range: d.range,
        context: { diagnostics: [bare] },
      });
      const add = actions.find((a) => /mod_proxy/.test(a.title));
      assert.ok(add, actions.map((a) => a.title).join(' | '));
      assert.match(applyEdits(TEXT, add.edit!.changes![uri]), /^server\.modules = \( "mod_access", "mod_proxy" \)\n/);
    }));
});
