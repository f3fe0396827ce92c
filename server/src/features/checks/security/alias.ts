/**
 * Rule `alias-slash-mismatch` (src/mod_alias.c): mod_alias takes the first key of alias.url (in the order
 * written) that is a prefix of the URL path and replaces exactly that prefix with the target. A key without
 * its trailing slash and a target with one map "/static-x" into the folder (and before 1.4.50, when
 * mod_alias learnt to answer 403, "/static../" to its parent); the reverse maps "/static/x" onto siblings of
 * the folder. A key that starts with an earlier key never matches: lighttpd refuses to start from 1.4.85
 * (mod_alias_check_order over every pair), and before that when the two keys are neighbours.
 */
import type { CheckContext } from '../context';
import { locateElements } from '../context';

export function checkAlias(ctx: CheckContext): void {
  for (const a of ctx.assignments) {
    if (a.node.key.fullName !== 'alias.url' || !a.node.value) continue;
    const located = locateElements(a.result, a.node.value, a.node.value);
    // Elements of the result that are written in this assignment (a += list is the tail of the result).
    const own = a.node.operator?.text === '+=' && a.rhs.type === 'array' ? a.rhs.elements.length : located.length;
    const first = located.length - own;
    const rhsLocated = locateElements(a.rhs, a.node.value, a.node.value);
    const spanOf = (i: number) => (i >= first ? rhsLocated[i - first] : undefined);
    for (let i = 0; i < located.length; i++) {
      const e = located[i];
      if (e.key === undefined || e.value.type !== 'string') continue;
      const here = spanOf(i);
      if (!here) continue; // written in an earlier assignment: reported there
      const key = e.key;
      const target = e.value.value;
      // Shadowed by an earlier prefix.
      let shadowed = false;
      for (let j = 0; j < i; j++) {
        const p = located[j].key;
        if (p === undefined || !key.startsWith(p)) continue;
        const fatal = ctx.atLeast('1.4.85') ? '1.4.85' : j === i - 1 ? ctx.version : undefined;
        ctx.report(
          'alias-slash-mismatch',
          here.keySpan,
          { kind: 'shadowed', key, prefix: p, fatal: fatal ? `${ctx.version}` : undefined },
          fatal ? { effect: 'refuses-to-start' } : {},
        );
        shadowed = true;
        break;
      }
      if (shadowed || key === '' || target === '') continue;
      const keySlash = key.endsWith('/');
      const targetSlash = target.endsWith('/');
      if (keySlash === targetSlash) continue;
      if (!keySlash && targetSlash) {
        ctx.report(
          'alias-slash-mismatch',
          here.keySpan,
          {
            kind: 'key',
            key,
            target,
            traversal: ctx.atLeast('1.4.50') ? undefined : 'yes',
          },
          literalFix(ctx, here.keySpan, `${key}/`),
        );
      } else if (keySlash && !targetSlash && key !== '/') {
        ctx.report(
          'alias-slash-mismatch',
          here.keySpan,
          { kind: 'target', key, target },
          literalFix(ctx, here.valueSpan, `${target}/`),
        );
      }
    }
  }
}

/** A fix that rewrites a plain string literal (not a variable or a concatenation). */
function literalFix(ctx: CheckContext, span: { start: number; end: number }, value: string) {
  const src = ctx.source(span);
  if (!/^"[^"\\]*"$/.test(src) || value.includes('"')) return {};
  return {
    fixes: [
      {
        title: `Change to "${value}"`,
        edits: [{ start: span.start, end: span.end, newText: `"${value}"` }],
        preferred: true,
      },
    ],
  };
}
