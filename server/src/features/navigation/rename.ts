/**
 * Rename of user variables (`var.*`, written with or without the prefix) in one document. Each
 * occurrence keeps its spelling: `x` stays short, `var.x` keeps the prefix — unless the new name could
 * not be written short (it contains a '.', or is a reserved word), then `var.` is written out.
 */
import type { Position, Range, WorkspaceEdit } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentModel } from '../../analysis';
import { PREDEFINED_VARIABLES } from '../shared/locate';
import { nameAt, occurrences } from './references';

/** A rename that cannot be done; the message is meant for the user. */
export class RenameError extends Error {}

const RESERVED = new Set(['include', 'include_shell', 'global', 'else', 'elif', 'elsif', 'elseif', 'if']);

/** How an occurrence written as `written` spells the new full name `full` (`var.` kept or left out). */
export function respell(written: string, full: string): string {
  const base = full.slice(4);
  return written.startsWith('var.') || base.includes('.') || RESERVED.has(base) ? full : base;
}

function renamable(name: string): boolean {
  return name.startsWith('var.') && !(name in PREDEFINED_VARIABLES);
}

export function prepareRename(
  doc: TextDocument,
  model: DocumentModel,
  position: Position,
): { range: Range; placeholder: string } | null {
  const at = nameAt(model, doc.offsetAt(position));
  if (!at || !renamable(at.name)) return null;
  return {
    range: { start: doc.positionAt(at.span.start), end: doc.positionAt(at.span.end) },
    placeholder: doc.getText().slice(at.span.start, at.span.end),
  };
}

export function doRename(
  doc: TextDocument,
  model: DocumentModel,
  position: Position,
  newName: string,
): WorkspaceEdit | null {
  const at = nameAt(model, doc.offsetAt(position));
  if (!at) return null;
  if (!renamable(at.name)) throw new RenameError(`${at.name} is not a user variable: only var.* names can be renamed.`);
  const requested = newName.trim();
  const base = requested.startsWith('var.') ? requested.slice(4) : requested;
  if (!/^[A-Za-z_][A-Za-z0-9._-]*$/.test(base))
    throw new RenameError(
      `"${newName}" is not a valid variable name (letters, digits, '.', '_' and '-'; not starting with a digit).`,
    );
  const full = 'var.' + base;
  if (full === at.name) return { changes: { [doc.uri]: [] } };
  if (occurrences(model, full).length > 0 || full in PREDEFINED_VARIABLES)
    throw new RenameError(`${full} is already used in this file.`);
  const edits = occurrences(model, at.name).map((o) => ({
    range: { start: doc.positionAt(o.start), end: doc.positionAt(o.end) },
    newText: respell(o.written, full),
  }));
  return { changes: { [doc.uri]: edits } };
}
