/**
 * Completion of include paths: inside `include "…"` the folders (with a slash, suggesting again) and files
 * lighttpd would find, relative to the main config's folder (docs/grammar.md §5) with path mappings tried
 * first, `*.conf` for a folder of fragments, hidden files only when typed. Entries are read one by one (at
 * most MAX_PATH_ITEMS); never for patterns, or a relative path of an untitled document.
 */
import { CompletionItemKind, MarkupKind, type CompletionItem, type Range } from 'vscode-languageserver-types';
import type { ConfigFileSystem, DirectoryEntry } from '../../analysis/fileSystem';
import { candidates, includePath } from '../../analysis/includes';
import { matchQuality, sortText } from './ranking';

/** Where include paths are looked up (for completing them); without it, no path completion. */
export interface CompletionPaths {
  /** Directory of the main config (relative include paths start there); undefined for an untitled document. */
  readonly mainDir?: string;
  readonly pathMappings: readonly (readonly [string, string])[];
  readonly fs: ConfigFileSystem;
}

/** What of the cursor include-path completion needs: the typed text of the path and where it starts. */
export interface PathCursor {
  readonly prefix: string;
  readonly from: number;
}

/** Most directory entries listed for one completion request. */
const MAX_PATH_ITEMS = 500;

export function includePathItems(
  cursor: PathCursor,
  paths: CompletionPaths,
  items: CompletionItem[],
  range: (from?: number, to?: number) => Range,
): void {
  const typed = cursor.prefix;
  if (/[\r\n]/.test(typed)) return;
  const slash = typed.lastIndexOf('/');
  const dirPart = typed.slice(0, slash + 1);
  const name = typed.slice(slash + 1);
  // A folder given by a pattern has no single listing; an escape makes the path something else again.
  if (/[*?[\]{}\\]/.test(dirPart)) return;
  if (!dirPart.startsWith('/') && !paths.mainDir) return;
  const dir = includePath(dirPart || '.', paths.mainDir ?? '/');
  let entries: DirectoryEntry[] | undefined;
  let shown = dir;
  for (const candidate of candidates(dir, paths)) {
    entries = paths.fs.listDirectory?.(candidate, MAX_PATH_ITEMS);
    if (entries) {
      shown = candidate;
      break;
    }
  }
  if (!entries) return;
  const r = range(cursor.from + slash + 1);
  const showHidden = name.startsWith('.');
  let configs = 0;
  for (const e of entries) {
    if (e.name.startsWith('.') && !showHidden) continue;
    const isConf = !e.isDirectory && e.name.endsWith('.conf');
    if (isConf) configs++;
    const q = matchQuality(e.name, name);
    if (q < 0) continue;
    const label = e.isDirectory ? `${e.name}/` : e.name;
    items.push({
      label,
      kind: e.isDirectory ? CompletionItemKind.Folder : CompletionItemKind.File,
      detail: `${shown.replace(/\/$/, '')}/${label}`,
      sortText: sortText(e.isDirectory || isConf ? 0 : 1, q, e.name),
      filterText: label,
      textEdit: { range: r, newText: label },
      ...(e.isDirectory ? { command: { title: 'Suggest', command: 'editor.action.triggerSuggest' } } : {}),
    });
  }
  if (configs > 1 && matchQuality('*.conf', name) >= 0) {
    items.push({
      label: '*.conf',
      kind: CompletionItemKind.File,
      detail: `${configs} config files in ${shown}`,
      documentation: {
        kind: MarkupKind.Markdown,
        value:
          'Includes every `.conf` file of this folder, in sorted order (as lighttpd expands the pattern with glob(3)). A pattern that matches nothing is not an error.',
      },
      sortText: sortText(0, 0, ''),
      filterText: '*.conf',
      textEdit: { range: r, newText: '*.conf' },
    });
  }
}
