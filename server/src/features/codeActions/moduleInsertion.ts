/**
 * Where and how to add modules to server.modules, keeping the list's style (one per line or inline,
 * trailing comma or not) and lighttpd's ordering rules (analysis/modules.ts moduleRank). Shared by the
 * quick fix and by completion.
 */
import type { TextEdit } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { moduleRank } from '../../analysis/modules';
import type { ArrayValue, Assignment, ConfigFile, StringValue } from '../../parser/ast';

/** The list new modules go into: a top-level server.modules assignment whose value is a literal list. */
export function findModuleList(file: ConfigFile): { assignment: Assignment; list: ArrayValue } | undefined {
  let best: { assignment: Assignment; list: ArrayValue } | undefined;
  let bestScore = -1;
  for (const st of file.statements) {
    if (
      st.kind !== 'assignment' ||
      st.key.fullName !== 'server.modules' ||
      st.value?.kind !== 'array' ||
      !st.value.closed
    )
      continue;
    // Prefer the defining `=` list, then `:=`, then the first `+=`.
    const score = st.operator?.text === '=' ? 3 : st.operator?.text === ':=' ? 2 : 1;
    if (score > bestScore) {
      best = { assignment: st, list: st.value };
      bestScore = score;
    }
  }
  return best;
}

function lineStart(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

function lineEnd(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

function indentOf(text: string, offset: number): string {
  const s = lineStart(text, offset);
  return /^[ \t]*/.exec(text.slice(s, offset))![0];
}

/** Offset just after a ',' that follows `from` (skipping blanks and comments), or -1. */
function commaAfter(text: string, from: number, limit: number): number {
  let i = from;
  while (i < limit) {
    const c = text[i];
    if (c === ',') return i + 1;
    if (c === '#') {
      while (i < limit && text[i] !== '\n') i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    return -1;
  }
  return -1;
}

/** The text's line ending; remembered for the last text (completion plans an insertion per module). */
let lastEol: { readonly text: string; readonly eol: string } | undefined;
function eolOf(text: string): string {
  if (lastEol?.text !== text) lastEol = { text, eol: text.includes('\r\n') ? '\r\n' : '\n' };
  return lastEol.eol;
}

/** An insertion or replacement by offsets into the text. */
export interface OffsetEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

/**
 * Text edits that add `modules` (in order) to the document's module list, or a new
 * `server.modules += ( ... )` line before the first statement when there is no list to extend.
 */
export function planModuleInsertion(doc: TextDocument, file: ConfigFile, modules: readonly string[]): TextEdit[] {
  return planModuleInsertionAt(doc.getText(), file, modules).map((e) => ({
    range: { start: doc.positionAt(e.start), end: doc.positionAt(e.end) },
    newText: e.newText,
  }));
}

/** planModuleInsertion by offsets into `text` (the checks attach it to module-not-loaded as its quick fix). */
export function planModuleInsertionAt(text: string, file: ConfigFile, modules: readonly string[]): OffsetEdit[] {
  const eol = eolOf(text);
  const toAdd = [...new Set(modules)];
  if (toAdd.length === 0) return [];
  const target = findModuleList(file);
  const range = (start: number, end = start) => ({ start, end });

  if (!target) {
    const items = toAdd.map((m) => `"${m}"`).join(', ');
    const line = `server.modules += ( ${items} )`;
    // After an existing top-level server.modules (a `=` after our `+=` would be a duplicate key) ...
    const existing = file.statements
      .filter((s) => s.kind === 'assignment' && s.key.fullName === 'server.modules')
      .pop();
    if (existing) {
      const at = lineEnd(text, existing.end);
      return [{ ...range(at), newText: `${eol}${line}` }];
    }
    // ... else before the first statement, below the file's header comment.
    const first = file.statements[0];
    let at = first ? lineStart(text, first.start) : text.length;
    // A block (a condition, an include) keeps a blank line above it: the new line goes above the blank lines
    // before it (where a deleted module line left one), or gets one of its own.
    let suffix = eol;
    if (first && first.kind !== 'assignment') {
      let blank = at;
      while (blank > 0) {
        const prev = lineStart(text, blank - (text[blank - 1] === '\n' && text[blank - 2] === '\r' ? 2 : 1));
        if (text.slice(prev, blank).trim() !== '') break;
        blank = prev;
      }
      if (blank < at) at = blank;
      else suffix = eol + eol;
    }
    const prefix = at > 0 && text[at - 1] !== '\n' && text[at - 1] !== '\r' ? eol : '';
    return [{ ...range(at), newText: `${prefix}${line}${suffix}` }];
  }

  const { list } = target;
  const elements = list.elements.map((e) => e.value).filter((v): v is StringValue => v?.kind === 'string');
  const closeParen = list.end - 1; // offset of ')'
  if (list.elements.length === 0) {
    const items = toAdd.map((m) => `"${m}"`).join(', ');
    return [{ ...range(list.start + 1, closeParen), newText: ` ${items} ` }];
  }
  const multiLine =
    list.elements.some((e, i) => i > 0 && lineStart(text, e.start) !== lineStart(text, list.elements[i - 1].start)) ||
    lineStart(text, list.elements[0].start) !== lineStart(text, list.start);
  const last = list.elements[list.elements.length - 1];
  const trailingComma = commaAfter(text, last.end, closeParen);
  const indent = multiLine ? indentOf(text, last.start) : '';

  // Group the new modules by the element they go before (undefined = at the end).
  const before = new Map<number | undefined, string[]>();
  for (const m of toAdd) {
    const r = moduleRank(m);
    const limit = r === 0 ? 4 : r + 1;
    // Before the first listed module that must come later (for modules without a constraint: before
    // mod_staticfile, which is best kept last).
    const next = elements.find((e) => moduleRank(e.value) >= limit);
    const key = next?.start;
    before.set(key, [...(before.get(key) ?? []), m]);
  }
  const edits: OffsetEdit[] = [];
  for (const [at, mods] of before) {
    if (at !== undefined) {
      const own = indentOf(text, at);
      const newText = mods.map((m) => (multiLine ? `"${m}",${eol}${own}` : `"${m}", `)).join('');
      edits.push({ ...range(at), newText });
    } else if (multiLine) {
      if (trailingComma >= 0)
        edits.push({ ...range(trailingComma), newText: mods.map((m) => `${eol}${indent}"${m}",`).join('') });
      else edits.push({ ...range(last.end), newText: mods.map((m) => `,${eol}${indent}"${m}"`).join('') });
    } else if (trailingComma >= 0) {
      edits.push({ ...range(trailingComma), newText: mods.map((m) => ` "${m}",`).join('') });
    } else {
      edits.push({ ...range(last.end), newText: mods.map((m) => `, "${m}"`).join('') });
    }
  }
  return edits;
}
