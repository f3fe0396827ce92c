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
      return EXIT_USAGE;
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
    try {
      const bytes = isStdin ? await io.readStdin() : await io.readFile(absolutePath as string);
      inputs.push({ file: isStdin ? '<stdin>' : file, absolutePath, text: decoder.decode(bytes) });
    } catch (e) {
      const message = ioMessage(e);
      inputErrors.push({ file, message });
      io.stderr(`lighttpd-lint: ${file}: ${message}\n`);
    }
  }
  for (const input of inputs) if (input.absolutePath) workspace.setOpenText(input.absolutePath, input.text);

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
    files.push({ file, absolutePath, diagnostics: sorted(errorsOnly(diagnostics)) });
  }
  // The files the given configurations read, in the order they are read.
  for (const [path, diagnostics] of configs) {
    if (printed.has(path)) continue;
    printed.add(path);
    files.push({ file: displayName(path), absolutePath: path, diagnostics: sorted(errorsOnly(diagnostics)) });
  }

  const report: LintReport = { files, inputErrors };
  switch (options.format) {
    case 'json':
      io.stdout(formatJson(report));
      break;
    case 'sarif':
      io.stdout(formatSarif(report, { toolVersion: TOOL_VERSION, cwd: io.cwd }));
      break;
    default: {
      io.stdout(formatText(report));
      const c = countDiagnostics(report);
      const total = c.errors + c.warnings + c.infos + c.hints;
      if (total > 0)
        io.stderr(
          `${c.errors} error${c.errors === 1 ? '' : 's'}, ${c.warnings} warning${c.warnings === 1 ? '' : 's'}${c.infos + c.hints ? `, ${c.infos + c.hints} other` : ''} in ${files.length} file${files.length === 1 ? '' : 's'}\n`,
        );
    }
  }
  if (inputErrors.length > 0) return EXIT_USAGE;
  return countDiagnostics(report).errors > 0 ? EXIT_ERRORS : EXIT_OK;
}
