/**
 * "What changes when lighttpd goes from A to B", as a document: every upgrade-* finding (and every key or
 * module the newer release removed) of the configuration, each with where it applies (a link to the line)
 * and its fixes (the quick fixes the finding carries). Pure: the findings come from the configuration's
 * check with `upgradeFrom` = A and `version` = B (service.validateConfiguration).
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import type { DiagnosticData } from '../diagnostics/diagnostics';

export interface ReportFile {
  readonly path: string;
  readonly uri: string;
  readonly diagnostics: readonly Diagnostic[];
}

/** The codes a report lists: what the upgrade changes. */
export const isUpgradeCode = (code: unknown): boolean =>
  typeof code === 'string' &&
  (code.startsWith('upgrade-') || code === 'removed-directive' || code === 'removed-module');

export interface UpgradeReport {
  /** Markdown. */
  readonly text: string;
  /** How many changes it lists. */
  readonly changes: number;
}

/** `relative` names a file for the reader (e.g. relative to the main config's folder). */
export function upgradeReport(
  from: string,
  to: string,
  roots: readonly { readonly root: string; readonly files: readonly ReportFile[] }[],
  relative: (path: string) => string = (p) => p,
): UpgradeReport {
  const seen = new Set<string>();
  const rows: string[] = [];
  for (const { files } of roots) {
    for (const f of files) {
      const ds = f.diagnostics
        .filter((d) => isUpgradeCode(d.code))
        .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
      for (const d of ds) {
        const key = `${f.path}:${d.range.start.line}:${d.range.start.character}:${String(d.code)}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const line = d.range.start.line + 1;
        const fixes = ((d.data as DiagnosticData | undefined)?.fixes ?? []).map((x) => x.title);
        rows.push(
          `## \`${String(d.code)}\` — [${relative(f.path)}:${line}](${f.uri}#L${line})`,
          '',
          d.message,
          '',
          fixes.length
            ? `Fixes (light bulb on that line): ${fixes.map((t) => `*${t}*`).join('; ')}.`
            : 'No automatic fix.',
          '',
        );
      }
    }
  }
  const head = [
    `# lighttpd ${from} → ${to}: what changes for this configuration`,
    '',
    rows.length
      ? `${seen.size} change${seen.size === 1 ? '' : 's'} apply (each is also an \`upgrade-*\` problem on its line while \`lighttpd.upgradeFrom\` is set).`
      : `Nothing in this configuration changes behaviour between ${from} and ${to}.`,
    '',
    `Main configuration${roots.length === 1 ? '' : 's'}: ${roots.map((r) => relative(r.root)).join(', ') || '(none)'}.`,
    'To stop the check: **lighttpd: Stop Checking the Upgrade** (clears `lighttpd.upgradeFrom`).',
    '',
  ];
  return { text: [...head, ...rows].join('\n'), changes: seen.size };
}
