/**
 * The CLI's view of a lint run: one entry per input with its diagnostics (LSP shapes, from the language
 * service) and the text they refer to. Formatters (text.ts, json.ts, sarif.ts) render it.
 */
import { isAbsolute, relative, sep } from 'node:path';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';

export interface FileReport {
  /** The path as given on the command line (`-` is shown as `<stdin>`). */
  readonly file: string;
  /** Absolute path, absent for stdin. */
  readonly absolutePath?: string;
  readonly diagnostics: readonly Diagnostic[];
  /** The text checked (for fingerprints of the lines flagged), when known. */
  readonly text?: string;
}

/** A file that could not be read; reported on stderr and in the JSON/SARIF output. */
export interface InputError {
  readonly file: string;
  readonly message: string;
}

export interface LintReport {
  readonly files: readonly FileReport[];
  readonly inputErrors: readonly InputError[];
}

export type SeverityName = 'error' | 'warning' | 'info' | 'hint';

export function severityName(s: DiagnosticSeverity | undefined): SeverityName {
  switch (s) {
    case DiagnosticSeverity.Warning:
      return 'warning';
    case DiagnosticSeverity.Information:
      return 'info';
    case DiagnosticSeverity.Hint:
      return 'hint';
    default:
      return 'error'; // LSP: an absent severity is the client's choice; we treat it as error
  }
}

export interface Counts {
  errors: number;
  warnings: number;
  infos: number;
  hints: number;
}

export function countDiagnostics(report: LintReport): Counts {
  const c: Counts = { errors: 0, warnings: 0, infos: 0, hints: 0 };
  for (const f of report.files) {
    for (const d of f.diagnostics) {
      switch (severityName(d.severity)) {
        case 'error':
          c.errors++;
          break;
        case 'warning':
          c.warnings++;
          break;
        case 'info':
          c.infos++;
          break;
        case 'hint':
          c.hints++;
          break;
      }
    }
  }
  return c;
}

/** Messages are one line in every output format. */
export function oneLine(message: string): string {
  return message.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

export function codeOf(d: Diagnostic): string {
  return d.code === undefined ? 'unknown' : String(d.code);
}

/**
 * A file's path for CI annotations: relative to the repository root with '/' separators when it lies under
 * it, else absolute.
 */
export function repoPath(absolutePath: string, repoRoot: string): string {
  const rel = relative(repoRoot, absolutePath);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split(sep).join('/') : absolutePath;
}
