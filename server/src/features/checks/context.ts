/**
 * What every semantic check receives, and the shared helpers they use. A check is a function
 * `(ctx: CheckContext) => void` that calls `ctx.report(...)`; the message comes from the rule table
 * (features/diagnostics/rules.ts), so checks only state facts.
 */
import type { DocumentModel, EvalValue, EvaluatedAssignment, EvaluatedCondition, Scope } from '../../analysis';
import type { ArrayValue, ConditionBranch, Expression, Severity, Span, Statement } from '../../parser/ast';
import { compareVersions, NEWEST_VERSION, normalizeVersion } from '../../schema';
import {
  EFFECT_SEVERITY,
  getRule,
  ruleMessage,
  type ArgsOf,
  type LighttpdEffect,
  type NoArgs,
  type RuleCode,
} from '../diagnostics/rules';
import { DEFAULT_PLATFORM, normalizePlatform, type Platform } from '../shared/platform';
import { DEFAULT_TLS_PROFILE, normalizeTlsProfile, type TlsProfileName } from '../../schema/tlsProfiles';

/** A text replacement in the document, by offsets. */
export interface FixEdit extends Span {
  readonly newText: string;
}

/** A quick fix proposed with a finding. */
export interface Fix {
  readonly title: string;
  readonly edits: readonly FixEdit[];
  readonly preferred?: boolean;
  /**
   * A fix that cannot change what lighttpd does beyond what its finding names (add a missing module in
   * lighttpd's order, rename a deprecated key to its exact replacement, remove a line lighttpd ignores):
   * `lighttpd-lint --fix` applies these, and only these, without asking.
   */
  readonly safe?: boolean;
}

export interface Finding extends Span {
  readonly code: RuleCode;
  readonly message: string;
  /**
   * What lighttpd does with this case when it differs from the rule's usual effect (rules.ts), and the
   * severity that follows from it (user settings still win).
   */
  readonly effect?: LighttpdEffect;
  readonly severity?: Severity;
  readonly fixes?: readonly Fix[];
  readonly tags?: readonly ('deprecated' | 'unnecessary')[];
  /** Facts for other features, carried on the diagnostic (e.g. the module of module-not-loaded). */
  readonly data?: FindingData;
}

/** Facts a finding hands to other features through the diagnostic's data. */
export type FindingData = Readonly<Record<string, string>>;

/** What `report` takes after the span: the rule's message arguments (optional when it has none), then extras. */
export type ReportRest<C extends RuleCode> =
  NoArgs extends ArgsOf<C> ? [args?: ArgsOf<C>, extra?: ReportExtra] : [args: ArgsOf<C>, extra?: ReportExtra];

export interface ReportExtra {
  /**
   * What lighttpd does with this case, when it is not the rule's usual effect (e.g. platform-unsupported:
   * an event handler the platform lacks refuses to start, an option it lacks is silently ignored): the
   * finding's severity follows from it (EFFECT_SEVERITY). There is no way to set a severity directly.
   */
  readonly effect?: LighttpdEffect;
  readonly fixes?: readonly Fix[];
  readonly tags?: readonly ('deprecated' | 'unnecessary')[];
  readonly data?: FindingData;
}

export interface CheckOptions {
  /** Target lighttpd version, e.g. "1.4.69"; default NEWEST_VERSION. */
  readonly version?: string;
  /** Target platform (setting lighttpd.platform); default linux. */
  readonly platform?: Platform;
  /** The version the configuration runs on before an upgrade to `version` (rules upgrade-*); unset: none. */
  readonly upgradeFrom?: string;
  /** The TLS profile TLS settings are held to (setting lighttpd.security.tlsProfile); default intermediate. */
  readonly tlsProfile?: string;
}

export class CheckContext {
  readonly findings: Finding[] = [];
  readonly version: string;
  readonly platform: Platform;
  readonly upgradeFrom?: string;
  readonly tlsProfile: TlsProfileName | 'off';
  /** Assignments and conditions written in this document (not those of files it includes). */
  readonly assignments: readonly EvaluatedAssignment[];
  readonly conditions: readonly EvaluatedCondition[];

  /** Lookups shared by a document's context and the per-statement contexts made from it (see `part`). */
  private readonly common: {
    readonly whole: CheckContext;
    readonly made: Map<unknown, unknown>;
    firstCondition?: Map<Scope, EvaluatedCondition>;
  };

