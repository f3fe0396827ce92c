/**
 * Folding ranges: condition and global blocks, lists that span several lines, and runs of two or more
 * comment-only lines.
 */
import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentModel } from '../../analysis';
import type { Span } from '../../parser/ast';
import { walk } from '../shared/locate';

export function getFoldingRanges(doc: TextDocument, model: DocumentModel): FoldingRange[] {
  const text = doc.getText();
  const out: FoldingRange[] = [];
  const line = (offset: number) => doc.positionAt(offset).line;
  /** Only blanks between the start of its line and `offset` (scanning back over the blanks alone: lines may be long). */
  const startsLine = (offset: number) => {
    let k = offset - 1;
    while (k >= 0 && (text[k] === ' ' || text[k] === '\t')) k--;
    return k < 0 || text[k] === '\n' || text[k] === '\r';
  };

  /** From the line of the opening bracket to the line before the closing one (or the closing line itself when code precedes it there). */
  const bracketed = (s: Span, closed: boolean) => {
    const startLine = line(s.start);
    let endLine: number;
    if (closed) {
      const close = s.end - 1;
      endLine = startsLine(close) ? line(close) - 1 : line(close);
    } else {
      endLine = line(s.end);
    }
    if (endLine > startLine) out.push({ startLine, endLine });
  };

  walk(model.file.statements, {
    block: (b) => bracketed(b, b.closed),
    expression: (e) => {
      if (e.kind === 'array') bracketed(e, e.closed);
    },
  });

  // Runs of comment-only lines.
  let runStart = -1;
  let runEnd = -1;
  const flush = () => {
    if (runStart >= 0 && runEnd > runStart)
      out.push({ startLine: runStart, endLine: runEnd, kind: FoldingRangeKind.Comment });
    runStart = runEnd = -1;
  };
  for (const c of model.file.comments) {
    const l = line(c.start);
    if (!startsLine(c.start)) {
      flush();
      continue;
    }
    if (runStart >= 0 && l === runEnd + 1) runEnd = l;
    else {
      flush();
      runStart = runEnd = l;
    }
  }
  flush();
  out.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
  return out;
}
