/**
 * The web's file system (runtime/remoteFileSystem.ts): a synchronous cache over asynchronous answers from
 * the client. After its answers are in, it must answer as the desktop's node:fs adapter does (reads, folder
 * listings, lighttpd-style globs), and a workspace over it must give the desktop's diagnostics; the misses
 * of one pass go in one request; it is bounded; a client that fails leaves files missing, not a hang.
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { MAX_FILE_SIZE, type ConfigFileSystem } from '../../server/src/analysis/fileSystem';
import { findConfigFiles, nodeFileSystem } from '../../server/src/node/nodeFileSystem';
import { ConfigWorkspace } from '../../server/src/analysis/workspace';
import { MAX_CACHED_PATHS, PrefetchingFileSystem } from '../../server/src/runtime/remoteFileSystem';
import { getLanguageService } from '../../server/src/service';
import { CORPUS_AVAILABLE, CORPUS_DIR, NO_CORPUS } from '../helpers/corpus';
import { memoryFileSource, nodeFileSource } from '../helpers/fileSource';

/** Calls `f` until the file system has nothing more to fetch (at most `waves` rounds of answers). */
async function settled<T>(fs: PrefetchingFileSystem, f: () => T, waves = 20): Promise<T> {
  let r = f();
  for (let i = 0; i < waves && fs.pending(); i++) {
    await fs.whenSettled();
    r = f();
  }
  assert.equal(fs.pending(), false, 'still fetching');
  return r;
}

describe('the web file system answers as the desktop one', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'lighttpd-remotefs-'));
    for (const d of ['conf.d', 'conf.d/sub', 'vhosts', 'vhosts/a', 'vhosts/b', '.hidden', 'x-y'])
      mkdirSync(join(dir, d));
    for (const f of [
      'lighttpd.conf',
      'conf.d/10-a.conf',
      'conf.d/20-b.conf',
      'conf.d/b.txt',
      'conf.d/.dot.conf',
      'conf.d/sub/deep.conf',
      'vhosts/a/site.conf',
      'vhosts/b/site.conf',
      'vhosts/b/other.conf',
      '.hidden/h.conf',
      'x-y/1.conf',
      'x-y/a1.conf',
      'conf.d/{x}.conf',
    ])
      writeFileSync(join(dir, f), `# ${f}\n`);
    symlinkSync(join(dir, 'vhosts/a'), join(dir, 'vhosts/link'));
    symlinkSync(join(dir, 'nowhere'), join(dir, 'conf.d/broken.conf'));
    writeFileSync(join(dir, 'big.conf'), '');
    truncateSync(join(dir, 'big.conf'), MAX_FILE_SIZE + 1); // (sparse: no 32 MiB written)
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const patterns = [
    'conf.d/*.conf',
    'conf.d/*',
    'conf.d/[0-9]*.conf',
    'conf.d/[!1]*.conf',
    'conf.d/?0-?.conf',
    'conf.d/{10,20}-*.conf',
    'conf.d/**/*.conf',
    'conf.d/*/*.conf',
    'conf.d/\\{x\\}.conf',
    'vhosts/*/site.conf',
    'vhosts/*/*.conf',
    'vhosts/[ab]/*',
    '*/*.conf',
    '*.conf',
    '.hidden/*.conf',
    '.*/*.conf',
    'x-y/[[:digit:]]*.conf',
    'x-y/[a-]*.conf',
    'missing/*.conf',
    'lighttpd.conf',
    'conf.d/sub',
    '*/sub/*.conf',
  ];

  test('globs (a pattern per line of the list, and generated ones)', async () => {
    const web = new PrefetchingFileSystem(nodeFileSource());
    const pieces = ['*', '?', '[ab]', '[!a]', '{a,b}', 'a', 'site', '.conf', '-', '1', 'conf.d', 'vhosts', '/'];
    const generated: string[] = [];
    let seed = 7;
    const rnd = (n: number) => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n;
    for (let i = 0; i < 300; i++) {
      let p = '';
      for (let k = 1 + rnd(5); k > 0; k--) p += pieces[rnd(pieces.length)];
      generated.push(p.replace(/^\/+/, '').replace(/\/+/g, '/'));
    }
    for (const pattern of [...patterns, ...generated]) {
      const abs = join(dir, pattern);
      let want = [...nodeFileSystem.glob(abs, 1000)];
      const got = [...(await settled(web, () => web.glob(abs, 1000)))];
      // One known difference: tinyglobby lets a segment starting with a negated bracket (`[!1]*`) match a
      // hidden name; glob(3), which lighttpd uses, never matches a leading `.` but with a `.` (the web's way).
      if (/(^|\/)\[[!^]/.test(pattern)) want = want.filter((p) => !/\/\.[^/]*$/.test(p.slice(dir.length)));
      // Another: the desktop lists a link to a missing file as glob(3) does (lighttpd then refuses to open it:
      // include-not-found); the web's folder listings do not report such links.
      want = want.filter((p) => p !== join(dir, 'conf.d/broken.conf'));
      assert.deepEqual(got, want, pattern);
    }
  });

  test('reads, file tests and folder listings', async () => {
    const web = new PrefetchingFileSystem(nodeFileSource());
    for (const rel of [
      'lighttpd.conf',
      'conf.d',
      'conf.d/broken.conf',
      'big.conf',
      'nothing',
      'vhosts/link/site.conf',
    ]) {
      const p = join(dir, rel);
      assert.equal(await settled(web, () => web.readFile(p)), nodeFileSystem.readFile(p), rel);
      assert.equal(await settled(web, () => web.isFile(p)), nodeFileSystem.isFile(p), rel);
      assert.deepEqual(
        await settled(web, () => web.listDirectory(p, 1000)),
        nodeFileSystem.listDirectory!(p, 1000),
        rel,
      );
    }
  });

  test('the misses of one pass go in one request', async () => {
    const source = nodeFileSource();
    const web = new PrefetchingFileSystem(source);
    // Three folders to list and two files to read, asked in one synchronous pass.
    web.glob(join(dir, 'conf.d/*.conf'), 100);
    web.glob(join(dir, 'vhosts/*/site.conf'), 100);
    web.readFile(join(dir, 'lighttpd.conf'));
    web.isFile(join(dir, 'x-y/1.conf'));
    await web.whenSettled();
    assert.equal(source.requests.queries, 1);
    // What is cached is not asked again.
    assert.equal(web.readFile(join(dir, 'lighttpd.conf')), '# lighttpd.conf\n');
    assert.equal(web.pending(), false);
  });

  test('a changed file is fetched again', async () => {
    const path = join(dir, 'conf.d/20-b.conf');
    const web = new PrefetchingFileSystem(nodeFileSource());
    assert.equal(await settled(web, () => web.readFile(path)), '# conf.d/20-b.conf\n');
    writeFileSync(path, 'changed\n');
    assert.equal(web.readFile(path), '# conf.d/20-b.conf\n', 'cached until told');
    web.fileChanged(path);
    assert.equal(await settled(web, () => web.readFile(path)), 'changed\n');
    writeFileSync(path, '# conf.d/20-b.conf\n');
  });
});

