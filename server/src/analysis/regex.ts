/**
 * A syntax checker for PCRE2 patterns, as lighttpd compiles them (pcre2_compile with PCRE2_UTF, no other
 * options: src/data_config.c for `=~` / `!~` conditions, src/keyvalue.c for url.rewrite* / url.redirect).
 *
 * It reads the pattern the way pcre2_compile does and reports the first error it is certain about, with
 * its offset. It never runs a pattern against anything. It also counts capture groups (for `%n` / `$n`
 * references) and collects group names.
 *
 * Known to PCRE2 and accepted here: POSIX classes `[[:digit:]]` (and `[[:^digit:]]`), `\Q…\E`, inline
 * options `(?i)` `(?x)` `(?^)` `(?i:…)`, extended mode comments and white space, atomic groups `(?>…)`,
 * possessive and lazy quantifiers, lookahead and lookbehind, alpha assertions `(*pla:…)`, named groups
 * `(?<n>…)` `(?'n'…)` `(?P<n>…)`, back references `\1` `\g{-1}` `\k<n>` `(?P=n)`, subroutine calls
 * `(?1)` `(?&n)` `(?R)`, conditionals `(?(1)…|…)` `(?(<n>)…)` `(?(DEFINE)…)` `(?(?=…)…)`, branch reset
 * `(?|…)`, backtracking verbs `(*SKIP)` `(*MARK:x)`, start-of-pattern options `(*UTF)`, callouts `(?C1)`.
 *
 * Reported (each is a pcre2_compile error): unbalanced parentheses, quantifier with nothing to repeat
 * (`*a`, `a**`, `^*`), `{n,m}` out of order or above 65535, unknown escapes (`\i`, `\L`, `\u`), `\c` not
 * followed by printable ASCII, code points above U+10FFFF or surrogates, unterminated classes, reversed
 * or invalid ranges (`[z-a]`, `[\w-.]`), unknown POSIX class names, POSIX classes outside a class,
 * collating elements `[[.a.]]`, `\B` `\R` `\X` `\N` in a class, bad group syntax after `(?`, unknown
 * `(*VERB)`, names that start with a digit or repeat, references to groups or names that do not exist,
 * conditionals with more than two branches, unbounded lookbehind (`(?<=a+)`).
 *
 * Not seen (never reported, so never wrong): unknown Unicode property names after `\p`; lookbehind
 * whose branches have a bounded but variable length (an error before PCRE2 10.43, accepted since); limits
 * that depend on the compiled size (pattern too large, nesting deeper than the build allows); invalid
 * UTF-8 in the file's bytes (the editor only sees decoded text).
 */

export interface RegexInfo {
  /** Number of capture groups (as PCRE2_INFO_CAPTURECOUNT reports). */
  readonly captures: number;
  readonly names: readonly string[];
}

export interface RegexError {
  readonly message: string;
  /** Offset into the pattern where the problem is (0-based, in UTF-16 code units). */
  readonly offset: number;
  /** Length of the offending piece (at least 1 where there is a character to mark). */
  readonly length: number;
}

export type RegexCheck =
  | { readonly ok: true; readonly info: RegexInfo }
  | { readonly ok: false; readonly error: RegexError };

class PatternError extends Error {
  constructor(
    readonly msg: string,
    readonly offset: number,
    readonly length = 1,
  ) {
    super(msg);
  }
}

interface Flags {
  /** (?x): white space and # comments ignored outside classes. */
  ext: boolean;
  /** (?xx): also ignore space and tab inside classes. */
  extMore: boolean;
  /** (?n): plain parentheses do not capture. */
  noAutoCapture: boolean;
  /** (?J): duplicate names allowed. */
  dupNames: boolean;
}

type GroupKind = 'capture' | 'plain' | 'lookbehind' | 'conditional' | 'define' | 'branch-reset' | 'condition-assert';

interface Group {
  readonly kind: GroupKind;
  readonly start: number;
  readonly saved: Flags;
  branches: number;
  /** Branch reset: capture count at the opening, and the highest count seen at any `|`. */
  readonly resetBase: number;
  resetMax: number;
  /** Lookbehind: index in `lookbehinds` of the branch-length tracker. */
  readonly lb?: LookbehindTracker;
}

/** Tracks whether a lookbehind can match an unbounded number of characters. */
interface LookbehindTracker {
  unbounded: boolean;
}

const POSIX_CLASSES = new Set([
  'alpha',
  'lower',
  'upper',
  'alnum',
  'ascii',
  'blank',
  'cntrl',
  'digit',
  'graph',
  'print',
  'punct',
  'space',
  'word',
  'xdigit',
]);

/** Letters that form a known escape in PCRE2 (outside a class). Every other ASCII letter is an error. */
const KNOWN_ESCAPE_LETTERS = new Set('abcdefghknoprstvwxABCDEGHKNPQRSVWXZz'.split(''));
const UNSUPPORTED_PERL_ESCAPES = new Set(['F', 'L', 'l', 'U', 'u']);

