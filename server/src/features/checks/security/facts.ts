/**
 * What the security checks ask of an evaluated configuration: the value a block ends up with for a key,
 * the conditions a block sits in, whether the document is the main config, and whether the whole config
 * is known (no unresolved include). Built once per check run from the evaluation (analysis/evaluate.ts),
 * never from the text.
 */
import type { EvalValue, EvaluatedAssignment, Evaluation, Scope } from '../../../analysis';
import { requiredModule } from '../../../analysis/modules';
import type { CheckContext } from '../context';

/** One condition of a block's chain, parsed from the block's identity (evaluate.ts conditionText). */
export interface BlockCondition {
  readonly object: string;
  /** The bracket operand in lower case ("host", "remoteip", "socket", ...); undefined when not a literal. */
  readonly field?: string;
  readonly op: string;
  /** The value when it is a literal string. */
  readonly value?: string;
}

const CONDITION = /^\$([A-Za-z_]+)\[(.*)\] (==|!=|=~|!~|=\^|=\$) (.*)$/s;

function literal(text: string): string | undefined {
  if (!text.startsWith('"')) return undefined;
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'string' ? v : undefined;
  } catch {
    return text.endsWith('"') ? text.slice(1, -1) : undefined;
  }
}

/** Conditions already read, by their text (a pure function of it; every check run asks for each block's chain). */
const parsedConditions = new Map<string, BlockCondition | null>();
const MAX_PARSED_CONDITIONS = 8192;

/** The condition of one block (the negated one for a bare else); undefined for global and unknown else. */
export function blockCondition(scope: Scope): BlockCondition | undefined {
  const text = scope.condition;
  if (!text) return undefined;
  let c = parsedConditions.get(text);
  if (c === undefined) {
    const m = CONDITION.exec(text);
    c = m ? Object.freeze({ object: m[1], field: literal(m[2])?.toLowerCase(), op: m[3], value: literal(m[4]) }) : null;
    if (parsedConditions.size >= MAX_PARSED_CONDITIONS) parsedConditions.clear();
    parsedConditions.set(text, c);
  }
  return c ?? undefined;
}

/** The conditions from the block out to the global scope (innermost first). */
export function chainOf(scope: Scope): BlockCondition[] {
  const out: BlockCondition[] = [];
  for (let s: Scope | undefined = scope; s?.parent; s = s.parent) {
    const c = blockCondition(s);
    if (c) out.push(c);
  }
  return out;
}

const POSITIVE = new Set(['==', '=~', '=^', '=$']);

/** A condition that lets only some client addresses in ($HTTP["remote-ip"] ==, =~, ...; a loopback or unix socket). */
export function isAddressGuard(c: BlockCondition): boolean {
  if (c.object === 'HTTP' && (c.field === 'remoteip' || c.field === 'remote-ip')) return POSITIVE.has(c.op);
  if (c.object === 'SERVER' && c.field === 'socket' && c.op === '==' && c.value !== undefined)
    return /^(127\.|\[::1\]|localhost|\/)/.test(c.value);
  return false;
}

/** A condition on the URL path ($HTTP["url"] / $PHYSICAL / $HTTP["request-method"] ...), positive only. */
export function isPathCondition(c: BlockCondition): boolean {
  if (!POSITIVE.has(c.op)) return false;
  if (c.object === 'HTTP') return c.field === 'url';
  if (c.object === 'PHYSICAL') return true;
  if (c.object === 'URL') return c.field === 'path';
  return false;
}

/** The literal start of the URL paths a block's conditions admit ("" when unknown or every path). */
export function urlPrefixOf(chain: readonly BlockCondition[]): string {
  for (const c of chain) {
    if (!(c.object === 'HTTP' && c.field === 'url') || c.value === undefined) continue;
    if (c.op === '==' || c.op === '=^') return c.value;
    if (c.op === '=~' && c.value.startsWith('^')) {
      const m = /^\^((?:[A-Za-z0-9/_~-]|\\[./-])*)/.exec(c.value);
      if (m) return m[1].replace(/\\(.)/g, '$1');
    }
  }
  return '';
}

function own(scope: Scope, key: string): EvalValue | undefined {
  const v = scope.vars.get(key);
  if (v !== undefined) return v;
  for (const [k, val] of scope.vars) if (k.length === key.length && k.toLowerCase() === key) return val;
  return undefined;
}

export class SecurityFacts {
  readonly evaluation: Evaluation;
  /** Every assignment of the config (all files), in evaluation order. */
  readonly all: readonly EvaluatedAssignment[];
  /** Nothing of the config is hidden behind an include we could not read or an include_shell. */
  readonly complete: boolean;
  /** The document is the main config (not a fragment another file includes, not a lone fragment). */
  readonly isMain: boolean;
  private mineSet?: ReadonlySet<EvaluatedAssignment>;

