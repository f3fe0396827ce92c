/**
 * The language service: the one entry the language server (and later the CLI) uses. It owns the
 * per-document model cache (keyed by URI and version, so no feature ever re-parses) and delegates each
 * request to a pure feature function. Nothing here knows about the LSP connection.
 */
import type { CodeAction, CodeActionContext, Diagnostic, Range } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, type DocumentModel } from './analysis';
import { computeCodeActions } from './features/codeActions';
import { computeDiagnostics, type DiagnosticsOptions } from './features/diagnostics';

export interface LanguageSettings {
  readonly diagnostics?: DiagnosticsOptions;
}

export interface LanguageService {
  /** The analysed model of a document version (cached). */
  getModel(doc: TextDocument): DocumentModel;
  /** Drops cached data of a closed document. */
  forget(uri: string): void;
  doValidation(doc: TextDocument, settings?: LanguageSettings): Diagnostic[];
  doCodeActions(doc: TextDocument, range: Range, context: CodeActionContext): CodeAction[];
}

export function getLanguageService(): LanguageService {
  const cache = new Map<string, { version: number; model: DocumentModel }>();
  const getModel = (doc: TextDocument): DocumentModel => {
    const hit = cache.get(doc.uri);
    if (hit && hit.version === doc.version) return hit.model;
    const model = analyze(doc.getText());
    cache.set(doc.uri, { version: doc.version, model });
    return model;
  };
  return {
    getModel,
    forget: (uri) => void cache.delete(uri),
    doValidation: (doc, settings = {}) => computeDiagnostics(doc, getModel(doc), settings.diagnostics),
    doCodeActions: (doc, range, context) => computeCodeActions(doc, getModel(doc), range, context),
  };
}
