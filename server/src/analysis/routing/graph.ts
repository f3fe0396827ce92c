/**
 * The routing map of an evaluated configuration: where every request can go, as a tree.
 *
 *   server (every listener: server.bind / server.port, and each `$SERVER["socket"] == ...` listener)
 *     -> the blocks, nested as written (a socket block is drawn as its listener), else branches in their
 *        chain as siblings marked `else`
 *     -> the handler that ends a request there (handlers.ts: static files with the effective document
 *        root, index files and listing, aliases, backends, CGI, redirects, rewrites, deny, auth).
 *
 * Blocks are lighttpd's contexts (analysis/simulate/model.ts: numbered as `lighttpd -p` numbers them, a
 * block written twice is one block). A block's settings are merged over those of the blocks around it, as
 * for a request that matches the block and none of its siblings. A block gets a handler child when it
 * changes the handler or has blocks below it that do ("otherwise": a request that matches none of them);
 * a block that changes nothing of the routing, nor any block in it, is kept with `routing: false`.
 * Conditions the simulator cannot decide exactly are marked `inexact` with the reason. Pure: line numbers
 * come from `lineOf`.
 */
import type { EvalValue, Evaluation, Scope } from '../evaluate';
import { buildContexts, type Context } from '../simulate/model';
import { fieldValue } from '../simulate/conditions';
import { translatePcre } from '../simulate/pcre';
import type { NormalizedRequest } from '../simulate/request';
import { effectiveModuleOrder } from '../simulate/simulate';
import type { LineOf } from '../simulate/format';
import { handlerSignature, routeSteps, ROUTING_KEYS, type RouteSetting, type RouteStep } from './handlers';

export type { RouteStep, StepKind } from './handlers';

/** Version of the JSON form (routing/schema.ts); raised when a field changes meaning. */
export const ROUTING_MAP_VERSION = 1;

export type RouteNodeKind = 'server' | 'listener' | 'condition' | 'handler';

export interface Listener {
  readonly id: string;
  /** `*:80`, `127.0.0.1:8080`, `[::]:443`, `/run/lighttpd.sock` (a unix socket). */
  readonly address: string;
  readonly tls: boolean;
  /** The socket block's node (absent: the listener of server.bind / server.port). */
  readonly node?: string;
  readonly file?: string;
  readonly line?: number;
}

export interface RouteNode {
  /** Stable within one map: `n0` the server, `n<context>` a block, `h<context>` its handler. */
  readonly id: string;
  readonly kind: RouteNodeKind;
  /** Short text to draw: `host == example.org`, `else url =~ ^/a`, `:443 TLS`, the handler's first step. */
  readonly label: string;
  /** The condition as written, `$HTTP["host"] == "example.org"` (blocks). */
  readonly condition?: string;
  /** lighttpd's context number (block N of `lighttpd -p`; 0: global). */
  readonly context?: number;
  /** A branch after `else` (a bare else or an else-if). */
  readonly else?: boolean;
  /** A listener block's TLS (ssl.engine in force there). */
  readonly tls?: boolean;
  /** Why the simulator cannot decide this condition exactly. */
  readonly inexact?: string;
  /** Handlers: the steps in order (the last one ends the request). */
  readonly steps?: readonly RouteStep[];
  /** Handlers of a block that has blocks below it: for requests that match none of them. */
  readonly otherwise?: boolean;
  /** Whether this node, or a node below it, decides where requests go. */
  readonly routing: boolean;
  /** Where it is written (handlers: their first step's directive). */
  readonly file?: string;
  /** 1-based. */
  readonly line?: number;
  readonly offset?: number;
  readonly children: readonly RouteNode[];
}

export interface RoutingMap {
  readonly version: typeof ROUTING_MAP_VERSION;
  /** The main configuration file. */
  readonly file: string;
  /** The lighttpd release the conditions were read for. */
  readonly lighttpdVersion: string;
  /** server.modules as lighttpd loads them (with the implicit ones). */
  readonly modules: readonly string[];
  readonly listeners: readonly Listener[];
  readonly root: RouteNode;
  readonly stats: { readonly blocks: number; readonly handlers: number; readonly inexact: number };
}

export interface RoutingMapOptions {
  readonly version?: string;
  /** The main file's path (shown; default ''). */
  readonly file?: string;
  readonly lineOf?: LineOf;
}

function scalar(v: EvalValue | undefined): string | undefined {
  return v?.type === 'string' ? v.value : v?.type === 'integer' ? String(v.value) : undefined;
}

