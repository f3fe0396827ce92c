/**
 * One condition evaluated as lighttpd 1.4.69 does (src/configfile-glue.c config_check_cond_nocache):
 * the parent first (false or skipped: this one is skipped), then the previous branch of an else chain
 * (true or skipped: skipped), then the comparison of the request's field with the stored operand.
 *
 *   - `$HTTP["host"]` `==` / `!=` with a name (not a path): equal names match whether or not either side
 *     carries a `:port` (a port of at most 5 digits on the request side); the operand was normalised when
 *     the config was read (a port in decimal) but not lower-cased, while the request's host is;
 *   - `$HTTP["remote-ip"]` `==` / `!=`: an address or a CIDR network (`10.0.0.0/8`), compared as
 *     addresses (IPv4 and IPv6);
 *   - `=~` / `!~`: PCRE2 (translated, see pcre.ts); a subject that is not valid UTF-8 never matches;
 *   - everything else compares bytes.
 */
import type { Context } from './model';
import type { NormalizedRequest } from './request';
import { burlNormalizeKey, fromBytes, toBytes } from './request';
import { mayBacktrackBadly, translatePcre } from './pcre';

export type CondResult = true | false | 'unknown' | 'not-evaluated';

export interface CondOutcome {
  readonly result: CondResult;
  /** The request value the condition compared (byte string shown as UTF-8 where it is). */
  readonly compared?: string;
  /** Why the result is unknown, or why the condition was not evaluated. */
  readonly reason?: string;
  /** Captures of a matching regex (%0 ... %9), as byte strings. */
  readonly captures?: readonly string[];
}

/** Which request value a condition reads, or why it is not known. */
export function fieldValue(ctx: Context, req: NormalizedRequest): { value: string } | { unknown: string } {
  const f = ctx.field;
  if (f === undefined) return { unknown: 'the field name could not be evaluated' };
  const header = (name: string) => ({ value: req.headers.get(name.toLowerCase()) ?? '' });
  switch (ctx.object) {
    case 'REQUEST_HEADER':
      return header(f);
    case 'SERVER':
      if (f === 'socket') return { value: req.serverSocket };
      return { unknown: `$SERVER["${f}"] is not a condition lighttpd knows` };
    case 'HTTP':
      switch (f) {
        case 'host':
          return { value: req.authority };
        case 'url':
          return { value: req.path };
        case 'querystring':
        case 'query-string':
          return { value: req.query ?? '' };
        case 'scheme':
          return { value: req.scheme };
        case 'remoteip':
        case 'remote-ip':
          return { value: req.remoteIp };
        case 'request-method':
          return { value: req.method };
        case 'referer':
        case 'cookie':
        case 'user-agent':
          return header(f);
        case 'useragent':
          return header('user-agent');
        case 'language':
          return header('accept-language');
        default:
          return { unknown: `$HTTP["${f}"] is not a condition lighttpd knows` };
      }
    default:
      return { unknown: `$${ctx.object}[…] is not a condition lighttpd knows` };
  }
}

/** An IPv4 or IPv6 address as 4 or 16 bytes; undefined when it is neither. */
export function parseIp(s: string): number[] | undefined {
  const t = s.replace(/^\[|\]$/g, '');
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(t)) {
    const parts = t.split('.').map(Number);
    return parts.every((n) => n <= 255) ? parts : undefined;
  }
  if (!t.includes(':') || !/^[0-9A-Fa-f:.]+$/.test(t)) return undefined;
  let head = t;
  let v4: number[] | undefined;
  const lastColon = t.lastIndexOf(':');
  if (t.slice(lastColon + 1).includes('.')) {
    v4 = parseIp(t.slice(lastColon + 1));
    if (!v4) return undefined;
    head = t.slice(0, lastColon + 1) + '0:0';
  }
  const halves = head.split('::');
  if (halves.length > 2) return undefined;
  const groups = (x: string) => (x === '' ? [] : x.split(':'));
  const left = groups(halves[0]);
  const right = halves.length === 2 ? groups(halves[1]) : [];
  const missing = 8 - left.length - right.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const all = [...left, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...right];
  const bytes: number[] = [];
  for (const g of all) {
    if (!/^[0-9A-Fa-f]{1,4}$/.test(g)) return undefined;
    const n = parseInt(g, 16);
    bytes.push(n >> 8, n & 255);
  }
  if (v4) bytes.splice(12, 4, ...v4);
  return bytes;
}

/** IPv4-mapped IPv6 (::ffff:a.b.c.d) as IPv4. */
function unmap(b: number[]): number[] {
  if (b.length === 16 && b.slice(0, 10).every((x) => x === 0) && b[10] === 255 && b[11] === 255) return b.slice(12);
  return b;
}

