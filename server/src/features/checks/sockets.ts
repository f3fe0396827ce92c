/**
 * Rule `invalid-socket`: $SERVER["socket"] values checked as lighttpd parses them.
 * - While parsing (src/configparser.y, every operator; lighttpd -t): a value that does not start with ':',
 *   '[]', '/' or '\' goes through http_request_host_normalize (src/request.c): `host[:port]` or
 *   `[IPv6][:port]`, the port a number from 1 to 65535 (decimal, octal or hex), an IPv6 literal that parses.
 *   Otherwise: "invalid IP addr", lighttpd refuses to start.
 * - When binding (src/network.c network_host_parse_addr, for == and !=; lighttpd -tt): an empty value,
 *   ":port" with a port out of 1..65535 (read as decimal), a naked IPv6 address, a unix socket path longer
 *   than sun_path, and numeric IPv4 addresses that do not parse (getaddrinfo fails).
 * Host names are resolved by lighttpd at start-up: they are not checked here.
 */
import { isIPv6 } from '../shared/ipAddress';
import type { CheckContext } from './context';

export interface SocketProblem {
  readonly reason: string;
  /** True when lighttpd -t refuses it already (parse time); false: at start-up (lighttpd -tt). */
  readonly parseTime: boolean;
}

/** strtol(s, &e, 0) on the whole string: the number, or undefined when something follows it. */
function strtolBase0(s: string): number | undefined {
  const m = /^[ \t\n\v\f\r]*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (!m) return undefined;
  const body = m[2];
  const n = /^0[xX]/.test(body)
    ? parseInt(body, 16)
    : body.length > 1 && body[0] === '0'
      ? parseInt(body, 8)
      : Number(body);
  return m[1] === '-' ? -n : n;
}

/** strtol(s, NULL, 10): the leading decimal number (0 when there is none). */
function strtolBase10(s: string): number {
  const m = /^[ \t\n\v\f\r]*([+-]?\d+)/.exec(s);
  return m ? Number(m[1]) : 0;
}

const portReason = (p: string) => `the port must be a number from 1 to 65535, found "${p}"`;

/** inet_aton(): 1 to 4 parts, decimal/octal/hex, the last one filling the remaining bytes. */
export function inetAton(s: string): boolean {
  const parts = s.split('.');
  if (parts.length > 4 || parts.some((p) => p === '')) return false;
  const nums: number[] = [];
  for (const p of parts) {
    if (!/^(0[xX][0-9a-fA-F]*|0[0-7]*|[1-9]\d*)$/.test(p)) return false;
    nums.push(
      /^0[xX]/.test(p) ? parseInt(p.slice(2) || '0', 16) : p.length > 1 && p[0] === '0' ? parseInt(p, 8) : Number(p),
    );
  }
  const last = nums[nums.length - 1];
  const lastMax = 2 ** (8 * (5 - nums.length)) - 1;
  return nums.slice(0, -1).every((n) => n <= 255) && last <= lastMax;
}

/**
 * Why lighttpd's host normalisation (src/request.c http_request_host_normalize, as the config parser calls
 * it) refuses `value`, or undefined: `host[:port]` with a port from 1 to 65535 (decimal, octal or hex), or
 * `[IPv6][:port]` with an IPv6 literal that parses. Names are not checked further. Used for
 * $SERVER["socket"] values and $HTTP["host"] values compared with ==, !=, =^ and =$.
 */
export function hostSyntaxProblem(value: string): string | undefined {
  if (value === '') return undefined;
  if (value[0] !== '[') {
    const colon = value.indexOf(':');
    if (colon >= 0 && colon + 1 < value.length) {
      const port = value.slice(colon + 1);
      const n = strtolBase0(port);
      if (n === undefined || n <= 0 || n > 65535) {
        const more = port.includes(':') ? ' (an IPv6 address goes in brackets: "[::1]:80")' : '';
        return portReason(port) + more;
      }
    }
    return undefined;
  }
  const close = value.indexOf(']');
  if (close < 0) return 'the IPv6 address has no closing "]"';
  const after = value.slice(close + 1);
  if (after !== '' && after[0] !== ':') return 'only ":port" may follow the "]" of an IPv6 address';
  if (after.length > 1) {
    const n = strtolBase0(after.slice(1));
    if (n === undefined || n <= 0 || n > 65535) return portReason(after.slice(1));
  }
  const inner = value.slice(1, close);
  const addr = inner.includes('%') ? inner.slice(0, inner.indexOf('%')) : inner;
  return isIPv6(addr) ? undefined : `"${inner}" is not an IPv6 address`;
}

