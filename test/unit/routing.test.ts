// analysis/routing: the routing map's model (listeners, blocks, else chains, handlers), its views (collapse,
// grouping), its four renderings (JSON checked against its schema, SVG parsed as XML) and a simulated request's
// path in it.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from '../../server/src/parser';
import { evaluate } from '../../server/src/analysis';
import { lineIndex } from '../../server/src/analysis/simulate/format';
import { parseRequestLine, simulate } from '../../server/src/analysis/simulate/simulate';
import {
  buildRoutingMap,
  pathOfSimulation,
  requestFor,
  sampleOfRegex,
  renderMap,
  viewOf,
  viewNodes,
  walk,
  type RouteNode,
  type RoutingMap,
} from '../../server/src/analysis/routing';
import { expandSnippet } from '../helpers/snippet';
import { assertSvgWellFormed, assertValidMap } from '../helpers/routingMap';

function mapOf(config: string, version?: string): RoutingMap {
  const ev = evaluate(parse(config), { path: '/t.conf' });
  const line = lineIndex(config);
  return buildRoutingMap(ev, { file: '/t.conf', version, lineOf: (f, o) => (f === '/t.conf' ? line(o) : undefined) });
}

/** The tree as indented `kind label` lines (handlers: their steps), for structural assertions. */
function shape(n: RouteNode, depth = 0): string[] {
  const pad = '  '.repeat(depth);
  const own =
    n.kind === 'handler'
      ? `${pad}handler${n.otherwise ? ' (otherwise)' : ''}: ${n.steps!.map((s) => `${s.kind} ${s.all ? '' : `${s.match} → `}${s.target}${s.ignored ? ' [ignored]' : ''}`).join(' | ')}`
      : `${pad}${n.kind} ${n.label}${n.else ? ' [else]' : ''}${n.inexact ? ' [inexact]' : ''}${n.routing ? '' : ' [no routing]'}`;
  return [own, ...n.children.flatMap((c) => shape(c, depth + 1))];
}

function node(map: RoutingMap, label: string): RouteNode {
  const n = [...walk(map.root)].find((x) => x.label === label);
  assert.ok(n, `no node ${label}`);
  return n;
}

const snippets = JSON.parse(readFileSync(new URL('../../snippets/lighttpd.json', import.meta.url), 'utf8')) as Record<
  string,
  { prefix: string; body: string[] }
>;
function snippet(prefix: string, values: Record<string, string>): string {
  let text = expandSnippet(Object.values(snippets).find((s) => s.prefix === prefix)!.body).text;
  for (const [from, to] of Object.entries(values)) {
    assert.ok(text.includes(from), `${prefix} has ${from}`);
    text = text.split(from).join(to);
  }
  return text;
}

const PROXY = snippet('lighttpd-proxy', {
  'example.com': 'example.org',
  '/var/www/example': '/var/www/example.org',
  '8000': '1082',
});

