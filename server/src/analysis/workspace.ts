/**
 * Multi-file configurations. A root is a main config file: one no other file includes (or one named by the
 * `lighttpd.rootFiles` setting). Each root is evaluated with all its includes, so that a fragment is
 * checked with the modules, variables and scope of the config that includes it.
 *
 * Open editors take precedence over the disk (`setOpenText`), so unsaved edits in an included file change
 * its root's results at once. Everything is recomputed lazily per "generation" (bumped on any change).
 */
import { basename, dirname } from '../paths';
import { parse, type ConfigFile } from '../parser';
import type { Include } from '../parser/ast';
import { reparse } from '../parser/incremental';
import { evaluate, type EvalValue, type Evaluation, type IncludeResolution, type IncludeResolver } from './evaluate';
import { hasGlob, type ConfigFileSystem } from './fileSystem';
import { includePath, resolveIncludeTargets, toResolution, type IncludeContext, type IncludeTargets } from './includes';
import { effectiveModules, type ModuleSet } from './modules';

export interface WorkspaceSettings {
  /** Absolute paths of the main config files; when set, no other file is a root. */
  readonly rootFiles?: readonly string[];
  /** Installed prefix -> folder holding the workspace copy, e.g. { "/etc/lighttpd": "/home/me/site/etc" }. */
  readonly pathMappings?: Readonly<Record<string, string>>;
  /** Most files one root may bring in through includes. */
  readonly maxFilesPerRoot?: number;
  /** Most files one include pattern may match. */
  readonly maxGlobMatches?: number;
  /**
   * Runs an include_shell command in `cwd` and returns its output, or undefined on failure. Only set when
   * the user enabled it in a trusted workspace; by default include_shell output is unknown.
   */
  readonly runShell?: (command: string, cwd: string) => string | undefined;
}

/** What an include statement read (ConfigWorkspace.includeRead). */
export interface IncludeRead {
  /** The absolute path or pattern it names, as lighttpd reads it (no mapping). */
  readonly path: string;
  readonly targets: IncludeTargets;
}

export interface RootAnalysis {
  readonly root: string;
  readonly file: ConfigFile;
  readonly evaluation: Evaluation;
  readonly modules: ModuleSet;
  /** True when the root looks like a complete main config (see looksLikeMain). */
  readonly main: boolean;
}

/** A main config names itself lighttpd.conf, or sets what lighttpd needs to start (server.document-root) or defines the module list. */
export function looksLikeMain(path: string, ev: Evaluation): boolean {
  const name = basename(path);
  if (name === 'lighttpd.conf' || name.endsWith('.lighttpd.conf')) return true;
  return ev.assignments.some(
    (a) =>
      a.scope === ev.global &&
      (a.node.key.fullName === 'server.document-root' ||
        (a.node.key.fullName === 'server.modules' && a.node.operator?.text !== '+=')),
  );
}

/** Distinct include_shell commands run per settings change, at most. */
export const MAX_SHELL_COMMANDS = 32;