/** Why lighttpd refuses `value` as a $SERVER["socket"] value, or undefined. `binds`: the == / != case. */
export function socketProblem(value: string, binds: boolean, longestUnixPath = 107): SocketProblem | undefined {
  const c0 = value[0];
  const special = c0 === ':' || value.startsWith('[]') || c0 === '/' || c0 === '\\';
  if (value !== '' && !special) {
    // Parse time, every operator (src/configparser.y).
    const reason = hostSyntaxProblem(value);
    if (reason) return { reason, parseTime: true };
  }
  if (!binds) return undefined;
  // Start-up: network_host_parse_addr.
  if (value.trim() === '') return { reason: 'the value is empty', parseTime: false };
  if (c0 === '/' || c0 === '\\') {
    if (value.startsWith('\\x00')) return undefined; // abstract socket (Linux)
    const bytes = new TextEncoder().encode(value).length;
    if (bytes > longestUnixPath)
      return {
        reason: `a unix socket path may have at most ${longestUnixPath} bytes, this one has ${bytes}`,
        parseTime: false,
      };
    return undefined;
  }
  if (c0 === '[') {
    const close = value.indexOf(']');
    const after = value.slice(close + 1);
    if (after.startsWith(':') && (after.length > 1 || value.startsWith('[]'))) {
      const port = value.startsWith('[]') ? strtolBase10(after.slice(1)) : (strtolBase0(after.slice(1)) ?? 0);
      if (port <= 0 || port > 65535) return { reason: portReason(after.slice(1)), parseTime: false };
    }
    return undefined;
  }
  // A value lighttpd normalised while parsing had its port read as decimal, octal or hex and a trailing ':'
  // dropped; a ":port" value is read here as decimal.
  const normalised = !special;
  const colon = normalised ? value.indexOf(':') : value.lastIndexOf(':');
  let host = value;
  if (colon >= 0) {
    const portText = value.slice(colon + 1);
    const port = normalised ? (portText === '' ? 1 : (strtolBase0(portText) ?? 0)) : strtolBase10(portText);
    if (port <= 0 || port > 65535) return { reason: portReason(portText), parseTime: false };
    host = value.slice(0, colon);
  }
  if (host.includes(':'))
    return { reason: 'an IPv6 address must be written in brackets, e.g. "[::1]:80"', parseTime: false };
  if (host === '' || host === '*') return undefined;
  if (/^[0-9.]+$/.test(host) && !inetAton(host))
    return { reason: `"${host}" is not an IPv4 address (four numbers from 0 to 255)`, parseTime: false };
  if (/[^A-Za-z0-9._-]/.test(host))
    return { reason: `"${host}" is neither an IP address nor a host name`, parseTime: false };
  return undefined;
}

export function checkSockets(ctx: CheckContext): void {
  for (const c of ctx.conditions) {
    const h = c.branch.head;
    if (!h?.object || h.object.name !== 'SERVER' || !h.value) continue;
    if (c.field.type !== 'string' || c.field.value !== 'socket' || c.value.type !== 'string') continue;
    const op = h.operator?.text;
    if (!op) continue;
    const p = socketProblem(c.value.value, op === '==' || op === '!=');
    if (!p) continue;
    ctx.report('invalid-socket', h.value, {
      value: c.value.value,
      reason: p.reason,
      effect: p.parseTime
        ? 'lighttpd refuses to start: "invalid IP addr"'
        : 'lighttpd refuses to start when it opens its sockets',
    });
  }
}
