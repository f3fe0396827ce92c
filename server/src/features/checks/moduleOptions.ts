/**
 * Module options lighttpd parses when the module configures itself at start-up (its set_defaults; `lighttpd -t`
 * does not run it, `-tt` and a real start do), and refuses to start on (rules `invalid-value`, `missing-field`):
 * - accesslog.format (src/mod_accesslog.c accesslog_parse_format, mod_accesslog_process_format): an empty
 *   format, `%` without a specifier or with an unknown one, `%{` without `}`, `%{...}t` that is neither a
 *   strftime format nor a known unit, two strftime timestamps, `%{x}T` / `%{x}p` / (1.4.70+) `%{x}a` other
 *   than their known words;
 * - expire.url / expire.mimetypes (src/mod_expire.c mod_expire_get_offset): "access|now|modification
 *   [plus] N unit ...", with the stricter spacing and unit words before 1.4.74;
 * - evhost.path-pattern (src/mod_evhost.c mod_evhost_parse_pattern): `%` followed by other than `%`, `_`,
 *   a digit, `{d}` or `{d.d}`;
 * - auth.require (src/mod_auth.c mod_auth_require_parse_array): a field whose value is not a string, no
 *   "method" / "realm" / "require" (blank method or require), a "require" that is not "valid-user" or
 *   user=/group=/host= tokens joined by "|", an unknown digest "algorithm";
 * - extforward.forwarder (src/mod_extforward.c): a trusted "address/bits" whose bits are not a positive
 *   number or whose address is not a numeric IP address;
 * - webdav.opts: an option set to a false value (lighttpd only recognises the options it turns on);
 * - wstunnel.origins and magnet.attract-*-to: an empty string; cgi.x-sendfile-docroot: a relative path.
 * Only values known statically are checked (env.*, unresolved includes: nothing is said).
 */
import type { EvalValue, EvaluatedAssignment } from '../../analysis';
import type { Span } from '../../parser/ast';
import { getDirective, TRUE_WORDS } from '../../schema';
import { isIPv6 } from '../shared/ipAddress';
import { restateIfIgnored } from './moduleNotLoaded';
import type { CheckContext, LocatedElement } from './context';
import { locateElements } from './context';
import { inetAton } from './sockets';

const REFUSES = 'lighttpd refuses to start';

/** accesslog.format after lighttpd's backslash escapes (\n, \t, ... and any other escaped character). */
function unescapeFormat(s: string): string {
  if (!s.includes('\\')) return s;
  const map: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i] !== '\\') out += s[i];
    else if (i + 1 < s.length) out += map[s[++i]] ?? s[i];
  }
  return out;
}

const ACCESSLOG_SPECIFIERS = new Set('aAbBCDefhHiIklmnoOpPqrstTuUvVX');
const TIME_UNITS_T = ['sec', 'msec', 'usec', 'nsec', 'msec_frac', 'usec_frac', 'nsec_frac'];

