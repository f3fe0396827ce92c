/**
 * The client's side of the web server's file access (server/src/runtime/fileSystemProtocol.ts): reads,
 * folder listings and the workspace scan through `vscode.workspace.fs` and `workspace.findFiles`, so that
 * includes, globs and multi-file checks work on whatever file system the workspace is on (a GitHub
 * repository in github.dev, code-server's remote disk). Bounded by the sizes the server sends. A symbolic
 * link is told apart by its stat, and the file it names found by identity (server/src/runtime/linkTargets.ts).
 */
import { FileType, RelativePattern, workspace, type FileStat } from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import {
  FILE_SYSTEM_REQUEST,
  FIND_FILES_REQUEST,
  type FileAnswer,
  type FileQuery,
  type FileSystemParams,
  type FindFilesParams,
} from '../../server/src/runtime/fileSystemProtocol';
import { findLinkTarget, type FileIdentity, type LinkLookup } from '../../server/src/runtime/linkTargets';
import type { UriMapping } from './webUris';

/** Reads in flight at once. */
const CONCURRENCY = 16;
/** Most files of the same name looked at to find which one a link names. */
const LINK_SEARCH_LIMIT = 50;

export function serveFileSystem(client: BaseLanguageClient, mapping: UriMapping): void {
  // Node reads a file's BOM as U+FEFF: keep it, as the desktop does.
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

  const identity = (s: FileStat): FileIdentity => ({
    link: (s.type & FileType.SymbolicLink) !== 0,
    file: (s.type & FileType.File) !== 0,
    size: s.size,
    mtime: s.mtime,
    ctime: s.ctime,
  });
  /** The editor's file system as runtime/linkTargets.ts asks it (which file a link names, by identity). */
  const lookup: LinkLookup = {
    stat: async (path) => identity(await workspace.fs.stat(mapping.uriOf(path))),
    folders: async (path) =>
      (await workspace.fs.readDirectory(mapping.uriOf(path)))
        .filter(([, type]) => type & FileType.Directory && !(type & FileType.SymbolicLink))
        .map(([name]) => name),
    search: async (name) => {
      const folder = workspace.workspaceFolders?.find((f) => mapping.pathOf(f.uri) !== undefined);
      if (!folder || /[*?[\]{}]/.test(name)) return [];
      const uris = await workspace.findFiles(new RelativePattern(folder, `**/${name}`), null, LINK_SEARCH_LIMIT);
      return uris.map((u) => mapping.pathOf(u)).filter((p): p is string => p !== undefined);
    },
  };

  async function answer(q: FileQuery, params: FileSystemParams): Promise<FileAnswer> {
    if (typeof q?.path !== 'string' || !q.path.startsWith('/')) return { type: 'none' };
    const uri = mapping.uriOf(q.path);
    try {
      const stat = await workspace.fs.stat(uri);
      if (stat.type & FileType.Directory) {
        if (q.op !== 'list') return { type: 'directory' };
        const all = await workspace.fs.readDirectory(uri);
        const entries: [string, boolean][] = [];
        for (const [name, type] of all) {
          if (entries.length >= params.maxEntries) break;
          // (a link to nothing is skipped, as the desktop skips a link it cannot follow)
          if (type & FileType.SymbolicLink && !(type & (FileType.File | FileType.Directory))) continue;
          entries.push([name, (type & FileType.Directory) !== 0]);
        }
        return { type: 'directory', entries, incomplete: all.length > entries.length };
      }
      if (!(stat.type & FileType.File)) return { type: 'none' };
      if (q.op === 'resolve') {
        const target = await findLinkTarget(q.path, identity(stat), lookup);
        return target ? { type: 'file', target } : { type: 'file' };
      }
      if (q.op !== 'read' || stat.size > params.maxFileSize) return { type: 'file' };
      const bytes = await workspace.fs.readFile(uri);
      return bytes.byteLength > params.maxFileSize ? { type: 'file' } : { type: 'file', text: decoder.decode(bytes) };
    } catch {
      return { type: 'none' };
    }
  }

  client.onRequest(FILE_SYSTEM_REQUEST, async (params: FileSystemParams) => {
    const queries = Array.isArray(params?.queries) ? params.queries : [];
    const out: FileAnswer[] = new Array(queries.length);
    let next = 0;
    const worker = async () => {
      while (next < queries.length) {
        const i = next++;
        out[i] = await answer(queries[i], params);
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, queries.length) }, worker));
    return out;
  });

  client.onRequest(FIND_FILES_REQUEST, async (params: FindFilesParams) => {
    const base = mapping.uriOf(params.folder);
    const exclude = params.exclude.length ? `{${params.exclude.join(',')}}` : null;
    const found = new Set<string>();
    for (const pattern of params.patterns) {
      const uris = await workspace
        .findFiles(new RelativePattern(base, pattern), exclude, params.limit)
        .then(undefined, () => []);
      for (const u of uris) {
        const path = mapping.pathOf(u);
        if (path) found.add(path);
      }
    }
    return [...found];
  });
}