const START_VERBS =
  /^(UTF|UTF8|UTF16|UTF32|UCP|CR|LF|CRLF|ANYCRLF|ANY|NUL|BSR_ANYCRLF|BSR_UNICODE|NOTEMPTY|NOTEMPTY_ATSTART|NO_AUTO_POSSESS|NO_DOTSTAR_ANCHOR|NO_JIT|NO_START_OPT|NO_UTF_CHECK|NOJIT|LIMIT_MATCH=\d+|LIMIT_DEPTH=\d+|LIMIT_HEAP=\d+|LIMIT_RECURSION=\d+)$/;
const BACKTRACK_VERBS = /^(ACCEPT|FAIL|F|COMMIT|PRUNE|SKIP|THEN|MARK)$/;
const ALPHA_ASSERTIONS = new Set([
  'pla',
  'positive_lookahead',
  'nla',
  'negative_lookahead',
  'plb',
  'positive_lookbehind',
  'nlb',
  'negative_lookbehind',
  'napla',
  'non_atomic_positive_lookahead',
  'naplb',
  'non_atomic_positive_lookbehind',
  'atomic',
  'sr',
  'script_run',
  'asr',
  'atomic_script_run',
  'scs',
  'scan_substring',
]);

const MAX_QUANTIFIER = 65535;
const MAX_NAME_LENGTH = 128;

class Checker {
  private i = 0;
  private captures = 0;
  private readonly names = new Map<string, number>();
  private readonly numberRefs: { n: number; at: number; len: number }[] = [];
  private readonly nameRefs: { name: string; at: number; len: number }[] = [];
  private flags: Flags = { ext: false, extMore: false, noAutoCapture: false, dupNames: false };
  private readonly stack: Group[] = [];
  /** True when the previous item can take a quantifier. */
  private canRepeat = false;
  /** True right after a quantifier (a second one is an error unless it is the lazy/possessive suffix). */
  private afterQuantifier = false;
  /** True while the previous item makes the enclosing lookbehind unbounded if repeated. */
  private readonly lookbehinds: LookbehindTracker[] = [];

  constructor(private readonly s: string) {}

  run(): RegexInfo {
    this.startOptions();
    const s = this.s;
    while (this.i < s.length) {
      const c = s[this.i];
      if (this.flags.ext && this.skipExtended()) continue;
      switch (c) {
        case '\\':
          this.escape();
          break;
        case '[':
          this.charClass();
          this.atom();
          break;
        case '(':
          this.openGroup();
          break;
        case ')':
          this.closeGroup();
          break;
        case '|':
          this.alternation();
          break;
        case '*':
        case '+':
        case '?':
          this.quantifier(this.i, 1);
          break;
        case '{': {
          const q = this.braceQuantifier();
          if (q) this.quantifier(this.i, q.length, q.unbounded);
          else {
            this.i++;
            this.atom();
          }
          break;
        }
        case '^':
        case '$':
          this.i++;
          this.assertion();
          break;
        default:
          this.i += c.codePointAt(0)! > 0xffff ? 2 : 1;
          this.atom();
          break;
      }
    }
    if (this.stack.length > 0) {
      const g = this.stack[this.stack.length - 1];
      throw new PatternError('missing closing parenthesis', g.start, 1);
    }
    for (const r of this.numberRefs) {
      if (r.n > this.captures)
        throw new PatternError(
          `reference to group ${r.n}, but the pattern has ${this.captures === 0 ? 'no groups' : `only ${this.captures}`}`,
          r.at,
          r.len,
        );
    }
    for (const r of this.nameRefs) {
      if (!this.names.has(r.name))
        throw new PatternError(`reference to a group named "${r.name}" that does not exist`, r.at, r.len);
    }
    return { captures: this.captures, names: [...this.names.keys()] };
  }

  // ---- items ----

  private atom(): void {
    this.canRepeat = true;
    this.afterQuantifier = false;
  }

  private assertion(): void {
    this.canRepeat = false;
    this.afterQuantifier = false;
  }

  private quantifier(at: number, length: number, unbounded = true): void {
    if (!this.canRepeat) {
      throw new PatternError(
        this.afterQuantifier ? 'a quantifier cannot follow another quantifier' : 'quantifier with nothing to repeat',
        at,
        length,
      );
    }
    this.i = at + length;
    // lazy (?) or possessive (+) suffix
    if (this.s[this.i] === '?' || this.s[this.i] === '+') this.i++;
    if (unbounded) for (const lb of this.lookbehinds) lb.unbounded = true;
    this.canRepeat = false;
    this.afterQuantifier = true;
  }

  private readonly quantifierCheck = /^\{\s*(\d*)\s*(?:(,)\s*(\d*)\s*)?\}/;

