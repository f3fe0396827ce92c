/**
 * "Simulate a request here": a request that reaches a node of the routing map. The conditions on the way
 * (the node's block, its parents, and for an else branch every earlier branch of its chain, which must be
 * false; for an "otherwise" handler every block below its own, which must be false too) each give sample
 * values of the request field they read (their operand, a string a regex matches, a near miss); the first
 * combination whose conditions all come out as wanted (analysis/simulate/conditions.ts, lighttpd's own
 * comparison) is checked by simulating it whole. Pure; usable wherever a representative request of a block
 * is wanted.
 */
import type { Evaluation } from '../evaluate';
import { buildContexts, type Context } from '../simulate/model';
import { compare } from '../simulate/conditions';
import { translatePcre } from '../simulate/pcre';
import { normalizeRequest, parseRequestLine, simulate, type RequestSpec } from '../simulate/simulate';
import type { RouteNode, RoutingMap } from './graph';
import { walk } from './graph';

type Part =
  | { readonly kind: 'host' | 'path' | 'query' | 'scheme' | 'method' | 'remote' | 'socket' }
  | { readonly kind: 'header'; readonly name: string };

function partOf(ctx: Context): Part | undefined {
  const f = ctx.field?.toLowerCase();
  if (f === undefined) return undefined;
  if (ctx.object === 'REQUEST_HEADER') return { kind: 'header', name: ctx.field! };
  if (ctx.object === 'SERVER') return f === 'socket' ? { kind: 'socket' } : undefined;
  if (ctx.object !== 'HTTP') return undefined;
  switch (f) {
    case 'host':
      return { kind: 'host' };
    case 'url':
      return { kind: 'path' };
    case 'querystring':
    case 'query-string':
      return { kind: 'query' };
    case 'scheme':
      return { kind: 'scheme' };
    case 'remoteip':
    case 'remote-ip':
      return { kind: 'remote' };
    case 'request-method':
      return { kind: 'method' };
    case 'referer':
    case 'cookie':
    case 'user-agent':
      return { kind: 'header', name: f };
    case 'useragent':
      return { kind: 'header', name: 'user-agent' };
    case 'language':
      return { kind: 'header', name: 'accept-language' };
    default:
      return undefined;
  }
}

const partKey = (p: Part) => (p.kind === 'header' ? `header:${p.name}` : p.kind);

const DEFAULTS: Record<string, readonly string[]> = {
  host: ['localhost', 'www.example.org'],
  path: ['/', '/zz-other.txt', '/index.php'],
  query: ['', 'a=1'],
  scheme: ['http', 'https'],
  method: ['GET', 'POST'],
  remote: ['127.0.0.1', '192.0.2.7'],
  socket: [],
};

