/**
 * What a change reroutes (`lighttpd-lint diff OLD NEW`, "lighttpd: Compare Routing with Last Commit"): the
 * representative requests of both configurations' blocks, each simulated on both, and those whose outcome
 * differs: the handler (static file, backend), the status and Location, the response headers the
 * configuration sets, the effective settings. Pure.
 */
import type { Evaluation } from '../evaluate';
import { representativeRequests, requestKey, specOf, type RequestLine } from '../simulate/representative';
import { simulate, type Simulation } from '../simulate/simulate';
import { describeOutcome, outcomeOf } from './run';
import { formatRequest } from './testFile';

export type ChangeKind = 'handler' | 'status' | 'headers' | 'settings';

export interface RouteChange {
  readonly request: RequestLine;
  /** The request as a test file writes it. */
  readonly line: string;
  /** The most important difference first (handler, status, headers, settings). */
  readonly kinds: readonly ChangeKind[];
  readonly before: string;
  readonly after: string;
  /** One line per difference, e.g. `server.document-root: "/a" -> "/b"`. */
  readonly details: readonly string[];
}

export interface RoutingDiff {
  /** Requests compared. */
  readonly requests: number;
  readonly changes: readonly RouteChange[];
}

/**
 * Settings whose effect is the outcome itself (the handler tables, rewrite and redirect rules, access
 * rules): compared only for a request the module that reads them handles, otherwise a changed backend
 * would be listed again for every request of its block.
 */
const OUTCOME_KEYS: Readonly<Record<string, string>> = {
  'proxy.server': 'mod_proxy',
  'fastcgi.server': 'mod_fastcgi',
  'scgi.server': 'mod_scgi',
  'url.redirect': 'mod_redirect',
  'url.access-deny': 'mod_access',
  'url.access-allow': 'mod_access',
  'auth.require': 'mod_auth',
  'alias.url': 'mod_staticfile',
};

const json = (v: unknown) => (v === undefined ? '(not set)' : JSON.stringify(v));

function compareSims(a: Simulation, b: Simulation): { kinds: ChangeKind[]; details: string[] } {
  const kinds: ChangeKind[] = [];
  const details: string[] = [];
  const oa = outcomeOf(a.handler);
  const ob = outcomeOf(b.handler);
  const da = describeOutcome(a.handler);
  const db = describeOutcome(b.handler);
  if (da !== db) {
    const statusOnly = !('unknown' in oa) && !('unknown' in ob) && oa.kind === 'status' && ob.kind === 'status';
    kinds.push(statusOnly ? 'status' : 'handler');
  }
  const ha = a.responseHeaders;
  const hb = b.responseHeaders;
  for (const k of [...new Set([...Object.keys(ha), ...Object.keys(hb)])].sort())
    if (ha[k] !== hb[k]) {
      if (!kinds.includes('headers')) kinds.push('headers');
      details.push(`header ${k}: ${ha[k] ?? '(none)'} -> ${hb[k] ?? '(none)'}`);
    }
  for (const k of [...new Set([...Object.keys(a.settings), ...Object.keys(b.settings)])].sort()) {
    const reader = OUTCOME_KEYS[k] ?? (k.startsWith('url.rewrite') ? 'rewrite' : undefined);
    if (reader === 'rewrite' && !a.rewrites.length && !b.rewrites.length) continue;
    if (reader && reader !== 'rewrite' && a.handler.module !== reader && b.handler.module !== reader) continue;
    const va = a.settings[k]?.value;
    const vb = b.settings[k]?.value;
    if (JSON.stringify(va) !== JSON.stringify(vb)) {
      if (!kinds.includes('settings')) kinds.push('settings');
      details.push(`${k}: ${json(va)} -> ${json(vb)}`);
    }
  }
  return { kinds, details };
}

export function diffRouting(
  before: Evaluation,
  after: Evaluation,
  options: { version: string; max?: number },
): RoutingDiff {
  const requests: RequestLine[] = [];
  const seen = new Set<string>();
  for (const ev of [before, after])
    for (const r of representativeRequests(ev, { version: options.version, max: options.max })) {
      const k = requestKey(r.request);
      if (!seen.has(k)) {
        seen.add(k);
        requests.push(r.request);
      }
    }
  const changes: RouteChange[] = [];
  for (const request of requests) {
    const spec = specOf(request);
    const a = simulate(before, spec, { version: options.version });
    const b = simulate(after, spec, { version: options.version });
    const { kinds, details } = compareSims(a, b);
    if (kinds.length)
      changes.push({
        request,
        line: formatRequest(request),
        kinds,
        before: describeOutcome(a.handler),
        after: describeOutcome(b.handler),
        details,
      });
  }
  return { requests: requests.length, changes };
}

const GROUP_TITLE: Record<ChangeKind, string> = {
  handler: 'handled differently',
  status: 'status or Location changed',
  headers: 'response headers changed',
  settings: 'effective settings changed',
};

/** The readable report, grouped by the most important difference. */
export function formatRoutingDiff(d: RoutingDiff, oldName: string, newName: string): string {
  if (!d.changes.length)
    return `No change: the ${d.requests} representative requests route the same in ${oldName} and ${newName}.\n`;
  const out = [`${d.changes.length} of ${d.requests} requests route differently (${oldName} -> ${newName}):`];
  for (const kind of ['handler', 'status', 'headers', 'settings'] as const) {
    const group = d.changes.filter((c) => c.kinds[0] === kind);
    if (!group.length) continue;
    out.push('', `${GROUP_TITLE[kind]} (${group.length}):`);
    for (const c of group) {
      out.push(`  ${c.line}`);
      if (c.before !== c.after) out.push(`    - ${c.before}`, `    + ${c.after}`);
      for (const x of c.details) out.push(`    ${x}`);
    }
  }
  return out.join('\n') + '\n';
}
