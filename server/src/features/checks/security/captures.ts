/**
 * Rules `capture-unescaped` and `open-redirect`: substitutions in url.redirect and url.rewrite* values
 * (src/keyvalue.c pcre_keyvalue_buffer_subst). A plain `%n` / `$n` is copied as is (burl_append with no
 * encoding flag); `%{n}` / `${n}` and `%{esc:n}` percent-encode (lighttpd 1.4.50+). `%n` takes the capture
 * of the condition of the block the directive is set in; `$n` the rule's own pattern, which mod_redirect and
 * mod_rewrite match against the request target as sent (path and query string).
 *
 * A finding needs three things: client data (the query string, request headers other than Host, which
 * host-strict checks; for the scheme and host of a redirect the path too), a place in the target where it
 * changes where the URL points (a redirect's start or host, or the path; never the query or fragment, where
 * the client could have written the same characters itself), and a capture that can carry what moves it
 * there (a group of literal alternatives such as "(en|de)" cannot). Every example a message gives is one
 * the capture's group matches.
 */
import type { CheckContext } from '../context';
import { stringValueOffset, locateElements } from '../context';
import { substitutionRefs, type SubstitutionRef } from '../regex';
import { translatePcre } from '../../../analysis/simulate/pcre';
import { blockCondition, listText, type BlockCondition } from './facts';
import { topAlternatives } from './hosts';
import { forEachSyntaxChar, fragmentAdmits, isLiteralAlternatives, opensCapture } from './patternText';

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

/** Where a capture comes from: what the client writes freely and lighttpd does not check. */
type Source = { readonly kind: 'query' | 'header' | 'path'; readonly field: string };

/** The condition fields whose value the client writes freely and lighttpd does not check. */
function clientField(object: string, field: string | undefined): Source | undefined {
  if (field === undefined) return undefined;
  const header = (name: string): Source => ({ kind: 'header', field: name });
  if (object === 'REQUEST_HEADER') return field === 'host' ? undefined : header(`the ${field} request header`);
  if (object !== 'HTTP') return undefined;
  switch (field) {
    case 'referer':
      return header('the Referer header');
    case 'useragent':
    case 'user-agent':
      return header('the User-Agent header');
    case 'cookie':
      return header('the Cookie header');
    case 'language':
      return header('the Accept-Language header');
    case 'querystring':
    case 'query-string':
      return { kind: 'query', field: 'the query string' };
    case 'url':
      return { kind: 'path', field: 'the URL path' };
    default:
      return undefined;
  }
}

/** Where a substitution lands in the target: before anything (a redirect's scheme), the host, the path, the query. */
export type Place = 'start' | 'authority' | 'path' | 'query';

/**
 * The part of the target the substitution at `offset` lands in, from the literal text before it (other
 * substitutions left out: what they add can only move it further right, into the query). A rewritten URL
 * is a path whatever it starts with; a redirect target starts with a scheme and host or is relative.
 */
