/** A folder deleted from the workspace takes its files with it (an editor's watcher reports only the folder). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigWorkspace } from '../../server/src/analysis/workspace';
import { nodeFileSystem } from '../../server/src/node/nodeFileSystem';

test('a deleted folder: its main config no longer includes anything; a deleted file no one read changes nothing', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lighttpd-ws-delete-'));
  try {
    for (const d of ['a', 'b', 'shared']) mkdirSync(join(dir, d));
    writeFileSync(join(dir, 'a', 'lighttpd.conf'), 'server.modules = ( "mod_proxy" )\ninclude "../shared/app.conf"\n');
    writeFileSync(join(dir, 'b', 'lighttpd.conf'), 'server.modules = ( "mod_access" )\ninclude "../shared/app.conf"\n');
    writeFileSync(join(dir, 'shared', 'app.conf'), 'proxy.balance = "fair"\n');
    const ws = new ConfigWorkspace(nodeFileSystem);
    const files = ['a/lighttpd.conf', 'b/lighttpd.conf', 'shared/app.conf'].map((f) => join(dir, f));
    ws.setKnownFiles(files);
    const fragment = join(dir, 'shared', 'app.conf');
    const rootsOf = () => ws.rootsIncluding(fragment).map((r) => r.root.slice(dir.length + 1));
    assert.deepEqual(rootsOf().sort(), ['a/lighttpd.conf', 'b/lighttpd.conf']);

    const generation = ws.generation;
    ws.fileChanged(join(dir, 'node_modules'), false);
    assert.equal(ws.generation, generation, 'a path it never read: nothing forgotten');

    rmSync(join(dir, 'a'), { recursive: true });
    ws.fileChanged(join(dir, 'a'), false);
    assert.deepEqual(rootsOf(), ['b/lighttpd.conf']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
