/**
 * Rules `type-mismatch` and `invalid-value`: the value of each known directive against its lighttpd type
 * (src/configfile-glue.c config_plugin_values_init_block, src/array.c array_is_*), enumerated values,
 * the keys lighttpd accepts inside lists such as server.http-parseopts, and the backend host blocks of
 * fastcgi.server / scgi.server / proxy.server / ajp13.server / sockproxy.server / wstunnel.server.
 */
import type { EvalValue } from '../../analysis';
import type { Expression, Severity, Span } from '../../parser/ast';
import { ENUMS, compareVersions, getDirective, type DirectiveType } from '../../schema';
import type { CheckContext, LocatedElement } from './context';
import { describeValue, locateElements, suggest } from './context';

const TRUE_WORDS = ['enable', 'enabled', 'true', '1'];
const FALSE_WORDS = ['disable', 'disabled', 'false', '0'];
const BOOL_WORDS = new Set([...TRUE_WORDS, ...FALSE_WORDS]);

/** What each type expects, with a tiny example of the right shape (`KEY = example`). */
export const TYPE_SHAPES: Readonly<Record<DirectiveType, { readonly expected: string; readonly example: string }>> = {
  string: { expected: 'a string', example: '"..."' },
  short: { expected: 'a number from 0 to 65535', example: '80' },
  int: { expected: 'a non-negative number', example: '60' },
  boolean: { expected: '"enable" or "disable"', example: '"enable"' },
  array: { expected: 'a list', example: '( "..." )' },
  'array-kvany': { expected: 'a list of key => value pairs', example: '( "key" => "value" )' },
  'array-kvarray': { expected: 'a list of key => list pairs', example: '( "key" => ( "..." => "..." ) )' },
  'array-kvstring': { expected: 'a list of key => string pairs', example: '( "key" => "value" )' },
  'array-vlist': { expected: 'a list of strings', example: '( "...", "..." )' },
};

const DECIMAL = /^\s*[+-]?\d+$/;

/** Values of string directives with a fixed set of choices (enums in lighttpd-directives.json). */
const STRING_ENUMS: Readonly<
  Record<
    string,
    {
      readonly fatal: boolean;
      readonly effect?: string;
      readonly extra?: readonly string[];
      readonly caseInsensitive?: boolean;
      readonly allowEmpty?: boolean;
    }
  >
> = {
  'server.event-handler': { fatal: true, extra: ['libev'] },
  'server.network-backend': { fatal: true },
  'server.stat-cache-engine': { fatal: true, allowEmpty: true },
  'server.syslog-facility': { fatal: false, effect: 'lighttpd logs an error and keeps the default facility' },
  'scgi.protocol': { fatal: true },
  'gw.balance': { fatal: false, effect: 'lighttpd logs an error and uses least-connection' },
  'wstunnel.frame-type': { fatal: false, effect: 'anything but "binary" means text', caseInsensitive: true },
  'accesslog.escaping': { fatal: false, effect: 'anything but "json" means the default escaping' },
  'auth.backend': { fatal: true },
  'vhostdb.backend': { fatal: true },
};

/** Lists whose keys come from a fixed set. */
const KEY_ENUMS: Readonly<
  Record<string, { readonly fatal: boolean; readonly effect?: string; readonly boolValues?: boolean }>
> = {
  'server.feature-flags': { fatal: false, effect: 'lighttpd ignores unknown flags' },
  'server.http-parseopts': { fatal: true, boolValues: true },
  'proxy.forwarded': { fatal: true, boolValues: true },
  'proxy.header': { fatal: true },
  'webdav.opts': { fatal: true },
  'extforward.params': { fatal: true, boolValues: true },
  'cgi.limits': { fatal: true },
  'deflate.params': { fatal: false },
  'ssl.ech-opts': { fatal: false },
  'dir-listing.cache': { fatal: false },
  'cache-opts': { fatal: false },
};

function enumValues(name: string): string[] {
  const e = ENUMS[name] as { values?: unknown } | undefined;
  if (!e) return [];
  if (Array.isArray(e.values)) return e.values.map(String);
  if (e.values && typeof e.values === 'object') return Object.keys(e.values);
  return [];
}

function enumKeys(name: string): string[] {
  const e = ENUMS[name] as Record<string, unknown> | undefined;
  if (!e) return [];
  const out: string[] = [];
  for (const field of ['keys', 'bool_keys', 'kvstring_keys', 'vlist_keys']) {
    const v = e[field];
    if (Array.isArray(v)) for (const k of v) out.push(typeof k === 'string' ? k : String((k as { key: string }).key));
  }
  return out;
}

