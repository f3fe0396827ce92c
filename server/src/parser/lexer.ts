/**
 * Tokenizer: Chevrotain's lexer for the context-free part, then a shaping pass that applies the
 * context rules of lighttpd's `config_tokenizer()` (grammar file §2.3, §2.7, §2.8):
 *   - newlines inside ( ... ) produce no token; outside they produce one EOL, and runs of blank and
 *     comment-only lines fold into it;
 *   - `}` followed by more tokens on its line gets a synthetic EOL after it (1.4.54+);
 *   - an EOL is appended at end of input;
 *   - a NUL byte ends the input (1.4.65+ logs "stray NUL" and ignores the rest);
 *   - a comma outside parentheses is skipped (we warn), `;` is reported and skipped.
 */
import { createTokenInstance, type IToken, type TokenType } from 'chevrotain';
import type { Comment, SyntaxProblem } from './ast';
import * as T from './tokens';

/** What the context-free scan yields: Chevrotain's `ILexingResult` shape, minus what we never use. */
export interface ScanResult {
  /** Every token except blanks and comments, NEWLINE included, in order. */
  readonly tokens: IToken[];
  readonly comments: IToken[];
  /** Runs of characters no token can start with. */
  readonly errors: { readonly offset: number; readonly length: number }[];
}

// Character classes of the token patterns in tokens.ts (ASCII; everything else only ever starts an error,
// except U+00A0, a blank).
const KEY = 1; // [A-Za-z0-9._-]: continues a key
const KEY_START = 2; // [A-Za-z._-]: starts one
const CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z._-]/.test(ch)) CLASS[c] = KEY | KEY_START;
  else if (/[0-9]/.test(ch)) CLASS[c] = KEY;
}
const KEYWORDS = new Map<string, TokenType>([
  ['include_shell', T.IncludeShell], ['include', T.Include], ['global', T.Global],
  ['else', T.Else], ['elseif', T.Else], ['elsif', T.Else], ['elif', T.Else], ['if', T.If],
]);
const SINGLE: (TokenType | undefined)[] = [];
for (const [ch, type] of [[',', T.Comma], ['(', T.LParen], [')', T.RParen], ['{', T.LCurly], ['}', T.RCurly], ['[', T.LBracket], [']', T.RBracket], ['$', T.Dollar], [';', T.Semicolon]] as const) {
  SINGLE[ch.charCodeAt(0)] = type;
}

function token(image: string, startOffset: number, tokenType: TokenType): IToken {
  // The shape of Chevrotain's own tokens with positionTracking 'onlyOffset'.
  return { image, startOffset, tokenTypeIdx: tokenType.tokenTypeIdx!, tokenType } as IToken;
}

/** True when some token pattern matches at `i` (Chevrotain's re-synchronisation after an invalid character). */
function canStart(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128 && (CLASS[c] !== 0 || SINGLE[c] !== undefined)) return true;
  switch (c) {
    case 32: case 9: case 0xa0: case 10: case 13: case 35 /* # */: case 34 /* " */: case 43 /* + */: case 61 /* = */:
      return true;
    case 58 /* : */: return text.charCodeAt(i + 1) === 61;
    case 33 /* ! */: {
      const n = text.charCodeAt(i + 1);
      return n === 61 || n === 126 || n === 94 || n === 36;
    }
    default: return false;
  }
}

/**
 * The context-free tokenizer: exactly what Chevrotain's Lexer over `T.allTokens` produces (first pattern
 * in order wins; a keyword only when the key pattern matches nothing longer; an invalid run ends where a
 * pattern matches again), hand-written because it runs on every keystroke and Chevrotain's generic loop
 * was the largest single cost of parsing. test/unit/lexer.test.ts compares the two.
 */
