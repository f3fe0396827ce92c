/**
 * `lighttpd-lint test [FILE...]`: runs configuration test files (analysis/routeTests) through the request
 * simulator and prints pass/fail with the expected and actual outcome (text, --format junit or tap);
 * `lighttpd-lint test --init CONFIG` prints a starter test file for CONFIG. Without FILEs, the
 * `*.lighttpd-test` files under the current folder are run.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { nodeFileSystem } from '../node/nodeFileSystem';
import { findLighttpd } from '../node/lighttpdRunner';
import { runAgainstLighttpd } from '../node/againstLighttpd';
import { ConfigWorkspace } from '../analysis/workspace';
import { lineIndex } from '../analysis/simulate/format';
import { initTestFile } from '../analysis/routeTests/init';
import { workspaceLoader } from '../analysis/routeTests/load';
import { runTests, summarize, DEFAULT_TEST_VERSION, type TestResult } from '../analysis/routeTests/run';
import { parseTestFile, TEST_FILE_EXTENSION } from '../analysis/routeTests/testFile';
import { parseSubcommand } from './args';
import type { CliIo } from './run';
import { formatTestJunit, formatTestTap, formatTestText, type FileResults } from './testReport';

export const TEST_USAGE = `Usage: lighttpd-lint test [options] [FILE...]
       lighttpd-lint test --init CONFIG [-o FILE]
Runs configuration tests: each line of a test file is a request and what it must get, e.g.
  config lighttpd.conf
  GET http://example.org/static/app.css -> static /var/www/static/app.css
  GET http://example.org/app -> proxy 127.0.0.1:8000
  GET http://example.org/admin from 10.0.0.7 -> 403
Without FILE, runs every *${TEST_FILE_EXTENSION} file under the current folder.

Options:
  -f, --format FORMAT        text (default), junit or tap
      --init CONFIG          print a starter test file for CONFIG: a representative request for every
                             block (and a near miss) with what the configuration does today
  -o, --output FILE          with --init: write the file there (config named relative to it)
      --lighttpd-version V   with --init: the lighttpd release to simulate (default ${DEFAULT_TEST_VERSION})
      --against-lighttpd     send each test's request to the real lighttpd instead: it serves the test's
                             configuration (lighttpd -D, the listener moved to 127.0.0.1 and a free port,
                             logs in a scratch folder), and a test passes when lighttpd's condition log
                             agrees with the simulator and its answer with the expectations. This RUNS
                             lighttpd on the configuration, and so what it runs (include_shell, bin-path):
                             never by default. Not sent: https, on SOCKET, clients outside 127.0.0.0/8
      --lighttpd PATH        with --against-lighttpd: the lighttpd to run (default: on PATH, /usr/sbin)
  -h, --help                 show this help

Exit status: 0 every test passed, 1 a test failed or is unknown, 2 usage or input error.
`;

/** *.lighttpd-test files under `dir` (no dot folders, no node_modules), sorted. */
function discover(dir: string, out: string[] = [], depth = 0, budget = { left: 20000 }): string[] {
  if (depth > 12) return out;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
  } catch {
    return out;
  }
  for (const e of entries) {
    if (--budget.left < 0) break;
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) discover(p, out, depth + 1, budget);
    else if (e.isFile() && e.name.endsWith(TEST_FILE_EXTENSION)) out.push(p);
  }
  return out;
}

function lineOfFactory(read: (p: string) => string | undefined) {
  const lines = new Map<string, ((o: number) => number) | undefined>();
  return (file: string, offset: number) => {
    if (!lines.has(file)) {
      const text = read(file);
      lines.set(file, text === undefined ? undefined : lineIndex(text));
    }
    return lines.get(file)?.(offset);
  };
}

