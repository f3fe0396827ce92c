// `lighttpd-lint test --against-lighttpd` with the installed lighttpd: the seed's two deployments' starter
// files agree with lighttpd (condition log, gateway and backend address, physical path, headers); after the
// change that sends /static to the backend, lighttpd itself fails exactly the /static test; requests that
// cannot be sent here and configurations that cannot run here are reported unknown with the reason; a
// configuration lighttpd refuses is an error (exit 2); no lighttpd process is left behind.
import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findLighttpd } from '../../server/src/node/lighttpdRunner';
import { shippedSnippet } from '../helpers/snippet';
import { runLintOnDisk } from '../helpers/cli';

const LIGHTTPD = findLighttpd(process.env.LIGHTTPD_BIN ?? '');
const tmp = mkdtempSync(join(tmpdir(), 'lighttpd-against-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

const snippet = shippedSnippet;

const cli = runLintOnDisk;

/** lighttpd processes started by this test process and still running. */
function lighttpdChildren(): string[] {
  const r = spawnSync('ps', ['--ppid', String(process.pid), '-o', 'pid=,comm='], { encoding: 'utf8' });
  return (r.stdout ?? '').split('\n').filter((l) => /lighttpd/.test(l));
}

const DEPLOYMENTS = {
  proxy: { snippet: 'lighttpd-proxy', module: 'proxy', backend: '127.0.0.1:8000' },
  scgi: { snippet: 'lighttpd-scgi', module: 'scgi', backend: '127.0.0.1:4000' },
} as const;

describe('lighttpd-lint test --against-lighttpd', { skip: LIGHTTPD ? undefined : 'lighttpd not installed' }, () => {
  for (const name of Object.keys(DEPLOYMENTS) as (keyof typeof DEPLOYMENTS)[]) {
    const d = DEPLOYMENTS[name];
    test(`seed deployment ${name}: the starter file agrees with lighttpd; the /static change fails there too`, async () => {
      const dir = join(tmp, name);
      mkdirSync(dir, { recursive: true });
      const config = [
        'server.document-root = "/var/www/html"',
        'server.modules = ( "mod_access", "mod_setenv" )',
        'setenv.add-response-header = ( "X-Frame-Options" => "DENY" )',
        snippet(d.snippet),
      ].join('\n');
      writeFileSync(join(dir, 'lighttpd.conf'), config);
      assert.equal((await cli(['test', '--init', 'lighttpd.conf', '-o', 'routes.lighttpd-test'], dir)).code, 0);
      const r = await cli(['test', '--against-lighttpd', 'routes.lighttpd-test'], dir);
      assert.equal(r.code, 0, r.out + r.err);
      assert.match(r.out, /^(\d+) passed, 0 failed, 0 unknown$/m);
      assert.ok(Number(/^(\d+) passed/m.exec(r.out)![1]) >= 4, r.out);
      // What lighttpd did, read from its own log: the gateway and the backend it could not reach, the file.
      assert.match(
        r.out,
        new RegExp(
          `✔ GET http://example\\.com/ -> lighttpd: ${d.module} ${d.backend.replace(/\./g, '\\.')}, status 5\\d\\d`,
        ),
      );
      assert.match(
        r.out,
        /✔ GET http:\/\/example\.com\/static\/index\.html -> lighttpd: static \/var\/www\/example\/static\/index\.html, status 404/,
      );

      writeFileSync(join(dir, 'lighttpd.conf'), config.replace('!~ "^/static"', '!~ "^/assets"'));
      const changed = await cli(['test', '--against-lighttpd', 'routes.lighttpd-test', '-f', 'junit'], dir);
      assert.equal(changed.code, 1, changed.out + changed.err);
      const failures = changed.out.match(/<failure [^>]*>/g) ?? [];
      assert.equal(failures.length, 1, changed.out);
      assert.match(
        changed.out,
        new RegExp(
          `<testcase name="GET http://example\\.com/static/index\\.html" [^>]*>\\s*<failure type="mismatch" message="expected static /var/www/example/static/index\\.html, got lighttpd: ${d.module} `,
        ),
      );
      // lighttpd's conditions still agree with the simulator: the only difference is the expectation.
      assert.doesNotMatch(changed.out, /condition results/);
      assert.deepEqual(lighttpdChildren(), []);
    });
  }

  test('headers and blocks are checked; what cannot be sent here is unknown with the reason', async () => {
    const dir = join(tmp, 'misc');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'site.conf'),
      [
        'server.document-root = "/srv/www"',
        'server.modules = ( "mod_access", "mod_redirect", "mod_setenv" )',
        'setenv.add-response-header = ( "X-Site" => "one" )',
        '$HTTP["url"] =~ "^/old/(.*)" { url.redirect = ( "^/old/(.*)" => "http://example.org/new/$1" ) }',
        '$HTTP["remote-ip"] == "127.0.0.9" { url.access-deny = ( "" ) }',
        '',
      ].join('\n'),
    );
    writeFileSync(
      join(dir, 'misc.lighttpd-test'),
      [
        'config site.conf',
        'GET http://a.example/old/x -> 301 http://example.org/new/x',
        '  block $HTTP["url"] =~ "^/old/(.*)"',
        'GET http://a.example/ from 127.0.0.9 -> 403',
        'GET http://a.example/f.txt -> static /srv/www/f.txt',
        '  header X-Site: two',
        'GET https://a.example/ -> static /srv/www/',
        'GET http://a.example/ from 10.0.0.7 -> static /srv/www/',
        '',
      ].join('\n'),
    );
    const r = await cli(['test', '--against-lighttpd', 'misc.lighttpd-test'], dir);
    assert.equal(r.code, 1, r.out + r.err);
    const lines = r.out.split('\n');
    const mark = (req: string) =>
      lines
        .find((l) => l.includes(` ${req}`))
        ?.trim()
        .slice(0, 1);
    assert.equal(mark('GET http://a.example/old/x'), '✔', r.out);
    assert.equal(mark('GET http://a.example/ from 127.0.0.9'), '✔', r.out);
    assert.equal(mark('GET http://a.example/f.txt'), '✘', r.out);
    assert.match(r.out, /expected: X-Site: two\n\s+actual: {3}X-Site: one/);
    assert.match(r.out, /unknown: not sent: an https request/);
    assert.match(r.out, /unknown: not sent: client address 10\.0\.0\.7/);
    assert.match(r.out, /^2 passed, 1 failed, 2 unknown$/m);
  });

  test('a configuration with listeners of its own is not run; one lighttpd refuses is an error (exit 2)', async () => {
    const dir = join(tmp, 'notrun');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'tls.conf'), 'server.document-root = "/srv"\n$SERVER["socket"] == ":8443" { }\n');
    writeFileSync(join(dir, 'bad.conf'), 'server.document-root = "/srv"\nserver.modules = ( "mod_no_such_module" )\n');
    writeFileSync(join(dir, 'tls.lighttpd-test'), 'config tls.conf\nGET http://a/ -> static /srv/\n');
    writeFileSync(join(dir, 'bad.lighttpd-test'), 'config bad.conf\nGET http://a/ -> static /srv/\n');
    const tls = await cli(['test', '--against-lighttpd', 'tls.lighttpd-test'], dir);
    assert.equal(tls.code, 1, tls.out);
    assert.match(
      tls.out,
      /unknown: not run against lighttpd: it opens listeners of its own \(\$SERVER\["socket"\] == ":8443"\)/,
    );
    const bad = await cli(['test', '--against-lighttpd', 'bad.lighttpd-test'], dir);
    assert.equal(bad.code, 2, bad.out);
    assert.match(bad.out, /error: lighttpd did not start: .*mod_no_such_module/);
    assert.deepEqual(lighttpdChildren(), []);
  });

  test('usage errors are exit 2', async () => {
    const dir = join(tmp, 'misc');
    assert.equal((await cli(['test', '--lighttpd', LIGHTTPD!, 'misc.lighttpd-test'], dir)).code, 2);
    const missing = await cli(['test', '--against-lighttpd', '--lighttpd', '/no/such/lighttpd', 'x'], dir);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /\/no\/such\/lighttpd: not found/);
  });
});
