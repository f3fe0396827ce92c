/**
 * Rules `capture-unescaped` and `open-redirect`: substitutions in url.redirect and url.rewrite* values
 * (src/keyvalue.c pcre_keyvalue_buffer_subst). A plain `%n` / `$n` is copied as is (burl_append with no
 * encoding flag); `%{n}` / `${n}` and `%{esc:n}` percent-encode (lighttpd 1.4.50+). `%n` takes the capture
 * of the condition of the block the directive is set in; `$n` the rule's own pattern, which mod_redirect and
 * mod_rewrite match against the request target as sent (path and query string).
 *
 * Client data that lighttpd does not validate: request headers other than Host (host-strict checks its
 * characters), the query string. The URL path is decoded and normalised first, so `%n` from $HTTP["url"] is
 * left alone here.
 */
import type { CheckContext } from '../context';
import { stringValueOffset, locateElements } from '../context';
import { substitutionRefs } from '../regex';
import { blockCondition } from './facts';
import { forEachSyntaxChar, opensCapture } from './patternText';

/** The capturing groups of a pattern, in order: their inside. */
export function captureGroups(p: string): string[] {
  const opens: { at: number; start: number }[] = [];
  const groups: { index: number; text: string }[] = [];
  let count = 0;
  forEachSyntaxChar(p, (c, i) => {
    if (c === '(') opens.push({ at: opensCapture(p, i) ? count++ : -1, start: i });
    else if (c === ')') {
      const o = opens.pop();
      if (o && o.at >= 0) groups.push({ index: o.at, text: p.slice(o.start + 1, i) });
    }
  });
  return groups.sort((a, b) => a.index - b.index).map((g) => g.text);
}

/** Where group n (1-based) opens in the pattern, or -1. */
function groupOffset(p: string, n: number): number {
  let count = 0;
  let at = -1;
  forEachSyntaxChar(p, (c, i) => {
    if (c === '(' && opensCapture(p, i) && ++count === n) {
      at = i;
      return true;
    }
  });
  return at;
}

/** The condition fields whose value the client writes freely and lighttpd does not check. */
function clientField(object: string, field: string | undefined): string | undefined {
  if (field === undefined) return undefined;
  if (object === 'REQUEST_HEADER') return field === 'host' ? undefined : `the ${field} request header`;
  if (object !== 'HTTP') return undefined;
  switch (field) {
    case 'referer':
      return 'the Referer header';
    case 'useragent':
    case 'user-agent':
      return 'the User-Agent header';
    case 'cookie':
      return 'the Cookie header';
    case 'language':
      return 'the Accept-Language header';
    case 'querystring':
    case 'query-string':
      return 'the query string';
    default:
      return undefined;
  }
}

/** A group that can hold "://" or "//": a wildcard, not a list of words. */
function anything(group: string): boolean {
  return /(^|[^\\])\.[*+]|\[\^[^\]]*\][*+]|\\S[*+]/.test(group);
}

export function checkCaptures(ctx: CheckContext): void {
  const encodes = ctx.atLeast('1.4.50');
  for (const a of ctx.assignments) {
    const key = a.node.key.fullName;
    if (!a.node.value || !(key === 'url.redirect' || key.startsWith('url.rewrite'))) continue;
    const cond = a.scope.parent ? blockCondition(a.scope) : undefined;
    const condField = cond && cond.op === '=~' ? clientField(cond.object, cond.field) : undefined;
    const target = key === 'url.redirect' ? 'redirect target (Location header)' : 'rewritten URL';
    for (const e of locateElements(a.rhs, a.node.value, a.node.value)) {
      if (e.key === undefined || e.value.type !== 'string') continue;
      const value = e.value.value;
      const literal = e.valueExpr?.kind === 'string' ? e.valueExpr : undefined;
      const spanOf = (offset: number, length: number) =>
        literal
          ? {
              start: stringValueOffset(ctx.text, literal, offset),
              end: stringValueOffset(ctx.text, literal, offset + length),
            }
          : e.valueSpan;
      for (const r of substitutionRefs(value)) {
        const ref = value.slice(r.offset, r.offset + r.length);
        let field: string | undefined;
        if (r.sigil === '%') field = condField;
        else {
          // $n from the rule's own pattern: client data when the group matches inside the query string.
          const at = groupOffset(e.key, r.n);
          const q = e.key.search(/\\\?|\[\?\]/);
          // (The path is left alone: lighttpd decodes and normalises it, "//" included, before matching.)
          if (at >= 0 && q >= 0 && q < at) field = 'the query string';
        }
        if (!field) continue;
        if (r.offset === 0 && key === 'url.redirect') {
          const group =
            r.sigil === '$'
              ? captureGroups(e.key)[r.n - 1]
              : cond?.value !== undefined
                ? captureGroups(cond.value)[r.n - 1]
                : undefined;
          if (r.n === 0 || (group !== undefined && anything(group))) {
            ctx.report('open-redirect', spanOf(r.offset, r.length), { ref, field });
            continue;
          }
        }
        if (r.length !== 2) continue; // %{n}, ${n}, %{esc:n}: encoded (or %{noesc:n}: on purpose)
        const fix = encodes ? `${r.sigil}{esc:${r.n}}` : undefined;
        ctx.report(
          'capture-unescaped',
          spanOf(r.offset, r.length),
          {
            ref,
            field,
            target,
            fix: fix
              ? `${fix}, which percent-encodes it`
              : 'a pattern that captures only safe characters (lighttpd before 1.4.50 has no %{esc:n})',
          },
          fix && literal
            ? {
                fixes: [
                  {
                    title: `Change ${ref} to ${fix}`,
                    edits: [{ ...spanOf(r.offset, r.length), newText: fix }],
                    preferred: true,
                  },
                ],
              }
            : {},
        );
      }
    }
  }
}