interface HostKey {
  readonly key: string;
  readonly type: DirectiveType;
  readonly since: string | null;
}

let hostKeys: Map<string, HostKey> | undefined;
function gwHostKeys(): Map<string, HostKey> {
  hostKeys ??= new Map(((ENUMS['gw.server-host-keys'] as { keys: HostKey[] }).keys ?? []).map((k) => [k.key, k]));
  return hostKeys;
}

const AUTH_REQUIRE_KEYS = ['method', 'realm', 'require', 'algorithm', 'nonce_secret', 'nonce-secret', 'userhash'];
const AUTH_METHODS = ['basic', 'digest', 'extern', 'gssapi'];

export function checkValues(ctx: CheckContext): void {
  for (const a of ctx.assignments) {
    const key = a.node.key.fullName;
    const d = getDirective(key);
    if (!d || !a.node.operator || !a.node.value) continue;
    if (!ctx.atLeast(d.since)) continue; // newer-than-target already says it
    const span = a.node.value;
    const appended = a.node.operator.text === '+=';
    // Element-level findings come from the right-hand side (a literal list lines up with its elements);
    // the type of the whole comes from the block's value after the assignment.
    const whole = a.result;
    const mine = locateElements(a.rhs, a.node.value, span);
    if (d.typeVariants) {
      const variants = [...new Set(Object.values(d.typeVariants))] as DirectiveType[];
      if (!variants.some((t) => !scalarProblem(t, whole, ctx))) {
        report(
          ctx,
          key,
          variants.map((t) => TYPE_SHAPES[t].expected).join(' or '),
          `${key} = ${TYPE_SHAPES[variants[0]].example}`,
          whole,
          span,
        );
      }
      continue;
    }
    if (!checkType(ctx, key, d.type, whole, appended ? a.rhs : whole, mine, span)) continue;
    if (d.enum) checkEnum(ctx, key, d.enum, whole, mine, a.node.value);
  }
}

function report(
  ctx: CheckContext,
  key: string,
  expected: string,
  example: string,
  found: EvalValue | string,
  at: Span,
  severity?: Severity,
): void {
  ctx.report(
    'type-mismatch',
    at,
    { key, expected, example, found: typeof found === 'string' ? found : describeValue(found) },
    { severity },
  );
}

/** Problems of a scalar value against a scalar type: undefined when it fits (or cannot be known). */
function scalarProblem(type: DirectiveType, v: EvalValue, ctx: CheckContext): { severity?: Severity } | undefined {
  if (v.type === 'unknown') return undefined;
  switch (type) {
    case 'string':
      return v.type === 'string' ? undefined : {};
    case 'short': {
      const n =
        v.type === 'integer'
          ? v.value
          : v.type === 'string' && DECIMAL.test(v.value)
            ? parseInt(v.value, 10)
            : undefined;
      if (n === undefined) return {};
      const max = ctx.atLeast('1.4.74') ? 65536 : 65535;
      if (n >= 0 && n <= max) return undefined;
      // before 1.4.73 out-of-range numbers were silently truncated
      return { severity: ctx.atLeast('1.4.73') ? undefined : 'warning' };
    }
    case 'int':
      if (v.type === 'integer') return undefined;
      return v.type === 'string' && DECIMAL.test(v.value) && parseInt(v.value, 10) >= 0 ? undefined : {};
    case 'boolean':
      if (v.type === 'integer') return undefined;
      return v.type === 'string' && BOOL_WORDS.has(v.value.toLowerCase()) ? undefined : {};
    default:
      return v.type === 'array' ? undefined : {};
  }
}

/**
 * Checks `whole` against `type`; element-level rules look at `elements` (the right-hand side's
 * elements, located). Returns false when the value does not fit (nothing else is checked then).
 */
