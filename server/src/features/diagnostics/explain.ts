/**
 * What a rule is, for `lighttpd-lint explain CODE` and SARIF's rule help: one source, the rule table
 * (rules.ts: description, lighttpd's effect and the default severity it gives, group, the `help` line hover shows)
 * and the rule's example (ruleExamples.ts), checked here by the same diagnostics pipeline as any file, so the
 * message and the quick fixes shown are the real ones.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { analyze } from '../../analysis';
import type { Severity } from '../../parser/ast';
import { normalizePlatform } from '../shared/platform';
import { computeDiagnostics, type DiagnosticData } from './diagnostics';
import { NO_EXAMPLE, RULE_EXAMPLES, type RuleExample } from './ruleExamples';
import { EFFECT_TEXT, getRule, RULES, type Rule } from './rules';

/** The groups `explain` lists the rules in (and `--rules` accepts the security one). */
export function ruleSection(rule: Rule): string {
  if (rule.group === 'security') return 'Security (lighttpd-lint --rules security)';
  if (rule.code.startsWith('syntax-') || rule.code === 'file-too-large') return 'Syntax (how lighttpd reads the file)';
  if (rule.code.startsWith('upgrade-')) return 'Upgrade (with lighttpd.upgradeFrom / --upgrade-from)';
  if (rule.code.startsWith('lighttpd-')) return 'Reported by lighttpd itself (lighttpd -tt on save)';
  return 'Configuration (modules, directives, values, conditions, includes)';
}

/** What lighttpd does with what the rule finds (its effect, rules.ts), in words. */
export function ruleEffect(rule: Rule): string {
  return `What lighttpd does: ${EFFECT_TEXT[rule.effect]}`;
}

/** The default severity, with the reason when it is not the effect's (stricter by design, a checker note). */
function severityLine(rule: Rule): string {
  const optIn = rule.optIn ? ' (opt-in: reported only when its severity is set, or --rules names it or its group)' : '';
  return `Default severity: ${rule.severity}${rule.because ? ` (${rule.because})` : ''}${optIn}`;
}

export interface ExampleFinding {
  readonly line: number;
  readonly column: number;
  readonly severity: string;
  readonly message: string;
  readonly fixes: readonly { readonly title: string; readonly safe: boolean }[];
}

const SEVERITY_NAMES = ['', 'error', 'warning', 'information', 'hint'];

/** The findings of `code` in a rule example's config (or its fixed version): the real messages and fixes. */
export function checkExample(
  code: string,
  example: RuleExample,
  which: 'config' | 'fixed' = 'config',
): ExampleFinding[] {
  const text = example[which];
  const doc = TextDocument.create('file:///example/lighttpd.conf', 'lighttpd', 1, text);
  const s = example.settings ?? {};
  const rule = getRule(code);
  const severity: Record<string, Severity> = s.optIn && rule ? { [code]: rule.severity } : {};
  const platform = s.platform ? normalizePlatform(s.platform) : undefined;
  const ds: Diagnostic[] = computeDiagnostics(doc, analyze(text), {
    severity,
    ...(s.version ? { version: s.version } : {}),
    ...(platform ? { platform } : {}),
    ...(s.upgradeFrom ? { upgradeFrom: s.upgradeFrom } : {}),
  });
  return ds
    .filter((d) => d.code === code)
    .map((d) => ({
      line: d.range.start.line + 1,
      column: d.range.start.character + 1,
      severity: SEVERITY_NAMES[d.severity ?? 1],
      message: d.message,
      fixes: ((d.data as DiagnosticData | undefined)?.fixes ?? []).map((f) => ({ title: f.title, safe: !!f.safe })),
    }));
}

function settingsLine(example: RuleExample): string | undefined {
  const s = example.settings ?? {};
  const parts = [
    s.version && `--lighttpd-version ${s.version}`,
    s.platform && `--platform ${s.platform}`,
    s.upgradeFrom && `--upgrade-from ${s.upgradeFrom}`,
  ].filter(Boolean);
  return parts.length ? `(checked with ${parts.join(' ')})` : undefined;
}

