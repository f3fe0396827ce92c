/**
 * Rules `type-mismatch` and `invalid-value`: the value of each known directive against its lighttpd type
 * (src/configfile-glue.c config_plugin_values_init_block, src/array.c array_is_*), and against what its
 * schema entry lists: its value set, its integer range, the keys of its list value at their depth (options
 * of server.http-parseopts, fields of auth.require, the backend blocks of fastcgi.server / scgi.server /
 * proxy.server / ajp13.server / sockproxy.server / wstunnel.server) and their own values. Nothing here
 * names a directive: a directive with a value set or a key set in the table is checked by construction.
 */
import type { EvalValue, EvaluatedAssignment } from '../../analysis';
import type { Expression, Span } from '../../parser/ast';
import {
  compareVersions,
  getDirective,
  inValueSet,
  isBooleanWord,
  isChecked,
  outsideEffect,
  subKeyPlace,
  type DirectiveInfo,
  type DirectiveType,
  type KeySet,
  type LighttpdEffect,
  type SubKey,
  type ValueSet,
} from '../../schema';
import type { CheckContext, LocatedElement } from './context';
import { describeValue, locateElements, suggest } from './context';
import { restateIfIgnored } from './moduleNotLoaded';
import { backendBlocks } from './backends';

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

export function checkValues(ctx: CheckContext): void {
  for (const a of ctx.assignments) {
    const key = a.node.key.fullName;
    const d = getDirective(key);
    if (!d || !a.node.operator || !a.node.value) continue;
    if (!ctx.atLeast(d.since)) continue; // newer-than-target already says it
    const mark = ctx.findings.length;
    checkAssignment(ctx, a, key, d);
    restateIfIgnored(ctx, key, mark);
  }
}

function checkAssignment(ctx: CheckContext, a: EvaluatedAssignment, key: string, d: DirectiveInfo): void {
  const span = a.node.value!;
  const appended = a.node.operator!.text === '+=';
  // Element-level findings come from the right-hand side (a literal list lines up with its elements);
  // the type of the whole comes from the block's value after the assignment.
  const whole = a.result;
  const mine = locateElements(a.rhs, span, span);
  if (d.typeVariants) {
    const variants = [...new Set(Object.values(d.typeVariants))];
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
    return;
  }
  if (!checkType(ctx, key, d.type, whole, appended ? a.rhs : whole, mine, span)) return;
  if (d.values) checkValueSet(ctx, key, d, d.values, whole, mine, span);
  if (d.range) checkRange(ctx, key, d.range, whole, span);
  if (d.keys) checkKeySet(ctx, key, d.keys, mine);
}

function report(
  ctx: CheckContext,
  key: string,
  expected: string,
  example: string,
  found: EvalValue | string,
  at: Span,
  effect?: LighttpdEffect,
): void {
  ctx.report(
    'type-mismatch',
    at,
    { key, expected, example, found: typeof found === 'string' ? found : describeValue(found) },
    { effect },
  );
}

/** Problems of a scalar value against a scalar type: undefined when it fits (or cannot be known). */
function scalarProblem(type: DirectiveType, v: EvalValue, ctx: CheckContext): { effect?: LighttpdEffect } | undefined {
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
      // before 1.4.73 out-of-range numbers were silently truncated; a string out of range was always refused
      return { effect: ctx.atLeast('1.4.73') || v.type === 'string' ? undefined : 'accepted-but-risky' };
    }
    case 'int':
      if (v.type === 'integer') return undefined;
      return v.type === 'string' && DECIMAL.test(v.value) && parseInt(v.value, 10) >= 0 ? undefined : {};
    case 'boolean':
      if (v.type === 'integer') return undefined;
      return v.type === 'string' && isBooleanWord(v.value) ? undefined : {};
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
    report(ctx, label, shape.expected, `${lhs} ${shape.example}`, whole, span, p.effect);
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

function replaceFixes(at: Span & { kind?: string }, candidates: readonly string[]) {
  if (at.kind !== 'string') return undefined;
  return candidates.map((c, i) => ({
    title: `Change to "${c}"`,
    edits: [{ start: at.start, end: at.end, newText: `"${c}"` }],
    preferred: i === 0,
  }));
}

/** A string (or a number) against a value set; undefined when it fits or lighttpd takes anything. */
function outsideSet(set: ValueSet, v: EvalValue): string | undefined {
  if (!isChecked(set.outside)) return undefined;
  const s = v.type === 'string' ? v.value : v.type === 'integer' ? String(v.value) : undefined;
  return s === undefined || inValueSet(set, s) ? undefined : s;
}

function reportOutsideSet(ctx: CheckContext, key: string, set: ValueSet, value: string, at: Span & { kind?: string }) {
  if (!isChecked(set.outside)) return;
  const { effect, says } = outsideEffect(set.outside);
  const offered = set.values.map((x) => x.value);
  const candidates = suggest(value, offered, 1);
  ctx.report(
    'invalid-value',
    at,
    {
      kind: 'value',
      key,
      value,
      effect: set.removed?.[value] ?? says,
      suggestion: candidates[0],
      allowed: offered.map((x) => `"${x}"`).join(', '),
    },
    { effect, fixes: replaceFixes(at, candidates) },
  );
}

/** The value (a scalar directive), each element (a list of strings) or each element's value (free keys). */
function checkValueSet(
  ctx: CheckContext,
  key: string,
  d: DirectiveInfo,
  set: ValueSet,
  whole: EvalValue,
  elements: readonly LocatedElement[],
  expr: Expression,
): void {
  if (!d.type.startsWith('array')) {
    const bad = outsideSet(set, whole);
    if (bad !== undefined) reportOutsideSet(ctx, key, set, bad, expr);
    return;
  }
  for (const e of elements) {
    const bad = outsideSet(set, e.value);
    if (bad !== undefined)
      reportOutsideSet(ctx, e.key === undefined ? key : `"${e.key}" in ${key}`, set, bad, e.valueSpan);
  }
}

