/**
 * Go to definition (single document):
 *   - a variable (or any key) read as a value: the assignment(s) whose value is seen there — the last
 *     one in the nearest enclosing block that sets it, plus the ones it extended with `+=`;
 *   - the key of a `+=` assignment: the assignments it extends;
 *   - a directive key, or a module name outside server.modules: the module's entry in server.modules.
 */
import type { Location, Position, Range } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentModel } from '../../analysis';
import type { Span, StringValue } from '../../parser/ast';
import { getDirective, getModule } from '../../schema';
import { definitionChain, pathAt, scopeAt, walk } from '../shared/locate';

/** Module-name strings inside server.modules lists (in any assignment of the document). */
export function moduleEntries(model: DocumentModel, module?: string): StringValue[] {
  const out: StringValue[] = [];
  const collect = (e: unknown): void => {
    const x = e as { kind?: string; operands?: unknown[]; elements?: { value?: unknown }[] };
    if (!x) return;
    if (x.kind === 'string') {
      if (!module || (x as StringValue).value === module) out.push(x as StringValue);
    } else if (x.kind === 'concat') x.operands?.forEach(collect);
    else if (x.kind === 'array') x.elements?.forEach((el) => collect(el.value));
  };
  walk(model.file.statements, {
    assignment: (a) => {
      if (a.key.fullName === 'server.modules') collect(a.value);
    },
  });
  return out;
}

export function findDefinition(doc: TextDocument, model: DocumentModel, position: Position): Location[] {
  const offset = doc.offsetAt(position);
  const path = pathAt(model.file.statements, offset);
  const last = path[path.length - 1];
  if (!last) return [];
  const loc = (s: Span): Location => ({ uri: doc.uri, range: rangeOf(doc, s) });
  if (last.type === 'expression' && last.node.kind === 'variable') {
    const ref = last.node;
    return definitionChain(model, ref.fullName, ref.start, scopeAt(model, ref.start)).map((a) => loc(a.node.key));
  }
  if (last.type === 'key') {
    const a = last.assignment;
    const name = a.key.fullName;
    if (a.operator?.text === '+=') {
      const chain = definitionChain(model, name, a.start, scopeAt(model, a.start));
      if (chain.length) return chain.map((x) => loc(x.node.key));
    }
    const info = getDirective(name);
    if (info && info.module !== 'core') {
      return moduleEntries(model)
        .filter((s) => info.modules.includes(s.value))
        .map(loc);
    }
    return [];
  }
  if (last.type === 'expression' && last.node.kind === 'string' && getModule(last.node.value)) {
    const inModules = path.some((p) => p.type === 'assignment' && p.node.key.fullName === 'server.modules');
    if (!inModules) return moduleEntries(model, last.node.value).map(loc);
  }
  return [];
}

function rangeOf(doc: TextDocument, s: Span): Range {
  return { start: doc.positionAt(s.start), end: doc.positionAt(s.end) };
}
