// `lighttpd-lint test` and `lighttpd-lint diff` in-process on the seed's two deployments (the
// lighttpd-proxy and lighttpd-scgi snippets expanded with their defaults, with a document root and
// server.modules around them): --init then test passes; moving the `!~ "^/static"` condition so that
// /static goes to the backend makes test fail naming the /static request, and diff lists it.
import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { shippedSnippet } from '../helpers/snippet';
import { runLintOnDisk } from '../helpers/cli';

const tmp = mkdtempSync(join(tmpdir(), 'lighttpd-routetests-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

const snippet = shippedSnippet;

const DEPLOYMENTS = {
  proxy: { snippet: 'lighttpd-proxy', backend: 'proxy 127.0.0.1:8000' },
  scgi: { snippet: 'lighttpd-scgi', backend: 'scgi 127.0.0.1:4000' },
} as const;

function deployment(name: keyof typeof DEPLOYMENTS): string {
  return [
    'server.document-root = "/var/www/html"',
    'server.modules = ( "mod_access", "mod_setenv" )',
    'setenv.add-response-header = ( "X-Frame-Options" => "DENY" )',
    snippet(DEPLOYMENTS[name].snippet),
  ].join('\n');
}

const cli = (args: string[], cwd = tmp) => runLintOnDisk(args, cwd);

for (const name of Object.keys(DEPLOYMENTS) as (keyof typeof DEPLOYMENTS)[]) {
  describe(`seed deployment: ${name}`, () => {
    const dir = join(tmp, name);
    mkdirSync(join(dir, 'tests'), { recursive: true });
    const config = deployment(name);
    assert.match(config, /\$HTTP\["url"\] !~ "\^\/static"/);
    writeFileSync(join(dir, 'lighttpd.conf'), config);

    test("--init writes one request per block with today's outcome, named relative to the test file", async () => {
      const r = await cli(['test', '--init', 'lighttpd.conf', '-o', 'tests/routes.lighttpd-test'], dir);
      assert.equal(r.code, 0, r.err);
      const text = readFileSync(join(dir, 'tests/routes.lighttpd-test'), 'utf8');
      assert.match(text, /^config \.\.\/lighttpd\.conf$/m);
      assert.match(text, /^# block 1: \$HTTP\["host"\] == "example\.com" \(lighttpd\.conf:\d+\)$/m);
      assert.match(text, /^# block 2: \$HTTP\["url"\] !~ "\^\/static"/m);
      // the block's own value, a near miss of the host, static vs dynamic
      assert.match(text, new RegExp(`^GET http://example\\.com/ -> ${DEPLOYMENTS[name].backend}$`, 'm'));
      assert.match(text, /^GET http:\/\/www\.example\.com\/ -> static \/var\/www\/html\/ {2}# near miss$/m);
      assert.match(
        text,
        /^GET http:\/\/example\.com\/static\/index\.html -> static \/var\/www\/example\/static\/index\.html {2}# near miss$/m,
      );
      assert.match(text, /^ {2}header X-Frame-Options: DENY$/m);
      // the same on standard output when no -o is given (config relative to the current folder)
      const stdout = await cli(['test', '--init', 'lighttpd.conf'], dir);
      assert.equal(
        stdout.out.replace(/^(# Configuration tests for |config )lighttpd\.conf/gm, '$1../lighttpd.conf'),
        text,
      );
    });

    test('test passes at once (files found under the current folder)', async () => {
      const r = await cli(['test'], dir);
      assert.equal(r.code, 0, r.out + r.err);
      assert.match(r.out, /^tests\/routes\.lighttpd-test$/m);
      assert.match(r.out, /\d+ passed, 0 failed, 0 unknown/);
    });

    test('a change that sends /static to the backend fails the /static request; diff lists it', async () => {
      const changed = config.replace('!~ "^/static"', '!~ "^/assets"');
      writeFileSync(join(dir, 'changed.conf'), changed);
      writeFileSync(join(dir, 'lighttpd.conf'), changed);
      try {
        const r = await cli(['test', 'tests/routes.lighttpd-test'], dir);
        assert.equal(r.code, 1, r.out);
        const failed = r.out.split('\n').filter((l) => l.includes('✘'));
        assert.deepEqual(
          failed.map((l) => l.trim().replace(/ {2}\(.*$/, '')),
          ['✘ GET http://example.com/static/index.html'],
        );
        assert.match(r.out, /expected: static \/var\/www\/example\/static\/index\.html/);
        assert.match(r.out, new RegExp(`actual: {3}${DEPLOYMENTS[name].backend}`));
        assert.match(r.out, /decided by: (proxy|scgi)\.server at lighttpd\.conf:\d+/);

        const junit = await cli(['test', 'tests/routes.lighttpd-test', '--format', 'junit'], dir);
        assert.equal(junit.code, 1);
        const cases = junit.out.match(/<testcase [^>]*>/g) ?? [];
        assert.ok(cases.length >= 4, junit.out);
        const failures = junit.out.match(/<failure [^>]*>/g) ?? [];
        assert.equal(failures.length, 1, junit.out);
        assert.match(
          junit.out,
          /<testcase name="GET http:\/\/example\.com\/static\/index\.html" [^>]*line="\d+">\s*<failure type="mismatch"/,
        );

        const tap = await cli(['test', 'tests/routes.lighttpd-test', '--format', 'tap'], dir);
        assert.equal(tap.code, 1);
        assert.match(tap.out, /^TAP version 13\n1\.\.\d+\n/);
        assert.match(
          tap.out,
          /^not ok \d+ - tests\/routes\.lighttpd-test: GET http:\/\/example\.com\/static\/index\.html$/m,
        );
        assert.equal(tap.out.match(/^not ok/gm)?.length, 1);
      } finally {
        writeFileSync(join(dir, 'lighttpd.conf'), config);
      }
      const d = await cli(['diff', 'lighttpd.conf', 'changed.conf'], dir);
      assert.equal(d.code, 1, d.out + d.err);
      assert.match(
        d.out,
        /handled differently \(\d+\):\n {2}GET http:\/\/example\.com\/static\/index\.html\n {4}- static \/var\/www\/example\/static\/index\.html\n {4}\+ /,
      );
      const same = await cli(['diff', 'lighttpd.conf', 'lighttpd.conf'], dir);
      assert.equal(same.code, 0);
      assert.match(same.out, /^No change/);
    });
  });
}

describe('lighttpd-lint test: input errors and unknown results', () => {
  const dir = join(tmp, 'errors');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'site.conf'),
    [
      'server.document-root = "/srv"',
      'server.modules = ( "mod_access" )',
      '$HTTP["url"] =~ "^/a++" { url.access-deny = ( "" ) }',
      '',
    ].join('\n'),
  );
  test('a missing config is exit 2 with its name', async () => {
    writeFileSync(join(dir, 'missing.lighttpd-test'), 'config nope.conf\nGET /a -> 403\n');
    const r = await cli(['test', 'missing.lighttpd-test'], dir);
    assert.equal(r.code, 2);
    assert.match(r.out, /error: config nope\.conf: no such file/);
  });
  test('a bad line is reported with file:line:col and code, exit 2', async () => {
    writeFileSync(join(dir, 'bad.lighttpd-test'), 'config site.conf\nGET /x -> teapot\n');
    const r = await cli(['test', 'bad.lighttpd-test'], dir);
    assert.equal(r.code, 2);
    assert.match(r.err, /^bad\.lighttpd-test:2:11: error test-unknown-outcome /m);
  });
  test('a condition the simulator cannot decide makes the test unknown, not passed (exit 1)', async () => {
    writeFileSync(join(dir, 'unknown.lighttpd-test'), 'config site.conf\nGET /a -> 403\nGET /b -> static /srv/b\n');
    const r = await cli(['test', 'unknown.lighttpd-test', '-f', 'junit'], dir);
    assert.equal(r.code, 1, r.out + r.err);
    assert.equal(r.out.match(/<failure type="unknown"/g)?.length, 2, r.out);
  });
  test('usage errors are exit 2', async () => {
    assert.equal((await cli(['test', '-f', 'xml', 'x'], dir)).code, 2);
    assert.equal((await cli(['diff', 'one.conf'], dir)).code, 2);
    assert.equal((await cli(['test', '--init', 'nope.conf'], dir)).code, 2);
  });
});

describe(
  'lighttpd-lint diff --git',
  { skip: spawnSync('git', ['--version']).status !== 0 ? 'git not installed' : undefined },
  () => {
    test('the working tree against a revision', async () => {
      const dir = join(tmp, 'repo');
      mkdirSync(join(dir, 'etc'), { recursive: true });
      const g = (...a: string[]) => {
        const r = spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...a], { cwd: dir });
        assert.equal(r.status, 0, r.stderr?.toString());
      };
      g('init', '-q');
      writeFileSync(join(dir, 'etc/lighttpd.conf'), deployment('proxy').replace('include', 'include'));
      g('add', '.');
      g('commit', '-q', '-m', 'one');
      assert.equal((await cli(['diff', '--git', 'HEAD', 'etc/lighttpd.conf'], dir)).code, 0);
      writeFileSync(join(dir, 'etc/lighttpd.conf'), deployment('proxy').replace('!~ "^/static"', '!~ "^/assets"'));
      const r = await cli(['diff', '--git', 'HEAD', 'etc/lighttpd.conf'], dir);
      assert.equal(r.code, 1, r.err);
      assert.match(r.out, /\(etc\/lighttpd\.conf at HEAD -> etc\/lighttpd\.conf\)/);
      assert.match(r.out, /GET http:\/\/example\.com\/static\/index\.html\n {4}- static/);
      assert.equal((await cli(['diff', '--git', 'no-such-rev', 'etc/lighttpd.conf'], dir)).code, 2);
    });
  },
);
