/**
 * Quick fixes travel in a diagnostic's `data` (features/diagnostics). The protocol lets a client send a
 * diagnostic back without it (some drop what they do not know), and the fixes would then be gone. A diagnostic
 * of ours that comes back without `data` gets the data of the current diagnostic with the same code and range
 * (the same message too, when several share both), so the fixes are recomputed from what the client kept.
 */
import type { CodeActionContext, Diagnostic, Range } from 'vscode-languageserver-types';
import { DIAGNOSTIC_SOURCE } from '../diagnostics/diagnostics';

const sameRange = (a: Range, b: Range) =>
  a.start.line === b.start.line &&
  a.start.character === b.start.character &&
  a.end.line === b.end.line &&
  a.end.character === b.end.character;

/** Ours (or with no source at all: a client that dropped it too) and without data. */
const lacksData = (d: Diagnostic) =>
  d.data === undefined && typeof d.code === 'string' && (d.source === DIAGNOSTIC_SOURCE || d.source === undefined);

/** `context` with the missing `data` (and `source`) filled in from `current()`, called only when needed. */
export function withDiagnosticData(
  context: CodeActionContext,
  current: () => readonly Diagnostic[],
): CodeActionContext {
  if (!context.diagnostics.some(lacksData)) return context;
  const now = current();
  const diagnostics = context.diagnostics.map((d) => {
    if (!lacksData(d)) return d;
    const same = now.filter((c) => c.code === d.code && sameRange(c.range, d.range));
    const match = same.find((c) => c.message === d.message) ?? same[0];
    return match ? { ...d, source: match.source, data: match.data } : d;
  });
  return { ...context, diagnostics };
}
