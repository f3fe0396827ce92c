/**
 * Runs PCRE2 patterns (as lighttpd compiles them: PCRE2_UTF, nothing else) with JavaScript's RegExp, by
 * translating the constructs whose meaning both engines share and refusing every other one.
 *
 * Translated with PCRE2's meaning (not JavaScript's where they differ):
 *   `.` matches anything but "\n" (JS also stops at "\r", U+2028, U+2029); `$` and `\Z` match at the end
 *   or before a final "\n"; `\s` is ASCII white space (JS adds Unicode spaces and U+FEFF); `\d` `\w` `\b`
 *   are ASCII (no PCRE2_UCP), like JS; `\A` `\z`; POSIX classes `[[:alpha:]]`; `\Q…\E`; `\xhh`,
 *   `\x{h…}`; `\e` `\a`; identity escapes of punctuation; `(?P<n>…)` and `(?'n'…)`; a leading `(?i)`.
 * Refused (the condition is then "unknown", with the reason): possessive quantifiers, atomic groups,
 * inline options other than a leading (?i), extended mode, `\K` `\G` `\R` `\h` `\v` `\X` `\p` `\C`,
 * subroutine calls, recursion, conditionals, branch reset, verbs, callouts, relative or named back
 * references other than `\1`-`\9` and `\k<n>`, `{,n}` (a literal before PCRE2 10.43, a quantifier after).
 * The pattern is first checked with analysis/regex.ts: one lighttpd would refuse is never run.
 */
import { checkPcre2 } from '../regex';

export type Translation =
  | { readonly ok: true; readonly regex: RegExp; readonly captures: number }
  | { readonly ok: false; readonly reason: string };

const POSIX: Record<string, string> = {
  alpha: 'A-Za-z',
  lower: 'a-z',
  upper: 'A-Z',
  alnum: 'A-Za-z0-9',
  ascii: '\\x00-\\x7f',
  blank: ' \\t',
  cntrl: '\\x00-\\x1f\\x7f',
  digit: '0-9',
  graph: '\\x21-\\x7e',
  print: '\\x20-\\x7e',
  punct: '!-\\/:-@\\[-`{-~',
  space: '\\t\\n\\x0b\\f\\r ',
  word: 'A-Za-z0-9_',
  xdigit: '0-9A-Fa-f',
};

const SPACE = '\\t\\n\\x0b\\f\\r ';

class Refused extends Error {}

function refuse(reason: string): never {
  throw new Refused(reason);
}

/** A literal character as it may stand in a JS pattern (outside or inside a class). */
function lit(ch: string, inClass: boolean): string {
  if (inClass) return /[\\\]^\-[]/.test(ch) ? '\\' + ch : ch;
  return /[\\^$.*+?()[\]{}|/]/.test(ch) ? '\\' + ch : ch;
}

function codePoint(hex: string, at: number): string {
  const cp = parseInt(hex, 16);
  if (!Number.isFinite(cp) || cp > 0x10ffff) refuse(`bad code point at ${at}`);
  return `\\u{${cp.toString(16)}}`;
}

