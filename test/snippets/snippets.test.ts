// Checks snippets/lighttpd.json: its structure, and that every snippet, expanded with its defaults
// (and with every choice of its choice tab stops), is accepted by a real `lighttpd -tt`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expandSnippet, parseSnippet } from '../helpers/snippet';
import { LIGHTTPD, NO_LIGHTTPD, OPENSSL } from '../helpers/lighttpd';

interface Snippet {
  prefix: string | string[];
  description: string;
  body: string | string[];
}

const SNIPPETS_FILE = fileURLToPath(new URL('../../snippets/lighttpd.json', import.meta.url));
const raw = readFileSync(SNIPPETS_FILE, 'utf8');
const snippets = JSON.parse(raw) as Record<string, Snippet>;
const entries = Object.entries(snippets);

const prefixesOf = (s: Snippet): string[] => (Array.isArray(s.prefix) ? s.prefix : [s.prefix]);
const bodyOf = (s: Snippet): string => (Array.isArray(s.body) ? s.body.join('\n') : s.body);

function byPrefix(prefix: string): Snippet {
  const found = entries.find(([, s]) => prefixesOf(s).includes(prefix));
  assert.ok(found, `no snippet with prefix ${prefix}`);
  return found[1];
}
const mainPrefix = (s: Snippet): string => prefixesOf(s)[0] ?? '';
const expanded = (prefix: string): string => expandSnippet(byPrefix(prefix).body).text;

const REQUIRED_PREFIXES = [
  'lighttpd-proxy',
  'lighttpd-scgi',
  'lighttpd-proxy-balance',
  'lighttpd-fastcgi',
  'lighttpd-tls',
  'lighttpd-rewrite',
  'lighttpd-redirect-https',
];

// ---------------------------------------------------------------------------------------------
// The expander itself.

test('expander: tab stops, placeholders, nesting, mirrors, choices, $0', () => {
  assert.equal(expandSnippet('a $1 b ${2} c').text, 'a  b  c');
  assert.equal(expandSnippet('${1:foo} and $1').text, 'foo and foo');
  assert.equal(expandSnippet('$1 before ${1:bar}').text, 'bar before bar');
  assert.equal(expandSnippet('${1:outer ${2:inner} end} $2').text, 'outer inner end inner');
  assert.equal(expandSnippet('x${1|one,two,three|}y').text, 'xoney');
  assert.equal(expandSnippet('${1|a\\,b,c|}').text, 'a,b');
  assert.equal(expandSnippet('${1|x,y|}', { choose: (_i, o) => o[1] ?? '' }).text, 'y');
  assert.equal(expandSnippet('end$0').text, 'end');
  assert.equal(expandSnippet('${0:gone}').text, '');
  assert.deepEqual(expandSnippet('${1:a} $2 ${3|x,y|} $0').tabstops, [1, 2, 3, 0]);
  assert.equal(expandSnippet(['line1', '    line2']).text, 'line1\n    line2');
});

test('expander: escapes and literal dollars', () => {
  assert.equal(expandSnippet('\\$HTTP["host"]').text, '$HTTP["host"]');
  assert.equal(expandSnippet('a\\}b\\\\c').text, 'a}b\\c');
  assert.equal(expandSnippet('${1:x\\}y}').text, 'x}y');
  assert.equal(expandSnippet('\\${url.path}').text, '${url.path}');
  assert.equal(expandSnippet('cost: $ 5, "^/(.*)$"').text, 'cost: $ 5, "^/(.*)$"');
  assert.equal(expandSnippet('a\\nb').text, 'a\\nb'); // backslash before anything else is literal
  assert.equal(expandSnippet('}').text, '}');
});