describe('routing map: model', () => {
  test('the proxy snippet reads at a glance: example.org -> !~ ^/static -> proxy, else static', () => {
    const map = mapOf(PROXY);
    assert.deepEqual(shape(map.root), [
      'server *:80',
      '  condition host == example.org',
      '    condition url !~ ^/static',
      '      handler: proxy 127.0.0.1:1082',
      '    handler (otherwise): static /var/www/example.org/',
      '  handler (otherwise): static <not set>',
    ]);
    const url = node(map, 'url !~ ^/static');
    assert.equal(url.condition, '$HTTP["url"] !~ "^/static"');
    assert.equal(url.line, PROXY.split('\n').findIndex((l) => l.includes('$HTTP["url"]')) + 1);
    const proxy = url.children[0];
    assert.equal(proxy.steps![0].key, 'proxy.server');
    assert.equal(proxy.line, PROXY.split('\n').findIndex((l) => l.includes('proxy.server')) + 1);
    assert.deepEqual(map.listeners, [{ id: 'l0', address: '*:80', tls: false }]);
    assert.deepEqual(map.stats, { blocks: 2, handlers: 3, inexact: 0 });
  });

  test('the seed deployments: a backend whose module is not loaded is shown ignored, static files answer', () => {
    for (const [file, kind] of [
      ['proxy-app.conf', 'proxy'],
      ['scgi-app.conf', 'scgi'],
    ] as const) {
      const text = readFileSync(new URL(`../fixtures/seed/${file}`, import.meta.url), 'utf8');
      const map = mapOf(text);
      const url = node(map, 'url !~ ^/static');
      const steps = url.children[0].steps!;
      assert.deepEqual(
        steps.map((s) => [s.kind, s.target, !!s.ignored]),
        [
          [kind, kind === 'proxy' ? '127.0.0.1:8000' : '127.0.0.1:4000', true],
          ['static', '/srv/www/app/public/', false],
        ],
        file,
      );
      assert.match(steps[0].ignored!, new RegExp(`mod_${kind}`));
      assert.equal(map.listeners[0].address, '*:8080');
      assert.equal(map.listeners[0].line, text.split('\n').findIndex((l) => l.startsWith('server.port')) + 1);
    }
  });

  test('else chains are siblings marked else; a bare else is its own branch', () => {
    const map = mapOf(
      [
        'server.modules = ("mod_redirect", "mod_fastcgi", "mod_alias")',
        'server.document-root = "/srv"',
        '$HTTP["url"] =~ "^/old/(.*)" { url.redirect = ("^/old/(.*)" => "/new/$1") }',
        'else $HTTP["url"] =~ "\\.php$" { fastcgi.server = (".php" => (("socket" => "/run/php.sock"))) }',
        'else { alias.url = ("/doc/" => "/usr/share/doc/") }',
      ].join('\n'),
    );
    assert.deepEqual(shape(map.root), [
      'server *:80',
      '  condition url =~ ^/old/(.*)',
      '    handler: redirect =~ ^/old/(.*) → 301 /new/$1 | static /srv/',
      '  condition else url =~ \\.php$ [else]',
      '    handler: fastcgi *.php → unix:/run/php.sock | static /srv/',
      '  condition else [else]',
      '    handler: alias /doc/ → /usr/share/doc/ | static /srv/',
      '  handler (otherwise): static /srv/',
    ]);
  });

  test('listeners: server.bind/port and each $SERVER["socket"] block, TLS from ssl.engine', () => {
    const map = mapOf(
      [
        'server.bind = "127.0.0.1"',
        'server.port = 8080',
        'server.document-root = "/srv"',
        '$SERVER["socket"] == ":8443" {',
        '  ssl.engine = "enable"',
        '  ssl.pemfile = "/etc/ssl/x.pem"',
        '  $HTTP["host"] == "secure.example" { server.document-root = "/srv/secure" }',
        '}',
        '$SERVER["socket"] == "[::]:8080" { }',
      ].join('\n'),
    );
    assert.deepEqual(
      map.listeners.map((l) => [l.address, l.tls, l.node ?? null, l.line ?? null]),
      [
        ['127.0.0.1:8080', false, null, 2],
        ['*:8443', true, 'n1', 4],
        ['[::]:8080', false, 'n3', 9],
      ],
    );
    assert.deepEqual(shape(map.root), [
      'server 127.0.0.1:8080 · *:8443 TLS · [::]:8080',
      '  listener *:8443 TLS',
      '    condition host == secure.example',
      '      handler: static /srv/secure/',
      '    handler (otherwise): static /srv/',
      '  listener [::]:8080 [no routing]',
      '  handler (otherwise): static /srv/',
    ]);
    assert.equal(node(map, '*:8443 TLS').tls, true);
  });

  test('every kind of handler, in server.modules order; a backend for every request ends the list', () => {
    const map = mapOf(
      [
        'server.modules = ("mod_rewrite", "mod_access", "mod_auth", "mod_proxy", "mod_cgi", "mod_alias", "mod_dirlisting")',
        'server.document-root = "/srv/www"',
        'index-file.names = ("index.html")',
        '$HTTP["host"] == "a" {',
        '  url.rewrite-once = ("^/app/(.*)" => "/index.php/$1")',
        '  url.access-deny = ("~", ".inc")',
        '  auth.require = ("/admin" => ("method" => "basic", "realm" => "adm", "require" => "valid-user"))',
        '  cgi.assign = (".pl" => "/usr/bin/perl")',
        '  dir-listing.activate = "enable"',
        '}',
        '$HTTP["host"] == "b" {',
        '  proxy.server = ("/" => (("host" => "10.0.0.1", "port" => 80), ("host" => "10.0.0.2", "port" => 80)))',
        '  proxy.balance = "hash"',
        '  alias.url = ("/never" => "/x")',
        '}',
        '$HTTP["host"] == "c" { url.access-deny = ("") }',
      ].join('\n'),
    );
    assert.deepEqual(shape(map.root).slice(1), [
      '  condition host == a',
      '    handler: rewrite =~ ^/app/(.*) → /index.php/$1 | deny *~ *.inc → 403 | auth /admin → basic realm "adm" valid-user | cgi *.pl → /usr/bin/perl | static /srv/www/ (index index.html) (dir listing)',
      '  condition host == b',
      '    handler: proxy 10.0.0.1:80, 10.0.0.2:80 (hash)',
      '  condition host == c',
      '    handler: deny 403',
      '  handler (otherwise): static /srv/www/ (index index.html)',
    ]);
  });

  test('blocks that change nothing of the routing are kept, marked, and get no handler', () => {
    const map = mapOf(
      [
        'server.document-root = "/srv"',
        '$HTTP["url"] =~ "\\.log$" { accesslog.filename = "/var/log/x" }',
        '$HTTP["remote-ip"] == "10.0.0.0/8" { $HTTP["url"] =^ "/admin" { server.document-root = "/srv/admin" } }',
      ].join('\n'),
    );
    assert.deepEqual(shape(map.root), [
      'server *:80',
      '  condition url =~ \\.log$ [no routing]',
      '  condition remote-ip == 10.0.0.0/8',
      '    condition url =^ /admin',
      '      handler: static /srv/admin/',
      '    handler (otherwise): static /srv/',
      '  handler (otherwise): static /srv/',
    ]);
  });

  test('conditions the simulator cannot decide exactly are marked with the reason', () => {
    const map = mapOf(
      [
        '$HTTP["url"] =~ "^/a++b" { server.document-root = "/a" }',
        '$HTTP["host"] == env.HOSTNAME { server.document-root = "/b" }',
        '$HTTP["url"] =~ "^/plain" { server.document-root = "/c" }',
      ].join('\n'),
    );
    const inexact = [...walk(map.root)].filter((n) => n.inexact).map((n) => n.label);
    assert.deepEqual(inexact, ['url =~ ^/a++b', 'host == <unknown>']);
    assert.equal(map.stats.inexact, 2);
    assert.match(node(map, 'host == <unknown>').inexact!, /start/);
  });

  test('blocks of an included file carry that file and line', () => {
    const files: Record<string, string> = {
      '/c/main.conf': 'server.document-root = "/srv"\ninclude "site.conf"\n',
      '/c/site.conf': '# site\n\n$HTTP["host"] == "x" {\n  server.document-root = "/srv/x"\n}\n',
    };
    const ev = evaluate(parse(files['/c/main.conf']), {
      path: '/c/main.conf',
      resolveInclude: () => ({ files: [{ path: '/c/site.conf', file: parse(files['/c/site.conf']) }] }),
    });
    const map = buildRoutingMap(ev, { lineOf: (f, o) => lineIndex(files[f])(o) });
    const host = node(map, 'host == x');
    assert.deepEqual([host.file, host.line], ['/c/site.conf', 3]);
    assert.deepEqual([host.children[0].file, host.children[0].line], ['/c/site.conf', 4]);
  });
});

