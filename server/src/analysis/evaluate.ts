/**
 * Evaluates a parsed file the way lighttpd's grammar actions do (docs/grammar.md
 * §4, §6, §8; src/configparser.y): variables and `+`, `=` / `+=` / `:=` per block, blocks keyed by
 * condition text, `global { }` re-entering the global block, `var.CWD` / `var.PID` predefined.
 *
 * What cannot be known statically evaluates to `unknown`: `env.*` (the server's environment at start-up)
 * and everything an unresolved `include` / `include_shell` could define. Unknown never causes a problem
 * report: a wrong diagnostic is worse than none.
 */
import type {
  Assignment,
  ConditionBranch,
  ConditionHead,
  ConfigFile,
  Expression,
  Include,
  Span,
  Statement,
  Value,
} from '../parser/ast';

export type EvalValue =
  | { readonly type: 'string'; readonly value: string }
  | { readonly type: 'integer'; readonly value: number }
  | { readonly type: 'array'; readonly elements: readonly EvalElement[] }
  | { readonly type: 'unknown' };

export interface EvalElement {
  readonly key?: string;
  readonly value: EvalValue;
}

export const UNKNOWN: EvalValue = Object.freeze({ type: 'unknown' as const });

/** A config context: the global block or one block per distinct condition path. */
export interface Scope {
  readonly id: number;
  readonly parent?: Scope;
  /** Normalised condition text of this block, e.g. `$HTTP["host"] == "a"`; undefined for global. */
  readonly condition?: string;
  /** The branch that opened the block (first occurrence), if any. */
  readonly branch?: ConditionBranch;
  /** The condition head of this block (absent for `else { }` and global). */
  readonly head?: ConditionHead;
  readonly vars: Map<string, EvalValue>;
  /** Where each variable of this block was last set. */
  readonly setAt: Map<string, Assignment>;
}

export interface EvaluatedAssignment {
  readonly node: Assignment;
  /** The file the assignment is written in (EvaluateOptions.path for the evaluated document itself). */
  readonly path: string;
  readonly scope: Scope;
  /** The value of the right-hand side alone. */
  readonly rhs: EvalValue;
  /** The key's value in its block after the assignment (after merging for `+=`). */
  readonly result: EvalValue;
}

/** Problems found while evaluating; codes are the diagnostics codes of features/diagnostics/rules.ts. */
export interface EvalProblem extends Span {
  readonly code:
    | 'undefined-variable'
    | 'type-merge'
    | 'duplicate-key'
    | 'env-assignment'
    | 'duplicate-array-key'
    | 'include-not-found'
    | 'include-contents-unknown'
    | 'include-cycle'
    | 'include-limit'
    | 'include-outside-workspace'
    | 'type-mismatch';
  readonly message: string;
  /** The file the problem is in. */
  readonly path: string;
  /** Other places that explain the problem (the includes of a cycle), in their own files. */
  readonly related?: readonly RelatedSpan[];
  /** Facts for a quick fix (include-outside-workspace: the mapping `from` and `to`). */
  readonly data?: Readonly<Record<string, unknown>>;
}

/** A span in some file, with what it shows. */
export interface RelatedSpan extends Span {
  readonly path: string;
  readonly message: string;
}

/** One file brought in by an include: which statement of which file read it. */
export interface IncludeEdge {
  /** The file the include statement is written in. */
  readonly from: string;
  readonly include: Include;
  /** The file it read. */
  readonly to: string;
}

/** One branch of a conditional chain as evaluated: the block it opens and its evaluated operands. */
export interface EvaluatedCondition {
  readonly branch: ConditionBranch;
  /** The file the condition is written in (like EvaluatedAssignment.path). */
  readonly path: string;
  /** The block the branch's statements belong to. */
  readonly scope: Scope;
  /** The block that contains the conditional. */
  readonly parent: Scope;
  /** The bracket operand (`"host"` in `$HTTP["host"]`); unknown for a bare else. */
  readonly field: EvalValue;
  /** The value after the operator; unknown for a bare else. */
  readonly value: EvalValue;
}

