/**
 * `--format text`: one line per diagnostic, `file:line:col: severity code message`, as compilers print
 * them (editors and CI log viewers turn these into links). Lines and columns are 1-based; columns count
 * UTF-16 code units like the editor does.
 */
import { codeOf, oneLine, severityName, type LintReport } from './report';

export function formatText(report: LintReport): string {
  const lines: string[] = [];
  for (const f of report.files) {
    for (const d of f.diagnostics) {
      const { line, character } = d.range.start;
      lines.push(
        `${f.file}:${line + 1}:${character + 1}: ${severityName(d.severity)} ${codeOf(d)} ${oneLine(d.message)}`,
      );
    }
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}
