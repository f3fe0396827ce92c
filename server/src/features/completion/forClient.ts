/**
 * Completion items as the client can take them. The items are built for a client with everything (VS Code);
 * this adapts them to what another client said it supports in `initialize`, without touching how they are
 * made:
 *   - no snippet support (eglot without yasnippet, Neovim 0.7, Kate): the snippet's plain text, each
 *     placeholder replaced by its default or its first choice (`"${1|fair,hash|}"` -> `"fair"`);
 *   - no `filterText` equal to the label (it says nothing, and Neovim's omnifunc then ignores the item's
 *     range: `proxy.` completed to `proxy.proxy.balance`);
 *   - no editor command (`editor.action.triggerSuggest`) for a client that is not VS Code: others would send
 *     it back as workspace/executeCommand, which fails.
 * Pure: features/completion/completion.ts stays as it is; server.ts passes the client's capabilities.
 */
import { InsertTextFormat, type CompletionItem, type CompletionList } from 'vscode-languageserver-types';

export interface CompletionClient {
  /** completionItem.snippetSupport. */
  readonly snippets: boolean;
  /** The client runs VS Code's editor commands (our VS Code client says so in initializationOptions). */
  readonly editorCommands: boolean;
}

/** What a client gets when it says nothing: plain text, no editor commands. */
export const BASIC_CLIENT: CompletionClient = { snippets: false, editorCommands: false };

/**
 * The text a snippet inserts without a snippet engine: tab stops vanish, a placeholder is its default, a
 * choice its first option, escapes are resolved. Malformed syntax is kept as written.
 */
export function snippetToPlain(snippet: string): string {
  let i = 0;
  const s = snippet;
  /** Reads up to `stop` (a character ending the current placeholder) or the end; returns the plain text. */
  function text(stop?: string): string {
    let out = '';
    while (i < s.length) {
      const c = s[i];
      if (stop && stop.includes(c)) return out;
      if (c === '\\' && i + 1 < s.length && '$}\\,|'.includes(s[i + 1])) {
        out += s[i + 1];
        i += 2;
      } else if (c === '$') {
        out += dollar();
      } else {
        out += c;
        i++;
      }
    }
    return out;
  }
  function dollar(): string {
    const start = i;
    i++; // $
    const simple = /^(?:\d+|[A-Za-z_][A-Za-z0-9_]*)/.exec(s.slice(i));
    if (simple) {
      i += simple[0].length;
      return ''; // a tab stop or a variable without default: nothing
    }
    if (s[i] !== '{') return '$';
    i++; // {
    const id = /^(?:\d+|[A-Za-z_][A-Za-z0-9_]*)/.exec(s.slice(i));
    if (!id) {
      i = start + 1;
      return '$';
    }
    i += id[0].length;
    if (s[i] === '}') {
      i++;
      return '';
    }
    if (s[i] === ':') {
      i++;
      const inner = text('}');
      if (s[i] === '}') i++;
      return inner;
    }
    if (s[i] === '|') {
      i++;
      const first = text(',|');
      while (i < s.length && s[i] !== '|') {
        i++;
        text(',|');
      }
      if (s[i] === '|') i++;
      if (s[i] === '}') i++;
      return first;
    }
    i = start + 1;
    return '$';
  }
  return text();
}

function adaptItem(item: CompletionItem, client: CompletionClient): CompletionItem {
  let out = item;
  const set = <K extends keyof CompletionItem>(k: K, v: CompletionItem[K]) => {
    if (out === item) out = { ...item };
    if (v === undefined) delete out[k];
    else out[k] = v;
  };
  if (item.filterText !== undefined && item.filterText === item.label) set('filterText', undefined);
  if (!client.snippets && item.insertTextFormat === InsertTextFormat.Snippet) {
    if (item.textEdit) set('textEdit', { ...item.textEdit, newText: snippetToPlain(item.textEdit.newText) });
    if (item.insertText !== undefined) set('insertText', snippetToPlain(item.insertText));
    set('insertTextFormat', InsertTextFormat.PlainText);
  }
  if (!client.editorCommands && item.command?.command.startsWith('editor.')) set('command', undefined);
  return out;
}

export function completionForClient(list: CompletionList, client: CompletionClient): CompletionList {
  return { ...list, items: list.items.map((i) => adaptItem(i, client)) };
}
