/**
 * An include glob lists every name that matches, as glob(3) does: a link to a missing file or a folder
 * among the matches makes lighttpd refuse to start ("opening configfile ... failed"; lighttpd 1.4.69 -t,
 * checked in test/differential/wholeConfig.test.ts), so it is include-not-found.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeFileSystem } from '../../server/src/node/nodeFileSystem';
import { resolveIncludeTargets } from '../../server/src/analysis/includes';

test('glob matches: files, links to missing files and folders; unreadable ones are include-not-found', () => {
  const dir = mkdtempSync(join(tmpdir(), 'glob-unreadable-'));
  try {
    mkdirSync(join(dir, 'conf-available'));
    mkdirSync(join(dir, 'conf-enabled'));
    writeFileSync(join(dir, 'conf-available/10-a.conf'), 'server.tag = "a"\n');
    symlinkSync('../conf-available/10-a.conf', join(dir, 'conf-enabled/10-a.conf'));
    symlinkSync('../conf-available/20-gone.conf', join(dir, 'conf-enabled/20-gone.conf'));
    symlinkSync('../conf-available/30-gone.txt', join(dir, 'conf-enabled/30-gone.txt'));
    symlinkSync('../conf-available/.hidden.conf', join(dir, 'conf-enabled/.hidden.conf'));
    const found = nodeFileSystem.glob(join(dir, 'conf-enabled/*.conf'), 100);
    assert.deepEqual([...found], [join(dir, 'conf-enabled/10-a.conf'), join(dir, 'conf-enabled/20-gone.conf')]);
    const ctx = { mainDir: dir, pathMappings: [], fs: nodeFileSystem, maxGlobMatches: 100 };
    assert.deepEqual(resolveIncludeTargets({ type: 'string', value: 'conf-enabled/*.conf' }, ctx), {
      notFound: join(dir, 'conf-enabled/20-gone.conf'),
    });
    assert.deepEqual(resolveIncludeTargets({ type: 'string', value: 'conf-enabled/1?-[a-c].conf' }, ctx), {
      paths: [join(dir, 'conf-enabled/10-a.conf')],
      truncated: false,
    });
    mkdirSync(join(dir, 'conf.d/old.conf'), { recursive: true });
    assert.deepEqual(resolveIncludeTargets({ type: 'string', value: 'conf.d/*.conf' }, ctx), {
      notFound: join(dir, 'conf.d/old.conf'),
    });
    assert.deepEqual(resolveIncludeTargets({ type: 'string', value: 'conf.d/*.none' }, ctx), {
      paths: [],
      truncated: false,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test(
  'include "/dev/null" reads nothing, as lighttpd does (1.4.69 -tt accepts it); other devices count as missing',
  {
    skip: process.platform === 'win32' ? 'no /dev/null on Windows' : false,
  },
  () => {
    assert.equal(nodeFileSystem.isFile('/dev/null'), true);
    assert.equal(nodeFileSystem.readFile('/dev/null'), '');
    // /dev/zero would never end: it is not read
    assert.equal(nodeFileSystem.isFile('/dev/zero'), false);
    assert.equal(nodeFileSystem.readFile('/dev/zero'), undefined);
    const ctx = { mainDir: '/tmp', pathMappings: [], fs: nodeFileSystem, maxGlobMatches: 100 };
    assert.deepEqual(resolveIncludeTargets({ type: 'string', value: '/dev/null' }, ctx), {
      paths: ['/dev/null'],
      truncated: false,
    });
  },
);
