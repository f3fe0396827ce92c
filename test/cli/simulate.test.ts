// `lighttpd-lint simulate`: run in-process (cli/run.ts) on a config written to a scratch folder.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../server/src/cli/run';
import type { SimulationJson } from '../../server/src/analysis/simulate/format';

const tmp = mkdtempSync(join(tmpdir(), 'lighttpd-sim-cli-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

writeFileSync(
  join(tmp, 'main.conf'),
  [
    'server.document-root = "/srv/www"',
    'server.modules = ("mod_redirect", "mod_setenv", "mod_proxy")',
    'include "site.conf"',
    '',
  ].join('\n'),
);
writeFileSync(
  join(tmp, 'site.conf'),
  [
    '$HTTP["host"] == "example.org" {',
    '  $HTTP["url"] =^ "/app/" {',
    '    proxy.server = ("" => (("host" => "127.0.0.1", "port" => 8000)))',
    '  }',
    '} else $HTTP["host"] =~ "^www\\.(.+)$" {',
    '  url.redirect = ("^/(.*)" => "https://%1/$1")',
    '}',
    '$REQUEST_HEADER["X-Debug"] == "1" { setenv.add-response-header = ("X-Seen" => "yes") }',
    '',
  ].join('\n'),
);

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, {
    cwd: tmp,
    readFile: (p) => readFile(p),
    readStdin: async () => new Uint8Array(),
    stdout: (t) => (out += t),
    stderr: (t) => (err += t),
  });
  return { code, out, err };
}

test('json: conditions in order with file and 1-based line, settings, handler', async () => {
  const r = await cli(['simulate', 'main.conf', 'GET http://example.org/app/x', '--format', 'json']);
  assert.equal(r.code, 0, r.err);
  const j = JSON.parse(r.out) as SimulationJson;
  assert.deepEqual(
    j.conditions.map((c) => [c.condition, c.file.endsWith('site.conf'), c.line, c.result]),
    [
      ['$HTTP["host"] == "example.org"', true, 1, true],
      ['$HTTP["url"] =^ "/app/"', true, 2, true],
      ['$HTTP["host"] =~ "^www\\.(.+)$"', true, 5, 'not-evaluated'],
      ['$REQUEST_HEADER["X-Debug"] == "1"', true, 8, false],
    ],
  );
  assert.equal(j.settings['server.document-root'], '/srv/www');
  assert.deepEqual(j.handler, {
    module: 'mod_proxy',
    extension: '',
    backends: [{ host: '127.0.0.1', port: 8000 }],
  });
});

test('text: headers and remote ip are taken into account; a redirect with %1', async () => {
  const r = await cli([
    'simulate',
    'main.conf',
    'GET http://www.example.net/a',
    '-H',
    'X-Debug: 1',
    '--remote-ip',
    '10.1.1.1',
  ]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^Handler: mod_redirect: 301 to https:\/\/example\.net\/a /m);
  assert.match(r.out, /from 10\.1\.1\.1/);
  assert.match(r.out, /✔ true +\$REQUEST_HEADER\["X-Debug"\] == "1"/);
});

test('usage errors exit 2', async () => {
  assert.equal((await cli(['simulate', 'main.conf'])).code, 2);
  assert.equal((await cli(['simulate', 'missing.conf', 'GET /'])).code, 2);
  assert.equal((await cli(['simulate', 'main.conf', 'GET example.org/x'])).code, 2);
  assert.equal((await cli(['simulate', 'main.conf', 'GET /', '--format', 'sarif'])).code, 2);
  const help = await cli(['simulate', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.out, /^Usage: lighttpd-lint simulate/);
});
