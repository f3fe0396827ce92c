/**
 * Rule `unanchored-host-regex`: `=~` / `!~` on $HTTP["host"], $HTTP["referer"] and $REQUEST_HEADER["Host" /
 * "Origin" / "Referer"] is a PCRE2 search (src/configfile-glue.c config_check_cond_nocache: pcre2_match
 * without PCRE2_ANCHORED), so a host name in the pattern matches wherever it occurs in the value unless the
 * pattern is anchored, and an unescaped "." matches any character. Only patterns that contain a host name
 * (a label, a dot, a label) are looked at.
 */
import type { CheckContext } from '../context';
import { translatePcre } from '../../../analysis/simulate/pcre';
import { forEachSyntaxChar } from './patternText';

type Kind = 'host' | 'referer' | 'origin';

function kindOf(object: string, field: string): Kind | undefined {
  const f = field.toLowerCase();
  if (object === 'HTTP') return f === 'host' ? 'host' : f === 'referer' ? 'referer' : undefined;
  if (object === 'REQUEST_HEADER')
    return f === 'host' ? 'host' : f === 'referer' ? 'referer' : f === 'origin' ? 'origin' : undefined;
  return undefined;
}

/** Splits a pattern at its top-level `|` (outside groups, classes and escapes). */
export function topAlternatives(p: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  forEachSyntaxChar(p, (c, i) => {
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (c === '|' && depth === 0) {
      out.push(p.slice(start, i));
      start = i + 1;
    }
  });
  out.push(p.slice(start));
  return out;
}

/** The group that opens at `p[0] === '('`: its inside and what follows it; undefined when unbalanced. */
function leadingGroup(p: string): { inner: string; rest: string } | undefined {
  let depth = 0;
  let found: { inner: string; rest: string } | undefined;
  forEachSyntaxChar(p, (c, i) => {
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) {
      const inner = p.slice(1, i).replace(/^\?(?::|<?[=!]|<[A-Za-z_][A-Za-z0-9_]*>|P<[A-Za-z_][A-Za-z0-9_]*>)?/, '');
      found = { inner, rest: p.slice(i + 1) };
      return true;
    }
  });
  return found;
}

/** The group that closes at the end of `p` (optionally followed by `?`): its inside. */
function trailingGroup(p: string): string | undefined {
  const body = p.endsWith(')?') ? p.slice(0, -1) : p;
  if (!body.endsWith(')') || body.endsWith('\\)')) return undefined;
  // Find the '(' that opens the last group by scanning from the left.
  const stack: number[] = [];
  let open = -1;
  forEachSyntaxChar(body, (c, i) => {
    if (c === '(') stack.push(i);
    else if (c === ')') {
      const o = stack.pop();
      if (i === body.length - 1 && o !== undefined) open = o;
    }
  });
  if (open < 0) return undefined;
  return body.slice(open + 1, -1).replace(/^\?(?::|<[A-Za-z_][A-Za-z0-9_]*>|P<[A-Za-z_][A-Za-z0-9_]*>)?/, '');
}

/** The pattern cannot match a name that merely ends with (or contains) the host it names. */
function startAnchored(a: string, kind: Kind): boolean {
  if (/^(\^|\\A)/.test(a)) return true;
  if (kind === 'host' && /^(\\\.|\.[*+]\\\.|\[\^[^\]]*\][*+]\\\.)/.test(a)) return true; // any subdomain: "\.example\.com$"
  if (a.startsWith('(')) {
    const g = leadingGroup(a);
    if (g && g.inner !== '') {
      const alts = topAlternatives(g.inner);
      if (alts.every((x) => x !== '' && startAnchored(x + g.rest, kind))) return true;
    }
  }
  return false;
}

