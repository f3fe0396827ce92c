/**
 * Rules `invalid-regex` and `capture-reference`.
 *
 * Patterns: the value after `=~` / `!~` (compiled by lighttpd unless it simplifies the condition, see
 * conditions.ts simplifyRegex; at most 9 capture groups) and the keys of url.rewrite* / url.redirect
 * (at most 19 groups). They are checked with analysis/regex.ts, never run.
 *
 * Substitutions in url.rewrite* / url.redirect values (src/keyvalue.c): `$n` / `${…n}` refer to the
 * rule's own pattern, `%n` / `%{…n}` to the condition block in which the directive is set (not outer
 * blocks). `==`, `=^`, `=$` blocks are turned back into a regex when `%n` is used, so `%0` works there;
 * `!=`, `!~`, else blocks and the global scope have no captures.
 */
import type { EvaluatedAssignment, EvaluatedCondition, Scope } from '../../analysis';
import { checkPcre2 } from '../../analysis/regex';
import type { Expression, Span } from '../../parser/ast';
import { getDirective } from '../../schema';
import type { CheckContext } from './context';
import { locateElements, stringValueOffset } from './context';
import { simplifyRegex } from './conditions';
import { restateIfIgnored } from './moduleNotLoaded';

const CONDITION_MAX_CAPTURES = 9;
const REWRITE_MAX_CAPTURES = 19;

/** Where in the source a piece of a pattern is: exact for a plain string literal, else the whole expression. */
function spanIn(ctx: CheckContext, expr: Expression | Span, offset: number, length: number): Span {
  if ((expr as Expression).kind === 'string') {
    const start = stringValueOffset(ctx.text, expr, offset);
    const end = stringValueOffset(ctx.text, expr, offset + Math.max(1, length));
    return { start, end: Math.min(Math.max(end, start + 1), expr.end - 1 > start ? expr.end - 1 : expr.end) };
  }
  return expr;
}

function checkPattern(ctx: CheckContext, pattern: string, at: Expression | Span, max: number): number | undefined {
  // Bytes that are not UTF-8 reach us as U+FFFD. lighttpd 1.4.69 rejects them in condition patterns (PCRE2
  // in UTF mode, "UTF-8 error") but starts with them in url.rewrite*/url.redirect keys (seen with -tt).
  const bad = max === CONDITION_MAX_CAPTURES ? pattern.indexOf('\uFFFD') : -1;
  if (bad >= 0) {
    ctx.report('invalid-regex', spanIn(ctx, at, bad, 1), {
      error: `bytes that are not valid UTF-8 (at offset ${bad}); lighttpd compiles condition patterns as UTF-8`,
    });
    return undefined;
  }
  const r = checkPcre2(pattern);
  if (!r.ok) {
    ctx.report('invalid-regex', spanIn(ctx, at, r.error.offset, r.error.length), {
      error: `${r.error.message} (at offset ${r.error.offset})`,
    });
    return undefined;
  }
  if (r.info.captures > max) {
    ctx.report('invalid-regex', at, {
      error: `${r.info.captures} capture groups, lighttpd allows at most ${max} here; use (?:…) for groups you do not need`,
    });
  }
  return r.info.captures;
}

/** The capture groups a block offers to `%n`, or why it offers none. */
function blockCaptures(
  scope: Scope,
  conditionOf: (s: Scope) => EvaluatedCondition | undefined,
): { groups: number } | { none: string } | undefined {
  if (!scope.parent) return { none: 'the directive is not inside a condition' };
  const c = conditionOf(scope);
  const h = scope.head;
  if (!h) return { none: 'an else block has no captures' };
  const op = h.operator?.text;
  if (op === '!=' || op === '!~') return { none: `a ${op} condition has no captures` };
  if (!c || c.value.type !== 'string') return undefined; // unknown value
  // A simplified `=~` has no groups, like the regex lighttpd turns it back into; ==, =^, =$ become
  // ^value$, ^value, value$: only %0 unless the text happens to hold groups.
  const r = checkPcre2(c.value.value);
  return { groups: r.ok ? r.info.captures : 0 };
}

export interface SubstitutionRef {
  readonly sigil: '$' | '%';
  readonly n: number;
  readonly offset: number;
  readonly length: number;
}

