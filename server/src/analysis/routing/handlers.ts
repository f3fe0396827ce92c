/**
 * What ends a request in a block of the routing map: the steps lighttpd's request modules take with the
 * settings in force there (the block's own and those of the blocks around it), in `server.modules` order
 * as the simulator runs them (analysis/simulate/simulate.ts), then mod_alias and the static file:
 *
 *   rewrite (url.rewrite-*: the request starts again with the new URL), redirect (url.redirect), access deny
 *   (url.access-deny / -allow), auth (auth.require: a guard, the request goes on once authenticated), the
 *   backends (proxy.server, fastcgi.server, scgi.server, ajp13.server: by extension or path prefix), CGI
 *   (cgi.assign), alias (alias.url: another folder for a prefix), and static files below the effective
 *   server.document-root with index-file.names and directory listings.
 *
 * A step that matches every request and answers it (a backend for "" or "/", a redirect of every path, a
 * deny of "") ends the list: what would come after never runs. A directive whose module is not loaded is
 * kept as an ignored step (lighttpd starts and ignores it: the request goes on to the next step). Pure.
 */
import type { EvalValue } from '../evaluate';
import { translatePcre } from '../simulate/pcre';

export type StepKind =
  | 'rewrite'
  | 'redirect'
  | 'deny'
  | 'auth'
  | 'proxy'
  | 'fastcgi'
  | 'scgi'
  | 'ajp13'
  | 'cgi'
  | 'alias'
  | 'static';

export interface RouteStep {
  readonly kind: StepKind;
  readonly module: string;
  /** The directive the step comes from (`proxy.server`; static: `server.document-root`). */
  readonly key: string;
  /** Which requests it takes: `every request`, `/prefix`, `*.php`, a regex `=~ ^/a/(.*)`. */
  readonly match: string;
  /** It takes every request that reaches it. */
  readonly all: boolean;
  /** Where they go: `127.0.0.1:1082`, `unix:/run/php.sock`, `/var/www/html/`, `301 https://$1`. */
  readonly target: string;
  /** Set when the step does not apply: its module is not in server.modules. */
  readonly ignored?: string;
  /** Where the directive's value was set (absent: lighttpd's default). */
  readonly file?: string;
  readonly offset?: number;
  /** 1-based line of `offset` in `file` (filled in by the map). */
  readonly line?: number;
}

/** A setting in force in a block: its value and where it was set. */
export interface RouteSetting {
  readonly value: EvalValue;
  readonly file?: string;
  readonly offset?: number;
}

/** The keys that decide where a request goes (lower case). */
export const ROUTING_KEYS: ReadonlySet<string> = new Set([
  'url.rewrite-once',
  'url.rewrite',
  'url.rewrite-final',
  'url.rewrite-repeat',
  'url.rewrite-if-not-file',
  'url.rewrite-repeat-if-not-file',
  'url.redirect',
  'url.redirect-code',
  'url.access-deny',
  'url.access-allow',
  'auth.require',
  'proxy.server',
  'fastcgi.server',
  'scgi.server',
  'ajp13.server',
  'cgi.assign',
  'alias.url',
  'server.document-root',
  'index-file.names',
  'server.indexfiles',
  'dir-listing.activate',
  'server.dir-listing',
  'proxy.balance',
  'fastcgi.balance',
  'scgi.balance',
  'ajp13.balance',
]);

function str(v: EvalValue | undefined): string | undefined {
  return v?.type === 'string' ? v.value : v?.type === 'integer' ? String(v.value) : undefined;
}

function entries(v: EvalValue | undefined): { key?: string; value: EvalValue }[] {
  return v?.type === 'array' ? [...v.elements] : [];
}

function field(v: EvalValue, name: string): EvalValue | undefined {
  return entries(v).find((e) => e.key?.toLowerCase() === name)?.value;
}

const PROBES = ['/', '/a', '/static/app.css', '/index.php', '/a/b/c.html', '/x.cgi', '/.well-known/x'];

const everything = new Map<string, boolean>();

/** Whether a (PCRE) pattern matches every path we try: `^/(.*)$`, `.*`, `^`, `""`. */
export function matchesEverything(pattern: string): boolean {
  if (pattern === '') return true;
  let hit = everything.get(pattern);
  if (hit === undefined) {
    const t = translatePcre(pattern);
    hit = t.ok && PROBES.every((p) => t.regex.test(p));
    if (everything.size > 10_000) everything.clear();
    everything.set(pattern, hit);
  }
  return hit;
}

