/**
 * Start-up differential (issue 23 part 6): our errors against `lighttpd -tt` refusals, where every module
 * configures itself (the start-up verdict: a clean verdict of ours must mean `-tt` passes).
 *
 * Cases: every corpus file (through a wrapper that sets a scratch document root), and seeded mutations of
 * module-option templates (backends, auth, TLS, extforward, accesslog, expire, rewrite/redirect, dir-listing,
 * deflate, cgi, setenv, alias, wstunnel, status, ...): a value swapped for one of a pool of tricky values,
 * edited, blanked, turned into a number, or the entry dropped. Each case: `lighttpd-lint --lighttpd-version
 * <installed>` errors vs `lighttpd -tt` exit status. Each disagreement is classified (classifyStartup):
 *   - stricter by design: we refuse what lighttpd accepts, for a reason docs/startup.md gives;
 *   - environment: lighttpd refused for something only this machine decides (a file, a module not installed,
 *     the TLS library);
 *   - version: the installed lighttpd differs from the release a rule is for.
 * Anything else fails the test. `STARTUP_MUTATIONS` (per template, default 12), `STARTUP_SEED`,
 * `STARTUP_VERBOSE=1` change the run.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { OPENSSL } from '../helpers/lighttpd';
import { CORPUS_AVAILABLE } from '../helpers/corpus';
import { firstLine, hasNewKeywords } from './classify';
import { prepareWorkspace, type Target } from './corpus';
import { LIGHTTPD, NO_LIGHTTPD, hermeticEnv, lighttpdVersion, pool, runLighttpd } from './lighttpd';
import { rng } from './mutate';
import { lintOurs } from './ours';

const SEED = Number(process.env.STARTUP_SEED ?? 0x7474);
const PER_TEMPLATE = Number(process.env.STARTUP_MUTATIONS ?? 12);
const VERBOSE = process.env.STARTUP_VERBOSE === '1';
const MODULE_DIR = '/usr/lib/lighttpd';

export const STARTUP_CATEGORIES = {
  agreeAccept: 'agree: both accept',
  agreeReject: 'agree: both refuse',
  stricter: 'stricter by design (docs/startup.md)',
  environment: 'environment: decided by this machine (files, installed modules, TLS library)',
  version: 'version: the installed lighttpd differs from the rule',
  unclassified: 'UNCLASSIFIED (bug)',
} as const;
type Category = (typeof STARTUP_CATEGORIES)[keyof typeof STARTUP_CATEGORIES];

/**
 * What lighttpd refuses for reasons of this machine, not of the configuration text (docs/startup.md,
 * "environment-only"): files and folders that are missing or unreadable, modules that are not installed,
 * users and groups, addresses it cannot bind or resolve, the TLS library's own checks of certificates,
 * ciphers and commands.
 */
const ENVIRONMENT = [
  /No such file or directory/,
  /dlopen\(\) failed/,
  /opening (?:log|errorlog) '.*' failed/,
  /can't stat/,
  /can't find (?:username|groupname)/,
  /getpw|getgr/,
  /(?:bind|listen|socket)\(\) failed|can't bind|Address already in use|Cannot assign requested address/,
  /SSL:|SSL_CTX|ssl-conf-cmd|PEM_read|X509|cipher/i,
  /Name or service not known|getaddrinfo|could not parse ip address \S*[a-zA-Z]/,
  /Permission denied/,
  /stat-cache|FAM|inotify/,
  /Undefined env variable/,
];

/**
 * Our errors lighttpd -tt does not share, by design (each a row of docs/startup.md "stricter"):
 * module-not-loaded (lighttpd ignores the key: starts, does not do what was written), syntax lighttpd's
 * parser silently drops (docs/grammar.md §10), and the security group's errors when asked for.
 */
const STRICTER = new Set([
  'module-not-loaded',
  'syntax-extra-value',
  'syntax-missing-comma',
  'syntax-extra-arrow',
  'syntax-continuation-lost',
  'syntax-unexpected-token',
  'syntax-missing-operator',
  'syntax-missing-value',
  'syntax-unmatched-brace',
]);

