/**
 * The request as lighttpd 1.4.69 sees it when it evaluates conditions (src/request.c, src/burl.c,
 * src/buffer.c; facts read from lighttpd's source, written here anew):
 *   - the request target is normalised by burl_normalize with the default `server.http-parseopts`
 *     (percent-encoding of unreserved characters decoded, of the rest upper-cased, characters that must be
 *     encoded encoded, the fragment dropped, `%2F` decoded to `/`, dot segments and `//` removed; control
 *     characters and invalid UTF-8 bytes in percent-encodings reject the request with 400);
 *   - `$HTTP["querystring"]` is the part after the first `?` of that normalised target, still encoded;
 *   - `$HTTP["url"]` is the path part decoded (control characters become `_`) and simplified again;
 *   - `$HTTP["host"]` is the Host header (or the authority of an absolute request URI) lower-cased, with a
 *     trailing dot of the name and a trailing `:` removed (host-strict, the default, rejects other names);
 *   - `$HTTP["scheme"]` is "https" on a port-443 socket or a TLS socket, else "http";
 *   - `$HTTP["remote-ip"]` is the client address as text; `$SERVER["socket"]` the server socket's token.
 * Strings here are byte strings: one JS character per byte (latin1), as lighttpd compares bytes.
 */

export interface RequestSpec {
  readonly method: string;
  readonly scheme: 'http' | 'https';
  /** The Host header as sent (may carry a port); absent: no Host header. */
  readonly host?: string;
  /** The request target as sent: path and query (`/a/b?x=1`), or `*`. */
  readonly target: string;
  readonly remoteIp: string;
  /** The server socket's token, e.g. ":80" or "127.0.0.1:8080" (default ":" + the port of the scheme). */
  readonly serverSocket?: string;
  /** The port the request arrived on (default 80 / 443). */
  readonly port?: number;
  readonly headers: readonly (readonly [string, string])[];
}

export interface NormalizedRequest {
  readonly spec: RequestSpec;
  readonly method: string;
  readonly scheme: string;
  /** r->uri.authority: lower-cased host (with port if sent). */
  readonly authority: string;
  /** r->target after normalisation (path and query, encoded). */
  readonly target: string;
  /** r->uri.path: decoded, simplified. */
  readonly path: string;
  /** r->uri.query: encoded, without '?'; undefined when the target has no '?'. */
  readonly query: string | undefined;
  readonly remoteIp: string;
  readonly serverSocket: string;
  readonly port: number;
  /** Request headers by lower-case name (repeated headers joined with ", " as lighttpd does). */
  readonly headers: ReadonlyMap<string, string>;
}

export type NormalizeResult =
  | { readonly ok: true; readonly request: NormalizedRequest }
  | { readonly ok: false; readonly status: number; readonly reason: string };

const utf8 = new TextEncoder();

/** A JS string as the bytes of its UTF-8 encoding, one character per byte. */
export function toBytes(s: string): string {
  // Plain ASCII is its own encoding.
  if (/^[\x00-\x7f]*$/.test(s)) return s;
  let out = '';
  for (const b of utf8.encode(s)) out += String.fromCharCode(b);
  return out;
}

