/**
 * Which file a symbolic link names where the editor's file system has no realpath (the web): by identity
 * among the files of the same name, the folders beside the link's folder first (runtime/linkTargets.ts).
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { findLinkTarget, type FileIdentity, type LinkLookup } from '../../server/src/runtime/linkTargets';

const file = (size: number, mtime: number, link = false): FileIdentity => ({
  link,
  file: true,
  size,
  mtime,
  ctime: mtime,
});

function lookup(entries: Record<string, FileIdentity>): LinkLookup & { searched: string[] } {
  const searched: string[] = [];
  return {
    searched,
    stat: async (p) => entries[p],
    folders: async (dir) => [
      ...new Set(
        Object.keys(entries)
          .filter((p) => p.startsWith(dir + '/') && p.slice(dir.length + 1).includes('/'))
          .map((p) => p.slice(dir.length + 1).split('/')[0]),
      ),
    ],
    search: async (name) => {
      searched.push(name);
      return Object.keys(entries).filter((p) => p.endsWith('/' + name));
    },
  };
}

describe('findLinkTarget', () => {
  test("Debian's conf-enabled link: the file of the same name and identity in a sibling folder", async () => {
    const link = file(120, 5, true);
    const io = lookup({
      '/ws/etc/lighttpd/conf-enabled/15-app.conf': link,
      '/ws/etc/lighttpd/conf-available/15-app.conf': file(120, 5),
      '/ws/etc/lighttpd/conf-available/10-other.conf': file(120, 5),
      // a copy elsewhere with other times is not it
      '/ws/backup/15-app.conf': file(120, 9),
    });
    assert.equal(
      await findLinkTarget('/ws/etc/lighttpd/conf-enabled/15-app.conf', link, io),
      '/ws/etc/lighttpd/conf-available/15-app.conf',
    );
    assert.deepEqual(io.searched, [], 'found beside the link: no workspace search');
  });

  test('elsewhere in the workspace when no sibling folder has it', async () => {
    const link = file(40, 3, true);
    const io = lookup({
      '/ws/sites/a/x.conf': link,
      '/ws/shared/deep/x.conf': file(40, 3),
      '/ws/y/x.conf': file(41, 3),
    });
    assert.equal(await findLinkTarget('/ws/sites/a/x.conf', link, io), '/ws/shared/deep/x.conf');
  });

  test('not a link, no fitting file, another link, or two fitting files: no answer', async () => {
    const link = file(10, 1, true);
    assert.equal(await findLinkTarget('/ws/a/x.conf', file(10, 1), lookup({ '/ws/b/x.conf': file(10, 1) })), undefined);
    assert.equal(await findLinkTarget('/ws/a/x.conf', link, lookup({ '/ws/b/x.conf': file(11, 1) })), undefined);
    assert.equal(await findLinkTarget('/ws/a/x.conf', link, lookup({ '/ws/b/x.conf': file(10, 1, true) })), undefined);
    assert.equal(
      await findLinkTarget('/ws/a/x.conf', link, lookup({ '/ws/b/x.conf': file(10, 1), '/ws/c/x.conf': file(10, 1) })),
      undefined,
    );
  });
});
