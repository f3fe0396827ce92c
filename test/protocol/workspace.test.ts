/**
 * Multi-file configurations through the real server: an unsaved edit in an included file changes the
 * diagnostics of the config that includes it.
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { NOT_BUILT, SERVER_BUILT, startClient, type TestClient } from './helpers';

const moduleDiags = (ds: Diagnostic[]) => ds.filter((d) => d.code === 'module-not-loaded');

describe('workspace with includes', { skip: SERVER_BUILT ? undefined : NOT_BUILT }, () => {
  let dir = '';
  let client: TestClient;
  const main =
    'server.document-root = "/srv/www"\ninclude "conf.d/*.conf"\nproxy.server = ( "" => ( ( "host" => "127.0.0.1", "port" => 8000 ) ) )\n';
  const inc = 'server.modules += ( "mod_proxy" )\n';
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lighttpd-proto-'));
    writeFileSync(join(dir, 'lighttpd.conf'), main);
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(dir, 'conf.d'));
    writeFileSync(join(dir, 'conf.d', '10-proxy.conf'), inc);
    client = await startClient({ workspaceFolder: dir });
  });
  after(async () => {
    await client?.shutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  test('the main file sees the module loaded by the included file; an unsaved edit there changes it', async () => {
    const mainUri = client.open('lighttpd.conf', main);
    assert.deepEqual(moduleDiags(await client.diagnostics(mainUri)), []);
    const incUri = client.open('conf.d/10-proxy.conf', inc);
    assert.deepEqual(await client.diagnostics(incUri), []);
    // Remove the module in the included file, without saving.
    client.change(incUri, 2, 'server.modules += ( )\n');
    const ds = await client.diagnostics(mainUri, (d) => moduleDiags(d).length === 1);
    assert.equal(ds[0].range.start.line, 2);
    // Undo: the main file is clean again.
    client.change(incUri, 3, inc);
    await client.diagnostics(mainUri, (d) => moduleDiags(d).length === 0);
  });

  test('a fragment is checked in the context of the config that includes it', async () => {
    const uri = client.open('conf.d/20-app.conf', 'proxy.balance = "hash"\n');
    // Not on disk yet: a fragment of its own, lenient.
    assert.deepEqual(moduleDiags(await client.diagnostics(uri)), []);
  });
});