/** The `$n` / `%n` references of a substitution string (src/keyvalue.c pcre_keyvalue_buffer_subst). */
export function substitutionRefs(s: string): SubstitutionRef[] {
  const out: SubstitutionRef[] = [];
  for (let k = 0; k + 1 < s.length; k++) {
    const c = s[k];
    if (c !== '$' && c !== '%') continue;
    const next = s[k + 1];
    if (next === '{') {
      const close = s.indexOf('}', k + 2);
      if (close < 0) break; // lighttpd stops substituting here
      const body = s.slice(k + 2, close);
      if (!/^url\.|^qsa$/.test(body)) {
        const m = /\d\d?/.exec(body);
        if (m) out.push({ sigil: c, n: Number(m[0]), offset: k, length: close + 1 - k });
      }
      k = close;
    } else if (/\d/.test(next)) {
      out.push({ sigil: c, n: Number(next), offset: k, length: 2 });
      k++;
    } else {
      k++; // `$$`, `%%` and any other pair stand for themselves
    }
  }
  return out;
}

export function checkRegexes(ctx: CheckContext): void {
  const simplify = ctx.atLeast('1.4.65');
  for (const c of ctx.conditions) {
    const h = c.branch.head;
    const op = h?.operator?.text;
    if (!h?.value || (op !== '=~' && op !== '!~') || c.value.type !== 'string') continue;
    if (op === '=~' && simplify && h.object?.name !== 'SERVER' && simplifyRegex(c.value.value).op !== '=~') continue; // not compiled
    checkPattern(ctx, c.value.value, h.value, CONDITION_MAX_CAPTURES);
  }
  // The first condition branch of each block, found through a map built on the first `%n` (not by a search
  // per directive: a file of many vhosts with `%1` rewrites would be quadratic).
  const conditionOf = (s: Scope) => ctx.firstCondition(s);
  for (const a of ctx.assignments) {
    const d = getDirective(a.node.key.fullName);
    if (!d || !a.node.value) continue;
    const mark = ctx.findings.length;
    if (d.patternValues)
      for (const e of locateElements(a.rhs, a.node.value, a.node.value))
        if (e.value.type === 'string')
          checkPattern(ctx, e.value.value, e.valueExpr ?? e.valueSpan, REWRITE_MAX_CAPTURES);
    if (d.substitution) checkSubstitutions(ctx, a, conditionOf);
    restateIfIgnored(ctx, d.key, mark);
  }
}

/** The patterns of a url.rewrite* / url.redirect list and the captures its substitutions refer to. */
function checkSubstitutions(
  ctx: CheckContext,
  a: EvaluatedAssignment,
  conditionOf: (s: Scope) => EvaluatedCondition | undefined,
): void {
  let block: ReturnType<typeof blockCaptures> | null = null; // computed on first %n
  for (const e of locateElements(a.rhs, a.node.value!, a.node.value!)) {
    if (e.key === undefined) continue;
    const keyExpr = e.keySpan as Expression;
    const groups = checkPattern(ctx, e.key, keyExpr, REWRITE_MAX_CAPTURES);
    if (e.value.type !== 'string') continue;
    for (const r of substitutionRefs(e.value.value)) {
      const at = spanIn(ctx, e.valueSpan, r.offset, r.length);
      const ref = e.value.value.slice(r.offset, r.offset + r.length);
      if (r.sigil === '$') {
        if (groups !== undefined && r.n > groups) {
          ctx.report('capture-reference', at, {
            ref,
            what: `capture group ${r.n} of this rule's pattern`,
            reason: groups === 0 ? 'the pattern has no groups' : `the pattern has only ${groups}`,
          });
        }
        continue;
      }
      if (block === null) block = blockCaptures(a.scope, conditionOf);
      if (!block) continue;
      if ('none' in block)
        ctx.report('capture-reference', at, {
          ref,
          what: 'a capture of the enclosing condition',
          reason: block.none,
        });
      else if (r.n > block.groups)
        ctx.report('capture-reference', at, {
          ref,
          what: `capture group ${r.n} of the enclosing condition`,
          reason: block.groups === 0 ? 'its pattern has no groups' : `its pattern has only ${block.groups}`,
        });
    }
  }
}
