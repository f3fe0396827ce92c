// features/routeTests: what the editor gets for a *.lighttpd-test document (items, diagnostics, results,
// completion, hover), with the configuration read through a TestEnv over an in-memory file set.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CompletionItemKind } from 'vscode-languageserver-types';
import { parse } from '../../../server/src/parser';
import { evaluate } from '../../../server/src/analysis';
import {
  generateTests,
  relativePath,
  runTestFile,
  testCompletion,
  testFileInfo,
  testHover,
  type TestEnv,
} from '../../../server/src/features/routeTests/routeTests';

const CONFIG = [
  'server.document-root = "/var/www/html"',
  'server.modules = ( "mod_proxy" )',
  '$HTTP["host"] == "example.com" {',
  '  $HTTP["url"] !~ "^/static" {',
  '    proxy.server = ( "" => ( ( "host" => "127.0.0.1", "port" => 8000 ) ) )',
  '  }',
  '}',
  '',
].join('\n');
const files = new Map([['/srv/site/lighttpd.conf', CONFIG]]);
const env: TestEnv = {
  load: (p) => (files.has(p) ? { evaluation: evaluate(parse(files.get(p)!), { path: p }) } : { error: 'no' }),
  exists: (p) => files.has(p),
  readText: (p) => files.get(p),
  uriOf: (p) => `file://${p}`,
};
const TEST_PATH = '/srv/site/tests/routes.lighttpd-test';
const TESTS = [
  'config ../lighttpd.conf',
  'GET http://example.com/static/a.css -> static /var/www/html/static/a.css',
  'GET http://example.com/app -> static /var/www/html/app',
  '  block $HTTP["host"] == "example.com"',
  'config ../missing.conf',
  'GET /x -> 404',
  '',
].join('\n');

test('items with ranges, the configs, and test-config-missing on a config that does not exist', () => {
  const info = testFileInfo(TEST_PATH, TESTS, env);
  assert.deepEqual(
    info.tests.map((t) => [t.id, t.range.start.line, t.range.end.line, t.range.end.character, t.config]),
    [
      ['GET http://example.com/static/a.css', 1, 1, 72, 'file:///srv/site/lighttpd.conf'],
      ['GET http://example.com/app', 2, 3, 38, 'file:///srv/site/lighttpd.conf'],
      ['GET /x', 5, 5, 13, 'file:///srv/site/missing.conf'],
    ],
  );
  assert.deepEqual(info.configs, ['file:///srv/site/lighttpd.conf']);
  assert.deepEqual(
    info.diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character, d.range.end.character]),
    [['test-config-missing', 4, 7, 22]],
  );
});

test('results: expected and actual at the expectation, the deciding directive, an error for the missing config', () => {
  const r = runTestFile(TEST_PATH, TESTS, env);
  assert.deepEqual(
    r.map((x) => [x.id, x.status]),
    [
      ['GET http://example.com/static/a.css', 'pass'],
      ['GET http://example.com/app', 'fail'],
      ['GET /x', 'error'],
    ],
  );
  const f = r[1];
  assert.equal(f.message, 'expected static /var/www/html/app, got proxy 127.0.0.1:8000');
  assert.deepEqual(f.failures[0].range, { start: { line: 2, character: 27 }, end: { line: 2, character: 54 } });
  assert.deepEqual(f.decidedBy, {
    uri: 'file:///srv/site/lighttpd.conf',
    key: 'proxy.server',
    range: { start: { line: 4, character: 4 }, end: { line: 4, character: 74 } },
  });
  assert.deepEqual(
    runTestFile(TEST_PATH, TESTS, env, ['GET /x']).map((x) => x.id),
    ['GET /x'],
  );
});

test('completion: keywords, handler words, backends, hosts and paths, conditions', () => {
  const labels = (text: string, line: number, character: number) =>
    testCompletion(TEST_PATH, text, { line, character }, env).map((c) => c.label);
  assert.ok(labels('', 0, 0).includes('config'));
  assert.ok(labels('config ../lighttpd.conf\nG', 1, 1).includes('GET'));
  assert.deepEqual(labels('config ../lighttpd.conf\nGET / -> ', 1, 9).slice(0, 4), [
    'static',
    'proxy',
    'fastcgi',
    'scgi',
  ]);
  assert.deepEqual(labels('config ../lighttpd.conf\nGET / -> proxy ', 1, 15), ['127.0.0.1:8000']);
  const urls = testCompletion(TEST_PATH, 'config ../lighttpd.conf\nGET ', { line: 1, character: 4 }, env);
  assert.ok(
    urls.some((c) => c.label === 'http://example.com/static/index.html'),
    JSON.stringify(urls),
  );
  assert.ok(urls.every((c) => c.kind === CompletionItemKind.Value));
  assert.deepEqual(labels('config ../lighttpd.conf\nGET /\n  block ', 2, 8), [
    '$HTTP["host"] == "example.com"',
    '$HTTP["url"] !~ "^/static"',
  ]);
  assert.ok(labels('config ../lighttpd.conf\nGET /\n  ', 2, 2).includes('header'));
});

test('hover: the simulated result of the test under the cursor', () => {
  const h = testHover(TEST_PATH, TESTS, { line: 2, character: 4 }, env);
  const v = h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '';
  assert.match(v, /^\*\*✘ fails\*\*: expected static \/var\/www\/html\/app, got proxy 127\.0\.0\.1:8000/);
  assert.match(v, /decided by `proxy\.server` \(lighttpd\.conf:5\)/);
  assert.match(v, /Handler: mod_proxy: "" → 127\.0\.0\.1:8000/);
  assert.equal(testHover(TEST_PATH, TESTS, { line: 0, character: 2 }, env), null);
});

test('generated tests name the config relative to the test file', () => {
  const text = generateTests('/srv/site/lighttpd.conf', TEST_PATH, env);
  assert.equal(typeof text, 'string');
  assert.match(text as string, /^config \.\.\/lighttpd\.conf$/m);
  assert.equal(relativePath('/a/b', '/a/c/d.conf'), '../c/d.conf');
  assert.equal(relativePath('/a', '/a/d.conf'), 'd.conf');
});