interface Case {
  readonly name: string;
  readonly text: string;
  /** Where the file is written and lighttpd runs (corpus cases: next to the corpus file, for its includes). */
  readonly dir?: string;
  readonly env?: Record<string, string>;
  /** The text the case is about (a corpus file's own text; default: text). */
  readonly source?: string;
  /** Where the case came from, for the report. */
  readonly origin: 'corpus' | 'mutation';
  readonly change?: string;
}

interface Outcome {
  readonly c: Case;
  readonly category: Category;
  readonly reason: string;
  readonly lighttpd: string;
  readonly ours: string;
}

export function classifyStartup(
  lighttpdAccepts: boolean,
  output: string,
  ourErrors: readonly { code: string; line?: number }[],
  version: string,
  source: string,
): { category: Category; reason: string } {
  const weAccept = ourErrors.length === 0;
  if (weAccept && lighttpdAccepts) return { category: STARTUP_CATEGORIES.agreeAccept, reason: '' };
  if (!weAccept && !lighttpdAccepts) return { category: STARTUP_CATEGORIES.agreeReject, reason: '' };
  const errorLines = output
    .split('\n')
    .filter((l) => l.trim() && !/^Syntax OK$|WARNING|DEPRECATED|deprecated|outdated|end-of-life|Please prefer/.test(l));
  if (weAccept) {
    const why = errorLines[0] ?? firstLine(output);
    if (ENVIRONMENT.some((re) => errorLines.some((l) => re.test(l))))
      return { category: STARTUP_CATEGORIES.environment, reason: why };
    // A variable only the output of include_shell (stubbed here: nothing runs) could define.
    if (/Undefined config variable/.test(output) && /\binclude_shell\b/.test(source))
      return { category: STARTUP_CATEGORIES.environment, reason: `include_shell output: ${why}` };
    if (hasNewKeywords(source))
      return { category: STARTUP_CATEGORIES.version, reason: `1.4.74 keywords (if/elif) read by ${version}: ${why}` };
    return { category: STARTUP_CATEGORIES.unclassified, reason: `lighttpd -tt refuses, we accept: ${why}` };
  }
  const codes = [...new Set(ourErrors.map((d) => d.code))];
  if (codes.every((c) => c === 'newer-than-target'))
    return { category: STARTUP_CATEGORIES.version, reason: `newer than ${version}` };
  // A key lighttpd ignores ("unknown config-key") because the module that reads it is not loaded: lighttpd
  // drops mod_dirlisting (and mod_indexfile) from server.modules when nothing enables them (configfile.c),
  // so it never checks their other values. We still check them: they take effect as soon as listings do.
  const ignored = new Set([...output.matchAll(/unknown config-key: (\S+)/g)].map((m) => m[1]));
  const lines = source.split('\n');
  const onIgnoredKey = (d: { code: string; line?: number }) =>
    (d.code === 'type-mismatch' || d.code === 'invalid-value') &&
    d.line !== undefined &&
    [...ignored].some((k) => (lines[d.line! - 1] ?? '').includes(k));
  const other = codes.filter((c) => !STRICTER.has(c) && !ourErrors.filter((d) => d.code === c).every(onIgnoredKey));
  if (!other.length)
    return {
      category: STARTUP_CATEGORIES.stricter,
      reason: ourErrors.some(onIgnoredKey)
        ? `${codes.join(', ')} on a key lighttpd ignores (its module is not loaded), checked by us anyway`
        : codes.join(', '),
    };
  return { category: STARTUP_CATEGORIES.unclassified, reason: `lighttpd -tt accepts; we report ${other.join(', ')}` };
}

/**
 * Templates: one module each, with options lighttpd accepts (each checked: a template -tt refuses is
 * reported and skipped). CERT is replaced by a generated certificate; the TLS template needs openssl.
 */
