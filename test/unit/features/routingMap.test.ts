// features/routing: what the editor's map gets from the server: the SVG (no embedded style, focusable boxes),
// each drawn box's place in the tree and where it is written (URI, 0-based line), the path of a request, a
// large map folded, and a request that reaches a box.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/analysis';
import { requestHere, routingMapOf } from '../../../server/src/features/routing/routingMap';
import { assertSvgWellFormed } from '../../helpers/routingMap';

const TEXT = [
  'server.modules = ( "mod_proxy" )',
  'server.document-root = "/var/www/html"',
  '$HTTP["host"] == "example.org" {',
  '  server.document-root = "/var/www/example.org"',
  '  $HTTP["url"] !~ "^/static" {',
  '    proxy.server = ( "" => ( ( "host" => "127.0.0.1", "port" => 1082 ) ) )',
  '  }',
  '}',
  '',
].join('\n');
const URI = 'file:///w/lighttpd.conf';
const files = { readText: () => TEXT, uriOf: (p: string) => `file://${p}` };

test('boxes with their tree, URI and line; the request path highlighted; no embedded style', () => {
  const model = analyze(TEXT, { path: '/w/lighttpd.conf' });
  const r = routingMapOf(
    { ...model, path: '/w/lighttpd.conf' },
    { uri: URI, request: 'GET http://example.org/app' },
    files,
    '1.4.85',
  );
  assert.ok(!('error' in r));
  assert.deepEqual(Object.keys(r.nodes), ['n0', 'n1', 'n2', 'h2', 'h1', 'h0']);
  assert.deepEqual(r.nodes.n2, {
    kind: 'condition',
    parent: 'n1',
    children: ['h2'],
    uri: URI,
    line: 4,
    text: r.nodes.n2.text,
    hidden: 0,
    node: 'n2',
  });
  assert.match(r.nodes.n2.text, /url !~ \^\/static/);
  assert.equal(r.nodes.h2.line, 5);
  assert.deepEqual(r.path, ['n0', 'n1', 'n2', 'h2']);
  const svg = assertSvgWellFormed(r.svg);
  assert.deepEqual(svg.highlighted, ['n0', 'n1', 'n2', 'h2']);
  assert.doesNotMatch(r.svg, /<style>/);
  assert.match(
    r.svg,
    /<g class="node condition highlight" data-id="n2" data-line="5" transform="[^"]+" tabindex="0" role="treeitem"/,
  );
  const bad = routingMapOf(model, { uri: URI, request: 'nonsense' }, files, '1.4.85');
  assert.ok('error' in bad && bad.error.length > 0);
});

test('collapsed boxes, and a large map folded at the first level until a box is expanded', () => {
  const model = analyze(TEXT, { path: '/w/lighttpd.conf' });
  const r = routingMapOf(model, { uri: URI, collapsed: ['n1'] }, files, '1.4.85');
  assert.ok(!('error' in r));
  assert.deepEqual([r.nodes.n1.children, r.nodes.n1.hidden], [[], 3]);
  const big = Array.from(
    { length: 800 },
    (_, i) => `$HTTP["host"] == "h${i}" { $HTTP["url"] =^ "/a" { server.document-root = "/a${i}" } }`,
  ).join('\n');
  const bigModel = analyze(big, { path: '/w/big.conf' });
  const folded = routingMapOf(bigModel, { uri: URI }, files, '1.4.85');
  assert.ok(!('error' in folded));
  assert.equal(Object.keys(folded.nodes).length, 802);
  assert.equal(folded.nodes.n1.hidden, 3);
  const open = routingMapOf(bigModel, { uri: URI, expanded: ['n1'] }, files, '1.4.85');
  assert.ok(!('error' in open));
  assert.deepEqual(open.nodes.n1.children, ['n2', 'h1']);
});

test('a request that reaches a box, a group standing for its first member', () => {
  const model = analyze(TEXT, { path: '/w/lighttpd.conf' });
  assert.deepEqual(requestHere(model, 'n2', files, '1.4.85'), { request: 'GET http://example.org/', reached: true });
  assert.deepEqual(requestHere(model, 'gn2', files, '1.4.85'), { request: 'GET http://example.org/', reached: true });
  assert.ok('error' in requestHere(model, 'n77', files, '1.4.85'));
});