export function scan(text: string): ScanResult {
  const tokens: IToken[] = [];
  const comments: IToken[] = [];
  const errors: { offset: number; length: number }[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const start = i;
    if (c < 128 && CLASS[c] !== 0) {
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d >= 128 || CLASS[d] === 0) break;
        i++;
      }
      if ((CLASS[c] & KEY_START) === 0) {
        // [0-9]+ first: a run of digits is an INTEGER, and the key characters after it start a new token.
        let j = start + 1;
        while (j < i && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
        i = j;
        tokens.push(token(text.slice(start, j), start, T.Integer));
        continue;
      }
      const image = text.slice(start, i);
      tokens.push(token(image, start, KEYWORDS.get(image) ?? T.Key));
      continue;
    }
    switch (c) {
      case 32: case 9: case 0xa0:
        i++;
        while (i < n) {
          const d = text.charCodeAt(i);
          if (d !== 32 && d !== 9 && d !== 0xa0) break;
          i++;
        }
        continue;
      case 10:
        tokens.push(token('\n', start, T.Newline));
        i++;
        continue;
      case 13:
        if (text.charCodeAt(i + 1) === 10) {
          tokens.push(token('\r\n', start, T.Newline));
          i += 2;
        } else {
          tokens.push(token('\r', start, T.Newline));
          i++;
        }
        continue;
      case 35: { // '#' to the end of the line
        i++;
        while (i < n) {
          const d = text.charCodeAt(i);
          if (d === 10 || d === 13) break;
          i++;
        }
        comments.push(token(text.slice(start, i), start, T.Comment));
        continue;
      }
      case 34: { // '"': the only escape is \"; without a closing quote, the rest of the line
        let j = i + 1;
        let closed = false;
        while (j < n) {
          const d = text.charCodeAt(j);
          if (d === 34) { closed = true; break; }
          j += d === 92 && text.charCodeAt(j + 1) === 34 ? 2 : 1;
        }
        if (closed) {
          i = j + 1;
          tokens.push(token(text.slice(start, i), start, T.StringLiteral));
        } else {
          i++;
          while (i < n) {
            const d = text.charCodeAt(i);
            if (d === 10 || d === 13) break;
            i++;
          }
          tokens.push(token(text.slice(start, i), start, T.UnterminatedString));
        }
        continue;
      }
      case 43: // + +=
        if (text.charCodeAt(i + 1) === 61) { tokens.push(token('+=', start, T.Append)); i += 2; } else { tokens.push(token('+', start, T.Plus)); i++; }
        continue;
      case 61: { // = => == =~ =^ =$
        const d = text.charCodeAt(i + 1);
        if (d === 62) tokens.push(token('=>', start, T.ArrayAssign));
        else if (d === 61) tokens.push(token('==', start, T.Eq));
        else if (d === 126) tokens.push(token('=~', start, T.Match));
        else if (d === 94) tokens.push(token('=^', start, T.Prefix));
        else if (d === 36) tokens.push(token('=$', start, T.Suffix));
        else { tokens.push(token('=', start, T.Assign)); i++; continue; }
        i += 2;
        continue;
      }
      case 58: // :=
        if (text.charCodeAt(i + 1) === 61) { tokens.push(token(':=', start, T.ForceAssign)); i += 2; continue; }
        break;
      case 33: { // != !~ !^ !$
        const d = text.charCodeAt(i + 1);
        if (d === 61) tokens.push(token('!=', start, T.Ne));
        else if (d === 126) tokens.push(token('!~', start, T.NoMatch));
        else if (d === 94) tokens.push(token('!^', start, T.BadNegation));
        else if (d === 36) tokens.push(token('!$', start, T.BadNegation));
        else break;
        i += 2;
        continue;
      }
      default: {
        const type = c < 128 ? SINGLE[c] : undefined;
        if (type) { tokens.push(token(text[i], start, type)); i++; continue; }
      }
    }
    // Nothing matches here: one error for the run of characters up to where a token can start again.
    i++;
    while (i < n && !canStart(text, i)) i++;
    errors.push({ offset: start, length: i - start });
  }
  return { tokens, comments, errors };
}

/**
 * Deeper nesting than this is reported and flattened, so that no input can exhaust the stack. Chevrotain's
 * error recovery at the innermost level of a deep nest needs about 4 KiB of stack per level, so this keeps
 * the worst case near a third of Node's default stack (real configs nest a handful of levels).
 */
export const MAX_NESTING = 100;

export interface TokenizeResult {
  readonly tokens: IToken[];
  readonly comments: Comment[];
  readonly problems: SyntaxProblem[];
  /** Length of the text that was tokenized (shorter than the input after a NUL byte). */
  readonly length: number;
}

function synthetic(type: TokenType, at: number): IToken {
  // Zero-width token: endOffset = startOffset - 1 as in Chevrotain's inclusive convention.
  return createTokenInstance(type, '', at, at - 1, NaN, NaN, NaN, NaN);
}