export interface Evaluation {
  readonly global: Scope;
  readonly scopes: readonly Scope[];
  readonly assignments: readonly EvaluatedAssignment[];
  /** Every condition branch in evaluation order (includes those brought in by resolved includes). */
  readonly conditions: readonly EvaluatedCondition[];
  readonly problems: readonly EvalProblem[];
  /** `include` statements whose content is not part of this evaluation. */
  readonly unresolvedIncludes: readonly Include[];
  /** `include_shell` statements (never executed here). */
  readonly includeShells: readonly Include[];
  /** Every file read through includes. */
  readonly includedPaths: ReadonlySet<string>;
  /** Every inclusion in evaluation order (a file included twice appears twice). */
  readonly includes: readonly IncludeEdge[];
}

/**
 * What an `include` brings in, as decided by the multi-file layer (analysis/workspace.ts):
 * the parsed files in lighttpd's order, a plain path that does not exist, or unknown (undefined).
 */
/**
 * A workspace copy an absolute include could have read: the path mapping (installed prefix -> workspace folder)
 * under which the include matches workspace files, while without it the include reads this machine's files.
 */
export interface WorkspaceCopy {
  readonly from: string;
  readonly to: string;
}

export type IncludeResolution = (
  | { readonly files: readonly { readonly path: string; readonly file: ConfigFile }[]; readonly truncated?: boolean }
  | { readonly notFound: string }
) & { readonly copy?: WorkspaceCopy };

export type IncludeResolver = (
  include: Include,
  operand: EvalValue,
  from: { readonly path: string; readonly scope: Scope },
) => IncludeResolution | undefined;

export interface EvaluateOptions {
  /** Path (or URI) of the evaluated document; problems and assignments in it carry this path. */
  readonly path?: string;
  readonly resolveInclude?: IncludeResolver;
  /** At most this many files are read through includes (each file counted once per inclusion). */
  readonly maxIncludedFiles?: number;
  /** At most this many characters of text are evaluated through includes (summed like maxIncludedFiles). */
  readonly maxIncludedSize?: number;
  /** Values for `env.NAME`; absent names evaluate to unknown. */
  readonly env?: Readonly<Record<string, string>>;
  /**
   * Keep a journal of what each top-level statement read and did, so that a later evaluation of an edited
   * version can replay the statements that did not change (see `previous`).
   */
  readonly journal?: boolean;
  /**
   * The journaled evaluation of an earlier version of the same file with the same options. A top-level
   * statement that is the same node as then (parser/incremental.ts keeps unchanged statements) and finds
   * the state it read unchanged is replayed: its scopes, values and records are reused instead of
   * evaluated again. The result is exactly that of a fresh evaluation; `previous` is consumed (its scope
   * objects are reused and reset).
   */
  readonly previous?: Evaluation;
}

/** A probe of a block's variable (`key`: the name it is stored under, if any) or of a block's child by condition. */
type JournalRead =
  | {
      readonly kind: 'var';
      readonly scope: Scope;
      readonly lower: string;
      readonly key: string | undefined;
      readonly value: EvalValue | undefined;
    }
  | { readonly kind: 'block'; readonly parent: Scope; readonly identity: string; readonly scope: Scope | undefined };

/** A change of the state: a block created, a variable stored. */
type JournalEffect =
  | { readonly kind: 'scope'; readonly scope: Scope; readonly parent: Scope; readonly identity: string }
  | {
      readonly kind: 'store';
      readonly scope: Scope;
      readonly name: string;
      readonly value: EvalValue;
      readonly at?: Assignment;
    };

/** What evaluating one top-level statement read of the state before it, did to it, and produced. */
interface StatementJournal {
  /** The statement's offset when recorded (problems move with it). */
  start: number;
  readonly open: boolean;
  readonly concatUsed: number;
  readonly mergeUsed: number;
  /** Probes of blocks that existed before the statement, in order. */
  readonly reads: readonly JournalRead[];
  readonly effects: readonly JournalEffect[];
  readonly assignments: readonly EvaluatedAssignment[];
  readonly conditions: readonly EvaluatedCondition[];
  readonly problems: readonly EvalProblem[];
}

/** The journal of an evaluation, by top-level statement (kept beside it, not in it). */
const journals = new WeakMap<Evaluation, Map<Statement, StatementJournal>>();

/** The journal being recorded for the current top-level statement. */
interface Recording {
  /** Blocks with an id below this existed before the statement. */
  readonly watermark: number;
  readonly reads: JournalRead[];
  readonly effects: JournalEffect[];
  /** False once the statement did something a replay cannot reproduce (includes, limits, long else chains). */
  replayable: boolean;
}

