/**
 * lighttpd-lint: checks files with the language service the editor uses (service.ts) and prints the
 * diagnostics as text, JSON or SARIF. Everything that touches the process (files, stdin, output) goes
 * through `CliIo`, so tests run it in-process.
 */
import { isAbsolute, relative, resolve } from 'node:path';
import { pathToUri } from '../uri';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { ConfigFileSystem } from '../analysis/fileSystem';
import { nodeFileSystem } from '../node/nodeFileSystem';
import { ConfigWorkspace } from '../analysis/workspace';
import { RULES } from '../features/diagnostics/rules';
import type { Severity } from '../parser/ast';
import { getLanguageService, type LanguageService, type LanguageSettings } from '../service';
import { parseCliArgs, UsageError, USAGE, type CliOptions } from './args';
import { formatJson } from './json';
import { countDiagnostics, type FileReport, type InputError, type LintReport } from './report';
import { formatSarif } from './sarif';
import { formatText } from './text';
import { formatGithub } from './github';
import { formatGitlab } from './gitlab';
import { runFix } from './fix';
import { runExplain } from './explain';
import { runSimulate } from './simulate';
import { runMap } from './map';
import { runTestCommand } from './test';
import { runDiff } from './diff';

export const EXIT_OK = 0;
export const EXIT_ERRORS = 1;
export const EXIT_USAGE = 2;

export interface CliIo {
  readonly cwd: string;
  /** Reads a file's bytes; rejects with a Node error (code ENOENT, EISDIR, ...) when it cannot. */
  readFile(path: string): Promise<Uint8Array>;
  readStdin(): Promise<Uint8Array>;
  stdout(text: string): void;
  stderr(text: string): void;
  /** How includes are followed (default: the disk). */
  readonly fileSystem?: ConfigFileSystem;
  /** Writes a file (--fix); absent: --fix cannot write. */
  writeFile?(path: string, bytes: Uint8Array): Promise<void>;
  /** The environment (GITHUB_WORKSPACE, CI_PROJECT_DIR: what CI paths are relative to). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export const TOOL_VERSION = '0.1.0';

/** lighttpd reads bytes; the editor shows UTF-8. A BOM is kept: lighttpd rejects it, and so do we. */
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

function ioMessage(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err?.code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'is a directory (give the configuration files themselves)';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    default:
      return err instanceof Error ? err.message : String(e);
  }
}

function settingsFor(options: CliOptions): LanguageSettings {
  // --rules naming opt-in advice (or its group) turns it on at its default level.
  const severity: Record<string, Severity | 'off'> = { ...options.severity };
  for (const r of RULES)
    if (r.optIn && options.rules?.has(r.code) && severity[r.code] === undefined) severity[r.code] = r.severity;
  return {
    diagnostics: { severity },
    ...(options.lighttpdVersion ? { version: options.lighttpdVersion } : {}),
    ...(options.platform ? { platform: options.platform } : {}),
    ...(options.upgradeFrom ? { upgradeFrom: options.upgradeFrom } : {}),
    ...(options.tlsProfile ? { tlsProfile: options.tlsProfile } : {}),
  };
}

/**
 * The given files that are main configs (no other given file includes them), each checked with every file
 * it reads: diagnostics by canonical path, the roots and the files they read in reading order. A file read
 * by several configurations gets the problems it has in any of them, each once.
 */
