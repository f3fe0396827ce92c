/**
 * Configuration test files (`*.lighttpd-test`): what each request must get from a lighttpd configuration.
 * Pure: text in, tests and problems (with 0-based line/column spans) out; the configuration is named in
 * the file, relative to it, and loaded by the caller.
 *
 *   # comments start with '#' (at the start of a line, or after a blank)
 *   config ../lighttpd.conf                 the configuration the following tests run on
 *   version 1.4.69                          optional: the lighttpd release (default 1.4.69)
 *
 *   GET http://example.org/static/app.css -> static /var/www/example.org/static/app.css
 *   GET http://example.org/app -> proxy 127.0.0.1:1082
 *   GET http://example.org/old/x -> 301 http://example.org/new/x
 *   GET http://example.org/admin from 10.0.0.7 -> 403
 *   POST https://example.org/api -H "X-Debug: 1" on 127.0.0.1:8443
 *     -> fastcgi /run/php.sock
 *     header X-Frame-Options: DENY          a response header the configuration sets
 *     set server.document-root = "/var/www" an effective setting (lighttpd or JSON value)
 *     block $HTTP["host"] == "example.org"  a block that matched (`not block ...`: did not)
 *     rewrite /index.php?x=1                the target after url.rewrite*
 *
 * A request line is METHOD URL (absolute, or a path), then `from IP` (client address), `on SOCKET`
 * ($SERVER["socket"], e.g. 127.0.0.1:8080) and `-H "Name: value"` in any order; `-> OUTCOME` may end it or
 * start an indented line below. OUTCOME is `static PATH`, `proxy|fastcgi|scgi BACKEND[, BACKEND]` (host:port,
 * a unix socket path or a bin-path) or a status `NNN [LOCATION]`.
 */
import type { JsonValue } from '../simulate/simulate';
import type { RequestLine } from '../simulate/representative';

export const TEST_FILE_EXTENSION = '.lighttpd-test';

/** 0-based line and columns [start, end). */
export interface Span {
  readonly line: number;
  readonly start: number;
  readonly end: number;
}

export type Outcome =
  | { readonly kind: 'static'; readonly path: string }
  | { readonly kind: 'backend'; readonly module: 'proxy' | 'fastcgi' | 'scgi'; readonly backends: readonly string[] }
  | { readonly kind: 'status'; readonly status: number; readonly location?: string };

export type Expectation = { readonly text: string; readonly span: Span } & (
  | { readonly kind: 'outcome'; readonly outcome: Outcome }
  | { readonly kind: 'header'; readonly name: string; readonly value: string }
  | { readonly kind: 'set'; readonly key: string; readonly value: JsonValue }
  | { readonly kind: 'block'; readonly condition: string; readonly negated: boolean }
  | { readonly kind: 'rewrite'; readonly target: string }
);

export interface ConfigRef {
  /** As written (relative to the test file, or absolute). */
  readonly path: string;
  readonly span: Span;
}

export interface TestCase {
  /** Stable within a file: the request text, with " #2" ... for repeats. */
  readonly id: string;
  /** The request as written (`GET http://example.org/ from 10.0.0.7`). */
  readonly name: string;
  readonly span: Span;
  /** Last line of the test (its last expectation). */
  readonly endLine: number;
  readonly request: RequestLine;
  readonly expectations: readonly Expectation[];
  readonly config: ConfigRef | undefined;
  readonly version: string | undefined;
}

export type TestProblemCode =
  | 'test-syntax'
  | 'test-bad-request'
  | 'test-unknown-outcome'
  | 'test-bad-expectation'
  | 'test-no-expectation'
  | 'test-no-config'
  | 'test-config-missing'
  | 'test-unknown-keyword';

export interface TestProblem {
  readonly code: TestProblemCode;
  readonly message: string;
  readonly span: Span;
  readonly severity: 'error' | 'warning';
}

export interface ParsedTestFile {
  readonly tests: readonly TestCase[];
  readonly configs: readonly ConfigRef[];
  readonly problems: readonly TestProblem[];
}