export function conditionText(head: ConditionHead | undefined, src?: (e: Expression) => string): string {
  if (!head) return '?';
  const field = head.field ? (src ? src(head.field) : exprKey(head.field)) : '?';
  const value = head.value ? (src ? src(head.value) : exprKey(head.value)) : '?';
  return `$${head.object?.name ?? '?'}[${field}] ${head.operator?.text ?? '?'} ${value}`;
}

function exprKey(e: Expression): string {
  switch (e.kind) {
    case 'string':
      return NEEDS_ESCAPE.test(e.value) ? JSON.stringify(e.value) : `"${e.value}"`;
    case 'integer':
      return e.text;
    case 'variable':
      return e.fullName;
    case 'array':
      return '(…)';
    case 'concat':
      return e.operands.map(exprKey).join(' + ');
  }
}

/** What JSON.stringify would escape in a string (quote, backslash, control characters, lone surrogates). */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

const NEGATE: Record<string, string> = { '==': '!=', '!=': '==', '=~': '!~', '!~': '=~', '=^': '!^', '=$': '!$' };

/**
 * Bounds on what evaluation builds beyond the text itself, so that no input makes it quadratic or
 * exponential (`a := a + a` doubles a value per line; `x += (...)` repeated copies a growing list).
 * Past a bound a merge evaluates to unknown, which never causes a report.
 */
export const EVAL_LIMITS = {
  /** Characters all string concatenations of one evaluation may produce together. */
  concatChars: 16 * 1024 * 1024,
  /** List elements all list merges of one evaluation may produce together. */
  mergeElements: 1_000_000,
  /** Include files (each counted once per inclusion) and their total size, per evaluation. */
  includedFiles: 2000,
  includedSize: 64 * 1024 * 1024,
};

class Evaluator {
  readonly scopes: Scope[] = [];
  readonly assignments: EvaluatedAssignment[] = [];
  readonly conditions: EvaluatedCondition[] = [];
  readonly problems: EvalProblem[] = [];
  readonly unresolvedIncludes: Include[] = [];
  readonly includeShells: Include[] = [];
  /** Blocks by parent scope id, then by condition identity. */
  private readonly byCondition: Map<string, Scope>[] = [];
  readonly global: Scope;
  /** Set once anything unknowable (include, include_shell) ran: later undefined names are not errors. */
  private open = false;
  private depth = 0;
  /** The file whose statements are being evaluated, and the chain of includes that led to it. */
  private path: string;
  private readonly includeStack: string[] = [];
  /** The include statement that brought in each file of includeStack after the first. */
  private readonly includeChain: Include[] = [];
  readonly includes: IncludeEdge[] = [];
  private includedFiles = 0;
  private includedSize = 0;
  private concatBudget = EVAL_LIMITS.concatChars;
  private mergeBudget = EVAL_LIMITS.mergeElements;
  readonly includedPaths = new Set<string>();
  /** The journal of this evaluation (when asked for), the previous one (when given), the current statement's. */
  readonly journal: Map<Statement, StatementJournal> | undefined;
  private readonly previous: Map<Statement, StatementJournal> | undefined;
  private rec: Recording | undefined;

  constructor(private readonly options: EvaluateOptions) {
    this.path = options.path ?? '';
    this.includeStack.push(this.path);
    this.previous = options.previous ? journals.get(options.previous) : undefined;
    this.journal = options.journal || this.previous ? new Map() : undefined;
    // The global block of the previous evaluation is reused (replayed statements refer to it).
    const oldGlobal = this.previous ? options.previous!.global : undefined;
    this.global = oldGlobal ? this.reuseScope(oldGlobal) : this.newScope(undefined, undefined, undefined, undefined);
    // Predefined in global scope by config_vars_init() (src/configfile.c).
    this.store(this.global, 'var.CWD', UNKNOWN);
    this.store(this.global, 'var.PID', UNKNOWN);
  }

  private newScope(
    parent: Scope | undefined,
    condition: string | undefined,
    branch: ConditionBranch | undefined,
    head: ConditionHead | undefined,
  ): Scope {
    const s: Scope = { id: this.scopes.length, parent, condition, branch, head, vars: new Map(), setAt: new Map() };
    this.scopes.push(s);
    return s;
  }

  /** A block object of the previous evaluation, emptied and numbered as the next block of this one. */
  private reuseScope(s: Scope): Scope {
    (s as { id: number }).id = this.scopes.length;
    s.vars.clear();
    s.setAt.clear();
    this.scopes.push(s);
    return s;
  }

