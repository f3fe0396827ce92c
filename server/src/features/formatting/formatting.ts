/**
 * Document and range formatting.
 *
 * What it does: indentation by nesting (one level per line that opens brackets, however many it opens;
 * a line starting with closers goes back to the level of the line that opened them), one level more for
 * a statement continued on the next line (`a =` / `a = "x" +` at the end of a line), one space around
 * operators and after commas, `$HTTP["host"]` written without blanks, trailing blanks removed, runs of
 * blank lines reduced to one, exactly one newline at the end; `=>` inside multi-line lists aligned
 * optionally. The space before a trailing comment is kept as written (people align those).
 *
 * What it never does: change a token, add or remove a line break between tokens (line breaks end
 * statements in lighttpd), touch the inside of strings (which may span lines) or comments. Lines with
 * characters lighttpd rejects are left exactly as they are. As a final guard the result is tokenized
 * again and compared with the original token by token (comments included): if anything differs, no edit
 * is returned.
 */
import type { IToken } from 'chevrotain';
import type { FormattingOptions, Range, TextEdit } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentModel } from '../../analysis';
import { tokenize } from '../../parser';
import { MAX_NESTING, scan } from '../../parser/lexer';
import * as T from '../../parser/tokens';

export interface FormatOptions {
  readonly tabSize: number;
  readonly insertSpaces: boolean;
  /** Align the `=>` of consecutive `"key" => value` lines of one list. */
  readonly alignArrows?: boolean;
  /** Default true. */
  readonly insertFinalNewline?: boolean;
  /** Default true: blank lines at the end of the file are removed. */
  readonly trimFinalNewlines?: boolean;
  /** Longest run of blank lines kept (default 1). */
  readonly maxBlankLines?: number;
}

/** Offsets into the original text. */
interface OffsetEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

interface Line {
  /** Start and end (before the line break) offsets of the logical line. */
  readonly start: number;
  readonly end: number;
  /** Offset after the line break (= end for the last line). */
  readonly next: number;
  readonly items: IToken[];
}

interface AlignInfo {
  /** Lines align only with neighbours of the same group (same list or block, same indentation, same operator). */
  readonly group: string;
  readonly arrow: boolean;
  readonly key: string;
  readonly indent: string;
  /** The formatted text from the operator on. */
  readonly tail: string;
  /** Where the operator ends in the original, counted from the start of the key (`=` and `+=` align on `=`). */
  readonly column: number;
  readonly opLength: number;
  /** The blanks between key and operator in the original. */
  readonly gap: string;
  /** More than one blank between key and operator in the original. */
  readonly padded: boolean;
}

interface Entry {
  readonly id: number;
  readonly indent: number;
  readonly paren: boolean;
}

const OPENERS = new Set([T.LCurly, T.LParen]);
const CLOSERS = new Set([T.RCurly, T.RParen]);
const CONTINUATION = new Set([T.Assign, T.Append, T.ForceAssign, T.Plus]);
const end = (t: IToken) => t.startOffset + t.image.length;
const isComment = (t: IToken) => t.tokenType === T.Comment;

function splitLines(text: string, tokens: IToken[]): Line[] {
  const lines: Line[] = [];
  let start = 0;
  let items: IToken[] = [];
  for (const t of tokens) {
    if (t.tokenType === T.Newline) {
      lines.push({ start, end: t.startOffset, next: end(t), items });
      start = end(t);
      items = [];
    } else {
      items.push(t);
    }
  }
  lines.push({ start, end: text.length, next: text.length, items });
  return lines;
}

const TIGHT = new Set([T.LParen, T.RParen, T.LBracket, T.RBracket, T.Comma, T.Dollar, T.Semicolon]);

/** Every blank the formatter would put between tokens is already there (the line is written with care). */
function spacedLine(text: string, items: readonly IToken[]): boolean {
  for (let i = 1; i < items.length; i++) {
    const p = items[i - 1].tokenType;
    const n = items[i].tokenType;
    if (TIGHT.has(p) || TIGHT.has(n) || isComment(items[i])) continue;
    if (items[i].startOffset === end(items[i - 1])) return false;
  }
  return true;
}

