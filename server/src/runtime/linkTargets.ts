/**
 * Which file a symbolic link names, where the editor's file system cannot say it (the web: `workspace.fs`
 * has no readlink or realpath; its `stat` of a link reports `FileType.SymbolicLink` with the statistics of
 * the file the link leads to). The link's file is found by identity among the files of the same name: first
 * in the folders beside the link's folder (Debian's `conf-enabled/15-x.conf` -> `../conf-available/15-x.conf`),
 * then anywhere in the workspace. A candidate is the file when it is no link itself and has the same size,
 * modification and creation time as the link's stat (those of its file); exactly one must fit, otherwise the
 * link stays a file of its own (as before). Not knowable this way: a link to a file of another name, to a file
 * outside the workspace, to a folder, or two identical files with the same name and times. Pure: the client
 * (client/src/webFileSystem.ts) gives it the editor's file system; tests give it a fake one.
 */

export interface FileIdentity {
  readonly link: boolean;
  readonly file: boolean;
  readonly size: number;
  readonly mtime: number;
  readonly ctime: number;
}

export interface LinkLookup {
  /** What a path is (undefined: nothing there). */
  stat(path: string): Promise<FileIdentity | undefined>;
  /** The names of the sub-folders of a folder. */
  folders(path: string): Promise<readonly string[]>;
  /** Paths in the workspace whose last segment is `name` (bounded by the caller). */
  search(name: string): Promise<readonly string[]>;
}

const dirOf = (p: string) => p.slice(0, Math.max(p.lastIndexOf('/'), 0)) || '/';

/** The path of the file that the link at `path` (whose stat is `link`) names, or undefined. */
export async function findLinkTarget(path: string, link: FileIdentity, io: LinkLookup): Promise<string | undefined> {
  if (!link.link || !link.file) return undefined;
  const name = path.slice(path.lastIndexOf('/') + 1);
  const folder = dirOf(path);
  const same = async (candidates: readonly string[]) => {
    const fits: string[] = [];
    for (const c of new Set(candidates)) {
      if (c === path) continue;
      const s = await io.stat(c).catch(() => undefined);
      if (s && s.file && !s.link && s.size === link.size && s.mtime === link.mtime && s.ctime === link.ctime)
        fits.push(c);
    }
    return fits;
  };
  if (folder !== '/') {
    const parent = dirOf(folder);
    const siblings = (await io.folders(parent).catch(() => [])).map(
      (f) => `${parent === '/' ? '' : parent}/${f}/${name}`,
    );
    const near = await same(siblings.filter((s) => dirOf(s) !== folder));
    if (near.length === 1) return near[0];
    if (near.length > 1) return undefined;
  }
  const far = await same(await io.search(name).catch(() => []));
  return far.length === 1 ? far[0] : undefined;
}