function checkConfigurations(
  workspace: ConfigWorkspace,
  service: LanguageService,
  settings: LanguageSettings,
  inputs: readonly { readonly absolutePath?: string }[],
): Map<string, Diagnostic[]> {
  const roots = new Set(workspace.roots().map((r) => r.root));
  const out = new Map<string, Diagnostic[]>();
  const seen = new Map<string, Set<string>>();
  for (const input of inputs) {
    const path = input.absolutePath && workspace.canonical(input.absolutePath);
    if (!path || !roots.has(path)) continue;
    const config = service.validateConfiguration(path, settings);
    for (const f of config?.files ?? []) {
      const list = out.get(f.path) ?? [];
      const keys = seen.get(f.path) ?? new Set<string>();
      for (const d of f.diagnostics) {
        const key = `${d.code}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.message}`;
        if (keys.has(key)) continue;
        keys.add(key);
        list.push(d);
      }
      out.set(f.path, list);
      seen.set(f.path, keys);
    }
  }
  return out;
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  if (argv[0] === 'simulate') return runSimulate(argv.slice(1), io);
  if (argv[0] === 'map') return runMap(argv.slice(1), io);
  if (argv[0] === 'test') return runTestCommand(argv.slice(1), io);
  if (argv[0] === 'diff') return runDiff(argv.slice(1), io);
  if (argv[0] === 'explain') return runExplain(argv.slice(1), io);
  let options: CliOptions;
  try {
    options = parseCliArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`lighttpd-lint: ${e.message}\nTry 'lighttpd-lint --help'.\n`);
      return EXIT_USAGE;
    }
    throw e;
  }
  if (options.help) {
    io.stdout(USAGE);
    return EXIT_OK;
  }
  if (options.version) {
    io.stdout(`lighttpd-lint ${TOOL_VERSION}\n`);
    return EXIT_OK;
  }
  if (options.fix) return runFix(options, io);
  const report = await lintFiles(options, io);
  if (report === undefined) return EXIT_USAGE;
  printReport(report, options, io);
  return exitStatus(report, options.failOn);
}

/** The least severity that fails a run (--fail-on), as an LSP severity number (1 error ... 4 hint). */
const FAIL_RANK: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** 2 when an input could not be read, 1 when a problem at or above `failOn` is reported, else 0. */
export function exitStatus(report: LintReport, failOn: Severity): number {
  if (report.inputErrors.length > 0) return EXIT_USAGE;
  const worst = FAIL_RANK[failOn];
  const fails = report.files.some((f) => f.diagnostics.some((d) => (d.severity ?? DiagnosticSeverity.Error) <= worst));
  return fails ? EXIT_ERRORS : EXIT_OK;
}

/** The repository root CI paths are relative to: the CI system's checkout, else the working directory. */
function repoRoot(io: CliIo, format: CliOptions['format']): string {
  const env = io.env ?? {};
  const fromEnv = format === 'github' ? env.GITHUB_WORKSPACE : format === 'gitlab' ? env.CI_PROJECT_DIR : undefined;
  return fromEnv ? resolve(io.cwd, fromEnv) : io.cwd;
}

/** Prints the report in the chosen format (stdout) and, for text, the counts (stderr). */
export function printReport(report: LintReport, options: CliOptions, io: CliIo): void {
  switch (options.format) {
    case 'json':
      io.stdout(formatJson(report));
      break;
    case 'sarif':
      io.stdout(formatSarif(report, { toolVersion: TOOL_VERSION, cwd: io.cwd }));
      break;
    case 'github':
      io.stdout(formatGithub(report, repoRoot(io, 'github')));
      break;
    case 'gitlab':
      io.stdout(formatGitlab(report, repoRoot(io, 'gitlab')));
      break;
    default: {
      io.stdout(formatText(report));
      const c = countDiagnostics(report);
      const total = c.errors + c.warnings + c.infos + c.hints;
      const n = report.files.length;
      if (total > 0)
        io.stderr(
          `${c.errors} error${c.errors === 1 ? '' : 's'}, ${c.warnings} warning${c.warnings === 1 ? '' : 's'}${c.infos + c.hints ? `, ${c.infos + c.hints} other` : ''} in ${n} file${n === 1 ? '' : 's'}\n`,
        );
    }
  }
}

/**
 * Checks the given files (and, for main configs, every file they read) and returns the report; undefined
 * after a usage error (already printed). `texts` replaces the contents of files by canonical path (the safe
 * fixes' rounds check the fixed texts without writing them).
 */
