/**
 * parse(text) -> ConfigFile: tokenizer + the single shared parser instance. Parser errors from
 * Chevrotain's own recovery are turned into `syntax-*` problems with exact ranges.
 */
import { EOF, type IRecognitionException, type IToken } from 'chevrotain';
import type { ConfigFile, SyntaxProblem } from './ast';
import { tokenize } from './lexer';
import { ConfigParser, MAX_RECOVERIES } from './parser';
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

/** The last token with text that starts before `offset` (tokens are in source order). */
function lastRealTokenBefore(tokens: readonly IToken[], offset: number): IToken | undefined {
  let lo = 0;
  let hi = tokens.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid].startOffset < offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  for (let i = found; i >= 0; i--) if (!isZeroWidth(tokens[i])) return tokens[i];
  return undefined;
}

function exceptionToProblem(e: IRecognitionException, tokens: readonly IToken[], textLength: number): SyntaxProblem {
  const t = e.token;
  let start: number;
  let end: number;
  // Errors "at end of line/file" are shown on the token before, where the user has to type.
  const prev = isZeroWidth(t)
    ? lastRealTokenBefore(tokens, Number.isNaN(t.startOffset) ? textLength + 1 : t.startOffset + 1)
    : undefined;
  if (prev) {
    start = prev.startOffset;
    end = prev.startOffset + prev.image.length;
  } else if (Number.isNaN(t.startOffset)) {
    start = end = textLength;
  } else {
    start = t.startOffset;
    end = t.startOffset + t.image.length;
  }
  let code = 'syntax-unexpected-token';
  // Chevrotain's single-token deletion: the closer it wanted comes right after the offending token, so
  // nothing is missing; that token is extra (and lighttpd drops it: `$HTTP["url"else ]`).
  const closer = /^Missing '([}\])\]])'/.exec(e.message)?.[1];
  if (closer && !isZeroWidth(t)) {
    const next = tokens[tokens.indexOf(t) + 1];
    if (next && next.image === closer) {
      return {
        code,
        message: `Unexpected ${t.image.length > 40 ? `'${t.image.slice(0, 40)}…'` : `'${t.image}'`}: lighttpd ignores it.`,
        severity: 'error',
        start: t.startOffset,
        end: t.startOffset + t.image.length,
        recovered: true,
      };
    }
  }
  if (/^Missing '\}'/.test(e.message)) code = 'syntax-unclosed-brace';
  else if (/^Missing '\)'/.test(e.message)) code = 'syntax-unclosed-paren';
  else if (/^Missing '\]'/.test(e.message)) code = 'syntax-missing-bracket';
  else if (/^Expected a value/.test(e.message)) code = 'syntax-missing-value';
  else if (/^Expected a condition operator/.test(e.message)) code = 'syntax-invalid-operator';
  return { code, message: e.message, severity: 'error', start, end, recovered: true };
}

/** lighttpd refuses a config file larger than 32 MiB (src/configfile.c): such a text is reported, not parsed. */
export const MAX_TEXT_SIZE = 32 * 1024 * 1024;

/** UTF-8 size of a text, counted only when it could exceed the cap (a code unit is at most 3 bytes). */
function exceedsMaxSize(text: string): boolean {
  return text.length * 3 > MAX_TEXT_SIZE && utf8Length(text) > MAX_TEXT_SIZE;
}

/** Bytes of a text in UTF-8 (as Node's Buffer.byteLength: a lone surrogate is 3 bytes, as U+FFFD). */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

function tooLarge(text: string): ConfigFile {
  const firstLine = text.search(/[\r\n]/);
  const end = Math.min(firstLine < 0 ? text.length : firstLine, 200);
  const problem: SyntaxProblem = {
    code: 'file-too-large',
    message: `This file is larger than ${MAX_TEXT_SIZE / 1024 / 1024} MiB: lighttpd refuses to read it, and it is not checked.`,
    severity: 'error',
    start: 0,
    end,
  };
  return { kind: 'file', statements: [], comments: [], problems: [problem], start: 0, end: text.length };
}

export function parse(text: string): ConfigFile {
  if (exceedsMaxSize(text)) return tooLarge(text);
  const lexed = tokenize(text);
  const problems: SyntaxProblem[] = [...lexed.problems];
  const p = getParser();
  p.input = lexed.tokens;
  const statements = p.inputFile();
  problems.push(...p.problems);
  for (const e of p.errors) problems.push(exceptionToProblem(e, lexed.tokens, lexed.length));
  if (p.gaveUpAt !== undefined) {
    const at = p.gaveUpAt < 0 ? lexed.length : p.gaveUpAt;
    problems.push({
      code: 'syntax-unexpected-token',
      message: `Too many syntax errors (${MAX_RECOVERIES}): the rest of the file is not checked.`,
      severity: 'error',
      start: at,
      end: at,
      recovered: true,
    });
  }
  p.input = []; // do not pin the token vector between parses
  // No problem may point nowhere (a token made up by recovery has no offsets).
  for (let i = 0; i < problems.length; i++) {
    const pr = problems[i];
    if (Number.isNaN(pr.start) || Number.isNaN(pr.end)) {
      const at = Number.isNaN(pr.start) ? (Number.isNaN(pr.end) ? lexed.length : pr.end) : pr.start;
      problems[i] = { ...pr, start: at, end: Number.isNaN(pr.end) ? at : Math.max(at, pr.end) };
    }
  }
  problems.sort((a, b) => a.start - b.start || a.end - b.end);
  // Chevrotain may report the same spot twice (rule-level and repetition-level recovery).
  const unique: SyntaxProblem[] = [];
  for (const pr of problems) {
    const last = unique[unique.length - 1];
    if (last && last.start === pr.start && last.end === pr.end && last.code === pr.code) continue;
    unique.push(pr);
    if (unique.length >= MAX_PROBLEMS) break;
  }
  const file: ConfigFile = {
    kind: 'file',
    statements: statements ?? [],
    comments: lexed.comments,
    problems: unique,
    start: 0,
    end: text.length,
  };
  return listsCrossStatements(lexed.lists, file) ? { ...file, listsCrossStatements: true } : file;
}

/**
 * Whether some outermost list is not inside one top-level statement or one problem span (see
 * ConfigFile.listsCrossStatements). One sweep: a list is contained when a span starting at or before it
 * reaches its end.
 */
function listsCrossStatements(lists: readonly { start: number; end: number }[], file: ConfigFile): boolean {
  if (!lists.length) return false;
  // Statements and problems are each in source order: two cursors, no merged copy to sort.
  const { statements, problems } = file;
  let i = 0;
  let j = 0;
  let reach = -1;
  for (const l of lists) {
    while (i < statements.length && statements[i].start <= l.start) reach = Math.max(reach, statements[i++].end);
    while (j < problems.length && problems[j].start <= l.start) reach = Math.max(reach, problems[j++].end);
    if (reach < l.end) return true;
  }
  return false;
}