function checkRange(
  ctx: CheckContext,
  key: string,
  range: { readonly min: number; readonly max: number },
  whole: EvalValue,
  expr: Expression,
): void {
  // a number written as a string is read as the number (configfile-glue.c)
  const n =
    whole.type === 'integer'
      ? whole.value
      : whole.type === 'string' && DECIMAL.test(whole.value)
        ? parseInt(whole.value, 10)
        : undefined;
  if (n === undefined || (n >= range.min && n <= range.max)) return;
  ctx.report('invalid-value', expr, {
    kind: 'value',
    key,
    value: String(n),
    effect: 'lighttpd refuses to start',
    allowed: `a number from ${range.min} to ${range.max}`,
  });
}

/** The keyed elements at the set's depth: the list itself, the blocks under its keys, or backend blocks. */
function elementsAtDepth(
  ctx: CheckContext,
  key: string,
  set: KeySet,
  elements: readonly LocatedElement[],
): readonly LocatedElement[] {
  if (set.depth === 1) return elements;
  if (set.depth === 2) return elements.flatMap((e) => locateElements(e.value, e.valueExpr, e.valueSpan));
  return backendBlocksChecked(ctx, key, elements).flatMap((b) => locateElements(b.value, b.valueExpr, b.valueSpan));
}

/**
 * X.server = ( "<ext or prefix>" => ( "<label>" => ( "host" => ..., "port" => ... ), ... ) ), where the
 * label level may also be unlabelled: ( "<ext>" => ( ( "host" => ... ) ) ). A host that is not a block of
 * key => value pairs is a type-mismatch.
 */
function backendBlocksChecked(ctx: CheckContext, key: string, elements: readonly LocatedElement[]): LocatedElement[] {
  const shape = '( "backend-label" => ( "host" => "127.0.0.1", "port" => 9000 ) )';
  return backendBlocks(elements, (ext, host) =>
    report(
      ctx,
      `${key} for "${ext.key ?? ''}"`,
      'backend blocks of key => value pairs',
      `"${ext.key ?? '.ext'}" => ${shape}`,
      host.value.type === 'array' ? 'a list with unkeyed elements' : host.value,
      host.valueSpan,
    ),
  ).map((b) => b.block);
}

/** The keys of a list value against its key set, and each known key's value against the key's schema. */
/** A key set's keys by name, built once per set (the schema's sets are constant). */
const keyIndexes = new WeakMap<KeySet, { byKey: Map<string, SubKey>; known: string[] }>();
function keyIndex(set: KeySet) {
  let ix = keyIndexes.get(set);
  if (!ix) {
    const byKey = new Map<string, SubKey>();
    for (const k of set.keys) {
      const name = set.caseInsensitive ? k.key.toLowerCase() : k.key;
      if (!byKey.has(name)) byKey.set(name, k);
    }
    keyIndexes.set(set, (ix = { byKey, known: set.keys.map((k) => k.key) }));
  }
  return ix;
}

function checkKeySet(ctx: CheckContext, key: string, set: KeySet, elements: readonly LocatedElement[]): void {
  const { byKey, known } = keyIndex(set);
  for (const f of elementsAtDepth(ctx, key, set, elements)) {
    if (f.key === undefined) continue;
    const sub = byKey.get(set.caseInsensitive ? f.key.toLowerCase() : f.key);
    if (!sub) {
      if (!isChecked(set.outside)) continue;
      const { effect, says } = outsideEffect(set.outside);
      const candidates = suggest(f.key, known, 1);
      ctx.report(
        'invalid-value',
        f.keySpan,
        {
          kind: 'key',
          key,
          value: f.key,
          where: subKeyPlace(set, key),
          effect: says,
          suggestion: candidates[0],
          allowed: known.length <= 16 ? known.map((k) => `"${k}"`).join(', ') : undefined,
        },
        { effect, fixes: replaceFixes(f.keySpan as Expression, candidates) },
      );
      continue;
    }
    if (sub.since && compareVersions(ctx.version, sub.since) < 0) {
      ctx.report(
        'newer-than-target',
        f.keySpan,
        {
          what: `The ${set.noun ?? 'key'} "${f.key}" of ${key}`,
          since: sub.since.replace(/^<=/, ''),
          target: ctx.version,
          effect: set.outside === 'fatal' ? 'older versions refuse to start' : 'older versions ignore it',
        },
        { effect: isChecked(set.outside) ? outsideEffect(set.outside).effect : 'silently-ignores' },
      );
      continue;
    }
    const label = `"${f.key}" in ${key}`;
    if (set.typed && sub.type) {
      const inner = locateElements(f.value, f.valueExpr, f.valueSpan);
      if (!checkType(ctx, key, sub.type, f.value, f.value, inner, f.valueSpan, label, `"${f.key}" =>`)) continue;
    }
    if (set.strictBooleans && sub.type === 'boolean' && f.value.type === 'string' && !isBooleanWord(f.value.value)) {
      ctx.report('invalid-value', f.valueSpan, {
        kind: 'value',
        key: label,
        value: f.value.value,
        effect: 'lighttpd refuses to start',
        allowed: '"enable" or "disable"',
      });
      continue;
    }
    if (sub.values) {
      const bad = outsideSet(sub.values, f.value);
      if (bad !== undefined) reportOutsideSet(ctx, label, sub.values, bad, f.valueSpan);
    }
  }
}
