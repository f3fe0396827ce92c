/**
 * `lighttpd-lint --fix` and `--fix-dry-run`: the safe fixes (features/codeActions/safeFixes.ts) applied to
 * every file of the checked configurations until none is left. --fix writes the files, prints each fix on
 * stderr, then reports what remains like a plain run (same format, same exit status). --fix-dry-run writes
 * nothing: a unified diff on stdout (`git apply` / `patch -p1` take it), the fixes and what would remain on
 * stderr, and the exit status of what would remain. A file that is not valid UTF-8 is never rewritten (its
 * bytes could not be kept); line endings are kept (the fixes' inserted lines use the file's own).
 */
import { isAbsolute, relative, sep } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-types';
import { nodeFileSystem } from '../node/nodeFileSystem';
import { fixUntilClean } from '../features/codeActions/safeFixes';
import type { CliOptions } from './args';
import { countDiagnostics } from './report';
import { EXIT_USAGE, exitStatus, lintFiles, printReport, type CliIo } from './run';
import { unifiedDiff } from './unifiedDiff';

const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
const encoder = new TextEncoder();

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export async function runFix(options: CliOptions, io: CliIo): Promise<number> {
  const dryRun = options.fix === 'dry-run';
  if (!dryRun && !io.writeFile) {
    io.stderr('lighttpd-lint: --fix cannot write files here\n');
    return EXIT_USAGE;
  }
  const fs = io.fileSystem ?? nodeFileSystem;
  const shown = (path: string) => {
    const rel = relative(io.cwd, path);
    return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split(sep).join('/') : path;
  };

  const first = await lintFiles(options, io);
  if (first === undefined || first.inputErrors.length > 0) return EXIT_USAGE;

  const notUtf8 = new Set<string>();
  const read = async (path: string): Promise<string | undefined> => {
    let bytes: Uint8Array;
    try {
      bytes = await io.readFile(path);
    } catch {
      return undefined;
    }
    const text = decoder.decode(bytes);
    if (!sameBytes(encoder.encode(text), bytes)) {
      notUtf8.add(path);
      return undefined;
    }
    return text;
  };
  let usage = false;
  const check = async (texts: ReadonlyMap<string, string>) => {
    const byPath = new Map<string, readonly Diagnostic[]>();
    const report = await lintFiles(options, io, texts);
    if (!report || report.inputErrors.length) usage = true;
    for (const f of report?.files ?? []) if (f.absolutePath) byPath.set(fs.realPath(f.absolutePath), f.diagnostics);
    return byPath;
  };
  const result = await fixUntilClean(new Map(), check, read);
  if (usage) return EXIT_USAGE;

  for (const path of notUtf8)
    io.stderr(`lighttpd-lint: ${shown(path)}: not fixed: not valid UTF-8 (its bytes are kept)\n`);
  for (const [path, reason] of result.refused) io.stderr(`lighttpd-lint: ${shown(path)}: not fixed: ${reason}\n`);
  const verb = dryRun ? 'would fix' : 'fixed';
  for (const a of result.applied) io.stderr(`${verb} ${shown(a.path)}:${a.line}: ${a.code}: ${a.title}\n`);

  if (dryRun) {
    for (const [path, text] of result.texts) {
      const before = await read(path);
      if (before !== undefined) io.stdout(unifiedDiff(shown(path), before, text));
    }
  } else {
    for (const [path, text] of result.texts) await io.writeFile!(path, encoder.encode(text));
  }
  const fixes = result.applied.length;
  const files = result.texts.size;
  io.stderr(
    `${fixes} fix${fixes === 1 ? '' : 'es'} ${dryRun ? 'to apply' : 'applied'} in ${files} file${files === 1 ? '' : 's'}\n`,
  );

  // What remains: after --fix the files as written; after --fix-dry-run the fixed texts, counted only.
  const after = await lintFiles(options, io, dryRun ? result.texts : new Map());
  if (after === undefined) return EXIT_USAGE;
  if (dryRun) {
    const c = countDiagnostics(after);
    io.stderr(`remaining after the fixes: ${c.errors} errors, ${c.warnings} warnings, ${c.infos + c.hints} other\n`);
  } else {
    printReport(after, options, io);
  }
  return exitStatus(after, options.failOn);
}
