/**
 * `--format github`: GitHub Actions workflow commands, one per diagnostic
 * (`::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=CODE::message`), which the runner turns into
 * annotations on the pull request's lines with no upload step. error -> `error`, warning -> `warning`,
 * information and hint -> `notice`. Paths are relative to the repository (GITHUB_WORKSPACE, else the working
 * directory); a file outside it keeps its absolute path, standard input gets no `file`.
 */
import { codeOf, oneLine, repoPath, severityName, type LintReport } from './report';

/** Escapes a command's message (GitHub's toolkit: %, CR, LF). */
function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a property value: also ':' and ','. */
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const COMMAND = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' } as const;

export function formatGithub(report: LintReport, repoRoot: string): string {
  const lines: string[] = [];
  for (const f of report.files) {
    const file = f.absolutePath ? repoPath(f.absolutePath, repoRoot) : undefined;
    for (const d of f.diagnostics) {
      const { start, end } = d.range;
      const props = [
        ...(file !== undefined ? [`file=${escapeProperty(file)}`] : []),
        `line=${start.line + 1}`,
        `col=${start.character + 1}`,
        `endLine=${end.line + 1}`,
        `endColumn=${end.character + 1}`,
        `title=${escapeProperty(codeOf(d))}`,
      ];
      lines.push(`::${COMMAND[severityName(d.severity)]} ${props.join(',')}::${escapeData(oneLine(d.message))}`);
    }
  }
  for (const e of report.inputErrors)
    lines.push(`::error title=lighttpd-lint::${escapeData(`${e.file}: ${e.message}`)}`);
  return lines.length ? lines.join('\n') + '\n' : '';
}
