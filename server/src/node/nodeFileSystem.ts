/**
 * The desktop's file system (ConfigFileSystem over node:fs; include globs as analysis/globMatch.ts walks them) and
 * the workspace scan (tinyglobby).
 * Only the Node host, the CLI and tests import it: the language service itself is platform-free.
 */
import * as fs from 'node:fs';
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { globSync } from 'tinyglobby';
import { globByListing, type GlobListing } from '../analysis/globMatch';
import { MAX_FILE_SIZE, MAX_GLOB_ENTRIES, type ConfigFileSystem, type DirectoryEntry } from '../analysis/fileSystem';

/** A file-system adapter for tinyglobby (the workspace scan) that stops listing directories after `max` entries. */
function budgetedFs(max: number): { readdirSync: typeof fs.readdirSync } {
  let left = max;
  const readdirSync = ((path: fs.PathLike, options?: unknown) => {
    if (left <= 0) return [];
    let entries = fs.readdirSync(path, options as { withFileTypes: true }) as unknown[];
    if (entries.length > left) entries = entries.slice(0, left);
    left -= entries.length;
    return entries;
  }) as typeof fs.readdirSync;
  return { readdirSync };
}

/**
 * A folder's entries for an include glob, read entry by entry up to MAX_GLOB_ENTRIES (a folder with a million
 * files costs no more); a link counts as a folder when it leads to one, and a link to a missing file is listed
 * as a file (glob(3) lists it, and lighttpd then fails to open it).
 */
function listForGlob(path: string): GlobListing | undefined {
  let dir: fs.Dir | undefined;
  try {
    dir = fs.opendirSync(path);
    const entries: [string, boolean][] = [];
    for (let e = dir.readSync(); e; e = dir.readSync()) {
      if (entries.length >= MAX_GLOB_ENTRIES) return { entries, incomplete: true };
      let isDirectory = e.isDirectory();
      if (e.isSymbolicLink()) {
        try {
          isDirectory = statSync(join(path, e.name)).isDirectory();
        } catch {
          isDirectory = false;
        }
      }
      entries.push([e.name, isDirectory]);
    }
    return { entries };
  } catch {
    return undefined;
  } finally {
    try {
      dir?.closeSync();
    } catch {
      /* already closed */
    }
  }
}

/**
 * `include "/dev/null"` reads nothing, as lighttpd does. Other devices and pipes are never read (one could
 * block or never end): they count as missing.
 */
function isDevNull(path: string, st: fs.Stats): boolean {
  if (!st.isCharacterDevice()) return false;
  try {
    return realpathSync(path) === '/dev/null';
  } catch {
    return false;
  }
}

export const nodeFileSystem: ConfigFileSystem = {
  readFile(path) {
    try {
      const st = statSync(path);
      if (isDevNull(path, st)) return '';
      if (!st.isFile() || st.size > MAX_FILE_SIZE) return undefined;
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  },
  isFile(path) {
    try {
      const st = statSync(path);
      return st.isFile() || isDevNull(path, st);
    } catch {
      return false;
    }
  },
  glob(pattern, limit) {
    if (!isAbsolute(pattern)) return [];
    return globByListing(pattern, limit, { isFile: (p) => nodeFileSystem.isFile(p), list: listForGlob });
  },
  realPath(path) {
    try {
      return realpathSync(path);
    } catch {
      return path;
    }
  },
  listDirectory(path, limit) {
    if (!isAbsolute(path)) return undefined;
    let dir: fs.Dir | undefined;
    try {
      // Read entry by entry: a directory with a million files costs `limit` entries, not a million.
      dir = fs.opendirSync(path);
      const out: DirectoryEntry[] = [];
      for (let e = dir.readSync(); e && out.length < limit; e = dir.readSync()) {
        let isDirectory = e.isDirectory();
        if (e.isSymbolicLink()) {
          try {
            isDirectory = statSync(join(path, e.name)).isDirectory();
          } catch {
            continue;
          }
        }
        out.push({ name: e.name, isDirectory });
      }
      return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch {
      return undefined;
    } finally {
      try {
        dir?.closeSync();
      } catch {
        /* already closed */
      }
    }
  },
};

/**
 * Config files under a folder (`*.conf`, plus patterns such as root-file globs), skipping dependency and
 * VCS folders; at most `limit` paths.
 */
export function findConfigFiles(folder: string, patterns: readonly string[] = ['**/*.conf'], limit = 5000): string[] {
  try {
    return globSync([...patterns], {
      cwd: folder,
      absolute: true,
      onlyFiles: true,
      followSymbolicLinks: false,
      ignore: ['**/node_modules/**', '**/.git/**', '**/dist/**', '**/out/**'],
      // (a workspace folder may be a home directory: the scan lists a bounded number of entries)
      fs: budgetedFs(MAX_GLOB_ENTRIES * 5),
    })
      .sort()
      .slice(0, limit);
  } catch {
    return [];
  }
}
