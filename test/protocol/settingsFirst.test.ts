/**
 * The first diagnostics of a document are computed with the client's settings: a document opened before
 * the server has read them (the client answers workspace/configuration a little late) is not published with the
 * defaults first (a flash of wrong diagnostics), but once, with the user's lighttpd.version. (The server waits
 * SETTINGS_GRACE_MS, 500 ms, for the answer; a client that answers later or never: clientCapabilities.test.ts.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { NOT_BUILT, SERVER_BUILT, SERVER_JS } from './helpers';

test(
  'a document opened before the settings are read is first published with them',
  {
    skip: SERVER_BUILT ? undefined : NOT_BUILT,
  },
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lighttpd-settings-first-'));
    const proc = spawn(process.execPath, [SERVER_JS, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const conn = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    try {
      const published: PublishDiagnosticsParams[] = [];
      conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => void published.push(p));
      let asked = 0;
      // The client takes its time to answer (as a busy extension host may), within the server's grace.
      conn.onRequest('workspace/configuration', async (p: { items: unknown[] }) => {
        asked++;
        await new Promise((r) => setTimeout(r, 100));
        return p.items.map(() => ({ version: '1.4.64', validate: { delay: 0 } }));
      });
      conn.onRequest('client/registerCapability', () => null);
      conn.listen();
      const root = pathToFileURL(dir).href;
      await conn.sendRequest('initialize', {
        processId: process.pid,
        rootUri: root,
        workspaceFolders: [{ uri: root, name: 'ws' }],
        capabilities: { workspace: { configuration: true, workspaceFolders: true } },
      });
      await conn.sendNotification('initialized', {});
      const uri = pathToFileURL(join(dir, 'lighttpd.conf')).href;
      // `=^` exists since 1.4.65: with the default version (1.4.85) it is fine, with 1.4.64 it is not.
      await conn.sendNotification('textDocument/didOpen', {
        textDocument: {
          uri,
          languageId: 'lighttpd',
          version: 1,
          text: 'server.document-root = "/srv"\n$HTTP["url"] =^ "/a" {\n  server.name = "a"\n}\n',
        },
      });
      const deadline = Date.now() + 15_000;
      while (!published.some((p) => p.uri === uri) && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 20));
      // Anything else the server had to send is sent by now.
      await new Promise((r) => setTimeout(r, 300));
      const mine = published.filter((p) => p.uri === uri);
      assert.ok(asked >= 1, 'the server asked for the settings');
      assert.ok(mine.length >= 1, 'diagnostics were published');
      assert.deepEqual(
        mine[0].diagnostics.map((d) => `${d.code}@${d.range.start.line}`),
        ['newer-than-target@1'],
        'the first publication already uses lighttpd.version 1.4.64',
      );
      for (const p of mine) assert.deepEqual(p.diagnostics, mine[0].diagnostics, 'no other diagnostics in between');
    } finally {
      await conn.sendRequest('shutdown').catch(() => undefined);
      await conn.sendNotification('exit').catch(() => undefined);
      conn.dispose();
      proc.kill();
      rmSync(dir, { recursive: true, force: true });
    }
  },
);
