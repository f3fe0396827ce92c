// analysis/simulate: the request simulator. The facts asserted here were checked against lighttpd 1.4.69
// (test/differential/simulate.test.ts runs the same kind of requests through the real server).
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from '../../server/src/parser';
import { evaluate } from '../../server/src/analysis';
import {
  normalizeRequest,
  parseRequestLine,
  simulate,
  type RequestSpec,
  type Simulation,
} from '../../server/src/analysis/simulate/simulate';
import { normalizeTarget, simplifyPath, checkHost } from '../../server/src/analysis/simulate/request';
import { translatePcre } from '../../server/src/analysis/simulate/pcre';
import { parseIp } from '../../server/src/analysis/simulate/conditions';
import {
  formatSimulation,
  lighttpdValue,
  lineIndex,
  type ReportLocation,
} from '../../server/src/analysis/simulate/format';

function spec(line: string, headers: string[] = [], remoteIp?: string): RequestSpec {
  const s = parseRequestLine(line, { headers, remoteIp });
  if ('error' in s) throw new Error(s.error);
  return s;
}

function sim(config: string, line: string, headers: string[] = [], remoteIp?: string): Simulation {
  return simulate(evaluate(parse(config), { path: '/t.conf' }), spec(line, headers, remoteIp));
}

function results(s: Simulation): string[] {
  return s.conditions.map((c) => `${c.index}:${String(c.result)}`);
}

describe('request normalisation (burl_normalize, urldecode, path simplify)', () => {
  test('unreserved characters are decoded, others upper-cased, required ones encoded', () => {
    assert.equal(normalizeTarget('/%7euser/%41b%2fc?x=%2f&y=%7e'), '/~user/Ab/c?x=%2F&y=~');
    assert.equal(normalizeTarget('/a b'), '/a%20b');
    assert.equal(normalizeTarget('/a#frag'), '/a');
  });
  test('dot segments and double slashes go; a query is left alone', () => {
    assert.equal(normalizeTarget('/a/./b/../c//d?x=/../'), '/a/c/d?x=/../');
    assert.equal(simplifyPath('/blah/..'), '/');
    assert.equal(simplifyPath('/abc/.'), '/abc/');
  });
  test('encoded control characters and bytes that are never UTF-8 are rejected (400)', () => {
    assert.equal(normalizeTarget('/a%00b'), undefined);
    assert.equal(normalizeTarget('/a%C0%80'), undefined);
    const r = normalizeRequest(spec('GET http://example.org/%0a'));
    assert.equal(r.ok, false);
  });
  test('$HTTP["url"] is the decoded path, the query stays encoded', () => {
    const r = normalizeRequest(spec('GET http://Example.ORG./a%20b%3F?q=%41%20'));
    assert.ok(r.ok);
    assert.equal(r.request.path, '/a b?');
    assert.equal(r.request.query, 'q=A%20');
    assert.equal(r.request.authority, 'example.org');
  });
  test('host-strict rejects odd names and keeps a port', () => {
    assert.equal(checkHost('a_b.example'), undefined);
    assert.equal(checkHost('example.org:8080'), 'example.org:8080');
    assert.equal(checkHost('example.org:'), 'example.org');
    assert.equal(checkHost('1.2.3'), undefined);
    assert.equal(checkHost('[::1]:80'), '[::1]:80');
  });
});

describe('PCRE2 translation', () => {
  const run = (p: string, s: string) => {
    const t = translatePcre(p);
    assert.ok(t.ok, t.ok ? '' : t.reason);
    return t.regex.test(s);
  };
  test('. does not match a newline but matches \\r; $ matches before a final newline', () => {
    assert.equal(run('^a.b$', 'a\rb'), true);
    assert.equal(run('^a.b$', 'a\nb'), false);
    assert.equal(run('^ab$', 'ab\n'), true);
    assert.equal(run('^ab\\z', 'ab\n'), false);
  });
  test('\\s is ASCII white space only; POSIX classes; \\Q..\\E; identity escapes', () => {
    assert.equal(run('^\\s$', '\u00a0'), false);
    assert.equal(run('^[[:digit:]]+$', '123'), true);
    assert.equal(run('^\\Q.*\\E$', '.*'), true);
    assert.equal(run('^\\Q.*\\E$', 'ab'), false);
    assert.equal(run('^/a\\-b\\/c$', '/a-b/c'), true);
    assert.equal(run('(?i)^/ADMIN', '/admin/x'), true);
    assert.equal(run('^/(?P<x>[a-z]+)/(?P=x)$', '/ab/ab'), true);
  });
  test('what cannot be run faithfully is refused, with a reason', () => {
    for (const p of ['a++', '(?>a)', 'a(?i)b', '\\Ka', '(?x) a', '\\p{L}', 'a{,3}', '(?1)(a)']) {
      const t = translatePcre(p);
      assert.equal(t.ok, false, p);
    }
    const bad = translatePcre('(a');
    assert.ok(!bad.ok && /does not compile/.test(bad.reason));
  });
});