/** A prefix (`/app`) or an extension (`.php`), as the backends and mod_alias read their keys. */
function keyMatch(key: string, prefixOnly = false): { match: string; all: boolean } {
  if (key === '' || key === '/') return { match: 'every request', all: true };
  if (key.startsWith('/') || prefixOnly) return { match: key, all: false };
  return { match: `*${key}`, all: false };
}

function backendTarget(host: EvalValue): string {
  const socket = str(field(host, 'socket'));
  const h = str(field(host, 'host'));
  const port = str(field(host, 'port'));
  const bin = str(field(host, 'bin-path'));
  const where = socket !== undefined ? `unix:${socket}` : `${h ?? '127.0.0.1'}${port !== undefined ? `:${port}` : ''}`;
  return bin !== undefined ? `${where} (spawns ${bin})` : where;
}

const BACKENDS: readonly [string, StepKind, string][] = [
  ['mod_proxy', 'proxy', 'proxy.server'],
  ['mod_fastcgi', 'fastcgi', 'fastcgi.server'],
  ['mod_scgi', 'scgi', 'scgi.server'],
  ['mod_ajp13', 'ajp13', 'ajp13.server'],
];

function enabled(v: EvalValue | undefined): boolean {
  const s = str(v);
  return s !== undefined && /^(enable|true|1)$/i.test(s);
}

const STEP_MODULES = [
  'mod_rewrite',
  'mod_redirect',
  'mod_access',
  'mod_auth',
  'mod_proxy',
  'mod_fastcgi',
  'mod_scgi',
  'mod_ajp13',
  'mod_cgi',
  'mod_alias',
];
const orders = new WeakMap<readonly string[], string[]>();

/** The request modules in server.modules order; those never loaded still show their (ignored) directives, last. */
function moduleOrder(modules: readonly string[]): string[] {
  let order = orders.get(modules);
  if (!order) {
    order = modules.filter((m) => STEP_MODULES.includes(m));
    for (const m of STEP_MODULES) if (!order.includes(m)) order.push(m);
    orders.set(modules, order);
  }
  return order;
}

/**
 * The steps for the settings in force in a block. `modules`: the effective module order
 * (simulate.ts effectiveModuleOrder), which decides the order and which directives are ignored.
 */