  /** `{n}`, `{n,}`, `{n,m}`, `{,m}` at this.i; undefined when the brace is a literal. */
  private braceQuantifier(): { length: number; unbounded: boolean } | undefined {
    const m = this.quantifierCheck.exec(this.s.slice(this.i, this.i + 40));
    if (!m) return undefined;
    const [all, min, comma, max] = m;
    if (min === '' && (comma === undefined || max === '')) return undefined; // `{}` `{,}` are literals
    const hasSpace = /\s/.test(all);
    // `{,m}` and spaces inside braces are quantifiers only since PCRE2 10.43; older versions read them
    // literally. Either way they are not errors when something precedes them.
    if ((min === '' || hasSpace) && !this.canRepeat) return undefined;
    const lo = min === '' ? 0 : Number(min);
    const hi = comma === undefined ? lo : max === '' ? Infinity : Number(max);
    if (lo > MAX_QUANTIFIER || (hi !== Infinity && hi > MAX_QUANTIFIER)) {
      throw new PatternError(`number too big in {} quantifier (the limit is ${MAX_QUANTIFIER})`, this.i, all.length);
    }
    if (hi < lo) throw new PatternError('numbers out of order in {} quantifier', this.i, all.length);
    return { length: all.length, unbounded: hi === Infinity };
  }

  private alternation(): void {
    this.i++;
    const g = this.stack[this.stack.length - 1];
    if (g) {
      g.branches++;
      if (g.kind === 'branch-reset') {
        g.resetMax = Math.max(g.resetMax, this.captures);
        this.captures = g.resetBase;
      }
    }
    this.canRepeat = false;
    this.afterQuantifier = false;
  }

  /** Skips white space and `#` comments in extended mode; true if something was skipped. */
  private skipExtended(): boolean {
    const c = this.s[this.i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v') {
      this.i++;
      return true;
    }
    if (c === '#') {
      while (this.i < this.s.length && this.s[this.i] !== '\n') this.i++;
      return true;
    }
    return false;
  }

  /** Leading `(*UTF)`-style options. */
  private startOptions(): void {
    for (;;) {
      const m = /^\(\*([A-Z_0-9=]+)\)/.exec(this.s.slice(this.i, this.i + 40));
      if (!m || !START_VERBS.test(m[1])) return;
      this.i += m[0].length;
    }
  }

  // ---- escapes ----

  private escape(): void {
    const at = this.i;
    const s = this.s;
    const c = s[at + 1];
    if (c === undefined) throw new PatternError('\\ at end of pattern', at, 1);
    if (c === 'Q') {
      const end = s.indexOf('\\E', at + 2);
      const stop = end < 0 ? s.length : end + 2;
      const hasChars = (end < 0 ? s.length : end) > at + 2;
      this.i = stop;
      if (hasChars) this.atom();
      return;
    }
    if (c === 'E') {
      this.i = at + 2;
      return;
    }
    if (/\d/.test(c)) {
      this.digitEscape(at);
      return;
    }
    switch (c) {
      case 'b':
      case 'B':
      case 'A':
      case 'Z':
      case 'z':
      case 'G':
      case 'K':
        this.i = at + 2;
        this.assertion();
        return;
      case 'g':
        this.gEscape(at);
        return;
      case 'k':
        this.kEscape(at);
        return;
      case 'p':
      case 'P':
        this.property(at);
        this.atom();
        return;
      case 'N':
        if (s[at + 2] === '{') {
          const m = /^\{U\+[0-9A-Fa-f]+\}/.exec(s.slice(at + 2));
          if (!m) throw new PatternError('\\N{name} is not supported (only \\N{U+hhhh})', at, 2);
          this.i = at + 2 + m[0].length;
        } else {
          this.i = at + 2;
        }
        this.atom();
        return;
    }
    this.charEscape(at, false);
    this.atom();
  }

