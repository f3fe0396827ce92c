/**
 * The desktop's file system (ConfigFileSystem over node:fs, globs by tinyglobby) and the workspace scan.
 * Only the Node host, the CLI and tests import it: the language service itself is platform-free.
 */
import * as fs from 'node:fs';
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { globSync } from 'tinyglobby';
import { matchSegment } from './globMatch';
import {
  MAX_FILE_SIZE,
  MAX_GLOB_ENTRIES,
  splitGlob,
  type ConfigFileSystem,
  type DirectoryEntry,
  type GlobResult,
} from './fileSystem';

/**
 * A file-system adapter for tinyglobby that stops listing directories after `max` entries, and notes the
 * links to missing files it lists (tinyglobby drops them; glob(3), and so lighttpd, lists them).
 */
function budgetedFs(max: number): {
  adapter: { readdirSync: typeof fs.readdirSync };
  exceeded: () => boolean;
  dangling: string[];
} {
  let left = max;
  let cut = false;
  const dangling: string[] = [];
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
    for (const e of entries as fs.Dirent[]) {
      if (typeof e === 'object' && e.isSymbolicLink?.() && !fs.existsSync(join(String(path), e.name)))
        dangling.push(join(String(path), e.name));
    }
    return entries;
  }) as typeof fs.readdirSync;
  return { adapter: { readdirSync }, exceeded: () => cut, dangling };
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
      // Every name that matches, as glob(3) lists it: directories and links to missing files too (lighttpd
      // then refuses to start: "opening configfile ... failed"; includes.ts reports them).
      found = globSync(restPattern, {
        cwd: base,
        absolute: true,
        onlyFiles: false,
        dot: false,
        deep,
        expandDirectories: false,
        fs: budget.adapter,
      });
    } catch {
      return [];
    }
    // (tinyglobby may list the base folder itself for a pattern such as `[!a]`: glob(3) never does.)
    found = found.filter((p) => p.replace(/(.)\/$/, '$1') !== base);
    // Links to missing files that the pattern matches, segment by segment.
    const segments = restPattern.split('/');
    for (const d of budget.dangling) {
      const parts = relative(base, d).split(sep);
      if (parts.length === segments.length && parts.every((p, i) => matchSegment(segments[i], p))) found.push(d);
    }
    const result: GlobResult = found
      .map((p) => (sep === '/' ? p : p.split(sep).join('/')).replace(/(.)\/$/, '$1'))
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
