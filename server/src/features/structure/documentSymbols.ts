/**
 * Document symbols (outline): each condition branch is a container named after its condition, with the
 * assignments, includes and nested blocks inside it as children; `global { }` is a container too.
 */
import { SymbolKind, type DocumentSymbol, type Range } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentModel } from '../../analysis';
import type { ConditionBranch, Span, Statement } from '../../parser/ast';
import { getDirective } from '../../schema';

const MAX_NAME = 80;

function oneLine(s: string, max = MAX_NAME): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > max ? t.slice(0, max - 1) + '…' : t;
}

export function findDocumentSymbols(doc: TextDocument, model: DocumentModel): DocumentSymbol[] {
  const text = doc.getText();
  const range = (s: Span): Range => ({ start: doc.positionAt(s.start), end: doc.positionAt(Math.max(s.start, s.end)) });
  const src = (s: Span) => text.slice(s.start, s.end);
  /** A selection range inside the full range, as LSP requires. */
  const symbol = (
    name: string,
    kind: SymbolKind,
    full: Span,
    sel: Span,
    children?: DocumentSymbol[],
    detail?: string,
  ): DocumentSymbol => {
    const start = Math.max(full.start, Math.min(sel.start, full.end));
    const end = Math.min(full.end, Math.max(start, sel.end));
    const s: DocumentSymbol = { name: name || '?', kind, range: range(full), selectionRange: range({ start, end }) };
    if (detail) s.detail = detail;
    if (children) s.children = children;
    return s;
  };

  const list = (statements: readonly Statement[], depth: number): DocumentSymbol[] => {
    if (depth > 200) return [];
    const out: DocumentSymbol[] = [];
    for (const st of statements) {
      switch (st.kind) {
        case 'assignment': {
          const key = st.key.fullName;
          const kind = key.startsWith('var.')
            ? SymbolKind.Variable
            : key.startsWith('env.')
              ? SymbolKind.Constant
              : getDirective(key)
                ? SymbolKind.Property
                : SymbolKind.Field;
          const detail = st.operator ? oneLine(`${st.operator.text} ${st.value ? src(st.value) : ''}`, 60) : undefined;
          out.push(symbol(st.key.name, kind, st, st.key, undefined, detail));
          break;
        }
        case 'conditional':
          for (const br of st.branches) out.push(branchSymbol(br, depth));
          break;
        case 'global':
          out.push(
            symbol(
              'global',
              SymbolKind.Namespace,
              st,
              { start: st.start, end: st.start + 6 },
              list(st.body?.statements ?? [], depth + 1),
            ),
          );
          break;
        case 'include':
        case 'include_shell':
          out.push(
            symbol(oneLine(src(st)), st.kind === 'include' ? SymbolKind.File : SymbolKind.Function, st, st.keyword),
          );
          break;
      }
    }
    return out;
  };

  const branchSymbol = (br: ConditionBranch, depth: number): DocumentSymbol => {
    const head = br.head ? oneLine(src(br.head)) : '';
    const name = br.elseKeyword ? (head ? `else ${head}` : 'else') : head;
    const sel = br.head ?? br.elseKeyword ?? br;
    return symbol(name, SymbolKind.Namespace, br, sel, list(br.body?.statements ?? [], depth + 1));
  };

  return list(model.file.statements, 0);
}