describe('conditions', () => {
  const conf = [
    'server.document-root = "/srv/www"',
    'server.modules = ("mod_rewrite", "mod_redirect", "mod_access", "mod_setenv", "mod_proxy")',
    '$HTTP["host"] == "example.org" {',
    '  $HTTP["url"] =~ "^/static/(.*)$" { setenv.add-response-header = ("X-S" => "1") }',
    '} else $HTTP["host"] =~ "^www\\.(.*)$" {',
    '  url.redirect = ("^/(.*)" => "https://%1/$1")',
    '} else {',
    '  url.access-deny = ("")',
    '}',
    '$HTTP["remote-ip"] == "10.0.0.0/8" { setenv.add-response-header = ("X-Net" => "ten") }',
    '$HTTP["url"] =^ "/api/" { proxy.server = ("" => (( "host" => "127.0.0.1", "port" => 8080 ))) }',
    '',
  ].join('\n');
  test('a host with a port matches == without one; nested and else chains', () => {
    const s = sim(conf, 'GET http://example.org:8080/static/app.css');
    assert.deepEqual(results(s), ['1:true', '2:true', '3:not-evaluated', '4:not-evaluated', '5:false', '6:false']);
    assert.deepEqual(s.responseHeaders, { 'X-S': '1' });
    assert.equal(s.handler.module, 'mod_staticfile');
    assert.equal((s.handler as { path: string }).path, '/srv/www/static/app.css');
  });
  test('the else-if branch: captures of the condition (%1) and of the rule ($1) in a redirect', () => {
    const s = sim(conf, 'GET http://www.foo.net/a/b?x=1');
    assert.deepEqual(results(s).slice(0, 4), ['1:false', '2:not-evaluated', '3:true', '4:not-evaluated']);
    assert.deepEqual(s.handler, {
      module: 'mod_redirect',
      status: 301,
      location: 'https://foo.net/a/b?x=1',
      rule: '^/(.*)',
      context: 3,
    });
  });
  test('a bare else is keyed by the negated branch before it; access denied', () => {
    const s = sim(conf, 'GET http://other.org/x');
    assert.equal(s.conditions[3].condition, '$HTTP["host"] !~ "^www\\.(.*)$"');
    assert.equal(s.conditions[3].result, true);
    assert.equal(s.handler.module, 'mod_access');
  });
  test('remote-ip CIDR; proxy backend', () => {
    const s = sim(conf, 'GET http://example.org/api/v1', [], '10.1.2.3');
    assert.equal(s.conditions.find((c) => c.index === 5)?.result, true);
    assert.deepEqual(s.handler, {
      module: 'mod_proxy',
      extension: '',
      backends: [{ host: '127.0.0.1', port: 8080, socket: undefined, binPath: undefined }],
    });
  });
  test('a pattern that cannot be run faithfully makes the condition unknown, and what depends on it', () => {
    const s = sim('$HTTP["url"] =~ "^/a++" { $HTTP["host"] == "x" { server.name = "y" } }\n', 'GET http://x/aa');
    assert.deepEqual(results(s), ['1:unknown', '2:unknown']);
    assert.match(s.conditions[0].reason ?? '', /possessive/);
  });
  test('rewrite starts a new pass with the rewritten URL', () => {
    const s = sim(
      'server.modules = ("mod_rewrite")\nserver.document-root = "/w"\n$HTTP["url"] =^ "/old" { url.rewrite-once = ("^/old/(.*)" => "/new/$1") }\n',
      'GET http://x/old/p?q',
    );
    assert.equal(s.passes.length, 2);
    assert.equal(s.passes[0].conditions[0].result, true);
    assert.equal(s.passes[1].conditions[0].result, false);
    assert.equal(s.passes[1].path, '/new/p');
    assert.equal((s.handler as { path: string }).path, '/w/new/p');
  });
  test('header fields; an absent header compares as the empty string', () => {
    const c =
      '$HTTP["useragent"] =~ "curl" { server.name = "a" }\n$REQUEST_HEADER["X-Y"] == "" { server.name = "b" }\n';
    assert.deepEqual(results(sim(c, 'GET http://x/', ['User-Agent: curl/8'])), ['1:true', '2:true']);
    assert.deepEqual(results(sim(c, 'GET http://x/', ['X-Y: 1'])), ['1:false', '2:false']);
  });
  test('a block is found by its condition without case: "^/a" after "^/A" is that block and matches /A only', () => {
    const c = '$HTTP["url"] =~ "^/A" { server.name = "upper" }\n$HTTP["url"] =~ "^/a" { server.tag = "lower" }\n';
    const lowerCase = sim(c, 'GET http://x/a');
    assert.deepEqual(results(lowerCase), ['1:false']);
    assert.equal(lowerCase.settings['server.tag'], undefined);
    assert.equal(sim(c, 'GET http://x/A').settings['server.tag']?.value, 'lower');
    const ev = evaluate(parse('$HTTP["url"] =~ "^/A" { a = 1 }\n$HTTP["url"] =~ "^/a" { a = 2 }\n'));
    assert.deepEqual(
      ev.problems.map((p) => p.code),
      ['duplicate-key'],
    );
  });
  test('query-string operands and rule patterns/substitutions are stored URL-normalised', () => {
    const c =
      'server.modules = ("mod_redirect")\n$HTTP["querystring"] =~ "q=%2f" { url.redirect = ("^/r/(.*)" => "/t\u00f6/$1") }\n';
    const s = sim(c, 'GET http://x/r/a?q=%2f');
    assert.deepEqual(results(s), ['1:true']);
    assert.equal((s.handler as { location: string }).location, '/t%C3%B6/a?q=%2F');
  });
  test('an existing file mod_staticfile does not serve: other methods, excluded extensions', () => {
    const c = 'server.document-root = "/w"\nstatic-file.exclude-extensions = ( ".php" )\n';
    const ifExists = (line: string) => (sim(c, line).handler as { ifExists?: { status: number } }).ifExists?.status;
    assert.equal(ifExists('GET http://x/a.txt'), undefined);
    assert.equal(ifExists('GET http://x/a.php'), 403);
    assert.equal(ifExists('PUT http://x/a.txt'), 501);
    assert.equal(ifExists('OPTIONS http://x/a.txt'), 200);
  });
  test('IP parsing', () => {
    assert.deepEqual(parseIp('10.0.0.1'), [10, 0, 0, 1]);
    assert.equal(parseIp('::1')?.length, 16);
    assert.equal(parseIp('1::2::3'), undefined);
  });
});