function ipMatches(pattern: string, remote: string): boolean | undefined {
  const slash = pattern.indexOf('/');
  const addr = parseIp(slash < 0 ? pattern : pattern.slice(0, slash));
  const bits = slash < 0 ? undefined : Number(pattern.slice(slash + 1));
  const r = parseIp(remote);
  if (!addr || !r) return undefined;
  const a = bits === undefined || addr.length === 16 ? addr : addr;
  const rr = a.length === 4 ? unmap(r) : r;
  if (a.length !== rr.length) return false;
  const n = bits ?? a.length * 8;
  for (let i = 0; i < n; i++) {
    const byte = i >> 3;
    const mask = 0x80 >> (i & 7);
    if ((a[byte] & mask) !== (rr[byte] & mask)) return false;
  }
  return true;
}

/** The host operand as lighttpd stores it for ==, !=, =^, =$ (http_request_host_normalize: a port in decimal). */
function normalizeHostOperand(v: string): string {
  const m = /^([^[:]*|\[[^\]]*\]):(0x[0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.exec(v);
  if (!m) return v;
  const port = Number(m[2].startsWith('0x') ? parseInt(m[2], 16) : m[2].startsWith('0') ? parseInt(m[2], 8) : m[2]);
  return port > 0 && port <= 65535 ? `${m[1]}:${port}` : v;
}

/** Subjects longer than this are not run through patterns that may backtrack exponentially. */
const MAX_RISKY_SUBJECT = 64;

export interface RegexRun {
  readonly matched: boolean | 'unknown';
  readonly captures?: string[];
  readonly reason?: string;
}

/** Runs a PCRE2 pattern (a config string) on a byte-string subject. */
export function runPcre(pattern: string, subject: string): RegexRun {
  const t = translatePcre(pattern);
  if (!t.ok) return { matched: 'unknown', reason: t.reason };
  const text = fromBytes(subject);
  // PCRE2_UTF checks the subject: invalid UTF-8 is an error, which lighttpd counts as no match.
  if (text === undefined) return { matched: false, reason: 'the value is not valid UTF-8: PCRE2 does not match it' };
  if (text.length > MAX_RISKY_SUBJECT && mayBacktrackBadly(pattern))
    return { matched: 'unknown', reason: 'nested quantifiers on a long value: not run here' };
  const m = t.regex.exec(text);
  if (!m) return { matched: false };
  const captures: string[] = [];
  for (let i = 0; i <= t.captures && i < m.length; i++) captures.push(m[i] === undefined ? '' : toBytes(m[i]));
  return { matched: true, captures };
}

/** The comparison of one context's condition (the parent and previous branch already decided). */
export function compare(ctx: Context, req: NormalizedRequest): CondOutcome {
  const fv = fieldValue(ctx, req);
  if ('unknown' in fv) return { result: 'unknown', reason: fv.unknown };
  const l = fv.value;
  const shown = fromBytes(l) ?? l;
  if (ctx.value === undefined)
    return { result: 'unknown', compared: shown, reason: 'the operand could not be evaluated' };
  // Query-string operands are stored URL-normalised (lighttpd's config_burl_normalize_cond).
  const isQuery = ctx.object === 'HTTP' && (ctx.field === 'querystring' || ctx.field === 'query-string');
  const value = isQuery ? burlNormalizeKey(toBytes(ctx.value)) : toBytes(ctx.value);
  const negate = ctx.op.startsWith('!');
  const done = (match: boolean, extra: Partial<CondOutcome> = {}): CondOutcome => ({
    result: negate ? !match : match,
    compared: shown,
    ...extra,
  });
  switch (ctx.op) {
    case '==':
    case '!=': {
      if (ctx.object === 'HTTP' && ctx.field === 'host' && !value.startsWith('/')) {
        const d = normalizeHostOperand(value);
        if (l.length && l.length !== d.length) {
          const [long, short] = l.length > d.length ? [l, d] : [d, l];
          const portOk = l.length > d.length ? l.length - d.length <= 6 : true;
          return done(long[short.length] === ':' && portOk && long.startsWith(short));
        }
        return done(l === d);
      }
      if (ctx.object === 'HTTP' && (ctx.field === 'remote-ip' || ctx.field === 'remoteip') && !value.startsWith('/')) {
        const m = ipMatches(value, l);
        if (m === undefined) return { result: 'unknown', compared: shown, reason: `not an IP address: ${value}` };
        return done(m);
      }
      return done(l === value);
    }
    case '=^':
    case '!^':
      return done(l.startsWith(value));
    case '=$':
    case '!$':
      return done(l.endsWith(value));
    case '=~':
    case '!~': {
      const run = runPcre(isQuery ? (fromBytes(value) ?? ctx.value) : ctx.value, l);
      if (run.matched === 'unknown') return { result: 'unknown', compared: shown, reason: run.reason };
      return done(run.matched, run.captures ? { captures: run.captures } : run.reason ? { reason: run.reason } : {});
    }
  }
}
