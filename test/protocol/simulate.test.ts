/**
 * The simulator's custom requests over stdio: lighttpd/simulate, lighttpd/effectiveConfig,
 * lighttpd/simulateLenses, lighttpd/valueHints.
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { NOT_BUILT, SERVER_BUILT, startClient, type TestClient } from './helpers';
import type { SimulateLens, SimulateResult, ValueHint } from '../../server/src/features/simulate/simulate';

const TEXT = [
  'var.root = "/srv/www"',
  'server.document-root = var.root',
  'server.modules = ("mod_redirect")',
  '$HTTP["host"] == "example.org" {',
  '  server.document-root = var.root + "/example"',
  '} else $HTTP["host"] =~ "^www\\.(.*)$" {',
  '  url.redirect = ("^/(.*)" => "http://%1/$1")',
  '}',
  '',
].join('\n');

describe('simulator requests over stdio', { skip: SERVER_BUILT ? undefined : NOT_BUILT }, () => {
  let client: TestClient;
  before(async () => {
    client = await startClient();
  });
  after(async () => {
    await client?.shutdown();
  });

  test('lighttpd/simulate: blocks with ranges and results, the handler, %n hints', async () => {
    const uri = client.open('untitled:sim', TEXT);
    const r = await client.request<SimulateResult>('lighttpd/simulate', { uri, request: 'GET http://www.foo.org/x' });
    assert.ok(!('error' in r));
    assert.deepEqual(
      r.blocks.map((b) => [b.headRange.start.line, b.result]),
      [
        [3, false],
        [5, true],
      ],
    );
    assert.equal(r.json.handler.module, 'mod_redirect');
    assert.match(r.text, /mod_redirect: 301 to http:\/\/foo\.org\/x/);
    // Every location in the text is a link to its line: the text at the link's range names that line.
    const lines = r.text.split('\n');
    assert.ok(r.links.length >= 3, JSON.stringify(r.links));
    for (const l of r.links) {
      assert.equal(l.uri, uri);
      const named = lines[l.range.start.line].slice(l.range.start.character, l.range.end.character);
      assert.ok(named.endsWith(`:${l.line + 1}`), `${named} -> line ${l.line}`);
    }
    assert.deepEqual(
      r.captureHints.map((h) => [h.position.line, h.label]),
      [[6, '="foo.org"']],
    );
    const bad = await client.request<SimulateResult>('lighttpd/simulate', { uri, request: 'GET example.org' });
    assert.ok('error' in bad);
  });

  test('lighttpd/effectiveConfig follows the text; lenses; value hints', async () => {
    const uri = client.open('untitled:eff', TEXT);
    const e = await client.request<{ text: string }>('lighttpd/effectiveConfig', { uri });
    assert.match(e.text, /server\.document-root += "\/srv\/www\/example"/);
    client.change(uri, 2, TEXT.replace('/example', '/changed'));
    const e2 = await client.request<{ text: string }>('lighttpd/effectiveConfig', { uri });
    assert.match(e2.text, /"\/srv\/www\/changed"/);
    const lenses = await client.request<SimulateLens[]>('lighttpd/simulateLenses', { uri });
    assert.deepEqual(
      lenses.map((l) => [l.range.start.line, l.suggestion]),
      [[3, 'GET http://example.org/']],
    );
    const hints = await client.request<ValueHint[]>('lighttpd/valueHints', {
      uri,
      range: { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } },
    });
    assert.deepEqual(
      hints.map((h) => [h.position.line, h.label]),
      [
        [1, ' = "/srv/www"'],
        [4, ' = "/srv/www"'],
      ],
    );
  });
});
