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
import { findLinkTarget, type FileIdentity, type LinkLookup } from '../../server/src/runtime/linkTargets';

export interface CountingSource extends FileSource {
  readonly requests: { queries: number; scans: number };
}

/** A path's identity as VS Code's disk file system reports it (a link: "link" + the stat of its file). */
function diskIdentity(p: string): FileIdentity | undefined {
  try {
    const l = lstatSync(p);
    const s = l.isSymbolicLink() ? statSync(p) : l;
    return { link: l.isSymbolicLink(), file: s.isFile(), size: s.size, mtime: s.mtimeMs | 0, ctime: s.birthtimeMs | 0 };
  } catch {
    return undefined;
  }
}

const diskLookup: LinkLookup = {
  stat: async (p) => diskIdentity(p),
  folders: async (p) =>
    readdirSync(p, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name),
  search: async () => [],
};

export async function answerFromDisk(q: FileQuery, params: FileSystemParams): Promise<FileAnswer> {
  if (q.op === 'resolve') {
    const id = diskIdentity(q.path);
    if (!id) return { type: 'none' };
    if (!id.file) return { type: 'directory' };
    const target = await findLinkTarget(q.path, id, diskLookup);
    return target ? { type: 'file', target } : { type: 'file' };
  }
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

/** The disk through the protocol; `listConf` answers the workspace scan (none by default). */
export function nodeFileSource(listConf?: (folder: string) => string[]): CountingSource {
  const requests = { queries: 0, scans: 0 };
  return {
    requests,
    query: async (params) => {
      requests.queries++;
      return Promise.all(params.queries.map((q) => answerFromDisk(q, params)));
    },
    findFiles: async (params: FindFilesParams) => {
      requests.scans++;
      return listConf ? listConf(params.folder).slice(0, params.limit) : [];
    },
  };
}

/**
 * Files by absolute path; folders are the paths' parents. `findFiles` matches `**\/*.conf` only. `links`
 * (link path -> the file it names) read as their file and are told apart as the web client does: by a stat
 * that says "link" with the statistics of its file (runtime/linkTargets.ts).
 */
export function memoryFileSource(
  files: Map<string, string>,
  links: Map<string, string> = new Map(),
): CountingSource & { fail?: boolean } {
  const requests = { queries: 0, scans: 0 };
  const all = () => [...files.keys(), ...links.keys()];
  const isDir = (p: string) => all().some((f) => f.startsWith(p.endsWith('/') ? p : p + '/'));
  const identity = (p: string): FileIdentity | undefined => {
    const real = links.get(p) ?? p;
    const text = files.get(real);
    if (text === undefined) return undefined;
    // (times made from the real file's name: the same for a link and its file, different for another file)
    const time = [...real].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) | 0, 7);
    return { link: links.has(p), file: true, size: text.length, mtime: time, ctime: time + 1 };
  };
  const lookup: LinkLookup = {
    stat: async (p) => identity(p),
    folders: async (dir) => {
      const prefix = dir.endsWith('/') ? dir : dir + '/';
      const names = all()
        .filter((f) => f.startsWith(prefix) && f.slice(prefix.length).includes('/'))
        .map((f) => f.slice(prefix.length).split('/')[0]);
      return [...new Set(names)];
    },
    search: async (name) => all().filter((f) => f.endsWith('/' + name)),
  };
  const source: CountingSource & { fail?: boolean } = {
    requests,
    query: async (params: FileSystemParams) => {
      requests.queries++;
      if (source.fail) throw new Error('the client refused');
      const resolved = new Map<string, string | undefined>();
      for (const q of params.queries)
        if (q.op === 'resolve' && identity(q.path))
          resolved.set(q.path, await findLinkTarget(q.path, identity(q.path)!, lookup));
      return params.queries.map((q): FileAnswer => {
        const text = files.get(links.get(q.path) ?? q.path);
        if (text !== undefined) {
          if (q.op === 'resolve')
            return resolved.get(q.path) ? { type: 'file', target: resolved.get(q.path) } : { type: 'file' };
          return q.op === 'read' ? { type: 'file', text } : { type: 'file' };
        }
        if (!isDir(q.path)) return { type: 'none' };
        if (q.op !== 'list') return { type: 'directory' };
        const prefix = q.path.endsWith('/') ? q.path : q.path + '/';
        const names = new Map<string, boolean>();
        for (const f of all()) {
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
      return all()
        .filter((f) => f.startsWith(prefix) && f.endsWith('.conf'))
        .slice(0, params.limit);
    },
  };
  return source;
}
