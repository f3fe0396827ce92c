/**
 * Stand-ins for the web client's file access (client/src/webFileSystem.ts answers from vscode.workspace.fs):
 * the same protocol answered from the real disk (nodeFileSource) or from a map of paths to texts
 * (memoryFileSource), counting the requests.
 */
import { lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type {
  FileAnswer,
  FileQuery,
  FileSystemParams,
  FindFilesParams,
} from '../../server/src/runtime/fileSystemProtocol';
import type { FileSource } from '../../server/src/runtime/remoteFileSystem';

export interface CountingSource extends FileSource {
  readonly requests: { queries: number; scans: number };
}

export function answerFromDisk(q: FileQuery, params: FileSystemParams): FileAnswer {
  try {
    const st = statSync(q.path);
    if (st.isDirectory()) {
      if (q.op !== 'list') return { type: 'directory' };
      const entries: [string, boolean][] = [];
      for (const name of readdirSync(q.path)) {
        if (entries.length >= params.maxEntries) return { type: 'directory', entries, incomplete: true };
        const p = join(q.path, name);
        try {
          entries.push([name, (lstatSync(p).isSymbolicLink() ? statSync(p) : lstatSync(p)).isDirectory()]);
        } catch {
          /* a link to nothing */
        }
      }
      return { type: 'directory', entries };
    }
    if (!st.isFile()) return { type: 'none' };
    if (q.op !== 'read' || st.size > params.maxFileSize) return { type: 'file' };
    return { type: 'file', text: readFileSync(q.path, 'utf8') };
  } catch {
    return { type: 'none' };
  }
}

export function nodeFileSource(): CountingSource {
  const requests = { queries: 0, scans: 0 };
  return {
    requests,
    query: async (params) => {
      requests.queries++;
      return params.queries.map((q) => answerFromDisk(q, params));
    },
    findFiles: async () => {
      requests.scans++;
      return [];
    },
  };
}

/** Files by absolute path; folders are the paths' parents. `findFiles` matches `**\/*.conf` only. */
export function memoryFileSource(files: Map<string, string>): CountingSource & { fail?: boolean } {
  const requests = { queries: 0, scans: 0 };
  const isDir = (p: string) => [...files.keys()].some((f) => f.startsWith(p.endsWith('/') ? p : p + '/'));
  const source: CountingSource & { fail?: boolean } = {
    requests,
    query: async (params: FileSystemParams) => {
      requests.queries++;
      if (source.fail) throw new Error('the client refused');
      return params.queries.map((q): FileAnswer => {
        const text = files.get(q.path);
        if (text !== undefined) return q.op === 'read' ? { type: 'file', text } : { type: 'file' };
        if (!isDir(q.path)) return { type: 'none' };
        if (q.op !== 'list') return { type: 'directory' };
        const prefix = q.path.endsWith('/') ? q.path : q.path + '/';
        const names = new Map<string, boolean>();
        for (const f of files.keys()) {
          if (!f.startsWith(prefix)) continue;
          const [name, ...more] = f.slice(prefix.length).split('/');
          names.set(name, more.length > 0 || names.get(name) === true);
        }
        return { type: 'directory', entries: [...names] };
      });
    },
    findFiles: async (params: FindFilesParams) => {
      requests.scans++;
      if (source.fail) throw new Error('the client refused');
      const prefix = params.folder.endsWith('/') ? params.folder : params.folder + '/';
      return [...files.keys()].filter((f) => f.startsWith(prefix) && f.endsWith('.conf')).slice(0, params.limit);
    },
  };
  return source;
}
