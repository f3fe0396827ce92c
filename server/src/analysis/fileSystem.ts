/**
 * The file system as the multi-file analysis sees it: bounded reads and lighttpd-style globs.
 * An interface, so that tests, the editor's unsaved buffers and the web (runtime/remoteFileSystem.ts:
 * the client's workspace.fs) can stand in for the disk. Node's adapter is node/nodeFileSystem.ts.
 * Platform-free: nothing here imports a Node module.
 */
import { join } from '../paths';

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

/** A file system with no files (a document on its own, with nothing to read). */
export const NO_FILES: ConfigFileSystem = {
  readFile: () => undefined,
  isFile: () => false,
  glob: () => [],
  realPath: (path) => path,
};

/**
 * A joined path that keeps forward slashes (config paths are POSIX paths). Under a Windows drive path
 * (`c:/x`, only ever seen on Windows) a backslash separates too, as Node's path.join has it there.
 */
export function joinPath(dir: string, rel: string): string {
  return /^[A-Za-z]:/.test(dir) ? join(dir.replace(/\\/g, '/'), rel.replace(/\\/g, '/')) : join(dir, rel);
}