export const OUTCOME_WORDS = ['static', 'proxy', 'fastcgi', 'scgi'] as const;
export const EXPECTATION_WORDS = ['->', 'header', 'set', 'block', 'not', 'rewrite'] as const;
export const REQUEST_OPTIONS = ['from', 'on', '-H'] as const;
export const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'PROPFIND', 'MKCOL'] as const;

interface Token {
  readonly text: string;
  /** Unquoted value. */
  readonly value: string;
  readonly start: number;
  readonly end: number;
  readonly quoted: boolean;
}

/** Words and "quoted strings" of a line, up to a comment (a '#' at a word start). */
export function tokenize(line: string): { tokens: Token[]; error?: { start: number; message: string } } {
  const tokens: Token[] = [];
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '#') break;
    const start = i;
    if (c === '"') {
      let v = '';
      i++;
      for (; i < line.length && line[i] !== '"'; i++) {
        if (line[i] === '\\' && i + 1 < line.length) v += line[++i];
        else v += line[i];
      }
      if (i >= line.length) return { tokens, error: { start, message: 'unterminated string' } };
      i++;
      tokens.push({ text: line.slice(start, i), value: v, start, end: i, quoted: true });
      continue;
    }
    while (i < line.length && !/[ \t\r]/.test(line[i])) i++;
    const text = line.slice(start, i);
    tokens.push({ text, value: text, start, end: i, quoted: false });
  }
  return { tokens };
}

/** A value as `set` writes it: JSON, or lighttpd's syntax (strings, integers, lists with =>). */
export function parseValue(text: string): JsonValue | undefined {
  const t = text.trim();
  try {
    return JSON.parse(t) as JsonValue;
  } catch {
    // lighttpd syntax below
  }
  let i = 0;
  const ws = () => {
    while (i < t.length && /\s/.test(t[i])) i++;
  };
  const value = (): JsonValue | undefined => {
    ws();
    if (t[i] === '"') {
      let v = '';
      for (i++; i < t.length && t[i] !== '"'; i++) v += t[i] === '\\' && i + 1 < t.length ? t[++i] : t[i];
      if (t[i] !== '"') return undefined;
      i++;
      return v;
    }
    const num = /^-?\d+/.exec(t.slice(i));
    if (num) {
      i += num[0].length;
      return Number(num[0]);
    }
    if (t[i] === '(') {
      i++;
      const items: { key?: string; value: JsonValue }[] = [];
      for (;;) {
        ws();
        if (t[i] === ')') {
          i++;
          break;
        }
        const a = value();
        if (a === undefined) return undefined;
        ws();
        if (t.startsWith('=>', i)) {
          i += 2;
          const b = value();
          if (b === undefined || typeof a !== 'string') return undefined;
          items.push({ key: a, value: b });
        } else items.push({ value: a });
        ws();
        if (t[i] === ',') i++;
        else if (t[i] !== ')') return undefined;
      }
      if (items.length && items.every((x) => x.key !== undefined)) {
        const o: Record<string, JsonValue> = {};
        for (const x of items) o[x.key!] = x.value;
        return o;
      }
      return items.map((x) => x.value);
    }
    return undefined;
  };
  const v = value();
  ws();
  return v !== undefined && i === t.length ? v : undefined;
}

/** `static PATH`, `proxy HOST:PORT[, ...]`, `301 LOCATION`; or why not. */
export function parseOutcome(text: string): Outcome | { error: string; unknownWord?: boolean } {
  const t = text.trim();
  const m = /^(\S+)\s*(.*)$/.exec(t);
  if (!m) return { error: 'expected an outcome after ->: static PATH, proxy|fastcgi|scgi BACKEND or a status' };
  const [, word, rest0] = m;
  const rest = rest0.startsWith('"') ? (tokenize(rest0).tokens[0]?.value ?? rest0) : rest0.trim();
  if (/^\d{3}$/.test(word)) {
    const status = Number(word);
    if (status < 100 || status > 599) return { error: `not an HTTP status: ${word}` };
    return rest ? { kind: 'status', status, location: rest } : { kind: 'status', status };
  }
  const w = word.toLowerCase();
  if (w === 'static') {
    if (!rest) return { error: 'static needs the file path it serves, e.g. static /var/www/index.html' };
    return { kind: 'static', path: rest };
  }
  if (w === 'proxy' || w === 'fastcgi' || w === 'scgi') {
    const backends = rest
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (!backends.length) return { error: `${w} needs its backend, e.g. ${w} 127.0.0.1:8000` };
    return { kind: 'backend', module: w, backends };
  }
  return {
    error: `unknown outcome '${word}' (use static, proxy, fastcgi, scgi or a status such as 403)`,
    unknownWord: true,
  };
}