function enabled(v: EvalValue | undefined): boolean {
  const s = scalar(v);
  return s !== undefined && /^(enable|true|1)$/i.test(s);
}

function get(scope: Scope, key: string): EvalValue | undefined {
  for (const [k, v] of scope.vars) if (k.toLowerCase() === key) return v;
  return undefined;
}

const PROBE_REQUEST = {
  headers: new Map<string, string>(),
  authority: '',
  path: '/',
  scheme: 'http',
  remoteIp: '127.0.0.1',
  serverSocket: ':80',
  method: 'GET',
} as unknown as NormalizedRequest;

/** Why the simulator cannot decide a condition exactly (undefined: it can). */
export function inexactReason(ctx: Context): string | undefined {
  if (ctx.isElse) return undefined;
  if (ctx.field === undefined || ctx.value === undefined)
    return 'its value is known only when lighttpd starts (env.*, include_shell or an unknown include)';
  const f = fieldValue(ctx, PROBE_REQUEST);
  if ('unknown' in f) return f.unknown;
  if (ctx.op === '=~' || ctx.op === '!~') {
    const t = translatePcre(ctx.value);
    if (!t.ok) return t.reason;
  }
  return undefined;
}

/** `host == example.org`, `url !~ ^/static`, `header "X-Forwarded-Proto" == https`. */
function conditionLabel(object: string, field: string | undefined, op: string, value: string | undefined): string {
  const f = field ?? '?';
  const name =
    object === 'HTTP' || object === 'SERVER' ? f : object === 'REQUEST_HEADER' ? `header "${f}"` : `$${object}["${f}"]`;
  const v = value === undefined ? '<unknown>' : value === '' ? '""' : value;
  return `${name} ${op} ${v}`;
}

/** `*:80`, `127.0.0.1:8080`, `[::1]:443`. */
function listenerAddress(bind: string | undefined, port: string): string {
  if (bind?.startsWith('/')) return bind;
  if (bind === undefined || bind === '') return `*:${port}`;
  return `${bind.includes(':') && !bind.startsWith('[') ? `[${bind}]` : bind}:${port}`;
}

/** A socket token as written (`:443`, `0.0.0.0:443`, `[::]:443`) shown with `*` for no address. */
function socketAddress(token: string): string {
  return token.startsWith(':') ? `*${token}` : token;
}

