/**
 * Inputs of the simulator's differential test: generated configurations (conditions of every kind, nested,
 * in else chains, with captures, rewrites, redirects and access rules) and, for any configuration, a set
 * of requests drawn from its own conditions (the values, near misses, other cases, ports, encodings).
 */
import type { Context } from '../../server/src/analysis/simulate/model';
import { rng } from './mutate';
import { sampleOf } from '../../server/src/analysis/simulate/representative';

export interface TestRequest {
  readonly method: string;
  readonly target: string;
  readonly host: string | undefined;
  readonly headers: readonly (readonly [string, string])[];
  readonly remoteIp: string;
}

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

const HOST_CONDS = [
  '== "example.org"',
  '!= "example.org"',
  '== "www.example.org"',
  '== "example.org:8080"',
  '== "Example.org"',
  '=~ "^(www\\.)?example\\.(org|net)$"',
  '=~ "^([^.]+)\\.example\\.org$"',
  '=~ "(?i)^EXAMPLE"',
  '=^ "www."',
  '=$ ".net"',
  '!~ "example"',
  '=~ "^[[:alpha:]]+\\.test(:[0-9]+)?$"',
];
const URL_CONDS = [
  '=~ "^/static/"',
  '=~ "^/static/(.*)\\.(css|js)$"',
  '=~ "\\.php$"',
  '=~ "^/api/v([0-9]+)/(\\w+)"',
  '=^ "/admin"',
  '=$ "/"',
  '== "/index.html"',
  '!= "/"',
  '=~ "^/a b"',
  '=~ "^/~([a-z]+)"',
  '!~ "^/(static|api)/"',
  '=~ "^/x.y$"',
  '=~ "^/[^/]+/?$"',
  '=~ "^/caf\u00e9"',
  '=~ "/\\.(git|svn)(/|$)"',
  '=~ "^/r/(.+)$"',
  '=~ "^/(?!static/)[a-z]+\\.html$"',
  '=~ "^/[[:digit:]]{2,4}/"',
  '=~ "(?i)^/STATIC/.*\\.TXT$"',
  '=~ "^/(\\w+)/\\1$"',
  '=~ "\\bindex\\b"',
  '=~ "^/a\\s?b"',
  '=~ "^/.*?/x+?$"',
  '=~ "^/(?:a|b|c)(?=/)"',
  '=~ "^/(?<name>[^/]+)/?$"',
  '=~ "\\.(jpe?g|png|gif)$"',
];
const QUERY_CONDS = [
  '=~ "(^|&)debug=1(&|$)"',
  '== ""',
  '!= ""',
  '=~ "^id=([0-9]+)"',
  '=^ "a=%20"',
  '=~ "%2F"',
  '=~ "(?:^|&)k=v"',
  '=$ "=1"',
  '=~ "q=%2f"',
];
const OTHER_CONDS: readonly (readonly [string, string])[] = [
  ['$HTTP["remote-ip"]', '== "127.0.0.0/8"'],
  ['$HTTP["remote-ip"]', '== "127.0.0.1"'],
  ['$HTTP["remote-ip"]', '!= "127.0.0.2"'],
  ['$HTTP["remote-ip"]', '== "10.0.0.0/8"'],
  ['$HTTP["remote-ip"]', '=~ "^127\\.0\\.0\\.[23]$"'],
  ['$HTTP["request-method"]', '== "POST"'],
  ['$HTTP["request-method"]', '=~ "^(GET|HEAD)$"'],
  ['$HTTP["useragent"]', '=~ "(?i)bot"'],
  ['$HTTP["user-agent"]', '=~ "^curl/"'],
  ['$HTTP["referer"]', '!~ "^https?://example\\.org/"'],
  ['$HTTP["cookie"]', '=~ "session=([a-z0-9]+)"'],
  ['$REQUEST_HEADER["X-Test"]', '== "on"'],
  ['$REQUEST_HEADER["Accept-Language"]', '=~ "^de"'],
  ['$HTTP["language"]', '=~ "fr"'],
  ['$HTTP["scheme"]', '== "http"'],
  ['$HTTP["scheme"]', '== "https"'],
  ['$HTTP["querystring"]', '=~ "^$"'],
];

function condition(r: Rand): string {
  const x = r();
  if (x < 0.3) return `$HTTP["host"] ${pick(r, HOST_CONDS)}`;
  if (x < 0.65) return `$HTTP["url"] ${pick(r, URL_CONDS)}`;
  if (x < 0.75) return `$HTTP["querystring"] ${pick(r, QUERY_CONDS)}`;
  const [f, c] = pick(r, OTHER_CONDS);
  return `${f} ${c}`;
}

