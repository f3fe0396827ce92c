/**
 * Navigation across the files of one configuration (a main config and everything it includes, as the
 * multi-file analysis evaluated it): go to a definition in another file, references and renames in every
 * file. The single-document features (definition.ts, references.ts, rename.ts) do the work inside a file;
 * this adds the other files.
 */
import type { Location, Position, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentModel, EvaluatedAssignment, Scope } from '../../analysis';
import type { ConfigFile } from '../../parser/ast';
import { scopeAt } from '../shared/locate';
import { nameAt, occurrences } from './references';
import { doRename, RenameError, respell } from './rename';

/** Another file of the configuration: its URI, its text (for positions) and its tree. */
export interface RelatedFile {
  readonly path: string;
  readonly uri: string;
  readonly doc: TextDocument;
  readonly file: ConfigFile;
}

function onChain(scope: Scope, candidate: Scope): boolean {
  for (let s: Scope | undefined = scope; s; s = s.parent) if (s === candidate) return true;
  return false;
}

/**
 * Where a variable read in this document was set, when that is in another file: the last assignment
 * before the read, in evaluation order, in the read's block or an enclosing one (plus the `+=` it extends).
 */
export function findDefinitionAcross(
  doc: TextDocument,
  model: DocumentModel,
  position: Position,
  related: (path: string) => RelatedFile | undefined,
): Location[] {
  const full = model.full;
  if (!full || !model.path) return [];
  const offset = doc.offsetAt(position);
  const at = nameAt(model, offset);
  if (!at) return [];
  const scope = scopeAt(model, at.span.start);
  // The read's place in evaluation order: before the first assignment of this file that comes after it.
  let limit = full.assignments.findIndex((a) => a.path === model.path && a.node.start >= at.span.start);
  if (limit < 0) {
    const lastOwn = full.assignments.map((a) => a.path).lastIndexOf(model.path);
    limit = lastOwn < 0 ? full.assignments.length : lastOwn + 1;
  }
  const chain: EvaluatedAssignment[] = [];
  for (let i = limit - 1; i >= 0; i--) {
    const a = full.assignments[i];
    if (a.node.key.fullName !== at.name || !onChain(scope, a.scope) || a.node === undefined) continue;
    chain.unshift(a);
    if (a.node.operator?.text !== '+=') break;
  }
  const out: Location[] = [];
  for (const a of chain) {
    if (a.path === model.path) {
      out.push({
        uri: doc.uri,
        range: { start: doc.positionAt(a.node.key.start), end: doc.positionAt(a.node.key.end) },
      });
      continue;
    }
    const f = related(a.path);
    if (f)
      out.push({
        uri: f.uri,
        range: { start: f.doc.positionAt(a.node.key.start), end: f.doc.positionAt(a.node.key.end) },
      });
  }
  return out;
}

/** Occurrences of the name at `position` in the other files of the configuration. */
export function findReferencesAcross(
  doc: TextDocument,
  model: DocumentModel,
  position: Position,
  includeDeclaration: boolean,
  files: readonly RelatedFile[],
): Location[] {
  const at = nameAt(model, doc.offsetAt(position));
  if (!at) return [];
  const out: Location[] = [];
  for (const f of files) {
    for (const o of occurrences(f, at.name)) {
      if (!includeDeclaration && o.write) continue;
      out.push({ uri: f.uri, range: { start: f.doc.positionAt(o.start), end: f.doc.positionAt(o.end) } });
    }
  }
  return out;
}

/** A rename in this document (rename.ts rules) extended to every other file of the configuration. */
export function doRenameAcross(
  doc: TextDocument,
  model: DocumentModel,
  position: Position,
  newName: string,
  files: readonly RelatedFile[],
): WorkspaceEdit | null {
  const local = doRename(doc, model, position, newName);
  if (!local?.changes) return local;
  const at = nameAt(model, doc.offsetAt(position));
  if (!at) return local;
  const requested = newName.trim();
  const full = requested.startsWith('var.') ? requested : 'var.' + requested;
  if (full === at.name) return local;
  const changes: Record<string, TextEdit[]> = { ...local.changes };
  for (const f of files) {
    if (occurrences(f, full).length > 0) throw new RenameError(`${full} is already used in ${f.path}.`);
    const edits = occurrences(f, at.name).map((o) => ({
      range: { start: f.doc.positionAt(o.start), end: f.doc.positionAt(o.end) },
      newText: respell(o.written, full),
    }));
    if (edits.length) changes[f.uri] = edits;
  }
  return { changes };
}