test('expander: variables', () => {
  const vars = { TM_FILENAME: 'lighttpd.conf', EMPTY: '' };
  assert.equal(expandSnippet('$TM_FILENAME', { variables: vars }).text, 'lighttpd.conf');
  assert.equal(expandSnippet('${TM_FILENAME}', { variables: vars }).text, 'lighttpd.conf');
  assert.equal(expandSnippet('${EMPTY:fallback}', { variables: vars }).text, 'fallback');
  assert.equal(expandSnippet('${UNKNOWN_VAR}').text, 'UNKNOWN_VAR');
  assert.equal(expandSnippet('${UNKNOWN_VAR:dflt}').text, 'dflt');
  assert.equal(expandSnippet('${TM_FILENAME/(.*)\\.conf$/${1:/upcase}/}', { variables: vars }).text, 'LIGHTTPD');
  assert.equal(expandSnippet('${TM_FILENAME/(x)?.*/${1:?yes:no}/}', { variables: vars }).text, 'no');
  assert.deepEqual(expandSnippet('$HTTP ${FOO:1}').variables, ['HTTP', 'FOO']);
  assert.throws(() => parseSnippet('${1:never closed'));
});

// ---------------------------------------------------------------------------------------------
// Structure of snippets/lighttpd.json.

test('snippets file is valid JSON with prefix, description and body on every snippet', () => {
  assert.ok(entries.length >= REQUIRED_PREFIXES.length);
  const seen = new Set<string>();
  for (const [name, s] of entries) {
    const prefixes = prefixesOf(s);
    assert.ok(prefixes.length > 0, `${name}: no prefix`);
    for (const p of prefixes) {
      assert.match(p, /^lighttpd-[a-z0-9-]+$/, `${name}: prefix ${p}`);
      assert.ok(!seen.has(p), `prefix ${p} used twice`);
      seen.add(p);
    }
    assert.equal(typeof s.description, 'string', `${name}: description`);
    assert.ok(s.description.length > 40, `${name}: description should say when to use it`);
    assert.ok(typeof s.body === 'string' || (Array.isArray(s.body) && s.body.every((l) => typeof l === 'string')));
  }
});

test('required prefixes exist', () => {
  for (const p of REQUIRED_PREFIXES) byPrefix(p);
});

test('bodies: only literal $ (escaped), no snippet variables, tidy 4-space indentation, no tabs', () => {
  for (const [name, s] of entries) {
    const e = expandSnippet(s.body);
    assert.deepEqual(e.variables, [], `${name}: an unescaped $ turned into a snippet variable`);
    for (const line of e.text.split('\n')) {
      assert.ok(!line.includes('\t'), `${name}: tab in ${JSON.stringify(line)}`);
      const indent = /^ */.exec(line)?.[0].length ?? 0;
      assert.equal(indent % 4, 0, `${name}: indentation of ${JSON.stringify(line)}`);
    }
    assert.ok(e.tabstops.length > 0, `${name}: has tab stops`);
  }
});

test('no snippet sets the platform specific server.event-handler', () => {
  for (const [name, s] of entries) assert.ok(!bodyOf(s).includes('server.event-handler'), name);
});

test('every module a snippet uses is loaded by the snippet itself', () => {
  const moduleOfKey: [RegExp, string][] = [
    [/\bproxy\./, 'mod_proxy'],
    [/\bscgi\./, 'mod_scgi'],
    [/\bfastcgi\./, 'mod_fastcgi'],
    [/\bssl\./, 'mod_openssl'],
    [/\burl\.rewrite/, 'mod_rewrite'],
    [/\burl\.redirect/, 'mod_redirect'],
  ];
  for (const [name, s] of entries) {
    const text = expandSnippet(s.body).text;
    for (const [key, mod] of moduleOfKey) {
      if (key.test(text)) {
        assert.match(text, new RegExp(`server\\.modules \\+= \\([^)]*"${mod}"`), `${name} must load ${mod}`);
      }
    }
  }
});