/** Why lighttpd refuses an accesslog.format, or undefined. */
export function accesslogFormatProblem(raw: string, version: (v: string) => boolean): string | undefined {
  const f = unescapeFormat(raw);
  if (f === '') return 'the format is empty';
  const fields: { spec: string; arg?: string }[] = [];
  for (let i = 0; i < f.length; i++) {
    if (f[i] !== '%') continue;
    i++;
    if (i >= f.length) return '"%" at the end has no format specifier after it';
    let arg: string | undefined;
    if (f[i] === '{') {
      const close = f.indexOf('}', i + 1);
      if (close < 0 || close === i + 1) return '"%{" must hold a name and be closed by "}"';
      arg = f.slice(i + 1, close);
      i = close + 1;
    } else {
      if (f[i] === '<' || f[i] === '>') i++;
      if (i < f.length && (f[i] === '%' || f[i] === 'l')) continue;
    }
    const spec = f[i];
    if (spec === undefined || !ACCESSLOG_SPECIFIERS.has(spec))
      return spec === undefined
        ? `"%{${arg}}" has no format specifier after it`
        : `"%${arg !== undefined ? `{${arg}}` : ''}${spec}" is not a format specifier lighttpd knows`;
    fields.push({ spec, arg });
  }
  let strftime = 0;
  for (const { spec, arg } of fields) {
    const a = arg ?? '';
    if (spec === 't') {
      let unit = a;
      if (unit.startsWith('begin:')) unit = unit.slice(6);
      else if (unit.startsWith('end:')) unit = unit.slice(4);
      const known = TIME_UNITS_T.includes(unit);
      if (a !== '' && !known && !unit.includes('%'))
        return `"%{${a}}t" is neither a strftime format (with "%") nor one of ${TIME_UNITS_T.join(', ')}`;
      if ((a === '' || !known || unit === 'sec') && ++strftime > 1)
        return 'it has two strftime timestamps (%t or %{format}t); lighttpd allows one';
    } else if (spec === 'T') {
      if (!['', 's', 'sec', 'ms', 'msec', 'us', 'usec', 'ns', 'nsec'].includes(a))
        return `"%{${a}}T" must name a unit: s, ms, us or ns`;
    } else if (spec === 'p') {
      if (!['', 'canonical', 'local', 'remote'].includes(a))
        return `"%{${a}}p" must be "canonical", "local" or "remote"`;
    } else if ((spec === 'a' || spec === 'h') && version('1.4.70')) {
      if (a !== '' && a !== 'mask') return `"%{${a}}${spec}" must be "mask"`;
    }
  }
  return undefined;
}

const EXPIRE_UNITS_NEW = ['year', 'month', 'week', 'day', 'hour', 'minute', 'min', 'second', 'sec'];
const EXPIRE_UNITS_OLD = ['year', 'month', 'week', 'day', 'hour', 'minute', 'second'];

/** Why lighttpd refuses an expire.* value, or undefined (1.4.74 rewrote the parser). */
export function expireProblem(value: string, newParser: boolean): string | undefined {
  const base = /^(access |now |modification )/.exec(value);
  if (!newParser && value === '') return 'the value is empty';
  if (!base) return 'it must start with "access", "now" or "modification" (then "plus", a number and a unit)';
  let ts = value.slice(base[0].length);
  if (ts.startsWith('plus ')) ts = ts.slice(5);
  const unitWords = (newParser ? EXPIRE_UNITS_NEW : EXPIRE_UNITS_OLD).join(', ');
  if (newParser) {
    do {
      ts = ts.replace(/^[ \t\n\v\f\r]*[+-]?\d*/, (m) => (/\d/.test(m) ? '' : m)).replace(/^ +/, '');
      const unit = EXPIRE_UNITS_NEW.find((u) => ts.startsWith(u));
      if (!unit) return `"${ts}" does not start with a unit (${unitWords})`;
      ts = ts.slice(unit.length);
      if (ts.startsWith('s')) ts = ts.slice(1);
      ts = ts.replace(/^ +/, '');
    } while (ts !== '');
    return undefined;
  }
  do {
    const space = ts.indexOf(' ');
    if (space < 0) return `a space is missing after the number in "${ts}"`;
    const num = /^[ \t\n\v\f\r]*[+-]?\d*/.exec(ts)![0];
    const after = /\d/.test(num) ? ts.slice(num.length) : ts;
    if (after[0] !== ' ') return `a unit is missing after the number in "${ts}"`;
    ts = ts.slice(space + 1);
    const end = ts.indexOf(' ');
    let word = end < 0 ? ts : ts.slice(0, end);
    if (word.endsWith('s')) word = word.slice(0, -1);
    if (!EXPIRE_UNITS_OLD.includes(word)) return `"${end < 0 ? ts : ts.slice(0, end)}" is not a unit (${unitWords})`;
    if (end < 0) break;
    ts = ts.slice(end + 1);
  } while (ts !== '');
  return undefined;
}

