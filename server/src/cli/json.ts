/**
 * `--format json`: a stable machine-readable shape. Positions are 1-based (line, column) with an
 * exclusive end, columns in UTF-16 code units.
 */
import { codeOf, countDiagnostics, oneLine, severityName, type LintReport } from './report';

export interface JsonDiagnostic {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly severity: string;
  readonly code: string;
  readonly message: string;
  readonly source?: string;
}

export interface JsonOutput {
  readonly files: { readonly file: string; readonly diagnostics: JsonDiagnostic[] }[];
  readonly errors: { readonly file: string; readonly message: string }[];
  readonly summary: {
    readonly errors: number;
    readonly warnings: number;
    readonly infos: number;
    readonly hints: number;
  };
}

export function toJson(report: LintReport): JsonOutput {
  return {
    files: report.files.map((f) => ({
      file: f.file,
      diagnostics: f.diagnostics.map((d) => ({
        line: d.range.start.line + 1,
        column: d.range.start.character + 1,
        endLine: d.range.end.line + 1,
        endColumn: d.range.end.character + 1,
        severity: severityName(d.severity),
        code: codeOf(d),
        message: oneLine(d.message),
        ...(d.source ? { source: d.source } : {}),
      })),
    })),
    errors: report.inputErrors.map((e) => ({ file: e.file, message: e.message })),
    summary: countDiagnostics(report),
  };
}

export function formatJson(report: LintReport): string {
  return JSON.stringify(toJson(report), null, 2) + '\n';
}
