/**
 * Rule `invalid-backend`: what lighttpd refuses in a backend block of fastcgi.server, scgi.server,
 * proxy.server, ajp13.server, sockproxy.server or wstunnel.server when the module configures itself at
 * start-up (src/gw_backend.c gw_set_defaults_backend; `lighttpd -t` does not look, `-tt` and a real start do):
 * - no address: neither "socket", nor "host", nor "bin-path" (a blank string counts as unset; a "host"
 *   starting with "/" is a unix socket);
 * - both a TCP address ("host" or a non-zero "port") and a "socket";
 * - a unix socket path longer than the platform's sun_path leaves room for;
 * - a "x-sendfile-docroot" entry that does not start with "/";
 * - blocks of one module in different contexts (condition blocks) that start different programs
 *   ("bin-path") on the same "socket" (within one context's value lighttpd does not compare them);
 * - "mode" => "authorizer" in proxy.server and wstunnel.server (1.4.56+: they cannot authorize);
 * - a "host" that is no IP address and no host name (a name that does not resolve is environment).
 * The block's list shape itself is `type-mismatch` (values.ts).
 */
import type { EvalValue, EvaluatedAssignment, Scope } from '../../analysis';
import type { Span } from '../../parser/ast';
import { compareVersions, getDirective } from '../../schema';
import { restateIfIgnored } from './moduleNotLoaded';
import type { CheckContext, LocatedElement } from './context';
import { locateElements } from './context';
import { isIPv6 } from '../shared/ipAddress';
import { inetAton } from './sockets';

/** One backend block `"label" => ( "host" => ..., ... )` under an extension or prefix of X.server. */
export interface BackendBlock {
  /** The extension or URL prefix it serves. */
  readonly ext: string;
  readonly block: LocatedElement;
}

/**
 * The backend blocks of a backend directive's value; `onBad` gets each element at the block level that is
 * not a list of key => value pairs (lighttpd refuses those too; values.ts reports them as type-mismatch).
 */
export function backendBlocks(
  elements: readonly LocatedElement[],
  onBad?: (ext: LocatedElement, host: LocatedElement) => void,
): BackendBlock[] {
  const out: BackendBlock[] = [];
  for (const ext of elements) {
    if (ext.value.type !== 'array') continue;
    for (const host of locateElements(ext.value, ext.valueExpr, ext.valueSpan)) {
      if (host.value.type === 'unknown') continue;
      if (
        host.value.type !== 'array' ||
        host.value.elements.some((x) => x.key === undefined && x.value.type !== 'unknown')
      ) {
        onBad?.(ext, host);
        continue;
      }
      out.push({ ext: ext.key ?? '', block: host });
    }
  }
  return out;
}

/** True for the directives whose value is backend blocks (their key set is at depth 3). */
export function isBackendDirective(key: string): boolean {
  return getDirective(key)?.keys?.depth === 3;
}

/** sizeof(sockaddr_un.sun_path) by platform (Linux and Windows 108, the BSDs and macOS 104). */
function sunPathSize(platform: string): number {
  return platform === 'linux' || platform === 'windows' ? 108 : 104;
}

/** The first block that starts a program on a unix socket, and the block (context) it is set in. */
interface Spawned {
  readonly binPath: string;
  readonly scope: Scope;
}

/**
 * A "host" no resolver takes (lighttpd parses or resolves it at start-up, src/sock_addr.c): an IPv6 literal
 * that does not parse, a dotted number that is no IPv4 address, characters no host name has. A well-formed
 * name that does not resolve is the machine's business.
 */
export function hostProblem(host: string): string | undefined {
  if (host.includes(':')) return isIPv6(host) ? undefined : `"${host}" is not an IPv6 address`;
  if (/^[0-9.]+$/.test(host)) return inetAton(host) ? undefined : `"${host}" is not an IPv4 address`;
  if (/[^A-Za-z0-9._-]/.test(host)) return `"${host}" is neither an IP address nor a host name`;
  return undefined;
}

interface Option {
  readonly at: LocatedElement;
  readonly value: EvalValue;
}

function options(block: LocatedElement): Map<string, Option> {
  const out = new Map<string, Option>();
  for (const e of locateElements(block.value, block.valueExpr, block.valueSpan))
    if (e.key !== undefined) out.set(e.key.toLowerCase(), { at: e, value: e.value }); // found without case
  return out;
}

/** A string option: its text when set and not blank, '' when blank or absent, undefined when unknown. */
function str(o: Option | undefined): string | undefined {
  if (!o) return '';
  if (o.value.type === 'string') return o.value.value;
  return o.value.type === 'unknown' ? undefined : ''; // wrong types are type-mismatch
}

function portOf(o: Option | undefined): number | undefined {
  if (!o) return 0;
  if (o.value.type === 'integer') return o.value.value;
  if (o.value.type === 'string' && /^\s*[+-]?\d+$/.test(o.value.value)) return parseInt(o.value.value, 10);
  return undefined;
}

/** A program a backend block starts ("bin-path") on a unix socket: where lighttpd compares blocks. */
interface Claim {
  readonly socket: string;
  readonly binPath: string;
  /** The "bin-path" value (a node of the tree: it moves with its statement). */
  readonly at: Span;
  /** The block, for the message. */
  readonly where: string;
}

/** The blocks of this document's backend directives, each on its own (see checkBackendSockets for the rest). */
export function checkBackends(ctx: CheckContext): void {
  for (const a of ctx.assignments) {
    const key = a.node.key.fullName;
    if (!a.node.value || !isBackendDirective(key)) continue;
    const mark = ctx.findings.length;
    for (const b of blocksOf(a)) checkBlock(ctx, key, b, true);
    restateIfIgnored(ctx, key, mark);
  }
}

