/**
 * Semantic tokens for what the TextMate grammar cannot know:
 *   - keys: known directives (`property` + `defaultLibrary`, + `deprecated`), unknown ones (`property`
 *     without modifiers), user variables (`variable`, + `declaration` where set with = / :=,
 *     `modification` with +=), `env.*` and `var.CWD` / `var.PID` (`variable` + `readonly`);
 *   - keys read as values, the same way;
 *   - strings that are regular expressions: condition values of =~ / !~, the patterns (keys) of
 *     url.rewrite-* / url.redirect, and dir-listing.exclude entries (`regexp`);
 *   - module names in server.modules (`namespace`, + `defaultLibrary` when lighttpd has that module).
 */
import type { Range, SemanticTokens, SemanticTokensLegend } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentModel } from '../../analysis';
import type { Expression, Span } from '../../parser/ast';
import { getDirective, getModule } from '../../schema';
import { PREDEFINED_VARIABLES, walk } from '../shared/locate';

export const TOKEN_TYPES = ['property', 'variable', 'regexp', 'namespace'] as const;
export const TOKEN_MODIFIERS = ['declaration', 'modification', 'readonly', 'deprecated', 'defaultLibrary'] as const;
export type TokenType = (typeof TOKEN_TYPES)[number];
export type TokenModifier = (typeof TOKEN_MODIFIERS)[number];

export const SEMANTIC_TOKENS_LEGEND: SemanticTokensLegend = {
  tokenTypes: [...TOKEN_TYPES],
  tokenModifiers: [...TOKEN_MODIFIERS],
};

/** Directives whose list keys are regular expressions. */
const REGEX_KEYED = new Set([
  'url.rewrite',
  'url.rewrite-once',
  'url.rewrite-final',
  'url.rewrite-repeat',
  'url.rewrite-if-not-file',
  'url.rewrite-repeat-if-not-file',
  'url.redirect',
]);
/** Directives whose list values are regular expressions. */
const REGEX_VALUED = new Set(['dir-listing.exclude']);

export interface RawToken extends Span {
  readonly type: TokenType;
  readonly modifiers: readonly TokenModifier[];
}

function keyToken(name: string, span: Span, write?: '=' | '+=' | ':='): RawToken {
  if (name.startsWith('env.') || name in PREDEFINED_VARIABLES) {
    return {
      ...span,
      type: 'variable',
      modifiers: name in PREDEFINED_VARIABLES ? ['readonly', 'defaultLibrary'] : ['readonly'],
    };
  }
  if (name.startsWith('var.')) {
    return { ...span, type: 'variable', modifiers: write === '+=' ? ['modification'] : write ? ['declaration'] : [] };
  }
  const d = getDirective(name);
  if (!d) return { ...span, type: 'property', modifiers: [] };
  return { ...span, type: 'property', modifiers: d.deprecated ? ['deprecated', 'defaultLibrary'] : ['defaultLibrary'] };
}

/** The tokens in document order (spans may cover several lines; encoding splits them). */
export function collectTokens(model: DocumentModel): RawToken[] {
  const out: RawToken[] = [];
  const regex = (e: Expression | undefined) => {
    if (!e) return;
    if (e.kind === 'string') out.push({ start: e.start, end: e.end, type: 'regexp', modifiers: [] });
    else if (e.kind === 'concat') e.operands.forEach(regex);
  };
  const strings = (e: Expression | undefined, f: (s: Expression & { kind: 'string' }) => void) => {
    if (!e) return;
    if (e.kind === 'string') f(e);
    else if (e.kind === 'concat') e.operands.forEach((o) => strings(o, f));
    else if (e.kind === 'array') e.elements.forEach((el) => strings(el.value, f));
  };
  walk(model.file.statements, {
    assignment: (a) => {
      const name = a.key.fullName;
      out.push(keyToken(name, a.key, a.operator?.text));
      const v = a.value;
      if (v?.kind === 'array') {
        if (REGEX_KEYED.has(name)) for (const el of v.elements) regex(el.key);
        if (REGEX_VALUED.has(name)) for (const el of v.elements) regex(el.value);
      }
      if (name === 'server.modules') {
        strings(v, (s) =>
          out.push({
            start: s.start,
            end: s.end,
            type: 'namespace',
            modifiers: getModule(s.value)?.status === 'current' ? ['defaultLibrary'] : [],
          }),
        );
      }
    },
    variable: (v) => out.push(keyToken(v.fullName, v)),
    branch: (br) => {
      const op = br.head?.operator?.text;
      if (op === '=~' || op === '!~') regex(br.head?.value);
    },
  });
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** LSP relative encoding; tokens spanning lines are split per line. Positions are found in one pass. */
export function encodeTokens(doc: TextDocument, tokens: readonly RawToken[], range?: Range): SemanticTokens {
  const data: number[] = [];
  const text = doc.getText();
  const from = range ? doc.offsetAt(range.start) : 0;
  const to = range ? doc.offsetAt(range.end) : Number.MAX_SAFE_INTEGER;
  // Line and line start of `pos`, advanced forward only (tokens come sorted).
  let pos = 0;
  let line = 0;
  let lineStart = 0;
  const advance = (target: number) => {
    for (; pos < target; pos++) {
      const ch = text.charCodeAt(pos);
      if (ch === 10 || (ch === 13 && text.charCodeAt(pos + 1) !== 10)) {
        line++;
        lineStart = pos + 1;
      }
    }
  };
  let prevLine = 0;
  let prevChar = 0;
  let lastEnd = -1;
  for (const t of tokens) {
    if (t.end <= from || t.start >= to || t.start < lastEnd) continue; // no overlaps
    lastEnd = t.end;
    const type = TOKEN_TYPES.indexOf(t.type);
    const mods = t.modifiers.reduce((m, x) => m | (1 << TOKEN_MODIFIERS.indexOf(x)), 0);
    // Split at line breaks.
    let s = t.start;
    while (s < t.end) {
      let e = s;
      while (e < t.end && text[e] !== '\n' && text[e] !== '\r') e++;
      if (e > s) {
        advance(s);
        const char = s - lineStart;
        data.push(line - prevLine, line === prevLine ? char - prevChar : char, e - s, type, mods);
        prevLine = line;
        prevChar = char;
      }
      s = e;
      while (s < t.end && (text[s] === '\n' || text[s] === '\r')) s++;
    }
  }
  return { data };
}

export function getSemanticTokens(doc: TextDocument, model: DocumentModel, range?: Range): SemanticTokens {
  return encodeTokens(doc, collectTokens(model), range);
}