describe('bounds and failures', () => {
  test('past MAX_CACHED_PATHS paths, further paths are missing without a request, said once', async () => {
    const files = new Map([['/w/a.conf', 'x = 1\n']]);
    const source = memoryFileSource(files);
    const logs: string[] = [];
    const web = new PrefetchingFileSystem(source, (m) => logs.push(m));
    for (let i = 0; i < MAX_CACHED_PATHS; i++) web.isFile(`/w/n${i}.conf`);
    await web.whenSettled();
    const requests = source.requests.queries;
    assert.ok(requests >= MAX_CACHED_PATHS / 500);
    assert.equal(web.readFile('/w/a.conf'), undefined);
    assert.equal(web.isFile('/w/a.conf'), false);
    assert.equal(web.pending(), false, 'nothing is fetched past the bound');
    web.isFile('/w/another.conf');
    await web.whenSettled();
    assert.equal(source.requests.queries, requests);
    assert.equal(logs.length, 1, logs.join('\n'));
  });

  test('a client that fails: the files are missing, the failure is logged once, nothing hangs', async () => {
    const source = memoryFileSource(new Map([['/w/a.conf', 'x = 1\n']]));
    source.fail = true;
    const logs: string[] = [];
    const web = new PrefetchingFileSystem(source, (m) => logs.push(m));
    assert.equal(await settled(web, () => web.readFile('/w/a.conf')), undefined);
    assert.deepEqual(await settled(web, () => web.findConfigFiles('/w')), []);
    assert.equal(await settled(web, () => web.isFile('/w/b.conf')), false);
    assert.equal(logs.length, 1);
  });

  test('answers are checked: wrong shapes count as missing, texts over the cap are not kept', async () => {
    const web = new PrefetchingFileSystem({
      query: async (p) =>
        p.queries.map((q, i) =>
          i % 3 === 0
            ? ({ type: 'file', text: 42 } as never)
            : i % 3 === 1
              ? ({ type: 'directory', entries: [['a/b', true], ['ok.conf', false], 'junk'] } as never)
              : (null as never),
        ),
      findFiles: async () => ['/elsewhere/x.conf', '/w/.git/y.conf', '/w/z.conf', 7 as never],
    });
    assert.equal(await settled(web, () => web.readFile('/w/0')), undefined);
    assert.equal(web.isFile('/w/0'), true);
    assert.deepEqual(await settled(web, () => web.listDirectory('/w', 10)), undefined);
    assert.deepEqual(await settled(web, () => web.findConfigFiles('/w')), ['/w/z.conf']);
  });
});

describe(
  'a workspace over the web file system gives the desktop diagnostics',
  { skip: CORPUS_AVAILABLE ? undefined : NO_CORPUS },
  () => {
    for (const layout of ['upstream', 'debian']) {
      test(layout, async () => {
        const root = join(CORPUS_DIR, layout);
        const source = nodeFileSource();
        const scanning = { ...source, findFiles: async () => findConfigFiles(root, ['**/*.conf'], 100_000) };
        const web = new PrefetchingFileSystem(scanning);
        const desktop = new ConfigWorkspace(nodeFileSystem);
        desktop.setKnownFiles(findConfigFiles(root));
        const files = findConfigFiles(root);
        assert.ok(files.length > 5);
        // The server re-applies the scan when answers arrive (server.ts); here: a fresh workspace per wave.
        const diagnose = (fs: ConfigFileSystem, known: string[], path: string) => {
          const ws = new ConfigWorkspace(fs);
          ws.setKnownFiles(known);
          const text = readFileSync(path, 'utf8');
          return getLanguageService({ workspace: ws }).doValidation(
            TextDocument.create(pathToFileURL(path).href, 'lighttpd', 1, text),
          );
        };
        for (const path of files) {
          const want = diagnose(nodeFileSystem, findConfigFiles(root), path);
          const got = await settled(web, () => diagnose(web, web.findConfigFiles(root), path));
          assert.deepEqual(got, want, path);
        }
        void desktop;
      });
    }
  },
);