/** Why lighttpd refuses an evhost.path-pattern, or undefined. */
export function evhostPatternProblem(p: string): string | undefined {
  let tokens = 0;
  for (let i = 0; i < p.length; i++) {
    if (p[i] !== '%') continue;
    if (++tokens > 63) return 'it has more than 63 "%" parts';
    const n = p[i + 1];
    if (n === '%' || n === '_' || /\d/.test(n ?? '')) {
      i += 1;
      continue;
    }
    const m = /^\{\d(\.\d)?\}/.exec(p.slice(i + 1));
    if (!m) return `"${p.slice(i, i + 6)}" is not %%, %_, %0-%9, %{n} or %{n.m}`;
    i += m[0].length;
  }
  return undefined;
}

/** Why lighttpd refuses an auth.require "require" value, or undefined. */
export function authRequireProblem(v: string): string | undefined {
  if (v === 'valid-user') return undefined;
  let s = v;
  for (;;) {
    const bar = s.indexOf('|');
    const token = bar < 0 ? s : s.slice(0, bar);
    const eq = token.indexOf('=');
    if (eq < 0)
      return token.startsWith('valid-user')
        ? '"valid-user" cannot be combined with other rules'
        : `"${token}" has no "=" (expected "valid-user" or user=NAME, group=NAME joined by "|")`;
    if (eq + 1 === token.length) return `"${token}" has nothing after "="`;
    const name = token.slice(0, eq);
    if (name !== 'user' && name !== 'group' && name !== 'host') return `"${name}=" is not user=, group= or host=`;
    if (bar < 0) return undefined;
    s = s.slice(bar + 1);
    if (s === '') return undefined;
  }
}

/** Why lighttpd refuses an auth.require "algorithm" value ("MD5|SHA-256", each optionally "-sess"), or undefined. */
export function authAlgorithmProblem(v: string): string | undefined {
  for (const a of v.split('|')) {
    const base = a.length > 5 && /-sess$/i.test(a) ? a.slice(0, -5) : a;
    if (base === '' || /^md5$/i.test(base) || /^sha-(256|512-256)$/i.test(base)) continue;
    return `"${a}" is not MD5, SHA-256 or SHA-512-256`;
  }
  return undefined;
}

/** Why lighttpd refuses a trusted extforward.forwarder key "address/bits", or undefined. */
export function forwarderMaskProblem(key: string, unixSocketsSkipped = true): string | undefined {
  const slash = key.indexOf('/');
  // 1.4.70+ leaves unix socket paths alone; before, "/..." was read as an address with a netmask too
  if (slash < 0 || (unixSocketsSkipped && key.startsWith('/'))) return undefined;
  const bits = key.slice(slash + 1);
  if (!/^\d+$/.test(bits) || Number(bits) <= 0) return `the netmask "/${bits}" is not a number of bits`;
  let addr = key.slice(0, slash);
  if (addr.startsWith('[') && addr.endsWith(']') && addr.length > 2) addr = addr.slice(1, -1);
  if (!(addr.includes(':') ? isIPv6(addr) : inetAton(addr))) return `"${addr}" is not a numeric IP address`;
  return undefined;
}

/** The options of webdav.opts (schema), each recognised by lighttpd only when set true. */
const WEBDAV_OPTIONS: ReadonlySet<string> = new Set(getDirective('webdav.opts')?.keys?.keys.map((k) => k.key) ?? []);

const isTrue = (v: EvalValue) =>
  v.type === 'integer' ? v.value !== 0 : v.type === 'string' && TRUE_WORDS.includes(v.value.toLowerCase());

function str(v: EvalValue): string | undefined {
  return v.type === 'string' ? v.value : undefined;
}

export function checkModuleOptions(ctx: CheckContext): void {
  const at = (v: string) => ctx.atLeast(v);
  for (const a of ctx.assignments) {
    if (!a.node.value || !a.node.operator) continue;
    const key = a.node.key.fullName;
    const bad = (span: Span, value: string, reason: string, k = key) =>
      ctx.report('invalid-value', span, { kind: 'value', key: k, value, effect: `${REFUSES}: ${reason}` });
    const rhs = a.node.operator.text === '+=' ? a.rhs : a.result;
    const elements = () => locateElements(rhs, a.node.value, a.node.value!);
    const mark = ctx.findings.length;
    checkOption(ctx, a, key, bad, elements, at);
    restateIfIgnored(ctx, key, mark);
  }
}

