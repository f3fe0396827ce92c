/**
 * The client's side of the web server's file access (server/src/runtime/fileSystemProtocol.ts): reads,
 * folder listings and the workspace scan through `vscode.workspace.fs` and `workspace.findFiles`, so that
 * includes, globs and multi-file checks work on whatever file system the workspace is on (a GitHub
 * repository in github.dev, code-server's remote disk). Bounded by the sizes the server sends.
 */
import { FileType, RelativePattern, workspace } from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import {
  FILE_SYSTEM_REQUEST,
  FIND_FILES_REQUEST,
  type FileAnswer,
  type FileQuery,
  type FileSystemParams,
  type FindFilesParams,
} from '../../server/src/runtime/fileSystemProtocol';
import type { UriMapping } from './webUris';

/** Reads in flight at once. */
const CONCURRENCY = 16;

export function serveFileSystem(client: BaseLanguageClient, mapping: UriMapping): void {
  // Node reads a file's BOM as U+FEFF: keep it, as the desktop does.
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

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
