// dist/cli.js starts dist/cli-main.js with V8's code cache (server/src/entries/compileCache.ts): the cache is
// written once into a private folder, read afterwards, never trusted from a folder others may write to, and
// never changes what the program prints or its exit status (a damaged cache included).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import NodeModule from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/corpus';

const CLI = join(REPO_ROOT, 'dist', 'cli.js');
const skip = existsSync(join(REPO_ROOT, 'dist', 'cli-main.js'))
  ? undefined
  : 'dist/cli-main.js not built (run npm run build, or npm test which builds first)';
const tmp = mkdtempSync(join(tmpdir(), 'lighttpd-lint-cache-'));
process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));
writeFileSync(join(tmp, 'bad.conf'), 'server.port = 80;\n');

function lint(cacheHome: string, extra: Record<string, string> = {}) {
  const env: Record<string, string | undefined> = { ...process.env, XDG_CACHE_HOME: cacheHome, ...extra };
  delete env.LIGHTTPD_CONF_NO_CACHE;
  Object.assign(env, extra);
  return spawnSync(process.execPath, [CLI, '--format', 'json', 'bad.conf'], { cwd: tmp, env, encoding: 'utf8' });
}

const cacheFiles = (home: string) => {
  const dir = join(home, 'lighttpd-conf');
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.cache')) : [];
};

// On Node 22.1+ the cache is Node's own (module.enableCompileCache), with files of its own layout.
const ownCache = !(NodeModule as { enableCompileCache?: unknown }).enableCompileCache;

test(
  'the first run writes a private cache, the next reads it; the output and exit status are the same',
  { skip },
  () => {
    const home = join(tmp, 'home1');
    const first = lint(home);
    assert.equal(first.status, 1, first.stderr);
    const dir = join(home, 'lighttpd-conf');
    assert.equal(statSync(dir).mode & 0o777, 0o700);
    if (ownCache) {
      const files = cacheFiles(home);
      assert.equal(files.length, 1, files.join(' '));
      assert.equal(statSync(join(dir, files[0])).mode & 0o777, 0o600);
    }
    const second = lint(home);
    assert.equal(second.status, first.status);
    assert.equal(second.stdout, first.stdout);
    assert.equal(second.stderr, '');
    assert.match(first.stdout, /syntax-semicolon/);
  },
);

test(
  'a damaged cache is rejected and written anew; the run is unaffected',
  {
    skip: skip ?? (ownCache ? undefined : "Node's own compile cache (22.1+)"),
  },
  () => {
    const home = join(tmp, 'home2');
    const clean = lint(home);
    const [file] = cacheFiles(home);
    const path = join(home, 'lighttpd-conf', file);
    const size = statSync(path).size;
    writeFileSync(path, Buffer.alloc(size, 0x5a));
    const damaged = lint(home);
    assert.equal(damaged.status, clean.status);
    assert.equal(damaged.stdout, clean.stdout);
    assert.notDeepEqual(readFileSync(path), Buffer.alloc(size, 0x5a), 'the damaged cache was written anew');
    const again = lint(home);
    assert.equal(again.stdout, clean.stdout);
  },
);

test('a cache folder others may write to is not used; LIGHTTPD_CONF_NO_CACHE turns the cache off', { skip }, () => {
  const home = join(tmp, 'home3');
  const dir = join(home, 'lighttpd-conf');
  lint(home);
  for (const f of cacheFiles(home)) rmSync(join(dir, f));
  chmodSync(dir, 0o777);
  const open = lint(home);
  assert.equal(open.status, 1);
  assert.deepEqual(cacheFiles(home), []);

  const off = join(tmp, 'home4');
  const r = lint(off, { LIGHTTPD_CONF_NO_CACHE: '1' });
  assert.equal(r.status, 1);
  assert.equal(existsSync(join(off, 'lighttpd-conf')), false);
});

test(
  'subcommands run through the cached program as through a plain require (test --init writes its file)',
  { skip },
  () => {
    // (the program compiled through vm.Script once threw "A dynamic import callback was not specified" here)
    const home = join(tmp, 'home5');
    const env: Record<string, string | undefined> = { ...process.env, XDG_CACHE_HOME: home };
    delete env.LIGHTTPD_CONF_NO_CACHE;
    writeFileSync(
      join(tmp, 'site.conf'),
      'server.document-root = "/srv"\n$HTTP["host"] == "a" { server.name = "a" }\n',
    );
    for (const run of [1, 2]) {
      const out = `starter${run}.lighttpd-test`;
      const r = spawnSync(process.execPath, [CLI, 'test', '--init', 'site.conf', '-o', out], {
        cwd: tmp,
        env,
        encoding: 'utf8',
      });
      assert.equal(r.status, 0, `run ${run}: ${r.stderr}`);
      assert.match(readFileSync(join(tmp, out), 'utf8'), /site\.conf/);
      if (run === 1) assert.equal(cacheFiles(home).length, 1, 'the first run wrote the cache, the second reads it');
    }
  },
);