function blocksOf(a: EvaluatedAssignment): BackendBlock[] {
  // The right-hand side as written: += adds blocks whose problems belong to this line.
  const value = a.node.operator?.text === '+=' ? a.rhs : a.result;
  return backendBlocks(locateElements(value, a.node.value, a.node.value!));
}

/** The claims of an assignment's blocks, per platform (an evaluated assignment is kept while unchanged). */
const claimsMemo = new WeakMap<EvaluatedAssignment, { platform: string; claims: Claim[] }>();

function claimsOf(ctx: CheckContext, key: string, a: EvaluatedAssignment): Claim[] {
  const hit = claimsMemo.get(a);
  if (hit && hit.platform === ctx.platform) return hit.claims;
  const claims: Claim[] = [];
  for (const b of blocksOf(a)) checkBlock(ctx, key, b, false, claims);
  claimsMemo.set(a, { platform: ctx.platform, claims });
  return claims;
}

/**
 * Sockets spawned with a bin-path, per directive, across the whole configuration (lighttpd compares with
 * the hosts of the contexts it configured before): a block of this document that starts another program on
 * a socket a block of another context claimed first.
 */
export function checkBackendSockets(ctx: CheckContext): void {
  const spawned = new Map<string, Map<string, Spawned>>();
  const whole = (ctx.model.full ?? ctx.model.evaluation).assignments;
  let mine: Set<EvaluatedAssignment['node']> | undefined;
  const isMine = (a: EvaluatedAssignment) => (mine ??= new Set(ctx.assignments.map((x) => x.node))).has(a.node);
  const backend = new Map<string, boolean>(); // per key, looked up once
  for (const a of whole) {
    const key = a.node.key.fullName;
    if (!a.node.value) continue;
    let is = backend.get(key);
    if (is === undefined) backend.set(key, (is = isBackendDirective(key)));
    if (!is) continue;
    const claims = claimsOf(ctx, key, a);
    if (claims.length === 0) continue;
    let sockets = spawned.get(key);
    if (!sockets) spawned.set(key, (sockets = new Map()));
    for (const c of claims) {
      const first = sockets.get(c.socket);
      if (!first) sockets.set(c.socket, { binPath: c.binPath, scope: a.scope });
      else if (first.binPath !== c.binPath && first.scope !== a.scope && isMine(a))
        ctx.report('invalid-backend', c.at, {
          directive: key,
          where: c.where,
          problem: `another block of ${key} already starts "${first.binPath}" on the socket "${c.socket}"`,
        });
    }
  }
}

/** The block's problems (when `report`), and the program it starts on a unix socket (into `claims`). */
function checkBlock(ctx: CheckContext, key: string, b: BackendBlock, report: boolean, claims?: Claim[]): void {
  const o = options(b.block);
  const where = `"${b.ext}" => "${b.block.key ?? ''}"`;
  const problem = (at: Span, text: string) => {
    if (report) ctx.report('invalid-backend', at, { directive: key, where, problem: text });
  };
  const host = str(o.get('host'));
  const socket = str(o.get('socket'));
  const binPath = str(o.get('bin-path'));
  const port = portOf(o.get('port'));
  if (host === undefined || socket === undefined || binPath === undefined || port === undefined) return;
  const labelAt: Span = b.block.key !== undefined ? b.block.keySpan : b.block.valueSpan;
  if ((host !== '' || port !== 0) && socket !== '') {
    problem(
      o.get('socket')!.at.keySpan,
      `it sets both "socket" and ${host !== '' ? '"host"' : '"port"'}: a backend is reached either by host and port or by a unix socket`,
    );
    return;
  }
  const unixSocket = socket !== '' ? socket : host.startsWith('/') ? host : '';
  if (unixSocket !== '') {
    const size = sunPathSize(ctx.platform);
    const bytes = new TextEncoder().encode(unixSocket).length;
    if (bytes + 1 > size - 2) {
      const at = o.get(socket !== '' ? 'socket' : 'host')!.at.valueSpan;
      problem(at, `the unix socket path has ${bytes} bytes; lighttpd takes at most ${size - 3} on ${ctx.platform}`);
    } else if (binPath !== '') {
      claims?.push({ socket: unixSocket, binPath, at: o.get('bin-path')!.at.valueSpan, where });
    }
  } else if (host === '' && binPath === '') {
    problem(
      labelAt,
      'it has no address: set "host" (with "port"), "socket", or "bin-path" for a program lighttpd starts',
    );
  } else if (host !== '') {
    const p = hostProblem(host);
    if (p) problem(o.get('host')!.at.valueSpan, p);
  }
  if (!report) return;
  const docroots = o.get('x-sendfile-docroot');
  if (docroots?.value.type === 'array') {
    for (const e of locateElements(docroots.value, docroots.at.valueExpr, docroots.at.valueSpan))
      if (e.value.type === 'string' && !e.value.value.startsWith('/'))
        problem(e.valueSpan, `"x-sendfile-docroot" paths must be absolute (start with "/"), found "${e.value.value}"`);
  }
  const mode = o.get('mode');
  if (
    (key === 'proxy.server' || key === 'wstunnel.server') &&
    compareVersions(ctx.version, '1.4.56') >= 0 &&
    mode?.value.type === 'string' &&
    mode.value.value === 'authorizer'
  )
    problem(mode.at.valueSpan, `${key} cannot act as an authorizer (only FastCGI backends can)`);
}