const numbered = (text: string) =>
  text
    .replace(/\n$/, '')
    .split('\n')
    .map((l, i) => `  ${String(i + 1).padStart(2)} | ${l}`)
    .join('\n');

/** How to silence a code: comments, the setting, the command line. */
function silencing(code: string): string[] {
  return [
    `  one line:     # lighttpd-ignore-next-line ${code}   (on the line before)`,
    `  one file:     # lighttpd-ignore-file ${code}`,
    `  editor:       "lighttpd.diagnostics.severity": { "${code}": "off" }   (or another level)`,
    `  command line: lighttpd-lint --severity ${code}=off`,
  ];
}

/** The static help of a rule (SARIF `help`): what it finds, why, the example and its fix, severity, silencing. */
export function ruleHelpText(code: string): string | undefined {
  const rule = getRule(code);
  if (!rule) return undefined;
  const out = [`${rule.code} (default ${rule.severity}${rule.optIn ? ', opt-in' : ''}): ${rule.description}`];
  out.push(ruleEffect(rule));
  if (rule.because) out.push(`Severity: ${rule.because}`);
  if (rule.help) out.push(`Why it matters: ${rule.help}`);
  const ex = RULE_EXAMPLES[code];
  if (ex) {
    out.push('Example:', numbered(ex.config), 'Fixed:', numbered(ex.fixed));
    const s = settingsLine(ex);
    if (s) out.push(s);
  } else if (NO_EXAMPLE[code]) out.push(`Example: ${NO_EXAMPLE[code]}`);
  out.push('Silence it:', ...silencing(code));
  return out.join('\n');
}

/** `lighttpd-lint explain CODE`: the static help plus the example's real findings and quick fixes. */
export function explainRule(code: string): string | undefined {
  const rule = getRule(code);
  if (!rule) return undefined;
  const out: string[] = [`${rule.code}`, ''];
  out.push(`What it finds: ${rule.description}`, ruleEffect(rule));
  if (rule.help) out.push(`Why it matters: ${rule.help}`);
  out.push(severityLine(rule));
  out.push(`Group: ${ruleSection(rule)}`);
  const ex = RULE_EXAMPLES[code];
  if (ex) {
    out.push('', `Example${settingsLine(ex) ? ` ${settingsLine(ex)}` : ''}:`, numbered(ex.config));
    for (const f of checkExample(code, ex)) {
      out.push(`  -> ${f.line}:${f.column}: ${f.severity} ${code} ${f.message.replace(/\s*\n\s*/g, ' ')}`);
      for (const fix of f.fixes)
        out.push(`     quick fix: ${fix.title}${fix.safe ? '  (safe: lighttpd-lint --fix applies it)' : ''}`);
    }
    out.push('', 'Fixed:', numbered(ex.fixed));
  } else if (NO_EXAMPLE[code]) {
    out.push('', `Example: ${NO_EXAMPLE[code]}`);
  }
  out.push('', 'Silence it:', ...silencing(code));
  return out.join('\n') + '\n';
}

/** `lighttpd-lint explain`: every code by group, with its default severity and description. */
export function listRules(): string {
  const sections = new Map<string, Rule[]>();
  for (const r of RULES) {
    const s = ruleSection(r);
    sections.set(s, [...(sections.get(s) ?? []), r]);
  }
  const width = Math.max(...RULES.map((r) => r.code.length));
  const out: string[] = [];
  for (const [section, rules] of sections) {
    out.push(`${section}:`);
    for (const r of rules) out.push(`  ${r.code.padEnd(width)}  ${r.severity.padEnd(11)}  ${r.description}`);
    out.push('');
  }
  out.push('lighttpd-lint explain CODE shows what a rule finds, why, an example and its fix, and how to silence it.');
  return out.join('\n') + '\n';
}
