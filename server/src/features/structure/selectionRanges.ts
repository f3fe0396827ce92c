/**
 * Selection ranges (expand / shrink selection): from the word or string content under the cursor out to
 * the value, list element, list, statement, block content, condition branch, condition chain and file.
 */
import type { Position, SelectionRange } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentModel } from '../../analysis';
import type { Span } from '../../parser/ast';
import { pathAt } from '../shared/locate';

export function getSelectionRanges(
  doc: TextDocument,
  model: DocumentModel,
  positions: readonly Position[],
): SelectionRange[] {
  const text = doc.getText();
  return positions.map((p) => {
    const offset = doc.offsetAt(p);
    const spans: Span[] = [{ start: 0, end: text.length }];
    for (const e of pathAt(model.file.statements, offset)) {
      if (e.type === 'block') {
        // The block, then its content without the braces.
        spans.push(e.node);
        const innerEnd = e.node.closed ? e.node.end - 1 : e.node.end;
        const inner = trim(text, e.node.start + 1, innerEnd);
        if (inner.start <= offset && offset <= inner.end) spans.push(inner);
        continue;
      }
      spans.push(e.node);
      if (e.type === 'expression' && e.node.kind === 'array') {
        const innerEnd = e.node.closed ? e.node.end - 1 : e.node.end;
        const inner = trim(text, e.node.start + 1, innerEnd);
        if (inner.start <= offset && offset <= inner.end && inner.end > inner.start) spans.push(inner);
      }
      if (e.type === 'expression' && e.node.kind === 'string' && e.node.end - e.node.start >= 2) {
        const inner = { start: e.node.start + 1, end: e.node.terminated ? e.node.end - 1 : e.node.end };
        if (inner.start <= offset && offset <= inner.end) spans.push(inner);
      }
    }
    // Keep only properly nested, distinct spans that contain the cursor.
    const chain: Span[] = [];
    for (const s of spans) {
      if (s.start > offset || s.end < offset) continue;
      const parent = chain[chain.length - 1];
      if (parent) {
        if (s.start < parent.start || s.end > parent.end) continue;
        if (s.start === parent.start && s.end === parent.end) continue;
      }
      chain.push(s);
    }
    let result: SelectionRange | undefined;
    for (const s of chain) {
      const r: SelectionRange = { range: { start: doc.positionAt(s.start), end: doc.positionAt(s.end) } };
      if (result) r.parent = result;
      result = r;
    }
    return result ?? { range: { start: p, end: p } };
  });
}

function trim(text: string, start: number, end: number): Span {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s])) s++;
  while (e > s && /\s/.test(text[e - 1])) e--;
  return { start: s, end: e };
}
