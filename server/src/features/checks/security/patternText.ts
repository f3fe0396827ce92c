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