function checkOption(
  ctx: CheckContext,
  a: EvaluatedAssignment,
  key: string,
  bad: (span: Span, value: string, reason: string, k?: string) => void,
  elements: () => LocatedElement[],
  at: (v: string) => boolean,
): void {
  switch (key) {
    case 'accesslog.format': {
      const v = str(a.result);
      const p = v === undefined ? undefined : accesslogFormatProblem(v, at);
      if (p) bad(a.node.value!, v!, p);
      break;
    }
    case 'evhost.path-pattern': {
      const v = str(a.result);
      const p = v ? evhostPatternProblem(v) : undefined;
      if (p) bad(a.node.value!, v!, p);
      break;
    }
    case 'expire.url':
    case 'expire.mimetypes':
      if (key === 'expire.mimetypes' && !at('1.4.43')) break;
      for (const e of elements()) {
        const v = str(e.value);
        const p = v === undefined ? undefined : expireProblem(v, at('1.4.74'));
        if (p) bad(e.valueSpan, v!, p, `"${e.key ?? ''}" in ${key}`);
      }
      break;
    case 'auth.require':
      for (const e of elements()) checkAuthRequire(ctx, e);
      break;
    case 'extforward.forwarder':
      for (const e of elements()) {
        if (e.key === undefined || str(e.value)?.toLowerCase() !== 'trust') continue;
        const p = forwarderMaskProblem(e.key, at('1.4.70'));
        if (p)
          ctx.report('invalid-value', e.keySpan, {
            kind: 'key',
            key,
            value: e.key,
            where: 'address of extforward.forwarder',
            effect: `${REFUSES}: ${p}`,
          });
      }
      break;
    case 'webdav.opts':
      for (const e of elements())
        if (
          e.key !== undefined &&
          WEBDAV_OPTIONS.has(e.key) && // an unknown option is values.ts's (the key set)
          (e.value.type === 'string' || e.value.type === 'integer') &&
          !isTrue(e.value)
        )
          bad(
            e.valueSpan,
            describe(e.value),
            `lighttpd only recognises the options it turns on ("${e.key}" => "disable" is unknown to it); remove the line instead`,
            `"${e.key}" in ${key}`,
          );
      break;
    case 'wstunnel.origins':
    case 'magnet.attract-raw-url-to':
    case 'magnet.attract-physical-path-to':
    case 'magnet.attract-response-start-to':
      for (const e of elements())
        if (e.value.type === 'string' && e.value.value.trim() === '') bad(e.valueSpan, e.value.value, 'an empty entry');
      break;
    case 'ssl.openssl.ssl-conf-cmd':
      if (!readByOpenssl(ctx)) break;
      for (const e of elements()) {
        const k = e.key?.toLowerCase();
        if ((k !== 'minprotocol' && k !== 'maxprotocol') || e.value.type !== 'string') continue;
        const v = e.value.value;
        if (OPENSSL_PROTOCOLS.includes(v)) continue;
        const t = v.trim().toLowerCase();
        const fix = OPENSSL_PROTOCOLS.find((q) => q.toLowerCase() === t) ?? (t === 'tlsv1.0' ? 'TLSv1' : undefined);
        ctx.report(
          'invalid-value',
          e.valueSpan,
          {
            kind: 'value',
            key: `${e.key} of ${key}`,
            value: v,
            effect: `${REFUSES}: OpenSSL takes the names exactly as written, case included`,
            suggestion: fix,
            allowed: OPENSSL_PROTOCOLS.map((q) => `"${q}"`).join(', '),
          },
          fix && e.valueExpr?.kind === 'string'
            ? {
                fixes: [
                  {
                    title: `Change to "${fix}"`,
                    edits: [{ start: e.valueExpr.start, end: e.valueExpr.end, newText: `"${fix}"` }],
                    preferred: true,
                  },
                ],
              }
            : undefined,
        );
      }
      break;
    case 'cgi.x-sendfile-docroot':
      for (const e of elements())
        if (e.value.type === 'string' && !e.value.value.startsWith('/'))
          bad(e.valueSpan, e.value.value, 'its paths must be absolute (start with "/")');
      break;
  }
}