export function placeInTarget(value: string, offset: number, redirect: boolean): Place {
  let prefix = value.slice(0, offset);
  for (const r of substitutionRefs(prefix).reverse())
    prefix = prefix.slice(0, r.offset) + prefix.slice(r.offset + r.length);
  if (/[?#]/.test(prefix)) return 'query';
  if (!redirect) return 'path';
  if (prefix === '' || /^[A-Za-z][A-Za-z0-9+.-]*:\/?$/.test(prefix)) return 'start';
  if (/^([A-Za-z][A-Za-z0-9+.-]*:)?\/\/[^/]*$/.test(prefix)) return 'authority';
  return 'path';
}

/** Does the text after a substitution end the host there (a port, path, query or fragment, or nothing)? */
function endsHost(rest: string): boolean {
  return rest === '' || /^[/:?#]/.test(rest);
}

/** Characters that move a path (a new segment, a query or fragment, an encoded one, a dot segment). */
const PATH_CHARS = ['/', '?', '#', '%', '\\', '.'];
/** Characters that end a host early or make the rest user information. */
const HOST_CHARS = ['/', '?', '#', '@', '\\'];

/** Does group `g` (PCRE2 text) match all of `s`? (false when the pattern cannot be run here) */
export function groupMatches(g: string, s: string): boolean {
  const t = translatePcre(`^(?:${g})$`);
  return t.ok && t.regex.test(s);
}

/** The first candidate the group can match, for a message's example; undefined when none. */
function exampleFor(g: string, candidates: readonly string[]): string | undefined {
  return candidates.find((c) => groupMatches(g, c));
}

/**
 * The character every match of a fragment starts with, when it starts with a literal (not optional, one
 * alternative): "\\?.*" starts with "?", "/(.*)" with "/". For $0 of a pattern anchored at the start (or
 * starting with ".*"), the target itself, which starts with "/".
 */
export function leadingLiteral(p: string, whole = false): string | undefined {
  if (topAlternatives(p).length > 1) return undefined;
  let s = p.replace(/^\^/, '');
  if (whole && (p.startsWith('^') || /^\(?\.\*/.test(p))) return '/';
  for (
    let m = /^\((?:\?:|\?P?<[A-Za-z_][A-Za-z0-9_]*>)?/.exec(s);
    m && m[0];
    m = /^\((?:\?:|\?P?<[A-Za-z_][A-Za-z0-9_]*>)?/.exec(s)
  )
    s = s.slice(m[0].length);
  let c: string;
  if (s[0] === '\\' && s.length > 1 && !/[A-Za-z0-9]/.test(s[1])) {
    c = s[1];
    s = s.slice(2);
  } else if (s.length && !'\\[.()|*+?{^$'.includes(s[0])) {
    c = s[0];
    s = s.slice(1);
  } else return undefined;
  return /^[?*{]/.test(s) ? undefined : c;
}

/** The capture's group and where it comes from, or undefined when it is not client data we track. */
function captureOf(
  r: SubstitutionRef,
  rulePattern: string,
  cond: BlockCondition | undefined,
): { group: string; source: Source } | undefined {
  if (r.sigil === '$') {
    const group = r.n === 0 ? rulePattern : captureGroups(rulePattern)[r.n - 1];
    if (group === undefined) return undefined;
    // The rule matches the request target as sent: a group after the "?" holds the query string; before
    // it, the path, which lighttpd decodes and normalises ("//" and dot segments removed) first.
    const at = r.n === 0 ? 0 : groupOffset(rulePattern, r.n);
    const q = rulePattern.search(/\\\?|\[\?\]/);
    return at >= 0 && q >= 0 && q < at
      ? { group, source: { kind: 'query', field: 'the query string' } }
      : { group, source: { kind: 'path', field: 'the URL path' } };
  }
  if (!cond || cond.op !== '=~' || cond.value === undefined) return undefined;
  const source = clientField(cond.object, cond.field);
  const group = r.n === 0 ? cond.value : captureGroups(cond.value)[r.n - 1];
  return source && group !== undefined ? { group, source } : undefined;
}

export function checkCaptures(ctx: CheckContext): void {
  const encodes = ctx.atLeast('1.4.50');
  for (const a of ctx.assignments) {
    const key = a.node.key.fullName;
    if (!a.node.value || !(key === 'url.redirect' || key.startsWith('url.rewrite'))) continue;
    const redirect = key === 'url.redirect';
    const cond = a.scope.parent ? blockCondition(a.scope) : undefined;
    const target = redirect ? 'redirect target (Location header)' : 'rewritten URL';
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
        const capture = captureOf(r, e.key, cond);
        if (!capture) continue;
        const { group, source } = capture;
        // (a group opening the anchored pattern, "^(.*)$", starts where the target does: with "/")
        const opensTarget = r.sigil === '$' && r.n > 0 && e.key.startsWith('^(') && groupOffset(e.key, r.n) === 1;
        const lead = opensTarget ? '/' : leadingLiteral(group, r.n === 0);
        let place = placeInTarget(value, r.offset, redirect);
        // A capture that starts with "?" or "#" starts the query or fragment itself ("index.php/$1" with
        // "(\?.*)"); one that starts with "/" after a host ends the host ("https://example.org$0").
        if (lead === '?' || lead === '#') place = 'query';
        else if (lead === '/' && place === 'authority') place = 'path';
        else if (lead === '/' && place === 'start' && source.kind === 'path') continue; // a relative path
        const admits = (chars: readonly string[]) => chars.filter((c) => fragmentAdmits(group, c));
        if (place === 'query') continue; // the client could have written the same characters there itself
        if (place === 'start' || place === 'authority') {
          // (encoding does not help here: an encoded host is still the client's host)
          let example: string | undefined;
          if (place === 'start') {
            example =
              source.kind === 'path'
                ? // after normalisation the path holds no "//", but "https:/evil.example" is read as a URL by browsers
                  !/^\^?\//.test(group) && admits([':']).length
                  ? exampleFor(group, ['https:/evil.example/', 'http:/evil.example'])
                  : undefined
                : admits([':', '/', '\\']).length
                  ? (exampleFor(group, ['https://evil.example/', '//evil.example/', '/\\evil.example/']) ?? '')
                  : undefined;
          } else {
            const rest = value.slice(r.offset + r.length);
            const breaks = admits(HOST_CHARS);
            if (breaks.length || (endsHost(rest) && !isLiteralAlternatives(group) && admits(['.']).length))
              example =
                exampleFor(group, [
                  'evil.example',
                  'evil.example/',
                  'evil.example#',
                  'evil.example?',
                  'evil.example@',
                  'x@evil.example',
                ]) ?? '';
          }
          if (example === undefined) continue;
          ctx.report('open-redirect', spanOf(r.offset, r.length), {
            ref,
            field: source.field,
            place: place === 'start' ? 'starts the redirect target' : 'is the host of the redirect target',
            example,
          });
          continue;
        }
        // In the path: only client data that can carry a separator, an escape or a dot segment moves it.
        if (source.kind === 'path' || r.length !== 2) continue; // %{n}, %{esc:n} encode; %{noesc:n} is on purpose
        const chars = admits(PATH_CHARS);
        if (!chars.length) continue;
        const example = exampleFor(group, [
          '../admin',
          'x?admin=1',
          'x/../../admin',
          '%2e%2e/admin',
          'x#',
          '..',
          'x%3fa',
        ]);
        const fix = encodes ? `${r.sigil}{esc:${r.n}}` : undefined;
        ctx.report(
          'capture-unescaped',
          spanOf(r.offset, r.length),
          {
            ref,
            field: source.field,
            target,
            chars: listText(
              chars.map((c) => (c === '.' && chars.includes('/') ? '../' : c)),
              6,
            ),
            example: example ?? '',
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