export async function runTestCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseSubcommand('test', TEST_USAGE, argv, io, {
    format: { type: 'string', short: 'f' },
    init: { type: 'string' },
    output: { type: 'string', short: 'o' },
    'lighttpd-version': { type: 'string' },
    'against-lighttpd': { type: 'boolean' },
    lighttpd: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if ('exit' in args) return args.exit;
  const { parsed, fail } = args;
  const v = parsed.values;
  const version = v['lighttpd-version'] ?? DEFAULT_TEST_VERSION;
  if (!/^1\.4\.\d{1,3}$/.test(version)) return fail(`invalid --lighttpd-version '${version}' (expected 1.4.N)`);
  const fs = io.fileSystem ?? nodeFileSystem;
  const ws = new ConfigWorkspace(fs);
  const rel = (p: string) => relative(io.cwd, p) || p;
  const lineOf = lineOfFactory((p) => ws.readText(p));
  const where = (file: string, offset: number) => {
    const l = lineOf(file, offset);
    return l ? `${rel(file)}:${l}` : rel(file);
  };

  if (v.init !== undefined) {
    if (parsed.positionals.length) return fail('--init takes one CONFIG and no test files');
    const config = resolve(io.cwd, v.init);
    if (!fs.isFile(config)) return fail(`${v.init}: no such file`);
    const analysis = ws.analyzeRoot(ws.canonical(config));
    if (!analysis) return fail(`${v.init}: cannot be read`);
    const output = v.output !== undefined ? resolve(io.cwd, v.output) : undefined;
    const configPath = relative(output ? dirname(output) : io.cwd, config) || config;
    const text = initTestFile(analysis.evaluation, { configPath, version, where });
    if (output) {
      try {
        writeFileSync(output, text);
      } catch (e) {
        return fail(`${v.output}: ${e instanceof Error ? e.message : String(e)}`);
      }
      io.stderr(`lighttpd-lint test: wrote ${rel(output)}\n`);
    } else io.stdout(text);
    return 0;
  }
  if (v.output !== undefined) return fail('--output goes with --init');
  if (v.lighttpd !== undefined && !v['against-lighttpd']) return fail('--lighttpd goes with --against-lighttpd');
  let against: { executable: string } | undefined;
  if (v['against-lighttpd']) {
    const executable = findLighttpd(v.lighttpd ?? '');
    if (!executable) return fail(`${v.lighttpd ?? 'lighttpd'}: not found (give --lighttpd PATH)`);
    against = { executable };
  }

  const format = v.format ?? 'text';
  if (format !== 'text' && format !== 'junit' && format !== 'tap')
    return fail(`unknown format '${format}' (use text, junit or tap)`);
  const files = parsed.positionals.length ? parsed.positionals.map((p) => resolve(io.cwd, p)) : discover(io.cwd);
  if (!files.length)
    return fail(`no test files (*${TEST_FILE_EXTENSION}) under ${io.cwd}; give FILE... or --init CONFIG`);
  let badInput = false;
  const reports: FileResults[] = [];
  for (const file of files) {
    const text = fs.readFile(file);
    if (text === undefined) {
      io.stderr(`lighttpd-lint test: ${rel(file)}: no such file\n`);
      badInput = true;
      continue;
    }
    const parsedFile = parseTestFile(text);
    for (const p of parsedFile.problems) {
      io.stderr(`${rel(file)}:${p.span.line + 1}:${p.span.start + 1}: ${p.severity} ${p.code} ${p.message}\n`);
      if (p.severity === 'error') badInput = true;
    }
    const results: TestResult[] = against
      ? await runAgainstLighttpd(parsedFile.tests, file, ws, against)
      : runTests(parsedFile.tests, workspaceLoader(ws, file));
    for (const r of results) if (r.status === 'error') badInput = true;
    reports.push({ name: rel(file), results, where });
  }
  io.stdout(
    format === 'junit' ? formatTestJunit(reports) : format === 'tap' ? formatTestTap(reports) : formatTestText(reports),
  );
  const s = summarize(reports.flatMap((r) => r.results));
  if (badInput) return 2;
  return s.fail || s.unknown ? 1 : 0;
}