const INCLUDE_WORD = /(^|[\s{])include(_shell)?[\s"(]/m;

export class ConfigWorkspace {
  private readonly overlay = new Map<string, string>();
  /** Disk contents read so far (undefined: missing); dropped when the file changes on disk. */
  private readonly disk = new Map<string, string | undefined>();
  private readonly parsed = new Map<string, { text: string; file: ConfigFile }>();
  private known = new Set<string>();
  /** The known files as the workspace folders list them (links not followed: the folders' own paths). */
  private listed = new Set<string>();
  /** The folders of the listed files and their ancestors, by folder name (see workspaceCopy); reset with `known`. */
  private foldersByName: { byName: Map<string, string[]>; listedDir: Map<string, string> } | undefined;
  private generationNo = 0;
  private readonly shellOutputs = new Map<string, string | undefined>();
  /** File-system answers (stat, glob, realpath) memoised until something changes on disk. */
  private readonly memo = new Map<string, unknown>();
  private graphCache:
    | { generation: number; analyses: Map<string, RootAnalysis>; includedBy: Map<string, string[]> }
    | undefined;
  /**
   * Root analyses kept across generations, so that an edit re-evaluates only the configs that read the
   * edited file. An entry holds as long as its root's parse is the same object and none of the files its
   * evaluation read changed: an edit of an open file drops the entries that read that file; anything else
   * (disk, settings, known files, an editor opened or closed: include lookups may answer differently)
   * drops them all.
   */
  private readonly rootCache = new Map<string, RootAnalysis>();
  /**
   * The last evaluation of each root whose analysis was dropped by an edit: its journal lets the next
   * evaluation replay the statements the edit did not affect (analysis/evaluate.ts `previous`).
   */
  private readonly replaced = new Map<string, Evaluation>();
  /**
   * What each include statement read, per main-config folder (a fragment's includes resolve against the
   * folder of the config that reads it): the path it names and its targets, mapping included.
   */
  private readonly includeReads = new WeakMap<Include, Map<string, IncludeRead>>();
  /** Whether a file's text contains an include (candidate root), by path, for the text it was tested on. */
  private readonly includesWord = new Map<string, { text: string; includes: boolean }>();

  constructor(
    private readonly fs: ConfigFileSystem,
    private settings: WorkspaceSettings = {},
  ) {}

  /** The file system the workspace reads (without open editors and memoisation). */
  get fileSystem(): ConfigFileSystem {
    return this.fs;
  }

  /** Changes whenever anything a result may depend on changes. */
  get generation(): number {
    return this.generationNo;
  }

  private bump(): void {
    this.generationNo++;
  }

  private remember<T>(key: string, compute: () => T): T {
    if (this.memo.has(key)) return this.memo.get(key) as T;
    const v = compute();
    this.memo.set(key, v);
    return v;
  }

  /** The file system as includes see it: open editors first, disk answers memoised. */
  private readonly view: ConfigFileSystem = {
    readFile: (p) => this.readText(p),
    isFile: (p) => this.overlay.has(p) || this.remember(`f:${p}`, () => this.fs.isFile(p)),
    glob: (pattern, limit) => this.remember(`g:${limit}:${pattern}`, () => this.fs.glob(pattern, limit)),
    realPath: (p) => this.canonical(p),
    // Not memoised: a folder gains files while the user writes the include that names them.
    listDirectory: (p, limit) => this.fs.listDirectory?.(p, limit),
  };

  canonical(path: string): string {
    return this.remember(`r:${path}`, () => this.fs.realPath(path));
  }

  setSettings(settings: WorkspaceSettings): void {
    this.settings = settings;
    this.shellOutputs.clear();
    this.rootCache.clear();
    this.replaced.clear();
    this.bump();
  }

  /** The config files found in the workspace folders (candidates for roots). */
  setKnownFiles(paths: Iterable<string>): void {
    this.memo.clear();
    this.disk.clear();
    this.rootCache.clear();
    this.replaced.clear();
    this.listed = new Set(paths);
    this.known = new Set([...this.listed].map((p) => this.canonical(p)));
    this.foldersByName = undefined;
    this.bump();
  }

  /** A file was created, changed or deleted on disk. */
  fileChanged(path: string, exists: boolean): void {
    const p = this.canonical(path);
    // A deletion of what the workspace never read and holds nothing under (the editor reports every deleted
    // path, e.g. a whole node_modules): nothing to forget.
    if (!exists && !this.knows(p) && !this.knows(path) && !this.holds(p) && !this.holds(path)) return;
    this.parsed.delete(p);
    this.disk.delete(p);
    this.disk.delete(path);
    this.memo.clear();
    this.rootCache.clear();
    this.replaced.clear();
    if (exists) this.known.add(p);
    else this.known.delete(p);
    if (exists) this.listed.add(path);
    else this.listed.delete(path);
    if (!exists) {
      // A folder that went away takes its files with it (a watcher reports only the folder).
      for (const set of [this.known, this.listed])
        for (const q of set) if (isUnder(q, p) || isUnder(q, path)) set.delete(q);
      for (const map of [this.parsed, this.disk])
        for (const q of map.keys()) if (isUnder(q, p) || isUnder(q, path)) map.delete(q);
    }
    this.foldersByName = undefined;
    this.bump();
  }

  /** Whether the workspace read, parsed or listed this path. */
  private knows(path: string): boolean {
    return this.known.has(path) || this.listed.has(path) || this.parsed.has(path) || this.disk.has(path);
  }

  /** Whether the workspace knows a file under this path taken as a folder. */
  private holds(dir: string): boolean {
    for (const set of [this.known, this.listed, this.parsed.keys(), this.disk.keys()])
      for (const q of set) if (isUnder(q, dir)) return true;
    return false;
  }

  /** Text of an open editor (undefined when it is closed: the disk counts again). */
  setOpenText(path: string, text: string | undefined): void {
    const p = this.canonical(path);
    if (text === undefined) {
      if (this.overlay.delete(p)) {
        this.rootCache.clear();
        this.replaced.clear();
        this.bump();
      }
    } else if (this.overlay.get(p) !== text) {
      if (this.overlay.has(p)) {
        // Only the text changed: the configs that did not read this file keep their analyses.
        for (const [root, a] of this.rootCache) {
          if (root !== p && !a.evaluation.includedPaths.has(p)) continue;
          this.rootCache.delete(root);
          this.replaced.set(root, a.evaluation);
        }
      } else {
        this.rootCache.clear();
        this.replaced.clear();
      }
      this.overlay.set(p, text);
      this.bump();
    }
  }

  readText(path: string): string | undefined {
    const open = this.overlay.get(path);
    if (open !== undefined) return open;
    if (!this.disk.has(path)) this.disk.set(path, this.fs.readFile(path));
    return this.disk.get(path);
  }

  /** The parse of a file, shared by every root that includes it (cached by text). */
  parseFile(path: string): ConfigFile | undefined {
    const text = this.readText(path);
    if (text === undefined) return undefined;
    const hit = this.parsed.get(path);
    if (hit && hit.text === text) return hit.file;
    // An edit of an open file: parse only what the edit touched.
    const file = hit ? reparse(hit, text) : parse(text);
    this.parsed.set(path, { text, file });
    return file;
  }

  /** How includes of a main config in `mainDir` are looked up (path mappings, open editors, memoised disk). */
  includeContext(mainDir: string): IncludeContext {
    const pathMappings = Object.entries(this.settings.pathMappings ?? {}).sort((a, b) => b[0].length - a[0].length);
    return { mainDir, pathMappings, fs: this.view, maxGlobMatches: this.settings.maxGlobMatches ?? 1000 };
  }

  /**
   * What an include statement read when it was last evaluated for a main config in `mainDir`: the path it
   * names (before mappings) and its targets (with the mapping that redirected it); undefined when it was not
   * evaluated there or its operand is not a string.
   */
  includeRead(inc: Include, mainDir: string): IncludeRead | undefined {
    return this.includeReads.get(inc)?.get(mainDir);
  }

  /** An include resolver for a main config in `mainDir`. */
  resolver(mainDir: string): IncludeResolver {
    const ctx = this.includeContext(mainDir);
    return (inc, operand, from) => {
      if (inc.kind === 'include_shell') {
        // (a string without its closing quote is a syntax error: lighttpd would stop before running it)
        const parts = inc.operand?.kind === 'concat' ? inc.operand.operands : inc.operand ? [inc.operand] : [];
        if (parts.some((v) => v.kind === 'string' && !v.terminated)) return undefined;
        return this.shellResolution(operand, mainDir, from.path);
      }
      const targets = resolveIncludeTargets(operand, ctx);
      const res = toResolution(targets, (p) => {
        const path = this.canonical(p);
        const file = this.parseFile(path);
        return file ? { path, file } : undefined;
      });
      const named = operand.type === 'string' || operand.type === 'integer' ? String(operand.value) : undefined;
      if (named !== undefined && targets) {
        let byDir = this.includeReads.get(inc);
        if (!byDir) this.includeReads.set(inc, (byDir = new Map()));
        byDir.set(mainDir, { path: includePath(named, mainDir), targets });
      }
      // (only an absolute operand names an installed place; a relative one is the main config's folder)
      const copy =
        res && targets && named?.startsWith('/') && this.workspaceCopy(includePath(named, mainDir), targets, ctx);
      return copy ? { ...res, copy } : res;
    };
  }

  /**
   * A workspace copy of what an absolute include reads from this machine: when the include reads no workspace
   * file (it resolves outside the workspace, or to nothing) and no path mapping applied, the mapping of a prefix
   * of its path (`/etc/lighttpd`) to the main config's folder or to a workspace folder of the same name
   * (`<ws>/etc/lighttpd`), under which it matches workspace files (see below for which prefix); undefined when there
   * is none.
   */
  private workspaceCopy(
    path: string,
    targets: IncludeTargets,
    ctx: IncludeContext,
  ): { from: string; to: string } | undefined {
    if (!path.startsWith('/') || this.known.size === 0) return undefined;
    if ('paths' in targets && (targets.via || targets.paths.some((p) => this.known.has(this.canonical(p)))))
      return undefined;
    const parts = path.split('/').filter(Boolean);
    const literal = parts.findIndex(hasGlob);
    const last = Math.min(parts.length - 2, literal < 0 ? Infinity : literal - 1);
    const { byName, listedDir } = (this.foldersByName ??= this.indexFolders());
    // (the main config's folder as the workspace folders list it: the mapping then reads like the folder)
    const mainDir = listedDir.get(ctx.mainDir) ?? ctx.mainDir;
    // The longest copy (the shortest prefix) of at least two folders, `/etc/lighttpd` rather than
    // `/etc/lighttpd/conf-enabled`; a top folder (`/etc`) only when no longer prefix has a copy.
    const order = [...Array(Math.max(last, 0)).keys()].map((i) => i + 1).concat(last >= 0 ? [0] : []);
    for (const c of order) {
      const from = '/' + parts.slice(0, c + 1).join('/');
      // The main config's own folder (a copy of /etc/lighttpd in ~/lighttpd-copy/), else a folder named like
      // the prefix's last folder (<ws>/etc/lighttpd).
      for (const to of [mainDir, ...(byName.get(parts[c]) ?? [])]) {
        // (a folder is no copy of itself, nor of a folder inside or around it: `lighttpd-lint DIR/lighttpd.conf`
        // whose include names DIR's own absolute path reads the real files, whatever DIR is called)
        const real = this.canonical(to);
        if ([to, real].some((t) => t === from || from.startsWith(t + '/') || t.startsWith(from + '/'))) continue;
        const copy = to + path.slice(from.length);
        const found = hasGlob(copy) ? this.view.glob(copy, ctx.maxGlobMatches) : this.view.isFile(copy) ? [copy] : [];
        if (found.some((f) => this.known.has(this.canonical(f)))) return { from, to };
      }
    }
    return undefined;
  }

  private indexFolders(): { byName: Map<string, string[]>; listedDir: Map<string, string> } {
    const dirs = new Set<string>();
    const listedDir = new Map<string, string>();
    for (const k of this.listed) listedDir.set(dirname(this.canonical(k)), dirname(k));
    for (const k of this.listed)
      for (let d = dirname(k); d !== '/' && d !== '' && d !== '.' && !dirs.has(d); d = dirname(d)) dirs.add(d);
    const byName = new Map<string, string[]>();
    for (const d of [...dirs].sort()) {
      const name = basename(d);
      const list = byName.get(name);
      if (list) list.push(d);
      else byName.set(name, [d]);
    }
    return { byName, listedDir };
  }

  /**
   * The output of an include_shell, parsed, when running it is enabled (cached per command and folder).
   * Only commands as saved on disk run: never one from an editor's unsaved text, which may be half typed
   * (`rm -rf /home/` on the way to `rm -rf /home/me/build`). At most MAX_SHELL_COMMANDS distinct commands
   * run per settings change (each may take up to its timeout while the analysis waits).
   */
  private shellResolution(operand: EvalValue, cwd: string, inFile: string): IncludeResolution | undefined {
    const run = this.settings.runShell;
    if (!run || (operand.type !== 'string' && operand.type !== 'integer')) return undefined;
    const open = this.overlay.get(inFile);
    if (open !== undefined && open !== this.fs.readFile(inFile)) return undefined;
    const command = String(operand.value);
    const key = `${cwd}\u0000${command}`;
    if (!this.shellOutputs.has(key)) {
      if (this.shellOutputs.size >= MAX_SHELL_COMMANDS) return undefined;
      this.shellOutputs.set(key, run(command, cwd));
    }
    const out = this.shellOutputs.get(key);
    if (out === undefined) return undefined;
    return { files: [{ path: `include_shell:${command}`, file: parse(out) }] };
  }

  /** Evaluates one file as a main config, with everything it includes (or the analysis kept from before). */
  analyzeRoot(root: string, file = this.parseFile(root)): RootAnalysis | undefined {
    if (!file) return undefined;
    const hit = this.rootCache.get(root);
    if (hit && hit.file === file) return hit;
    // The previous evaluation of this root, when the edit left it behind (consumed by the new one).
    const previous = this.replaced.get(root);
    this.replaced.delete(root);
    const a = this.evaluateRoot(root, file, previous);
    this.rootCache.set(root, a);
    return a;
  }

  /**
   * Evaluates another text of the main config at `root` (e.g. its last commit) with the includes as they
   * are now; nothing is cached (the routing diff in the editor).
   */
  evaluateText(root: string, text: string): Evaluation {
    return evaluate(parse(text), {
      path: root,
      resolveInclude: this.resolver(dirname(root)),
      maxIncludedFiles: this.settings.maxFilesPerRoot ?? 2000,
    });
  }

  private evaluateRoot(root: string, file: ConfigFile, previous: Evaluation | undefined): RootAnalysis {
    const evaluation = evaluate(file, {
      journal: true,
      previous,
      path: root,
      resolveInclude: this.resolver(dirname(root)),
      maxIncludedFiles: this.settings.maxFilesPerRoot ?? 2000,
    });
    return {
      root,
      file,
      evaluation,
      modules: effectiveModules(evaluation),
      main: this.isExplicitRoot(root) || looksLikeMain(root, evaluation),
    };
  }

  isExplicitRoot(path: string): boolean {
    return !!this.settings.rootFiles?.some((r) => this.canonical(r) === path);
  }

  private graph(): { analyses: Map<string, RootAnalysis>; includedBy: Map<string, string[]> } {
    if (this.graphCache?.generation === this.generationNo) return this.graphCache;
    const explicit = this.settings.rootFiles?.map((p) => this.canonical(p));
    // Only files that include something can bring fragments in; only they need evaluating here.
    const candidates =
      explicit ?? [...new Set([...this.known, ...this.overlay.keys()])].filter((p) => this.mayInclude(p));
    const analyses = new Map<string, RootAnalysis>();
    for (const c of candidates.sort()) {
      const a = this.analyzeRoot(c);
      if (a) analyses.set(c, a);
    }
    // A candidate included by another candidate is not a root (unless named explicitly).
    // Files that include each other (a cycle) stay roots, so that the cycle is reported somewhere.
    if (!explicit) {
      const includes = (a: string, b: string) => analyses.get(a)?.evaluation.includedPaths.has(b) ?? false;
      const notRoots = [...analyses.keys()].filter((c) =>
        [...analyses.keys()].some((o) => o !== c && includes(o, c) && !includes(c, o)),
      );
      for (const c of notRoots) analyses.delete(c);
    }
    const includedBy = new Map<string, string[]>();
    for (const [root, a] of analyses) {
      for (const p of a.evaluation.includedPaths) {
        if (p === root) continue;
        includedBy.set(p, [...(includedBy.get(p) ?? []), root]);
      }
    }
    this.graphCache = { generation: this.generationNo, analyses, includedBy };
    return this.graphCache;
  }

  /** The file's text has an include (tested once per text). */
  private mayInclude(path: string): boolean {
    const text = this.readText(path);
    if (text === undefined) return false;
    const hit = this.includesWord.get(path);
    if (hit?.text === text) return hit.includes;
    const includes = INCLUDE_WORD.test(text);
    this.includesWord.set(path, { text, includes });
    return includes;
  }

  /** The roots that include `path` (directly or through other files), evaluated. */
  rootsIncluding(path: string): RootAnalysis[] {
    const g = this.graph();
    return (g.includedBy.get(path) ?? []).map((r) => g.analyses.get(r)!).filter(Boolean);
  }

  /** Every root, evaluated. */
  roots(): RootAnalysis[] {
    return [...this.graph().analyses.values()];
  }
}

/** Whether `path` lies inside the folder `dir`. */
function isUnder(path: string, dir: string): boolean {
  return path.startsWith(dir.endsWith('/') ? dir : dir + '/');
}