  private scopeFor(parent: Scope, identity: string, branch: ConditionBranch, head: ConditionHead | undefined): Scope {
    // Identical condition text under the same parent denotes the same block (docs/grammar.md §4.3), compared without
    // case as lighttpd's arrays compare keys: `$HTTP["url"] =~ "^/a"` after `$HTTP["url"] =~ "^/A"` is that
    // block, and matches what the first one says (lighttpd 1.4.69 -p merges them; so does its request log).
    const key = identity.toLowerCase();
    const children = (this.byCondition[parent.id] ??= new Map());
    let s = children.get(key);
    const rec = this.rec;
    if (rec && parent.id < rec.watermark) rec.reads.push({ kind: 'block', parent, identity: key, scope: s });
    if (!s) {
      s = this.newScope(parent, identity, branch, head);
      children.set(key, s);
      if (rec) rec.effects.push({ kind: 'scope', scope: s, parent, identity: key });
    }
    return s;
  }

  /** Evaluates the top-level statements of the file, replaying those the previous journal covers. */
  runTop(statements: readonly Statement[]): void {
    if (!this.journal) return this.run(statements, this.global);
    for (const st of statements) {
      const old = this.previous?.get(st);
      if (old && this.replay(st, old)) continue;
      this.record(st);
    }
  }

  /** Evaluates one top-level statement, keeping its journal. */
  private record(st: Statement): void {
    const a0 = this.assignments.length;
    const c0 = this.conditions.length;
    const p0 = this.problems.length;
    const concat0 = this.concatBudget;
    const merge0 = this.mergeBudget;
    const open = this.open;
    const rec: Recording = { watermark: this.scopes.length, reads: [], effects: [], replayable: true };
    this.rec = rec;
    this.depth++;
    this.statement(st, this.global);
    this.depth--;
    this.rec = undefined;
    if (!rec.replayable || this.open !== open) return;
    this.journal!.set(st, {
      start: st.start,
      open,
      concatUsed: concat0 - this.concatBudget,
      mergeUsed: merge0 - this.mergeBudget,
      reads: rec.reads,
      effects: rec.effects,
      assignments: this.assignments.slice(a0),
      conditions: this.conditions.slice(c0),
      problems: this.problems.slice(p0),
    });
  }

  /**
   * Replays a statement from its journal when everything it read is as it was: the same state before it
   * and the same node give the same blocks, values, records and problems. False (nothing done) otherwise.
   */
  private replay(st: Statement, j: StatementJournal): boolean {
    if (j.open !== this.open || j.concatUsed > this.concatBudget || j.mergeUsed > this.mergeBudget) return false;
    for (const r of j.reads) {
      if (r.kind === 'block') {
        if (this.byCondition[r.parent.id]?.get(r.identity) !== r.scope) return false;
      } else {
        const key = this.storedKey(r.scope, r.lower);
        if (key !== r.key || (key === undefined ? undefined : r.scope.vars.get(key)) !== r.value) return false;
      }
    }
    for (const e of j.effects) {
      if (e.kind === 'scope') {
        this.reuseScope(e.scope);
        (this.byCondition[e.parent.id] ??= new Map()).set(e.identity, e.scope);
      } else {
        this.store(e.scope, e.name, e.value, e.at);
      }
    }
    this.concatBudget -= j.concatUsed;
    this.mergeBudget -= j.mergeUsed;
    for (const a of j.assignments) this.assignments.push(a);
    for (const c of j.conditions) this.conditions.push(c);
    // The statement may have moved (an edit before it): its problems move along.
    const delta = st.start - j.start;
    for (const p of j.problems) {
      if (delta !== 0) {
        (p as { start: number }).start += delta;
        (p as { end: number }).end += delta;
      }
      this.problems.push(p);
    }
    j.start = st.start;
    this.journal!.set(st, j);
    return true;
  }

  run(statements: readonly Statement[], scope: Scope): void {
    if (++this.depth > 64) {
      this.depth--;
      return;
    } // includes nested absurdly deep
    for (const st of statements) this.statement(st, scope);
    this.depth--;
  }