/** Translates one escape (pattern[i] === '\\'); returns the JS text and the index after it. */
function escape(p: string, i: number, inClass: boolean): [string, number] {
  const c = p[i + 1];
  if (c === undefined) refuse('pattern ends with a backslash');
  switch (c) {
    case 'd':
    case 'D':
    case 'w':
    case 'W':
      return ['\\' + c, i + 2];
    case 's':
      return [inClass ? SPACE : `[${SPACE}]`, i + 2];
    case 'S':
      if (inClass) refuse('\\S inside a character class');
      return [`[^${SPACE}]`, i + 2];
    case 'b':
      if (inClass) return ['\\x08', i + 2];
      return ['\\b', i + 2];
    case 'B':
      if (inClass) refuse('\\B inside a class');
      return ['\\B', i + 2];
    case 'A':
      if (inClass) refuse('\\A inside a class');
      return ['^', i + 2];
    case 'z':
      if (inClass) refuse('\\z inside a class');
      return ['$', i + 2];
    case 'Z':
      if (inClass) refuse('\\Z inside a class');
      return ['(?=\\n?$)', i + 2];
    case 'n':
      return ['\\n', i + 2];
    case 't':
      return ['\\t', i + 2];
    case 'r':
      return ['\\r', i + 2];
    case 'f':
      return ['\\f', i + 2];
    case 'e':
      return ['\\x1b', i + 2];
    case 'a':
      return ['\\x07', i + 2];
    case 'x': {
      if (p[i + 2] === '{') {
        const end = p.indexOf('}', i + 3);
        if (end < 0) refuse('unterminated \\x{');
        return [codePoint(p.slice(i + 3, end), i), end + 1];
      }
      const m = /^[0-9A-Fa-f]{0,2}/.exec(p.slice(i + 2))![0];
      return [codePoint(m || '0', i), i + 2 + m.length];
    }
    case 'Q':
      return ['', i + 2]; // handled by the caller
    case 'E':
      return ['', i + 2]; // a stray \E is ignored by PCRE2
    case 'k': {
      const m = /^<([A-Za-z_][A-Za-z0-9_]*)>/.exec(p.slice(i + 2));
      if (!m || inClass) refuse(`\\k at ${i}`);
      return [`\\k<${m[1]}>`, i + 2 + m[0].length];
    }
    default:
      if (/[1-9]/.test(c)) {
        if (inClass) refuse(`octal escape \\${c} in a class`);
        if (/[0-9]/.test(p[i + 2] ?? '')) refuse(`back reference or octal \\${c}${p[i + 2]}`);
        return ['\\' + c, i + 2];
      }
      if (/[A-Za-z0-9]/.test(c)) refuse(`the escape \\${c} is not translated`);
      // Identity escape of punctuation or a non-ASCII character.
      return [lit(c, inClass), i + 2];
  }
}

/** Translates a class starting at p[i] === '['; returns the JS class and the index after it. */
function charClass(p: string, i: number): [string, number] {
  let j = i + 1;
  let out = '[';
  if (p[j] === '^') {
    out += '^';
    j++;
  }
  // A ']' first is a literal.
  if (p[j] === ']') {
    out += '\\]';
    j++;
  }
  while (j < p.length && p[j] !== ']') {
    if (p[j] === '[' && p[j + 1] === ':') {
      const m = /^\[:(\^?)([a-z]+):\]/.exec(p.slice(j));
      if (!m || !POSIX[m[2]]) refuse(`POSIX class at ${j}`);
      if (m[1]) refuse('negated POSIX class');
      out += POSIX[m[2]];
      j += m[0].length;
      continue;
    }
    if (p[j] === '\\') {
      if (p[j + 1] === 'Q') {
        const end = p.indexOf('\\E', j + 2);
        const text = end < 0 ? p.slice(j + 2) : p.slice(j + 2, end);
        for (const ch of text) out += lit(ch, true);
        j = end < 0 ? p.length : end + 2;
        continue;
      }
      const [t, next] = escape(p, j, true);
      out += t;
      j = next;
      continue;
    }
    const cp = p.codePointAt(j)!;
    const ch = String.fromCodePoint(cp);
    out += ch === '-' ? '-' : lit(ch, true);
    j += ch.length;
  }
  if (p[j] !== ']') refuse('unterminated character class');
  return [out + ']', j + 1];
}