export function tokenize(text: string): TokenizeResult {
  const problems: SyntaxProblem[] = [];
  let length = text.length;
  const nul = text.indexOf('\0');
  if (nul >= 0) {
    length = nul;
    problems.push({
      code: 'syntax-nul-byte',
      message: 'NUL byte: lighttpd stops reading the file here and ignores everything after it.',
      severity: 'warning',
      start: nul,
      end: text.length,
    });
  }
  const lexed = scan(nul >= 0 ? text.slice(0, nul) : text);
  for (const e of lexed.errors) {
    const ch = text.substr(e.offset, e.length);
    problems.push({
      code: 'syntax-invalid-character',
      message: ch === ':' ? "Unexpected ':': did you mean ':='?" : ch === '!' ? "Unexpected '!': only '!=' and '!~' exist." : `Invalid character ${JSON.stringify(ch)}.`,
      severity: 'error',
      start: e.offset,
      end: e.offset + e.length,
    });
  }
  const comments: Comment[] = lexed.comments.map((t) => ({
    start: t.startOffset,
    end: t.startOffset + t.image.length,
    text: t.image,
  }));

  const raw = lexed.tokens;
  const out: IToken[] = [];
  let parens = 0;
  let braces = 0;
  /** Offset of the outermost '(' not closed yet: newlines stay invisible until it is. */
  let outerParen = -1;
  let droppedParens = 0;
  let droppedBraces = 0;
  let reportedDepth = false;
  const tooDeep = (t: IToken) => {
    if (!reportedDepth) {
      reportedDepth = true;
      problems.push({
        code: 'syntax-nesting-too-deep',
        message: `Nesting deeper than ${MAX_NESTING} levels: the inner levels are not checked.`,
        severity: 'error',
        start: t.startOffset,
        end: t.startOffset + t.image.length,
      });
    }
  };
  const lastIsEol = () => out.length === 0 || out[out.length - 1].tokenType === T.EOL;

  for (let i = 0; i < raw.length; i++) {
    const t = raw[i];
    const type = t.tokenType;
    if (type === T.Newline) {
      if (parens === 0 && !lastIsEol()) out.push(synthetic(T.EOL, t.startOffset));
      continue;
    }
    if (type === T.LParen) {
      if (parens + braces >= MAX_NESTING) { tooDeep(t); droppedParens++; continue; }
      if (parens === 0) outerParen = t.startOffset;
      parens++;
    } else if (type === T.RParen) {
      if (droppedParens > 0) { droppedParens--; continue; }
      if (parens === 0) {
        problems.push({ code: 'syntax-unmatched-paren', message: "')' without a matching '('.", severity: 'error', start: t.startOffset, end: t.startOffset + 1 });
        continue;
      }
      parens--;
    } else if (type === T.LCurly) {
      if (parens + braces >= MAX_NESTING) { tooDeep(t); droppedBraces++; continue; }
      braces++;
    } else if (type === T.RCurly) {
      if (droppedBraces > 0) { droppedBraces--; continue; }
      if (braces > 0) braces--;
    } else if (type === T.UnterminatedString) {
      // Reported here, not by the parser, so that it is reported even where the parser skips the token.
      problems.push({
        code: 'syntax-unterminated-string',
        message: "Missing closing '\"'. (A backslash right before '\"' escapes it, so a string cannot end with '\\'.)",
        severity: 'error',
        start: t.startOffset,
        end: t.startOffset + t.image.length,
      });
    } else if (type === T.Semicolon) {
      problems.push({
        code: 'syntax-semicolon',
        message: "';' does not end statements in lighttpd: remove it (a newline ends a statement).",
        severity: 'error',
        start: t.startOffset,
        end: t.startOffset + 1,
      });
      continue;
    } else if (type === T.Comma && parens === 0) {
      problems.push({
        code: 'syntax-comma-outside-list',
        message: "',' outside parentheses: lighttpd skips it; use a newline to separate statements.",
        severity: 'warning',
        start: t.startOffset,
        end: t.startOffset + 1,
      });
      continue;
    }
    out.push(t);
    // `}` followed by more tokens on the same line: lighttpd injects an EOL after it.
    if (type === T.RCurly && parens === 0) {
      const next = raw[i + 1];
      if (next !== undefined && next.tokenType !== T.Newline) out.push(synthetic(T.EOL, t.startOffset + 1));
    }
  }
  if (parens > 0) {
    // Reported here too (the parser may have skipped the list): everything after it was read as one line.
    problems.push({ code: 'syntax-unclosed-paren', message: "Missing ')' to close this list.", severity: 'error', start: outerParen, end: outerParen + 1 });
  }
  if (!lastIsEol() || out.length === 0) out.push(synthetic(T.EOL, length));
  return { tokens: out, comments, problems, length };
}
