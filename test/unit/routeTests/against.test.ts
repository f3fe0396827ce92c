// The pure side of `test --against-lighttpd`: reading lighttpd 1.4.69's debug log of one request (the
// lines below are from a real run of the installed lighttpd on the config below), the harness, which
// tests and configurations can run here, and the comparison (conditions with the simulator, expectations
// with the response).
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from '../../../server/src/parser';
import { evaluate } from '../../../server/src/analysis';
import { simulate } from '../../../server/src/analysis/simulate/simulate';
import { parseTestFile } from '../../../server/src/analysis/routeTests/testFile';
import { loggedPasses, readHandling } from '../../../server/src/analysis/routeTests/lighttpdLog';
import {
  compareWithLighttpd,
  configNotRunnable,
  harnessText,
  localSpec,
  requestNotSendable,
} from '../../../server/src/analysis/routeTests/against';

const CONFIG = [
  'server.document-root = "/var/www/html"',
  'server.modules = ( "mod_access", "mod_proxy", "mod_setenv" )',
  '$HTTP["host"] == "example.com" {',
  '  server.document-root = "/var/www/example"',
  '  $HTTP["url"] !~ "^/static" {',
  '    proxy.server = ( "" => ( ( "host" => "127.0.0.1", "port" => 8000 ) ) )',
  '  }',
  '  setenv.add-response-header = ( "X-A" => "1" )',
  '}',
  '',
].join('\n');
const ev = evaluate(parse(CONFIG), { path: '/etc/lighttpd/site.conf' });

const at = (s: string) => `2026-12-07 18:52:58: ${s}`;
/** GET /app with Host example.com: proxied, the backend down. */
const PROXIED = [
  at('(configfile-glue.c.596) === start of condition block ==='),
  at('(configfile-glue.c.527) $HTTP["host"] == "example.com" compare to example.com'),
  at('(configfile-glue.c.384) 1 (uncached) result: true (cond: global / $HTTP["host"] == "example.com")'),
  at('(response.c.428) URI-path (clean): /app'),
  at('(configfile-glue.c.384) 1 (cached) result: true (cond: global / $HTTP["host"] == "example.com")'),
  at('(configfile-glue.c.527) $HTTP["url"] !~ "^/static" compare to /app'),
  at(
    '(configfile-glue.c.384) 2 (uncached) result: true (cond: global / $HTTP["host"] == "example.com" / $HTTP["url"] !~ "^/static")',
  ),
  at('(gw_backend.c.2674) handling the request using proxy'),
  at('(response.c.509) -- logical -> physical'),
  at('(response.c.511) Doc-Root     : /var/www/example'),
  at('(response.c.515) Rel-Path     : /app'),
  at('(response.c.517) Path         : /var/www/example/app'),
  at('(gw_backend.c.274) establishing connection failed: socket: tcp:127.0.0.1:8000: Connection refused'),
  at('(gw_backend.c.960) all handlers for /app? on  are down.'),
  '',
].join('\n');
/** GET /static/a.css with Host example.com: a file (missing here). */
const STATIC = [
  at('(configfile-glue.c.384) 1 (uncached) result: true (cond: global / $HTTP["host"] == "example.com")'),
  at(
    '(configfile-glue.c.384) 2 (uncached) result: false (cond: global / $HTTP["host"] == "example.com" / $HTTP["url"] !~ "^/static")',
  ),
  at('(response.c.509) -- logical -> physical'),
  at('(response.c.517) Path         : /var/www/example/static/a.css'),
  at('(response.c.203) -- : No such file or directory'),
  at('(response.c.206) Path         : /var/www/example/static/a.css'),
  '',
].join('\n');

function oneTest(text: string) {
  const f = parseTestFile(`config site.conf\n${text}\n`);
  assert.deepEqual(f.problems, []);
  return f.tests[0];
}

describe('lighttpd log of one request', () => {
  test('condition results, the gateway, the backend tried and the physical path', () => {
    const h = readHandling(PROXIED);
    assert.deepEqual(
      h.passes.map((p) => p.map((l) => [l.index, l.result])),
      [
        [
          [1, 'true'],
          [2, 'true'],
        ],
      ],
    );
    assert.equal(h.passes[0][1].key, 'global / $HTTP["host"] == "example.com" / $HTTP["url"] !~ "^/static"');
    assert.equal(h.gateway, 'proxy');
    assert.deepEqual(h.backendsTried, ['127.0.0.1:8000']);
    assert.equal(h.physicalPath, '/var/www/example/app');
    const s = readHandling(STATIC);
    assert.equal(s.gateway, undefined);
    assert.deepEqual(s.backendsTried, []);
    assert.equal(s.physicalPath, '/var/www/example/static/a.css');
  });
  test('a context computed again starts a new pass (after a rewrite)', () => {
    const log = [
      at('(configfile-glue.c.384) 1 (uncached) result: false (cond: global / $HTTP["url"] =~ "^/x")'),
      at('(configfile-glue.c.384) 2 (uncached) result: unset (cond: global / $HTTP["host"] == "a")'),
      at('(configfile-glue.c.384) 1 (uncached) result: true (cond: global / $HTTP["url"] =~ "^/x")'),
    ].join('\n');
    assert.deepEqual(
      loggedPasses(log).map((p) => p.map((l) => `${l.index}:${l.result}`)),
      [['1:false'], ['1:true']],
    );
  });
});