  /**
   * An escape that stands for one character or a character type; returns the code point when it is a
   * single character, 'type' for \d \w …, and moves past it.
   */
  private charEscape(at: number, inClass: boolean): number | 'type' {
    const s = this.s;
    const c = s[at + 1];
    if (c === undefined) throw new PatternError('\\ at end of pattern', at, 1);
    this.i = at + 2;
    switch (c) {
      case 'a':
        return 7;
      case 'e':
        return 27;
      case 'f':
        return 12;
      case 'n':
        return 10;
      case 'r':
        return 13;
      case 't':
        return 9;
      case 'b':
        return 8; // only reached inside a class
      case 'd':
      case 'D':
      case 's':
      case 'S':
      case 'w':
      case 'W':
      case 'h':
      case 'H':
      case 'v':
      case 'V':
        return 'type';
      case 'R':
      case 'X':
      case 'C':
        if (inClass) throw new PatternError(`\\${c} is not allowed in a character class`, at, 2);
        return 'type';
      case 'c': {
        const n = s.codePointAt(at + 2);
        if (n === undefined || n < 0x20 || n > 0x7e)
          throw new PatternError('\\c must be followed by a printable ASCII character', at, n === undefined ? 2 : 3);
        this.i = at + 3;
        const up = n >= 0x61 && n <= 0x7a ? n - 32 : n;
        return up ^ 0x40;
      }
      case 'x': {
        if (s[at + 2] === '{') {
          const m = /^\{\s*([0-9A-Fa-f]+)\s*\}/.exec(s.slice(at + 2));
          if (!m) throw new PatternError('\\x{ must hold hexadecimal digits and end with }', at, 3);
          this.i = at + 2 + m[0].length;
          return this.codePoint(parseInt(m[1], 16), at, this.i - at, m[1].length > 8);
        }
        const m = /^[0-9A-Fa-f]{0,2}/.exec(s.slice(at + 2))!;
        this.i = at + 2 + m[0].length;
        return m[0] ? parseInt(m[0], 16) : 0;
      }
      case 'o': {
        const m = /^\{\s*([0-7]+)\s*\}/.exec(s.slice(at + 2));
        if (!m) throw new PatternError('\\o must be followed by {octal digits}', at, 2);
        this.i = at + 2 + m[0].length;
        return this.codePoint(parseInt(m[1], 8), at, this.i - at, m[1].length > 11);
      }
      case 'N':
        if (inClass) throw new PatternError('\\N is not allowed in a character class', at, 2);
        return 'type';
      case 'B':
        throw new PatternError(`\\${c} is not allowed in a character class`, at, 2);
    }
    if (/[A-Za-z]/.test(c)) {
      if (UNSUPPORTED_PERL_ESCAPES.has(c))
        throw new PatternError(`\\${c} (a Perl case escape) is not supported by PCRE2`, at, 2);
      if (!KNOWN_ESCAPE_LETTERS.has(c)) throw new PatternError(`unrecognised escape \\${c}`, at, 2);
      if (inClass) throw new PatternError(`\\${c} is not allowed in a character class`, at, 2);
    }
    // Any other character after a backslash stands for itself.
    const cp = s.codePointAt(at + 1)!;
    this.i = at + 1 + (cp > 0xffff ? 2 : 1);
    return cp;
  }

  private codePoint(v: number, at: number, len: number, overlong: boolean): number {
    if (overlong || v > 0x10ffff) throw new PatternError('character code point above U+10FFFF', at, len);
    if (v >= 0xd800 && v <= 0xdfff)
      throw new PatternError('surrogate code points (U+D800..U+DFFF) are not allowed', at, len);
    return v;
  }

  /** `\1`…: back reference or octal escape (outside classes). */
  private digitEscape(at: number): void {
    const s = this.s;
    const digits = /^\d+/.exec(s.slice(at + 1))![0];
    if (digits[0] === '0') {
      const oct = /^[0-7]{1,3}/.exec(s.slice(at + 1))![0];
      this.i = at + 1 + oct.length;
      this.atom();
      return;
    }
    const n = Number(digits);
    if (n < 10 || n <= this.captures || digits[0] === '8' || digits[0] === '9') {
      this.i = at + 1 + digits.length;
      if (n === 0) throw new PatternError('a group reference must not be zero', at, 1 + digits.length);
      this.numberRefs.push({ n, at, len: 1 + digits.length });
      this.atom();
      return;
    }
    // `\12` with fewer than 12 groups so far: up to three octal digits.
    const oct = /^[0-7]{1,3}/.exec(s.slice(at + 1))![0];
    this.i = at + 1 + oct.length;
    this.atom();
  }

