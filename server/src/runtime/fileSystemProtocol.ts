/**
 * The requests a web server (runtime/webHost.ts) sends its client for file access, answered from
 * `vscode.workspace.fs` and `workspace.findFiles` (client/src/webFileSystem.ts). Paths are the server's
 * POSIX paths (the path of the `file:` URI the client maps the workspace onto). Types only, shared by both.
 */

/** `lighttpd/fileSystem`: answers for a batch of paths, in order. */
export const FILE_SYSTEM_REQUEST = 'lighttpd/fileSystem';
/** `lighttpd/findFiles`: the workspace scan (config files under a folder). */
export const FIND_FILES_REQUEST = 'lighttpd/findFiles';

/**
 * `read`: what the path is and, for a file, its text; `list`: what it is and, for a folder, its entries;
 * `resolve`: what it is and, for a symbolic link to a file, the path of the file it names (`target`).
 */
export interface FileQuery {
  readonly op: 'read' | 'list' | 'resolve';
  readonly path: string;
}

export type FileAnswer =
  /**
   * `text` is absent when the file was not read: larger than maxFileSize, unreadable, or not a `read` query.
   * `target` (a `resolve` query on a symbolic link): the file the link names, when it could be told.
   */
  | { readonly type: 'file'; readonly text?: string; readonly target?: string }
  /** `entries` (name, is a folder or a link to one) only for a `list` query; at most maxEntries. */
  | {
      readonly type: 'directory';
      readonly entries?: readonly (readonly [name: string, isDirectory: boolean])[];
      readonly incomplete?: boolean;
    }
  | { readonly type: 'none' };

export interface FileSystemParams {
  readonly queries: readonly FileQuery[];
  readonly maxFileSize: number;
  readonly maxEntries: number;
}

export interface FindFilesParams {
  /** The folder searched (a workspace folder's path). */
  readonly folder: string;
  /** Globs relative to the folder. */
  readonly patterns: readonly string[];
  /** Folders never searched (globs). */
  readonly exclude: readonly string[];
  readonly limit: number;
}