const TEMPLATES: Record<string, { modules: string[]; body: string; tls?: boolean }> = {
  proxy: {
    modules: ['mod_proxy'],
    body: `proxy.balance = "round-robin"
proxy.server = ( "/app/" => ( "a" => ( "host" => "127.0.0.1", "port" => 8081, "check-local" => "disable" ),
                              "b" => ( "socket" => "/tmp/app.sock", "x-sendfile" => "enable", "x-sendfile-docroot" => ( "/srv/files" ) ) ) )
proxy.header = ( "map-urlpath" => ( "/app/" => "/" ), "https-remap" => "enable", "upgrade" => "enable" )
proxy.forwarded = ( "for" => 1, "proto" => 1, "host" => "enable" )`,
  },
  fastcgi: {
    modules: ['mod_fastcgi'],
    body: `fastcgi.server = ( ".php" => ( "php" => ( "socket" => "/tmp/php.sock", "bin-path" => "/usr/bin/php-cgi", "max-procs" => 2, "mode" => "responder", "broken-scriptfilename" => "enable" ) ),
                    "/auth" => ( ( "host" => "127.0.0.1", "port" => 9000, "mode" => "authorizer", "docroot" => "/srv" ) ) )`,
  },
  scgi: {
    modules: ['mod_scgi'],
    body: `scgi.protocol = "uwsgi"
scgi.server = ( "/" => ( "127.0.0.1" => ( "host" => "127.0.0.1", "port" => 4000, "check-local" => "disable", "fix-root-scriptname" => "enable" ) ) )`,
  },
  wstunnel: {
    modules: ['mod_wstunnel'],
    body: `wstunnel.frame-type = "text"
wstunnel.origins = ( "https://example.org" )
wstunnel.server = ( "/ws" => ( ( "host" => "127.0.0.1", "port" => 8082 ) ) )`,
  },
  auth: {
    modules: ['mod_auth', 'mod_authn_file'],
    body: `auth.backend = "htpasswd"
auth.backend.htpasswd.userfile = "/etc/lighttpd/htpasswd"
auth.require = ( "/admin/" => ( "method" => "basic", "realm" => "Admin", "require" => "valid-user" ),
                 "/team/" => ( "method" => "digest", "realm" => "Team", "require" => "user=alice|group=dev", "algorithm" => "MD5|SHA-256" ) )`,
  },
  tls: {
    modules: ['mod_openssl'],
    tls: true,
    body: `$SERVER["socket"] == "127.0.0.1:8443" {
  ssl.engine = "enable"
  ssl.pemfile = "CERT"
  ssl.openssl.ssl-conf-cmd = ( "MinProtocol" => "TLSv1.2", "CipherString" => "HIGH" )
  ssl.verifyclient.activate = "disable"
}`,
  },
  extforward: {
    modules: ['mod_extforward'],
    body: `extforward.forwarder = ( "10.0.0.1" => "trust", "192.168.0.0/16" => "trust" )
extforward.headers = ( "X-Forwarded-For", "Forwarded" )
extforward.params = ( "host" => 1, "remote_user" => "disable" )`,
  },
  accesslog: {
    modules: ['mod_accesslog'],
    body: `accesslog.filename = "/tmp/lighttpd-startup-access.log"
accesslog.format = "%h %V %u %t \\"%r\\" %>s %b \\"%{Referer}i\\" %{ms}T %{remote}p"
accesslog.escaping = "json"`,
  },
  expire: {
    modules: ['mod_expire'],
    body: `expire.url = ( "/images/" => "access plus 1 months", "/css/" => "modification plus 2 days 3 hours" )
expire.mimetypes = ( "text/css" => "access plus 1 weeks" )`,
  },
  rewrite: {
    modules: ['mod_rewrite', 'mod_redirect'],
    body: `url.rewrite-once = ( "^/old/(.*)$" => "/new/$1", "^/a\\\\.php\\\\?(.*)$" => "/b.php?$1" )
url.rewrite-if-not-file = ( "^/(.*)$" => "/index.php/$1" )
url.redirect = ( "^/x/(.*)" => "https://example.org/$1" )
url.redirect-code = 302`,
  },
  dirlisting: {
    modules: ['mod_dirlisting'],
    body: `dir-listing.activate = "enable"
dir-listing.hide-dotfiles = "enable"
dir-listing.exclude = ( "~$", "^\\\\." )
dir-listing.encoding = "utf-8"
dir-listing.sort = "enable"`,
  },
  deflate: {
    modules: ['mod_deflate'],
    body: `deflate.mimetypes = ( "text/html", "text/plain" )
deflate.allowed-encodings = ( "gzip", "deflate" )
deflate.compression-level = 6
deflate.max-compress-size = 1024
deflate.min-compress-size = 256`,
  },
  cgi: {
    modules: ['mod_cgi'],
    body: `cgi.assign = ( ".pl" => "/usr/bin/perl", ".cgi" => "" )
cgi.x-sendfile = "disable"
cgi.x-sendfile-docroot = ( "/srv/files" )
cgi.limits = ( "read-timeout" => 60, "write-timeout" => 60 )`,
  },
  setenv_alias: {
    modules: ['mod_setenv', 'mod_alias', 'mod_access'],
    body: `setenv.add-response-header = ( "X-Frame-Options" => "DENY" )
setenv.set-environment = ( "APP_ENV" => "prod" )
alias.url = ( "/static/" => "/srv/static/", "/docs/" => "/usr/share/doc/" )
url.access-deny = ( "~", ".inc" )`,
  },
  status: {
    modules: ['mod_status', 'mod_userdir', 'mod_ssi'],
    body: `status.status-url = "/server-status"
status.statistics-url = "/server-statistics"
userdir.path = "public_html"
userdir.exclude-user = ( "root" )
ssi.extension = ( ".shtml" )`,
  },
  core: {
    modules: [],
    body: `server.max-fds = 1024
server.max-connections = 512
server.max-request-size = 2048
server.stream-response-body = 1
server.http-parseopts = ( "header-strict" => "enable", "url-path-2f-decode" => "disable" )
server.feature-flags = ( "server.h2proto" => "enable" )
$HTTP["url"] =~ "^/api/" { server.stream-request-body = 2 }`,
  },
};