/** Translates a PCRE2 pattern; never throws. */
export function translatePcre(pattern: string): Translation {
  const check = checkPcre2(pattern);
  if (!check.ok) return { ok: false, reason: `the pattern does not compile: ${check.error.message}` };
  try {
    let p = pattern;
    let flags = 'u';
    if (p.startsWith('(?i)')) {
      flags += 'i';
      p = p.slice(4);
    }
    let out = '';
    let i = 0;
    // Whether the last emitted item can take a quantifier (to catch possessive forms).
    while (i < p.length) {
      const ch = p[i];
      if (ch === '\\') {
        if (p[i + 1] === 'Q') {
          const end = p.indexOf('\\E', i + 2);
          const text = end < 0 ? p.slice(i + 2) : p.slice(i + 2, end);
          out += text ? `(?:${[...text].map((c) => lit(c, false)).join('')})` : '';
          i = end < 0 ? p.length : end + 2;
          continue;
        }
        const [t, next] = escape(p, i, false);
        out += t;
        i = next;
        continue;
      }
      if (ch === '[') {
        const [t, next] = charClass(p, i);
        out += t;
        i = next;
        continue;
      }
      if (ch === '.') {
        out += '[^\\n]';
        i++;
        continue;
      }
      if (ch === '$') {
        out += '(?=\\n?$)';
        i++;
        continue;
      }
      if (ch === '(') {
        if (p[i + 1] === '*') refuse('backtracking verbs and start-of-pattern options');
        if (p[i + 1] !== '?') {
          out += '(';
          i++;
          continue;
        }
        const rest = p.slice(i + 2);
        if (rest.startsWith(':') || rest.startsWith('=') || rest.startsWith('!')) {
          out += '(?' + rest[0];
          i += 3;
          continue;
        }
        if (rest.startsWith('<=') || rest.startsWith('<!')) {
          out += '(?' + rest.slice(0, 2);
          i += 4;
          continue;
        }
        const named = /^(?:<|P<|')([A-Za-z_][A-Za-z0-9_]*)[>']/.exec(rest);
        if (named) {
          out += `(?<${named[1]}>`;
          i += 2 + named[0].length;
          continue;
        }
        const ref = /^P=([A-Za-z_][A-Za-z0-9_]*)\)/.exec(rest);
        if (ref) {
          out += `\\k<${ref[1]}>`;
          i += 2 + ref[0].length;
          continue;
        }
        refuse(`the group (?${rest.slice(0, 2)}… is not translated`);
      }
      if (ch === '{') {
        const m = /^\{(\d*)(,?)(\d*)\}/.exec(p.slice(i));
        if (m && m[1] === '' && m[2] === ',') refuse('{,n} (a literal before PCRE2 10.43, a quantifier since)');
        if (m && m[1] !== '') {
          out += m[0];
          i += m[0].length;
          if (p[i] === '+') refuse('possessive quantifier');
          continue;
        }
        out += '\\{';
        i++;
        continue;
      }
      if (ch === '*' || ch === '+' || ch === '?') {
        out += ch;
        i++;
        if (p[i] === '+') refuse('possessive quantifier');
        if (p[i] === '?') {
          out += '?';
          i++;
        }
        continue;
      }
      if (ch === '}' || ch === ']') {
        out += '\\' + ch;
        i++;
        continue;
      }
      if (ch === '/') {
        out += '\\/';
        i++;
        continue;
      }
      const cp = p.codePointAt(i)!;
      const s = String.fromCodePoint(cp);
      out += s;
      i += s.length;
    }
    const regex = new RegExp(out, flags);
    return { ok: true, regex, captures: check.info.captures };
  } catch (e) {
    if (e instanceof Refused) return { ok: false, reason: e.message };
    return { ok: false, reason: `no faithful translation (${e instanceof Error ? e.message : String(e)})` };
  }
}

/**
 * Whether a pattern can take exponential time on a JavaScript engine: a quantified group that contains
 * a quantifier (`(a+)+`, `(\w*)*`). Such a pattern is not run on long subjects.
 */
export function mayBacktrackBadly(pattern: string): boolean {
  return /\((?:[^()\\]|\\.)*[*+}](?:[^()\\]|\\.)*\)[*+{]/.test(pattern);
}