/** What ends the host name in the pattern: `$`, a port or path separator, or a label wildcard after a dot. */
function endAnchored(a: string, kind: Kind): boolean {
  let p = a;
  // A trailing wildcard after a label separator ("^www\.(.*)") means "any name below": fine.
  const wildcard = /(\(\?:?\.[*+]\)|\(\.[*+]\)|\.[*+]\??|\[\^[^\]]*\][*+]\??)$/;
  const w = wildcard.exec(p);
  if (w) {
    p = p.slice(0, w.index);
    if (p.endsWith('\\.') || p.endsWith('.') || p.endsWith('/') || p.endsWith(':') || p === '' || p.endsWith('^'))
      return true;
    if (kind === 'referer' && /(\/|\[[^\]]*\/[^\]]*\])$/.test(p)) return true;
    return false;
  }
  if (/(^|[^\\])\$$/.test(p) || /\\[zZ]$/.test(p)) return true;
  if (kind !== 'host' && /(\/|\[[^\]]*\/[^\]]*\])$/.test(p)) return true; // the path (referer) or port starts
  if (/:$/.test(p)) return true;
  const g = trailingGroup(p);
  if (g !== undefined) {
    const alts = topAlternatives(g);
    if (alts.every((x) => x === '$' || /^[:/]/.test(x) || /(^|[^\\])\$$/.test(x) || /^\\[/:]/.test(x))) return true;
    if (p.endsWith(')?')) return endAnchored(p.slice(0, p.lastIndexOf('(')), kind);
  }
  return false;
}

/** Offsets of `.` used as a label separator without a backslash (`www.example.com`). */
function unescapedDots(a: string): number[] {
  const out: number[] = [];
  forEachSyntaxChar(a, (c, i) => {
    if (c === '.' && /[A-Za-z0-9]/.test(a[i - 1] ?? '') && /[A-Za-z0-9]/.test(a[i + 1] ?? '')) out.push(i);
  });
  return out;
}

/** The host name the pattern is about (dots unescaped), e.g. "example.com" in "^(www\.)?example\.com$". */
function hostLiteral(a: string): string | undefined {
  const runs = a.match(/(?:[A-Za-z0-9-]|\\\.|\.(?=[A-Za-z0-9]))+/g) ?? [];
  const named = runs.filter((r) => /[A-Za-z0-9]/.test(r) && /(\\\.|\.)[A-Za-z0-9]/.test(r));
  const best = named.sort((x, y) => y.length - x.length)[0];
  return best?.replace(/\\\./g, '.').replace(/^\.+|\.+$/g, '');
}

export type { Kind as HostPatternKind };

export interface HostPatternProblem {
  readonly start: boolean;
  readonly end: boolean;
  readonly dots: number[];
  readonly host: string;
}

/** What is wrong with a host/referer/origin pattern (per top-level alternative, the first that has a problem). */
export function hostPatternProblem(pattern: string, kind: Kind): HostPatternProblem | undefined {
  const body = pattern.replace(/^\(\?[a-zA-Z]+\)/, '');
  let offset = pattern.length - body.length;
  for (const alt of topAlternatives(body)) {
    const at = offset;
    offset += alt.length + 1;
    const host = hostLiteral(alt);
    if (!host || !/[A-Za-z]/.test(host)) continue; // only names (an IP literal is matched by remote-ip rules)
    const start = !startAnchored(alt, kind);
    const end = !endAnchored(alt, kind);
    const dots = unescapedDots(alt).map((d) => d + at);
    if (start || end || dots.length) return { start, end, dots, host };
  }
  return undefined;
}

/** A plausible match of one alternative, for the candidates below: anchors and optional parts dropped. */
function sampleOf(alt: string): string {
  let s = alt.replace(/^\(\?[a-zA-Z]+\)/, '').replace(/^\^|\$$/g, '');
  for (let i = 0; i < 3; i++)
    s = s
      .replace(/\((?:\?:)?[^()]*\)[?*]/g, '')
      .replace(/\((?:\?:)?([^()|]*)(?:\|[^()]*)?\)/g, '$1')
      .replace(/(\\.|[^\\])[?*]/g, '')
      .replace(/\.\+|\\S\+/g, 'x');
  return s.replace(/\[([^\]^\\])[^\]]*\][+]?/g, '$1').replace(/\\([^A-Za-z0-9])/g, '$1');
}

