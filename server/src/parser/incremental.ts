/**
 * Incremental re-parse after an edit: only the top-level statements the edit touches are parsed again;
 * the statements before are reused as they are and those after are reused with shifted offsets.
 *
 * This is exact, not an approximation: a top-level statement ends at an end of line outside parentheses,
 * where lighttpd's tokenizer is in its neutral state, so a region cut at line boundaries around whole
 * top-level statements tokenizes and parses the same alone as inside the file — unless the edit leaves
 * something open (a string, a list, a block) or unmatched, in which case the whole file is parsed again.
 */
import type { Block, ConfigFile, Expression, Span, Statement, SyntaxProblem } from './ast';
import { MAX_PROBLEMS, MAX_TEXT_SIZE, parse } from './parse';

/**
 * Problems whose effect can reach past their own span and statement: something left open or unmatched,
 * a block without its condition (its braces belong to no statement), and whatever Chevrotain's generic
 * recovery found (it may skip tokens). With any of them around, the whole file is parsed again.
 */
const NON_LOCAL = new Set([
  'syntax-unclosed-brace',
  'syntax-unclosed-paren',
  'syntax-unterminated-string',
  'syntax-unmatched-brace',
  'syntax-unmatched-paren',
  'syntax-nesting-too-deep',
  'syntax-nul-byte',
  'syntax-missing-bracket',
  'syntax-else-without-condition',
  'syntax-block-without-condition',
]);
const nonLocal = (p: SyntaxProblem) => p.recovered === true || NON_LOCAL.has(p.code);

function lineStart(text: string, offset: number): number {
  let i = Math.min(offset, text.length);
  while (i > 0 && text.charCodeAt(i - 1) !== 10 && text.charCodeAt(i - 1) !== 13) i--;
  return i;
}

/** Offset just after the line end at or after `offset` (or the text length). */
function afterLineEnd(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
  if (i < text.length && text.charCodeAt(i) === 13) i++;
  if (i < text.length && text.charCodeAt(i) === 10) i++;
  return i;
}