describe('comparison with the simulator and the expectations', () => {
  const port = 18080;
  const response = (log: string, status: number, headers: [string, string][] = []) => ({
    status,
    headers: new Map(headers),
    handling: readHandling(log),
  });
  test('agreement: the backend, the file, a header, a block', () => {
    const t = oneTest('GET http://example.com/app -> proxy 127.0.0.1:8000\n  block $HTTP["url"] !~ "^/static"');
    const sim = simulate(ev, localSpec(t, port));
    const r = compareWithLighttpd(t, sim, response(PROXIED, 503), '1.4.69');
    assert.equal(r.status, 'pass', JSON.stringify(r.failures));
    assert.equal(r.actual, 'lighttpd: proxy 127.0.0.1:8000, status 503');
    const s = oneTest('GET http://example.com/static/a.css -> static /var/www/example/static/a.css\n  header X-A: 1');
    const ss = compareWithLighttpd(
      s,
      simulate(ev, localSpec(s, port)),
      response(STATIC, 404, [['x-a', '1']]),
      '1.4.69',
    );
    assert.equal(ss.status, 'pass', JSON.stringify(ss.failures));
  });
  test('each difference is a failure: outcome, header, and a condition lighttpd decided otherwise', () => {
    const t = oneTest('GET http://example.com/static/a.css -> proxy 127.0.0.1:8000\n  header X-A: 2');
    const sim = simulate(ev, localSpec(t, port));
    // lighttpd's log says block 2 was true where the simulator says false.
    const log = STATIC.replace('2 (uncached) result: false', '2 (uncached) result: true');
    const r = compareWithLighttpd(t, sim, response(log, 404, [['x-a', '1']]), '1.4.69');
    assert.equal(r.status, 'fail');
    assert.deepEqual(
      r.failures.map((f) => [f.expected, f.actual]),
      [
        [
          "the simulator's condition results",
          'block 2 global / $HTTP["host"] == "example.com" / $HTTP["url"] !~ "^/static": lighttpd true, the simulator false',
        ],
        ['proxy 127.0.0.1:8000', 'lighttpd: static /var/www/example/static/a.css, status 404'],
        ['X-A: 2', 'X-A: 1'],
      ],
    );
  });
  test('status and Location', () => {
    const t = oneTest('GET http://example.com/old -> 301 http://example.org/new');
    const sim = simulate(ev, localSpec(t, port));
    const ok = compareWithLighttpd(t, sim, response('', 301, [['location', 'http://example.org/new']]), '1.4.69');
    assert.deepEqual(
      ok.failures.map((f) => f.actual),
      [],
    );
    const other = compareWithLighttpd(t, sim, response('', 301, [['location', 'http://example.org/x']]), '1.4.69');
    assert.deepEqual(
      other.failures.map((f) => f.actual),
      ['lighttpd: no file step, status 301 http://example.org/x'],
    );
  });
});

describe('what runs here', () => {
  test('the harness moves the listener, the logs and the pid file; turns the debug logs on', () => {
    const h = harnessText({ config: '/etc/lighttpd/site.conf', port: 18080, scratch: '/tmp/x' }, ev);
    assert.match(h, /^include "\/etc\/lighttpd\/site\.conf"\nserver\.port := 18080\nserver\.bind := "127\.0\.0\.1"\n/);
    assert.match(h, /^server\.errorlog := "\/tmp\/x\/error\.log"$/m);
    assert.match(h, /^server\.pid-file := "\/tmp\/x\/lighttpd\.pid"$/m);
    assert.match(h, /^debug\.log-condition-handling := "enable"$/m);
    assert.match(h, /^debug\.log-request-handling := "enable"$/m);
    assert.doesNotMatch(h, /ssl\.engine|accesslog/);
    const tls = evaluate(parse('ssl.engine = "enable"\naccesslog.filename = "/var/log/a"\n'), { path: '/c.conf' });
    const h2 = harnessText({ config: '/c.conf', port: 1, scratch: '/s' }, tls);
    assert.match(h2, /^ssl\.engine := "disable"$/m);
    assert.match(h2, /^accesslog\.filename := "\/s\/access\.log"$/m);
  });
  test('listeners of its own: not run; https, on SOCKET, clients outside 127/8: not sent', () => {
    assert.equal(configNotRunnable(ev), undefined);
    const sock = evaluate(parse('$SERVER["socket"] == ":443" { }\n'), { path: '/c.conf' });
    assert.match(configNotRunnable(sock) ?? '', /\$SERVER\["socket"\] == ":443"/);
    assert.equal(requestNotSendable(oneTest('GET http://a/ from 127.0.0.9 -> 403')), undefined);
    assert.match(requestNotSendable(oneTest('GET https://a/ -> 403')) ?? '', /https/);
    assert.match(requestNotSendable(oneTest('GET http://a/ on 127.0.0.1:8080 -> 403')) ?? '', /on 127\.0\.0\.1:8080/);
    assert.match(requestNotSendable(oneTest('GET http://a/ from 10.0.0.7 -> 403')) ?? '', /10\.0\.0\.7/);
  });
});
