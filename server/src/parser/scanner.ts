/**
 * The context-free scanner: one pass over the characters, a switch on each token's first character,
 * producing the same token vector as Chevrotain's Lexer would from the token definitions of tokens.ts
 * (same token types, images and offsets, same error runs; test/unit/scanner.test.ts compares the two on
 * the corpus and on random input). tokens.ts stays the one definition list: its patterns are what this
 * scanner implements and what the test's reference lexer runs; the parser is still Chevrotain's.
 *
 * Written by hand because Chevrotain's generic lexer tries token patterns as regular expressions one after
 * another and was a quarter of the parse time (docs/grammar.md §2).
 */
import type { IToken, TokenType } from 'chevrotain';
import * as T from './tokens';

/** What the context-free scan yields: Chevrotain's `ILexingResult` shape, minus what we never use. */
export interface ScanResult {
  /** Every token except blanks and comments, NEWLINE included, in order. */
  readonly tokens: IToken[];
  readonly comments: IToken[];
  /** Runs of characters no token can start with. */
  readonly errors: { readonly offset: number; readonly length: number }[];
}

/** A token as Chevrotain's lexer makes it with `positionTracking: 'onlyOffset'` (one shape for all). */
function token(type: TokenType, image: string, startOffset: number): IToken {
  return { image, startOffset, tokenTypeIdx: type.tokenTypeIdx!, tokenType: type } as IToken;
}

const enum C {
  Tab = 9,
  LF = 10,
  CR = 13,
  Space = 32,
  Bang = 33,
  Quote = 34,
  Hash = 35,
  Dollar = 36,
  LParen = 40,
  RParen = 41,
  Plus = 43,
  Comma = 44,
  Minus = 45,
  Dot = 46,
  Digit0 = 48,
  Digit9 = 57,
  Colon = 58,
  Semicolon = 59,
  Eq = 61,
  Gt = 62,
  LBracket = 91,
  Backslash = 92,
  RBracket = 93,
  Caret = 94,
  Underscore = 95,
  LCurly = 123,
  RCurly = 125,
  Tilde = 126,
  Nbsp = 0xa0,
}

/** [A-Za-z0-9._-] */
function isKeyChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) ||
    (c >= 65 && c <= 90) ||
    (c >= C.Digit0 && c <= C.Digit9) ||
    c === C.Dot ||
    c === C.Underscore ||
    c === C.Minus
  );
}

/** [A-Za-z._-]: the first character of a key. */
function isKeyStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === C.Dot || c === C.Underscore || c === C.Minus;
}

/** Reserved words: a whole key token only (`includes` is a key), as tokens.ts's longer_alt says. */
function keywordType(word: string): TokenType {
  switch (word) {
    case 'include':
      return T.Include;
    case 'include_shell':
      return T.IncludeShell;
    case 'global':
      return T.Global;
    case 'else':
    case 'elseif':
    case 'elsif':
    case 'elif':
      return T.Else;
    case 'if':
      return T.If;
    default:
      return T.Key;
  }
}

/**
 * The end of the token starting at `i` (its type in `matched`), or -1 when no token starts there. Blanks
 * are reported as WS (skipped by the caller).
 */
let matched: TokenType = T.Key;
function found(type: TokenType, end: number): number {
  matched = type;
  return end;
}

function matchAt(text: string, i: number, n: number): number {
  const c = text.charCodeAt(i);
  const next = i + 1 < n ? text.charCodeAt(i + 1) : -1;
  switch (c) {
    case C.Space:
    case C.Tab:
    case C.Nbsp: {
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d !== C.Space && d !== C.Tab && d !== C.Nbsp) break;
        j++;
      }
      return found(T.WhiteSpace, j);
    }
    case C.LF:
      return found(T.Newline, i + 1);
    case C.CR:
      return found(T.Newline, next === C.LF ? i + 2 : i + 1);
    case C.Hash: {
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === C.LF || d === C.CR) break;
        j++;
      }
      return found(T.Comment, j);
    }
    case C.Quote: {
      // "(?:[^"\\]|\\"|\\(?!"))*" : the only escape is \" ; any other backslash is literal.
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === C.Quote) return found(T.StringLiteral, j + 1);
        j += d === C.Backslash && j + 1 < n && text.charCodeAt(j + 1) === C.Quote ? 2 : 1;
      }
      // No closing quote anywhere: the rest of the line.
      j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === C.LF || d === C.CR) break;
        j++;
      }
      return found(T.UnterminatedString, j);
    }
    case C.Plus:
      return next === C.Eq ? found(T.Append, i + 2) : found(T.Plus, i + 1);
    case C.Colon:
      return next === C.Eq ? found(T.ForceAssign, i + 2) : -1;
    case C.Eq:
      switch (next) {
        case C.Gt:
          return found(T.ArrayAssign, i + 2);
        case C.Eq:
          return found(T.Eq, i + 2);
        case C.Tilde:
          return found(T.Match, i + 2);
        case C.Caret:
          return found(T.Prefix, i + 2);
        case C.Dollar:
          return found(T.Suffix, i + 2);
        default:
          return found(T.Assign, i + 1);
      }
    case C.Bang:
      switch (next) {
        case C.Eq:
          return found(T.Ne, i + 2);
        case C.Tilde:
          return found(T.NoMatch, i + 2);
        case C.Caret:
        case C.Dollar:
          return found(T.BadNegation, i + 2);
        default:
          return -1;
      }
    case C.Comma:
      return found(T.Comma, i + 1);
    case C.LParen:
      return found(T.LParen, i + 1);
    case C.RParen:
      return found(T.RParen, i + 1);
    case C.LCurly:
      return found(T.LCurly, i + 1);
    case C.RCurly:
      return found(T.RCurly, i + 1);
    case C.LBracket:
      return found(T.LBracket, i + 1);
    case C.RBracket:
      return found(T.RBracket, i + 1);
    case C.Dollar:
      return found(T.Dollar, i + 1);
    case C.Semicolon:
      return found(T.Semicolon, i + 1);
    default: {
      if (c >= C.Digit0 && c <= C.Digit9) {
        let j = i + 1;
        while (j < n) {
          const d = text.charCodeAt(j);
          if (d < C.Digit0 || d > C.Digit9) break;
          j++;
        }
        return found(T.Integer, j);
      }
      if (isKeyStart(c)) {
        let j = i + 1;
        while (j < n && isKeyChar(text.charCodeAt(j))) j++;
        return found(T.Key, j);
      }
      return -1;
    }
  }
}

/** The context-free tokenizer over the definitions of tokens.ts (see the file comment). */
export function scan(text: string): ScanResult {
  const tokens: IToken[] = [];
  const comments: IToken[] = [];
  const errors: { offset: number; length: number }[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const end = matchAt(text, i, n);
    if (end < 0) {
      // Like Chevrotain's lexer: skip characters until one where some token starts; one error per run.
      const start = i;
      i++;
      while (i < n && matchAt(text, i, n) < 0) i++;
      errors.push({ offset: start, length: i - start });
      continue;
    }
    const type = matched;
    if (type !== T.WhiteSpace) {
      const image = text.slice(i, end);
      if (type === T.Key) {
        const kw = keywordType(image);
        tokens.push(token(kw, image, i));
      } else if (type === T.Comment) comments.push(token(type, image, i));
      else tokens.push(token(type, image, i));
    }
    i = end;
  }
  return { tokens, comments, errors };
}
