/**
 * All diagnostics of a document: the parser's and the evaluator's problems, then the findings of the
 * checks (features/checks/, module-not-loaded included), each with its stable code
 * (features/diagnostics/rules.ts) and exact range. A finding's quick fixes travel with it in the
 * diagnostic's data (DiagnosticData), ready for code actions to offer.
 */
import {
  DiagnosticSeverity,
  DiagnosticTag,
  type Diagnostic,
  type DiagnosticRelatedInformation,
  type TextEdit,
} from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentModel, RelatedSpan } from '../../analysis';
import type { Severity } from '../../parser/ast';
import { getRule } from './rules';
import type { Platform } from '../shared/platform';
import { runChecks, runChecksIncrementally, type CheckMemo } from '../checks';
import { isSuppressed, parseSuppressions } from './suppression';

export const DIAGNOSTIC_SOURCE = 'lighttpd-conf';

export interface DiagnosticsOptions {
  /** Per-code severity overrides; 'off' drops the code. */
  readonly severity?: Readonly<Record<string, Severity | 'off'>>;
  /** Target lighttpd version, e.g. "1.4.69" (default: the newest known release). */
  readonly version?: string;
  /** Target platform, e.g. "freebsd" (default: linux). */
  readonly platform?: Platform;
  /** Where a related span (in any file) is, for relatedInformation; without it none is given. */
  readonly locate?: (span: RelatedSpan) => DiagnosticRelatedInformation | undefined;
  /** The version the configuration runs on before upgrading to `version` (rules upgrade-*). */
  readonly upgradeFrom?: string;
  /** `lighttpd.security.tlsProfile`: modern, intermediate (default), old or off (rule tls-profile). */
  readonly tlsProfile?: string;
}

/** A quick fix carried by a diagnostic, ready to apply. */
export interface FixData {
  readonly title: string;
  readonly edits: readonly TextEdit[];
  readonly isPreferred?: boolean;
  /** Safe to apply without asking (checks/context.ts Fix.safe; lighttpd-lint --fix). */
  readonly safe?: boolean;
}

/**
 * The data of a diagnostic found by a check: its quick fixes, and the facts the check handed on
 * (FindingData, e.g. `module` for module-not-loaded).
 */
export type DiagnosticData = { readonly fixes?: readonly FixData[] } & Readonly<Record<string, unknown>>;

export const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/**
 * `memo`: what the checks of an earlier version of the same document in the same configuration, with the
 * same options, kept: the checks the edit does not concern are not run again (checks/incremental.ts). The
 * diagnostics are the same as without it; only their order may differ.
 */
export function computeDiagnostics(
  doc: TextDocument,
  model: DocumentModel,
  options: DiagnosticsOptions = {},
  memo?: CheckMemo,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const add = (
    code: string,
    start: number,
    end: number,
    message: string,
    fallback: Severity,
    data?: unknown,
    own?: Severity,
    tags?: readonly string[],
    related?: readonly RelatedSpan[],
  ) => {
    const rule = getRule(code);
    // Opt-in advice (rules.ts `optIn`) is shown only when its severity is set (setting or --rules).
    if (rule?.optIn && options.severity?.[code] === undefined) return;
    const level = options.severity?.[code] ?? own ?? rule?.severity ?? fallback;
    if (level === 'off') return;
    const d: Diagnostic = {
      range: { start: doc.positionAt(start), end: doc.positionAt(Math.max(start, end)) },
      severity: SEVERITY[level],
      code,
      source: DIAGNOSTIC_SOURCE,
      message,
    };
    if (data !== undefined) d.data = data;
    // A finding that links a document (known-vulnerability: its advisory) shows the link with its code.
    const href = (data as { href?: unknown } | undefined)?.href;
    if (typeof href === 'string' && /^https:\/\//.test(href)) d.codeDescription = { href };
    const info = options.locate && related?.map(options.locate).filter((r) => !!r);
    if (info?.length) d.relatedInformation = info;
    if (tags?.length)
      d.tags = tags.map((t) => (t === 'deprecated' ? DiagnosticTag.Deprecated : DiagnosticTag.Unnecessary));
    out.push(d);
  };
  for (const p of model.file.problems) add(p.code, p.start, p.end, p.message, p.severity);
  for (const p of model.evaluation.problems)
    add(p.code, p.start, p.end, p.message, 'error', p.data, undefined, undefined, p.related);
  const text = doc.getText();
  const checkOptions = {
    version: options.version,
    platform: options.platform,
    upgradeFrom: options.upgradeFrom,
    tlsProfile: options.tlsProfile,
  };
  const findings = memo
    ? runChecksIncrementally(text, model, checkOptions, memo)
    : runChecks(text, model, checkOptions);
  for (const f of findings) {
    const fixes: FixData[] | undefined = f.fixes?.map((x) => ({
      title: x.title,
      isPreferred: x.preferred,
      ...(x.safe ? { safe: true } : {}),
      edits: x.edits.map((e) => ({
        range: { start: doc.positionAt(e.start), end: doc.positionAt(e.end) },
        newText: e.newText,
      })),
    }));
    const data: DiagnosticData | undefined =
      fixes?.length || f.data ? { ...f.data, ...(fixes?.length ? { fixes } : {}) } : undefined;
    add(f.code, f.start, f.end, f.message, 'error', data, f.severity, f.tags);
  }
  const suppressions = parseSuppressions(doc, model.file.comments);
  return out.filter((d) => !isSuppressed(suppressions, String(d.code), d.range.start.line));
}
