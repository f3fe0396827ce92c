/**
 * The request simulator: what lighttpd does with one request under an evaluated configuration. Pure: no
 * file system, no network (whether a file exists is left to the caller, and said so).
 *
 * A pass evaluates every context in index order (lighttpd's order for the contexts the core reads; a
 * context asks its parent and its previous branch first), merges the blocks that are true over the
 * global block in that order (a later block's value of a key replaces an earlier one, as
 * config_patch_config and every module's patch_config do), then runs the modules in `server.modules`
 * order, as their request hooks would: mod_rewrite (url.rewrite-once / -repeat on the normalised target;
 * a rewrite starts a new pass with the new target), mod_redirect (url.redirect, status
 * url.redirect-code), mod_access (url.access-deny / -allow, 403), mod_auth (auth.require prefix, 401
 * without credentials), mod_proxy / mod_fastcgi / mod_scgi (extension or "/prefix" of the path), then
 * mod_alias (alias.url prefix) and the static file below server.document-root. `$n` in a rewrite or
 * redirect is a capture of its own pattern, `%n` one of the condition of the block the directive is set
 * in (lighttpd's config_capture), `${url.path}` and the other `${url.*}`, `${qsa}` are substituted.
 */
import { compareVersions } from '../../schema';
import type { EvalValue, Evaluation, Scope } from '../evaluate';
import { buildContexts, type Context, type ContextTable } from './model';
import { compare, runPcre, type CondResult } from './conditions';
import {
  burlNormalizeKey,
  burlNormalizeValue,
  fromBytes,
  toBytes,
  normalizeRequest,
  normalizeTarget,
  simplifyPath,
  urldecodePath,
  type NormalizedRequest,
} from './request';
import type { RequestSpec } from './request';

export type { CondResult } from './conditions';
export type { RequestSpec, NormalizedRequest } from './request';
export { parseRequestLine, normalizeRequest } from './request';
export { buildContexts } from './model';
export type { Context } from './model';

export interface ConditionResult {
  /** lighttpd's context number (block N of `lighttpd -p`). */
  readonly index: number;
  /** `$HTTP["host"] == "example.org"` as lighttpd stores it (the text lighttpd logs). */
  readonly condition: string;
  /** lighttpd's key of the block (parents first, " / " between). */
  readonly key: string;
  readonly file: string;
  /** 0-based offset of the branch in its file. */
  readonly offset: number;
  readonly result: CondResult;
  /** The request value compared. */
  readonly compared?: string;
  readonly reason?: string;
  readonly captures?: readonly string[];
}

export interface Pass {
  /** The request target this pass evaluated (normalised). */
  readonly target: string;
  readonly path: string;
  readonly query: string | undefined;
  /** Every context, in evaluation order. */
  readonly conditions: readonly ConditionResult[];
}

export type JsonValue = string | number | null | JsonValue[] | { [key: string]: JsonValue };

export interface Setting {
  readonly value: JsonValue;
  /** Context the value comes from (0: global). */
  readonly context: number;
  readonly file?: string;
  readonly offset?: number;
  /** Set in a block whose condition is unknown: the value may differ. */
  readonly uncertain?: boolean;
}

export type Handler =
  | { readonly module: 'error'; readonly status: number; readonly reason: string }
  | {
      readonly module: 'mod_redirect';
      readonly status: number;
      readonly location: string;
      readonly rule: string;
      readonly context: number;
    }
  | { readonly module: 'mod_access'; readonly status: 403; readonly reason: string }
  | { readonly module: 'mod_auth'; readonly status: 401; readonly realm?: string; readonly prefix: string }
  | {
      readonly module: 'mod_proxy' | 'mod_fastcgi' | 'mod_scgi';
      readonly extension: string;
      readonly backends: readonly { host?: string; port?: number; socket?: string; binPath?: string }[];
    }
  | {
      readonly module: 'mod_staticfile';
      readonly path: string;
      readonly documentRoot?: string;
      readonly alias?: string;
      /** For a directory (the path ends with '/'): index-file.names tried in order, and whether mod_dirlisting lists it otherwise. */
      readonly indexFiles?: readonly string[];
      readonly dirListing?: boolean;
      /** What lighttpd answers instead when the file exists but mod_staticfile does not serve it. */
      readonly ifExists?: { readonly status: number; readonly reason: string };
    }
  | { readonly module: 'unknown'; readonly reason: string };