describe('routing map: views and formats', () => {
  const many = [
    'server.document-root = "/srv"',
    ...Array.from({ length: 6 }, (_, i) => `$HTTP["host"] == "h${i}.example" { server.document-root = "/srv/shared" }`),
    '$HTTP["host"] == "other" { server.document-root = "/srv/other" $HTTP["url"] =^ "/x" { url.access-deny = ("") } }',
  ].join('\n');

  test('group: sibling blocks ending in the same handler are one box listing them', () => {
    const map = mapOf(many);
    const plain = viewOf(map);
    const grouped = viewOf(map, { group: true });
    assert.equal([...viewNodes(plain)].length, 1 + 6 * 2 + 4 + 1);
    const g = grouped.children[0];
    assert.equal(g.members?.length, 6);
    assert.deepEqual(g.lines, ['host == h0.example', 'host == h1.example', 'host == h2.example', '+3 more']);
    assert.equal(g.children[0].lines.join(' '), 'static /srv/shared/');
    assert.equal(grouped.children.length, 3);
  });

  test('collapse by id and by depth hides subtrees and counts what is hidden', () => {
    const map = mapOf(many);
    const other = node(map, 'host == other');
    const v = viewOf(map, { collapsed: new Set([other.id]) });
    const o = v.children.find((c) => c.id === other.id)!;
    assert.deepEqual([o.children.length, o.hidden], [0, 3]);
    const top = viewOf(map, { depth: 0 });
    assert.deepEqual([top.children.length, top.hidden], [0, 17]);
  });

  test('the four formats: JSON valid against its schema, SVG well-formed, Mermaid and DOT complete', () => {
    const map = mapOf(PROXY + '\n$HTTP["url"] =~ "<&\\"\'>" { server.document-root = "/q" }\n');
    assertValidMap(JSON.parse(renderMap(map, 'json')));
    const svg = renderMap(map, 'svg');
    const doc = assertSvgWellFormed(svg);
    assert.equal(doc.nodes.length, [...walk(map.root)].length);
    assert.ok(doc.nodes.includes('n2') && doc.nodes.includes('h2'));
    assert.ok(doc.texts.includes('proxy 127.0.0.1:1082'));
    assert.ok(doc.texts.includes('url =~ <&"\'>'));
    const mermaid = renderMap(map, 'mermaid').split('\n');
    assert.equal(mermaid[0], 'flowchart LR');
    assert.ok(mermaid.includes('  n2 --> h2'));
    assert.ok(mermaid.includes('  h2[/"proxy 127.0.0.1:1082"/]'));
    assert.ok(mermaid.some((l) => l.includes("url =~ #60;#38;#34;'#62;")));
    const dot = renderMap(map, 'dot');
    assert.match(dot, /^digraph routing \{\n/);
    assert.match(dot, /\n {2}n2 -> h2;\n/);
    assert.match(dot, /label="url =~ <&\\"'>\\l"/);
    assert.equal((dot.match(/ -> /g) ?? []).length, [...walk(map.root)].length - 1);
  });
});

describe("routing map: a simulated request's path", () => {
  const map = mapOf(PROXY);
  const ev = evaluate(parse(PROXY), { path: '/t.conf' });
  const path = (line: string) => {
    const spec = parseRequestLine(line, {});
    if ('error' in spec) throw new Error(spec.error);
    return pathOfSimulation(map, simulate(ev, spec));
  };
  test('a dynamic URL goes through both blocks to the proxy', () => {
    assert.deepEqual(path('GET http://example.org/app'), { nodes: ['n0', 'n1', 'n2', 'h2'], handler: 'h2' });
  });
  test('/static stops at the host block and gets its static files', () => {
    assert.deepEqual(path('GET http://example.org/static/a.css'), { nodes: ['n0', 'n1', 'h1'], handler: 'h1' });
  });
  test('another host ends in the global handler', () => {
    assert.deepEqual(path('GET http://other.example/app'), { nodes: ['n0', 'h0'], handler: 'h0' });
  });
  test('the SVG draws the path highlighted', () => {
    const svg = renderMap(map, 'svg', { highlight: new Set(path('GET http://example.org/app').nodes) });
    const doc = assertSvgWellFormed(svg);
    assert.deepEqual(doc.highlighted, ['n0', 'n1', 'n2', 'h2']);
  });
});

describe('routing map: a request that reaches a node ("simulate a request here")', () => {
  const config = [
    'server.modules = ("mod_proxy", "mod_redirect")',
    'server.document-root = "/srv"',
    PROXY.replace(/^server\.modules.*$/m, ''),
    '$HTTP["host"] =~ "^(www\\.)?shop\\.example$" {',
    '  $HTTP["url"] =~ "^/api/v[0-9]+/" { proxy.server = ("" => (("host" => "10.0.0.5", "port" => 9000))) }',
    '  else $HTTP["url"] =$ ".php" { server.document-root = "/srv/php" }',
    '  else { url.redirect = ("^/(.*)" => "https://shop.example/$1") }',
    '}',
    '$HTTP["remote-ip"] == "10.0.0.0/8" { $REQUEST_HEADER["X-Debug"] == "1" { server.document-root = "/srv/debug" } }',
  ].join('\n');
  const ev = evaluate(parse(config), { path: '/t.conf' });
  const map = buildRoutingMap(ev, { file: '/t.conf' });
  const here = (label: string) => requestFor(ev, map, node(map, label).id);
  test('each block gets a request that reaches it, checked by the simulator', () => {
    assert.deepEqual(here('url !~ ^/static'), { request: 'GET http://example.org/', reached: true });
    assert.deepEqual(here('url =~ ^/api/v[0-9]+/'), { request: 'GET http://shop.example/api/v0/', reached: true });
    assert.deepEqual(here('else url =$ .php'), { request: 'GET http://shop.example/a.php', reached: true });
    assert.deepEqual(here('else'), { request: 'GET http://shop.example/', reached: true });
    assert.deepEqual(here('header "X-Debug" == 1'), {
      request: 'GET http://localhost/ -H "X-Debug: 1" --remote-ip 10.0.0.1',
      reached: true,
    });
  });
  test('an "otherwise" handler gets a request that matches none of the blocks below it', () => {
    const host = node(map, 'host == example.org');
    const otherwise = host.children.find((c) => c.kind === 'handler')!;
    assert.deepEqual(requestFor(ev, map, otherwise.id), { request: 'GET http://example.org/static', reached: true });
    assert.deepEqual(requestFor(ev, map, 'h0'), { request: 'GET http://localhost/', reached: true });
    assert.equal(requestFor(ev, map, 'n999'), undefined);
  });
  test('regex samples', () => {
    assert.equal(sampleOfRegex('^/static/(.*)\\.(css|js)$'), '/static/.css');
    assert.equal(sampleOfRegex('^(?:www\\.)?example\\.(org|net)$'), 'example.org');
    assert.equal(sampleOfRegex('\\.php$'), '.php');
    assert.equal(sampleOfRegex('^/[^/]+/x{2}$'), '/a/xx');
  });
});
