/**
 * When documents are checked: debounced per document, a check always on the latest version, and the
 * policy of what a change can affect (the document itself and the open documents whose configuration
 * reads it). What a check does is the caller's (`run`).
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';

export interface SchedulerDeps {
  /** The open documents. */
  all(): readonly TextDocument[];
  /** Checks the latest version of `uri` and publishes the result; with `cascade`, may schedule others. */
  run(uri: string, cascade: boolean): void;
  /** The canonical path of a document's file (symlinks resolved), or undefined for a non-file URI. */
  canonicalOf(uri: string): string | undefined;
  /** The files a document's last check read (canonical paths), or undefined when it was not checked. */
  dependenciesOf(uri: string): ReadonlySet<string> | undefined;
}

export class CheckScheduler {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /**
   * Until `release()`, nothing is checked: the checks asked for wait (the settings are not known yet, and
   * diagnostics published with the defaults would flash and change a moment later).
   */
  private held: Set<string> | undefined;

  constructor(
    private readonly deps: SchedulerDeps,
    options: { readonly held?: boolean } = {},
  ) {
    if (options.held) this.held = new Set();
  }

  /** Runs the checks that waited for release (each once, on its latest version) and stops holding. */
  release(): void {
    const waiting = this.held;
    this.held = undefined;
    for (const uri of waiting ?? []) this.deps.run(uri, true);
  }

  /** Whether a check of `uri` is waiting. */
  pending(uri: string): boolean {
    return this.timers.has(uri);
  }

  /** Marks the check of `uri` as started (its timer, if any, is gone). */
  started(uri: string): void {
    this.timers.delete(uri);
  }

  schedule(doc: TextDocument, delay: number, cascade = true): void {
    this.cancel(doc.uri);
    if (this.held) return void this.held.add(doc.uri);
    if (delay <= 0) return this.deps.run(doc.uri, cascade);
    this.timers.set(
      doc.uri,
      setTimeout(() => this.deps.run(doc.uri, cascade), delay),
    );
  }

  cancel(uri: string): void {
    const t = this.timers.get(uri);
    if (t) clearTimeout(t);
    this.timers.delete(uri);
  }

  /** Re-checks every open document (settings, trust, files changed on disk: anything may differ). */
  scheduleAll(delay: number): void {
    for (const d of this.deps.all()) this.schedule(d, delay);
  }

  /**
   * Re-checks what a new text of `changed` can affect: itself, and the open documents whose last check
   * read it (it is, or is included by, their main config). The others keep their diagnostics; documents
   * it starts to include are found when it is checked (see `cascadeFrom`).
   */
  scheduleAffected(changed: TextDocument, delay: number): void {
    const path = this.deps.canonicalOf(changed.uri);
    for (const d of this.deps.all()) {
      if (d.uri === changed.uri) this.schedule(d, delay);
      else if (path && (this.deps.dependenciesOf(d.uri)?.has(path) ?? true)) this.schedule(d, delay);
    }
  }

  /**
   * After `uri` was checked: the open documents it now reads that were computed without it (it has just
   * started to include them) are checked next; their own check does not cascade again.
   */
  cascadeFrom(uri: string): void {
    const self = this.deps.canonicalOf(uri);
    const deps = self && this.deps.dependenciesOf(uri);
    if (!self || !deps) return;
    for (const d of this.deps.all()) {
      const p = d.uri === uri || this.timers.has(d.uri) ? undefined : this.deps.canonicalOf(d.uri);
      if (!p || !deps.has(p) || this.deps.dependenciesOf(d.uri)?.has(self)) continue;
      this.schedule(d, 0, false);
    }
  }
}
