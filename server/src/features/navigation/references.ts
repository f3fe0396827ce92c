/**
 * Find references (single document): every place a key is set (assignment keys) and read (values), for
 * `var.*` variables and for any other key read as a value (`server.port` used in `server.port + 1`).
 * `x` and `var.x` are the same name.
 */
import type { Location, Position } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentModel } from '../../analysis';
import type { Span } from '../../parser/ast';
import { pathAt, walk } from '../shared/locate';

export interface NameOccurrence extends Span {
  /** True for an assignment key, false for a read. */
  readonly write: boolean;
  /** As written (`x` or `var.x`). */
  readonly written: string;
}

/** The full name (with `var.` applied) of the key or variable at an offset. */
export function nameAt(model: DocumentModel, offset: number): { name: string; span: Span } | undefined {
  const path = pathAt(model.file.statements, offset);
  const last = path[path.length - 1];
  if (last?.type === 'key') return { name: last.node.fullName, span: last.node };
  if (last?.type === 'expression' && last.node.kind === 'variable')
    return { name: last.node.fullName, span: last.node };
  return undefined;
}

/** Every place `name` is set or read in a file (only its tree is needed). */
export function occurrences(model: Pick<DocumentModel, 'file'>, name: string): NameOccurrence[] {
  const out: NameOccurrence[] = [];
  walk(model.file.statements, {
    assignment: (a) => {
      if (a.key.fullName === name) out.push({ start: a.key.start, end: a.key.end, write: true, written: a.key.name });
    },
    variable: (v) => {
      if (v.fullName === name) out.push({ start: v.start, end: v.end, write: false, written: v.name });
    },
  });
  return out.sort((a, b) => a.start - b.start);
}

export function findReferences(
  doc: TextDocument,
  model: DocumentModel,
  position: Position,
  includeDeclaration = true,
): Location[] {
  const at = nameAt(model, doc.offsetAt(position));
  if (!at) return [];
  return occurrences(model, at.name)
    .filter((o) => includeDeclaration || !o.write)
    .map((o) => ({ uri: doc.uri, range: { start: doc.positionAt(o.start), end: doc.positionAt(o.end) } }));
}
