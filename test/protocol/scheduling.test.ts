/**
 * Which open documents the server re-checks after an edit (server.ts scheduleAffected / validate): the
 * edited one and those whose configuration reads it — not every open document — plus the documents an
 * edit starts to include. Requests cancelled while they waited are not computed.
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { NOT_BUILT, SERVER_BUILT, SERVER_JS } from './helpers';

const FILES: Record<string, string> = {
  'a/lighttpd.conf': 'server.document-root = "/srv/a"\ninclude "conf.d/*.conf"\n',
  'a/conf.d/one.conf': 'server.port = 8080\n',
  'b/lighttpd.conf': 'server.document-root = "/srv/b"\nserver.modules = ( "mod_access" )\n',
  'b/app.conf': 'proxy.balance = "hash"\n',
};

describe('re-checking after an edit', { skip: SERVER_BUILT ? undefined : NOT_BUILT }, () => {
  let dir = '';
  let proc: ChildProcess;
  let conn: MessageConnection;
  const published: PublishDiagnosticsParams[] = [];
  const versions = new Map<string, number>();
  const uri = (rel: string) => pathToFileURL(join(dir, rel)).href;
  /** Resolves with the first diagnostics of `u` for `version` (already published or still to come). */
  const publishedFor = (u: string, version: number) =>
    new Promise<PublishDiagnosticsParams>((resolve) => {
      const poll = () => {
        const p = published.find((x) => x.uri === u && x.version === version);
        if (p) resolve(p);
        else setImmediate(poll);
      };
      poll();
    });
  const open = async (rel: string, text = FILES[rel]) => {
    versions.set(uri(rel), 1);
    await conn.sendNotification('textDocument/didOpen', {
      textDocument: { uri: uri(rel), languageId: 'lighttpd', version: 1, text },
    });
    return publishedFor(uri(rel), 1);
  };
  const change = async (rel: string, text: string) => {
    const version = (versions.get(uri(rel)) ?? 1) + 1;
    versions.set(uri(rel), version);
    await conn.sendNotification('textDocument/didChange', {
      textDocument: { uri: uri(rel), version },
      contentChanges: [{ text }],
    });
    return publishedFor(uri(rel), version);
  };
  /** A request answered after everything the server sent before it (messages are handled in order). */
  const barrier = () =>
    conn.sendRequest('textDocument/hover', {
      textDocument: { uri: uri('a/lighttpd.conf') },
      position: { line: 0, character: 0 },
    });

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lighttpd-sched-'));
    for (const [rel, text] of Object.entries(FILES)) {
      mkdirSync(join(dir, rel, '..'), { recursive: true });
      writeFileSync(join(dir, rel), text);
    }
    proc = spawn(process.execPath, [SERVER_JS, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    conn = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => void published.push(p));
    conn.onRequest('workspace/configuration', (p: { items: unknown[] }) =>
      p.items.map(() => ({ validate: { delay: 0 } })),
    );
    conn.onRequest('client/registerCapability', () => null);
    conn.listen();
    await conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(dir).href,
      workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'ws' }],
      capabilities: { workspace: { configuration: true } },
    });
    await conn.sendNotification('initialized', {});
    await barrier();
  });
  after(() => {
    conn?.dispose();
    proc?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  test('an edit re-checks the edited file and the config that includes it, not an unrelated config', async () => {
    await open('a/lighttpd.conf');
    await open('a/conf.d/one.conf');
    await open('b/lighttpd.conf');
    await barrier();
    const mark = published.length;
    await change('a/conf.d/one.conf', 'server.port = 8081\n');
    await barrier();
    const uris = new Set(published.slice(mark).map((p) => p.uri));
    assert.ok(uris.has(uri('a/conf.d/one.conf')));
    assert.ok(uris.has(uri('a/lighttpd.conf')), 'the including config is re-checked');
    assert.ok(!uris.has(uri('b/lighttpd.conf')), 'the unrelated config is not');
  });

  test('a document an edit starts to include is re-checked in its new context', async () => {
    const before = await open('b/app.conf');
    // Alone it is a lenient fragment: nothing about modules.
    assert.deepEqual(
      before.diagnostics.filter((d) => d.code === 'module-not-loaded'),
      [],
    );
    const mark = published.length;
    await change('b/lighttpd.conf', FILES['b/lighttpd.conf'] + 'include "app.conf"\n');
    await barrier();
    const app = published
      .slice(mark)
      .filter((p) => p.uri === uri('b/app.conf'))
      .pop();
    assert.ok(app, 'app.conf was re-checked');
    assert.deepEqual(
      app.diagnostics.filter((d) => d.code === 'module-not-loaded').map((d) => d.range.start.line),
      [0],
    );
  });

  test('a request cancelled before it ran is answered without being computed', async () => {
    // A completion and its cancellation reach the server in one read (one write of less than PIPE_BUF bytes on an
    // idle server): the request is still queued when the cancellation is read, so it must never be computed.
    // (Sent as two writes behind a large edit, whether the cancellation arrived before the server took the
    // request up depended on timing: seen to fail once under load.)
    const big = Array.from(
      { length: 3000 },
      (_, i) => `$HTTP["host"] == "h${i}" {\n  server.document-root = "/srv/${i}"\n}\n`,
    ).join('');
    await change('a/conf.d/one.conf', big);
    await barrier();
    const id = 'cancelled-before-it-ran';
    const frame = (message: object) => {
      const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
      return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
    };
    const answer = new Promise<{ result?: unknown; error?: { code?: number } }>((resolve) => {
      let buffered = Buffer.alloc(0);
      const onData = (chunk: Buffer) => {
        buffered = Buffer.concat([buffered, chunk]);
        for (;;) {
          const head = buffered.indexOf('\r\n\r\n');
          if (head < 0) return;
          const length = Number(/Content-Length: (\d+)/i.exec(buffered.subarray(0, head).toString('ascii'))?.[1]);
          if (buffered.length < head + 4 + length) return;
          const message = JSON.parse(buffered.subarray(head + 4, head + 4 + length).toString('utf8'));
          buffered = buffered.subarray(head + 4 + length);
          if (message.id === id) {
            proc.stdout!.off('data', onData);
            resolve(message);
          }
        }
      };
      proc.stdout!.on('data', onData);
    });
    const both = Buffer.concat([
      frame({
        id,
        method: 'textDocument/completion',
        params: { textDocument: { uri: uri('a/conf.d/one.conf') }, position: { line: 1, character: 2 } },
      }),
      frame({ method: '$/cancelRequest', params: { id } }),
    ]);
    assert.ok(both.length < 4096, 'one atomic write');
    proc.stdin!.write(both);
    const result = await answer;
    // Either the server answered "cancelled" or the empty fallback: never a computed list.
    assert.ok(
      result.error?.code === -32800 || (result.error === undefined && result.result === null),
      JSON.stringify(result).slice(0, 200),
    );
  });
});