/** A string a (simple) PCRE pattern matches, or undefined. Literal runs, classes, groups, quantifiers. */
export function sampleOfRegex(pattern: string): string | undefined {
  const sample = (p: string): string => {
    let out = '';
    let i = 0;
    const atoms: string[] = [];
    const take = (s: string) => {
      atoms.push(s);
    };
    while (i < p.length) {
      const c = p[i];
      if (c === '|') break; // first alternative only
      if (c === '^' || c === '$') {
        i++;
        continue;
      }
      if (c === '\\') {
        const n = p[i + 1] ?? '';
        take(n === 'd' ? '1' : n === 'w' ? 'a' : n === 's' ? ' ' : /[bBAzZG]/.test(n) ? '' : n);
        i += 2;
      } else if (c === '.') {
        take('a');
        i++;
      } else if (c === '[') {
        let j = i + 1;
        const neg = p[j] === '^';
        if (neg) j++;
        let first = '';
        const start = j;
        while (j < p.length && (p[j] !== ']' || j === start)) {
          if (!first) first = p[j] === '\\' ? (p[j + 1] === 'd' ? '1' : p[j + 1] === 'w' ? 'a' : p[j + 1]) : p[j];
          j += p[j] === '\\' ? 2 : 1;
        }
        take(neg ? (p.slice(start, j).includes('a') ? '_' : 'a') : first);
        i = j + 1;
      } else if (c === '(') {
        let depth = 0;
        let j = i;
        for (; j < p.length; j++) {
          if (p[j] === '\\') j++;
          else if (p[j] === '(') depth++;
          else if (p[j] === ')' && --depth === 0) break;
        }
        let inner = p.slice(i + 1, j);
        if (/^\?[=!<]/.test(inner)) take('');
        else {
          inner = inner.replace(/^\?(?:[a-zA-Z-]*:|:)/, '');
          take(sample(inner));
        }
        i = j + 1;
      } else if ('?*+{'.includes(c)) {
        // A quantifier applies to the last atom: none for ? and *, once for +, n times for {n,m}.
        const last = atoms.pop() ?? '';
        if (c === '{') {
          const m = /^\{(\d+)(?:,\d*)?\}/.exec(p.slice(i));
          const n = m ? Number(m[1]) : 1;
          atoms.push(last.repeat(Math.min(n, 8)));
          i += m ? m[0].length : 1;
        } else {
          atoms.push(c === '+' ? last : '');
          i++;
        }
        if (p[i] === '?' || p[i] === '+') i++; // lazy / possessive
      } else {
        take(c);
        i++;
      }
    }
    out = atoms.join('');
    return out;
  };
  const s = sample(pattern);
  const t = translatePcre(pattern);
  return t.ok && t.regex.test(s) ? s : undefined;
}

/** Sample values of a condition's field that make it true (want) or false (!want). */
function samples(ctx: Context, part: Part, want: boolean): string[] {
  const v = ctx.value;
  if (v === undefined) return [];
  const negated = ctx.op.startsWith('!');
  const positive = want !== negated; // values that match the operand
  const out: string[] = [];
  const fix = (s: string) =>
    part.kind === 'path' && !s.startsWith('/') ? `/a${s}` : part.kind === 'remote' ? s.replace(/\/\d+$/, '') : s;
  if (positive) {
    switch (ctx.op.replace('!', '=')) {
      case '==':
        out.push(part.kind === 'remote' && v.includes('/') ? v.replace(/\.0\/\d+$/, '.1').replace(/\/\d+$/, '') : v);
        break;
      case '=^':
        out.push(v, `${v}a`);
        break;
      case '=$':
        out.push(part.kind === 'path' ? `/a${v}` : `a${v}`, v);
        break;
      case '=~': {
        const s = sampleOfRegex(v);
        if (s !== undefined) out.push(s, `${s}a`);
        break;
      }
    }
  } else {
    out.push(...(DEFAULTS[part.kind] ?? []), part.kind === 'path' ? '/zz-nomatch' : 'zz-nomatch', '');
    if (part.kind === 'header') out.push('');
  }
  return out.map(fix);
}

export interface RequestHere {
  /** `GET http://example.org/app -H "X: y" --remote-ip 10.0.0.1` (the simulate command's form). */
  readonly request: string;
  /** Whether the simulation of `request` reaches the node (false: the closest we found). */
  readonly reached: boolean;
}

interface Trial {
  [part: string]: string;
}

function requestLine(t: Trial): { line: string; remote?: string; socket?: string; headers: string[] } {
  const host = t.host ?? 'localhost';
  const path = t.path ?? '/';
  const query = t.query ? `?${t.query}` : '';
  const headers = Object.entries(t)
    .filter(([k, v]) => k.startsWith('header:') && v !== '')
    .map(([k, v]) => `${k.slice(7)}: ${v}`);
  return {
    line: `${t.method ?? 'GET'} ${t.scheme ?? 'http'}://${host}${path}${query}`,
    ...(t.remote ? { remote: t.remote } : {}),
    ...(t.socket ? { socket: t.socket } : {}),
    headers,
  };
}

