/**
 * The file system of a server that cannot read files itself (the web: a worker with no disk). The
 * analysis is synchronous, so this answers from a cache: whatever the analysis asks that is not cached
 * yet (a file's text, a folder listing for a glob or a path completion, a workspace scan) answers
 * "missing" for now and is fetched in the background, all misses of one pass in one request to the
 * client (which reads `vscode.workspace.fs`). When a wave of answers is in, `onDidChange` listeners run
 * (the server then re-applies the workspace and re-checks the open documents), which may ask for the next
 * level of includes, and so on until nothing new is asked. While answers are on their way `pending()` is
 * true: the server does not publish diagnostics computed from an incomplete picture.
 *
 * Bounded like the desktop's reads (MAX_FILE_SIZE per file, MAX_GLOB_ENTRIES per glob, the analysis's own
 * limits on files per root and matches per glob), and in total: past MAX_CACHED_PATHS paths or
 * MAX_CACHED_CHARS characters of text, further paths are treated as missing (said once in the log).
 */
import {
  MAX_FILE_SIZE,
  MAX_GLOB_ENTRIES,
  type ConfigFileSystem,
  type DirectoryEntry,
  type GlobResult,
} from '../analysis/fileSystem';
import { globByListing } from '../analysis/globMatch';
import { isAbsolute } from '../paths';
import type { FileAnswer, FileQuery, FileSystemParams, FindFilesParams } from './fileSystemProtocol';
import { parentDir } from './host';

/** Where the answers come from (the client, over the connection). */
export interface FileSource {
  query(params: FileSystemParams): Promise<readonly FileAnswer[]>;
  findFiles(params: FindFilesParams): Promise<readonly string[]>;
}

export const MAX_CACHED_PATHS = 20_000;
export const MAX_CACHED_CHARS = 64 * 1024 * 1024;
/** Most queries in one request (a bigger wave is split). */
export const MAX_QUERIES_PER_REQUEST = 500;
/** Folders the workspace scan skips, as on the desktop (node/nodeFileSystem.ts findConfigFiles). */
export const SCAN_EXCLUDE = ['**/node_modules/**', '**/.git/**', '**/dist/**', '**/out/**'];
const DEFAULT_SCAN = ['**/*.conf'];

const NONE: FileAnswer = { type: 'none' };

export class PrefetchingFileSystem implements ConfigFileSystem {
  private readonly reads = new Map<string, FileAnswer>();
  private readonly lists = new Map<string, FileAnswer>();
  private readonly resolved = new Map<string, FileAnswer>();
  private readonly scans = new Map<string, { readonly params: FindFilesParams; readonly paths: readonly string[] }>();
  /** Queries asked for and not sent yet, by key; `asked`: sent and not answered. */
  private readonly wanted = new Map<string, FileQuery>();
  private readonly wantedScans = new Map<string, FindFilesParams>();
  private readonly asked = new Set<string>();
  private inFlight = 0;
  private flushQueued = false;
  private answered = false;
  private chars = 0;
  private full = false;
  private failed = false;
  private readonly listeners: (() => void)[] = [];
  private waiters: (() => void)[] = [];

  constructor(
    private readonly source: FileSource,
    private readonly log: (message: string) => void = () => undefined,
  ) {}

  // --- ConfigFileSystem ---------------------------------------------------------------------------

  readFile(path: string): string | undefined {
    const a = this.reads.get(path);
    if (a) return a.type === 'file' ? a.text : undefined;
    const l = this.lists.get(path);
    if (l && l.type !== 'file') return undefined; // known: not a file
    this.want('read', path);
    return undefined;
  }

  isFile(path: string): boolean {
    const a = this.reads.get(path) ?? this.lists.get(path);
    if (a) return a.type === 'file';
    this.want('read', path); // (its text is nearly always wanted next)
    return false;
  }

  glob(pattern: string, limit: number): GlobResult {
    if (!isAbsolute(pattern)) return [];
    return globByListing(pattern, limit, {
      isFile: (p) => this.isFile(p),
      list: (dir) => {
        const listing = this.listing(dir);
        return listing?.type === 'directory' && listing.entries
          ? { entries: listing.entries, incomplete: listing.incomplete }
          : undefined;
      },
    });
  }