  private statement(st: Statement, scope: Scope): void {
    switch (st.kind) {
      case 'assignment':
        this.assignment(st, scope);
        break;
      case 'global':
        if (st.body) this.run(st.body.statements, this.global);
        break;
      case 'conditional':
        this.conditional(st.branches, scope);
        break;
      case 'include':
      case 'include_shell':
        this.include(st, scope);
        break;
    }
  }

  private conditional(branches: readonly ConditionBranch[], scope: Scope): void {
    // Each branch's block is keyed by its own condition text, a bare else's by the negation of the branch
    // just before it (docs/grammar.md §8.4; lighttpd 1.4.69 -t: a standalone block with the same text is the same
    // block, so `server.name` set in `else $HTTP["url"] =~ "^/b" { }` and again in a later
    // `$HTTP["url"] =~ "^/b" { }` is a duplicate, and so is one set after `else { }` in `$HTTP["url"] !~ ...`).
    let previous: string | undefined;
    for (const br of branches) {
      const own = br.head ? conditionText(br.head) : undefined;
      const identity = own ?? (previous !== undefined ? negate(previous) : 'else');
      previous = own;
      const s = this.scopeFor(scope, identity, br, br.head);
      const field = br.head?.field ? this.expression(br.head.field, scope) : UNKNOWN;
      const value = br.head?.value ? this.expression(br.head.value, scope) : UNKNOWN; // variables in the condition value
      this.conditions.push({ branch: br, path: this.path, scope: s, parent: scope, field, value });
      if (br.body) this.run(br.body.statements, s);
    }
  }

  private include(inc: Include, scope: Scope): void {
    if (this.rec) this.rec.replayable = false; // reads other files and the file system
    const operand = inc.operand ? this.expression(inc.operand, scope) : UNKNOWN;
    if (operand.type === 'array') {
      // lighttpd's parser takes only a string or a number here (1.4.69 -t: "operand must be string")
      this.problem(
        'type-mismatch',
        inc.operand ?? inc.keyword,
        `${inc.kind} expects a string, e.g. ${inc.kind} "conf.d/*.conf"; found a list: lighttpd refuses to start ("operand must be string").`,
      );
      if (inc.kind === 'include_shell') this.includeShells.push(inc);
      else this.unresolvedIncludes.push(inc);
      this.open = true;
      return;
    }
    const res = this.options.resolveInclude?.(inc, operand, { path: this.path, scope });
    if (inc.kind === 'include_shell' && (!res || !('files' in res))) {
      // Not run (the default): its output is unknown.
      this.includeShells.push(inc);
      this.open = true;
      return;
    }
    if (!res) {
      this.unresolvedIncludes.push(inc);
      this.open = true;
      return;
    }
    if (res.copy) {
      const { from, to } = res.copy;
      this.problem(
        'include-outside-workspace',
        inc.operand ?? inc.keyword,
        `This include is looked up on this machine, not in the workspace copy of ${from} at ${to}: map ${from} to it (lighttpd.pathMappings; lighttpd-lint --path-map) to check the copy.`,
        this.path,
        undefined,
        { from, to },
      );
    }
    if ('notFound' in res) {
      this.problem(
        'include-not-found',
        inc.operand ?? inc.keyword,
        `Include file not found: ${res.notFound} (lighttpd refuses to start).`,
      );
      // Like an include_shell that did not run: whatever the missing file loads or sets is unknown, so
      // modules and variables are not reported missing on account of it.
      this.problem(
        'include-contents-unknown',
        inc.operand ?? inc.keyword,
        'What this file would load or set is unknown: modules and variables it could define are not reported as missing.',
      );
      this.unresolvedIncludes.push(inc);
      this.open = true;
      return;
    }
    if (res.truncated) {
      // More files match (or the search for them was cut short): what they set (modules too) is unknown.
      this.problem(
        'include-limit',
        inc.operand ?? inc.keyword,
        'This pattern matches too many files (or takes too long a search): only the first ones are checked.',
      );
      this.unresolvedIncludes.push(inc);
      this.open = true;
    }
    const max = this.options.maxIncludedFiles ?? EVAL_LIMITS.includedFiles;
    const maxSize = this.options.maxIncludedSize ?? EVAL_LIMITS.includedSize;
    for (const f of res.files) {
      if (this.includeStack.includes(f.path)) {
        this.cycle(inc, f.path);
        continue;
      }
      if (++this.includedFiles > max) {
        this.problem(
          'include-limit',
          inc.operand ?? inc.keyword,
          `More than ${max} included files: the rest is not checked.`,
        );
        this.open = true;
        return;
      }
      if ((this.includedSize += f.file.end) > maxSize) {
        this.problem(
          'include-limit',
          inc.operand ?? inc.keyword,
          `Included files add up to more than ${Math.round(maxSize / 1024 / 1024)} MiB: the rest is not checked.`,
        );
        this.open = true;
        return;
      }
      this.includedPaths.add(f.path);
      this.includes.push({ from: this.path, include: inc, to: f.path });
      const saved = this.path;
      this.path = f.path;
      this.includeStack.push(f.path);
      this.includeChain.push(inc);
      this.run(f.file.statements, scope);
      this.includeChain.pop();
      this.includeStack.pop();
      this.path = saved;
    }
  }