function specOf(t: Trial): RequestSpec | undefined {
  const r = requestLine(t);
  const s = parseRequestLine(r.line, { remoteIp: r.remote, headers: r.headers, serverSocket: r.socket });
  return 'error' in s ? undefined : s;
}

function display(t: Trial): string {
  const r = requestLine(t);
  const q = (s: string) => (/[\s"']/.test(s) ? `"${s.replace(/["\\]/g, '\\$&')}"` : s);
  return [
    r.line,
    ...r.headers.map((h) => `-H ${q(h)}`),
    ...(r.remote && r.remote !== '127.0.0.1' ? [`--remote-ip ${r.remote}`] : []),
    ...(r.socket ? [`--socket ${r.socket}`] : []),
  ].join(' ');
}

const MAX_TRIALS = 400;

/** A request that reaches `nodeId` of `map` (built from `ev`), or undefined for an unknown node. */
export function requestFor(
  ev: Evaluation,
  map: RoutingMap,
  nodeId: string,
  version = '1.4.69',
): RequestHere | undefined {
  const parentOf = new Map<RouteNode, RouteNode>();
  let target: RouteNode | undefined;
  for (const n of walk(map.root)) {
    for (const c of n.children) parentOf.set(c, n);
    if (n.id === nodeId) target = n;
  }
  if (!target) return undefined;
  const table = buildContexts(ev, version);
  const byIndex = new Map(table.contexts.map((c) => [c.index, c]));
  const block = target.kind === 'handler' ? parentOf.get(target) : target;
  const wanted: { ctx: Context; want: boolean }[] = [];
  for (let ctx = block?.context ? byIndex.get(block.context) : undefined; ctx; ctx = ctx.parent) {
    wanted.push({ ctx, want: true });
    for (let p = ctx.prev; p; p = p.prev) wanted.push({ ctx: p, want: false });
  }
  if (target.kind === 'handler' && target.otherwise && block)
    for (const c of block.children)
      if (c.kind !== 'handler' && c.routing && c.context !== undefined && !c.else) {
        const ctx = byIndex.get(c.context);
        if (ctx) wanted.push({ ctx, want: false });
      }
  // Candidate values per request part.
  const candidates = new Map<string, string[]>();
  const parts = new Map<string, Part>();
  for (const w of wanted) {
    const part = partOf(w.ctx);
    if (!part) continue;
    const key = partKey(part);
    parts.set(key, part);
    const list = candidates.get(key) ?? [];
    for (const s of samples(w.ctx, part, w.want)) if (!list.includes(s)) list.push(s);
    candidates.set(key, list);
  }
  for (const [key, part] of parts) {
    const list = candidates.get(key)!;
    for (const d of DEFAULTS[part.kind] ?? []) if (!list.includes(d)) list.push(d);
  }
  const keys = [...candidates.keys()];
  const check = (t: Trial) => {
    const spec = specOf(t);
    if (!spec) return false;
    const n = normalizeRequest(spec);
    if (!n.ok) return false;
    return wanted.every((w) => (w.ctx.isElse ? true : compare(w.ctx, n.request).result === w.want));
  };
  let found: Trial | undefined;
  let trials = 0;
  const search = (i: number, t: Trial): boolean => {
    if (trials > MAX_TRIALS) return false;
    if (i === keys.length) {
      trials++;
      if (check(t)) {
        found = { ...t };
        return true;
      }
      return false;
    }
    for (const v of candidates.get(keys[i])!) {
      t[keys[i]] = v;
      if (search(i + 1, t)) return true;
    }
    delete t[keys[i]];
    return false;
  };
  search(0, {});
  const best = found ?? Object.fromEntries(keys.map((k) => [k, candidates.get(k)![0]]));
  const spec = specOf(best);
  let reached = false;
  if (spec) {
    const sim = simulate(ev, spec, { version });
    const results = new Map(sim.conditions.map((c) => [c.index, c.result]));
    reached = wanted.every((w) => results.get(w.ctx.index) === w.want);
  }
  return { request: display(best), reached };
}
