/**
 * Shared helpers of the editing features: what is at an offset (a path of AST nodes from the file down
 * to the innermost node), which evaluation scope an offset is in, which assignment defines a variable
 * read at an offset, and a walk over every node. Pure functions of the parse tree and evaluation; they
 * never throw on recovered (incomplete) trees.
 */
import type { DocumentModel, EvalValue, EvaluatedAssignment, Scope } from '../../analysis';
import { conditionText, UNKNOWN } from '../../analysis';
import type {
  ArrayElement,
  Assignment,
  Block,
  ConditionBranch,
  ConditionHead,
  Conditional,
  Expression,
  GlobalBlock,
  Include,
  KeyNode,
  Span,
  Statement,
  VariableRef,
} from '../../parser/ast';

/** Where an expression sits. */
export type ExpressionRole =
  | 'assignment-value'
  | 'element-key'
  | 'element-value'
  | 'field'
  | 'condition-value'
  | 'include-operand';

export type PathEntry =
  | { readonly type: 'assignment'; readonly node: Assignment }
  | { readonly type: 'key'; readonly node: KeyNode; readonly assignment: Assignment }
  | { readonly type: 'conditional'; readonly node: Conditional }
  | { readonly type: 'branch'; readonly node: ConditionBranch }
  | { readonly type: 'head'; readonly node: ConditionHead }
  | { readonly type: 'object'; readonly node: { readonly name: string } & Span; readonly head: ConditionHead }
  | {
      readonly type: 'operator';
      readonly node: { readonly text: string } & Span;
      readonly head?: ConditionHead;
      readonly assignment?: Assignment;
    }
  | { readonly type: 'block'; readonly node: Block }
  | { readonly type: 'global'; readonly node: GlobalBlock }
  | { readonly type: 'include'; readonly node: Include }
  | { readonly type: 'element'; readonly node: ArrayElement }
  | { readonly type: 'expression'; readonly node: Expression; readonly role: ExpressionRole };

function inside(s: Span | undefined, offset: number): boolean {
  return !!s && s.start <= offset && offset <= s.end;
}

/**
 * Nodes containing `offset`, outermost first. Ends are inclusive, so a cursor right after a word still
 * "touches" it.
 */
export function pathAt(statements: readonly Statement[], offset: number): PathEntry[] {
  const out: PathEntry[] = [];
  const expression = (e: Expression | undefined, role: ExpressionRole): void => {
    if (!e || !inside(e, offset)) return;
    out.push({ type: 'expression', node: e, role });
    if (e.kind === 'concat') {
      const op = e.operands.find((o) => inside(o, offset));
      if (op) expression(op, role);
    } else if (e.kind === 'array') {
      const el = e.elements.find((x) => inside(x, offset));
      if (el) {
        out.push({ type: 'element', node: el });
        if (inside(el.key, offset)) expression(el.key, 'element-key');
        else if (inside(el.value, offset)) expression(el.value, 'element-value');
      }
    }
  };
  const statementsIn = (list: readonly Statement[]): void => {
    // Prefer the last statement that touches the offset (a cursor between two touching nodes belongs to the
    // later one only if it starts there).
    let hit: Statement | undefined;
    for (const st of list) {
      if (st.start > offset) break;
      if (
        inside(st, offset) ||
        (st.kind === 'conditional' && openEnded(st, offset)) ||
        (st.kind === 'global' && st.body && !st.body.closed)
      )
        hit = st;
    }
    if (hit) statement(hit);
  };
  const block = (b: Block | undefined): void => {
    if (!b || !(inside(b, offset) || (!b.closed && offset >= b.start))) return;
    out.push({ type: 'block', node: b });
    statementsIn(b.statements);
  };
  const statement = (st: Statement): void => {
    switch (st.kind) {
      case 'assignment':
        out.push({ type: 'assignment', node: st });
        if (inside(st.key, offset)) out.push({ type: 'key', node: st.key, assignment: st });
        else if (st.operator && inside(st.operator, offset) && !inside(st.value, offset))
          out.push({ type: 'operator', node: st.operator, assignment: st });
        else expression(st.value, 'assignment-value');
        break;
      case 'conditional': {
        out.push({ type: 'conditional', node: st });
        const br = [...st.branches]
          .reverse()
          .find((b) => inside(b, offset) || (b.body && !b.body.closed && offset >= b.start));
        if (!br) break;
        out.push({ type: 'branch', node: br });
        const h = br.head;
        if (h && inside(h, offset)) {
          out.push({ type: 'head', node: h });
          if (h.object && inside(h.object, offset)) out.push({ type: 'object', node: h.object, head: h });
          else if (inside(h.field, offset)) expression(h.field, 'field');
          else if (h.operator && inside(h.operator, offset)) out.push({ type: 'operator', node: h.operator, head: h });
          else expression(h.value, 'condition-value');
        } else block(br.body);
        break;
      }
      case 'global':
        out.push({ type: 'global', node: st });
        block(st.body);
        break;
      case 'include':
      case 'include_shell':
        out.push({ type: 'include', node: st });
        expression(st.operand, 'include-operand');
        break;
    }
  };
  statementsIn(statements);
  return out;
}