function space(prev: IToken, next: IToken, gap: string, spaced = false): string {
  // A comment keeps the blanks written before it (people align those); `"a",# note` stays so.
  if (isComment(next)) return gap.length || prev.tokenType === T.Comma ? gap : ' ';
  const p = prev.tokenType;
  const n = next.tokenType;
  if (p === T.Dollar || p === T.LBracket) return '';
  if (n === T.LBracket || n === T.RBracket || n === T.Comma || n === T.Semicolon) return '';
  if (p === T.LParen && n === T.RParen) return '';
  // `("a" => 1)` without blanks inside the parentheses, on a line spaced with care otherwise, stays so (a
  // style, as valid as `( "a" => 1 )`).
  if (spaced && gap === '' && (p === T.LParen || n === T.RParen)) return '';
  return ' ';
}

/** Edits (in original offsets) that format the whole text. */
export function planFormat(text: string, options: FormatOptions): OffsetEdit[] {
  if (text.includes('\0')) return []; // lighttpd stops reading at a NUL byte: leave such files alone
  // The context-free tokens (NEWLINE included) and the comments: parser/lexer.ts scan, which yields exactly
  // what Chevrotain's Lexer over the token definitions yields.
  const lexed = scan(text);
  const tokens = [...lexed.tokens, ...lexed.comments].sort((a, b) => a.startOffset - b.startOffset);
  const lines = splitLines(text, tokens);
  const unit = options.insertSpaces ? ' '.repeat(Math.max(1, options.tabSize || 4)) : '\t';
  const maxBlank = options.maxBlankLines ?? 1;

  const stack: Entry[] = [];
  /** How many entries of `stack` are parentheses (kept as a count: the stack may be very deep). */
  let parensOpen = 0;
  let nextId = 0;
  let continuation = false;
  const out: (string | null)[] = []; // null = delete the line
  const alignInfo: (AlignInfo | undefined)[] = [];
  const commentOnly: boolean[] = [];
  let blankRun = 0;

  /**
   * Each mid-line `=>` of a formatted line, by its distance from the end of the line (the part of a line after
   * its first operator is never rewritten by the alignment below, so the distance holds), with the blanks
   * before it when they were written as padding (`gap` > 0: kept where it lines up with a `=>` of the line
   * above or below in the result, decided once every line is formatted).
   */
  const midArrows: ({ fromEnd: number; gap: number }[] | undefined)[] = [];
  for (const [lineNo, line] of lines.entries()) {
    const items = line.items;
    const original = text.slice(line.start, line.end);
    if (items.length === 0) {
      const blankOk = /^[ \t\u00a0]*$/.test(original);
      if (!blankOk) {
        out.push(original);
        alignInfo.push(undefined);
        blankRun = 0;
        continue;
      }
      blankRun++;
      out.push(blankRun > maxBlank ? null : '');
      alignInfo.push(undefined);
      continue;
    }
    blankRun = 0;
    commentOnly[out.length] = items.length === 1 && isComment(items[0]);
    // Gaps must be blanks only; otherwise the line holds characters the lexer skipped: keep it verbatim.
    let verbatim = false;
    let pos = line.start;
    for (const t of items) {
      if (/[^ \t\u00a0]/.test(text.slice(pos, t.startOffset))) {
        verbatim = true;
        break;
      }
      pos = end(t);
    }
    if (/[^ \t\u00a0]/.test(text.slice(pos, line.end))) verbatim = true;

    // Indentation of this line.
    let leading = 0;
    while (leading < items.length && CLOSERS.has(items[leading].tokenType)) leading++;
    let level: number;
    if (leading > 0 && stack.length > 0) {
      level = stack[Math.max(0, stack.length - leading)].indent - 1;
    } else {
      level = (stack.length ? stack[stack.length - 1].indent : 0) + (continuation ? 1 : 0);
    }
    level = Math.max(0, level);
    const bracketAtStart = stack.length ? stack[stack.length - 1].id : -1;
    const stackHadParenAtStart = parensOpen > 0;

    // Brackets opened and closed on this line.
    for (const t of items) {
      if (OPENERS.has(t.tokenType)) {
        stack.push({ id: nextId++, indent: level + 1, paren: t.tokenType === T.LParen });
        if (t.tokenType === T.LParen) parensOpen++;
      } else if (CLOSERS.has(t.tokenType)) {
        if (stack.pop()?.paren) parensOpen--;
      }
    }
    const code = items.filter((t) => !isComment(t));
    if (code.length) {
      const lastTok = code[code.length - 1];
      continuation = CONTINUATION.has(lastTok.tokenType) && parensOpen === 0;
    }

    if (verbatim) {
      out.push(original);
      alignInfo.push(undefined);
      midArrows[lineNo] = items
        .filter((t, i) => i > 1 && t.tokenType === T.ArrayAssign)
        .map((t) => ({ fromEnd: line.end - t.startOffset, gap: 0 }));
      continue;
    }
    // (indentation stops growing where the parser stops following the nesting: output stays linear)
    const shown = Math.min(level, MAX_NESTING);
    const indent = unit === '\t' ? '\t'.repeat(shown) : unit.repeat(shown);
    const spaced = spacedLine(text, items);
    let body = items[0].image;
    const arrowsAt: { at: number; gap: number }[] = [];
    for (let i = 1; i < items.length; i++) {
      const gap = text.slice(end(items[i - 1]), items[i].startOffset);
      const mid = i > 1 && items[i].tokenType === T.ArrayAssign;
      // A padded mid-line `=>` keeps its padding for now (see midArrows), where a blank may stand at all (not
      // after `[` or `$`: dropping the padding there leaves no blank, else the next pass would remove it).
      const padded = mid && /^ {2,}$/.test(gap) && space(items[i - 1], items[i], ' ', spaced) === ' ';
      body += padded ? gap : space(items[i - 1], items[i], gap, spaced);
      if (mid) arrowsAt.push({ at: body.length, gap: padded ? gap.length : 0 });
      body += items[i].image;
    }
    if (isComment(items[items.length - 1])) body = body.replace(/[ \t\u00a0]+$/, '');
    midArrows[lineNo] = arrowsAt.map((x) => ({ fromEnd: body.length - x.at, gap: x.gap }));
    out.push(indent + body);
    const k0 = items[0].tokenType;
    const k1 = items[1]?.tokenType;
    const arrow = k0 === T.StringLiteral && k1 === T.ArrayAssign;
    const assign = k0 === T.Key && k1 !== undefined && CONTINUATION.has(k1) && k1 !== T.Plus && !stackHadParenAtStart;
    if ((arrow || assign) && !items[0].image.includes('\n')) {
      alignInfo.push({
        group: `${arrow ? '>' : '='}${bracketAtStart}:${indent}`,
        arrow,
        key: items[0].image,
        indent,
        tail: body.slice(items[0].image.length + 1),
        column: end(items[1]) - items[0].startOffset,
        opLength: items[1].image.length,
        gap: text.slice(end(items[0]), items[1].startOffset),
        padded: items[1].startOffset - end(items[0]) > 1,
      });
    } else {
      alignInfo.push(undefined);
    }
  }

  // Alignment of `=` (consecutive assignments) and `=>` (consecutive list elements): kept where the author
  // aligned them (same column for the whole run, with padding), and for `=>` on request.
  // The runs: following lines of the same group; comment-only lines in between do not end a run.
  const runs: number[][] = [];
  for (let i = 0; i < out.length; ) {
    const a = alignInfo[i];
    if (!a) {
      i++;
      continue;
    }
    const members = [i];
    let j = i + 1;
    while (j < out.length) {
      if (alignInfo[j]?.group === a.group) {
        members.push(j);
        j++;
        continue;
      }
      if (commentOnly[j]) {
        j++;
        continue;
      }
      break;
    }
    runs.push(members);
    i = members[members.length - 1] + 1;
  }
  // Lone padded assignments aligned with each other across comment blocks (upstream's annotated config):
  // counted among lone lines only, which keep their blanks, so that formatting again finds the same.
  const isLonePadded = (x: AlignInfo) => x.padded && !x.arrow && /^ +$/.test(x.gap);
  const loneColumns = new Map<number, number>();
  for (const r of runs) {
    const x = alignInfo[r[0]]!;
    if (r.length === 1 && isLonePadded(x)) loneColumns.set(x.column, (loneColumns.get(x.column) ?? 0) + 1);
  }
  for (const members of runs) {
    const a = alignInfo[members[0]]!;
    const run = members.map((k) => alignInfo[k]!);
    const columns = new Map<number, number>();
    for (const x of run) columns.set(x.column, (columns.get(x.column) ?? 0) + 1);
    const common = Math.max(...columns.values());
    const aligned = run.length > 1 && common >= 2 && common * 2 >= run.length && run.some((x) => x.padded);
    // The author's column is kept: lines padded to it stay, lines off it join it, and a key too long for it
    // sticks out as the author wrote it (Debian's `static-file.exclude-extensions = ...` under a block
    // aligned at column 28; `"long-key"=> 1`).
    // With alignArrows on, no key of an arrow run sticks out: the column moves right to fit the longest key
    // (otherwise formatting again would align the run to its longest key and differ).
    const authors = aligned ? [...columns.entries()].find(([, n]) => n === common)![0] : 0;
    const column =
      a.arrow && options.alignArrows ? Math.max(authors, ...run.map((x) => x.key.length + 1 + x.opLength)) : authors;
    // Kept only when some line stays padded: else the next format finds no alignment and spaces the run as
    // usual (`".rss"=>""`, `".scq"=>""`, `".py"  =>` would first keep the glued `"=>` of the column it shares).
    if (aligned && run.some((x) => column - x.key.length - x.opLength >= 2)) {
      for (const k of members) {
        const x = alignInfo[k]!;
        const pad = column - x.key.length - x.opLength;
        out[k] = x.indent + x.key + (pad >= 1 ? ' '.repeat(pad) : x.gap === '' ? '' : ' ') + x.tail;
      }
    } else if (run.length > 1 && a.arrow && options.alignArrows) {
      const width = Math.max(...run.map((x) => x.key.length));
      for (const k of members) {
        const x = alignInfo[k]!;
        out[k] = x.indent + x.key + ' '.repeat(width - x.key.length + 1) + x.tail;
      }
    } else if (run.length === 1 && isLonePadded(a) && loneColumns.get(a.column)! > 1) {
      out[members[0]] = a.indent + a.key + a.gap + a.tail;
    }
  }

  keepAlignedArrows(out, midArrows);

  // End of file: no blank lines before it, and exactly one line break at the end.
  const trim = options.trimFinalNewlines !== false;
  const last = lines.length - 1;
  let lastContent = last;
  while (lastContent >= 0 && (out[lastContent] === '' || out[lastContent] === null)) lastContent--;
  if (trim && lastContent >= 0) for (let k = lastContent + 1; k < last; k++) out[k] = null;

  const edits: OffsetEdit[] = [];
  lines.forEach((line, k) => {
    const o = out[k];
    if (o === null) edits.push({ start: line.start, end: line.next, newText: '' });
    else if (o !== text.slice(line.start, line.end)) edits.push({ start: line.start, end: line.end, newText: o });
  });
  if (options.insertFinalNewline !== false && lastContent === last && lastContent >= 0 && text.length > 0) {
    const eol = /\r\n|\r|\n/.exec(text)?.[0] ?? '\n';
    edits.push({ start: text.length, end: text.length, newText: eol });
  }

  if (edits.length && !sameMeaning(text, applyOffsetEdits(text, edits))) return [];
  return edits;
}