  constructor(
    readonly text: string,
    readonly model: DocumentModel,
    options: CheckOptions = {},
  ) {
    this.version = normalizeVersion(options.version) ?? NEWEST_VERSION;
    this.platform = normalizePlatform(options.platform) ?? DEFAULT_PLATFORM;
    this.upgradeFrom = normalizeVersion(options.upgradeFrom);
    this.tlsProfile = normalizeTlsProfile(options.tlsProfile) ?? DEFAULT_TLS_PROFILE;
    this.common = { whole: this, made: new Map() };
    this.assignments = model.evaluation.assignments;
    // The evaluation also holds the conditions of included files: keep the ones written in this document
    // (all of them when it read no other file).
    if (model.evaluation.includedPaths.size === 0) {
      this.conditions = model.evaluation.conditions;
    } else {
      const own = new Set<ConditionBranch>();
      walkStatements(model.file.statements, (st) => {
        if (st.kind === 'conditional') for (const b of st.branches) own.add(b);
      });
      this.conditions = model.evaluation.conditions.filter((c) => own.has(c.branch));
    }
  }

  /**
   * The same document and options, restricted to one top-level statement: `model.file.statements` is just
   * it, `assignments` and `conditions` are those written in it (checks/incremental.ts runs the per-statement
   * checks on these and keeps their findings while the statement and what it reads are unchanged).
   */
  part(
    statement: Statement,
    assignments: readonly EvaluatedAssignment[],
    conditions: readonly EvaluatedCondition[],
  ): CheckContext {
    const ctx = Object.create(CheckContext.prototype) as CheckContext;
    const model: DocumentModel = { ...this.model, file: { ...this.model.file, statements: [statement] } };
    Object.assign(ctx, this, { findings: [], model, assignments, conditions });
    return ctx;
  }

  /** The first condition branch evaluated for a block (the one that opened it), over the whole evaluation. */
  firstCondition(scope: Scope): EvaluatedCondition | undefined {
    let map = this.common.firstCondition;
    if (!map) {
      map = this.common.firstCondition = new Map();
      for (const c of this.model.evaluation.conditions) if (!map.has(c.scope)) map.set(c.scope, c);
    }
    return map.get(scope);
  }

  /**
   * A value made once per check run from the whole document's context (not a per-statement part) and shared
   * by every part, under `key`.
   */
  shared<T>(key: unknown, make: (whole: CheckContext) => T): T {
    if (!this.common.made.has(key)) this.common.made.set(key, make(this.common.whole));
    return this.common.made.get(key) as T;
  }

  /** Reports a finding of rule `code` at `at`; the message is the rule's, built from `args`. */
  report<C extends RuleCode>(code: C, at: Span, ...[args, extra]: ReportRest<C>): void {
    const message = ruleMessage(code, (args ?? {}) as ArgsOf<C>);
    const effect = extra?.effect;
    const severity = effect && effect !== getRule(code)?.effect ? EFFECT_SEVERITY[effect] : undefined;
    this.findings.push({
      code,
      message,
      start: at.start,
      end: Math.max(at.start, at.end),
      ...extra,
      ...(severity ? { severity } : {}),
    });
  }

  /**
   * The findings reported since `mark` (an index into `findings`) describe a case lighttpd meets with `effect`
   * rather than their rules' usual one: they take it, with the severity it gives, and end with `note`.
   */
  restate(mark: number, effect: LighttpdEffect, note: string): void {
    for (let i = mark; i < this.findings.length; i++) {
      const { severity: _, ...f } = this.findings[i];
      const severity = effect !== getRule(f.code)?.effect ? EFFECT_SEVERITY[effect] : undefined;
      this.findings[i] = { ...f, message: `${f.message} ${note}`, effect, ...(severity ? { severity } : {}) };
    }
  }

  /** True when the target version is at least `v`. */
  atLeast(v: string): boolean {
    return compareVersions(this.version, v) >= 0;
  }

  source(span: Span): string {
    return this.text.slice(span.start, span.end);
  }
}

export interface WalkDepth {
  readonly inGlobal: boolean;
  readonly inCondition: boolean;
}

