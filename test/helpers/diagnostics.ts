/** Helpers for tests of the semantic checks: diagnostics of a text as `[code, covered text]` pairs. */
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze } from '../../server/src/analysis';
import { computeCodeActions } from '../../server/src/features/codeActions/codeActions';
import { computeDiagnostics, type DiagnosticsOptions } from '../../server/src/features/diagnostics/diagnostics';

export function docOf(text: string): TextDocument {
  return TextDocument.create('file:///test/lighttpd.conf', 'lighttpd', 1, text);
}

export function diagnosticsOf(text: string, options: DiagnosticsOptions = {}): Diagnostic[] {
  const doc = docOf(text);
  return computeDiagnostics(doc, analyze(text), options);
}

/** `[code, covered text]` for every diagnostic whose code is in `codes` (all when omitted). */
export function found(text: string, codes?: readonly string[], options: DiagnosticsOptions = {}): [string, string][] {
  const doc = docOf(text);
  return diagnosticsOf(text, options)
    .filter((d) => !codes || codes.includes(String(d.code)))
    .map((d) => [String(d.code), text.slice(doc.offsetAt(d.range.start), doc.offsetAt(d.range.end))]);
}

/** Severity name of each diagnostic with the given code. */
export function severities(text: string, code: string, options: DiagnosticsOptions = {}): string[] {
  const names = ['', 'error', 'warning', 'information', 'hint'];
  return diagnosticsOf(text, options)
    .filter((d) => d.code === code)
    .map((d) => names[d.severity ?? 0]);
}

/** Quick fixes offered for the diagnostics with `code`, as [title, text after applying the fix]. */
export function quickFixes(text: string, code: string, options: DiagnosticsOptions = {}): [string, string][] {
  const doc = docOf(text);
  const diagnostics = computeDiagnostics(doc, analyze(text), options).filter((d) => d.code === code);
  const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const actions: CodeAction[] = computeCodeActions(doc, analyze(text), range, { diagnostics });
  return actions.map((a) => [a.title, TextDocument.applyEdits(doc, a.edit?.changes?.[doc.uri] ?? [])]);
}
