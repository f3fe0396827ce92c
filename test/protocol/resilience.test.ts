/**
 * Server resilience over stdio: a handler that throws (test hook LIGHTTPD_CONF_TEST_THROW) is logged to the
 * output channel with the document and position and answered null/empty, and the server keeps answering;
 * so does a bug outside every handler. Requests cancelled while they wait are not computed; a burst of
 * edits is checked once, on the latest version. And trust at the server boundary: in an untrusted
 * workspace nothing runs whatever the settings say, also after trust is revoked.
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { NOT_BUILT, SERVER_BUILT, startClient, type TestClient } from './helpers';

const SKIP = SERVER_BUILT ? undefined : NOT_BUILT;
const config =
  'server.document-root = "/srv"\nserver.modules = ( "mod_access" )\nproxy.server = ( "" => ( ( "host" => "127.0.0.1" ) ) )\n';

async function until(what: string, cond: () => boolean, client: TestClient, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end)
      throw new Error(
        `timed out waiting for ${what}; logs: ${JSON.stringify(client.logs())}; stderr: ${client.stderr()}`,
      );
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('handlers that throw are logged and answered; the server keeps serving', { skip: SKIP }, () => {
  test('hover, completion, code actions and validation throw: null/empty answers, logs with URI and position', async () => {
    const client = await startClient({ env: { LIGHTTPD_CONF_TEST_THROW: 'hover,completion,code actions,validation' } });
    try {
      const uri = client.open('resilience.conf', config);
      // Validation threw: an empty list is published for this version (never nothing, never a crash).
      assert.deepEqual(await client.diagnostics(uri), []);
      const at = { line: 2, character: 3 };
      for (let round = 0; round < 2; round++) {
        assert.equal(await client.request('textDocument/hover', { textDocument: { uri }, position: at }), null);
        assert.equal(
          await client.request('textDocument/completion', {
            textDocument: { uri },
            position: { line: 3, character: 0 },
          }),
          null,
        );
        const range = { start: { line: 2, character: 0 }, end: { line: 2, character: 12 } };
        assert.deepEqual(
          await client.request('textDocument/codeAction', {
            textDocument: { uri },
            range,
            context: { diagnostics: [] },
          }),
          [],
        );
      }
      // The other handlers still answer, on the same document.
      const symbols = await client.request<{ name: string }[]>('textDocument/documentSymbol', {
        textDocument: { uri },
      });
      assert.ok(
        symbols.some((s) => s.name === 'proxy.server'),
        JSON.stringify(symbols),
      );
      assert.equal(client.process.exitCode, null);
      await until('the logs', () => client.logs().filter((l) => / failed for /.test(l)).length >= 7, client);
      const logs = client.logs();
      assert.ok(
        logs.some((l) => l.startsWith(`hover failed for ${uri} at 3:4: Error: test hook`)),
        JSON.stringify(logs),
      );
      assert.ok(logs.some((l) => l.startsWith(`completion failed for ${uri} at 4:1:`)));
      assert.ok(logs.some((l) => l.startsWith(`code actions failed for ${uri} at 3:1:`)));
      assert.ok(logs.some((l) => l.startsWith(`validation failed for ${uri}:`)));
    } finally {
      await client.shutdown();
    }
  });

  test('an exception outside every handler (a timer, a rejected promise) is logged; the server keeps serving', async () => {
    const client = await startClient({ env: { LIGHTTPD_CONF_TEST_THROW: 'uncaught' } });
    try {
      await until(
        'the last-resort logs',
        () => client.logs().filter((l) => /\(the server keeps running\)/.test(l)).length >= 2,
        client,
      );
      const logs = client.logs();
      assert.ok(
        logs.some((l) => l.startsWith('uncaught exception (the server keeps running): Error: test hook')),
        JSON.stringify(logs),
      );
      assert.ok(
        logs.some((l) => l.startsWith('unhandled promise rejection (the server keeps running): Error: test hook')),
      );
      const uri = client.open('alive.conf', config);
      const ds = await client.diagnostics(uri);
      assert.ok(
        ds.some((d) => d.code === 'module-not-loaded'),
        JSON.stringify(ds),
      );
      const hover = await client.request<{ contents: unknown } | null>('textDocument/hover', {
        textDocument: { uri },
        position: { line: 2, character: 3 },
      });
      assert.ok(hover && JSON.stringify(hover.contents).includes('proxy'));
      assert.equal(client.process.exitCode, null);
    } finally {
      await client.shutdown();
    }
  });
});

describe('cancellation and stale work', { skip: SKIP }, () => {
  test('a request cancelled while it waits is answered without being computed', async () => {
    const client = await startClient();
    try {
      const uri = client.open('small.conf', config);
      await client.diagnostics(uri);
      const params = { textDocument: { uri }, position: { line: 2, character: 3 } };
      assert.notEqual(await client.request('textDocument/hover', params), null, 'hover has something to say here');
      // Keep the server busy (checking a large file, synchronously) while the hover and its cancellation
      // arrive: the request is dispatched with its token already cancelled.
      const big = client.open(
        'big.conf',
        'server.document-root = "/srv"\n' +
          Array.from({ length: 150_000 }, (_, i) => `var.v${i} = "value ${i}"`).join('\n') +
          '\n',
      );
      const source = new CancellationTokenSource();
      const hover = client.connection.sendRequest('textDocument/hover', params, source.token);
      source.cancel();
      assert.equal(await hover, null);
      await client.diagnostics(big, () => true, 60_000);
      assert.notEqual(await client.request('textDocument/hover', params), null, 'and it answers again afterwards');
    } finally {
      await client.shutdown();
    }
  });

  test('a burst of edits is checked once, on the latest version: no diagnostics for an outdated version', async () => {
    const client = await startClient({ settings: { validate: { delay: 150 } } });
    try {
      const published: PublishDiagnosticsParams[] = [];
      const uri = client.open('burst.conf', config);
      await client.diagnostics(uri);
      client.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
        if (p.uri === uri) published.push(p);
      });
      for (let v = 2; v <= 20; v++) client.change(uri, v, config + `x${v} = y\n`.repeat(v % 3));
      await until('the check of version 20', () => published.some((p) => p.version === 20), client);
      await new Promise((r) => setTimeout(r, 400));
      // (version 1 may be checked again when the settings arrive, before the burst reaches the server)
      assert.deepEqual(
        published.map((p) => p.version).filter((v) => v !== 1),
        [20],
      );
      const last: Diagnostic[] = published.find((p) => p.version === 20)!.diagnostics;
      // Version 20 has 20 % 3 = 2 copies of `x20 = y`: the second is a duplicate, y is undefined in both.
      assert.equal(last.filter((d) => d.code === 'undefined-variable').length, 2);
    } finally {
      await client.shutdown();
    }
  });
});

describe('trust at the server boundary: nothing runs in an untrusted workspace', { skip: SKIP }, () => {
  let dir = '';
  let fake = '';
  const shellConfig = (tag: string) =>
    `server.document-root = "/srv"\ninclude_shell "touch shell-ran-${tag}; echo 'var.from_shell = 1'"\nserver.modules = ( "mod_access" )\n`;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'lighttpd-trust-boundary-'));
    fake = join(dir, 'fake-lighttpd');
    writeFileSync(fake, '#!/bin/sh\ntouch "$(dirname "$0")/lighttpd-ran"\n');
    chmodSync(fake, 0o755);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  const ran = (name: string) => existsSync(join(dir, name));
  const everything = () => ({ includeShell: { execute: true }, validate: { executable: true }, executablePath: fake });

  async function session(
    trusted: boolean,
    tag: string,
    body: (client: TestClient, uri: string) => Promise<void>,
  ): Promise<void> {
    writeFileSync(join(dir, 'lighttpd.conf'), shellConfig(tag));
    const client = await startClient({
      workspaceFolder: dir,
      initializationOptions: { trusted },
      settings: everything(),
    });
    try {
      const uri = client.open('lighttpd.conf', shellConfig(tag));
      await client.diagnostics(uri);
      await body(client, uri);
    } finally {
      await client.shutdown();
    }
  }

  test('untrusted, with every execution setting on: open, edit and save run nothing', async () => {
    rmSync(join(dir, 'lighttpd-ran'), { force: true });
    await session(false, 'u', async (client, uri) => {
      writeFileSync(join(dir, 'lighttpd.conf'), shellConfig('u2'));
      client.change(uri, 2, shellConfig('u2'));
      await client.diagnostics(uri);
      client.save(uri);
      await new Promise((r) => setTimeout(r, 500));
      assert.equal(ran('shell-ran-u'), false);
      assert.equal(ran('shell-ran-u2'), false);
      assert.equal(ran('lighttpd-ran'), false);
    });
  });

  test('trusted, then revoked (lighttpd/didChangeTrust): it ran before, nothing runs after', async () => {
    rmSync(join(dir, 'lighttpd-ran'), { force: true });
    await session(true, 't', async (client, uri) => {
      await until('include_shell to run in the trusted workspace', () => ran('shell-ran-t'), client);
      client.save(uri);
      await until('lighttpd to run on save', () => ran('lighttpd-ran'), client);
      rmSync(join(dir, 'lighttpd-ran'));
      void client.connection.sendNotification('lighttpd/didChangeTrust', { trusted: false });
      await client.diagnostics(uri); // the re-check after the trust change
      writeFileSync(join(dir, 'lighttpd.conf'), shellConfig('t2'));
      client.change(uri, 2, shellConfig('t2'));
      await client.diagnostics(uri);
      client.save(uri);
      await new Promise((r) => setTimeout(r, 500));
      assert.equal(ran('shell-ran-t2'), false);
      assert.equal(ran('lighttpd-ran'), false);
    });
  });

  test('trusted: a command being typed (unsaved, or with its closing quote missing) never runs; once saved it does', async () => {
    await session(true, 's', async (client, uri) => {
      await until('the saved command to run', () => ran('shell-ran-s'), client);
      const typed = (cmd: string) =>
        `server.document-root = "/srv"\ninclude_shell ${cmd}\nserver.modules = ( "mod_access" )\n`;
      client.change(uri, 2, typed('"touch shell-ran-half'));
      await client.diagnostics(uri);
      client.change(uri, 3, typed('"touch shell-ran-typed"'));
      await client.diagnostics(uri);
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(ran('shell-ran-half'), false);
      assert.equal(ran('shell-ran-typed'), false);
      writeFileSync(join(dir, 'lighttpd.conf'), typed('"touch shell-ran-typed"'));
      client.save(uri);
      void client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 2 }] });
      await until('the command to run once saved', () => ran('shell-ran-typed'), client);
    });
  });

  test('untrusted, then granted: include_shell runs from then on', async () => {
    await session(false, 'g', async (client, uri) => {
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(ran('shell-ran-g'), false);
      void client.connection.sendNotification('lighttpd/didChangeTrust', { trusted: true });
      await until('include_shell to run once trusted', () => ran('shell-ran-g'), client);
      void uri;
    });
  });
});