/** Values mutations swap in: each one a reason lighttpd refuses somewhere, or a near miss. */
const POOL = [
  '',
  ' ',
  '/',
  'x',
  'enable',
  'disable',
  'yes',
  '0',
  '-1',
  '70000',
  '%',
  '%{',
  '%Z',
  '%{x}t',
  '%t %t',
  'access 1',
  'access plus 1 fortnight',
  'now plus 3 min',
  'user=',
  'valid-user|user=a',
  'SHA-1',
  '10.0.0.0/33',
  '10.0.0.0/x',
  '300.1.1.1',
  '::1',
  '127.0.0.1',
  '/tmp/x.sock',
  '/' + 'a'.repeat(110),
  'relative/path',
  'authorizer',
  'responder',
  'round-robin',
  'fair',
  'uwsgi',
  'binary',
  '(unclosed',
  '^/[a-',
  '$1',
  'basic',
  'digest',
  'TLSv1.3',
  'gzip',
  'br',
];

function mutateTemplate(body: string, r: () => number): { text: string; change: string } | undefined {
  // String literals and bare numbers inside option values (not the module list, not condition fields).
  const spots: { start: number; end: number; text: string }[] = [];
  const re = /"(?:[^"\\]|\\.)*"|(?<=[=>(,]\s*)-?\d+\b/g;
  for (let m = re.exec(body); m; m = re.exec(body))
    spots.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
  if (!spots.length) return undefined;
  const s = spots[Math.floor(r() * spots.length)];
  const kind = Math.floor(r() * 6);
  const str = (v: string) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`;
  let repl: string;
  let change: string;
  switch (kind) {
    case 0:
    case 1: {
      const v = POOL[Math.floor(r() * POOL.length)];
      repl = str(v);
      change = `${s.text} -> ${repl}`;
      break;
    }
    case 2: {
      // edit its text: drop, double or case-flip one character
      const inner = s.text.startsWith('"') ? s.text.slice(1, -1) : s.text;
      if (!inner) return undefined;
      const i = Math.floor(r() * inner.length);
      const op = Math.floor(r() * 3);
      const edited =
        op === 0
          ? inner.slice(0, i) + inner.slice(i + 1)
          : op === 1
            ? inner.slice(0, i) + inner[i] + inner.slice(i)
            : inner.slice(0, i) +
              (inner[i] === inner[i].toUpperCase() ? inner[i].toLowerCase() : inner[i].toUpperCase()) +
              inner.slice(i + 1);
      repl = s.text.startsWith('"') ? `"${edited}"` : edited;
      if (repl.endsWith('\\"') && !repl.endsWith('\\\\"')) return undefined;
      change = `${s.text} -> ${repl}`;
      break;
    }
    case 3:
      repl = '""';
      change = `${s.text} -> ""`;
      break;
    case 4:
      repl = s.text.startsWith('"') ? String(Math.floor(r() * 3)) : str(s.text);
      change = `${s.text} -> ${repl} (type)`;
      break;
    default: {
      // drop the `"key" => value` pair or list element around the spot (a value, not a key)
      if (/^\s*=>/.test(body.slice(s.end))) return undefined;
      const before = body.slice(0, s.start);
      const pair = /"(?:[^"\\]|\\.)*"\s*=>\s*$/.exec(before);
      const start = pair ? pair.index : s.start;
      let end = s.end;
      const after = body.slice(end);
      const comma = /^\s*,/.exec(after);
      if (comma) end += comma[0].length;
      else {
        const lead = /,\s*$/.exec(body.slice(0, start));
        if (!lead) return undefined;
        return { text: body.slice(0, lead.index) + body.slice(end), change: `drop ${body.slice(start, s.end)}` };
      }
      return { text: body.slice(0, start) + body.slice(end), change: `drop ${body.slice(start, s.end)}` };
    }
  }
  return { text: body.slice(0, s.start) + repl + body.slice(s.end), change };
}

const skip = !LIGHTTPD ? NO_LIGHTTPD : undefined;

describe('start-up differential: lighttpd-lint errors vs lighttpd -tt', { skip }, () => {
  const outcomes: Outcome[] = [];
  const skipped: string[] = [];
  let version = '';

  test('runs', { timeout: 10 * 60_000 }, async () => {
    const root = mkdtempSync(join(tmpdir(), 'lighttpd-startup-diff-'));
    try {
      const env = hermeticEnv(root);
      version = (await lighttpdVersion(root)) ?? '';
      assert.match(version, /^1\.4\.\d+$/);
      let cert: string | undefined;
      if (OPENSSL) {
        cert = join(root, 'cert.pem');
        spawnSync(
          OPENSSL,
          [
            'req',
            '-x509',
            '-newkey',
            'rsa:2048',
            '-nodes',
            '-days',
            '1',
            '-subj',
            '/CN=localhost',
            '-keyout',
            cert,
            '-out',
            cert,
          ],
          { stdio: 'ignore' },
        );
        if (!existsSync(cert)) cert = undefined;
      }
      const docroot = join(root, 'htdocs');
      spawnSync('mkdir', ['-p', docroot]);
      const prelude = `server.document-root = "${docroot}"\nserver.port = 8080\n`;
      const cases: Case[] = [];
      let n = 0;
      for (const [name, t] of Object.entries(TEMPLATES)) {
        const missing = t.modules.filter((m) => !existsSync(join(MODULE_DIR, `${m}.so`)) && !BUILTIN.has(m));
        if (missing.length) {
          skipped.push(`${name}: ${missing.join(', ')} not installed here`);
          continue;
        }
        if (t.tls && !cert) {
          skipped.push(`${name}: openssl not installed (needed for a test certificate)`);
          continue;
        }
        const mods = t.modules.length ? `server.modules += ( ${t.modules.map((m) => `"${m}"`).join(', ')} )\n` : '';
        const body = t.body.replace('CERT', cert ?? '');
        cases.push({ name: `${name} (template)`, text: prelude + mods + body + '\n', origin: 'mutation' });
        const r = rng(SEED ^ Math.imul(++n, 0x9e3779b1));
        const seen = new Set<string>();
        for (let attempt = 0; seen.size < PER_TEMPLATE && attempt < PER_TEMPLATE * 5; attempt++) {
          const m = mutateTemplate(body, r);
          if (!m || seen.has(m.text)) continue;
          seen.add(m.text);
          cases.push({ name, text: prelude + mods + m.text + '\n', origin: 'mutation', change: m.change });
        }
      }
      if (CORPUS_AVAILABLE) {
        const ws = prepareWorkspace(join(root, 'corpus'));
        for (const t of ws.targets) cases.push(corpusCase(t, docroot, ws.env));
      } else skipped.push('corpus: not available (../shared/corpus)');

      let i = 0;
      const results = await pool(cases, 2, async (c) => {
        const dir = c.dir ?? join(root, `case-${i++}`);
        spawnSync('mkdir', ['-p', dir]);
        const file = join(dir, c.dir ? `.startup-${basename(c.change ?? 'x')}` : 'lighttpd.conf');
        writeFileSync(file, c.text, 'latin1');
        try {
          const lt = await runLighttpd(['-tt', '-f', file], { cwd: dir, env: c.env ?? env });
          const ours = await lintOurs(file, { cwd: dir, version });
          const cls = classifyStartup(lt.status === 0, lt.output, ours.errors, version, c.source ?? c.text);
          return {
            c,
            ...cls,
            lighttpd: lt.status === 0 ? 'accepts' : `refuses: ${firstLine(lt.output)}`,
            ours: ours.errors.length
              ? `refuses: ${ours.errors.map((d) => `${d.line}:${d.column} ${d.code}`).join(', ')}`
              : 'accepts',
          } satisfies Outcome;
        } finally {
          rmSync(c.dir ? file : dir, { recursive: true, force: true });
        }
      });
      outcomes.push(...results);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
    console.log(report(outcomes, skipped, version));
  });

  test('every template lighttpd -tt accepts is clean for us too', () => {
    const bad = outcomes.filter(
      (o) => o.c.name.endsWith('(template)') && o.category !== STARTUP_CATEGORIES.agreeAccept,
    );
    assert.deepEqual(
      bad.map((o) => `${o.c.name}: lighttpd ${o.lighttpd}; ours ${o.ours}`),
      [],
    );
  });

  test('100% after classification', () => {
    const bad = outcomes.filter((o) => o.category === STARTUP_CATEGORIES.unclassified);
    assert.deepEqual(
      bad.map((o) => `${o.c.name} ${o.c.change ?? ''}: ${o.reason}`),
      [],
    );
  });
});

/** Modules built into lighttpd (no .so). */
const BUILTIN = new Set([
  'mod_rewrite',
  'mod_redirect',
  'mod_access',
  'mod_alias',
  'mod_indexfile',
  'mod_setenv',
  'mod_staticfile',
  'mod_expire',
  'mod_evhost',
  'mod_simple_vhost',
  'mod_fastcgi',
  'mod_scgi',
]);

/** A corpus file as lighttpd reads it at start: through a wrapper that gives it a document root. */
function corpusCase(t: Target, docroot: string, env: Record<string, string>): Case {
  const text = `include "${basename(t.main)}"\nserver.document-root := "${docroot}"\n`;
  return {
    name: `corpus ${t.entry.file}`,
    text,
    origin: 'corpus',
    change: basename(t.main),
    dir: t.dir,
    env,
    source: t.text,
  };
}

function report(outcomes: readonly Outcome[], skipped: readonly string[], version: string): string {
  const lines = [
    `lighttpd ${version} -tt vs lighttpd-lint --lighttpd-version ${version}; seed ${SEED}, ${PER_TEMPLATE} mutations per template`,
  ];
  for (const origin of ['corpus', 'mutation'] as const) {
    const mine = outcomes.filter((o) => o.c.origin === origin);
    const counts = new Map<Category, number>();
    for (const o of mine) counts.set(o.category, (counts.get(o.category) ?? 0) + 1);
    const pct = (k: number) => `${((100 * k) / Math.max(1, mine.length)).toFixed(1)}%`;
    lines.push(`${origin === 'corpus' ? 'corpus files' : 'templates and mutations'}: ${mine.length} cases`);
    for (const cat of Object.values(STARTUP_CATEGORIES)) {
      const k = counts.get(cat) ?? 0;
      if (k) lines.push(`  ${String(k).padStart(5)}  ${pct(k).padStart(6)}  ${cat}`);
    }
  }
  if (skipped.length) lines.push(`not run: ${skipped.join('; ')}`);
  lines.push('disagreements:');
  const seen = new Map<Category, number>();
  for (const o of outcomes) {
    if (o.category === STARTUP_CATEGORIES.agreeAccept || o.category === STARTUP_CATEGORIES.agreeReject) continue;
    const k = seen.get(o.category) ?? 0;
    if (!VERBOSE && k >= 4 && o.category !== STARTUP_CATEGORIES.unclassified) continue;
    seen.set(o.category, k + 1);
    lines.push(
      `  [${o.category}] ${o.c.name} ${o.c.change ?? ''}\n      lighttpd ${o.lighttpd}\n      ours     ${o.ours}\n      why      ${o.reason}`,
    );
  }
  return lines.join('\n');
}