  /**
   * lighttpd's arrays compare keys case-insensitively (src/array.c): `A += 1` extends `a`, `X` reads `var.x`.
   * Each scope keeps its keys as last written, at most one per lower-case form. A key written in lower case
   * is found under that form directly; for the others (rare: `var.CWD`) this index per scope id maps the
   * lower-case form to the key as written.
   */
  private readonly mixedCase: (Map<string, string> | undefined)[] = [];

  /** The key `name` (in lower case: `lower`) is stored under in `scope`, if any. */
  private storedKey(scope: Scope, lower: string): string | undefined {
    const written = this.mixedCase[scope.id]?.get(lower);
    const key = written ?? (scope.vars.has(lower) ? lower : undefined);
    const rec = this.rec;
    if (rec && scope.id < rec.watermark)
      rec.reads.push({ kind: 'var', scope, lower, key, value: key === undefined ? undefined : scope.vars.get(key) });
    return key;
  }

  private store(scope: Scope, name: string, value: EvalValue, at?: Assignment): void {
    const lower = name.toLowerCase();
    const old = this.storedKey(scope, lower);
    if (old !== undefined && old !== name) {
      scope.vars.delete(old);
      scope.setAt.delete(old);
    }
    let mixed = this.mixedCase[scope.id];
    if (name !== lower) {
      if (!mixed) this.mixedCase[scope.id] = mixed = new Map();
      mixed.set(lower, name);
    } else {
      mixed?.delete(lower);
    }
    scope.vars.set(name, value);
    if (at) scope.setAt.set(name, at);
    if (this.rec) this.rec.effects.push({ kind: 'store', scope, name, value, at });
  }

  lookup(name: string, scope: Scope): EvalValue | undefined {
    const lower = name.toLowerCase();
    const rec = this.rec;
    for (let s: Scope | undefined = scope; s; s = s.parent) {
      if (rec && s.id < rec.watermark) {
        const key = this.storedKey(s, lower); // (recorded)
        if (key !== undefined) return s.vars.get(key);
        continue;
      }
      const written = this.mixedCase[s.id]?.get(lower);
      const v = s.vars.get(written ?? lower); // (values are never undefined)
      if (v !== undefined) return v;
    }
    return undefined;
  }

  private assignment(a: Assignment, scope: Scope): void {
    const name = a.key.fullName;
    const rhs = a.value ? this.expression(a.value, scope) : UNKNOWN;
    if (!a.operator) return; // recovered statement without an operator
    if (name.startsWith('env.')) {
      this.problem(
        'env-assignment',
        a.key,
        `${name} cannot be set: env.* only reads the environment lighttpd was started with.`,
      );
      return;
    }
    const op = a.operator.text;
    let result = rhs;
    const ownKey = this.storedKey(scope, name.toLowerCase());
    const own = ownKey === undefined ? undefined : scope.vars.get(ownKey);
    if (op === '=') {
      if (own !== undefined) {
        this.problem(
          'duplicate-key',
          a.key,
          `${name} is already set in this block: lighttpd refuses to start (use := to replace a value, += to extend it).`,
        );
      }
    } else if (op === '+=') {
      // Merge with the value of this block, else with a copy of the enclosing blocks' value; if the key
      // is set nowhere, += acts like = (docs/grammar.md §4.3).
      const base = own ?? (scope.parent ? this.lookup(name, scope.parent) : undefined);
      if (base !== undefined) result = this.merge(base, rhs, a.value ?? a.key);
    }
    this.store(scope, name, result, a);
    this.assignments.push({ node: a, path: this.path, scope, rhs, result });
  }