/** A block body: a header naming the block, and sometimes a rewrite, a redirect or an access rule. */
function body(r: Rand, id: string, depth: number, rewrites: { n: number }): string[] {
  const pad = '  '.repeat(depth + 1);
  const lines = [`${pad}setenv.add-response-header ${r() < 0.3 ? '+=' : '='} ( "X-B${id}" => "${id}" )`];
  const y = r();
  if (y < 0.12 && rewrites.n++ < 2)
    lines.push(`${pad}url.rewrite-once = ( "^/rw/([^?]*)(?:\\?(.*))?$" => "/static/$1?from=${id}&%1" )`);
  else if (y < 0.24) lines.push(`${pad}url.redirect = ( "^/r/(.*)" => "http://%1/tö/$1?b=${id}" )`);
  else if (y < 0.3) lines.push(`${pad}url.access-deny = ( ".secret", "~" )`);
  else if (y < 0.34) lines.push(`${pad}url.redirect-code = 302`);
  return lines;
}

const NEG: Record<string, string> = { '==': '!=', '!=': '==', '=~': '!~', '!~': '=~', '=^': '!^', '=$': '!$' };

/** lighttpd's key of a condition as far as duplicates go (=~ simplified as it does; an else negated). */
function keyOf(cond: string, negate = false): string {
  const m = /^(\S+) (\S\S) "(.*)"$/.exec(cond)!;
  let op = m[2];
  let v = m[3];
  if (op === '=~' && !/[\\^$.|?*+()[\]{}]/.test(v.replace(/^\^/, '').replace(/\$$/, ''))) {
    op = v.startsWith('^') && v.endsWith('$') ? '==' : v.startsWith('^') ? '=^' : v.endsWith('$') ? '=$' : op;
    v = v.replace(/^\^/, '').replace(/\$$/, '');
  }
  return `${m[1]} ${negate ? NEG[op] : op} ${v}`;
}

function blocks(r: Rand, depth: number, prefix: string, rewrites: { n: number }): string[] {
  const out: string[] = [];
  const pad = '  '.repeat(depth);
  // Conditions of one level must differ (the same key twice is the same block: its keys would repeat).
  const used = new Set<string>();
  const fresh = (): string => {
    for (;;) {
      const c = condition(r);
      if (!used.has(keyOf(c)) && !used.has(keyOf(c, true))) {
        used.add(keyOf(c));
        return c;
      }
    }
  };
  const n = depth === 0 ? 3 + Math.floor(r() * 4) : 1 + Math.floor(r() * 2);
  for (let i = 0; i < n; i++) {
    const chain = r() < 0.35 ? 1 + Math.floor(r() * 2) : 0;
    const bare = chain > 0 && r() < 0.5;
    const id = `${prefix}${i}`;
    let last = fresh();
    out.push(`${pad}${last} {`);
    out.push(...body(r, id, depth, rewrites));
    if (depth < 2 && r() < 0.35) out.push(...blocks(r, depth + 1, `${id}_`, rewrites));
    for (let e = 0; e < chain; e++) {
      last = fresh();
      out.push(`${pad}}`);
      out.push(`${pad}else ${last} {`);
      out.push(...body(r, `${id}e${e}`, depth, rewrites));
    }
    if (bare) {
      used.add(keyOf(last, true));
      out.push(`${pad}}`);
      out.push(`${pad}else {`);
      out.push(...body(r, `${id}else`, depth, rewrites));
    }
    out.push(`${pad}}`);
  }
  return out;
}

/** A generated configuration (without the test harness settings). */
export function generatedConfig(seed: number, docroot: string): string {
  const r = rng(seed);
  return [
    `server.document-root = "${docroot}"`,
    'server.modules = ( "mod_rewrite", "mod_redirect", "mod_access", "mod_setenv", "mod_proxy" )',
    'index-file.names = ( "index.html" )',
    '$HTTP["url"] =^ "/backend/" { proxy.server = ( "" => ( ( "host" => "127.0.0.1", "port" => 1 ) ) ) }',
    ...blocks(r, 0, '', { n: 0 }),
    '',
  ].join('\n');
}

function encodeOne(s: string): string {
  const i = s.search(/[a-z]/);
  return i < 0 ? s : s.slice(0, i) + '%' + s.charCodeAt(i).toString(16).toUpperCase() + s.slice(i + 1);
}