export interface Simulation {
  readonly request?: {
    readonly method: string;
    readonly scheme: string;
    readonly host: string;
    readonly path: string;
    readonly query?: string;
    readonly remoteIp: string;
    readonly serverSocket: string;
  };
  readonly passes: readonly Pass[];
  /** The last pass's conditions. */
  readonly conditions: readonly ConditionResult[];
  readonly settings: Readonly<Record<string, Setting>>;
  readonly handler: Handler;
  /** Response headers added by mod_setenv (setenv.add-/set-response-header). */
  readonly responseHeaders: Readonly<Record<string, string>>;
  /** Rewrites applied, in order. */
  readonly rewrites: readonly {
    readonly from: string;
    readonly to: string;
    readonly rule: string;
    readonly context: number;
  }[];
  /** What the simulation could not decide or did not model. */
  readonly notes: readonly string[];
}

export interface SimulateOptions {
  /** lighttpd release (default 1.4.69): the `=~` simplification applies from 1.4.65. */
  readonly version?: string;
  /** Loaded modules in order (default: the global `server.modules` and the implicit ones). */
  readonly modules?: readonly string[];
}

const MAX_PASSES = 20;

function toJson(v: EvalValue): JsonValue {
  switch (v.type) {
    case 'string':
      return v.value;
    case 'integer':
      return v.value;
    case 'unknown':
      return null;
    case 'array': {
      if (v.elements.length && v.elements.every((e) => e.key !== undefined)) {
        const o: Record<string, JsonValue> = {};
        for (const e of v.elements) o[e.key!] = toJson(e.value);
        return o;
      }
      return v.elements.map((e) => toJson(e.value));
    }
  }
}

interface Effective {
  readonly values: Map<string, { value: EvalValue; ctx: Context | undefined; uncertain: boolean; scope: Scope }>;
}

function lower(k: string): string {
  return k.toLowerCase();
}

const REWRITE_KEYS = [
  'url.rewrite-once',
  'url.rewrite',
  'url.rewrite-final',
  'url.rewrite-repeat',
  'url.rewrite-if-not-file',
  'url.rewrite-repeat-if-not-file',
];