  /** `+` of two values (configparser_merge_data). */
  merge(left: EvalValue, right: EvalValue, at: Span): EvalValue {
    if (left.type === 'array' || right.type === 'array') {
      if ((this.mergeBudget -= elementCount(left) + elementCount(right)) < 0) return this.overBudget();
    } else if (left.type === 'string' || right.type === 'string') {
      if ((this.concatBudget -= scalarLength(left) + scalarLength(right)) < 0) return this.overBudget();
    }
    if (left.type === 'unknown' || right.type === 'unknown') {
      if (left.type === 'array' || right.type === 'array')
        return {
          type: 'array',
          elements: [
            ...(left.type === 'array' ? left.elements : []),
            ...(right.type === 'array' ? right.elements : []),
          ],
        };
      return UNKNOWN;
    }
    if (left.type === 'array' && right.type === 'array') {
      const elements = [...left.elements];
      const byKey = new Map<string, EvalElement>();
      // (keys compare case-insensitively, like every lighttpd array key)
      for (const x of elements)
        if (x.key !== undefined && !byKey.has(x.key.toLowerCase())) byKey.set(x.key.toLowerCase(), x);
      for (const e of right.elements) {
        if (e.key !== undefined) {
          const existing = byKey.get(e.key.toLowerCase());
          if (existing) {
            if (!sameScalar(existing.value, e.value)) {
              this.problem(
                'duplicate-array-key',
                at,
                `Duplicate key "${e.key}" when merging lists: lighttpd refuses to start.`,
              );
            }
            continue;
          }
        }
        elements.push(e);
        if (e.key !== undefined) byKey.set(e.key.toLowerCase(), e);
      }
      return { type: 'array', elements };
    }
    if (left.type === 'array' || right.type === 'array') {
      this.problem(
        'type-merge',
        at,
        `Cannot combine ${describe(left)} with ${describe(right)}: lighttpd refuses to start ("data type mismatch, cannot merge").`,
      );
      return UNKNOWN;
    }
    if (left.type === 'integer' && right.type === 'integer')
      return { type: 'integer', value: (left.value + right.value) | 0 };
    return { type: 'string', value: String(left.value) + String(right.value) };
  }

  /** A merge past EVAL_LIMITS: unknown, and from here on nothing is reported as undefined. */
  private overBudget(): EvalValue {
    if (this.rec) this.rec.replayable = false;
    this.open = true;
    return UNKNOWN;
  }

  expression(e: Expression, scope: Scope): EvalValue {
    if (e.kind !== 'concat') return this.value(e, scope);
    let acc: EvalValue | undefined;
    for (const op of e.operands) {
      const v = this.value(op, scope);
      acc = acc === undefined ? v : this.merge(acc, v, op);
    }
    return acc ?? UNKNOWN;
  }

  private value(v: Value, scope: Scope): EvalValue {
    switch (v.kind) {
      case 'string':
        return { type: 'string', value: v.value };
      case 'integer': {
        // strtol into a C int: values past 2^31 wrap (docs/grammar.md §2.5; ≥ 2^63 lighttpd refuses).
        const t = v.text;
        if (t.length <= 9 && /^[0-9]+$/.test(t)) return { type: 'integer', value: Number(t) }; // < 2^31: no wrap
        return { type: 'integer', value: /^[0-9]{1,30}$/.test(t) ? Number(BigInt.asIntN(32, BigInt(t))) : 0 };
      }
      case 'variable': {
        if (v.fullName.startsWith('env.')) {
          const val = this.options.env?.[v.fullName.slice(4)];
          return val === undefined ? UNKNOWN : { type: 'string', value: val };
        }
        const found = this.lookup(v.fullName, scope);
        if (found !== undefined) return found;
        if (!this.open)
          this.problem(
            'undefined-variable',
            v,
            `${v.fullName} is not set before this point: lighttpd refuses to start.`,
          );
        return UNKNOWN;
      }
      case 'array': {
        // One element per element written: allocated at its length (a list grown by push keeps room for 17).
        const elements = new Array<EvalElement>(v.elements.length);
        let n = 0;
        // Keys seen so far (lower case): a short list is searched, a long one gets a set.
        let seen: string[] | undefined;
        let seenSet: Set<string> | undefined;
        for (const el of v.elements) {
          const value = el.value ? this.expression(el.value, scope) : UNKNOWN;
          if (el.key) {
            const k = this.expression(el.key, scope);
            if (k.type === 'string' || k.type === 'integer') {
              const key = String(k.value);
              const lower = key.toLowerCase();
              if (seenSet ? seenSet.has(lower) : seen?.includes(lower))
                this.problem(
                  'duplicate-array-key',
                  el.key,
                  `Duplicate key "${key}" in this list: lighttpd refuses to start.`,
                );
              if (seenSet) seenSet.add(lower);
              else if ((seen ??= []).push(lower) > 16) seenSet = new Set(seen);
              elements[n++] = { key, value };
            } else {
              elements[n++] = { key: undefined, value };
            }
          } else {
            elements[n++] = { value };
          }
        }
        return { type: 'array', elements };
      }
    }
  }

