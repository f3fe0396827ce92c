/**
 * lighttpd.validate.executable: on save, `lighttpd -tt` on the main config that includes the saved file
 * (the file itself when none does), and what it printed mapped onto the open documents (source
 * `lighttpd`). Only in a trusted workspace with the setting on; a host without a runner never runs it.
 * When a path mapping redirects an absolute include of the configuration to a workspace copy, lighttpd runs
 * on a scratch mirror with those includes rewritten (analysis/scratchCopy.ts), so that it reads the files we
 * check, not this machine's installed ones. Every run is logged (`log`, the Output channel): the command,
 * the main config, the redirected includes, the files read, the exit status and the duration.
 */
import type { Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ConfigWorkspace } from '../analysis/workspace';
import type { LanguageService } from '../service';
import type { ServerSettings } from '../settings';
import { uriToPath } from '../uri';
import { planScratchCopy, type ScratchCopyPlan } from '../analysis/scratchCopy';
import type { Guard } from './guard';
import type { LighttpdRunResult } from '../node/lighttpdRunner';
import { parentDir, type ServerHost } from './host';

export interface LighttpdOnSaveDeps {
  readonly host: ServerHost;
  readonly workspace: ConfigWorkspace;
  readonly service: LanguageService;
  readonly guard: Guard;
  settings(): ServerSettings;
  trusted(): boolean;
  documents(): readonly TextDocument[];
  /** Re-publishes a document's diagnostics (ours plus what lighttpd said). */
  recheck(doc: TextDocument): void;
  /** A line for the Output channel (what ran, on what, and what it answered). */
  log?(message: string): void;
}

export class LighttpdOnSave {
  /** What the last `lighttpd -tt` run reported, per open document. */
  private readonly reported = new Map<string, Diagnostic[]>();

  constructor(private readonly deps: LighttpdOnSaveDeps) {}

  /** What lighttpd said about an open document at its last run (empty when it did not run). */
  diagnosticsOf(uri: string): readonly Diagnostic[] {
    return this.reported.get(uri) ?? [];
  }

  forget(uri: string): void {
    this.reported.delete(uri);
  }

  /** Drops every result when the run is no longer wanted (setting off, trust revoked). */
  settingsChanged(): void {
    if (!this.deps.settings().validateExecutable || !this.deps.trusted()) this.reported.clear();
  }

  async saved(saved: TextDocument): Promise<void> {
    if (this.deps.settings().validateExecutable) await this.run(saved);
  }

  /**
   * The command "Check with lighttpd now": the same run as on save, asked for by the user, so it does not
   * wait for lighttpd.validate.executable; a trusted workspace is still required (lighttpd runs the config's
   * include_shell commands), and a host without a runner runs nothing.
   */
  async runNow(doc: TextDocument): Promise<LighttpdCheckSummary> {
    if (!this.deps.trusted()) return { ran: false, reason: 'untrusted' };
    if (!this.deps.host.runLighttpd || !uriToPath(doc.uri)) return { ran: false, reason: 'unavailable' };
    return (await this.run(doc)) ?? { ran: false, reason: 'unavailable' };
  }

  /** The files lighttpd read for `root`: those of the scratch copy, else the configuration's as we read it. */
  private filesRead(root: string, scratch: ScratchCopyPlan | undefined): string[] {
    if (scratch) return scratch.files.map((f) => f.path);
    const ev = this.deps.workspace.analyzeRoot(root)?.evaluation;
    return [root, ...(ev ? [...ev.includedPaths] : [])];
  }

  private async run(saved: TextDocument): Promise<LighttpdCheckSummary | undefined> {
    const { host, workspace, service, guard } = this.deps;
    const settings = this.deps.settings();
    const trusted = this.deps.trusted();
    const path = uriToPath(saved.uri);
    if (!path || !trusted || !host.runLighttpd) return undefined;
    const root =
      guard(
        'lighttpd root',
        saved.uri,
        undefined,
        () => workspace.rootsIncluding(workspace.canonical(path))[0]?.root,
      ) ?? path;
    const scratch = guard('lighttpd scratch copy', saved.uri, undefined, () => planScratchCopy(workspace, root));
    const r = await host.runLighttpd(root, {
      enabled: true, // on save only with lighttpd.validate.executable (saved()); otherwise asked by the user
      trusted,
      executablePath: settings.executablePath,
      scratch,
    });
    const log = describeRun(root, r, scratch, () => this.filesRead(root, scratch));
    this.deps.log?.(log);
    if (!r.ran && r.reason !== 'not-found') return { ran: false, reason: r.reason ?? 'unavailable', root, log };
    const notice = !r.ran
      ? `lighttpd was not found (${r.detail}): set lighttpd.executablePath, or turn lighttpd.validate.executable off.`
      : r.timedOut
        ? `lighttpd -tt did not finish in time and was stopped.`
        : undefined;
    let problems = 0;
    for (const d of this.deps.documents()) {
      const p = uriToPath(d.uri);
      if (!p) continue;
      const diags = guard('lighttpd output', d.uri, [], () =>
        service.mapLighttpdOutput(d, r.ran ? r.output : '', {
          path: p,
          isSavedDocument: d.uri === saved.uri,
          failed: r.ran && r.status !== 0,
          baseDir: parentDir(root),
          notice,
          severity: settings.diagnosticsSeverity,
        }),
      );
      problems += diags.length;
      if (diags.length === 0 && !this.reported.has(d.uri)) continue;
      this.reported.set(d.uri, diags);
      this.deps.recheck(d);
    }
    return r.ran
      ? { ran: true, root, status: r.status ?? null, timedOut: !!r.timedOut, problems, log }
      : { ran: false, reason: 'not-found', root, log };
  }
}

/** The Output channel's account of one run. */
export function describeRun(
  root: string,
  r: LighttpdRunResult,
  scratch: ScratchCopyPlan | undefined,
  files: () => readonly string[],
): string {
  if (!r.ran) return `lighttpd -tt on ${root}: not run (${r.reason}${r.detail ? `: ${r.detail}` : ''})`;
  const lines = [`${r.executable} ${r.args.join(' ')}`, `  main config: ${root}`];
  if (scratch) {
    lines.push(
      `  run on a scratch copy, where ${scratch.redirected.length === 1 ? 'this include reads' : 'these includes read'} the workspace copy:`,
    );
    for (const x of scratch.redirected)
      lines.push(
        `    ${x.file}:${x.line}: ${x.path} -> ${x.readFrom} (${x.implied ? 'mapped by default' : 'lighttpd.pathMappings'})`,
      );
  }
  const read = files();
  lines.push(`  files read (${read.length}): ${read.join(', ')}`);
  lines.push(
    `  exit status ${r.status ?? 'none'}${r.timedOut ? ' (stopped: timed out)' : ''}${r.truncated ? ' (output cut)' : ''} in ${r.durationMs} ms`,
  );
  const out = r.output.trim();
  if (out) lines.push(...out.split('\n').map((l) => `  | ${l}`));
  return lines.join('\n');
}

/**
 * What a lighttpd run did, for the command that asked for it. `log` is the run's account as the Output channel
 * got it (describeRun): absent when nothing was tried (untrusted, no runner).
 */
export type LighttpdCheckSummary =
  | {
      readonly ran: true;
      readonly root: string;
      readonly status: number | null;
      readonly timedOut: boolean;
      /** Diagnostics lighttpd's output gave on the open documents. */
      readonly problems: number;
      readonly log: string;
    }
  | { readonly ran: false; readonly reason: string; readonly root?: string; readonly log?: string };
