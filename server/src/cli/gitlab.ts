/**
 * `--format gitlab`: a GitLab Code Quality report (the Code Climate issue subset GitLab reads:
 * `artifacts: reports: codequality`), shown in the merge request's widget and diff. Paths are relative to the
 * repository (CI_PROJECT_DIR, else the working directory). A fingerprint identifies an issue across runs, so
 * GitLab can tell new problems from fixed ones: it is made of the path, the code, the text of the flagged line
 * (not its number: lines added above do not change it) and the issue's rank among the same code on identical
 * lines of that file.
 */
import { createHash } from 'node:crypto';
import { getRule } from '../features/diagnostics/rules';
import { codeOf, oneLine, repoPath, severityName, type LintReport, type SeverityName } from './report';

export interface CodeQualityIssue {
  readonly type: 'issue';
  readonly check_name: string;
  readonly description: string;
  readonly categories: readonly string[];
  readonly severity: 'info' | 'minor' | 'major' | 'critical' | 'blocker';
  readonly fingerprint: string;
  readonly location: { readonly path: string; readonly lines: { readonly begin: number; readonly end: number } };
}

const SEVERITY: Record<SeverityName, CodeQualityIssue['severity']> = {
  error: 'critical',
  warning: 'major',
  info: 'minor',
  hint: 'info',
};

/** Code Climate's category: security rules, version and upgrade rules, and the rest (problems). */
function categoryOf(code: string): string {
  if (getRule(code)?.group === 'security') return 'Security';
  if (/^(upgrade-|removed-|deprecated-|newer-than-target$|platform-)/.test(code)) return 'Compatibility';
  return 'Bug Risk';
}

export function toGitlab(report: LintReport, repoRoot: string): CodeQualityIssue[] {
  const issues: CodeQualityIssue[] = [];
  for (const f of report.files) {
    const path = f.absolutePath ? repoPath(f.absolutePath, repoRoot) : f.file;
    const lines = f.text?.split(/\r\n|\r|\n/);
    const rank = new Map<string, number>();
    for (const d of f.diagnostics) {
      const code = codeOf(d);
      const lineText = (lines?.[d.range.start.line] ?? '').trim();
      const key = `${code}\u0000${lineText}`;
      const n = rank.get(key) ?? 0;
      rank.set(key, n + 1);
      const fingerprint = createHash('sha256').update(`${path}\u0000${key}\u0000${n}`).digest('hex');
      issues.push({
        type: 'issue',
        check_name: code,
        description: `${code}: ${oneLine(d.message)}`,
        categories: [categoryOf(code)],
        severity: SEVERITY[severityName(d.severity)],
        fingerprint,
        location: { path, lines: { begin: d.range.start.line + 1, end: d.range.end.line + 1 } },
      });
    }
  }
  return issues;
}

export function formatGitlab(report: LintReport, repoRoot: string): string {
  return JSON.stringify(toGitlab(report, repoRoot), null, 2) + '\n';
}