/** The outcome as a test file writes it. */
export function formatOutcome(o: Outcome): string {
  switch (o.kind) {
    case 'static':
      return `static ${quoteIfNeeded(o.path)}`;
    case 'backend':
      return `${o.module} ${o.backends.join(', ')}`;
    case 'status':
      return o.location !== undefined ? `${o.status} ${quoteIfNeeded(o.location)}` : String(o.status);
  }
}

export function quoteIfNeeded(s: string): string {
  return s === '' || /[\s"#]/.test(s) || s.startsWith('"') ? `"${s.replace(/[\\"]/g, (c) => `\\${c}`)}"` : s;
}

/** The request as a test file writes it. */
export function formatRequest(r: RequestLine): string {
  const url = r.host === undefined ? r.target : `${r.scheme}://${r.host}${r.target}`;
  const parts = [r.method, url];
  if (r.remoteIp !== '127.0.0.1') parts.push('from', r.remoteIp);
  if (r.socket !== undefined) parts.push('on', r.socket);
  for (const [k, v] of r.headers) parts.push('-H', `"${`${k}: ${v}`.replace(/[\\"]/g, (c) => `\\${c}`)}"`);
  return parts.join(' ');
}

function parseRequest(
  tokens: readonly Token[],
  lineNo: number,
  problem: (p: TestProblem) => void,
): RequestLine | undefined {
  const span = (t: Token): Span => ({ line: lineNo, start: t.start, end: t.end });
  const [m, u] = tokens;
  if (!/^[A-Z][A-Z-]*$/.test(m.value)) {
    problem({
      code: 'test-bad-request',
      message: `a request starts with its method (GET, POST, ...), not '${m.text}'`,
      span: span(m),
      severity: 'error',
    });
    return undefined;
  }
  if (!u) {
    problem({
      code: 'test-bad-request',
      message: 'the method needs a URL: http://host/path or /path',
      span: span(m),
      severity: 'error',
    });
    return undefined;
  }
  let scheme: 'http' | 'https' = 'http';
  let host: string | undefined;
  let target: string;
  const abs = /^(https?):\/\/([^/?#]*)(.*)$/i.exec(u.value);
  if (abs) {
    scheme = abs[1].toLowerCase() as 'http' | 'https';
    host = abs[2];
    target = abs[3] || '/';
    if (!host) {
      problem({ code: 'test-bad-request', message: 'the URL has no host', span: span(u), severity: 'error' });
      return undefined;
    }
  } else if (u.value.startsWith('/') || u.value === '*') target = u.value;
  else {
    problem({
      code: 'test-bad-request',
      message: `the URL must be absolute (http://host/path) or start with '/': ${u.value}`,
      span: span(u),
      severity: 'error',
    });
    return undefined;
  }
  let remoteIp = '127.0.0.1';
  let socket: string | undefined;
  const headers: [string, string][] = [];
  for (let i = 2; i < tokens.length; i++) {
    const t = tokens[i];
    const arg = tokens[i + 1];
    if (t.value === 'from' || t.value === 'on' || t.value === '-H') {
      if (!arg) {
        problem({ code: 'test-bad-request', message: `'${t.value}' needs a value`, span: span(t), severity: 'error' });
        return undefined;
      }
      i++;
      if (t.value === 'from') {
        if (!/^[0-9a-fA-F.:]+$/.test(arg.value)) {
          problem({
            code: 'test-bad-request',
            message: `not an IP address: ${arg.value}`,
            span: span(arg),
            severity: 'error',
          });
          return undefined;
        }
        remoteIp = arg.value;
      } else if (t.value === 'on') socket = arg.value;
      else {
        const c = arg.value.indexOf(':');
        if (c <= 0) {
          problem({
            code: 'test-bad-request',
            message: `a header is "Name: value", not ${arg.text}`,
            span: span(arg),
            severity: 'error',
          });
          return undefined;
        }
        const name = arg.value.slice(0, c).trim();
        const value = arg.value.slice(c + 1).trim();
        if (name.toLowerCase() === 'host') host = value;
        else headers.push([name, value]);
      }
      continue;
    }
    problem({
      code: 'test-bad-request',
      message: `unexpected '${t.text}' in the request (use from IP, on SOCKET, -H "Name: value", then -> OUTCOME)`,
      span: span(t),
      severity: 'error',
    });
    return undefined;
  }
  return { method: m.value, scheme, host, target, remoteIp, ...(socket !== undefined ? { socket } : {}), headers };
}

/** Parses a test file. Never throws. */
export function parseTestFile(text: string): ParsedTestFile {
  const lines = text.split('\n');
  const tests: TestCase[] = [];
  const configs: ConfigRef[] = [];
  const problems: TestProblem[] = [];
  const problem = (p: TestProblem): void => {
    problems.push(p);
  };
  let config: ConfigRef | undefined;
  let version: string | undefined;
  let current:
    | { test: Omit<TestCase, 'expectations' | 'endLine'>; expectations: Expectation[]; endLine: number; tried: boolean }
    | undefined;
  const names = new Map<string, number>();
  const finish = () => {
    if (!current) return;
    const t: TestCase = { ...current.test, expectations: current.expectations, endLine: current.endLine };
    if (!t.expectations.length && !current.tried)
      problem({
        code: 'test-no-expectation',
        message:
          'this request expects nothing: add -> OUTCOME (static PATH, proxy BACKEND, 403, ...) or an expectation below it',
        span: t.span,
        severity: 'warning',
      });
    tests.push(t);
    current = undefined;
  };
  const expectation = (line: string, lineNo: number, from: number, to: Expectation[]): void => {
    const body = line.slice(from);
    const { tokens } = tokenize(body);
    if (!tokens.length) return;
    const first = tokens[0];
    const end = from + tokens[tokens.length - 1].end;
    const span: Span = { line: lineNo, start: from + first.start, end };
    const text = body.slice(first.start, tokens[tokens.length - 1].end);
    const restAfter = (t: Token) => body.slice(t.end, tokens[tokens.length - 1].end).trim();
    const bad = (message: string): void => {
      problem({ code: 'test-bad-expectation', message, span, severity: 'error' });
    };
    switch (first.value) {
      case '->': {
        const o = parseOutcome(restAfter(first));
        if ('error' in o) {
          const w = tokens[1];
          problem({
            code: o.unknownWord ? 'test-unknown-outcome' : 'test-bad-expectation',
            message: o.error,
            span: w ? { line: lineNo, start: from + w.start, end: from + w.end } : span,
            severity: 'error',
          });
        } else to.push({ kind: 'outcome', outcome: o, text, span });
        return;
      }
      case 'header': {
        const rest = restAfter(first);
        const v = rest.startsWith('"') ? (tokenize(rest).tokens[0]?.value ?? rest) : rest;
        const c = v.indexOf(':');
        if (c <= 0) return bad('expected header NAME: VALUE');
        to.push({ kind: 'header', name: v.slice(0, c).trim(), value: v.slice(c + 1).trim(), text, span });
        return;
      }
      case 'set': {
        const m = /^([A-Za-z0-9_.-]+)\s*=\s*(.+)$/.exec(restAfter(first));
        if (!m) return bad('expected set KEY = VALUE, e.g. set server.document-root = "/var/www"');
        const value = parseValue(m[2]);
        if (value === undefined) return bad(`not a value: ${m[2]} (a "string", a number or a ( ... ) list)`);
        to.push({ kind: 'set', key: m[1].toLowerCase(), value, text, span });
        return;
      }
      case 'not':
      case 'block': {
        const negated = first.value === 'not';
        if (negated && tokens[1]?.value !== 'block') return bad('expected not block CONDITION');
        const cond = restAfter(negated ? tokens[1] : first);
        if (!/^\$[A-Z_]+\[\s*"[^"]*"\s*\]\s*[=!][=~^$]\s*"/.test(cond) && cond !== 'else')
          return bad('expected a condition as lighttpd writes it, e.g. block $HTTP["host"] == "example.org"');
        to.push({ kind: 'block', condition: cond, negated, text, span });
        return;
      }
      case 'rewrite': {
        const target = restAfter(first);
        if (!target.startsWith('/')) return bad('expected rewrite /TARGET (the URL after url.rewrite*)');
        to.push({ kind: 'rewrite', target, text, span });
        return;
      }
      default:
        problem({
          code: 'test-unknown-keyword',
          message: `unknown expectation '${first.text}' (use -> OUTCOME, header, set, block, not block or rewrite)`,
          span: { line: lineNo, start: from + first.start, end: from + first.end },
          severity: 'error',
        });
    }
  };
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n].replace(/\r$/, '');
    const { tokens, error } = tokenize(line);
    if (error) {
      problem({
        code: 'test-syntax',
        message: error.message,
        span: { line: n, start: error.start, end: line.length },
        severity: 'error',
      });
      continue;
    }
    if (!tokens.length) continue;
    const indented = /^[ \t]/.test(line);
    const first = tokens[0];
    if (indented) {
      if (!current) {
        problem({
          code: 'test-syntax',
          message: 'an indented line continues a request: write the request line above it',
          span: { line: n, start: first.start, end: line.length },
          severity: 'error',
        });
        continue;
      }
      expectation(line, n, 0, current.expectations);
      current.endLine = n;
      current.tried = true;
      continue;
    }
    finish();
    if (first.value === 'config' || first.value === 'version') {
      const arg = tokens[1];
      if (!arg || tokens.length > 2) {
        problem({
          code: 'test-syntax',
          message: first.value === 'config' ? 'expected config PATH (relative to this file)' : 'expected version 1.4.N',
          span: { line: n, start: first.start, end: line.length },
          severity: 'error',
        });
        continue;
      }
      if (first.value === 'config') {
        config = { path: arg.value, span: { line: n, start: arg.start, end: arg.end } };
        configs.push(config);
      } else if (!/^1\.4\.\d{1,3}$/.test(arg.value))
        problem({
          code: 'test-syntax',
          message: `expected a lighttpd release 1.4.N, not ${arg.text}`,
          span: { line: n, start: arg.start, end: arg.end },
          severity: 'error',
        });
      else version = arg.value;
      continue;
    }
    if (!/^[A-Z]/.test(first.value) && /^[a-z]+$/.test(first.value)) {
      problem({
        code: 'test-unknown-keyword',
        message: `unknown keyword '${first.text}' (a line is config PATH, version V, or a request: METHOD URL -> OUTCOME)`,
        span: { line: n, start: first.start, end: first.end },
        severity: 'error',
      });
      continue;
    }
    const arrow = tokens.findIndex((t) => t.value === '->' && !t.quoted);
    const reqTokens = arrow < 0 ? tokens : tokens.slice(0, arrow);
    const request = reqTokens.length ? parseRequest(reqTokens, n, problem) : undefined;
    if (!request) continue;
    const lastReq = reqTokens[reqTokens.length - 1];
    const name = line.slice(first.start, lastReq.end);
    const count = (names.get(name) ?? 0) + 1;
    names.set(name, count);
    if (!config)
      problem({
        code: 'test-no-config',
        message: 'no configuration to test: start the file with config PATH (relative to this file)',
        span: { line: n, start: first.start, end: lastReq.end },
        severity: 'error',
      });
    current = {
      test: {
        id: count > 1 ? `${name} #${count}` : name,
        name,
        span: { line: n, start: first.start, end: lastReq.end },
        request,
        config,
        version,
      },
      expectations: [],
      endLine: n,
      tried: arrow >= 0,
    };
    if (arrow >= 0) expectation(line, n, tokens[arrow].start, current.expectations);
  }
  finish();
  return { tests, configs, problems };
}
