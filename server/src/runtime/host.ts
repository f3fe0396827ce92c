/**
 * What the server needs from the platform it runs on: the file system, the workspace scan, and the two
 * ways of running a program (include_shell, lighttpd -tt). The desktop host (node/nodeHost.ts) has them all; a
 * host without a runner (the web) simply never runs anything.
 */
import type { ConfigFileSystem } from '../analysis/fileSystem';
import type { LighttpdRunOptions, LighttpdRunResult } from '../node/lighttpdRunner';

export interface ServerHost {
  readonly fileSystem: ConfigFileSystem;
  /** Config files under a folder (absolute paths), for the workspace scan; `patterns` are globs. */
  findConfigFiles(folder: string, patterns?: readonly string[]): string[];
  /** Runs an include_shell command (only ever called in a trusted workspace with the setting on). */
  readonly runIncludeShell?: (command: string, cwd: string) => string | undefined;
  /** Runs `lighttpd -tt -f config` (the runner itself refuses when untrusted or disabled). */
  readonly runLighttpd?: (configPath: string, options: LighttpdRunOptions) => Promise<LighttpdRunResult>;
  /** The installed lighttpd's release (`lighttpd -v`; only asked in a trusted workspace). */
  readonly lighttpdVersion?: (executablePath: string) => Promise<string | undefined>;
  /** Reports errors outside every handler (a timer, a promise nobody awaits) instead of ending the server. */
  onUncaughtError?(report: (kind: string, error: unknown) => void): void;
  /*
   * A host whose file system answers later (the web, runtime/webHost.ts: the client reads the files) has
   * these; the desktop's answers at once and has none of them.
   */
  /** Whether file-system answers are on their way: results computed now may lack files. */
  readonly filesPending?: () => boolean;
  /** Resolves when no answer is pending any more (after the onDidChangeFiles listeners ran). */
  readonly whenFilesSettled?: () => Promise<void>;
  /** `listener` runs when new answers came in: the workspace is applied again and everything re-checked. */
  onDidChangeFiles?(listener: () => void): void;
  /** A watched file changed on disk: the host drops what it cached about it. */
  fileChanged?(path: string): void;
}

/** Config paths are POSIX paths. */
export const isAbsolutePath = (p: string): boolean => p.startsWith('/');

export function parentDir(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}