describe('the readable report (analysis/simulate/format.ts)', () => {
  const conf = [
    'server.modules = ( "mod_scgi" )',
    '$HTTP["url"] =^ "/" {',
    '  scgi.server = ( "/" => ( "turbogears" => ( "host" => "127.0.0.1", "port" => 8080, "check-local" => "disable", "fix-root-scriptname" => "enable" ) ) )',
    '}',
    'index-file.names = ( "index.html" )',
    '',
  ].join('\n');
  const s = sim(conf, 'GET http://example.org/app');
  const lines = lineIndex(conf);
  const locations: ReportLocation[] = [];
  const text = formatSimulation(s, (_f, o) => lines(o), { locations });
  const out = text.split('\n');

  test('values read as lighttpd writes them, not JSON', () => {
    assert.ok(!/= [{[]"/.test(text), text);
    assert.ok(out.includes('  index-file.names = ( "index.html" )  (/t.conf:5)'), text);
    const at = out.findIndex((l) => l.startsWith('  scgi.server = ('));
    assert.deepEqual(out.slice(at, at + 10), [
      '  scgi.server = (',
      '      "/" => (',
      '          "turbogears" => (',
      '              "host" => "127.0.0.1",',
      '              "port" => 8080,',
      '              "check-local" => "disable",',
      '              "fix-root-scriptname" => "enable",',
      '          ),',
      '      ),',
      '  )  (/t.conf:3)',
    ]);
    assert.equal(lighttpdValue(['a', 'b"c']), '( "a", "b\\"c" )');
    assert.equal(lighttpdValue(null), '<unknown>');
  });

  test('every place named is a location: the condition and each setting, at the columns of "file:line"', () => {
    const named = locations.map((l) => `${out[l.line].slice(l.start, l.end)}@${l.fileLine}`);
    assert.deepEqual(named.sort(), ['/t.conf:1@1', '/t.conf:2@2', '/t.conf:3@3', '/t.conf:5@5'].sort());
  });
});
