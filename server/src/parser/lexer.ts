/**
 * Tokenizer: the context-free scanner (scanner.ts, the token definitions of tokens.ts), then a shaping pass that applies the
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
import { scan } from './scanner';
import * as T from './tokens';

export { scan, type ScanResult } from './scanner';

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
  /** Outermost lists: from each outer '(' to just after the ')' that closes it, in source order. */
  readonly lists: readonly { start: number; end: number }[];
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
      message:
        ch === ':'
          ? "Unexpected ':': did you mean ':='?"
          : ch === '!'
            ? "Unexpected '!': only '!=' and '!~' exist."
            : `Invalid character ${JSON.stringify(ch)}.`,
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
  const lists: { start: number; end: number }[] = [];
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
      if (parens + braces >= MAX_NESTING) {
        tooDeep(t);
        droppedParens++;
        continue;
      }
      if (parens === 0) outerParen = t.startOffset;
      parens++;
    } else if (type === T.RParen) {
      if (droppedParens > 0) {
        droppedParens--;
        continue;
      }
      if (parens === 0) {
        problems.push({
          code: 'syntax-unmatched-paren',
          message: "')' without a matching '('.",
          severity: 'error',
          start: t.startOffset,
          end: t.startOffset + 1,
        });
        continue;
      }
      parens--;
      if (parens === 0) lists.push({ start: outerParen, end: t.startOffset + 1 });
    } else if (type === T.LCurly) {
      if (parens + braces >= MAX_NESTING) {
        tooDeep(t);
        droppedBraces++;
        continue;
      }
      braces++;
    } else if (type === T.RCurly) {
      if (droppedBraces > 0) {
        droppedBraces--;
        continue;
      }
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
    problems.push({
      code: 'syntax-unclosed-paren',
      message: "Missing ')' to close this list.",
      severity: 'error',
      start: outerParen,
      end: outerParen + 1,
    });
  }
  if (!lastIsEol() || out.length === 0) out.push(synthetic(T.EOL, length));
  return { tokens: out, comments, problems, length, lists };
}
