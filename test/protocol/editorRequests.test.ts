/**
 * The requests behind the status item and the palette commands (server/src/runtime/editorRequests.ts):
 * lighttpd/status names the main config a fragment is checked with; lighttpd/checkWithLighttpd runs the real
 * lighttpd only in a trusted workspace, even without lighttpd.validate.executable (the user asked).
 */
import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { NOT_BUILT, SERVER_BUILT, startClient, type TestClient } from './helpers';
import { LIGHTTPD, NO_LIGHTTPD } from '../helpers/lighttpd';

const dir = mkdtempSync(join(tmpdir(), 'lighttpd-editor-requests-'));
mkdirSync(join(dir, 'conf.d'));
writeFileSync(
  join(dir, 'lighttpd.conf'),
  `server.document-root = "${dir}"\nserver.port = 8089\nserver.event-handler = "epol"\ninclude "conf.d/*.conf"\n`,
);
writeFileSync(join(dir, 'conf.d', 'a.conf'), 'server.tag = "x"\n');
const uriOf = (p: string) => pathToFileURL(join(dir, p)).href;
after(() => rmSync(dir, { recursive: true, force: true }));

describe('editor requests over stdio', { skip: SERVER_BUILT ? undefined : NOT_BUILT }, () => {
  const clients: TestClient[] = [];
  after(async () => {
    for (const c of clients) await c.shutdown();
  });
  const start = async (trusted: boolean) => {
    const c = await startClient({
      workspaceFolder: dir,
      initializationOptions: { trusted },
      settings: { version: '1.4.69', executablePath: LIGHTTPD ?? '' },
    });
    clients.push(c);
    return c;
  };

  test('lighttpd/status: a fragment is checked with the main config that includes it', async () => {
    const c = await start(false);
    const uri = c.open(uriOf('conf.d/a.conf'), 'server.tag = "x"\n');
    await c.diagnostics(uri);
    const s = await c.request<{ roots: string[]; version: string; orphan: boolean; canRunLighttpd: boolean }>(
      'lighttpd/status',
      { uri },
    );
    assert.deepEqual(s.roots, [join(dir, 'lighttpd.conf')]);
    assert.equal(s.orphan, false);
    assert.equal(s.version, '1.4.69');
    assert.equal(s.canRunLighttpd, false, 'untrusted');
    const main = await c.request<{ roots: string[] }>('lighttpd/status', { uri: uriOf('lighttpd.conf') });
    assert.deepEqual(main.roots, [join(dir, 'lighttpd.conf')]);
    // A main config that includes nothing is its own main config; a fragment nothing includes is an orphan.
    writeFileSync(join(dir, 'alone.lighttpd.conf'), 'server.port = 80\n');
    writeFileSync(join(dir, 'stray.conf'), 'server.tag = "y"\n');
    const alone = c.open(uriOf('alone.lighttpd.conf'), 'server.port = 80\n');
    await c.diagnostics(alone);
    assert.deepEqual((await c.request<{ roots: string[] }>('lighttpd/status', { uri: alone })).roots, [
      join(dir, 'alone.lighttpd.conf'),
    ]);
    const stray = c.open(uriOf('stray.conf'), 'server.tag = "y"\n');
    await c.diagnostics(stray);
    const st = await c.request<{ roots: string[]; orphan: boolean }>('lighttpd/status', { uri: stray });
    assert.deepEqual([st.roots, st.orphan], [[], true]);
  });

  test('lighttpd/checkWithLighttpd runs nothing in an untrusted workspace', async () => {
    const c = clients[0];
    const uri = uriOf('conf.d/a.conf');
    assert.deepEqual(await c.request('lighttpd/checkWithLighttpd', { uri }), { ran: false, reason: 'untrusted' });
  });

  test(
    'lighttpd/checkWithLighttpd in a trusted workspace runs lighttpd -tt now and places its message',
    { skip: LIGHTTPD ? undefined : NO_LIGHTTPD },
    async () => {
      const c = await start(true);
      const text = `server.document-root = "${dir}"\nserver.port = 8089\nserver.event-handler = "epol"\ninclude "conf.d/*.conf"\n`;
      const uri = c.open(uriOf('lighttpd.conf'), text);
      await c.diagnostics(uri);
      const waiting = c.diagnostics(uri, (ds) => ds.some((d) => d.source === 'lighttpd'), 15000);
      const r = await c.request<{ ran: boolean; status: number; problems: number; root: string; log: string }>(
        'lighttpd/checkWithLighttpd',
        { uri },
      );
      assert.equal(r.ran, true);
      assert.notEqual(r.status, 0);
      assert.equal(r.root, join(dir, 'lighttpd.conf'));
      // the run's account, as the Output channel gets it
      assert.ok(
        r.log.includes(`-tt -f ${join(dir, 'lighttpd.conf')}\n  main config: ${join(dir, 'lighttpd.conf')}\n`),
        r.log,
      );
      assert.match(r.log, /\n {2}exit status 255 in \d+ ms\n {2}\| .*event-handler.*: epol\n/);
      const ds = (await waiting).filter((d) => d.source === 'lighttpd');
      assert.deepEqual(
        ds.map((d) => [d.code, d.range.start.line]),
        [['lighttpd-error', 2]],
        JSON.stringify(ds),
      );
    },
  );
});
