// `lighttpd-lint map`: run in-process (cli/run.ts) on the seed's two deployments, the proxy snippet and every
// corpus file, in the four formats: JSON valid against the schema `map --schema` prints, SVG well-formed XML,
// Mermaid and DOT with one box per node.
import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../server/src/cli/run';
import { ROUTING_MAP_SCHEMA, walk, type RoutingMap } from '../../server/src/analysis/routing';
import { CORPUS_AVAILABLE, NO_CORPUS, corpusEntries } from '../helpers/corpus';
import { assertSvgWellFormed, assertValidMap } from '../helpers/routingMap';
import { expandSnippet } from '../helpers/snippet';

const tmp = mkdtempSync(join(tmpdir(), 'lighttpd-map-cli-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
const SEED = new URL('../fixtures/seed/', import.meta.url).pathname;

async function cli(args: string[], cwd = tmp): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(['map', ...args], {
    cwd,
    readFile: (p) => readFile(p),
    readStdin: async () => new Uint8Array(),
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
  });
  return { code, out, err };
}

/** Every format of one config, checked; the JSON map returned. */
async function allFormats(config: string, cwd = tmp): Promise<RoutingMap> {
  const json = await cli([config, '--format', 'json'], cwd);
  assert.equal(json.code, 0, json.err);
  const map = JSON.parse(json.out) as RoutingMap;
  assertValidMap(map, config);
  const count = [...walk(map.root)].length;
  const svg = await cli([config, '-f', 'svg'], cwd);
  assert.equal(svg.code, 0, svg.err);
  assert.equal(assertSvgWellFormed(svg.out, config).nodes.length, count, `${config}: svg boxes`);
  const mermaid = await cli([config], cwd);
  assert.equal(mermaid.code, 0);
  assert.equal(mermaid.out.split('\n')[0], 'flowchart LR');
  assert.equal(mermaid.out.split('\n').filter((l) => / --> /.test(l)).length, count - 1, `${config}: mermaid edges`);
  const dot = await cli([config, '-f', 'dot'], cwd);
  assert.equal(dot.code, 0);
  assert.equal(dot.out.split('\n').filter((l) => / -> /.test(l)).length, count - 1, `${config}: dot edges`);
  assert.ok(dot.out.endsWith('}\n'));
  return map;
}

describe('lighttpd-lint map', () => {
  test("the seed's two deployments in the four formats: the backend shown, ignored for want of its module", async () => {
    for (const [file, kind, port] of [
      ['proxy-app.conf', 'proxy', '8000'],
      ['scgi-app.conf', 'scgi', '4000'],
    ] as const) {
      const map = await allFormats(file, SEED);
      assert.equal(map.file, file);
      const handler = [...walk(map.root)].find((n) => n.steps?.[0].kind === kind)!;
      assert.deepEqual(
        handler.steps!.map((s) => [s.kind, s.target, s.ignored !== undefined, s.file, s.line]),
        [
          [kind, `127.0.0.1:${port}`, true, file, handler.steps![0].line],
          ['static', '/srv/www/app/public/', false, file, handler.steps![1].line],
        ],
      );
      const text = readFileSync(join(SEED, file), 'utf8').split('\n');
      assert.match(text[handler.steps![0].line! - 1], new RegExp(`${kind}\\.server`));
      assert.match(text[handler.steps![1].line! - 1], /server\.document-root/);
    }
  });

  test('--request highlights the path; -o writes the file; --depth and --group change the drawing', async () => {
    writeFileSync(
      join(tmp, 'site.conf'),
      [
        'server.modules += ( "mod_proxy" )',
        '$HTTP["host"] == "example.org" {',
        '  server.document-root = "/var/www/example.org"',
        '  $HTTP["url"] !~ "^/static" { proxy.server = ( "" => ( ( "host" => "127.0.0.1", "port" => 1082 ) ) ) }',
        '}',
        '',
      ].join('\n'),
    );
    const r = await cli(['site.conf', '-f', 'svg', '-o', 'out.svg', '--request', 'GET http://example.org/app']);
    assert.deepEqual([r.code, r.out, r.err], [0, '', '']);
    const doc = assertSvgWellFormed(readFileSync(join(tmp, 'out.svg'), 'utf8'));
    assert.deepEqual(doc.highlighted, ['n0', 'n1', 'n2', 'h2']);
    const shallow = await cli(['site.conf', '--depth', '1']);
    assert.match(shallow.out, /n1\["host == example\.org<br\/>\(\+3 hidden\)"\]/);
    assert.doesNotMatch(shallow.out, /n2/);
  });

  test('--schema prints the schema; bad input is a usage error with one line', async () => {
    const s = await cli(['--schema']);
    assert.deepEqual(JSON.parse(s.out), JSON.parse(JSON.stringify(ROUTING_MAP_SCHEMA)));
    for (const args of [['x.conf', '-f', 'png'], ['missing.conf'], [], ['a', 'b'], ['site.conf', '--depth', '-1']]) {
      const r = await cli(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.err, /^lighttpd-lint map: /);
      assert.equal(r.out, '');
    }
  });
});

describe('lighttpd-lint map on the corpus', { skip: CORPUS_AVAILABLE ? undefined : NO_CORPUS }, () => {
  test('every corpus file in the four formats', async () => {
    let nodes = 0;
    for (const e of corpusEntries()) {
      const map = await allFormats(e.path);
      for (const n of walk(map.root)) {
        nodes++;
        if (n.kind === 'condition' || n.kind === 'listener') assert.ok(n.line! >= 1, `${e.file}: ${n.id} has a line`);
      }
    }
    assert.ok(nodes > 150, `${nodes} nodes`);
  });
});

describe("README's Mermaid example", () => {
  test('is what lighttpd-lint map prints for the proxy snippet (example.org, port 1082)', async () => {
    const snippets = JSON.parse(
      readFileSync(new URL('../../snippets/lighttpd.json', import.meta.url), 'utf8'),
    ) as Record<string, { prefix: string; body: string[] }>;
    let text = expandSnippet(Object.values(snippets).find((s) => s.prefix === 'lighttpd-proxy')!.body).text;
    for (const [from, to] of [
      ['example.com', 'example.org'],
      ['/var/www/example', '/var/www/example.org'],
      ['8000', '1082'],
    ])
      text = text.split(from).join(to);
    writeFileSync(join(tmp, 'readme.conf'), `server.document-root = "/var/www/html"\n${text}`);
    const r = await cli(['readme.conf']);
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const block = /```mermaid\n([\s\S]*?)```/.exec(readme)?.[1];
    assert.ok(block, 'README has a mermaid block');
    assert.equal(r.out.replace(/\n {2}classDef[^\n]*/g, ''), block);
  });
});
