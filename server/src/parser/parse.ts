/**
 * parse(text) -> ConfigFile: tokenizer + the single shared parser instance. Parser errors from
 * Chevrotain's own recovery are turned into `syntax-*` problems with exact ranges.
 */
import { EOF, type IRecognitionException, type IToken } from 'chevrotain';
import type { ConfigFile, SyntaxProblem } from './ast';
import { tokenize } from './lexer';
import { ConfigParser } from './parser';
import * as T from './tokens';

let parser: ConfigParser | undefined;

/** The one parser instance (its construction runs Chevrotain's grammar analysis, so it is made once). */
function getParser(): ConfigParser {
  return (parser ??= new ConfigParser());
}

/** At most this many problems are kept per file: beyond it, they only add noise and cost. */
export const MAX_PROBLEMS = 1000;

function isZeroWidth(t: IToken): boolean {
  return t.tokenType === T.EOL || t.tokenType === EOF || Number.isNaN(t.startOffset);
}

function exceptionToProblem(e: IRecognitionException, textLength: number): SyntaxProblem {
  let t = e.token;
  // Errors "at end of line/file" are shown on the token before, where the user has to type.
  const prev = (e as unknown as { previousToken?: IToken }).previousToken;
  let start: number;
  let end: number;
  if (isZeroWidth(t) && prev && !isZeroWidth(prev) && !Number.isNaN(prev.startOffset)) {
    t = prev;
    start = prev.startOffset;
    end = prev.startOffset + prev.image.length;
  } else if (Number.isNaN(t.startOffset)) {
    start = end = textLength;
  } else {
    start = t.startOffset;
    end = t.startOffset + t.image.length;
  }
  let code = 'syntax-unexpected-token';
  if (/^Missing '\}'/.test(e.message)) code = 'syntax-unclosed-brace';
  else if (/^Missing '\)'/.test(e.message)) code = 'syntax-unclosed-paren';
  else if (/^Missing '\]'/.test(e.message)) code = 'syntax-missing-bracket';
  else if (/^Expected a value/.test(e.message)) code = 'syntax-missing-value';
  else if (/^Expected a condition operator/.test(e.message)) code = 'syntax-invalid-operator';
  return { code, message: e.message, severity: 'error', start, end };
}

export function parse(text: string): ConfigFile {
  const lexed = tokenize(text);
  const p = getParser();
  p.input = lexed.tokens;
  let statements;
  try {
    statements = p.inputFile();
  } finally {
    // keep the token vector from pinning memory between parses
  }
  const problems: SyntaxProblem[] = [...lexed.problems, ...p.problems];
  for (const e of p.errors) problems.push(exceptionToProblem(e, lexed.length));
  problems.sort((a, b) => a.start - b.start || a.end - b.end);
  // Chevrotain may report the same spot twice (rule-level and repetition-level recovery).
  const unique: SyntaxProblem[] = [];
  for (const pr of problems) {
    const last = unique[unique.length - 1];
    if (last && last.start === pr.start && last.end === pr.end && last.code === pr.code) continue;
    unique.push(pr);
    if (unique.length >= MAX_PROBLEMS) break;
  }
  p.input = [];
  return { kind: 'file', statements: statements ?? [], comments: lexed.comments, problems: unique, start: 0, end: text.length };
}