/** Whether a rewrite or redirect list refers to condition captures (`%1`, `%{...}`; `%%` is a literal). */
function usesConditionCaptures(v: EvalValue): boolean {
  if (v.type !== 'array') return false;
  return v.elements.some((e) => e.value.type === 'string' && /(?:^|[^%])(?:%%)*%[0-9{]/.test(e.value.value));
}

/**
 * Conditions lighttpd runs as regexes although they read as `==`, `=^`, `=$`: when a rewrite or redirect
 * of the block refers to its captures (%n), lighttpd (1.4.65+, config_finalize) turns the operand back
 * into a pattern, unescaped: `== "a.b"` becomes `=~ "^a.b$"`, `=^ "/x"` `=~ "^/x"`, `=$ ".php"`
 * `=~ "\.php$"` (a suffix not starting with '.' gets no prefix). The host's port rule and the
 * remote-ip network rule no longer apply then (`== "10.0.0.0/8"` never matches an address).
 */
function captureRegexes(table: ContextTable, modules: readonly string[], version: string): Map<Context, Context> {
  const out = new Map<Context, Context>();
  if (compareVersions(version, '1.4.65') < 0) return out;
  const keys = [
    ...(modules.includes('mod_rewrite') ? REWRITE_KEYS : []),
    ...(modules.includes('mod_redirect') ? ['url.redirect'] : []),
  ];
  for (const ctx of table.contexts) {
    if (ctx.isElse || ctx.value === undefined || !['==', '=^', '=$'].includes(ctx.op)) continue;
    const uses = [...ctx.scope.vars].some(([k, v]) => keys.includes(lower(k)) && usesConditionCaptures(v));
    if (!uses) continue;
    const v = ctx.value;
    const pattern = ctx.op === '=^' ? `^${v}` : ctx.op === '==' ? `^${v}$` : v.startsWith('.') ? `\\${v}$` : `${v}$`;
    out.set(ctx, { ...ctx, op: '=~', value: pattern });
  }
  return out;
}

/** Evaluates every context for one request (lighttpd's cache: each context computed once per pass). */
function evaluatePass(
  table: ContextTable,
  req: NormalizedRequest,
  asRegex: ReadonlyMap<Context, Context> = new Map(),
): ConditionResult[] {
  const cache = new Map<Context, ConditionResult>();
  const order: ConditionResult[] = [];
  const evalCtx = (ctx: Context): ConditionResult => {
    const hit = cache.get(ctx);
    if (hit) return hit;
    const base = {
      index: ctx.index,
      condition: ctx.condition,
      key: ctx.key,
      file: ctx.path,
      offset: ctx.branch?.start ?? 0,
    };
    let out: ConditionResult | undefined;
    if (ctx.parent) {
      const p = evalCtx(ctx.parent);
      if (p.result === false || p.result === 'not-evaluated')
        out = { ...base, result: 'not-evaluated', reason: `the enclosing block (${p.condition}) is not matched` };
      else if (p.result === 'unknown')
        out = { ...base, result: 'unknown', reason: `the enclosing block (${p.condition}) is unknown` };
    }
    if (!out && ctx.prev) {
      const p = evalCtx(ctx.prev);
      if (p.result === true || p.result === 'not-evaluated')
        out = {
          ...base,
          result: 'not-evaluated',
          reason:
            p.result === true
              ? `an earlier branch (${p.condition}) matched`
              : `an earlier branch (${p.condition}) was not evaluated`,
        };
      else if (p.result === 'unknown')
        out = { ...base, result: 'unknown', reason: `an earlier branch (${p.condition}) is unknown` };
    }
    if (!out) {
      if (ctx.isElse) out = { ...base, result: true, reason: 'every earlier branch is false' };
      else {
        const rx = asRegex.get(ctx);
        const c = compare(rx ?? ctx, req);
        out = {
          ...base,
          ...c,
          ...(rx
            ? {
                reason: `run as the regex "${rx.value}" (its block refers to %n captures)${c.reason ? `; ${c.reason}` : ''}`,
              }
            : {}),
        };
      }
    }
    cache.set(ctx, out);
    order.push(out);
    return out;
  };
  for (const ctx of table.contexts) evalCtx(ctx);
  return order;
}

function mergeSettings(table: ContextTable, results: ReadonlyMap<number, ConditionResult>): Effective {
  const values: Effective['values'] = new Map();
  for (const [k, v] of table.global.vars) {
    if (k.startsWith('var.') || k.startsWith('env.')) continue;
    values.set(lower(k), { value: v, ctx: undefined, uncertain: false, scope: table.global });
  }
  for (const ctx of table.contexts) {
    const r = results.get(ctx.index)?.result;
    if (r !== true && r !== 'unknown') continue;
    for (const [k, v] of ctx.scope.vars) {
      if (k.startsWith('var.') || k.startsWith('env.')) continue;
      values.set(lower(k), { value: v, ctx, uncertain: r === 'unknown', scope: ctx.scope });
    }
  }
  return { values };
}

function str(v: EvalValue | undefined): string | undefined {
  return v?.type === 'string' ? v.value : v?.type === 'integer' ? String(v.value) : undefined;
}

/** The implicit modules lighttpd 1.4.69 adds around server.modules (config_compat_module_load). */
export function effectiveModuleOrder(global: Scope): string[] {
  const v = [...global.vars].find(([k]) => lower(k) === 'server.modules')?.[1];
  const listed = v?.type === 'array' ? v.elements.map((e) => str(e.value) ?? '') : [];
  const compat = [...global.vars].find(([k]) => lower(k) === 'server.compat-module-load')?.[1];
  const compatOff = compat?.type === 'string' && /^(disable|false|0)$/i.test(compat.value);
  const out = [...listed];
  if (!compatOff) {
    for (const m of ['mod_indexfile', 'mod_dirlisting', 'mod_staticfile']) if (!out.includes(m)) out.push(m);
  }
  return out;
}

interface Subst {
  readonly req: NormalizedRequest;
  readonly pattern: string[];
  readonly cond: readonly string[] | undefined;
  readonly notes: string[];
}

/** pcre_keyvalue_buffer_subst: $n, %n, ${...}, $$ and %%. */
function substitute(template: string, s: Subst): string {
  let out = '';
  for (let k = 0; k < template.length; k++) {
    const ch = template[k];
    if ((ch !== '$' && ch !== '%') || k + 1 >= template.length) {
      out += ch;
      continue;
    }
    const next = template[k + 1];
    const group = (n: number) => (ch === '$' ? s.pattern[n] : s.cond?.[n]) ?? '';
    if (next === '{') {
      const end = template.indexOf('}', k + 2);
      if (end < 0) return out; // lighttpd truncates the result
      const inner = template.slice(k + 2, end);
      const req = s.req;
      if (/^\d{1,2}$/.test(inner)) {
        s.notes.push(`\${${inner}} is substituted with percent-encoding (not modelled: shown unencoded)`);
        out += group(Number(inner));
      } else if (inner === 'url.scheme') out += req.scheme;
      else if (inner === 'url.authority') out += req.authority;
      else if (inner === 'url.port') out += String(req.port);
      else if (inner === 'url.path') out += req.target.split('?')[0];
      else if (inner === 'url.query') out += req.query ?? '';
      else if (inner === 'qsa') {
        if (req.query !== undefined) {
          if (out.includes('?')) {
            if (req.query !== '') out += '&';
          } else out += '?';
          out += req.query;
        }
      } else {
        s.notes.push(`\${${inner}} is not modelled`);
      }
      k = end;
      continue;
    }
    if (/[0-9]/.test(next)) {
      out += group(Number(next));
    } else {
      out += next === ch ? ch : ch + next;
    }
    k++;
  }
  return out;
}

interface KeyValueHit {
  readonly result: string;
  readonly rule: string;
  readonly index: number;
}

/** pcre_keyvalue_buffer_process: the first rule whose pattern matches `input`. */
function keyValue(
  list: EvalValue,
  input: string,
  s: Omit<Subst, 'pattern'>,
): KeyValueHit | undefined | { unknown: string } {
  if (list.type !== 'array') return undefined;
  let index = 0;
  for (const e of list.elements) {
    const pattern = e.key;
    const tpl = str(e.value);
    if (pattern === undefined || tpl === undefined) return { unknown: 'a rule could not be evaluated' };
    // Patterns and substitutions are stored URL-normalised (pcre_keyvalue_burl_normalize_key / _value).
    const run = runPcre(fromBytes(burlNormalizeKey(toBytes(pattern))) ?? pattern, input);
    if (run.matched === 'unknown') return { unknown: `rule "${pattern}": ${run.reason}` };
    if (run.matched) {
      return {
        result: substitute(burlNormalizeValue(toBytes(tpl)), { ...s, pattern: run.captures ?? [] }),
        rule: pattern,
        index,
      };
    }
    index++;
  }
  return undefined;
}

function displayBytes(b: string): string {
  return fromBytes(b) ?? b;
}

/** Simulates one request. `spec` as parsed by parseRequestLine (or built by the caller). */
export function simulate(ev: Evaluation, spec: RequestSpec, options: SimulateOptions = {}): Simulation {
  const table = buildContexts(ev, options.version ?? '1.4.69');
  const notes: string[] = [];
  const passes: Pass[] = [];
  const rewrites: { from: string; to: string; rule: string; context: number }[] = [];
  const first = normalizeRequest(spec);
  if (!first.ok) {
    return {
      passes,
      conditions: [],
      settings: {},
      handler: { module: 'error', status: first.status, reason: first.reason },
      responseHeaders: {},
      rewrites,
      notes: ['lighttpd rejects the request before it evaluates any condition.'],
    };
  }
  const modules = options.modules ?? effectiveModuleOrder(table.global);
  const asRegex = captureRegexes(table, modules, options.version ?? '1.4.69');
  let req = first.request;
  let rewriteFinished = false;
  // mod_setenv reads its settings once, in the first pass that reaches it (uri_clean, in module order).
  let setenvFrom: Effective | undefined;
  let handler: Handler | undefined;
  let eff: Effective = { values: new Map() };
  let conditions: ConditionResult[] = [];
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    conditions = evaluatePass(table, req, asRegex);
    passes.push({ target: displayBytes(req.target), path: displayBytes(req.path), query: req.query, conditions });
    const byIndex = new Map(conditions.map((c) => [c.index, c]));
    eff = mergeSettings(table, byIndex);
    const get = (k: string) => eff.values.get(k);
    const condCaptures = (ctx: Context | undefined) => (ctx ? byIndex.get(ctx.index)?.captures : undefined);
    const uncertain = (k: string) => {
      if (get(k)?.uncertain) notes.push(`${k} is set in a block whose condition is unknown: the result may differ.`);
    };
    let restart = false;
    for (const m of modules) {
      if (m === 'mod_setenv' && !setenvFrom) setenvFrom = eff;
      if (m === 'mod_rewrite' && !rewriteFinished) {
        // url.rewrite-once (and its old names) first, then url.rewrite-repeat, as one list per block.
        const once = get('url.rewrite-once') ?? get('url.rewrite') ?? get('url.rewrite-final');
        const repeat = get('url.rewrite-repeat');
        for (const [entry, isOnce] of [
          [once, true],
          [repeat, false],
        ] as const) {
          if (!entry) continue;
          uncertain(isOnce ? 'url.rewrite-once' : 'url.rewrite-repeat');
          const hit = keyValue(entry.value, req.target, { req, cond: condCaptures(entry.ctx), notes });
          if (!hit) continue;
          if ('unknown' in hit) {
            handler = { module: 'unknown', reason: `mod_rewrite: ${hit.unknown}` };
            break;
          }
          if (!hit.result.startsWith('/')) {
            handler = {
              module: 'error',
              status: 500,
              reason: `mod_rewrite result does not begin with '/': ${hit.result}`,
            };
            break;
          }
          rewrites.push({
            from: displayBytes(req.target),
            to: displayBytes(hit.result),
            rule: hit.rule,
            context: entry.ctx?.index ?? 0,
          });
          if (isOnce) rewriteFinished = true;
          const n = normalizeRequest({ ...spec, target: displayBytes(hit.result) });
          if (!n.ok) {
            handler = { module: 'error', status: n.status, reason: `after the rewrite: ${n.reason}` };
            break;
          }
          req = { ...n.request, authority: req.authority };
          restart = true;
          break;
        }
        if (handler || restart) break;
        if (get('url.rewrite-if-not-file') || get('url.rewrite-repeat-if-not-file'))
          notes.push('url.rewrite-if-not-file applies only when the file does not exist: not simulated.');
      } else if (m === 'mod_redirect') {
        const r = get('url.redirect');
        if (!r) continue;
        uncertain('url.redirect');
        const hit = keyValue(r.value, req.target, { req, cond: condCaptures(r.ctx), notes });
        if (!hit) continue;
        if ('unknown' in hit) {
          handler = { module: 'unknown', reason: `mod_redirect: ${hit.unknown}` };
          break;
        }
        const code = get('url.redirect-code');
        const status = code?.value.type === 'integer' ? code.value.value : Number(str(code?.value) ?? 301) || 301;
        handler = {
          module: 'mod_redirect',
          status,
          location: displayBytes(hit.result),
          rule: hit.rule,
          context: r.ctx?.index ?? 0,
        };
        break;
      } else if (m === 'mod_access') {
        const allow = get('url.access-allow');
        const deny = get('url.access-deny');
        const lc = str(get('server.force-lowercase-filenames')?.value);
        const ci = lc !== undefined && /^(enable|true|1)$/i.test(lc);
        const path = ci ? req.path.toLowerCase() : req.path;
        const list = (v: EvalValue) =>
          v.type === 'array' ? v.elements.map((e) => str(e.value) ?? '').map((x) => (ci ? x.toLowerCase() : x)) : [];
        if (allow && list(allow.value).length) {
          uncertain('url.access-allow');
          if (!list(allow.value).some((x) => path.endsWith(x))) {
            handler = { module: 'mod_access', status: 403, reason: 'the path matches no suffix of url.access-allow' };
            break;
          }
        } else if (deny) {
          uncertain('url.access-deny');
          const hit = list(deny.value).find((x) => path.endsWith(x));
          if (hit !== undefined) {
            handler = {
              module: 'mod_access',
              status: 403,
              reason:
                hit === ''
                  ? 'url.access-deny has "" (denies everything)'
                  : `the path ends with "${hit}" (url.access-deny)`,
            };
            break;
          }
        }
      } else if (m === 'mod_auth') {
        const r = get('auth.require');
        if (!r || r.value.type !== 'array') continue;
        uncertain('auth.require');
        const e = r.value.elements.find((x) => x.key !== undefined && req.path.startsWith(x.key));
        if (!e) continue;
        const realm =
          e.value.type === 'array'
            ? str(e.value.elements.find((x) => lower(x.key ?? '') === 'realm')?.value)
            : undefined;
        if (req.headers.has('authorization')) {
          handler = { module: 'unknown', reason: `auth.require "${e.key}": credentials are sent, not checked here` };
        } else handler = { module: 'mod_auth', status: 401, realm, prefix: e.key! };
        break;
      } else if (m === 'mod_proxy' || m === 'mod_fastcgi' || m === 'mod_scgi') {
        const key = m === 'mod_proxy' ? 'proxy.server' : m === 'mod_fastcgi' ? 'fastcgi.server' : 'scgi.server';
        const r = get(key);
        if (!r || r.value.type !== 'array') continue;
        uncertain(key);
        const ext = r.value.elements.find(
          (x) => x.key !== undefined && (x.key.startsWith('/') ? req.path.startsWith(x.key) : req.path.endsWith(x.key)),
        );
        if (!ext) continue;
        const backends: { host?: string; port?: number; socket?: string; binPath?: string }[] = [];
        const hosts = ext.value.type === 'array' ? ext.value.elements : [];
        for (const h of hosts) {
          if (h.value.type !== 'array') continue;
          const field = (n: string) =>
            h.value.type === 'array' ? h.value.elements.find((x) => lower(x.key ?? '') === n)?.value : undefined;
          const port = field('port');
          backends.push({
            host: str(field('host')),
            port: port?.type === 'integer' ? port.value : port?.type === 'string' ? Number(port.value) : undefined,
            socket: str(field('socket')),
            binPath: str(field('bin-path')),
          });
        }
        handler = { module: m, extension: ext.key!, backends };
        break;
      }
    }
    if (restart) continue;
    break;
  }
  if (passes.length >= MAX_PASSES) notes.push(`Stopped after ${MAX_PASSES} passes (rewrite loop).`);
  // What other modules may change, and is not simulated.
  const has = (k: string) => eff.values.has(k);
  if (modules.includes('mod_extforward') && (req.headers.has('x-forwarded-for') || req.headers.has('forwarded')))
    notes.push('mod_extforward may replace $HTTP["remote-ip"] with a forwarded address: not simulated.');
  if (modules.includes('mod_magnet') && [...eff.values.keys()].some((k) => k.startsWith('magnet.')))
    notes.push('mod_magnet scripts may change the request or answer it: not simulated.');
  for (const [m, prefix] of [
    ['mod_simple_vhost', 'simple-vhost.'],
    ['mod_evhost', 'evhost.'],
    ['mod_vhostdb', 'vhostdb.'],
  ] as const)
    if (modules.includes(m) && [...eff.values.keys()].some((k) => k.startsWith(prefix)))
      notes.push(`${m} may choose another document root from the host: not simulated.`);
  if (modules.includes('mod_userdir') && req.path.startsWith('/~'))
    notes.push('mod_userdir maps /~user/ to a home folder: not simulated.');
  if (has('server.error-handler') || has('server.error-handler-404') || has('server.errorfile-prefix'))
    notes.push(
      'An error answer (403, 404, ...) is replaced by server.error-handler / errorfile-prefix: not simulated.',
    );
  if (!handler) {
    // mod_alias, then the document root.
    const alias = modules.includes('mod_alias') ? eff.values.get('alias.url') : undefined;
    const docroot = str(eff.values.get('server.document-root')?.value);
    let file: string | undefined;
    let aliasKey: string | undefined;
    if (alias && alias.value.type === 'array') {
      const a = alias.value.elements.find((x) => x.key !== undefined && req.path.startsWith(x.key));
      if (a) {
        aliasKey = a.key;
        file = (str(a.value) ?? '') + req.path.slice(a.key!.length);
      }
    }
    if (file === undefined && docroot !== undefined) file = docroot.replace(/\/+$/, '') + req.path;
    if (file === undefined) handler = { module: 'unknown', reason: 'server.document-root is not known' };
    else {
      let dir: { indexFiles: string[]; dirListing: boolean } | undefined;
      if (req.path.endsWith('/')) {
        const idx = modules.includes('mod_indexfile')
          ? (eff.values.get('index-file.names') ?? eff.values.get('server.indexfiles'))
          : undefined;
        const names = idx?.value.type === 'array' ? idx.value.elements.map((e) => str(e.value) ?? '') : [];
        const dl = str((eff.values.get('dir-listing.activate') ?? eff.values.get('server.dir-listing'))?.value);
        const dirListing = modules.includes('mod_dirlisting') && dl !== undefined && /^(enable|true|1)$/i.test(dl);
        dir = { indexFiles: names, dirListing };
        notes.push(
          (names.length
            ? `A directory: mod_indexfile tries ${names.map((n) => `"${n}"`).join(', ')} there (the first that exists); `
            : 'A directory: no index-file.names; ') +
            (dirListing ? 'otherwise mod_dirlisting lists it.' : 'otherwise 403 (dir-listing is not enabled).'),
        );
      }
      // mod_staticfile serves GET, HEAD and POST only, and no excluded extension (of the file's path).
      let ifExists: { status: number; reason: string } | undefined;
      const excluded = eff.values.get('static-file.exclude-extensions')?.value;
      const ext =
        excluded?.type === 'array'
          ? excluded.elements.map((e) => str(e.value)).find((x) => x !== undefined && x !== '' && file!.endsWith(x))
          : undefined;
      if (!['GET', 'HEAD', 'POST'].includes(req.method))
        ifExists =
          req.method === 'OPTIONS'
            ? { status: 200, reason: 'OPTIONS with no handler: lighttpd answers with the allowed methods' }
            : { status: 501, reason: `mod_staticfile does not serve ${req.method}` };
      else if (ext !== undefined) ifExists = { status: 403, reason: `"${ext}" is in static-file.exclude-extensions` };
      notes.push(
        ifExists
          ? `If the file exists lighttpd answers ${ifExists.status} (${ifExists.reason}); otherwise 404.`
          : 'The static file is served if it exists (not checked: 404 otherwise).',
      );
      handler = {
        module: 'mod_staticfile',
        path: displayBytes(file),
        documentRoot: docroot,
        ...(aliasKey ? { alias: aliasKey } : {}),
        ...(dir ?? {}),
        ...(ifExists ? { ifExists } : {}),
      };
    }
  }
  const settings: Record<string, Setting> = {};
  const pathOf = new Map(ev.assignments.map((a) => [a.node, a.path]));
  for (const [k, v] of eff.values) {
    const at = v.scope.setAt.get([...v.scope.vars.keys()].find((x) => lower(x) === k) ?? k);
    settings[k] = {
      value: toJson(v.value),
      context: v.ctx?.index ?? 0,
      ...(at ? { file: pathOf.get(at), offset: at.start } : {}),
      ...(v.uncertain ? { uncertain: true } : {}),
    };
  }
  const responseHeaders: Record<string, string> = {};
  // A handler decided before mod_setenv's turn (an earlier module in server.modules) leaves it out.
  if (!setenvFrom && handler.module === 'mod_staticfile' && modules.includes('mod_setenv')) setenvFrom = eff;
  if (setenvFrom) {
    if (setenvFrom !== eff) notes.push('mod_setenv took its settings from an earlier pass (before the rewrite).');
    for (const key of ['setenv.add-response-header', 'setenv.set-response-header']) {
      const v = setenvFrom.values.get(key)?.value;
      if (v?.type !== 'array') continue;
      for (const e of v.elements) if (e.key !== undefined) responseHeaders[e.key] = str(e.value) ?? '';
    }
  }
  return {
    request: {
      method: first.request.method,
      scheme: first.request.scheme,
      host: displayBytes(first.request.authority),
      path: displayBytes(first.request.path),
      ...(first.request.query !== undefined ? { query: first.request.query } : {}),
      remoteIp: first.request.remoteIp,
      serverSocket: first.request.serverSocket,
    },
    passes,
    conditions,
    settings,
    handler,
    responseHeaders,
    rewrites,
    notes: [...new Set(notes)],
  };
}

export { normalizeTarget, simplifyPath, urldecodePath };