/**
 * A mid-line `=>` written with padding keeps it where, in the formatted result, it stands in the column of a
 * mid-line `=>` on the line above or below; elsewhere the padding becomes one blank. Decided on the result, not
 * on the original columns (a line whose blanks change before its `=>` would otherwise keep a padding that no
 * longer aligns, and formatting again would remove it): padding is dropped until every kept `=>` has a partner.
 */
function keepAlignedArrows(out: (string | null)[], midArrows: ({ fromEnd: number; gap: number }[] | undefined)[]) {
  const kept = midArrows.map((arrows) => arrows?.map((a) => a.gap > 0));
  const columns = (k: number): number[] => {
    const arrows = midArrows[k];
    const o = out[k];
    if (!arrows || typeof o !== 'string') return [];
    let shift = 0;
    // Left to right (largest distance from the end first): each dropped padding moves the rest left.
    return arrows.map((a, j) => {
      const column = o.length - a.fromEnd - shift;
      if (a.gap > 0 && !kept[k]![j]) shift += a.gap - 1;
      return column - (a.gap > 0 && !kept[k]![j] ? a.gap - 1 : 0);
    });
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (let k = 0; k < midArrows.length; k++) {
      const flags = kept[k];
      if (!flags?.some(Boolean)) continue;
      const mine = columns(k);
      const around = new Set([...columns(k - 1), ...columns(k + 1)]);
      flags.forEach((on, j) => {
        if (on && !around.has(mine[j])) {
          flags[j] = false;
          changed = true;
        }
      });
    }
  }
  midArrows.forEach((arrows, k) => {
    let o = out[k];
    if (!arrows || typeof o !== 'string') return;
    // Right to left, so that the distances of the arrows still to do hold.
    for (let j = arrows.length - 1; j >= 0; j--) {
      const a = arrows[j];
      if (a.gap === 0 || kept[k]![j]) continue;
      const at: number = o.length - a.fromEnd;
      o = o.slice(0, at - a.gap) + ' ' + o.slice(at);
    }
    out[k] = o;
  });
}