export function buildRoutingMap(ev: Evaluation, options: RoutingMapOptions = {}): RoutingMap {
  const version = options.version ?? '1.4.69';
  const lineOf: LineOf = options.lineOf ?? (() => undefined);
  const table = buildContexts(ev, version);
  const modules = effectiveModuleOrder(ev.global);
  const pathOf = new Map(ev.assignments.map((a) => [a.node, a.path]));
  const written = new Map<Scope, (typeof ev.conditions)[number]>();
  for (const c of ev.conditions) if (!written.has(c.scope)) written.set(c.scope, c);
  const kids = new Map<Context | undefined, Context[]>();
  for (const ctx of table.contexts) {
    const list = kids.get(ctx.parent) ?? [];
    list.push(ctx);
    kids.set(ctx.parent, list);
  }
  const where = (file: string | undefined, offset: number | undefined) => {
    if (file === undefined || offset === undefined) return {};
    const line = lineOf(file, offset);
    return { file, offset, ...(line !== undefined ? { line } : {}) };
  };
  const own = (scope: Scope): Map<string, RouteSetting> => {
    const out = new Map<string, RouteSetting>();
    for (const [k, v] of scope.vars) {
      const key = k.toLowerCase();
      if (!ROUTING_KEYS.has(key)) continue;
      const at = scope.setAt.get(k);
      out.set(key, { value: v, ...(at ? { file: pathOf.get(at), offset: at.start } : {}) });
    }
    return out;
  };
  const withLines = (steps: RouteStep[]): RouteStep[] =>
    steps.map((s) => {
      const line = s.file !== undefined && s.offset !== undefined ? lineOf(s.file, s.offset) : undefined;
      return line !== undefined ? { ...s, line } : s;
    });
  const globalTls = enabled(get(ev.global, 'ssl.engine'));
  const listeners: Listener[] = [];
  let blocks = 0;
  let handlers = 0;
  let inexactCount = 0;

  const handlerNode = (id: string, context: number, steps: RouteStep[], otherwise: boolean): RouteNode => {
    handlers++;
    const first = steps[0];
    const end = steps[steps.length - 1];
    const label =
      end.kind === 'static'
        ? `static ${end.target}`
        : `${end.kind === 'deny' ? 'deny' : end.kind} ${end.all ? '' : `${end.match} → `}${end.target}`;
    return {
      id,
      kind: 'handler',
      label,
      context,
      steps,
      ...(otherwise ? { otherwise } : {}),
      routing: true,
      ...where(first?.file, first?.offset),
      children: [],
    };
  };

  const build = (
    ctx: Context | undefined,
    inherited: ReadonlyMap<string, RouteSetting>,
    parentSig: string | undefined,
  ): RouteNode => {
    const scope = ctx ? ctx.scope : ev.global;
    const merged = new Map(inherited);
    for (const [k, v] of own(scope)) merged.set(k, v);
    const steps = withLines(routeSteps(merged, modules));
    const sig = handlerSignature(steps);
    const children = (kids.get(ctx) ?? []).map((c) => build(c, merged, sig));
    const changes = sig !== parentSig;
    const below = children.some((c) => c.routing);
    const index = ctx?.index ?? 0;
    if (changes || below) children.push(handlerNode(`h${index}`, index, steps, children.length > 0));
    if (!ctx) {
      return {
        id: 'n0',
        kind: 'server',
        label: listeners.map((l) => `${l.address}${l.tls ? ' TLS' : ''}`).join(' · '),
        context: 0,
        routing: true,
        children,
      };
    }
    blocks++;
    const c = written.get(scope);
    const head = c?.branch.head;
    const isElse = ctx.isElse || !!ctx.branch?.elseKeyword;
    const field = head ? scalar(c?.field) : undefined;
    const op = head?.operator?.text ?? ctx.op;
    const value = head ? scalar(c?.value) : undefined;
    const condition = head ? `$${head.object?.name ?? '?'}["${field ?? '?'}"] ${op} "${value ?? '<unknown>'}"` : 'else';
    const inexact = inexactReason(ctx);
    if (inexact) inexactCount++;
    const isListener =
      !ctx.parent && ctx.object === 'SERVER' && ctx.field === 'socket' && ctx.op === '==' && ctx.value !== undefined;
    let label = head ? conditionLabel(head.object?.name ?? '?', field, op, value) : 'else';
    let tls: boolean | undefined;
    if (isListener) {
      tls = enabled(get(scope, 'ssl.engine') ?? get(ev.global, 'ssl.engine'));
      label = `${socketAddress(ctx.value!)}${tls ? ' TLS' : ''}`;
    } else if (isElse && head) label = `else ${label}`;
    return {
      id: `n${ctx.index}`,
      kind: isListener ? 'listener' : 'condition',
      label,
      condition,
      context: ctx.index,
      ...(isElse ? { else: true } : {}),
      ...(tls !== undefined ? { tls } : {}),
      ...(inexact ? { inexact } : {}),
      routing: changes || below,
      ...where(ctx.path, ctx.branch?.start),
      children,
    };
  };

  // Listeners: server.bind / server.port, then each top-level $SERVER["socket"] == block.
  const port = get(ev.global, 'server.port');
  const bind = get(ev.global, 'server.bind');
  const at = (key: string) => {
    const k = [...ev.global.setAt.keys()].find((x) => x.toLowerCase() === key);
    const a = k ? ev.global.setAt.get(k) : undefined;
    return a ? where(pathOf.get(a), a.start) : {};
  };
  listeners.push({
    id: 'l0',
    address: listenerAddress(scalar(bind), scalar(port) ?? (port ? '<unknown>' : globalTls ? '443' : '80')),
    tls: globalTls,
    ...(port ? at('server.port') : bind ? at('server.bind') : {}),
  });
  for (const ctx of kids.get(undefined) ?? []) {
    if (ctx.object !== 'SERVER' || ctx.field !== 'socket' || ctx.op !== '==' || ctx.value === undefined) continue;
    const tls = enabled(get(ctx.scope, 'ssl.engine') ?? get(ev.global, 'ssl.engine'));
    listeners.push({
      id: `l${ctx.index}`,
      address: socketAddress(ctx.value),
      tls,
      node: `n${ctx.index}`,
      ...where(ctx.path, ctx.branch?.start),
    });
  }
  const root = build(undefined, new Map(), undefined);
  return {
    version: ROUTING_MAP_VERSION,
    file: options.file ?? '',
    lighttpdVersion: version,
    modules,
    listeners,
    root,
    stats: { blocks, handlers, inexact: inexactCount },
  };
}

/** Every node of the tree, parents first. */
export function* walk(node: RouteNode): Generator<RouteNode> {
  yield node;
  for (const c of node.children) yield* walk(c);
}
