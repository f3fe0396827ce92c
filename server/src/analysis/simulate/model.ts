/**
 * lighttpd's table of config contexts, built from an evaluation: one context per block, numbered in the
 * order lighttpd creates them (index 0 is the global block), each with its parent, its previous branch in
 * an else chain, and the condition as lighttpd stores it (src/configparser.y: `=~` patterns that are plain
 * prefixes, suffixes or strings become `=^` `=$` `==` from 1.4.65; a bare `else` takes the key of the
 * branch before it with the operator negated; the key is prefixed with the parent's key and " / ").
 */
import { compareVersions } from '../../schema';
import type { EvalValue, Evaluation, Scope } from '../evaluate';
import { simplifyRegex } from '../print';
import type { ConditionBranch } from '../../parser/ast';

export type Operator = '==' | '!=' | '=~' | '!~' | '=^' | '=$' | '!^' | '!$';

export interface Context {
  readonly index: number;
  readonly scope: Scope;
  readonly parent?: Context;
  /** The branch before this one in its else chain. */
  prev?: Context;
  readonly branch?: ConditionBranch;
  /** File the branch is written in. */
  readonly path: string;
  /** A bare `else { }`. */
  readonly isElse: boolean;
  /** HTTP, SERVER, REQUEST_HEADER (for an else: those of the branch before). */
  readonly object: string;
  /** The bracket operand; undefined when it could not be evaluated. */
  readonly field: string | undefined;
  /** The operator as lighttpd stores it (after the `=~` simplification; an else's is negated). */
  readonly op: Operator;
  /** The operand as lighttpd stores it; undefined when it could not be evaluated. */
  readonly value: string | undefined;
  /** `$HTTP["host"] == "a"` as lighttpd prints it. */
  readonly condition: string;
  /** lighttpd's key: "global / <parent conditions> / <condition>". */
  readonly key: string;
}

const NEGATE: Record<string, Operator> = {
  '==': '!=',
  '!=': '==',
  '=~': '!~',
  '!~': '=~',
  '=^': '!^',
  '=$': '!$',
  '!^': '=^',
  '!$': '=$',
};

function scalar(v: EvalValue): string | undefined {
  return v.type === 'string' ? v.value : v.type === 'integer' ? String(v.value) : undefined;
}

export interface ContextTable {
  readonly contexts: readonly Context[];
  readonly byScope: ReadonlyMap<Scope, Context>;
  readonly global: Scope;
}

export function buildContexts(ev: Evaluation, version = '1.4.69'): ContextTable {
  const contexts: Context[] = [];
  const byScope = new Map<Scope, Context>();
  const lastAt = new Map<Scope, Context>();
  const simplify = compareVersions(version, '1.4.65') >= 0;
  for (const c of ev.conditions) {
    const parent = c.parent === ev.global ? undefined : byScope.get(c.parent);
    if (c.parent !== ev.global && !parent) continue;
    let ctx = byScope.get(c.scope);
    if (!ctx) {
      const head = c.branch.head;
      const previous = c.branch.elseKeyword ? lastAt.get(c.parent) : undefined;
      let object: string;
      let field: string | undefined;
      let op: Operator;
      let value: string | undefined;
      let condition: string;
      if (head) {
        object = head.object?.name ?? '?';
        field = scalar(c.field);
        op = (head.operator?.text ?? '==') as Operator;
        value = scalar(c.value);
        if (op === '=~' && value !== undefined && simplify && !(object === 'SERVER' && field === 'socket')) {
          const s = simplifyRegex(value);
          op = s.op;
          value = s.value;
        }
        condition = `$${object}["${field ?? '?'}"] ${op} "${value ?? '<unknown>'}"`;
      } else if (previous) {
        object = previous.object;
        field = previous.field;
        op = NEGATE[previous.op];
        value = previous.value;
        condition = `$${object}["${field ?? '?'}"] ${op} "${value ?? '<unknown>'}"`;
      } else {
        object = '?';
        op = '==';
        condition = 'else';
      }
      const key = `${parent ? parent.key : 'global'} / ${condition}`;
      ctx = {
        index: contexts.length + 1,
        scope: c.scope,
        parent,
        branch: c.branch,
        path: c.path,
        isElse: !head,
        object,
        field,
        op,
        value,
        condition,
        key,
      };
      if (previous && previous !== ctx) ctx.prev = previous;
      contexts.push(ctx);
      byScope.set(c.scope, ctx);
    }
    lastAt.set(c.parent, ctx);
  }
  return { contexts, byScope, global: ev.global };
}
