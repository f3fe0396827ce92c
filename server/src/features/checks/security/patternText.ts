/**
 * Reading a PCRE2 pattern's text for its structure (groups, alternatives, dots) as the security rules need
 * it: one walk that steps over escapes (`\x` is one unit) and character classes (`[...]`, where `]` right
 * after `[` or `[^` is a member), so that each rule looks only at the characters that are syntax.
 */

/**
 * Calls `visit` with each character of `p` outside escapes and classes (never a class's own brackets), in
 * order; stops when `visit` returns true.
 */
export function forEachSyntaxChar(p: string, visit: (c: string, i: number) => boolean | void): void {
  let inClass = false;
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') {
      inClass = true;
      if (p[i + 1] === ']') i++;
      else if (p[i + 1] === '^' && p[i + 2] === ']') i += 2;
      continue;
    }
    if (visit(c, i) === true) return;
  }
}

/** Does the `(` at `i` open a capturing group (plain, or named `(?<n>` / `(?P<n>`)? */
export function opensCapture(p: string, i: number): boolean {
  return p[i + 1] !== '?' || /^\?P?<[A-Za-z_]/.test(p.slice(i + 1, i + 5));
}

/**
 * Whether some match of pattern fragment `p` (a group's inside) can contain the character `ch`: the union of
 * what each atom admits (a literal, an escape class, `.`, a bracket class), which over-approximates (an atom
 * that can never be reached still counts). Group syntax, anchors and quantifiers admit nothing themselves.
 */
export function fragmentAdmits(p: string, ch: string): boolean {
  const caseless = /^\(\?[a-zA-Z]*i/.test(p);
  const same = (c: string) => c === ch || (caseless && c.toLowerCase() === ch.toLowerCase());
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '\\') {
      const x = p[i + 1] ?? '';
      i++;
      if (x === 'Q') {
        const end = p.indexOf('\\E', i + 1);
        const quoted = p.slice(i + 1, end < 0 ? undefined : end);
        if ([...quoted].some(same)) return true;
        i = end < 0 ? p.length : end + 1;
      } else if ('dDwWsSbBAzZGK'.includes(x)) {
        if ('bBAzZGK'.includes(x)) continue;
        if (new RegExp(`^\\${x}$`).test(ch)) return true;
      } else if (/[A-Za-z0-9]/.test(x))
        return true; // \x41, \p{..}, \1: unknown, so admitted
      else if (same(x)) return true;
    } else if (c === '[') {
      let j = i + 1;
      if (p[j] === '^') j++;
      if (p[j] === ']') j++;
      for (; j < p.length && p[j] !== ']'; j++) {
        if (p[j] === '\\') j++;
        else if (p[j] === '[' && p[j + 1] === ':') j = p.indexOf(':]', j + 2) + 1 || p.length;
      }
      const cls = p.slice(i, j + 1);
      i = j;
      try {
        if (
          new RegExp(`^${cls.replace(/\[:(\w+):\]/g, (m, n: string) => POSIX_JS[n] ?? m)}$`, caseless ? 'i' : '').test(
            ch,
          )
        )
          return true;
      } catch {
        return true;
      }
    } else if (c === '.') {
      if (ch !== '\n') return true;
    } else if (c === '(') {
      // skip the group's syntax: (?:  (?<name>  (?P<name>  (?=  (?!  (?<=  (?<!  (?i)
      const m = /^\(\?(?::|[=!]|<[=!]|P?<[A-Za-z_][A-Za-z0-9_]*>|'[A-Za-z_][A-Za-z0-9_]*'|[a-zA-Z-]*[:)])?/.exec(
        p.slice(i),
      );
      if (m) i += m[0].length - 1;
    } else if (c === '{') {
      const m = /^\{\d*(,\d*)?\}/.exec(p.slice(i));
      if (m) i += m[0].length - 1;
      else if (same(c)) return true;
    } else if (!'^$|)*+?'.includes(c)) {
      if (same(c)) return true;
    }
  }
  return false;
}

const POSIX_JS: Readonly<Record<string, string>> = {
  alpha: 'A-Za-z',
  lower: 'a-z',
  upper: 'A-Z',
  alnum: 'A-Za-z0-9',
  digit: '0-9',
  xdigit: '0-9A-Fa-f',
  space: '\\s',
  blank: ' \\t',
  punct: '!-\\/:-@\\[-`{-~',
  word: '\\w',
  graph: '!-~',
  print: ' -~',
  cntrl: '\\x00-\\x1f',
};

/** A fragment made only of literal text, `|` and plain groups, e.g. `en|de` or `(?:www\.)?example`. */
export function isLiteralAlternatives(p: string): boolean {
  let literal = true;
  for (let i = 0; i < p.length && literal; i++) {
    const c = p[i];
    if (c === '\\') {
      if (/[A-Za-z0-9]/.test(p[i + 1] ?? '')) literal = false;
      i++;
    } else if (c === '(') {
      const m = /^\((?:\?:|\?P?<[A-Za-z_][A-Za-z0-9_]*>)?/.exec(p.slice(i))!;
      i += m[0].length - 1;
    } else if ('[.*+{'.includes(c)) literal = false;
  }
  return literal;
}