export function applyOffsetEdits(text: string, edits: readonly OffsetEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let pos = 0;
  for (const e of sorted) {
    out += text.slice(pos, e.start) + e.newText;
    pos = e.end;
  }
  return out + text.slice(pos);
}

/** Same tokens (as lighttpd's tokenizer shapes them) and the same comments, in the same order. */
export function sameMeaning(a: string, b: string): boolean {
  const ta = tokenize(a);
  const tb = tokenize(b);
  if (ta.tokens.length !== tb.tokens.length || ta.comments.length !== tb.comments.length) return false;
  for (let i = 0; i < ta.tokens.length; i++) {
    if (ta.tokens[i].tokenType !== tb.tokens[i].tokenType || ta.tokens[i].image !== tb.tokens[i].image) return false;
  }
  for (let i = 0; i < ta.comments.length; i++) {
    if (ta.comments[i].text.trimEnd() !== tb.comments[i].text.trimEnd()) return false;
  }
  return ta.problems.map((p) => p.code).join() === tb.problems.map((p) => p.code).join();
}

/** The formatted text (for tests and tools). */
export function formatText(text: string, options: FormatOptions): string {
  return applyOffsetEdits(text, planFormat(text, options));
}

function toOptions(o: FormattingOptions, extra: Partial<FormatOptions>): FormatOptions {
  return {
    tabSize: o.tabSize,
    insertSpaces: o.insertSpaces,
    insertFinalNewline: o.insertFinalNewline ?? true,
    trimFinalNewlines: o.trimFinalNewlines ?? true,
    ...extra,
  };
}

function toTextEdits(doc: TextDocument, edits: readonly OffsetEdit[]): TextEdit[] {
  return edits.map((e) => ({
    range: { start: doc.positionAt(e.start), end: doc.positionAt(e.end) },
    newText: e.newText,
  }));
}

export function formatDocument(
  doc: TextDocument,
  _model: DocumentModel,
  options: FormattingOptions,
  extra: Partial<FormatOptions> = {},
): TextEdit[] {
  return toTextEdits(doc, planFormat(doc.getText(), toOptions(options, extra)));
}

/** Only the edits on lines the range touches (indentation still follows the whole document). */
export function formatRange(
  doc: TextDocument,
  _model: DocumentModel,
  range: Range,
  options: FormattingOptions,
  extra: Partial<FormatOptions> = {},
): TextEdit[] {
  const first = range.start.line;
  const lastLine = range.end.character === 0 && range.end.line > range.start.line ? range.end.line - 1 : range.end.line;
  const edits = planFormat(doc.getText(), {
    ...toOptions(options, extra),
    insertFinalNewline: false,
    trimFinalNewlines: false,
  });
  return toTextEdits(doc, edits).filter((e) => e.range.start.line >= first && e.range.start.line <= lastLine);
}