/** Strings on a site other than `host` that the pattern matches, best first, for the message. */
function candidates(p: HostPatternProblem, kind: Kind, alt: string): string[] {
  const h = p.host;
  const i = h.indexOf('.');
  const typo = i > 0 ? `${h.slice(0, i)}x${h.slice(i + 1)}` : h;
  const sample = sampleOf(alt);
  if (kind === 'host')
    return [`${h}.evil.example`, `evil-${h}`, `evil${h}`, typo, `${sample}.evil.example`, `evil-${sample}`];
  const path = sample.replace(/^https?:\/\/[^/]*/, '');
  return [
    `https://${h}.evil.example/`,
    `https://evil-${h}/`,
    `https://${typo}/`,
    `https://evil.example/${h}/`,
    `https://evil.example/?${h}/`,
    `https://evil.example${path.startsWith('/') ? '' : '/'}${path}`,
    `https://evil.example/?${sample}`,
    `https://${sample.replace(/^https?:\/\//, '')}.evil.example/`,
    `https://evil-${sample.replace(/^https?:\/\//, '')}`,
  ];
}

/**
 * A value the pattern matches although it names another site: the first candidate that the pattern (run
 * as lighttpd runs it, a search) matches and that does not end with the host it names; undefined when the
 * pattern cannot be run here or none fits.
 */
export function foreignExample(pattern: string, p: HostPatternProblem, kind: Kind): string | undefined {
  const t = translatePcre(pattern);
  if (!t.ok) return undefined;
  const alt =
    topAlternatives(pattern.replace(/^\(\?[a-zA-Z]+\)/, '')).find((x) => hostLiteral(x) === p.host) ?? pattern;
  return candidates(p, kind, alt).find((c) => t.regex.test(c) && !isOwn(c, p.host, kind));
}

/** Is the example still on the named host (so it shows nothing)? */
function isOwn(example: string, host: string, kind: Kind): boolean {
  const name = kind === 'host' ? example : (/^[a-z]+:\/\/([^/:?#]*)/i.exec(example)?.[1] ?? '');
  const h = host.toLowerCase();
  const n = name.toLowerCase();
  return n === h || n.endsWith(`.${h}`);
}

export function checkHostPatterns(ctx: CheckContext): void {
  for (const c of ctx.conditions) {
    const h = c.branch.head;
    const op = h?.operator?.text;
    if (!h?.object || !h.value || (op !== '=~' && op !== '!~')) continue;
    if (c.field.type !== 'string' || c.value.type !== 'string') continue;
    const kind = kindOf(h.object.name, c.field.value);
    if (!kind) continue;
    const pattern = c.value.value;
    const p = hostPatternProblem(pattern, kind);
    if (!p) continue;
    const problems: string[] = [];
    if (p.start && p.end) problems.push('is anchored at neither end');
    else if (p.start)
      problems.push(kind === 'host' ? 'is not anchored at the start (^)' : 'is not anchored at the start (^https?://)');
    else if (p.end)
      problems.push(kind === 'host' ? 'is not anchored at the end ($)' : 'does not end the host name ($, / or :)');
    if (p.dots.length)
      problems.push(
        `has ${p.dots.length === 1 ? 'a "." that matches' : `${p.dots.length} "." that match`} any character`,
      );
    const negated = op === '!~';
    const consequence =
      kind === 'host'
        ? negated
          ? 'so requests naming that host are not caught by this block'
          : "so this block's settings also apply to requests naming that host"
        : negated
          ? 'so a page on that site is not caught by this block'
          : 'so requests from a page on that site pass this check';
    const field = `$${h.object.name}["${c.field.value}"]`;
    let fixes;
    if (h.value.kind === 'string' && !pattern.includes('"') && topAlternatives(pattern).length === 1) {
      let fixed = pattern;
      for (const d of [...p.dots].reverse()) fixed = `${fixed.slice(0, d)}\\${fixed.slice(d)}`;
      if (kind === 'host' && p.start && !/^\.[*+]/.test(fixed)) fixed = `^${fixed}`;
      if (kind !== 'referer' && p.end && !/\.[*+]\)?$/.test(fixed)) fixed = `${fixed}$`;
      if (fixed !== pattern && !hostPatternProblem(fixed, kind))
        fixes = [
          {
            title: `Change the pattern to "${fixed}"`,
            edits: [{ start: h.value.start, end: h.value.end, newText: `"${fixed}"` }],
            preferred: true,
          },
        ];
    }
    ctx.report(
      'unanchored-host-regex',
      h.value,
      {
        field,
        op,
        pattern,
        problem: problems.join(' and '),
        example: foreignExample(pattern, p, kind) ?? '',
        consequence,
      },
      fixes ? { fixes } : {},
    );
  }
}
