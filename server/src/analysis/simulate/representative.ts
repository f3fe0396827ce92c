/**
 * Representative requests of a configuration: for every block, a request its condition (and its parents')
 * matches, built from the block's own host/URL/method/... value, and a near miss (the parents match, the
 * block does not); for a block that hands requests to a backend, a request per extension or prefix of
 * the backend table; plus a request to the global block. Each candidate is checked by evaluating the
 * block's conditions exactly as the simulator does, so a request said to match a block does match it.
 *
 * Pure (no file system): used by configuration tests (`lighttpd-lint test --init`, `lighttpd-lint diff`)
 * and reusable by anything that wants "a request that reaches this block" (the routing map).
 */
import type { Evaluation } from '../evaluate';
import { buildContexts, type Context } from './model';
import { compare } from './conditions';
import { normalizeRequest, type RequestSpec } from './request';

/** A request as a test file writes it. */
export interface RequestLine {
  readonly method: string;
  readonly scheme: 'http' | 'https';
  /** Host (with :port when not the scheme's); undefined: no Host header. */
  readonly host: string | undefined;
  /** Path and query, starting with '/'. */
  readonly target: string;
  readonly remoteIp: string;
  /** Server socket token ($SERVER["socket"]); undefined: ":" + the scheme's port. */
  readonly socket?: string;
  readonly headers: readonly (readonly [string, string])[];
}

export interface RepresentativeRequest {
  readonly request: RequestLine;
  /** The block it was made for (lighttpd's context number; 0: the global block). */
  readonly context: number;
  /** match: the block matches it; near-miss: the block's parents match, the block does not; backend: a path its handler table serves. */
  readonly kind: 'match' | 'near-miss' | 'backend' | 'global';
  /** The block's condition (lighttpd's text), for the global block "global". */
  readonly condition: string;
  readonly file?: string;
  readonly offset?: number;
}

const BASE: RequestLine = {
  method: 'GET',
  scheme: 'http',
  host: 'localhost',
  target: '/',
  remoteIp: '127.0.0.1',
  headers: [],
};

/** The first top-level alternative of a regex (`^a$|^b$` -> `^a$`). */
function firstAlternative(p: string): string {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) return p.slice(0, i);
  }
  return p;
}

/** A string a regex probably matches (a crude walk: the first alternative, one of each repeat). */
export function sampleOf(pattern: string): string {
  let p = firstAlternative(pattern.replace(/^\(\?[a-z]+\)/, ''));
  p = p.replace(/^\^/, '').replace(/\$$/, '');
  p = p.replace(/\[\[:alpha:\]\]/g, 'a').replace(/\[\[:digit:\]\]/g, '1');
  for (let i = 0; i < 4; i++) p = p.replace(/\((?:\?:)?([^()|]*)\|[^()]*\)/g, '$1');
  p = p.replace(/\[\^[^\]]*\]/g, 'q').replace(/\[([^\]\\])[^\]]*\]/g, '$1');
  p = p.replace(/\\d/g, '1').replace(/\\w/g, 'w').replace(/\\s/g, ' ');
  p = p.replace(/\.\*|\.\+/g, 'x').replace(/\\(.)/g, '$1');
  p = p.replace(/[()?*+^$|]|\{\d*,?\d*\}/g, '');
  return p;
}

/** Percent-encodes what a request target cannot carry as it is. */
function asPath(s: string): string {
  const t = s.startsWith('/') ? s : '/' + s;
  return t.replace(/[^\x21-\x7e]|[#%"<>\\^`{|}]/gu, (c) =>
    [...new TextEncoder().encode(c)].map((b) => '%' + b.toString(16).toUpperCase().padStart(2, '0')).join(''),
  );
}

function firstAddress(v: string): { inside: string; outside: string } | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/.exec(v);
  if (!m)
    return v.includes(':') ? { inside: v.replace(/\/\d+$/, '').replace(/::$/, '::1'), outside: '::2' } : undefined;
  const bits = m[5] === undefined ? 32 : Number(m[5]);
  const host = bits >= 32 ? `${m[1]}.${m[2]}.${m[3]}.${m[4]}` : `${m[1]}.${m[2]}.${m[3]}.${Number(m[4]) | 1}`;
  const outside = m[1] === '192' ? '10.255.255.254' : '192.0.2.1';
  return { inside: host, outside };
}

function splitTarget(t: string): { path: string; query: string | undefined } {
  const q = t.indexOf('?');
  return q < 0 ? { path: t, query: undefined } : { path: t.slice(0, q), query: t.slice(q + 1) };
}

function withHeader(r: RequestLine, name: string, value: string): RequestLine {
  return {
    ...r,
    headers: [...r.headers.filter(([k]) => k.toLowerCase() !== name.toLowerCase()), [name, value]],
  };
}