  /** `\g{n}` `\g{-n}` `\g{name}` `\gn` `\g-n` `\g<…>` `\g'…'`. */
  private gEscape(at: number): void {
    const rest = this.s.slice(at + 2);
    let m: RegExpExecArray | null;
    if ((m = /^\{\s*([+-]?)(\d+)\s*\}/.exec(rest)) || (m = /^([+-]?)(\d+)/.exec(rest))) {
      this.i = at + 2 + m[0].length;
      this.numericRef(m[1], Number(m[2]), at, 2 + m[0].length);
    } else if ((m = /^\{([^}]*)\}/.exec(rest))) {
      this.i = at + 2 + m[0].length;
      this.nameRef(m[1], at, 2 + m[0].length);
    } else if ((m = /^<([^>]*)>/.exec(rest)) || (m = /^'([^']*)'/.exec(rest))) {
      // subroutine call by number or name
      this.i = at + 2 + m[0].length;
      const ref = m[1];
      const num = /^([+-]?)(\d+)$/.exec(ref);
      if (num) {
        const n = Number(num[2]);
        if (!(num[1] === '' && n === 0)) this.numericRef(num[1], n, at, 2 + m[0].length); // \g<0> recurses the whole pattern
      } else this.nameRef(ref, at, 2 + m[0].length);
    } else {
      throw new PatternError('\\g must be followed by a number or a name in {}, <> or quotes', at, 2);
    }
    this.atom();
  }

  /** `\k<name>` `\k'name'` `\k{name}`. */
  private kEscape(at: number): void {
    const m = /^(?:<([^>]*)>|'([^']*)'|\{([^}]*)\})/.exec(this.s.slice(at + 2));
    if (!m) throw new PatternError('\\k must be followed by a name in <>, {} or quotes', at, 2);
    this.i = at + 2 + m[0].length;
    this.nameRef(m[1] ?? m[2] ?? m[3] ?? '', at, 2 + m[0].length);
    this.atom();
  }

  private property(at: number): void {
    const s = this.s;
    if (s[at + 2] === '{') {
      const end = s.indexOf('}', at + 3);
      if (end < 0 || end === at + 3) throw new PatternError('malformed \\p{…} property', at, 3);
      this.i = end + 1;
    } else {
      if (at + 2 >= s.length) throw new PatternError('\\p and \\P must be followed by a property name', at, 2);
      this.i = at + 3;
    }
  }

  private numericRef(sign: string, n: number, at: number, len: number): void {
    if (sign === '-') {
      if (n === 0 || n > this.captures)
        throw new PatternError('relative reference to a group that does not exist', at, len);
      return;
    }
    if (sign === '+') {
      if (n === 0) throw new PatternError('invalid relative reference', at, len);
      this.numberRefs.push({ n: this.captures + n, at, len });
      return;
    }
    if (n === 0) throw new PatternError('a group reference must not be zero', at, len);
    this.numberRefs.push({ n, at, len });
  }

  private nameRef(name: string, at: number, len: number): void {
    const n = name.trim();
    if (/^\d+$/.test(n)) {
      this.numberRefs.push({ n: Number(n), at, len });
      return;
    }
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(n)) throw new PatternError(`"${n}" is not a valid group name`, at, len);
    this.nameRefs.push({ name: n, at, len });
  }

  // ---- character classes ----

  private charClass(): void {
    const s = this.s;
    const open = this.i;
    // `[:alpha:]` outside a class, and collating elements, are errors.
    const posix = this.posixAt(open);
    if (posix) {
      if (posix.kind === ':')
        throw new PatternError(
          'POSIX classes such as [:digit:] are only allowed inside a class: write [[:digit:]]',
          open,
          posix.end - open,
        );
      throw new PatternError('POSIX collating elements ([. .] and [= =]) are not supported', open, posix.end - open);
    }
    this.i++;
    // `\E` and empty `\Q\E` are ignored, also before `^` and before a leading `]`
    const skipEmptyQuotes = () => {
      for (;;) {
        if (s.startsWith('\\E', this.i)) this.i += 2;
        else if (s.startsWith('\\Q\\E', this.i)) this.i += 4;
        else return;
      }
    };
    skipEmptyQuotes();
    if (s[this.i] === '^') {
      this.i++;
      skipEmptyQuotes();
    }
    let first = true;
    let quoted = false;
    type Item = { kind: 'char'; cp: number; at: number } | { kind: 'type'; at: number };
    let prev: Item | undefined;
    let rangeFrom: { item: Item; dash: number } | undefined;
    const finishItem = (item: Item) => {
      if (rangeFrom) {
        const from = rangeFrom.item;
        if (from.kind !== 'char' || item.kind !== 'char')
          throw new PatternError('invalid range in character class', rangeFrom.dash, 1);
        if (from.cp > item.cp)
          throw new PatternError('range out of order in character class', from.at, this.i - from.at);
        rangeFrom = undefined;
        prev = undefined;
        return;
      }
      prev = item;
    };
    for (;;) {
      if (this.i >= s.length) throw new PatternError('missing terminating ] for character class', open, 1);
      const at = this.i;
      const c = s[at];
      if (quoted) {
        if (c === '\\' && s[at + 1] === 'E') {
          quoted = false;
          this.i += 2;
          continue;
        }
        const cp = s.codePointAt(at)!;
        this.i += cp > 0xffff ? 2 : 1;
        first = false;
        finishItem({ kind: 'char', cp, at });
        continue;
      }
      if (c === ']' && !first) {
        if (rangeFrom) {
          /* `[a-]`: the dash is literal */
        }
        this.i++;
        return;
      }
      first = false;
      if (this.flags.extMore && (c === ' ' || c === '\t')) {
        this.i++;
        continue;
      }
      if (c === '-' && prev && !rangeFrom && s[at + 1] !== ']') {
        if (prev.kind === 'type') throw new PatternError('invalid range in character class', at, 1);
        rangeFrom = { item: prev, dash: at };
        this.i++;
        continue;
      }
      if (c === '[') {
        const p = this.posixAt(at);
        if (p) {
          if (p.kind !== ':')
            throw new PatternError('POSIX collating elements ([. .] and [= =]) are not supported', at, p.end - at);
          const name = s.slice(at + 2, p.end - 2).replace(/^\^/, '');
          if (!POSIX_CLASSES.has(name)) throw new PatternError(`unknown POSIX class name "${name}"`, at, p.end - at);
          this.i = p.end;
          if (rangeFrom) throw new PatternError('invalid range in character class', rangeFrom.dash, 1);
          finishItem({ kind: 'type', at });
          if (s[this.i] === '-' && s[this.i + 1] !== ']')
            throw new PatternError('invalid range in character class', this.i, 1);
          continue;
        }
      }
      if (c === '\\') {
        const n = s[at + 1];
        if (n === 'Q') {
          quoted = true;
          this.i += 2;
          continue;
        }
        if (n === 'E') {
          this.i += 2;
          continue;
        }
        if (n === 'p' || n === 'P') {
          this.property(at);
          finishItem({ kind: 'type', at });
          continue;
        }
        if (n !== undefined && /\d/.test(n)) {
          // inside a class digits are octal (\8 and \9 stand for themselves)
          const oct = /^[0-7]{1,3}/.exec(s.slice(at + 1));
          this.i = at + 1 + (oct ? oct[0].length : 1);
          finishItem({ kind: 'char', cp: oct ? parseInt(oct[0], 8) : n.charCodeAt(0), at });
          continue;
        }
        const v = this.charEscape(at, true);
        finishItem(v === 'type' ? { kind: 'type', at } : { kind: 'char', cp: v, at });
        continue;
      }
      const cp = s.codePointAt(at)!;
      this.i += cp > 0xffff ? 2 : 1;
      finishItem({ kind: 'char', cp, at });
    }
  }

  /** A POSIX-style bracket `[:name:]`, `[.x.]`, `[=x=]` starting at `at` (PCRE2's check_posix_syntax). */
  private posixAt(at: number): { kind: string; end: number } | undefined {
    const s = this.s;
    if (s[at] !== '[') return undefined;
    const kind = s[at + 1];
    if (kind !== ':' && kind !== '.' && kind !== '=') return undefined;
    for (let j = at + 2; j < s.length; j++) {
      if (s[j] === '\\' && (s[j + 1] === ']' || s[j + 1] === '\\')) {
        j++;
        continue;
      }
      if (s[j] === '[' && s[j + 1] === kind) return undefined;
      if (s[j] === ']') return undefined;
      if (s[j] === kind && s[j + 1] === ']') return { kind, end: j + 2 };
    }
    return undefined;
  }

  // ---- groups ----

  private push(kind: GroupKind, start: number, lb?: LookbehindTracker): void {
    this.stack.push({
      kind,
      start,
      saved: { ...this.flags },
      branches: 1,
      resetBase: this.captures,
      resetMax: this.captures,
      lb,
    });
    if (lb) this.lookbehinds.push(lb);
    this.canRepeat = false;
    this.afterQuantifier = false;
  }

  private closeGroup(): void {
    const at = this.i;
    const g = this.stack.pop();
    if (!g) throw new PatternError('unmatched closing parenthesis', at, 1);
    this.i++;
    this.flags = g.saved;
    if (g.kind === 'branch-reset') this.captures = Math.max(g.resetMax, this.captures);
    if (g.kind === 'conditional' && g.branches > 2)
      throw new PatternError('a conditional group has at most two branches (yes|no)', g.start, 3);
    if (g.kind === 'define' && g.branches > 1)
      throw new PatternError('a (?(DEFINE)…) group must not contain |', g.start, 3);
    if (g.lb) {
      this.lookbehinds.pop();
      if (g.lb.unbounded)
        throw new PatternError(
          'lookbehind assertion can match an unbounded number of characters',
          g.start,
          at + 1 - g.start,
        );
    }
    if (g.kind === 'condition-assert') {
      // back in the conditional group whose condition this was: its branches start now
      this.canRepeat = false;
      this.afterQuantifier = false;
      return;
    }
    this.atom();
  }

  private openGroup(): void {
    const s = this.s;
    const at = this.i;
    const next = s[at + 1];
    if (next === '*') {
      this.verb(at);
      return;
    }
    if (next !== '?') {
      this.i = at + 1;
      if (!this.flags.noAutoCapture) this.captures++;
      this.push('capture', at);
      return;
    }
    const c = s[at + 2];
    switch (c) {
      case '#': {
        const end = s.indexOf(')', at + 3);
        if (end < 0) throw new PatternError('missing ) after a (?# comment', at, 3);
        this.i = end + 1; // comments are transparent: a quantifier after one applies to the item before it
        return;
      }
      case ':':
      case '>':
      case '=':
      case '!':
        this.i = at + 3;
        this.push('plain', at);
        return;
      case '|':
        this.i = at + 3;
        this.push('branch-reset', at);
        return;
      case '<': {
        const d = s[at + 3];
        if (d === '=' || d === '!') {
          this.i = at + 4;
          this.push('lookbehind', at, { unbounded: false });
          return;
        }
        this.namedGroup(at, 3, '>');
        return;
      }
      case "'":
        this.namedGroup(at, 3, "'");
        return;
      case 'P': {
        const d = s[at + 3];
        if (d === '<') {
          this.namedGroup(at, 4, '>');
          return;
        }
        if (d === '=' || d === '>') {
          const end = s.indexOf(')', at + 4);
          if (end < 0) throw new PatternError('missing closing parenthesis', at, 4);
          this.nameRef(s.slice(at + 4, end), at, end + 1 - at);
          this.i = end + 1;
          this.atom();
          return;
        }
        throw new PatternError('unrecognised group syntax after (?P', at, 3);
      }
      case '&': {
        const end = s.indexOf(')', at + 3);
        if (end < 0) throw new PatternError('missing closing parenthesis', at, 3);
        this.nameRef(s.slice(at + 3, end), at, end + 1 - at);
        this.i = end + 1;
        this.atom();
        return;
      }
      case 'R':
      case '0':
      case '1':
      case '2':
      case '3':
      case '4':
      case '5':
      case '6':
      case '7':
      case '8':
      case '9':
      case '+':
      case '-': {
        const m = /^(R|[+-]?\d+)\)/.exec(s.slice(at + 2));
        if (m) {
          if (m[1] !== 'R' && m[1] !== '0') {
            const sign = /^[+-]/.test(m[1]) ? m[1][0] : '';
            this.numericRef(sign, Number(m[1].replace(/^[+-]/, '')), at, 3 + m[1].length);
          }
          this.i = at + 2 + m[0].length;
          this.atom();
          return;
        }
        if (c === '-' || c === 'R') break; // options such as (?-i) handled below
        throw new PatternError('malformed group reference after (?', at, 3);
      }
      case '(':
        this.conditional(at);
        return;
      case 'C': {
        const end = this.calloutEnd(at + 3);
        if (end < 0) throw new PatternError('malformed callout (?C…)', at, 3);
        this.i = end + 1;
        return;
      }
    }
    this.options(at);
  }

  private calloutEnd(from: number): number {
    const s = this.s;
    const d = s[from];
    if (d === ')') return from;
    if (d !== undefined && /\d/.test(d)) {
      const m = /^\d+\)/.exec(s.slice(from));
      return m ? from + m[0].length - 1 : -1;
    }
    const close: Record<string, string> = {
      '`': '`',
      "'": "'",
      '"': '"',
      '^': '^',
      '%': '%',
      '#': '#',
      $: '$',
      '{': '}',
    };
    if (d === undefined || !(d in close)) return -1;
    for (let j = from + 1; j < s.length; j++) {
      if (s[j] === close[d]) {
        if (s[j + 1] === close[d]) {
          j++;
          continue;
        }
        return s[j + 1] === ')' ? j + 1 : -1;
      }
    }
    return -1;
  }

  /** `(?<name>` `(?'name'` `(?P<name>` at `at`; the name starts at at+skip. */
  private namedGroup(at: number, skip: number, close: string): void {
    const s = this.s;
    const end = s.indexOf(close, at + skip);
    const name = end < 0 ? '' : s.slice(at + skip, end);
    if (end < 0) throw new PatternError(`group name without its closing ${close}`, at, skip);
    if (/^\d/.test(name))
      throw new PatternError('a group name must not start with a digit', at + skip, Math.max(1, name.length));
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
      throw new PatternError(
        name === '' ? 'empty group name' : `"${name}" is not a valid group name (letters, digits and _ only)`,
        at + skip,
        Math.max(1, name.length),
      );
    if (name.length > MAX_NAME_LENGTH) throw new PatternError('group name too long', at + skip, name.length);
    const inReset = this.stack.some((g) => g.kind === 'branch-reset');
    if (this.names.has(name) && !this.flags.dupNames && !inReset)
      throw new PatternError(`two groups are named "${name}" (add (?J) to allow this)`, at + skip, name.length);
    this.captures++;
    this.names.set(name, this.captures);
    this.i = end + 1;
    this.push('capture', at);
  }

  /** `(?(condition)yes|no)`. */
  private conditional(at: number): void {
    const s = this.s;
    const rest = s.slice(at + 3);
    // an assertion as condition: (?(?=…), (?(?!…), (?(?<=…), (?(?<!…), (?(*pla:…)
    const assertion = /^(\?(?:=|!|<=|<!)|\*[a-z_]+:)/.exec(rest);
    if (assertion) {
      this.i = at + 2; // the conditional group itself
      this.push('conditional', at);
      this.i = at + 3 + assertion[0].length;
      const lookbehind = /<[=!]|plb|nlb|lookbehind/.test(assertion[0]);
      this.push('condition-assert', at + 2, lookbehind ? { unbounded: false } : undefined);
      return;
    }
    const m = /^([^)]*)\)/.exec(rest);
    if (!m) throw new PatternError('malformed condition after (?(', at, 3);
    const cond = m[1];
    const len = 3 + m[0].length;
    let kind: GroupKind = 'conditional';
    let r: RegExpExecArray | null;
    if ((r = /^([+-]?)(\d+)$/.exec(cond))) {
      this.numericRef(r[1], Number(r[2]), at, len);
    } else if ((r = /^<([^>]*)>$/.exec(cond)) || (r = /^'([^']*)'$/.exec(cond))) {
      this.nameRef(r[1], at, len);
    } else if (cond === 'R' || /^R\d+$/.test(cond)) {
      // recursion test
    } else if ((r = /^R&(.*)$/.exec(cond))) {
      this.nameRef(r[1], at, len);
    } else if (cond === 'DEFINE') {
      kind = 'define';
    } else if (/^VERSION>?=\d+(\.\d+)?$/.test(cond)) {
      // version test
    } else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(cond)) {
      this.nameRef(cond, at, len);
    } else {
      throw new PatternError('malformed condition after (?(', at, len);
    }
    this.i = at + len;
    this.push(kind, at);
  }

  /** `(*VERB)`, `(*VERB:arg)` and alpha assertions `(*pla:…)`. */
  private verb(at: number): void {
    const s = this.s;
    const m = /^\(\*([A-Za-z_]*)(:|\))?/.exec(s.slice(at, at + 64));
    const name = m?.[1] ?? '';
    if (m && m[2] === ':' && ALPHA_ASSERTIONS.has(name)) {
      this.i = at + m[0].length;
      const lb = /plb|nlb|lookbehind/.test(name);
      this.push(lb ? 'lookbehind' : 'plain', at, lb ? { unbounded: false } : undefined);
      return;
    }
    const end = s.indexOf(')', at + 2);
    if (end < 0) throw new PatternError('missing closing parenthesis', at, 2);
    const body = s.slice(at + 2, end);
    const vm = /^([A-Za-z_]*)(?::(.*))?$/.exec(body);
    const ok = vm && (vm[1] === '' ? vm[2] !== undefined : BACKTRACK_VERBS.test(vm[1]));
    if (!ok || (vm![1] === 'MARK' && !vm![2]))
      throw new PatternError(`(*${body}) is not a known verb`, at, end + 1 - at);
    this.i = end + 1;
    // only (*ACCEPT) can be repeated
    if (vm![1] === 'ACCEPT') this.atom();
    else this.assertion();
  }

  /** Inline options `(?i)`, `(?i-s)`, `(?^x)`, `(?i:…)`. */
  private options(at: number): void {
    const s = this.s;
    const m = /^([A-Za-z^-]*)([:)])/.exec(s.slice(at + 2));
    if (!m || !/^\^?[imnsxJUaDSWPTr]*(-[imnsxJUaDSWPTr]*)?$/.test(m[1])) {
      const bad = m
        ? at +
          2 +
          Math.max(
            0,
            [...m[1]].findIndex((ch) => !/[imnsxJUaDSWPTr^-]/.test(ch)),
          )
        : at + 2;
      throw new PatternError('unrecognised character after (? or (?-', bad, 1);
    }
    const spec = m[1];
    const f: Flags = { ...this.flags };
    if (spec.startsWith('^')) {
      f.ext = false;
      f.extMore = false;
      f.noAutoCapture = false;
    }
    const [on, off = ''] = spec.replace(/^\^/, '').split('-');
    const xs = (str: string) => (str.match(/x/g) ?? []).length;
    if (xs(on) >= 1) {
      f.ext = true;
      f.extMore = xs(on) >= 2;
    }
    if (on.includes('n')) f.noAutoCapture = true;
    if (on.includes('J')) f.dupNames = true;
    if (xs(off) >= 1) {
      f.ext = false;
      f.extMore = false;
    }
    if (off.includes('n')) f.noAutoCapture = false;
    if (off.includes('J')) f.dupNames = false;
    this.i = at + 2 + m[0].length;
    if (m[2] === ')') {
      // applies to the rest of the enclosing group; not an item (a quantifier after it is an error)
      this.flags = f;
      this.canRepeat = false;
      this.afterQuantifier = false;
      return;
    }
    this.push('plain', at);
    this.flags = f;
  }
}

/**
 * Results by pattern: a configuration repeats the same few patterns, and every keystroke checks them all
 * again. Bounded (cleared when full); the results are shared, never modified.
 */
const checked = new Map<string, RegexCheck>();
const MAX_CHECKED = 4096;

/** Checks a PCRE2 pattern as lighttpd compiles it. Never throws. */
export function checkPcre2(pattern: string): RegexCheck {
  let r = checked.get(pattern);
  if (r === undefined) {
    if (checked.size >= MAX_CHECKED) checked.clear();
    checked.set(pattern, (r = checkUncached(pattern)));
  }
  return r;
}

function checkUncached(pattern: string): RegexCheck {
  try {
    return { ok: true, info: new Checker(pattern).run() };
  } catch (e) {
    if (e instanceof PatternError)
      return {
        ok: false,
        error: { message: e.msg, offset: Math.min(e.offset, pattern.length), length: Math.max(0, e.length) },
      };
    // An internal bug must not turn into a diagnostic: treat the pattern as valid.
    return { ok: true, info: { captures: 0, names: [] } };
  }
}
