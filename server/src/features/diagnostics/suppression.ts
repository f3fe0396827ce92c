/**
 * Suppression comments:
 *
 *   # lighttpd-ignore-next-line CODE[, CODE ...]   silences those codes on the next line that is not
 *                                                  itself a suppression comment (no code: every code)
 *   # lighttpd-ignore-file CODE[, CODE ...]        silences those codes in the whole file
 *
 * and the edits of the quick fixes that write them.
 */
import type { Diagnostic, TextEdit } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Comment } from '../../parser/ast';

const DIRECTIVE = /^#\s*lighttpd-ignore-(next-line|file)\b([^#]*)/;

export const IGNORE_NEXT_LINE = 'lighttpd-ignore-next-line';
export const IGNORE_FILE = 'lighttpd-ignore-file';

/** A set of codes, or every code. */
type Codes = ReadonlySet<string> | 'all';

export interface Suppressions {
  readonly file: Codes | undefined;
  /** Line number (0-based) -> codes silenced on that line. */
  readonly lines: ReadonlyMap<number, Codes>;
}

function parseCodes(rest: string): Codes {
  const codes = rest
    .split(/[\s,]+/)
    .map((c) => c.trim())
    .filter(Boolean);
  return codes.length === 0 ? 'all' : new Set(codes);
}

function union(a: Codes | undefined, b: Codes): Codes {
  if (a === 'all' || b === 'all') return 'all';
  return a ? new Set([...a, ...b]) : b;
}

/** Reads the suppression comments of a document. */
export function parseSuppressions(doc: TextDocument, comments: readonly Comment[]): Suppressions {
  let file: Codes | undefined;
  const pending: { line: number; codes: Codes }[] = [];
  const commentLines = new Set<number>();
  for (const c of comments) {
    const m = DIRECTIVE.exec(c.text);
    if (!m) continue;
    const line = doc.positionAt(c.start).line;
    // only a comment on a line of its own counts as a directive for the next line
    const lineStart = doc.offsetAt({ line, character: 0 });
    const ownLine = doc.getText().slice(lineStart, c.start).trim() === '';
    const codes = parseCodes(m[2]);
    if (m[1] === 'file') file = union(file, codes);
    else if (ownLine) {
      pending.push({ line, codes });
      commentLines.add(line);
    }
  }
  const lines = new Map<number, Codes>();
  for (const p of pending) {
    let target = p.line + 1;
    while (commentLines.has(target)) target++;
    lines.set(target, union(lines.get(target), p.codes));
  }
  return { file, lines };
}

function has(codes: Codes | undefined, code: string): boolean {
  return codes === 'all' || (codes !== undefined && codes.has(code));
}

export function isSuppressed(s: Suppressions, code: string, line: number): boolean {
  return has(s.file, code) || has(s.lines.get(line), code);
}

/** The edit that silences `code` on the diagnostic's line (extending a directive already above it). */
export function ignoreLineEdit(doc: TextDocument, d: Diagnostic, code: string): TextEdit {
  const line = d.range.start.line;
  const lineText = lineAt(doc, line);
  const prev = line > 0 ? lineAt(doc, line - 1) : '';
  const m = new RegExp(`^(\\s*#\\s*${IGNORE_NEXT_LINE}\\b)([^#]*?)\\s*$`).exec(prev);
  if (m && m[2].trim() !== '') {
    const end = m[1].length + m[2].length;
    return {
      range: { start: { line: line - 1, character: end }, end: { line: line - 1, character: end } },
      newText: `, ${code}`,
    };
  }
  const indent = /^[ \t]*/.exec(lineText)![0];
  return {
    range: { start: { line, character: 0 }, end: { line, character: 0 } },
    newText: `${indent}# ${IGNORE_NEXT_LINE} ${code}\n`,
  };
}

/** The edit that silences `code` in the whole file. */
export function ignoreFileEdit(doc: TextDocument, code: string): TextEdit {
  const first = lineAt(doc, 0);
  const m = new RegExp(`^(#\\s*${IGNORE_FILE}\\b)([^#]*?)\\s*$`).exec(first);
  if (m && m[2].trim() !== '') {
    const end = m[1].length + m[2].length;
    return { range: { start: { line: 0, character: end }, end: { line: 0, character: end } }, newText: `, ${code}` };
  }
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    newText: `# ${IGNORE_FILE} ${code}\n`,
  };
}

function lineAt(doc: TextDocument, line: number): string {
  if (line < 0 || line >= doc.lineCount) return '';
  const start = doc.offsetAt({ line, character: 0 });
  const end = line + 1 < doc.lineCount ? doc.offsetAt({ line: line + 1, character: 0 }) : doc.getText().length;
  return doc
    .getText()
    .slice(start, end)
    .replace(/\r?\n$|\r$/, '');
}