  private problem(
    code: EvalProblem['code'],
    at: Span,
    message: string,
    path = this.path,
    related?: readonly RelatedSpan[],
    data?: Readonly<Record<string, unknown>>,
  ): void {
    this.problems.push({
      code,
      message,
      start: at.start,
      end: at.end,
      path,
      ...(related ? { related } : {}),
      ...(data ? { data } : {}),
    });
  }

  /**
   * `inc` (in the current file) includes `target`, which is already being read: a cycle. It is reported on
   * that include and, when the cycle is reached through other files, on the include of the evaluated file
   * that leads to it (the file the user checked sees it), each with the includes of the cycle as related
   * places.
   */
  private cycle(inc: Include, target: string): void {
    const at = this.includeStack.indexOf(target);
    const names = [...this.includeStack.slice(at), target];
    const message = `Include cycle: ${names.join(' -> ')}.`;
    // The include in includeStack[i] that reads includeStack[i + 1] is includeChain[i].
    const steps: { path: string; inc: Include }[] = [];
    for (let i = at; i < this.includeChain.length; i++)
      steps.push({ path: this.includeStack[i], inc: this.includeChain[i] });
    steps.push({ path: this.path, inc });
    const related: RelatedSpan[] = steps.map((s, i) => {
      const span = s.inc.operand ?? s.inc.keyword;
      return { path: s.path, start: span.start, end: span.end, message: `includes ${names[i + 1]}` };
    });
    this.problem('include-cycle', inc.operand ?? inc.keyword, message, this.path, related);
    const first = this.includeChain[0];
    const top = this.includeStack[0];
    if (!first || this.path === top) return;
    const span = first.operand ?? first.keyword;
    const dup = this.problems.some(
      (p) => p.code === 'include-cycle' && p.path === top && p.start === span.start && p.message === message,
    );
    if (!dup) this.problem('include-cycle', span, message, top, related);
  }
}

function negate(cond: string): string {
  return cond.replace(/ (==|!=|=~|!~|=\^|=\$) /, (_m, op: string) => ` ${NEGATE[op] ?? op} `);
}

function elementCount(v: EvalValue): number {
  return v.type === 'array' ? v.elements.length : 0;
}

function scalarLength(v: EvalValue): number {
  return v.type === 'string' ? v.value.length : v.type === 'integer' ? 11 : 0;
}

function sameScalar(a: EvalValue, b: EvalValue): boolean {
  return (a.type === 'string' || a.type === 'integer') && a.type === b.type && a.value === (b as typeof a).value;
}

export function describe(v: EvalValue): string {
  switch (v.type) {
    case 'string':
      return 'a string';
    case 'integer':
      return 'an integer';
    case 'array':
      return 'a list';
    case 'unknown':
      return 'an unknown value';
  }
}

export function evaluate(file: ConfigFile, options: EvaluateOptions = {}): Evaluation {
  const ev = new Evaluator(options);
  ev.runTop(file.statements);
  const evaluation: Evaluation = {
    global: ev.global,
    scopes: ev.scopes,
    assignments: ev.assignments,
    conditions: ev.conditions,
    problems: ev.problems,
    unresolvedIncludes: ev.unresolvedIncludes,
    includeShells: ev.includeShells,
    includedPaths: ev.includedPaths,
    includes: ev.includes,
  };
  if (ev.journal) journals.set(evaluation, ev.journal);
  return evaluation;
}

/** Strings of a value: the string itself, or the string elements of a list (nested lists flattened). */
export function stringsOf(v: EvalValue): string[] {
  if (v.type === 'string') return [v.value];
  if (v.type === 'array') return v.elements.flatMap((e) => stringsOf(e.value));
  return [];
}