// Common prefix and suffix of the old and new text, compared 4096, then 512, then 64, then 8 characters at a
// time by the engine's string comparison (a character loop over a large file took half a millisecond).
function commonPrefix(a: string, b: string, max: number): number {
  let p = 0;
  for (let step = 4096; step >= 8; step >>= 3) {
    while (p + step <= max && a.substring(p, p + step) === b.substring(p, p + step)) p += step;
  }
  while (p < max && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  return p;
}

function commonSuffix(a: string, b: string, max: number): number {
  let s = 0;
  for (let step = 4096; step >= 8; step >>= 3) {
    while (
      s + step <= max &&
      a.substring(a.length - s - step, a.length - s) === b.substring(b.length - s - step, b.length - s)
    )
      s += step;
  }
  while (s < max && a.charCodeAt(a.length - 1 - s) === b.charCodeAt(b.length - 1 - s)) s++;
  return s;
}

/** A node with offsets: moved by `delta`, in place. */
type Mutable = { start: number; end: number };
function move(n: Span | undefined, delta: number): void {
  if (n) {
    (n as Mutable).start += delta;
    (n as Mutable).end += delta;
  }
}

/**
 * Moves every offset of statements (and what they contain) by `delta`, in place, node kind by node kind.
 * The parser never shares a node between two places of a tree, so each offset moves once. (A field with
 * offsets missing here would make incremental.test.ts's trees differ from full parses.)
 */
function shiftStatements(list: readonly Statement[], delta: number): void {
  for (const st of list) {
    move(st, delta);
    switch (st.kind) {
      case 'assignment':
        move(st.key, delta);
        move(st.operator, delta);
        shiftExpression(st.value, delta);
        break;
      case 'conditional':
        for (const br of st.branches) {
          move(br, delta);
          move(br.elseKeyword, delta);
          const h = br.head;
          if (h) {
            move(h, delta);
            move(h.object, delta);
            shiftExpression(h.field, delta);
            move(h.operator, delta);
            shiftExpression(h.value, delta);
          }
          shiftBlock(br.body, delta);
        }
        break;
      case 'global':
        shiftBlock(st.body, delta);
        break;
      case 'include':
      case 'include_shell':
        move(st.keyword, delta);
        shiftExpression(st.operand, delta);
        break;
    }
  }
}

function shiftBlock(b: Block | undefined, delta: number): void {
  if (!b) return;
  move(b, delta);
  shiftStatements(b.statements, delta);
}

function shiftExpression(e: Expression | undefined, delta: number): void {
  if (!e) return;
  move(e, delta);
  if (e.kind === 'concat') {
    for (const o of e.operands) shiftExpression(o, delta);
  } else if (e.kind === 'array') {
    for (const el of e.elements) {
      move(el, delta);
      shiftExpression(el.key, delta);
      move(el.arrow, delta);
      shiftExpression(el.value, delta);
    }
  }
}

/** Comments and problems: plain spans. */
function shiftSpans(list: readonly Span[], delta: number): void {
  for (const x of list) move(x, delta);
}

/**
 * The text before `at`, without trailing blanks, line ends and comments, ends in something that continues
 * on the next line (`a =⏎ "x"` is one statement in lighttpd): an operator, ',', or a keyword.
 */
function continuesAcross(text: string, at: number, comments: readonly Span[]): boolean {
  let i = at;
  for (;;) {
    while (i > 0 && /[ \t\r\n\u00a0]/.test(text[i - 1])) i--;
    const c = comments.find((x) => x.start < i && x.end >= i);
    if (!c) break;
    i = c.start;
  }
  if (i === 0) return false;
  if ('=+>~^$,(!:{[\\'.includes(text[i - 1])) return true;
  // A bare name at the end of a line may take its operator from the next one; keywords their operand.
  if (/[A-Za-z0-9._-]/.test(text[i - 1])) {
    const ls = lineStart(text, i);
    const line = text.slice(ls, i);
    if (
      !/(^|[^=!<>])(=|\+=|:=)/.test(line) ||
      /(^|\s)(else|elif|elsif|elseif|if|include|include_shell|global)$/.test(line)
    )
      return true;
  }
  // A condition head whose '{' may be on the next line.
  if (text[i - 1] === '"' || text[i - 1] === ']') {
    const line = text.slice(lineStart(text, i), i);
    if (line.includes('$')) return true;
  }
  return false;
}

function inside(s: Span, from: number, to: number): boolean {
  return s.start >= from && s.end <= to;
}

export interface PreviousParse {
  readonly text: string;
  readonly file: ConfigFile;
}

/**
 * Parses `text`, reusing `prev` (the parse of an earlier version) where the edit did not reach.
 *
 * `prev.file` is consumed: the statements, comments and problems after the edit are moved to their new
 * offsets in place (copying half the tree on every keystroke cost more than the rest of the re-parse), so
 * the earlier tree must not be used any more — the callers keep one tree per document and replace it.
 */
export function reparse(prev: PreviousParse, text: string): ConfigFile {
  const old = prev.text;
  if (old === text) return prev.file;
  const full = () => parse(text);
  if (prev.file.listsCrossStatements || prev.file.problems.some(nonLocal)) return full();
  // The problem list was cut at its cap: which problems a fresh parse keeps depends on the whole text.
  if (prev.file.problems.length >= MAX_PROBLEMS) return full();
  if (text.includes('\0') || old.includes('\0')) return full();
  // Near lighttpd's size cap the whole text decides (file-too-large): no reuse.
  if (text.length * 3 > MAX_TEXT_SIZE || old.length * 3 > MAX_TEXT_SIZE) return full();

  // The changed span: [p, oldEnd) in the old text became [p, newEnd) in the new one.
  const max = Math.min(old.length, text.length);
  const p = commonPrefix(old, text, max);
  const s = commonSuffix(old, text, max - p);
  const oldEnd = old.length - s;
  const delta = text.length - old.length;

  // Grow the region to whole lines, whole top-level statements and whole problem spans (an error
  // production may consume tokens that belong to no statement) until it is stable.
  const st: readonly Span[] = [...prev.file.statements, ...prev.file.problems];
  let from = lineStart(old, p);
  let to = afterLineEnd(old, oldEnd);
  for (let changed = true; changed; ) {
    changed = false;
    for (const x of st) {
      if (x.end > from && x.start < to && (x.start < from || x.end > to)) {
        const nf = Math.min(from, lineStart(old, x.start));
        const nt = Math.max(to, afterLineEnd(old, x.end));
        if (nf !== from || nt !== to) {
          from = nf;
          to = nt;
          changed = true;
        }
      }
    }
  }
  // A region that is most of the file is not worth the bookkeeping.
  if (to - from > old.length / 2) return full();

  const sub = parse(text.slice(from, to + delta));
  if (sub.listsCrossStatements || sub.problems.some(nonLocal) || sub.problems.length >= MAX_PROBLEMS) return full();
  // The region's own tree is ours: moved to document offsets right away.
  if (from !== 0) {
    shiftStatements(sub.statements, from);
    shiftSpans(sub.comments, from);
    shiftSpans(sub.problems, from);
  }
  // A statement may continue across a line end after an operator: then the cut is not neutral.
  if (continuesAcross(old, from, prev.file.comments)) return full();
  if (continuesAcross(text.slice(0, to + delta), to + delta, sub.comments)) return full();
  // The region must end where the tokenizer is neutral: at a line end, or at the end of the text.
  const newTo = to + delta;
  if (newTo < text.length && newTo > 0 && text.charCodeAt(newTo - 1) !== 10 && text.charCodeAt(newTo - 1) !== 13)
    return full();

  const before = (x: Span) => x.end <= from;
  const after = (x: Span) => x.start >= to;
  const statementsAfter = prev.file.statements.filter(after);
  const commentsAfter = prev.file.comments.filter(after);
  const problemsAfter = prev.file.problems.filter(after);
  if (delta !== 0) {
    shiftStatements(statementsAfter, delta);
    shiftSpans(commentsAfter, delta);
    shiftSpans(problemsAfter, delta);
  }
  const statements: Statement[] = [...prev.file.statements.filter(before), ...sub.statements, ...statementsAfter];
  const comments = [...prev.file.comments.filter(before), ...sub.comments, ...commentsAfter];
  const problems: SyntaxProblem[] = [
    ...prev.file.problems.filter((x) => x.end <= from && !inside(x, from, to)),
    ...sub.problems,
    ...problemsAfter,
  ];
  if (problems.length >= MAX_PROBLEMS) return full();
  return { kind: 'file', statements, comments, problems, start: 0, end: text.length };
}