// The four depths, shared: the walks run on every keystroke, without an allocation per block.
const DEPTHS: readonly WalkDepth[] = [false, true].flatMap((inGlobal) =>
  [false, true].map((inCondition) => Object.freeze({ inGlobal, inCondition })),
);
const depthOf = (inGlobal: boolean, inCondition: boolean) => DEPTHS[(inGlobal ? 2 : 0) + (inCondition ? 1 : 0)];

/** Calls `fn` for every statement, depth first, including those inside blocks. */
export function walkStatements(
  statements: readonly Statement[],
  fn: (st: Statement, depth: WalkDepth) => void,
  depth: WalkDepth = DEPTHS[0],
): void {
  for (const st of statements) {
    fn(st, depth);
    if (st.kind === 'conditional') {
      const inner = depthOf(depth.inGlobal, true);
      for (const b of st.branches) if (b.body) walkStatements(b.body.statements, fn, inner);
    } else if (st.kind === 'global' && st.body) {
      walkStatements(st.body.statements, fn, depthOf(true, depth.inCondition));
    }
  }
}

/** The line (1-based) of an offset in the document, for messages that name another place. */
export function lineOf(text: string, offset: number): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Re-exported for the checks (the one version parser is in the schema). */
export { normalizeVersion };

/** A readable description of an evaluated value for messages. */
export function describeValue(v: EvalValue): string {
  switch (v.type) {
    case 'string':
      return `the string "${v.value.length > 40 ? v.value.slice(0, 40) + '…' : v.value}"`;
    case 'integer':
      return `the number ${v.value}`;
    case 'array':
      return v.elements.length === 0 ? 'an empty list' : 'a list';
    case 'unknown':
      return 'a value';
  }
}

/** An element of an evaluated list together with where it is written (as precisely as known). */
export interface LocatedElement {
  readonly key?: string;
  readonly value: EvalValue;
  /** The element's key expression, or the best enclosing span. */
  readonly keySpan: Span;
  /** The element's value expression, or the best enclosing span. */
  readonly valueSpan: Span;
  /** The element's value expression when the list is a literal. */
  readonly valueExpr?: Expression;
}

/**
 * Pairs the elements of an evaluated list with the literal list that produced it, when `expr` is that
 * literal; otherwise every element is located at `fallback`.
 */
export function locateElements(v: EvalValue, expr: Expression | undefined, fallback: Span): LocatedElement[] {
  if (v.type !== 'array') return [];
  const lit = expr?.kind === 'array' ? (expr as ArrayValue) : undefined;
  const aligned = lit && lit.elements.length === v.elements.length ? lit : undefined;
  return v.elements.map((e, i) => {
    const el = aligned?.elements[i];
    const valueSpan: Span = el?.value ?? el ?? fallback;
    return { key: e.key, value: e.value, keySpan: el?.key ?? valueSpan, valueSpan, valueExpr: el?.value };
  });
}

/** Levenshtein distance, capped: returns max+1 as soon as the distance exceeds max. */
export function editDistance(a: string, b: string, max = 8): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length];
}

/**
 * Candidates close to `word`, best first: separators (`-`, `_`, `.`) and case do not count as much as
 * letters, so `server.document_root` finds `server.document-root`.
 */
export function suggest(word: string, candidates: Iterable<string>, limit = 3): string[] {
  const norm = (s: string) => s.toLowerCase().replace(/[-_]/g, '');
  const w = norm(word);
  const max = Math.max(2, Math.floor(word.length / 4));
  const scored: { c: string; d: number }[] = [];
  for (const c of candidates) {
    if (c === word) continue;
    const n = norm(c);
    const d =
      n === w ? 0.5 : editDistance(word.toLowerCase(), c.toLowerCase(), max) + (editDistance(w, n, max) > max ? 1 : 0);
    if (d <= max) scored.push({ c, d });
  }
  scored.sort((x, y) => x.d - y.d || x.c.localeCompare(y.c));
  return scored.slice(0, limit).map((x) => x.c);
}

/** Offsets inside a string literal: maps an index into its value to the source offset. */
export function stringValueOffset(text: string, literal: Span, index: number): number {
  // Only `\"` differs between source and value (docs/grammar.md §2.4).
  let src = literal.start + 1;
  for (let i = 0; i < index && src < literal.end; i++) {
    src += text[src] === '\\' && text[src + 1] === '"' ? 2 : 1;
  }
  return src;
}
