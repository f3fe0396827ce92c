/**
 * The file system as the multi-file analysis sees it: bounded reads and lighttpd-style globs.
 * An interface, so that tests and the editor's unsaved buffers can stand in for the disk.
 */
import * as fs from 'node:fs';
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, sep } from 'node:path';
import { globSync } from 'tinyglobby';

export interface ConfigFileSystem {
  /** Text of a regular file, or undefined when it does not exist, is unreadable or exceeds MAX_FILE_SIZE. */
  readFile(path: string): string | undefined;
  isFile(path: string): boolean;
  /**
   * Absolute paths matching a glob pattern, sorted as glob(3) does; at most `limit` (+1 to signal more).
   * `incomplete` is set when the search stopped early (MAX_GLOB_ENTRIES): then more files may match.
   */
  glob(pattern: string, limit: number): GlobResult;
  /** The canonical path (symlinks resolved), or the path itself when it cannot be resolved. */
  realPath(path: string): string;
  /**
   * The entries of a directory (for completing include paths): at most `limit`, sorted by name; undefined
   * when it is not a readable directory. Optional: a file system without it offers no path completion.
   */
  listDirectory?(path: string, limit: number): DirectoryEntry[] | undefined;
}

export interface DirectoryEntry {
  readonly name: string;
  /** A directory, or a symbolic link to one. */
  readonly isDirectory: boolean;
}

export type GlobResult = string[] & { incomplete?: boolean };

/** lighttpd refuses config files larger than 32 MiB (src/configfile.c). */
export const MAX_FILE_SIZE = 32 * 1024 * 1024;

/**
 * Most directory entries one glob (or one workspace scan) may list: an include with a wildcard at every
 * level of an absolute path would otherwise walk most of the disk while the server waits (six levels took
 * 30 s on a plain system).
 */
export const MAX_GLOB_ENTRIES = 100_000;

/** A file-system adapter for tinyglobby that stops listing directories after `max` entries. */
function budgetedFs(max: number): { adapter: { readdirSync: typeof fs.readdirSync }; exceeded: () => boolean } {
  let left = max;
  let cut = false;
  const readdirSync = ((path: fs.PathLike, options?: unknown) => {
    if (left <= 0) {
      cut = true;
      return [];
    }
    let entries = fs.readdirSync(path, options as { withFileTypes: true }) as unknown[];
    if (entries.length > left) {
      cut = true;
      entries = entries.slice(0, left);
    }
    left -= entries.length;
    return entries;
  }) as typeof fs.readdirSync;
  return { adapter: { readdirSync }, exceeded: () => cut };
}

const GLOB_CHARS = /[*?[\]{}]/;

export function hasGlob(path: string): boolean {
  return GLOB_CHARS.test(path);
}

/**
 * Splits an absolute pattern into the directory before its first glob segment and the rest,
 * e.g. /etc/lighttpd/conf-enabled/*.conf -> [/etc/lighttpd/conf-enabled, *.conf].
 */
export function splitGlob(pattern: string): [base: string, rest: string] {
  const parts = pattern.split('/');
  const i = parts.findIndex((p) => GLOB_CHARS.test(p));
  if (i < 0) return [pattern, ''];
  return [parts.slice(0, i).join('/') || '/', parts.slice(i).join('/')];
}

export const nodeFileSystem: ConfigFileSystem = {
  readFile(path) {
    try {
      const st = statSync(path);
      if (!st.isFile() || st.size > MAX_FILE_SIZE) return undefined;
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  },
  isFile(path) {
    try {
      return statSync(path).isFile();
    } catch {
      return false;
    }
  },
  glob(pattern, limit) {
    if (!isAbsolute(pattern)) return [];
    const [base, rest] = splitGlob(pattern);
    if (!rest) return nodeFileSystem.isFile(base) ? [base] : [];
    // glob(3) has no recursive `**`: it is a plain `*`. Bounding the depth to the pattern's segments also
    // keeps symlink loops from being followed.
    const restPattern = rest.replace(/\*\*+/g, '*');
    const deep = restPattern.split('/').length;
    const budget = budgetedFs(MAX_GLOB_ENTRIES);
    let found: string[];
    try {
      found = globSync(restPattern, {
        cwd: base,
        absolute: true,
        onlyFiles: true,
        dot: false,
        deep,
        expandDirectories: false,
        fs: budget.adapter,
      });
    } catch {
      return [];
    }
    const result: GlobResult = found
      .map((p) => (sep === '/' ? p : p.split(sep).join('/')))
      .sort()
      .slice(0, limit + 1);
    if (budget.exceeded()) result.incomplete = true;
    return result;
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

/** A joined path that keeps forward slashes (config paths are POSIX paths). */
export function joinPath(dir: string, rel: string): string {
  return join(dir, rel).split(sep).join('/');
}

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
      fs: budgetedFs(MAX_GLOB_ENTRIES * 5).adapter,
    })
      .sort()
      .slice(0, limit);
  } catch {
    return [];
  }
}