function asPath(s: string): string {
  const t = s.startsWith('/') ? s : '/' + s;
  return t
    .replace(/[\s]/g, '%20')
    .replace(/[^\x21-\x7e]/gu, (c) =>
      [...new TextEncoder().encode(c)].map((b) => '%' + b.toString(16).toUpperCase()).join(''),
    );
}

/** Requests for a configuration: drawn from its conditions, plus a fixed base set. */
export function requestsFor(contexts: readonly Context[], seed: number, max = 60): TestRequest[] {
  const r = rng(seed);
  const hosts = new Set<string>(['localhost', 'example.org']);
  const paths = new Set<string>(['/', '/index.html', '/static/a.txt', '/nothing-here', '/a/../index.html']);
  const queries = new Set<string>(['', 'debug=1']);
  const headerSets: [string, string][][] = [];
  const methods = new Set<string>(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);
  const ips = new Set<string>(['127.0.0.1']);
  for (const c of contexts) {
    if (c.isElse || c.value === undefined) continue;
    const v = c.value;
    const literal = c.op === '=~' || c.op === '!~' ? sampleOf(v) : v;
    const field = `${c.object}:${c.field ?? ''}`;
    switch (field) {
      case 'HTTP:host':
        for (const h of [literal, literal.toUpperCase(), `${literal}:8080`, `www.${literal}`, `${literal}x`])
          if (/^[A-Za-z0-9.:-]+$/.test(h) && h.length < 100) hosts.add(h);
        break;
      case 'HTTP:url':
        for (const p of [literal, `${literal}x`, `${literal}/`, encodeOne(literal), `/x${literal}`])
          paths.add(asPath(p));
        if (literal.length > 1) paths.add(asPath(literal.replace(/\//g, '//')).replace(/^\/\//, '/./'));
        break;
      case 'HTTP:querystring':
      case 'HTTP:query-string':
        queries.add(literal.replace(/\s/g, '%20'));
        queries.add(`z&${literal}`.replace(/\s/g, '%20'));
        break;
      case 'HTTP:request-method':
        for (const m of literal.split(/[^A-Z]+/).filter(Boolean)) methods.add(m);
        methods.add('POST');
        break;
      case 'HTTP:remote-ip':
      case 'HTTP:remoteip':
        ips.add('127.0.0.2');
        ips.add('127.0.0.3');
        break;
      default: {
        const name =
          c.object === 'REQUEST_HEADER'
            ? c.field
            : c.field === 'useragent'
              ? 'User-Agent'
              : c.field === 'language'
                ? 'Accept-Language'
                : c.field;
        if (name && /^[A-Za-z-]+$/.test(name) && c.object !== 'SERVER' && c.field !== 'scheme') {
          headerSets.push([[name, literal]], [[name, literal.toUpperCase() + 'x']]);
        }
      }
    }
  }
  const hostList = [...hosts];
  const pathList = [...paths];
  const out: TestRequest[] = [];
  const seen = new Set<string>();
  const add = (t: TestRequest) => {
    const k = JSON.stringify(t);
    if (!seen.has(k) && out.length < max) {
      seen.add(k);
      out.push(t);
    }
  };
  const base = (over: Partial<TestRequest>): TestRequest => ({
    method: 'GET',
    target: '/',
    host: 'example.org',
    headers: [],
    remoteIp: '127.0.0.1',
    ...over,
  });
  for (const h of hostList) add(base({ host: h }));
  for (const p of pathList) add(base({ target: p }));
  for (const q of queries) add(base({ target: `/static/a.txt?${q}` }));
  for (const m of methods) add(base({ method: m }));
  for (const ip of ips) add(base({ remoteIp: ip }));
  for (const hs of headerSets) add(base({ headers: hs }));
  add(base({ target: '/r/some/where?q=1' }));
  add(base({ target: '/rw/a.txt?k=v' }));
  add(base({ target: '/backend/x' }));
  add(base({ target: '/x.secret' }));
  add(base({ host: undefined }));
  // Mixed combinations up to the cap.
  for (let i = 0; out.length < max && i < max * 4; i++) {
    add(
      base({
        host: pick(r, hostList),
        target: pick(r, pathList) + (r() < 0.3 ? `?${pick(r, [...queries])}` : ''),
        method: pick(r, [...methods]),
        remoteIp: pick(r, [...ips]),
        headers: headerSets.length && r() < 0.4 ? pick(r, headerSets) : [],
      }),
    );
  }
  return out;
}