test('(a) reverse proxy: mod_proxy, host block, static split, proxy.server to 127.0.0.1', () => {
  const t = expanded('lighttpd-proxy');
  assert.match(t, /server\.modules \+= \( "mod_proxy" \)/);
  assert.match(t, /\$HTTP\["host"\] == "example\.com" \{/);
  assert.match(t, /server\.document-root = "/);
  assert.match(t, /\$HTTP\["url"\] !~ "\^\/static" \{/);
  assert.match(t, /proxy\.server = \( "" => \( \( "host" => "127\.0\.0\.1", "port" => \d+ \) \) \)/);
  // proxy.server sits inside the static split
  assert.ok(t.indexOf('proxy.server') > t.indexOf('$HTTP["url"] !~'));
  const body = bodyOf(byPrefix('lighttpd-proxy'));
  assert.match(body, /\$\{\d+:127\.0\.0\.1\}/, 'host is a tab stop defaulting to 127.0.0.1');
  assert.match(body, /"port" => \$\{\d+:\d+\}/, 'port is a tab stop');
  assert.match(body, /\$\{1:example\.com\}/);
});

test('(b) SCGI/WSGI: mod_scgi, scgi.server with check-local disabled, static split', () => {
  const t = expanded('lighttpd-scgi');
  assert.match(t, /server\.modules \+= \( "mod_scgi" \)/);
  assert.match(t, /scgi\.server = \( "\/" => \(\s*"app" => \(/);
  assert.match(t, /"host" => "127\.0\.0\.1"/);
  assert.match(t, /"port" => 4000/);
  assert.match(t, /"check-local" => "disable"/);
  assert.match(t, /\$HTTP\["url"\] !~ "\^\/static" \{/);
  assert.ok(t.indexOf('scgi.server') > t.indexOf('$HTTP["url"] !~'));
});

test('(c) variants: balance choices, FastCGI socket, TLS, rewrite, https redirect', () => {
  const bal = expandSnippet(byPrefix('lighttpd-proxy-balance').body);
  assert.deepEqual([...bal.choices.values()], [['round-robin', 'hash', 'fair', 'sticky']]);
  assert.match(bal.text, /proxy\.balance = "round-robin"/);
  assert.ok((bal.text.match(/"host" =>/g) ?? []).length >= 2, 'several backends');

  const fcgi = expanded('lighttpd-fastcgi');
  assert.match(fcgi, /fastcgi\.server = /);
  assert.match(fcgi, /"socket" => "\//);
  assert.match(fcgi, /"check-local" => "disable"/);
  assert.ok(!fcgi.includes('bin-path'), 'nothing is spawned');

  const tls = expanded('lighttpd-tls');
  assert.match(tls, /\$SERVER\["socket"\] == ":443" \{/);
  assert.match(tls, /ssl\.engine = "enable"/);
  assert.match(tls, /ssl\.pemfile = "[^"]+"/);

  assert.match(expanded('lighttpd-rewrite'), /url\.rewrite-if-not-file = \(\s*"\^\/\(\.\*\)\$" => "\/index\.php\/\$1"/);

  const redir = expanded('lighttpd-redirect-https');
  assert.match(redir, /\$HTTP\["scheme"\] == "http" \{/);
  assert.ok(redir.includes('url.redirect = ( "" => "https://${url.authority}${url.path}${qsa}" )'));
});

// ---------------------------------------------------------------------------------------------
// Real lighttpd.

const tmpRoot = mkdtempSync(join(tmpdir(), 'lighttpd-snippets-'));
process.on('exit', () => rmSync(tmpRoot, { recursive: true, force: true }));
let counter = 0;

interface CheckResult {
  status: number | null;
  output: string;
  config: string;
}

/** Writes `body` under a minimal server section and runs `lighttpd -tt` on it. */
function lighttpdCheck(body: string): CheckResult {
  assert.ok(LIGHTTPD);
  const dir = join(tmpRoot, `case-${++counter}`);
  const docroot = join(dir, 'htdocs');
  mkdirSync(docroot, { recursive: true });
  const config = [
    `server.document-root = "${docroot}"`,
    'server.port = 18089',
    'server.bind = "127.0.0.1"',
    `server.errorlog = "${join(dir, 'error.log')}"`,
    '',
    body,
    '',
  ].join('\n');
  const file = join(dir, 'lighttpd.conf');
  writeFileSync(file, config);
  const r = spawnSync(LIGHTTPD, ['-tt', '-f', file], { encoding: 'utf8', timeout: 20_000 });
  let output = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  const log = join(dir, 'error.log');
  if (existsSync(log)) output += readFileSync(log, 'utf8');
  if (r.error) output += String(r.error);
  return { status: r.status, output, config };
}

function assertAccepted(r: CheckResult): void {
  const where = `\n--- config ---\n${r.config}\n--- lighttpd output ---\n${r.output}`;
  assert.equal(r.status, 0, `lighttpd -tt exit code${where}`);
  assert.doesNotMatch(r.output, /unknown config-key/i, where);
  assert.doesNotMatch(r.output, /WARNING|ERROR/i, where);
  // lighttpd reports some problems (e.g. a bad proxy.balance) without failing: any message counts.
  assert.equal(r.output.trim(), '', `lighttpd printed diagnostics${where}`);
}

/** Every configuration to try for a snippet: all defaults, then each other option of each choice. */
function variantsOf(s: Snippet): { label: string; text: string }[] {
  const base = expandSnippet(s.body);
  const out = [{ label: 'defaults', text: base.text }];
  for (const [index, options] of base.choices) {
    for (const option of options.slice(1)) {
      const text = expandSnippet(s.body, { choose: (i, o) => (i === index ? option : (o[0] ?? '')) }).text;
      out.push({ label: `choice ${index} = ${option}`, text });
    }
  }
  return out;
}

let tlsSkip: string | undefined;
let pemFile = '';
function prepareTls(): string | undefined {
  if (!LIGHTTPD) return NO_LIGHTTPD;
  if (!OPENSSL) return 'openssl not installed, cannot make a test certificate';
  const dir = mkdtempSync(join(tmpRoot, 'tls-'));
  const key = join(dir, 'key.pem');
  const crt = join(dir, 'cert.pem');
  const r = spawnSync(
    OPENSSL,
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-subj',
      '/CN=localhost',
      '-days',
      '1',
      '-keyout',
      key,
      '-out',
      crt,
    ],
    { encoding: 'utf8', timeout: 60_000 },
  );
  if (r.status !== 0) return `openssl could not make a test certificate: ${r.stderr}`;
  pemFile = join(dir, 'server.pem');
  writeFileSync(pemFile, readFileSync(crt, 'utf8') + readFileSync(key, 'utf8'));
  const probe = lighttpdCheck('server.modules += ( "mod_openssl" )');
  if (probe.status !== 0 || probe.output.trim() !== '') {
    return `lighttpd cannot load mod_openssl (apt-get install lighttpd-mod-openssl): ${probe.output.trim()}`;
  }
  return undefined;
}
if (LIGHTTPD) tlsSkip = prepareTls();

/** The body to give lighttpd: the TLS snippet gets the throwaway certificate. */
function forLighttpd(text: string): string {
  if (!/ssl\.pemfile/.test(text)) return text;
  const replaced = text.replace(/ssl\.pemfile = "[^"]*"/, `ssl.pemfile = "${pemFile}"`);
  assert.notEqual(replaced, text);
  return replaced;
}

for (const [, s] of entries) {
  const usesTls = /ssl\./.test(bodyOf(s));
  const skip = !LIGHTTPD ? NO_LIGHTTPD : usesTls ? tlsSkip : undefined;
  for (const v of variantsOf(s)) {
    test(`lighttpd -tt accepts ${mainPrefix(s)} (${v.label})`, skip ? { skip } : {}, () => {
      assertAccepted(lighttpdCheck(forLighttpd(v.text)));
    });
  }
  // Control: without its server.modules line lighttpd must complain, which shows both that the
  // snippet needs the line and that the checks above would notice a problem.
  test(`lighttpd complains about ${mainPrefix(s)} without its server.modules line`, skip ? { skip } : {}, () => {
    const text = forLighttpd(expandSnippet(s.body).text);
    const stripped = text.replace(/^server\.modules \+= .*$/gm, '');
    assert.notEqual(stripped, text);
    const r = lighttpdCheck(stripped);
    assert.match(r.output, /unknown config-key|please add "mod_\w+" to server\.modules/, r.output);
  });
}

test(
  'lighttpd -tt check notices a bad value that lighttpd only reports',
  { skip: LIGHTTPD ? undefined : NO_LIGHTTPD },
  () => {
    const text = expandSnippet(byPrefix('lighttpd-proxy-balance').body).text.replace('"round-robin"', '"fastest"');
    const r = lighttpdCheck(text);
    assert.throws(() => assertAccepted(r));
  },
);