/** Requests that differ from `r` in the field `ctx` reads, with values drawn from its operand. */
function variants(ctx: Context, r: RequestLine): RequestLine[] {
  const v = ctx.value;
  if (v === undefined || ctx.field === undefined) return [];
  const regex = ctx.op === '=~' || ctx.op === '!~';
  const literal = regex ? sampleOf(v) : v;
  const out: RequestLine[] = [];
  const { path, query } = splitTarget(r.target);
  const field = ctx.object === 'HTTP' ? ctx.field : `${ctx.object}:${ctx.field}`;
  switch (field) {
    case 'host': {
      const name = literal.toLowerCase().replace(/[^a-z0-9.:[\]-]/g, '');
      for (const h of [name, `www.${name}`, `${name}.example`, 'localhost', 'example.org', `x${name}`])
        if (h && /^[a-z0-9.[\]:-]+$/.test(h) && !h.startsWith('.') && !h.startsWith(':')) out.push({ ...r, host: h });
      break;
    }
    case 'url': {
      const p = literal.startsWith('/') ? literal : literal.startsWith('.') ? `/index${literal}` : `/${literal}`;
      const q = query === undefined ? '' : `?${query}`;
      const deeper = p.endsWith('/') ? `${p}index.html` : `${p}/index.html`;
      const exact = ctx.op === '==' || ctx.op === '!=' || /\.[a-z0-9]+$/i.test(p);
      const cands = [...(exact ? [p, deeper] : [deeper, p]), `${p}x`, `/x${p}`, '/', '/index.html'];
      if (ctx.op === '=$' || ctx.op === '!$') cands.push(`/index${literal}`, `/index${literal}x`);
      for (const c of cands) out.push({ ...r, target: asPath(c) + q });
      break;
    }
    case 'querystring':
    case 'query-string':
      for (const q of [literal, `${literal}x`, '', 'x=1'])
        out.push({ ...r, target: `${path}${q === '' ? '' : `?${q.replace(/[\s#]/g, (c) => encodeURIComponent(c))}`}` });
      break;
    case 'request-method':
      for (const m of [...literal.split(/[^A-Za-z]+/).filter(Boolean), 'GET', 'POST', 'HEAD'])
        out.push({ ...r, method: m.toUpperCase() });
      break;
    case 'scheme':
      for (const s of ['https', 'http'] as const) out.push({ ...r, scheme: s });
      break;
    case 'remote-ip':
    case 'remoteip': {
      const a = firstAddress(literal);
      if (a) out.push({ ...r, remoteIp: a.inside }, { ...r, remoteIp: a.outside });
      out.push({ ...r, remoteIp: '127.0.0.1' }, { ...r, remoteIp: '192.0.2.1' });
      break;
    }
    case 'SERVER:socket': {
      const m = /^(.*):(\d+)$/.exec(literal);
      if (m) {
        const port = Number(m[2]);
        out.push({ ...r, socket: literal, scheme: port === 443 ? 'https' : r.scheme });
        out.push({ ...r, socket: `${m[1]}:${port === 80 ? 8080 : 80}`, scheme: 'http' });
      }
      break;
    }
    default: {
      const name =
        ctx.object === 'REQUEST_HEADER'
          ? ctx.field
          : ctx.field === 'useragent'
            ? 'User-Agent'
            : ctx.field === 'language'
              ? 'Accept-Language'
              : ctx.field === 'referer' || ctx.field === 'cookie' || ctx.field === 'user-agent'
                ? ctx.field.replace(/(^|-)([a-z])/g, (_, a: string, b: string) => a + b.toUpperCase())
                : undefined;
      if (name && /^[A-Za-z0-9-]+$/.test(name)) {
        const val = literal.replace(/[\r\n]/g, '');
        out.push(withHeader(r, name, val), withHeader(r, name, `${val}x`), withHeader(r, name, 'x'));
        out.push({ ...r, headers: r.headers.filter(([k]) => k.toLowerCase() !== name.toLowerCase()) });
      }
    }
  }
  return out;
}

export function specOf(r: RequestLine): RequestSpec {
  const pm = r.host !== undefined ? /:(\d+)$/.exec(r.host) : null;
  return {
    method: r.method,
    scheme: r.scheme,
    host: r.host,
    target: r.target,
    port: pm && !r.host!.endsWith(']') ? Number(pm[1]) : r.scheme === 'https' ? 443 : 80,
    remoteIp: r.remoteIp,
    serverSocket: r.socket,
    headers: r.headers,
  };
}

/** Evaluates one context for a request, parents and earlier branches first (the simulator's rule). */
function resultOf(ctx: Context, r: RequestLine): boolean | 'unknown' {
  const n = normalizeRequest(specOf(r));
  if (!n.ok) return false;
  const memo = new Map<Context, boolean | 'unknown'>();
  const ev = (c: Context): boolean | 'unknown' => {
    const hit = memo.get(c);
    if (hit !== undefined) return hit;
    let out: boolean | 'unknown';
    const p = c.parent ? ev(c.parent) : true;
    if (p !== true) out = p;
    else {
      const prev = c.prev ? ev(c.prev) : false;
      if (prev === 'unknown') out = 'unknown';
      else if (prev === true) out = false;
      else if (c.isElse) out = true;
      else {
        const res = compare(c, n.request).result;
        out = res === 'not-evaluated' ? false : res;
      }
    }
    memo.set(c, out);
    return out;
  };
  return ev(ctx);
}

/** The field variants of a context, and of the branches before it (an else is decided by them). */
function fieldVariants(ctx: Context, r: RequestLine): RequestLine[] {
  const out: RequestLine[] = [];
  for (let c: Context | undefined = ctx; c; c = c.prev) if (!c.isElse) out.push(...variants(c, r));
  return out;
}

export function requestKey(r: RequestLine): string {
  return JSON.stringify([r.method, r.scheme, r.host, r.target, r.remoteIp, r.socket, r.headers]);
}

/** Keys of the backend tables a block sets: extensions (".php") or prefixes ("/app"). */
function backendKeys(ctx: Context): string[] {
  const out: string[] = [];
  for (const [k, v] of ctx.scope.vars) {
    if (!/^(proxy|fastcgi|scgi)\.server$/i.test(k) || v.type !== 'array') continue;
    for (const e of v.elements) if (e.key !== undefined) out.push(e.key);
  }
  return out;
}

function pathFor(key: string, r: RequestLine): RequestLine {
  const { query } = splitTarget(r.target);
  const q = query === undefined ? '' : `?${query}`;
  const { path } = splitTarget(r.target);
  if (key === '') return r;
  if (key.startsWith('/')) return { ...r, target: asPath(key.endsWith('/') ? `${key}index` : `${key}/index`) + q };
  const dir = path.endsWith('/') ? path : path.replace(/[^/]*$/, '');
  return { ...r, target: asPath(`${dir}index${key}`) + q };
}

export interface RepresentativeOptions {
  /** lighttpd release (the `=~` simplification applies from 1.4.65). */
  readonly version?: string;
  /** At most this many requests (default 400). */
  readonly max?: number;
}

/**
 * One request per block that reaches it, a near miss of it, a request per backend table key, and one to
 * the global block; in block order, without duplicates.
 */
export function representativeRequests(ev: Evaluation, options: RepresentativeOptions = {}): RepresentativeRequest[] {
  const table = buildContexts(ev, options.version ?? '1.4.69');
  const max = options.max ?? 400;
  const out: RepresentativeRequest[] = [];
  const seen = new Set<string>();
  const add = (x: RepresentativeRequest): boolean => {
    const k = requestKey(x.request);
    if (seen.has(k) || out.length >= max) return false;
    seen.add(k);
    out.push(x);
    return true;
  };
  add({ request: BASE, context: 0, kind: 'global', condition: 'global' });
  /** A request each context matches (memoised: a child starts from its parent's). */
  const reaching = new Map<Context, RequestLine | undefined>();
  const reach = (ctx: Context): RequestLine | undefined => {
    if (reaching.has(ctx)) return reaching.get(ctx);
    reaching.set(ctx, undefined);
    const start = ctx.parent ? reach(ctx.parent) : BASE;
    let found: RequestLine | undefined;
    if (start) {
      if (resultOf(ctx, start) === true) found = start;
      else found = fieldVariants(ctx, start).find((r) => resultOf(ctx, r) === true);
    }
    reaching.set(ctx, found);
    return found;
  };
  for (const ctx of table.contexts) {
    const base = {
      context: ctx.index,
      condition: ctx.condition,
      file: ctx.path,
      offset: ctx.branch?.start,
    };
    const hit = reach(ctx);
    if (hit) {
      add({ ...base, request: hit, kind: 'match' });
      for (const key of backendKeys(ctx)) {
        const r = pathFor(key, hit);
        if (resultOf(ctx, r) === true) add({ ...base, request: r, kind: 'backend' });
      }
    }
    const parentReq = ctx.parent ? reach(ctx.parent) : BASE;
    if (parentReq) {
      // The first near miss not already listed (drawn from the block's own value before its parent's request).
      [...fieldVariants(ctx, hit ?? parentReq), parentReq].some(
        (r) =>
          resultOf(ctx, r) === false &&
          (!ctx.parent || resultOf(ctx.parent, r) === true) &&
          add({ ...base, request: r, kind: 'near-miss' }),
      );
    }
  }
  return out;
}