  /**
   * The file a symbolic link names, as the client could tell it (runtime/linkTargets.ts: the editor's file
   * system has no realpath); until the answer is in, and for anything else, the path itself.
   */
  realPath(path: string): string {
    if (!isAbsolute(path)) return path;
    const a = this.resolved.get(path);
    if (a) return a.type === 'file' && a.target ? a.target : path;
    this.want('resolve', path);
    return path;
  }

  listDirectory(path: string, limit: number): DirectoryEntry[] | undefined {
    if (!isAbsolute(path)) return undefined;
    const l = this.listing(path);
    if (l?.type !== 'directory' || !l.entries) return undefined;
    return l.entries
      .map(([name, isDirectory]) => ({ name, isDirectory }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .slice(0, limit);
  }

  // --- the workspace scan ---------------------------------------------------------------------------

  /** Config files under a folder, as the desktop's scan finds them (at most `limit`, hidden paths skipped). */
  findConfigFiles(folder: string, patterns: readonly string[] = DEFAULT_SCAN, limit = 5000): string[] {
    const key = `scan:${limit}:${folder}\u0000${patterns.join('\u0000')}`;
    const hit = this.scans.get(key);
    if (!hit && !this.asked.has(key) && !this.wantedScans.has(key)) {
      this.wantedScans.set(key, { folder, patterns: [...patterns], exclude: SCAN_EXCLUDE, limit });
      this.queueFlush();
    }
    return hit ? [...hit.paths] : [];
  }

  // --- changes and waiting --------------------------------------------------------------------------

  /** A file changed, appeared or went away (a watched-files event): its answers are fetched again. */
  fileChanged(path: string): void {
    // (a folder's event stands for everything under it: a watcher reports a deleted folder, not its files)
    const dir = withSlash(path);
    for (const m of [this.reads, this.lists, this.resolved]) {
      for (const [p, a] of m) {
        if (p !== path && !p.startsWith(dir)) continue;
        if (a?.type === 'file' && a.text) this.chars -= a.text.length;
        m.delete(p);
      }
    }
    this.lists.delete(parentDir(path));
    // A scan of a folder holding the path answers as before until it is fetched again (meanwhile the
    // workspace adds or drops the file itself).
    for (const [key, { params }] of this.scans) {
      if (this.asked.has(key) || !path.startsWith(withSlash(params.folder))) continue;
      this.wantedScans.set(key, params);
      this.queueFlush();
    }
  }

  /** Whether answers asked for are still on their way. */
  pending(): boolean {
    return this.inFlight > 0 || this.wanted.size > 0 || this.wantedScans.size > 0;
  }

  /** Resolves once nothing is pending any more (after the onDidChange listeners of the last wave ran). */
  whenSettled(): Promise<void> {
    if (!this.pending()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** `listener` runs after each wave of answers (nothing in flight any more). */
  onDidChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  // --- fetching -------------------------------------------------------------------------------------

  private listing(dir: string): FileAnswer | undefined {
    const l = this.lists.get(dir);
    if (l) return l;
    const r = this.reads.get(dir);
    if (r && r.type !== 'directory') return r; // known: not a folder
    this.want('list', dir);
    return undefined;
  }

  private want(op: FileQuery['op'], path: string): void {
    const key = `${op}:${path}`;
    if (this.wanted.has(key) || this.asked.has(key)) return;
    if (this.reads.size + this.lists.size + this.resolved.size >= MAX_CACHED_PATHS || this.chars >= MAX_CACHED_CHARS) {
      if (!this.full) {
        this.full = true;
        this.log(
          `lighttpd: the configuration reads more than ${MAX_CACHED_PATHS} paths or ${MAX_CACHED_CHARS / 1024 / 1024} MiB through the editor's file system; further files are treated as missing.`,
        );
      }
      this.answers(op).set(path, NONE);
      return;
    }
    this.wanted.set(key, { op, path });
    this.queueFlush();
  }

  private queueFlush(): void {
    if (this.flushQueued) return;
    this.flushQueued = true;
    // After the current (synchronous) analysis: every miss of the pass goes in one request.
    void Promise.resolve().then(() => this.flush());
  }

  private flush(): void {
    this.flushQueued = false;
    const queries = [...this.wanted.entries()];
    this.wanted.clear();
    for (let i = 0; i < queries.length; i += MAX_QUERIES_PER_REQUEST) {
      const batch = queries.slice(i, i + MAX_QUERIES_PER_REQUEST);
      for (const [key] of batch) this.asked.add(key);
      this.track(
        this.source
          .query({ queries: batch.map(([, q]) => q), maxFileSize: MAX_FILE_SIZE, maxEntries: MAX_GLOB_ENTRIES })
          .then(
            (answers) => batch.forEach(([key, q], k) => this.store(key, q, answers[k])),
            (e: unknown) => {
              this.failure(e);
              for (const [key, q] of batch) this.store(key, q, NONE);
            },
          ),
      );
    }
    const scans = [...this.wantedScans.entries()];
    this.wantedScans.clear();
    for (const [key, params] of scans) {
      this.asked.add(key);
      this.track(
        this.source.findFiles(params).then(
          (paths) => this.storeScan(key, params, paths),
          (e: unknown) => {
            this.failure(e);
            this.storeScan(key, params, this.scans.get(key)?.paths ?? []);
          },
        ),
      );
    }
  }

  private track(p: Promise<void>): void {
    this.inFlight++;
    void p.finally(() => {
      this.inFlight--;
      this.answered = true;
      if (this.inFlight === 0) this.settle();
    });
  }

  private settle(): void {
    // (a listener may ask for more: then the waiters wait for that wave too)
    if (this.answered) {
      this.answered = false;
      for (const l of this.listeners) {
        try {
          l();
        } catch (e) {
          this.log(`lighttpd: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
    }
    if (this.pending()) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  private store(key: string, q: FileQuery, answer: FileAnswer | undefined): void {
    this.asked.delete(key);
    const a = sanitize(answer, q);
    if (a.type === 'file' && a.text) this.chars += a.text.length;
    this.answers(q.op).set(q.path, a);
  }

  private answers(op: FileQuery['op']): Map<string, FileAnswer> {
    return op === 'read' ? this.reads : op === 'list' ? this.lists : this.resolved;
  }

  private storeScan(key: string, params: FindFilesParams, paths: readonly string[]): void {
    this.asked.delete(key);
    const folder = withSlash(params.folder);
    // As the desktop's scan: no hidden files or folders (below the searched folder), sorted, bounded.
    const visible = paths.filter(
      (p) => typeof p === 'string' && p.startsWith(folder) && !p.slice(folder.length).split('/').some(isHidden),
    );
    this.scans.set(key, { params, paths: [...new Set(visible)].sort().slice(0, params.limit) });
  }

  private failure(e: unknown): void {
    if (this.failed) return;
    this.failed = true;
    this.log(
      `lighttpd: the editor did not answer a file-system request (${e instanceof Error ? e.message : String(e)}); the files asked for are treated as missing.`,
    );
  }
}

const isHidden = (segment: string) => segment.startsWith('.');
const withSlash = (folder: string) => (folder.endsWith('/') ? folder : folder + '/');

/** An answer as this side trusts it (the client is another program: bounds are checked again). */
function sanitize(a: FileAnswer | undefined, q: FileQuery): FileAnswer {
  if (!a || typeof a !== 'object') return NONE;
  if (a.type === 'file') {
    if (q.op === 'resolve') {
      const t = a.target;
      // (an absolute path without `.`/`..` segments, other than the link itself)
      const ok = typeof t === 'string' && t.startsWith('/') && t !== q.path && !/(^|\/)\.\.?(\/|$)/.test(t);
      return ok ? { type: 'file', target: t } : { type: 'file' };
    }
    const text = q.op === 'read' && typeof a.text === 'string' && a.text.length <= MAX_FILE_SIZE ? a.text : undefined;
    return text === undefined ? { type: 'file' } : { type: 'file', text };
  }
  if (a.type === 'directory') {
    if (q.op !== 'list' || !Array.isArray(a.entries)) return { type: 'directory' };
    const entries = a.entries
      .filter(
        (e): e is readonly [string, boolean] =>
          Array.isArray(e) && typeof e[0] === 'string' && e[0] !== '' && !e[0].includes('/'),
      )
      .slice(0, MAX_GLOB_ENTRIES)
      .map(([name, isDirectory]) => [name, isDirectory === true] as const);
    return { type: 'directory', entries, incomplete: a.incomplete === true || a.entries.length > MAX_GLOB_ENTRIES };
  }
  return NONE;
}