  /** The assignments written in this document (the only places a finding can be shown). */
  get mine(): ReadonlySet<EvaluatedAssignment> {
    return (this.mineSet ??= new Set(this.ctx.assignments));
  }

  constructor(readonly ctx: CheckContext) {
    const model = ctx.model;
    this.evaluation = model.full ?? model.evaluation;
    this.all = this.evaluation.assignments;
    // (an include of a file that is not there may be a path this machine lacks: its content is unknown too)
    this.complete =
      this.evaluation.unresolvedIncludes.length === 0 &&
      this.evaluation.includeShells.length === 0 &&
      !this.evaluation.problems.some((p) => p.code === 'include-not-found' || p.code === 'include-limit') &&
      !(model.full === undefined && model.evaluation.problems.some((p) => p.code === 'include-not-found'));
    this.isMain = !model.lenient && (model.root === undefined || model.root === model.path);
  }

  private byKey?: Map<string, EvaluatedAssignment[]>;
  private order?: Map<EvaluatedAssignment, number>;

  /** The assignments of `key` (lower case) in the whole config, in evaluation order (indexed once per run). */
  assignmentsOf(key: string): readonly EvaluatedAssignment[] {
    if (!this.byKey) {
      this.byKey = new Map();
      for (const a of this.all) {
        const k = a.node.key.fullName.toLowerCase();
        const list = this.byKey.get(k);
        if (list) list.push(a);
        else this.byKey.set(k, [a]);
      }
    }
    return this.byKey.get(key) ?? [];
  }

  /** The place of an assignment in evaluation order (-1 when it is not one of the config's). */
  orderOf(a: EvaluatedAssignment): number {
    if (!this.order) {
      this.order = new Map();
      this.all.forEach((x, i) => this.order!.set(x, i));
    }
    return this.order.get(a) ?? -1;
  }

  /** The value a block itself holds for `key` at the end of the config (not inherited). */
  ownValue(scope: Scope, key: string): EvalValue | undefined {
    return own(scope, key);
  }

  /** The value requests matching `scope` get for `key`: its own, else the nearest enclosing block's. */
  effective(scope: Scope, key: string): { value: EvalValue; scope: Scope } | undefined {
    for (let s: Scope | undefined = scope; s; s = s.parent) {
      const v = own(s, key);
      if (v !== undefined) return { value: v, scope: s };
    }
    return undefined;
  }

  /** True when the directive takes effect (its module is loaded, or the module list is not fully known). */
  moduleLoaded(key: string): boolean {
    const m = this.ctx.model.modules;
    return m.open || requiredModule(key, m) === undefined;
  }

  /** Every block (and the global scope) that holds its own value for `key`. */
  scopesSetting(key: string): Scope[] {
    return this.evaluation.scopes.filter((s) => own(s, key) !== undefined);
  }
}

const TRUE_WORDS = new Set(['enable', 'enabled', 'true', '1']);

/** lighttpd's boolean reading of a value (config_plugin_value_to_bool); undefined when unknown. */
export function boolOf(v: EvalValue | undefined): boolean | undefined {
  if (!v) return undefined;
  if (v.type === 'integer') return v.value !== 0;
  if (v.type === 'string') return TRUE_WORDS.has(v.value.trim().toLowerCase());
  return undefined;
}

/** The string elements (values) of a list, or its keys (`keys: true`). Unknown elements are left out. */
export function listStrings(v: EvalValue | undefined, keys = false): string[] {
  if (!v || v.type !== 'array') return [];
  const out: string[] = [];
  for (const e of v.elements) {
    if (keys) {
      if (e.key !== undefined) out.push(e.key);
    } else if (e.value.type === 'string') out.push(e.value.value);
  }
  return out;
}

/** True when a list has elements whose value (or key) could not be evaluated. */
export function hasUnknown(v: EvalValue | undefined): boolean {
  return !v || v.type === 'unknown' || (v.type === 'array' && v.elements.some((e) => e.value.type === 'unknown'));
}

/** `a`, `a and b`, `a, b and c` (at most `max` named, then "and N more"). */
export function listText(items: readonly string[], max = 3): string {
  const shown = items.slice(0, max).map((x) => `"${x}"`);
  const more = items.length - shown.length;
  if (more > 0) return `${shown.join(', ')} and ${more} more`;
  return shown.length <= 1 ? (shown[0] ?? '') : `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}
