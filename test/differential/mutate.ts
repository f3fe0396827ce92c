/**
 * Seeded mutations of config text for the differential harness. Works on byte strings (latin1: one char
 * per byte) so that random bytes stay bytes. The token splitter here is deliberately independent of our
 * lexer: mutations must not inherit its blind spots.
 */

/** mulberry32: small, fast, deterministic. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Token {
  readonly start: number;
  readonly end: number;
  readonly kind: 'string' | 'word' | 'op' | 'comment' | 'space' | 'newline' | 'other';
}

const TOKEN =
  /("(?:[^"\\]|\\[\s\S])*"?)|(#[^\r\n]*)|([A-Za-z0-9._-]+)|(\+=|:=|=>|==|=~|=\^|=\$|!=|!~|[=+(){}[\],$!:;])|(\r\n|\r|\n)|([ \t]+)|([\s\S])/g;

export function tokens(text: string): Token[] {
  const out: Token[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
    const kind = m[1]
      ? 'string'
      : m[2]
        ? 'comment'
        : m[3]
          ? 'word'
          : m[4]
            ? 'op'
            : m[5]
              ? 'newline'
              : m[6]
                ? 'space'
                : 'other';
    out.push({ start: m.index, end: m.index + m[0].length, kind });
  }
  return out;
}

export interface Mutation {
  readonly kind: string;
  readonly text: string;
  /** Where the text changed (offset in the original). */
  readonly at: number;
}

const OPERATORS = new Set(['=', '+=', ':=', '=>', '==', '=~', '=^', '=$', '!=', '!~', '+']);
const BRACKETS = new Set(['{', '}', '(', ')', '[', ']']);

export const MUTATION_KINDS = [
  'delete-token',
  'duplicate-token',
  'swap-tokens',
  'drop-quote',
  'drop-brace',
  'drop-comma',
  'drop-operator',
  'insert-semicolon',
  'insert-else',
  'insert-if',
  'random-bytes',
] as const;

function pick<T>(r: () => number, items: readonly T[]): T | undefined {
  return items.length ? items[Math.floor(r() * items.length)] : undefined;
}

/** One mutation of `text`, or undefined when this kind has nothing to act on. */
export function mutate(text: string, kind: (typeof MUTATION_KINDS)[number], r: () => number): Mutation | undefined {
  const all = tokens(text);
  const sig = all.filter((t) => t.kind === 'string' || t.kind === 'word' || t.kind === 'op' || t.kind === 'other');
  const img = (t: Token) => text.slice(t.start, t.end);
  const splice = (start: number, end: number, insert: string): Mutation => ({
    kind,
    text: text.slice(0, start) + insert + text.slice(end),
    at: start,
  });
  switch (kind) {
    case 'delete-token': {
      const t = pick(r, sig);
      return t && splice(t.start, t.end, '');
    }
    case 'duplicate-token': {
      const t = pick(r, sig);
      return t && splice(t.end, t.end, ' ' + img(t));
    }
    case 'swap-tokens': {
      if (sig.length < 2) return undefined;
      const i = Math.floor(r() * (sig.length - 1));
      const a = sig[i];
      const b = sig[i + 1];
      return {
        kind,
        text: text.slice(0, a.start) + img(b) + text.slice(a.end, b.start) + img(a) + text.slice(b.end),
        at: a.start,
      };
    }
    case 'drop-quote': {
      const t = pick(
        r,
        all.filter((x) => x.kind === 'string'),
      );
      if (!t) return undefined;
      const at = r() < 0.5 || img(t).length < 2 || !img(t).endsWith('"') ? t.start : t.end - 1;
      return splice(at, at + 1, '');
    }
    case 'drop-brace': {
      const t = pick(
        r,
        sig.filter((x) => BRACKETS.has(img(x))),
      );
      return t && splice(t.start, t.end, '');
    }
    case 'drop-comma': {
      const t = pick(
        r,
        sig.filter((x) => img(x) === ','),
      );
      return t && splice(t.start, t.end, '');
    }
    case 'drop-operator': {
      const t = pick(
        r,
        sig.filter((x) => OPERATORS.has(img(x))),
      );
      return t && splice(t.start, t.end, '');
    }
    case 'insert-semicolon': {
      const t = pick(r, sig);
      return t && splice(t.end, t.end, ';');
    }
    case 'insert-else': {
      const t = pick(r, sig);
      return t && splice(t.start, t.start, 'else ');
    }
    case 'insert-if': {
      // Mostly where the 1.4.74 keyword makes sense (before a condition), sometimes anywhere.
      const conds = sig.filter((x) => img(x) === '$');
      const t = r() < 0.7 && conds.length ? pick(r, conds) : pick(r, sig);
      return t && splice(t.start, t.start, 'if ');
    }
    case 'random-bytes': {
      const at = Math.floor(r() * (text.length + 1));
      const n = 1 + Math.floor(r() * 3);
      let s = '';
      for (let i = 0; i < n; i++) {
        const c = r();
        // Mostly characters that mean something to the tokenizer, some controls and high bytes.
        const code =
          c < 0.6
            ? 0x20 + Math.floor(r() * 0x5f)
            : c < 0.75
              ? pick(r, [0x00, 0x09, 0x0a, 0x0d, 0x0b, 0x0c])!
              : 0x80 + Math.floor(r() * 0x80);
        s += String.fromCharCode(code);
      }
      return splice(at, at, s);
    }
  }
}