function openEnded(c: Conditional, offset: number): boolean {
  const last = c.branches[c.branches.length - 1];
  return !!last?.body && !last.body.closed && offset >= c.start;
}

/** The innermost entry of a path. */
export function innermost(path: readonly PathEntry[]): PathEntry | undefined {
  return path[path.length - 1];
}

// ---- scopes ----

/** The evaluation scope of a condition branch met under `parent`. */
export function scopeOfBranch(model: DocumentModel, br: ConditionBranch, parent: Scope): Scope {
  const ev = model.evaluation;
  const evaluated = ev.conditions?.find((c) => c.branch === br);
  if (evaluated) return evaluated.scope;
  const byBranch = ev.scopes.find((s) => s.branch === br);
  if (byBranch) return byBranch;
  // A second occurrence of the same condition text shares the first one's block.
  if (br.head) {
    const text = conditionText(br.head);
    const same = ev.scopes.find((s) => s.parent === parent && s.condition === text);
    if (same) return same;
  }
  return parent;
}

/** The scope statements at `offset` belong to (global when outside every block). */
export function scopeAt(model: DocumentModel, offset: number): Scope {
  let scope = model.evaluation.global;
  for (const e of pathAt(model.file.statements, offset)) {
    if (
      e.type === 'branch' &&
      e.node.body &&
      (inside(e.node.body, offset) || (!e.node.body.closed && offset >= e.node.body.start))
    ) {
      if (offset > e.node.body.start) scope = scopeOfBranch(model, e.node, scope);
    } else if (e.type === 'global' && e.node.body && offset > e.node.body.start) {
      scope = model.evaluation.global;
    }
  }
  return scope;
}

/** Is the offset inside a condition block (not re-entered global)? Returns the innermost branch, if any. */
export function enclosingBranches(
  model: DocumentModel,
  offset: number,
): { branches: ConditionBranch[]; inGlobalBlock: boolean } {
  let branches: ConditionBranch[] = [];
  let inGlobalBlock = false;
  for (const e of pathAt(model.file.statements, offset)) {
    if (
      e.type === 'branch' &&
      e.node.body &&
      offset > e.node.body.start &&
      (offset < e.node.body.end || !e.node.body.closed)
    ) {
      branches.push(e.node);
    } else if (
      e.type === 'global' &&
      e.node.body &&
      offset > e.node.body.start &&
      (offset < e.node.body.end || !e.node.body.closed)
    ) {
      branches = [];
      inGlobalBlock = true;
    }
  }
  return { branches, inGlobalBlock };
}

// ---- variables ----

export const PREDEFINED_VARIABLES: Readonly<Record<string, string>> = {
  'var.CWD': 'the directory lighttpd was started in',
  'var.PID': 'the process id of lighttpd',
};

/**
 * The assignment whose value a read of `name` at `offset` (in `scope`) sees: the last one completed before
 * the offset in the scope itself, else in the nearest enclosing scope that has one (docs/grammar.md §4.4).
 */
export function visibleAssignment(
  model: DocumentModel,
  name: string,
  offset: number,
  scope: Scope,
): EvaluatedAssignment | undefined {
  const all = model.evaluation.assignments;
  for (let s: Scope | undefined = scope; s; s = s.parent) {
    let found: EvaluatedAssignment | undefined;
    for (const a of all) {
      if (a.scope === s && a.node.key.fullName === name && a.node.end <= offset) {
        if (!found || a.node.start >= found.node.start) found = a;
      }
    }
    if (found) return found;
  }
  return undefined;
}

/**
 * Every assignment that contributed to the value seen at `offset`: the visible one and, while it is a
 * `+=`, the ones it extended. In document order.
 */
export function definitionChain(
  model: DocumentModel,
  name: string,
  offset: number,
  scope: Scope,
): EvaluatedAssignment[] {
  const chain: EvaluatedAssignment[] = [];
  let at = offset;
  let s = scope;
  for (let i = 0; i < 100; i++) {
    const a = visibleAssignment(model, name, at, s);
    if (!a || chain.includes(a)) break;
    chain.unshift(a);
    if (a.node.operator?.text !== '+=') break;
    at = a.node.start;
    s = a.scope;
  }
  return chain;
}