/** What OpenSSL's SSL_CONF_cmd takes for MinProtocol / MaxProtocol (1.1.0 to 3.x: compared with strcmp). */
const OPENSSL_PROTOCOLS = ['None', 'SSLv3', 'TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3', 'DTLSv1', 'DTLSv1.2'];

/**
 * Whether ssl.openssl.ssl-conf-cmd goes to OpenSSL: mod_openssl is the TLS module (listed, or loaded by lighttpd
 * itself when no TLS module is listed) and the platform's mod_openssl is built with OpenSSL (OpenBSD's with
 * LibreSSL, for which lighttpd reads MinProtocol itself). The other TLS modules read it themselves.
 */
function readByOpenssl(ctx: CheckContext): boolean {
  const names = ctx.model.modules.names;
  if (ctx.model.modules.open || ctx.platform === 'openbsd') return false;
  if (names.has('mod_openssl')) return true;
  return !['mod_boringssl', 'mod_gnutls', 'mod_mbedtls', 'mod_nss', 'mod_wolfssl'].some((m) => names.has(m));
}

function describe(v: EvalValue): string {
  return v.type === 'string' ? v.value : v.type === 'integer' ? String(v.value) : '';
}

/** One `"/path" => ( "method" => ..., "realm" => ..., "require" => ... )` entry of auth.require. */
function checkAuthRequire(ctx: CheckContext, e: LocatedElement): void {
  if (e.value.type !== 'array') return; // type-mismatch
  if (e.value.elements.some((x) => x.value.type === 'unknown')) return;
  const fields = new Map(
    locateElements(e.value, e.valueExpr, e.valueSpan)
      .filter((f) => f.key !== undefined)
      .map((f) => [f.key!, f]),
  );
  const where = `auth.require "${e.key ?? ''}"`;
  for (const f of fields.values())
    if (f.value.type !== 'string') {
      ctx.report('invalid-value', f.valueSpan, {
        kind: 'value',
        key: `"${f.key}" in ${where}`,
        value: describe(f.value) || 'a list',
        effect: `${REFUSES}: every field of auth.require takes a string`,
      });
      return;
    }
  const text = (k: string) => {
    const f = fields.get(k);
    return f && f.value.type === 'string' ? f.value.value : undefined;
  };
  const labelAt: Span = e.key !== undefined ? e.keySpan : e.valueSpan;
  for (const [field, blankToo] of [
    ['method', false], // a blank method is outside its value set (values.ts says so)
    ['realm', false],
    ['require', true],
  ] as const) {
    const v = text(field);
    if (v === undefined || (blankToo && v.trim() === '')) {
      ctx.report('missing-field', v === undefined ? labelAt : fields.get(field)!.valueSpan, {
        where,
        field,
        blank: v !== undefined,
      });
      return;
    }
  }
  const require = fields.get('require')!;
  const rp = authRequireProblem(text('require')!);
  if (rp)
    ctx.report('invalid-value', require.valueSpan, {
      kind: 'value',
      key: `"require" in ${where}`,
      value: text('require')!,
      effect: `${REFUSES}: ${rp}`,
    });
  const algo = text('algorithm');
  const ap = algo && algo.trim() !== '' ? authAlgorithmProblem(algo) : undefined;
  if (ap)
    ctx.report('invalid-value', fields.get('algorithm')!.valueSpan, {
      kind: 'value',
      key: `"algorithm" in ${where}`,
      value: algo!,
      effect: `${REFUSES}: ${ap}`,
    });
}
