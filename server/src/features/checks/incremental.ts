/**
 * The checks again after an edit, doing only the work the edit needs. A check marked `local` in the table
 * (checks/index.ts) finds what it finds in a top-level statement from that statement alone: its syntax, the
 * assignments and conditions written in it, the blocks they sit in and the blocks around those (their
 * values at the end of the configuration), the module set and the options. Its findings for a statement are
 * kept (in a CheckMemo, one per document and configuration) and reused, moved with the statement, while all
 * of that is unchanged; the other checks read the whole configuration and run every time.
 *
 * What makes "unchanged" cheap to see: the incremental parse keeps the node of every statement the edit did
 * not touch (parser/incremental.ts) and the evaluation replays those statements, keeping their evaluated
 * assignments and conditions and the blocks they opened (analysis/evaluate.ts `previous`); the values of
 * the blocks are compared with those of the last run. A local check must not read Scope.setAt (not compared). The result holds the same findings as a
 * check from scratch (test/unit/checks/incremental.test.ts compares them after random edits); only their
 * order differs: a local check's findings come statement by statement.
 */
import type { EvalValue, EvaluatedAssignment, EvaluatedCondition, Scope } from '../../analysis';
import type { Statement } from '../../parser/ast';
import { CheckContext, type CheckOptions, type Finding } from './context';
import { compressLoadsDeflate } from './moduleNotLoaded';

export interface CheckEntry {
  readonly run: (ctx: CheckContext) => void;
  /** Its findings in a top-level statement depend only on that statement (see the file comment). */
  readonly local?: boolean;
}

/** What one top-level statement gave the local checks. */
interface StatementEntry {
  /** Its evaluated assignments and conditions (identities). */
  readonly assignments: readonly EvaluatedAssignment[];
  readonly conditions: readonly EvaluatedCondition[];
  /** The blocks of its assignments and conditions and every block around them. */
  readonly scopes: readonly Scope[];
  /** The statement's offset when its findings were computed. */
  start: number;
  /** Findings per local check (in table order), at `start`. */
  readonly findings: readonly (readonly Finding[])[];
}

/** The findings of local checks kept between checks of one document in one configuration. */
export class CheckMemo {
  /** The context's signature when the entries were made (options, modules, completeness...). */
  signature = '';
  entries = new Map<Statement, StatementEntry>();
  /** Each block's values and where they were set, as last seen (flattened: key, value, ...). */
  scopeState = new WeakMap<Scope, unknown[]>();
  /** Statements whose findings were reused / computed by the last run (for tests and the bench). */
  reused = 0;
  computed = 0;
}

/** Everything a local check may read beyond its statement and its blocks. */
function signatureOf(ctx: CheckContext): string {
  const m = ctx.model;
  const ev = m.full ?? m.evaluation;
  const complete =
    ev.unresolvedIncludes.length === 0 &&
    ev.includeShells.length === 0 &&
    !ev.problems.some((p) => p.code === 'include-not-found' || p.code === 'include-limit') &&
    !(m.full === undefined && m.evaluation.problems.some((p) => p.code === 'include-not-found'));
  return JSON.stringify([
    ctx.version,
    ctx.platform,
    ctx.upgradeFrom ?? '',
    ctx.tlsProfile,
    [...m.modules.names].sort(),
    m.modules.open,
    m.modules.compatDisabled,
    [...m.modules.enabledDefaults].sort(),
    compressLoadsDeflate(m, ctx.version),
    !!m.lenient,
    m.root ?? '',
    m.path ?? '',
    complete,
  ]);
}

/** A block's values, flattened (name, value, ...). (Where they were set, Scope.setAt, is for navigation.) */
function stateOf(s: Scope): unknown[] {
  const out: unknown[] = [];
  for (const [k, v] of s.vars) out.push(k, v);
  return out;
}

