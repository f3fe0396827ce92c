/**
 * `--format sarif`: SARIF 2.1.0 (OASIS), the format GitHub code scanning and other CI dashboards ingest.
 * One run; the driver lists every rule of features/diagnostics/rules.ts with its default level; files under the
 * working directory are given relative to %SRCROOT% so that code scanning can map them to the repository.
 */
import { pathToUri } from '../uri';
import { relative, sep, isAbsolute } from 'node:path';
import { RULES } from '../features/diagnostics/rules';
import type { Diagnostic } from 'vscode-languageserver-types';
import { ruleHelpText } from '../features/diagnostics/explain';
import { codeOf, oneLine, severityName, type LintReport } from './report';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

type SarifLevel = 'error' | 'warning' | 'note' | 'none';

function level(s: string): SarifLevel {
  return s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'note';
}

export interface SarifOptions {
  readonly toolVersion: string;
  /** Directory that relative artifact URIs are resolved against (%SRCROOT%). */
  readonly cwd: string;
}

function artifactLocation(file: string, absolutePath: string | undefined, cwd: string): Record<string, string> {
  if (!absolutePath) return { uri: 'stdin' };
  const rel = relative(cwd, absolutePath);
  if (rel && !rel.startsWith('..') && !isAbsolute(rel)) {
    return { uri: rel.split(sep).map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
  }
  void file;
  return { uri: pathToUri(absolutePath) };
}

/** A result's properties: the security score of its rule, and the advisory a known-vulnerability finding links. */
function resultProperties(rule: (typeof RULES)[number] | undefined, d: Diagnostic): Record<string, unknown> {
  const advisory = (d.data as { advisory?: unknown } | undefined)?.advisory;
  const props: Record<string, unknown> = {
    ...(rule?.securitySeverity !== undefined
      ? { tags: ['security'], 'security-severity': rule.securitySeverity.toFixed(1) }
      : {}),
    ...(typeof advisory === 'string' && d.codeDescription?.href
      ? { advisory, advisoryUri: d.codeDescription.href }
      : {}),
  };
  return Object.keys(props).length ? { properties: props } : {};
}

export function toSarif(report: LintReport, options: SarifOptions): Record<string, unknown> {
  const ruleIds = RULES.map((r) => r.code);
  const rules = RULES.map((r) => ({
    id: r.code,
    name: r.code,
    shortDescription: { text: r.description },
    ...(r.help ? { fullDescription: { text: r.help } } : {}),
    // the text of lighttpd-lint explain CODE without the example's live findings (features/diagnostics/explain.ts)
    help: { text: ruleHelpText(r.code) ?? r.description },
    defaultConfiguration: { level: level(r.severity === 'information' ? 'info' : r.severity) },
    // GitHub code scanning shows rules with a security-severity as security alerts (critical/high/medium/low).
    ...(r.securitySeverity !== undefined
      ? { properties: { tags: ['security'], 'security-severity': r.securitySeverity.toFixed(1) } }
      : {}),
  }));
  const extraRules: string[] = [];
  const results: Record<string, unknown>[] = [];
  for (const f of report.files) {
    const location = artifactLocation(f.file, f.absolutePath, options.cwd);
    for (const d of f.diagnostics) {
      const code = codeOf(d);
      let ruleIndex = ruleIds.indexOf(code);
      if (ruleIndex < 0) {
        // A code outside the table (e.g. from a newer rule set): still a valid, self-describing result.
        if (!extraRules.includes(code)) extraRules.push(code);
        ruleIndex = ruleIds.length + extraRules.indexOf(code);
      }
      const rule = RULES[ruleIndex];
      results.push({
        ruleId: code,
        ruleIndex,
        level: level(severityName(d.severity)),
        message: { text: oneLine(d.message) },
        // (the rule at ruleIndex carries the help text; the score is repeated for tools that read results only;
        // known-vulnerability adds the advisory the finding is about and its link)
        ...resultProperties(rule, d),
        locations: [
          {
            physicalLocation: {
              artifactLocation: location,
              region: {
                startLine: d.range.start.line + 1,
                startColumn: d.range.start.character + 1,
                endLine: d.range.end.line + 1,
                endColumn: d.range.end.character + 1,
              },
            },
          },
        ],
      });
    }
  }
  const cwdUri = pathToUri(options.cwd.endsWith(sep) ? options.cwd : options.cwd + sep);
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'lighttpd-lint',
            version: options.toolVersion,
            rules: [...rules, ...extraRules.map((id) => ({ id, name: id, shortDescription: { text: id } }))],
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: cwdUri } },
        invocations: [
          {
            executionSuccessful: report.inputErrors.length === 0,
            toolExecutionNotifications: report.inputErrors.map((e) => ({
              level: 'error',
              message: { text: `${e.file}: ${e.message}` },
            })),
          },
        ],
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

export function formatSarif(report: LintReport, options: SarifOptions): string {
  return JSON.stringify(toSarif(report, options), null, 2) + '\n';
}