/** The value a variable read at `offset` has, or undefined when it is not set there. */
export function variableValueAt(
  model: DocumentModel,
  name: string,
  offset: number,
  scope: Scope = scopeAt(model, offset),
): EvalValue | undefined {
  const a = visibleAssignment(model, name, offset, scope);
  if (a) return a.result;
  if (name in PREDEFINED_VARIABLES) return UNKNOWN;
  return undefined;
}

/** Value of an expression at its own position (variables resolved as lighttpd would, `+` applied). */
export function expressionValue(model: DocumentModel, e: Expression | undefined, scope: Scope, depth = 0): EvalValue {
  if (!e || depth > 50) return UNKNOWN;
  switch (e.kind) {
    case 'string':
      return { type: 'string', value: e.value };
    case 'integer':
      return { type: 'integer', value: Number(e.text) | 0 };
    case 'variable': {
      if (e.fullName.startsWith('env.')) return UNKNOWN;
      return variableValueAt(model, e.fullName, e.start, scope) ?? UNKNOWN;
    }
    case 'array':
      return {
        type: 'array',
        elements: e.elements.map((el) => ({ value: expressionValue(model, el.value, scope, depth + 1) })),
      };
    case 'concat': {
      let acc: EvalValue | undefined;
      for (const op of e.operands) {
        const v = expressionValue(model, op, scope, depth + 1);
        if (acc === undefined) {
          acc = v;
          continue;
        }
        if (acc.type === 'unknown' || v.type === 'unknown' || acc.type === 'array' || v.type === 'array')
          return UNKNOWN;
        acc =
          acc.type === 'integer' && v.type === 'integer'
            ? { type: 'integer', value: (acc.value + v.value) | 0 }
            : { type: 'string', value: String(acc.value) + String(v.value) };
      }
      return acc ?? UNKNOWN;
    }
  }
}

// ---- walking ----

export interface NodeVisitor {
  assignment?(a: Assignment): void;
  variable?(v: VariableRef, role: ExpressionRole): void;
  expression?(e: Expression, role: ExpressionRole): void;
  branch?(br: ConditionBranch): void;
  include?(inc: Include): void;
  block?(b: Block): void;
}

/** Visits every node in document order. */
export function walk(statements: readonly Statement[], v: NodeVisitor): void {
  const expression = (e: Expression | undefined, role: ExpressionRole, depth: number): void => {
    if (!e || depth > 300) return;
    v.expression?.(e, role);
    if (e.kind === 'variable') v.variable?.(e, role);
    else if (e.kind === 'concat') for (const op of e.operands) expression(op, role, depth + 1);
    else if (e.kind === 'array') {
      for (const el of e.elements) {
        expression(el.key, 'element-key', depth + 1);
        expression(el.value, 'element-value', depth + 1);
      }
    }
  };
  const list = (sts: readonly Statement[], depth: number): void => {
    if (depth > 300) return;
    for (const st of sts) {
      switch (st.kind) {
        case 'assignment':
          v.assignment?.(st);
          expression(st.value, 'assignment-value', 0);
          break;
        case 'conditional':
          for (const br of st.branches) {
            v.branch?.(br);
            expression(br.head?.field, 'field', 0);
            expression(br.head?.value, 'condition-value', 0);
            if (br.body) {
              v.block?.(br.body);
              list(br.body.statements, depth + 1);
            }
          }
          break;
        case 'global':
          if (st.body) {
            v.block?.(st.body);
            list(st.body.statements, depth + 1);
          }
          break;
        case 'include':
        case 'include_shell':
          v.include?.(st);
          expression(st.operand, 'include-operand', 0);
          break;
      }
    }
  };
  list(statements, 0);
}

/** Source text of a span. */
export function textOf(text: string, s: Span): string {
  return text.slice(s.start, s.end);
}

/** The start of the word of key characters ([A-Za-z0-9._-]) that ends at `offset`. */
export function keyWordStart(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && /[A-Za-z0-9._-]/.test(text[i - 1])) i--;
  return i;
}

/** Short display of an evaluated value. */
export function showValue(v: EvalValue, max = 200): string {
  const s = render(v, 0);
  return s.length > max ? s.slice(0, max - 1) + '…' : s;
}

function render(v: EvalValue, depth: number): string {
  switch (v.type) {
    case 'string':
      return '"' + v.value.replace(/"/g, '\\"') + '"';
    case 'integer':
      return String(v.value);
    case 'unknown':
      return '(not known before start-up)';
    case 'array': {
      if (depth > 3) return '( … )';
      if (v.elements.length === 0) return '()';
      const items = v.elements
        .slice(0, 20)
        .map((e) => (e.key !== undefined ? `"${e.key}" => ` : '') + render(e.value, depth + 1));
      if (v.elements.length > 20) items.push('…');
      return `( ${items.join(', ')} )`;
    }
  }
}
