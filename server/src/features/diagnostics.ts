/**
 * All diagnostics of a document: syntax problems, evaluation problems and rule checks, each with its
 * stable code (features/rules.ts) and exact range.
 */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentModel } from '../analysis';
import type { Severity } from '../parser/ast';
import { findModulesNotLoaded, moduleNotLoadedMessage } from './moduleNotLoaded';
import { getRule } from './rules';

export const DIAGNOSTIC_SOURCE = 'lighttpd-conf';

export interface DiagnosticsOptions {
  /** Per-code severity overrides; 'off' drops the code. */
  readonly severity?: Readonly<Record<string, Severity | 'off'>>;
}

/** Data attached to `module-not-loaded` diagnostics for the quick fix. */
export interface ModuleNotLoadedData {
  readonly module: string;
  readonly key: string;
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function computeDiagnostics(doc: TextDocument, model: DocumentModel, options: DiagnosticsOptions = {}): Diagnostic[] {
  const out: Diagnostic[] = [];
  const add = (code: string, start: number, end: number, message: string, fallback: Severity, data?: unknown) => {
    const level = options.severity?.[code] ?? getRule(code)?.severity ?? fallback;
    if (level === 'off') return;
    const d: Diagnostic = {
      range: { start: doc.positionAt(start), end: doc.positionAt(Math.max(start, end)) },
      severity: SEVERITY[level],
      code,
      source: DIAGNOSTIC_SOURCE,
      message,
    };
    if (data !== undefined) d.data = data;
    out.push(d);
  };
  for (const p of model.file.problems) add(p.code, p.start, p.end, p.message, p.severity);
  for (const p of model.evaluation.problems) add(p.code, p.start, p.end, p.message, 'error');
  for (const m of findModulesNotLoaded(model)) {
    const data: ModuleNotLoadedData = { module: m.module, key: m.key };
    add('module-not-loaded', m.start, m.end, moduleNotLoadedMessage(m.key, m.module), 'error', data);
  }
  return out;
}