function sameList(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Evaluated values alike (a statement evaluated again makes new value objects for the same values). */
function sameValue(a: EvalValue, b: EvalValue): boolean {
  if (a === b) return true;
  if (a.type !== b.type) return false;
  if (a.type === 'array') {
    const y = (b as typeof a).elements;
    if (a.elements.length !== y.length) return false;
    for (let i = 0; i < y.length; i++)
      if (a.elements[i].key !== y[i].key || !sameValue(a.elements[i].value, y[i].value)) return false;
    return true;
  }
  return a.type === 'unknown' || a.value === (b as typeof a).value;
}

/** A block's values now are those of `state` (stateOf earlier). */
function sameState(state: readonly unknown[], s: Scope): boolean {
  if (state.length !== 2 * s.vars.size) return false;
  let i = 0;
  for (const [k, v] of s.vars) {
    if (state[i] !== k || !sameValue(state[i + 1] as EvalValue, v)) return false;
    i += 2;
  }
  return true;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function lineEnd(text: string, offset: number): number {
  const i = text.indexOf('\n', offset);
  return i < 0 ? text.length : i + 1;
}

/** A finding (and its fixes) moved by `delta`. */
function moved(f: Finding, delta: number): Finding {
  if (delta === 0) return f;
  const fixes = f.fixes?.map((x) => ({
    ...x,
    edits: x.edits.map((e) => ({ ...e, start: e.start + delta, end: e.end + delta })),
  }));
  return { ...f, start: f.start + delta, end: f.end + delta, ...(fixes ? { fixes } : {}) };
}

/**
 * The assignments and conditions of the document grouped by top-level statement (by offset, both lists
 * being in the document's order), or undefined when they cannot be (records of other files among them).
 */
function groupByStatement(
  statements: readonly Statement[],
  assignments: readonly EvaluatedAssignment[],
  conditions: readonly EvaluatedCondition[],
): { assignments: EvaluatedAssignment[]; conditions: EvaluatedCondition[] }[] | undefined {
  const groups = statements.map(() => ({
    assignments: [] as EvaluatedAssignment[],
    conditions: [] as EvaluatedCondition[],
  }));
  const path = assignments[0]?.path ?? conditions[0]?.path;
  const place = <T extends { readonly path: string }>(
    list: readonly T[],
    startOf: (x: T) => number,
    put: (i: number, x: T) => void,
  ): boolean => {
    let i = 0;
    for (const x of list) {
      if (x.path !== path) return false;
      const at = startOf(x);
      while (i < statements.length && statements[i].end <= at && !(statements[i].start === at)) i++;
      if (i >= statements.length || at < statements[i].start) return false;
      put(i, x);
    }
    return true;
  };
  if (
    !place(
      assignments,
      (a) => a.node.start,
      (i, a) => groups[i].assignments.push(a),
    )
  )
    return undefined;
  if (
    !place(
      conditions,
      (c) => c.branch.start,
      (i, c) => groups[i].conditions.push(c),
    )
  )
    return undefined;
  return groups;
}

/** Runs `check` on `ctx`; one that throws on odd input loses its findings, never the others'. */
export function guarded(check: CheckEntry, ctx: CheckContext, onError?: (e: unknown) => void): void {
  const before = ctx.findings.length;
  try {
    check.run(ctx);
  } catch (e) {
    ctx.findings.length = before;
    onError?.(e);
  }
}

/** Every check of `table` over the document, in table order, reusing what `memo` kept (and updating it). */
export function runChecksWithMemo(
  table: readonly CheckEntry[],
  text: string,
  ctx: CheckContext,
  memo: CheckMemo,
  onError?: (e: unknown) => void,
): Finding[] {
  const statements = ctx.model.file.statements;
  const groups = groupByStatement(statements, ctx.assignments, ctx.conditions);
  const local = table.filter((c) => c.local);
  if (!groups) {
    memo.entries.clear();
    for (const check of table) guarded(check, ctx, onError);
    return ctx.findings;
  }
  const signature = signatureOf(ctx);
  if (signature !== memo.signature) {
    memo.entries.clear();
    memo.signature = signature;
  }
  // Whether a block's values changed since the last run, each block compared once per run. (Every block a
  // statement reads is compared on every run, so that "the last run" is the same for all of them.)
  const changed = new Map<Scope, boolean>();
  const isChanged = (s: Scope): boolean => {
    let c = changed.get(s);
    if (c === undefined) {
      const before = memo.scopeState.get(s);
      c = !before || !sameState(before, s);
      if (c) memo.scopeState.set(s, stateOf(s));
      changed.set(s, c);
    }
    return c;
  };
  const entries = new Map<Statement, StatementEntry>();
  memo.reused = memo.computed = 0;
  const perStatement: (readonly (readonly Finding[])[])[] = [];
  statements.forEach((st, i) => {
    const g = groups[i];
    const old = memo.entries.get(st);
    // The same records have the same blocks (a record's block and a block's parent never change).
    if (old && sameList(old.assignments, g.assignments) && sameList(old.conditions, g.conditions)) {
      let same = true;
      for (const s of old.scopes) if (isChanged(s)) same = false;
      if (same) {
        const delta = st.start - old.start;
        const findings = delta === 0 ? old.findings : old.findings.map((l) => l.map((f) => moved(f, delta)));
        entries.set(st, { ...old, start: st.start, findings });
        perStatement.push(findings);
        memo.reused++;
        return;
      }
    }
    const scopes = new Set<Scope>();
    for (const a of g.assignments) for (let s: Scope | undefined = a.scope; s; s = s.parent) scopes.add(s);
    for (const c of g.conditions) {
      for (let s: Scope | undefined = c.scope; s; s = s.parent) scopes.add(s);
      for (let s: Scope | undefined = c.parent; s; s = s.parent) scopes.add(s);
    }
    for (const s of scopes) isChanged(s);
    const part = ctx.part(st, g.assignments, g.conditions);
    const findings: Finding[][] = [];
    for (const check of local) {
      const before = part.findings.length;
      guarded(check, part, onError);
      findings.push(part.findings.slice(before));
    }
    perStatement.push(findings);
    memo.computed++;
    // Kept only when every finding and fix lies on the statement's own lines (they move with it).
    const lo = lineStart(text, st.start);
    const hi = lineEnd(text, st.end);
    const inside = (s: { start: number; end: number }) => s.start >= lo && s.end <= hi;
    const movable = part.findings.every((f) => inside(f) && (f.fixes ?? []).every((x) => x.edits.every(inside)));
    if (movable)
      entries.set(st, {
        assignments: g.assignments,
        conditions: g.conditions,
        scopes: [...scopes],
        start: st.start,
        findings,
      });
  });
  memo.entries = entries;
  // In table order: a local check's findings statement by statement, a whole-document check's as it runs.
  let k = 0;
  for (const check of table) {
    if (!check.local) {
      guarded(check, ctx, onError);
      continue;
    }
    for (const list of perStatement) for (const f of list[k]) ctx.findings.push(f);
    k++;
  }
  return ctx.findings;
}

export { CheckContext, type CheckOptions };
