/**
 * Cursor-marker inputs for feature tests (the vscode-css-languageservice style): `|` in the text marks the
 * cursor; it is removed before the text is analysed.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range } from 'vscode-languageserver-types';
import { analyze, type DocumentModel } from '../../server/src/analysis';

export interface Fixture {
  readonly text: string;
  readonly offset: number;
  readonly doc: TextDocument;
  readonly model: DocumentModel;
  readonly position: Position;
}

export function docOf(text: string, uri = 'file:///test/lighttpd.conf'): { doc: TextDocument; model: DocumentModel } {
  const doc = TextDocument.create(uri, 'lighttpd', 1, text);
  return { doc, model: analyze(text) };
}

/** Splits `a = |1` into the text without the marker and the marker's offset. */
export function withCursor(src: string, marker = '|', uri?: string): Fixture {
  const offset = src.indexOf(marker);
  if (offset < 0) throw new Error(`no cursor marker ${marker} in ${JSON.stringify(src)}`);
  const text = src.slice(0, offset) + src.slice(offset + marker.length);
  const { doc, model } = docOf(text, uri);
  return { text, offset, doc, model, position: doc.positionAt(offset) };
}

/** The text a range covers. */
export function textAt(doc: TextDocument, r: Range): string {
  return doc.getText().slice(doc.offsetAt(r.start), doc.offsetAt(r.end));
}

/** Applies text edits (non-overlapping) to a document's text. */
export function applyEdits(doc: TextDocument, edits: readonly { range: Range; newText: string }[]): string {
  return TextDocument.applyEdits(doc, [...edits]);
}