export function routeSteps(settings: ReadonlyMap<string, RouteSetting>, modules: readonly string[]): RouteStep[] {
  const out: RouteStep[] = [];
  const at = (s: RouteSetting | undefined) =>
    s?.file !== undefined ? { file: s.file, ...(s.offset !== undefined ? { offset: s.offset } : {}) } : {};
  const loaded = (m: string) => modules.includes(m);
  const ignored = (m: string) => (loaded(m) ? {} : { ignored: `"${m}" is not in server.modules` });
  const order = moduleOrder(modules);
  let ended = false;
  const push = (s: RouteStep) => {
    if (ended) return;
    out.push(s);
    if (s.all && !s.ignored && !['rewrite', 'auth', 'alias'].includes(s.kind)) ended = true;
  };
  for (const m of order) {
    if (m === 'mod_rewrite') {
      for (const key of [
        'url.rewrite-once',
        'url.rewrite',
        'url.rewrite-final',
        'url.rewrite-repeat',
        'url.rewrite-if-not-file',
        'url.rewrite-repeat-if-not-file',
      ]) {
        const s = settings.get(key);
        for (const e of entries(s?.value)) {
          if (e.key === undefined) continue;
          const notFile = key.endsWith('-if-not-file');
          push({
            kind: 'rewrite',
            module: m,
            key,
            match: `=~ ${e.key}${notFile ? ' (no such file)' : ''}`,
            all: !notFile && matchesEverything(e.key),
            target: str(e.value) ?? '<unknown>',
            ...ignored(m),
            ...at(s),
          });
        }
      }
    } else if (m === 'mod_redirect') {
      const s = settings.get('url.redirect');
      const code = str(settings.get('url.redirect-code')?.value);
      for (const e of entries(s?.value)) {
        if (e.key === undefined) continue;
        push({
          kind: 'redirect',
          module: m,
          key: 'url.redirect',
          match: `=~ ${e.key}`,
          all: matchesEverything(e.key),
          target: `${code ?? '301'} ${str(e.value) ?? '<unknown>'}`,
          ...ignored(m),
          ...at(s),
        });
      }
    } else if (m === 'mod_access') {
      const allow = settings.get('url.access-allow');
      const deny = settings.get('url.access-deny');
      const list = (v: EvalValue | undefined) => entries(v).map((e) => str(e.value) ?? '');
      if (allow && list(allow.value).length) {
        push({
          kind: 'deny',
          module: m,
          key: 'url.access-allow',
          match: `not ${list(allow.value)
            .map((x) => `*${x}`)
            .join(' ')}`,
          all: false,
          target: '403',
          ...ignored(m),
          ...at(allow),
        });
      } else if (deny && list(deny.value).length) {
        const all = list(deny.value).includes('');
        push({
          kind: 'deny',
          module: m,
          key: 'url.access-deny',
          match: all
            ? 'every request'
            : list(deny.value)
                .map((x) => `*${x}`)
                .join(' '),
          all,
          target: '403',
          ...ignored(m),
          ...at(deny),
        });
      }
    } else if (m === 'mod_auth') {
      const s = settings.get('auth.require');
      for (const e of entries(s?.value)) {
        if (e.key === undefined) continue;
        const method = str(field(e.value, 'method')) ?? 'basic';
        const realm = str(field(e.value, 'realm'));
        const require = str(field(e.value, 'require'));
        push({
          kind: 'auth',
          module: m,
          key: 'auth.require',
          ...keyMatch(e.key, true),
          target: `${method}${realm !== undefined ? ` realm "${realm}"` : ''}${require ? ` ${require}` : ''}`,
          ...ignored(m),
          ...at(s),
        });
      }
    } else if (BACKENDS.some(([mod]) => mod === m)) {
      const [, kind, key] = BACKENDS.find(([mod]) => mod === m)!;
      const s = settings.get(key);
      const balance = str(settings.get(`${kind}.balance`)?.value);
      for (const e of entries(s?.value)) {
        if (e.key === undefined) continue;
        const hosts = entries(e.value).filter((h) => h.value.type === 'array');
        push({
          kind,
          module: m,
          key,
          ...keyMatch(e.key),
          target:
            (hosts.length ? hosts.map((h) => backendTarget(h.value)).join(', ') : '<no backend>') +
            (hosts.length > 1 && balance ? ` (${balance})` : ''),
          ...ignored(m),
          ...at(s),
        });
      }
    } else if (m === 'mod_cgi') {
      const s = settings.get('cgi.assign');
      for (const e of entries(s?.value)) {
        if (e.key === undefined) continue;
        const interp = str(e.value);
        push({
          kind: 'cgi',
          module: m,
          key: 'cgi.assign',
          match: e.key === '' ? 'every file' : keyMatch(e.key).match,
          all: false, // (only files that exist: the others get 404)
          target: interp ? interp : 'the file itself',
          ...ignored(m),
          ...at(s),
        });
      }
    } else if (m === 'mod_alias') {
      const s = settings.get('alias.url');
      for (const e of entries(s?.value)) {
        if (e.key === undefined) continue;
        push({
          kind: 'alias',
          module: m,
          key: 'alias.url',
          ...keyMatch(e.key, true),
          target: str(e.value) ?? '<unknown>',
          ...ignored(m),
          ...at(s),
        });
      }
    }
  }
  const root = settings.get('server.document-root');
  const idx = loaded('mod_indexfile')
    ? (settings.get('index-file.names') ?? settings.get('server.indexfiles'))
    : undefined;
  const names = entries(idx?.value)
    .map((e) => str(e.value))
    .filter((x): x is string => x !== undefined);
  const listing =
    loaded('mod_dirlisting') &&
    enabled((settings.get('dir-listing.activate') ?? settings.get('server.dir-listing'))?.value);
  const docroot = root ? (str(root.value) ?? '<unknown>') : '<not set>';
  push({
    kind: 'static',
    module: 'mod_staticfile',
    key: 'server.document-root',
    match: 'every request',
    all: true,
    target:
      `${docroot}${docroot.endsWith('/') || docroot.startsWith('<') ? '' : '/'}` +
      (names.length ? ` (index ${names.join(', ')})` : '') +
      (listing ? ' (dir listing)' : ''),
    ...(loaded('mod_staticfile') ? {} : { ignored: '"mod_staticfile" is not loaded' }),
    ...at(root),
  });
  return out;
}

/** One line per step: `proxy 127.0.0.1:1082`, `*.php → fastcgi unix:/run/php.sock`. */
export function stepText(s: RouteStep): string {
  const what = s.kind === 'deny' ? 'deny' : s.kind === 'static' ? 'static' : s.kind;
  const head = s.all && s.kind !== 'rewrite' ? '' : `${s.match} → `;
  return `${head}${what} ${s.target}${s.ignored ? ' (ignored: module not loaded)' : ''}`;
}

/** What identifies a handler for grouping: its steps' text (not where they were written). */
export function handlerSignature(steps: readonly RouteStep[]): string {
  return steps.map(stepText).join('\n');
}