function checkType(
  ctx: CheckContext,
  key: string,
  type: DirectiveType,
  whole: EvalValue,
  _rhs: EvalValue,
  elements: readonly LocatedElement[],
  span: Span,
  label = key,
  lhs = `${key} =`,
): boolean {
  const shape = TYPE_SHAPES[type];
  const p = scalarProblem(type, whole, ctx);
  if (p) {
    report(ctx, label, shape.expected, `${lhs} ${shape.example}`, whole, span, p.severity);
    return false;
  }
  if (whole.type !== 'array' || type === 'array' || !type.startsWith('array')) return true;
  if (!ctx.atLeast('1.4.56')) return true; // list shapes were not enforced before 1.4.56
  let ok = true;
  let reported = 0;
  for (const e of elements) {
    if (e.value.type === 'unknown') continue;
    let found: string | undefined;
    let at = e.valueSpan;
    switch (type) {
      case 'array-kvany':
        if (e.key === undefined) found = `${describeValue(e.value)} without a key`;
        break;
      case 'array-kvarray':
        if (e.key === undefined) found = `${describeValue(e.value)} without a key`;
        else if (e.value.type !== 'array') found = `"${e.key}" => ${describeValue(e.value)}`;
        break;
      case 'array-kvstring':
        if (e.key === undefined) found = `${describeValue(e.value)} without a key`;
        else if (e.value.type !== 'string') found = `"${e.key}" => ${describeValue(e.value)}`;
        break;
      case 'array-vlist':
        if (e.key !== undefined) {
          found = `a key => value pair ("${e.key}" => …)`;
          at = e.keySpan;
        } else if (e.value.type !== 'string') found = describeValue(e.value);
        break;
    }
    if (found) {
      ok = false;
      if (reported++ < 20)
        report(
          ctx,
          label,
          shape.expected,
          `${lhs} ${shape.example}`,
          found,
          at.start < span.start || at.end > span.end ? span : at,
        );
    }
  }
  return ok;
}

function checkEnum(
  ctx: CheckContext,
  key: string,
  name: string,
  whole: EvalValue,
  elements: readonly LocatedElement[],
  expr: Expression,
): void {
  const str = STRING_ENUMS[name];
  if (str) {
    if (whole.type !== 'string') return;
    const values = [...enumValues(name), ...(str.extra ?? [])];
    const v = str.caseInsensitive ? whole.value.toLowerCase() : whole.value;
    if (values.includes(v) || (str.allowEmpty && v === '')) return;
    const removed = (ENUMS[name] as { removed?: Record<string, string> }).removed?.[v];
    const candidates = suggest(whole.value, values, 1);
    ctx.report(
      'invalid-value',
      expr,
      {
        kind: 'value',
        key,
        value: whole.value,
        effect: removed ?? (str.fatal ? 'lighttpd refuses to start' : str.effect),
        suggestion: candidates[0],
        allowed: values
          .filter((x) => x !== 'libev')
          .map((x) => `"${x}"`)
          .join(', '),
      },
      { severity: str.fatal ? undefined : 'warning', fixes: replaceFixes(expr, candidates) },
    );
    return;
  }
  const keyed = KEY_ENUMS[name];
  if (keyed) {
    const known = enumKeys(name);
    for (const e of elements) {
      if (e.key === undefined) continue;
      if (!known.includes(e.key)) {
        const candidates = suggest(e.key, known, 1);
        ctx.report(
          'invalid-value',
          e.keySpan,
          {
            kind: 'key',
            key,
            value: e.key,
            where: `key of ${key}`,
            effect: keyed.fatal ? 'lighttpd refuses to start' : (keyed.effect ?? 'lighttpd ignores it'),
            suggestion: candidates[0],
            allowed: known.length <= 16 ? known.map((k) => `"${k}"`).join(', ') : undefined,
          },
          { severity: keyed.fatal ? undefined : 'warning', fixes: replaceFixes(e.keySpan as Expression, candidates) },
        );
        continue;
      }
      if (keyed.boolValues && e.value.type === 'string' && !BOOL_WORDS.has(e.value.value.toLowerCase())) {
        ctx.report('invalid-value', e.valueSpan, {
          kind: 'value',
          key: `"${e.key}" in ${key}`,
          value: e.value.value,
          effect: 'lighttpd refuses to start',
          allowed: '"enable" or "disable"',
        });
      }
    }
    return;
  }
  if (name === 'deflate.compression-level' && whole.type === 'integer' && (whole.value < 1 || whole.value > 9)) {
    ctx.report('invalid-value', expr, {
      kind: 'value',
      key,
      value: String(whole.value),
      effect: 'lighttpd refuses to start',
      allowed: 'a level from 1 to 9',
    });
    return;
  }
  if (name === 'auth.require') {
    checkAuthRequire(ctx, key, elements);
    return;
  }
  if (name === 'gw.server-host-keys') checkBackends(ctx, key, elements);
}

function replaceFixes(at: Span & { kind?: string }, candidates: readonly string[]) {
  if (at.kind !== 'string') return undefined;
  return candidates.map((c, i) => ({
    title: `Change to "${c}"`,
    edits: [{ start: at.start, end: at.end, newText: `"${c}"` }],
    preferred: i === 0,
  }));
}

