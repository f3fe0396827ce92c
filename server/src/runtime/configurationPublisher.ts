/**
 * What the editor shows of a whole configuration (as rust-analyzer and the TypeScript server do for a
 * project): when an open document is checked, every file its main config(s) read is published too, open
 * or not, and the include lines get one `included-problems` summary each. A file that is open is published
 * by its own check (its diagnostics hold for every config that includes it); the others get what their own
 * check would give if they were opened. Published files are cleared when no checked configuration reads
 * them any more or the last open document of the configuration is closed. At most `maxFiles` files per
 * configuration (the main config first, then in the order lighttpd reads them).
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { SEVERITY } from '../features/diagnostics/diagnostics';
import { summarizeIncludedProblems } from '../features/diagnostics/includedProblems';
import type { LanguageService, LanguageSettings } from '../service';

export interface PublisherDeps {
  readonly service: LanguageService;
  settings(): LanguageSettings;
  /** Most files published per configuration. */
  maxFiles(): number;
  /** Changes whenever anything a result may depend on changes (ConfigWorkspace.generation). */
  generation(): number;
  /** Canonical path of an open document, when it is open (open documents publish themselves). */
  isOpen(path: string): boolean;
  send(uri: string, diagnostics: Diagnostic[]): void;
  /** Reports a failure (the guard) and returns the fallback. */
  guard<T>(what: string, uri: string | undefined, fallback: T, fn: () => T): T;
}

interface Published {
  readonly key: string;
  /** uri -> diagnostics of the files this configuration publishes (not open). */
  readonly files: Map<string, Diagnostic[]>;
  /** path -> summaries on its include lines. */
  readonly summaries: Map<string, Diagnostic[]>;
}

export class ConfigurationPublisher {
  /** Per root config: what it publishes. */
  private readonly configs = new Map<string, Published>();
  /** Per open document (uri): the roots it was last checked in. */
  private readonly rootsOf = new Map<string, readonly string[]>();
  /** uri -> the diagnostics last sent for it by this publisher (JSON), to send only changes. */
  private readonly sent = new Map<string, string>();
  private settingsNo = 0;

  constructor(private readonly deps: PublisherDeps) {}

  /**
   * An open document was checked in `roots`: publishes those configurations and returns the summaries
   * for the document's own include lines (the caller publishes them with its diagnostics).
   */
  checked(uri: string, path: string | undefined, roots: readonly string[]): Diagnostic[] {
    this.sent.delete(uri); // the document publishes itself
    this.rootsOf.set(uri, roots);
    for (const r of roots) this.refresh(r);
    this.sweep();
    if (!path) return [];
    const mine = new Map<string, Diagnostic>();
    for (const r of roots) {
      for (const d of this.configs.get(r)?.summaries.get(path) ?? []) {
        const k = `${d.range.start.line}:${d.range.start.character}`;
        const had = mine.get(k);
        if (!had || (d.relatedInformation?.length ?? 0) > (had.relatedInformation?.length ?? 0)) mine.set(k, d);
      }
    }
    return [...mine.values()];
  }

  /** An open document was closed: configurations no open document is checked in any more are cleared. */
  closed(uri: string): void {
    this.rootsOf.delete(uri);
    this.sent.delete(uri);
    this.sweep();
  }

  /** Everything is republished on the next check (settings changed). */
  settingsChanged(): void {
    this.settingsNo++;
  }

  private refresh(root: string): void {
    const settings = this.deps.settings();
    const max = this.deps.maxFiles();
    const key = `${this.deps.generation()}/${this.settingsNo}/${max}`;
    if (this.configs.get(root)?.key === key) return;
    const published: Published = { key, files: new Map(), summaries: new Map() };
    this.configs.set(root, published);
    if (max <= 0) return;
    const config = this.deps.guard('configuration check', undefined, undefined, () =>
      this.deps.service.validateConfiguration(root, settings),
    );
    if (!config) return;
    const files = config.files.slice(0, max);
    const publishedPaths = new Set(files.map((f) => f.path));
    const docs = new Map(config.files.map((f) => [f.path, f]));
    const level = settings.diagnostics?.severity?.['included-problems'];
    if (level !== 'off') {
      const texts = new Map<string, TextDocument>();
      const positionOf = (path: string, offset: number) => {
        const f = docs.get(path);
        if (!f) return undefined;
        let doc = texts.get(path);
        if (!doc) texts.set(path, (doc = TextDocument.create(f.uri, 'lighttpd', 0, f.text)));
        return doc.positionAt(offset);
      };
      // Every file is summed up; a published (or open) file shows its problems itself, so the summary only
      // points at them, and counts (has a severity) only for the files past maxFiles.
      const summaries = summarizeIncludedProblems(
        config,
        positionOf,
        level ? SEVERITY[level] : undefined,
        (path) => publishedPaths.has(path) || this.deps.isOpen(path),
      );
      for (const [p, ds] of summaries) published.summaries.set(p, ds);
    }
    for (const f of files) {
      if (this.deps.isOpen(f.path)) continue;
      const own = this.deps.guard('configuration check', f.uri, undefined, () =>
        this.deps.service.validateFile(f.path, settings),
      );
      published.files.set(f.uri, [...(own?.diagnostics ?? []), ...(published.summaries.get(f.path) ?? [])]);
    }
  }

  /** Sends what changed: the files of the configurations in use, and clears the files no longer read. */
  private sweep(): void {
    const inUse = new Set([...this.rootsOf.values()].flat());
    for (const r of [...this.configs.keys()]) if (!inUse.has(r)) this.configs.delete(r);
    const wanted = new Map<string, Diagnostic[]>();
    for (const c of this.configs.values()) {
      for (const [uri, ds] of c.files) if (!wanted.has(uri)) wanted.set(uri, ds);
    }
    for (const [uri, ds] of wanted) {
      const json = JSON.stringify(ds);
      if (this.sent.get(uri) === json) continue;
      this.sent.set(uri, json);
      this.deps.send(uri, ds);
    }
    for (const uri of [...this.sent.keys()]) {
      if (wanted.has(uri)) continue;
      this.sent.delete(uri);
      this.deps.send(uri, []);
    }
  }
}
