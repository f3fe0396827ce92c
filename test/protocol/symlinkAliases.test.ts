/**
 * A fragment reached through conf-enabled/ (a symbolic link) and conf-available/ is one file: opened under
 * both names, one document carries its diagnostics (the real path's) and the other name's are cleared.
 */
import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { NOT_BUILT, SERVER_BUILT, startClient, type TestClient } from './helpers';

const dir = realpathSync(mkdtempSync(join(tmpdir(), 'lighttpd-aliases-')));
mkdirSync(join(dir, 'conf-available'));
mkdirSync(join(dir, 'conf-enabled'));
const FRAGMENT = 'proxy.server = ( "" => ( ( "host" => "127.0.0.1", "port" => 8000 ) ) )\n';
writeFileSync(join(dir, 'lighttpd.conf'), 'server.modules = ( "mod_access" )\ninclude "conf-enabled/*.conf"\n');
writeFileSync(join(dir, 'conf-available', '10-proxy.conf'), FRAGMENT);
symlinkSync('../conf-available/10-proxy.conf', join(dir, 'conf-enabled', '10-proxy.conf'));
const real = pathToFileURL(join(dir, 'conf-available', '10-proxy.conf')).href;
const link = pathToFileURL(join(dir, 'conf-enabled', '10-proxy.conf')).href;
after(() => rmSync(dir, { recursive: true, force: true }));

describe('a file opened under two names', { skip: SERVER_BUILT ? undefined : NOT_BUILT }, () => {
  let client: TestClient;
  after(async () => {
    await client?.shutdown();
  });

  test('the link first, then the real path: the real path carries the diagnostics, the link is cleared', async () => {
    client = await startClient({ workspaceFolder: dir });
    const first = client.open(link, FRAGMENT);
    const ds = await client.diagnostics(first, (d) => d.length > 0);
    assert.deepEqual(
      ds.map((d) => d.code),
      ['module-not-loaded'],
    );
    const cleared = client.diagnostics(first, (d) => d.length === 0);
    const second = client.open(real, FRAGMENT);
    const ds2 = await client.diagnostics(second, (d) => d.length > 0);
    assert.deepEqual(
      ds2.map((d) => d.code),
      ['module-not-loaded'],
    );
    await cleared;
  });

  test('closing the real path gives the diagnostics back to the link', async () => {
    const back = client.diagnostics(link, (d) => d.length > 0);
    client.close(real);
    assert.deepEqual(
      (await back).map((d) => d.code),
      ['module-not-loaded'],
    );
  });
});
