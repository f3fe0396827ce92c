/**
 * The safe fixes of a configuration, applied until none is left (`lighttpd-lint --fix`): pure, over texts by
 * path and a function that checks them. A fix is safe when its check marked it so (checks/context.ts
 * `Fix.safe`: a missing module added in lighttpd's order, a deprecated key renamed to its exact replacement, a
 * line lighttpd ignores removed). Each round applies, per file, the safe fixes whose edits do not overlap
 * (the first of each diagnostic; one fix shared by several diagnostics once), then the files are checked
 * again, since a fix can make another one possible or unnecessary. A file whose fixed text has more syntax
 * errors than it had is left as it was: nothing is written that lighttpd would read differently from what the
 * fixes meant.
 */
import type { Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parse } from '../../parser';
import type { DiagnosticData, FixData } from '../diagnostics/diagnostics';

/** A fix that was applied: to which file, for which code, at which line (1-based, in the text of its round). */
export interface AppliedFix {
  readonly path: string;
  readonly code: string;
  readonly title: string;
  readonly line: number;
}

export interface SafeFixResult {
  /** The fixed texts of the files that changed (and were kept). */
  readonly texts: ReadonlyMap<string, string>;
  readonly applied: readonly AppliedFix[];
  /** Files whose fixes were not kept, with the reason. */
  readonly refused: ReadonlyMap<string, string>;
  readonly rounds: number;
}

/** The safe fixes offered by `diagnostics`: one per diagnostic (its first safe one), the same fix once. */
export function safeFixesOf(diagnostics: readonly Diagnostic[]): { fix: FixData; diagnostic: Diagnostic }[] {
  const out: { fix: FixData; diagnostic: Diagnostic }[] = [];
  const seen = new Set<string>();
  for (const d of diagnostics) {
    const fixes = (d.data as DiagnosticData | undefined)?.fixes;
    const fix = Array.isArray(fixes) ? fixes.find((f) => f?.safe === true && Array.isArray(f.edits)) : undefined;
    if (!fix) continue;
    const key = JSON.stringify([fix.title, fix.edits]);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ fix, diagnostic: d });
  }
  return out;
}

/** The line ending a file uses (its first one; "\n" when it has none). */
export function lineEndingOf(text: string): '\n' | '\r\n' | '\r' {
  const m = /\r\n|\r|\n/.exec(text);
  return m ? (m[0] as '\n' | '\r\n' | '\r') : '\n';
}

/**
 * Applies the fixes whose edits overlap no fix taken before them (by position; an insertion at the same place
 * as another edit counts as overlapping, so that their order never matters), with the inserted text's line
 * breaks turned into the file's own. Returns the text and the fixes taken.
 */
export function applyFixes(
  text: string,
  fixes: readonly { fix: FixData; diagnostic: Diagnostic }[],
): { text: string; taken: { fix: FixData; diagnostic: Diagnostic }[] } {
  const doc = TextDocument.create('file:///fix', 'lighttpd', 0, text);
  const eol = lineEndingOf(text);
  const used: [number, number][] = [];
  const overlaps = (s: number, e: number) => used.some(([us, ue]) => s <= ue && us <= e);
  const edits: TextEdit[] = [];
  const taken: { fix: FixData; diagnostic: Diagnostic }[] = [];
  for (const f of fixes) {
    const spans = f.fix.edits.map((e) => [doc.offsetAt(e.range.start), doc.offsetAt(e.range.end)] as [number, number]);
    if (spans.some(([s, e]) => overlaps(s, e))) continue;
    used.push(...spans);
    edits.push(...f.fix.edits.map((e) => ({ range: e.range, newText: e.newText.replace(/\r\n|\r|\n/g, eol) })));
    taken.push(f);
  }
  return { text: edits.length ? TextDocument.applyEdits(doc, edits) : text, taken };
}

function syntaxErrors(text: string): number {
  return parse(text).problems.filter((p) => p.severity === 'error').length;
}

/**
 * Applies safe fixes to `texts` until none is left (or `maxRounds`), checking with `check` (the diagnostics
 * of every file of the configuration, by path, for the given texts; files not in the map are read as they
 * are). Paths the check reports but `texts` lacks are read with `read`.
 */
export async function fixUntilClean(
  texts: ReadonlyMap<string, string>,
  check: (texts: ReadonlyMap<string, string>) => Promise<ReadonlyMap<string, readonly Diagnostic[]>>,
  read: (path: string) => Promise<string | undefined>,
  maxRounds = 25,
): Promise<SafeFixResult> {
  const original = new Map(texts);
  const current = new Map(texts);
  const applied: AppliedFix[] = [];
  const refused = new Map<string, string>();
  const states = new Set<string>();
  let rounds = 0;
  while (rounds < maxRounds) {
    const byPath = await check(current);
    let changed = false;
    for (const [path, diagnostics] of byPath) {
      if (refused.has(path)) continue;
      const fixes = safeFixesOf(diagnostics);
      if (!fixes.length) continue;
      let text = current.get(path);
      if (text === undefined) {
        text = await read(path);
        if (text === undefined) continue;
        original.set(path, text);
      }
      const r = applyFixes(text, fixes);
      if (r.text === text) continue;
      current.set(path, r.text);
      changed = true;
      for (const t of r.taken)
        applied.push({
          path,
          code: String(t.diagnostic.code),
          title: t.fix.title,
          line: t.diagnostic.range.start.line + 1,
        });
    }
    if (!changed) break;
    rounds++;
    const state = JSON.stringify([...current]);
    if (states.has(state)) break; // fixes that undo each other: stop
    states.add(state);
  }
  const out = new Map<string, string>();
  for (const [path, text] of current) {
    const before = original.get(path);
    if (before === undefined || before === text) continue;
    if (syntaxErrors(text) > syntaxErrors(before)) {
      refused.set(path, 'the fixed text would not parse as lighttpd reads it');
      continue;
    }
    out.set(path, text);
  }
  return {
    texts: out,
    applied: applied.filter((a) => !refused.has(a.path)),
    refused,
    rounds,
  };
}