/** auth.require = ( "/path" => ( "method" => ..., "realm" => ..., "require" => ... ) ). */
function checkAuthRequire(ctx: CheckContext, key: string, elements: readonly LocatedElement[]): void {
  for (const path of elements) {
    for (const f of locateElements(path.value, path.valueExpr, path.valueSpan)) {
      if (f.key === undefined) continue;
      if (!AUTH_REQUIRE_KEYS.includes(f.key)) {
        const candidates = suggest(f.key, AUTH_REQUIRE_KEYS, 1);
        ctx.report(
          'invalid-value',
          f.keySpan,
          {
            kind: 'key',
            key,
            value: f.key,
            where: `field of ${key}`,
            effect: 'lighttpd refuses to start',
            suggestion: candidates[0],
            allowed: AUTH_REQUIRE_KEYS.map((k) => `"${k}"`).join(', '),
          },
          { fixes: replaceFixes(f.keySpan, candidates) },
        );
      } else if (f.key === 'method' && f.value.type === 'string' && !AUTH_METHODS.includes(f.value.value)) {
        const candidates = suggest(f.value.value, AUTH_METHODS, 1);
        ctx.report(
          'invalid-value',
          f.valueSpan,
          {
            kind: 'value',
            key: `"method" in ${key}`,
            value: f.value.value,
            effect: 'lighttpd refuses to start',
            suggestion: candidates[0],
            allowed: AUTH_METHODS.map((k) => `"${k}"`).join(', '),
          },
          { fixes: replaceFixes(f.valueSpan, candidates) },
        );
      }
    }
  }
}

/**
 * X.server = ( "<ext or prefix>" => ( "<label>" => ( "host" => ..., "port" => ... ), ... ) ), where the
 * label level may also be unlabelled: ( "<ext>" => ( ( "host" => ... ) ) ).
 */
function checkBackends(ctx: CheckContext, key: string, elements: readonly LocatedElement[]): void {
  const known = gwHostKeys();
  const shape = '( "backend-label" => ( "host" => "127.0.0.1", "port" => 9000 ) )';
  for (const ext of elements) {
    if (ext.value.type !== 'array') continue;
    for (const host of locateElements(ext.value, ext.valueExpr, ext.valueSpan)) {
      if (host.value.type === 'unknown') continue;
      if (
        host.value.type !== 'array' ||
        host.value.elements.some((x) => x.key === undefined && x.value.type !== 'unknown')
      ) {
        report(
          ctx,
          `${key} for "${ext.key ?? ''}"`,
          'backend blocks of key => value pairs',
          `"${ext.key ?? '.ext'}" => ${shape}`,
          host.value.type === 'array' ? 'a list with unkeyed elements' : host.value,
          host.valueSpan,
        );
        continue;
      }
      for (const f of locateElements(host.value, host.valueExpr, host.valueSpan)) {
        if (f.key === undefined) continue;
        const hk = known.get(f.key);
        if (!hk) {
          const candidates = suggest(f.key, known.keys(), 1);
          ctx.report(
            'invalid-value',
            f.keySpan,
            {
              kind: 'key',
              key,
              value: f.key,
              where: `backend option of ${key}`,
              effect: 'lighttpd ignores it',
              suggestion: candidates[0],
            },
            { severity: 'warning', fixes: replaceFixes(f.keySpan, candidates) },
          );
          continue;
        }
        if (hk.since && compareVersions(ctx.version, hk.since) < 0) {
          ctx.report(
            'newer-than-target',
            f.keySpan,
            {
              what: `The backend option "${f.key}"`,
              since: hk.since.replace(/^<=/, ''),
              target: ctx.version,
              effect: 'older versions ignore it',
            },
            { severity: 'warning' },
          );
          continue;
        }
        const inner = locateElements(f.value, f.valueExpr, f.valueSpan);
        if (
          !checkType(ctx, key, hk.type, f.value, f.value, inner, f.valueSpan, `"${f.key}" in ${key}`, `"${f.key}" =>`)
        )
          continue;
        if (f.key === 'mode' && f.value.type === 'string' && !['responder', 'authorizer'].includes(f.value.value)) {
          ctx.report(
            'invalid-value',
            f.valueSpan,
            { kind: 'value', key: `"mode" in ${key}`, value: f.value.value, allowed: '"responder" or "authorizer"' },
            { severity: 'warning' },
          );
        }
      }
    }
  }
}
