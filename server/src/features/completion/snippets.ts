/**
 * The deployment snippets (snippets/lighttpd.json, checked by real lighttpd in test/snippets), served by the
 * language server's completion instead of VS Code's static snippet list: only where a statement may start
 * outside any condition (they bring their own `server.modules += (...)` and condition blocks), one entry
 * per snippet, in the file's order (the reverse proxy first).
 */
import { CompletionItemKind, InsertTextFormat, type CompletionItem, type Range } from 'vscode-languageserver-types';
import SNIPPETS from '../../../../snippets/lighttpd.json';

export interface DeploymentSnippet {
  readonly name: string;
  readonly prefix: string;
  readonly description: string;
  readonly body: string;
}

/** The snippets of snippets/lighttpd.json, in its order. */
export const DEPLOYMENT_SNIPPETS: readonly DeploymentSnippet[] = Object.entries(
  SNIPPETS as Record<string, { prefix: string | string[]; description: string; body: string | string[] }>,
).map(([name, s]) => ({
  name,
  prefix: Array.isArray(s.prefix) ? s.prefix[0] : s.prefix,
  description: s.description,
  body: Array.isArray(s.body) ? s.body.join('\n') : s.body,
}));

/** The snippet body as the text it inserts with its defaults (for the documentation preview). */
function preview(body: string): string {
  let out = body;
  for (let i = 0; i < 4; i++)
    out = out.replace(/\$\{\d+:([^{}]*)\}/g, '$1').replace(/\$\{\d+\|([^,|]*)[^|]*\|\}/g, '$1');
  return out.replace(/\$\d+/g, '').replace(/\\([$}\\])/g, '$1');
}

/**
 * Completion items of the snippets whose prefix matches `typed`; `sortText(i)` places the i-th.
 * `matches` is the completion's fuzzy matcher (negative: no match).
 */
export function snippetCompletionItems(
  typed: string,
  range: Range,
  matches: (label: string, typed: string) => number,
  sortText: (index: number, quality: number) => string,
): CompletionItem[] {
  const items: CompletionItem[] = [];
  DEPLOYMENT_SNIPPETS.forEach((s, i) => {
    const q = matches(s.prefix, typed);
    if (q < 0) return;
    items.push({
      label: s.prefix,
      labelDetails: { description: s.name },
      kind: CompletionItemKind.Snippet,
      detail: s.name,
      documentation: { kind: 'markdown', value: `${s.description}\n\n\`\`\`lighttpd\n${preview(s.body)}\n\`\`\`` },
      sortText: sortText(i, q),
      filterText: s.prefix,
      insertTextFormat: InsertTextFormat.Snippet,
      textEdit: { range, newText: s.body },
    });
  });
  return items;
}