export async function lintFiles(
  options: CliOptions,
  io: CliIo,
  texts: ReadonlyMap<string, string> = new Map(),
): Promise<LintReport | undefined> {
  // The files are checked as the editor checks a workspace: each within the main config(s) that include
  // it (found among the given files, or named with --root), so a fragment sees its parent's modules and
  // variables; a fragment no given file includes is checked leniently.
  const fs = io.fileSystem ?? nodeFileSystem;
  const filePaths = options.files.filter((f) => f !== '-').map((f) => resolve(io.cwd, f));
  const pathMappings = Object.fromEntries(
    Object.entries(options.pathMappings).map(([from, to]) => [from, resolve(io.cwd, to)]),
  );
  let workspace: ConfigWorkspace;
  if (options.root !== undefined) {
    const rootPath = resolve(io.cwd, options.root);
    if (!fs.isFile(rootPath)) {
      io.stderr(`lighttpd-lint: ${options.root}: no such file\n`);
      return undefined;
    }
    workspace = new ConfigWorkspace(fs, { rootFiles: [rootPath], pathMappings });
  } else {
    workspace = new ConfigWorkspace(fs, { pathMappings });
  }
  workspace.setKnownFiles(filePaths.filter((p) => fs.isFile(p)));
  const service = getLanguageService({ workspace });
  const settings = settingsFor(options);
  const inputErrors: InputError[] = [];
  const files: FileReport[] = [];

  // Read everything first, so that the workspace sees every given file's text before any is analysed.
  const inputs: { file: string; absolutePath?: string; text: string }[] = [];
  for (const file of options.files) {
    const isStdin = file === '-';
    const absolutePath = isStdin ? undefined : resolve(io.cwd, file);
    const replaced = absolutePath ? texts.get(workspace.canonical(absolutePath)) : undefined;
    try {
      const text =
        replaced ?? decoder.decode(isStdin ? await io.readStdin() : await io.readFile(absolutePath as string));
      inputs.push({ file: isStdin ? '<stdin>' : file, absolutePath, text });
    } catch (e) {
      const message = ioMessage(e);
      inputErrors.push({ file, message });
      io.stderr(`lighttpd-lint: ${file}: ${message}\n`);
    }
  }
  for (const input of inputs) if (input.absolutePath) workspace.setOpenText(input.absolutePath, input.text);
  for (const [path, text] of texts) workspace.setOpenText(path, text);

  const selected = (ds: readonly Diagnostic[]) =>
    options.rules ? ds.filter((d) => options.rules!.has(String(d.code))) : ds;
  const errorsOnly = (ds: readonly Diagnostic[]) =>
    options.quiet
      ? selected(ds).filter((d) => (d.severity ?? DiagnosticSeverity.Error) === DiagnosticSeverity.Error)
      : selected(ds);
  const sorted = (ds: readonly Diagnostic[]) =>
    [...ds].sort(
      (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
    );

  // A main config is checked with every file it reads (as lighttpd -t reads them): each file's problems are
  // printed under its own path, once, with the problems it has in any of the given configurations.
  const follow = options.follow && options.root === undefined;
  const configs = follow ? checkConfigurations(workspace, service, settings, inputs) : new Map<string, Diagnostic[]>();
  const printed = new Set<string>();
  const displayName = (path: string) => {
    const rel = relative(io.cwd, path);
    return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
  };
  for (const { file, absolutePath, text } of inputs) {
    const path = absolutePath ? workspace.canonical(absolutePath) : undefined;
    if (path && printed.has(path)) continue;
    let diagnostics: readonly Diagnostic[];
    if (path && configs.has(path)) {
      diagnostics = configs.get(path)!;
    } else {
      const uri = absolutePath ? pathToUri(absolutePath) : 'untitled:stdin';
      diagnostics = service.doValidation(TextDocument.create(uri, 'lighttpd', 1, text), settings);
      service.forget(uri);
    }
    if (path) printed.add(path);
    files.push({ file, absolutePath, diagnostics: sorted(errorsOnly(diagnostics)), text });
  }
  // The files the given configurations read, in the order they are read.
  for (const [path, diagnostics] of configs) {
    if (printed.has(path)) continue;
    printed.add(path);
    files.push({
      file: displayName(path),
      absolutePath: path,
      diagnostics: sorted(errorsOnly(diagnostics)),
      text: workspace.readText(path),
    });
  }
  return { files, inputErrors };
}