/** A byte string decoded as UTF-8; undefined when the bytes are not valid UTF-8. */
export function fromBytes(b: string): string | undefined {
  if (/^[\x00-\x7f]*$/.test(b)) return b;
  const bytes = Uint8Array.from(b, (c) => c.charCodeAt(0));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Characters that must be percent-encoded in a request target (everything but ! $ & ' ( ) * + , - . / 0-9 : ; = ? @ A-Z _ a-z ~). */
function mustEncode(c: number): boolean {
  if (c < 0x21 || c > 0x7e) return true;
  return '"#%<>[\\]^`{|}'.includes(String.fromCharCode(c));
}

function isUnreserved(c: number): boolean {
  return (
    (c >= 0x30 && c <= 0x39) ||
    (c >= 0x41 && c <= 0x5a) ||
    (c >= 0x61 && c <= 0x7a) ||
    c === 0x2d ||
    c === 0x2e ||
    c === 0x5f ||
    c === 0x7e
  );
}

function hexValue(ch: string | undefined): number {
  if (ch === undefined) return -1;
  const c = ch.charCodeAt(0);
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const u = c & 0xdf;
  if (u >= 0x41 && u <= 0x46) return u - 0x41 + 10;
  return -1;
}

const HEX = '0123456789ABCDEF';
function pct(c: number): string {
  return '%' + HEX[(c >> 4) & 15] + HEX[c & 15];
}

/** A byte that can never start valid UTF-8 (0xF5..0xFF, 0xC0, 0xC1). */
function invalidUtf8Byte(c: number): boolean {
  return c >= 0xf5 || (c | 1) === 0xc1;
}

/**
 * burl_normalize with lighttpd's default options (url-normalize-unreserved, ctrls-reject,
 * path-2f-decode, path-dotseg-remove, invalid-utf8-reject). Returns the normalised target, or undefined
 * when lighttpd answers 400.
 */
export function normalizeTarget(target: string): string | undefined {
  let out = '';
  let bad = false;
  for (let i = 0; i < target.length; i++) {
    const c = target.charCodeAt(i);
    if (!mustEncode(c)) {
      out += target[i];
    } else if (c === 0x25 && hexValue(target[i + 1]) >= 0 && hexValue(target[i + 2]) >= 0) {
      const x = (hexValue(target[i + 1]) << 4) | hexValue(target[i + 2]);
      if (isUnreserved(x)) out += String.fromCharCode(x);
      else {
        out += pct(x);
        if (invalidUtf8Byte(x)) bad = true;
      }
      i += 2;
    } else if (c === 0x23) {
      break; // fragment
    } else {
      out += pct(c);
      if (invalidUtf8Byte(c)) bad = true;
    }
  }
  if (bad) return undefined;
  // ctrls-reject: an encoded control character (%00-%1F, %7F)
  for (let i = 0; i < out.length; i++) {
    if (out[i] === '%' && (out[i + 1] < '2' || (out[i + 1] === '7' && out[i + 2] === 'F'))) return undefined;
  }
  let q = out.indexOf('?');
  let path = q < 0 ? out : out.slice(0, q);
  const query = q < 0 ? '' : out.slice(q);
  path = path.replace(/%2F/g, '/');
  // dot segments and repeated slashes
  if (/(^|\/)\.\.?(\/|$)|\/\//.test(path)) path = simplifyPath(path);
  q = -1;
  return path + query;
}

/** buffer_path_simplify: resolves "/../", "/./", "//"; a trailing "/." or "/.." leaves a trailing "/". */
export function simplifyPath(p: string): string {
  if (p === '') return '';
  const absolute = p.startsWith('/');
  const parts = p.split('/');
  const out: string[] = [];
  let trailing = false;
  for (let i = absolute ? 1 : 0; i < parts.length; i++) {
    const seg = parts[i];
    const last = i === parts.length - 1;
    if (seg === '' || seg === '.') {
      trailing = last;
      continue;
    }
    if (seg === '..') {
      out.pop();
      trailing = last;
      continue;
    }
    out.push(seg);
    trailing = false;
  }
  let s = '/' + out.join('/');
  if (trailing && out.length) s += '/';
  return s;
}

/** buffer_urldecode_path: %XX decoded; control characters and DEL become '_'; a bad % stays. */
export function urldecodePath(p: string): string {
  if (!p.includes('%')) return p;
  let out = '';
  for (let i = 0; i < p.length; i++) {
    if (p[i] === '%' && hexValue(p[i + 1]) >= 0 && hexValue(p[i + 2]) >= 0) {
      const x = (hexValue(p[i + 1]) << 4) | hexValue(p[i + 2]);
      out += x >= 32 && x !== 127 ? String.fromCharCode(x) : '_';
      i += 2;
    } else out += p[i];
  }
  return out;
}

/**
 * request_check_hostname (host-strict): the checked host, with a trailing '.' of the name and a trailing
 * ':' removed; undefined when lighttpd answers 400 "Invalid Hostname".
 */
export function checkHost(host: string): string | undefined {
  let h = host;
  let rest: string;
  if (!h.startsWith('[')) {
    const colon = h.indexOf(':');
    let name = colon < 0 ? h : h.slice(0, colon);
    rest = colon < 0 ? '' : h.slice(colon);
    if (name === '') return undefined;
    if (name.endsWith('.')) {
      name = name.slice(0, -1);
      if (name === '') return undefined;
    }
    let labelLen = 0;
    let allNumeric = true;
    let numeric = true;
    let level = 0;
    for (let i = 0; i < name.length; i++) {
      const ch = name[i];
      labelLen++;
      if (ch >= '0' && ch <= '9') continue;
      if (/[A-Za-z]/.test(ch) || (ch === '-' && i !== 0)) numeric = false;
      else if (ch === '.' && labelLen !== 1 && name[i + 1] !== '-') {
        allNumeric &&= numeric;
        numeric = true;
        labelLen = 0;
        level++;
      } else return undefined;
    }
    if (labelLen === 0 || (numeric && (level !== 3 || !allNumeric))) return undefined;
    h = name + rest;
  } else {
    const m = /^\[([0-9A-Fa-f.:]*)\]/.exec(h);
    if (!m || m[1] === '' || (m[1].match(/:/g)?.length ?? 0) >= 8) return undefined;
    rest = h.slice(m[0].length);
  }
  if (rest.startsWith(':')) {
    if (!/^:[0-9]*$/.test(rest)) return undefined;
    if (rest === ':') h = h.slice(0, -1);
  } else if (rest !== '') return undefined;
  return h;
}

/** An IPv6 address in inet_ntop's form (lower case, the longest run of two or more zero groups as "::"). */
function ipv6Text(t: string): string | undefined {
  const halves = t.split('::');
  if (halves.length > 2) return undefined;
  let v4: number[] | undefined;
  let body = t;
  const last = t.slice(t.lastIndexOf(':') + 1);
  if (last.includes('.')) {
    const p = last.split('.').map(Number);
    if (p.length !== 4 || p.some((n, i) => !/^\d{1,3}$/.test(last.split('.')[i]) || n > 255)) return undefined;
    v4 = p;
    body = t.slice(0, t.length - last.length) + '0:0';
  }
  const hs = body.split('::');
  const g = (x: string) => (x === '' ? [] : x.split(':'));
  const left = g(hs[0]);
  const right = hs.length === 2 ? g(hs[1]) : [];
  const fill = 8 - left.length - right.length;
  if (hs.length === 1 ? fill !== 0 : fill < 1) return undefined;
  const groups = [...left, ...Array<string>(hs.length === 2 ? fill : 0).fill('0'), ...right];
  if (groups.some((x) => !/^[0-9A-Fa-f]{1,4}$/.test(x))) return undefined;
  const n = groups.map((x) => parseInt(x, 16));
  if (v4) {
    n[6] = (v4[0] << 8) | v4[1];
    n[7] = (v4[2] << 8) | v4[3];
  }
  // IPv4-mapped and IPv4-compatible forms keep the dotted quad.
  if (n.slice(0, 5).every((x) => x === 0) && n[5] === 0xffff)
    return `::ffff:${n[6] >> 8}.${n[6] & 255}.${n[7] >> 8}.${n[7] & 255}`;
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (n[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && n[j] === 0) j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = n.map((x) => x.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
}

/**
 * http_request_host_normalize (host-strict implies it): the port is read as C's strtol with base 0
 * (decimal, 0x hex, 0 octal) and must be 1-65535; the scheme's default port is dropped, another is
 * written in decimal; IPv6 literals are written in inet_ntop's form. Undefined: 400.
 */
export function normalizeHost(h: string, schemePort: number): string | undefined {
  let name = h;
  let portText: string | undefined;
  if (h.startsWith('[')) {
    const end = h.indexOf(']');
    if (end < 0) return undefined;
    name = h.slice(0, end + 1);
    const rest = h.slice(end + 1);
    if (rest !== '' && !rest.startsWith(':')) return undefined;
    if (rest.length > 1) portText = rest.slice(1);
    const inner = name.slice(1, -1);
    const pct = inner.indexOf('%');
    const text = ipv6Text(pct < 0 ? inner : inner.slice(0, pct));
    if (text === undefined) return undefined;
    name = `[${text}${pct < 0 ? '' : inner.slice(pct)}]`;
  } else {
    const colon = h.indexOf(':');
    if (colon === 0) return undefined;
    if (colon > 0) {
      name = h.slice(0, colon);
      if (colon + 1 < h.length) portText = h.slice(colon + 1);
    }
  }
  let port = 0;
  if (portText !== undefined) {
    const m = /^(?:0[xX]([0-9a-fA-F]+)|0([0-7]*)|([1-9][0-9]*))$/.exec(portText);
    if (!m) return undefined;
    port = m[1] !== undefined ? parseInt(m[1], 16) : m[2] !== undefined ? parseInt(m[2] || '0', 8) : Number(m[3]);
    if (!(port > 0 && port <= 65535)) return undefined;
  }
  return port !== 0 && port !== schemePort ? `${name}:${port}` : name;
}

/** Parses "GET http://example.org:8080/a?b" (or "GET /a" with a Host header) into a request spec. */
export function parseRequestLine(
  line: string,
  options: { remoteIp?: string; headers?: readonly string[]; serverSocket?: string } = {},
): RequestSpec | { error: string } {
  const m = /^\s*(?:([A-Za-z-]+)\s+)?(\S+)\s*$/.exec(line);
  if (!m) return { error: 'expected "METHOD URL", e.g. "GET http://example.org/index.html"' };
  const method = (m[1] ?? 'GET').toUpperCase();
  const url = m[2];
  const headers: [string, string][] = [];
  for (const h of options.headers ?? []) {
    const i = h.indexOf(':');
    if (i <= 0) return { error: `a header is "Name: value", not "${h}"` };
    headers.push([h.slice(0, i).trim(), h.slice(i + 1).trim()]);
  }
  let scheme: 'http' | 'https' = 'http';
  let host: string | undefined = headers.find(([k]) => k.toLowerCase() === 'host')?.[1];
  let target = url;
  let port: number | undefined;
  const abs = /^(https?):\/\/([^/?#]*)(.*)$/i.exec(url);
  if (abs) {
    scheme = abs[1].toLowerCase() as 'http' | 'https';
    host = abs[2];
    target = abs[3] || '/';
    const pm = /:(\d+)$/.exec(abs[2]);
    if (pm && !abs[2].endsWith(']')) port = Number(pm[1]);
  } else if (!url.startsWith('/') && url !== '*') {
    return { error: `the URL must be absolute (http://host/path) or start with '/': ${url}` };
  }
  port ??= scheme === 'https' ? 443 : 80;
  return {
    method,
    scheme,
    host,
    target,
    port,
    remoteIp: options.remoteIp ?? '127.0.0.1',
    serverSocket: options.serverSocket,
    headers: headers.filter(([k]) => k.toLowerCase() !== 'host'),
  };
}

/** The request as lighttpd holds it for condition evaluation, or the 400 it answers instead. */
export function normalizeRequest(spec: RequestSpec): NormalizeResult {
  const port = spec.port ?? (spec.scheme === 'https' ? 443 : 80);
  const target = toBytes(spec.target);
  const headers = new Map<string, string>();
  for (const [k, v] of spec.headers) {
    const lower = k.toLowerCase();
    const prev = headers.get(lower);
    headers.set(lower, prev === undefined ? toBytes(v) : `${prev}, ${toBytes(v)}`);
  }
  let authority = '';
  if (spec.host !== undefined) {
    const strict = checkHost(toBytes(spec.host).toLowerCase());
    const checked = strict === undefined ? undefined : normalizeHost(strict, spec.scheme === 'https' ? 443 : 80);
    if (checked === undefined) return { ok: false, status: 400, reason: `invalid Host "${spec.host}"` };
    authority = checked;
    headers.set('host', toBytes(spec.host));
  }
  let path: string;
  let query: string | undefined;
  let normalized: string;
  if (target === '*' && spec.method === 'OPTIONS') {
    normalized = target;
    path = target;
  } else {
    const n = normalizeTarget(target);
    if (n === undefined) return { ok: false, status: 400, reason: 'invalid character in URI' };
    normalized = n;
    const q = n.indexOf('?');
    query = q < 0 ? undefined : n.slice(q + 1);
    path = simplifyPath(urldecodePath(q < 0 ? n : n.slice(0, q)));
    if (!path.startsWith('/')) return { ok: false, status: 400, reason: "uri-path does not begin with '/'" };
  }
  return {
    ok: true,
    request: {
      spec,
      method: spec.method,
      scheme: spec.scheme === 'https' || port === 443 ? 'https' : 'http',
      authority,
      target: normalized,
      path,
      query,
      remoteIp: spec.remoteIp,
      serverSocket: spec.serverSocket ?? `:${port}`,
      port,
      headers,
    },
  };
}

/** Upper-cases the hex digits of `%xx` (or, with `double`, of `%%xx`) and percent-encodes bytes above 0x7F. */
function percentForm(b: string, double: boolean): string {
  let out = '';
  const lead = double ? '%%' : '%';
  for (let i = 0; i < b.length; i++) {
    const c = b.charCodeAt(i);
    if (b.startsWith(lead, i) && hexValue(b[i + lead.length]) >= 0 && hexValue(b[i + lead.length + 1]) >= 0) {
      out += lead + b.slice(i + lead.length, i + lead.length + 2).toUpperCase();
      i += lead.length + 1;
    } else if (c > 0x7f) out += lead + HEX[c >> 4] + HEX[c & 15];
    else out += b[i];
  }
  return out;
}

/**
 * How lighttpd stores, with URL normalisation on (the default), the operand of a `$HTTP["querystring"]`
 * condition and the pattern of a url.rewrite / url.redirect rule (pcre_keyvalue_burl_normalize_key):
 * `%xx` upper-cased, bytes above 0x7F percent-encoded, so that they compare with the normalised request.
 */
export function burlNormalizeKey(b: string): string {
  return percentForm(b, false);
}

/** The same for a rule's substitution (pcre_keyvalue_burl_normalize_value): `%%xx` forms, as `%%` prints `%`. */
export function burlNormalizeValue(b: string): string {
  return percentForm(b, true);
}
