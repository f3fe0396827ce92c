/**
 * `lighttpd-lint diff OLD NEW` and `lighttpd-lint diff --git REV CONFIG`: the representative requests of
 * both configurations' blocks, simulated on both, and the ones whose outcome differs (handler, status and
 * Location, response headers, effective settings), grouped (analysis/routeTests/diff.ts). Exit 1 when
 * anything changed, so it can gate a review.
 *
 * --git takes the revision's tree (`git archive REV`, run with an argument list and a timeout) into a scratch
 * folder and reads CONFIG's copy there; absolute includes into the repository are mapped to the copy.
 */
import { runTool } from '../node/gitTools';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { nodeFileSystem } from '../node/nodeFileSystem';
import { ConfigWorkspace } from '../analysis/workspace';
import { diffRouting, formatRoutingDiff } from '../analysis/routeTests/diff';
import { DEFAULT_TEST_VERSION } from '../analysis/routeTests/run';
import type { Evaluation } from '../analysis/evaluate';
import { parseSubcommand } from './args';
import type { CliIo } from './run';

export const DIFF_USAGE = `Usage: lighttpd-lint diff [options] OLD NEW
       lighttpd-lint diff [options] --git REV CONFIG
Lists the requests a change routes differently: a representative request for every block of both
configurations (and a near miss), simulated on both; differences in the handler (static file, backend),
status and Location, response headers and effective settings. --git compares CONFIG in the working tree
with CONFIG at the git revision REV (e.g. HEAD).

Options:
      --git REV              compare the working tree's CONFIG with its version at REV
  -f, --format FORMAT        text (default) or json
      --lighttpd-version V   the lighttpd release to simulate (default ${DEFAULT_TEST_VERSION})
  -h, --help                 show this help

Exit status: 0 nothing changed, 1 requests route differently, 2 usage or input error.
`;

const git = (args: string[], cwd: string) => runTool('git', args, cwd);

export async function runDiff(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseSubcommand('diff', DIFF_USAGE, argv, io, {
    git: { type: 'string' },
    format: { type: 'string', short: 'f' },
    'lighttpd-version': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if ('exit' in args) return args.exit;
  const { parsed, fail } = args;
  const v = parsed.values;
  const format = v.format ?? 'text';
  if (format !== 'text' && format !== 'json') return fail(`unknown format '${format}' (use text or json)`);
  const version = v['lighttpd-version'] ?? DEFAULT_TEST_VERSION;
  if (!/^1\.4\.\d{1,3}$/.test(version)) return fail(`invalid --lighttpd-version '${version}' (expected 1.4.N)`);
  const fs = io.fileSystem ?? nodeFileSystem;
  const rel = (p: string) => relative(io.cwd, p) || p;
  const load = (path: string, pathMappings?: Record<string, string>): Evaluation | string => {
    if (!fs.isFile(path)) return `${rel(path)}: no such file`;
    const ws = new ConfigWorkspace(fs, { rootFiles: [path], ...(pathMappings ? { pathMappings } : {}) });
    const a = ws.analyzeRoot(ws.canonical(path));
    return a ? a.evaluation : `${rel(path)}: cannot be read`;
  };
  let before: Evaluation | string;
  let after: Evaluation | string;
  let oldName: string;
  let newName: string;
  let scratch: string | undefined;
  try {
    if (v.git !== undefined) {
      if (parsed.positionals.length !== 1) return fail('--git REV takes one CONFIG (the working-tree file)');
      const config = resolve(io.cwd, parsed.positionals[0]);
      const top = git(['rev-parse', '--show-toplevel'], io.cwd);
      if (!top.ok) return fail(`not in a git repository: ${top.error}`);
      const root = top.out.toString().trim();
      const inRepo = relative(root, fs.realPath(config));
      if (inRepo.startsWith('..')) return fail(`${rel(config)} is not in the repository at ${root}`);
      const rev = git(['rev-parse', '--verify', '--end-of-options', `${v.git}^{commit}`], root);
      if (!rev.ok) return fail(`unknown revision '${v.git}': ${rev.error}`);
      const archive = git(['archive', '--format=tar', rev.out.toString().trim()], root);
      if (!archive.ok) return fail(`git archive ${v.git}: ${archive.error}`);
      scratch = mkdtempSync(join(tmpdir(), 'lighttpd-diff-'));
      const untar = runTool('tar', ['-x', '-C', scratch], scratch, archive.out);
      if (!untar.ok) return fail(`cannot unpack ${v.git}: ${untar.error}`);
      const old = join(scratch, inRepo);
      if (!fs.isFile(old)) return fail(`${rel(config)} does not exist at ${v.git}`);
      before = load(old, { [root]: scratch });
      after = load(config);
      oldName = `${rel(config)} at ${v.git}`;
      newName = rel(config);
    } else {
      if (parsed.positionals.length !== 2)
        return fail("expected OLD and NEW (or --git REV CONFIG); see 'lighttpd-lint diff --help'");
      const [a, b] = parsed.positionals.map((p) => resolve(io.cwd, p));
      before = load(a);
      after = load(b);
      oldName = rel(a);
      newName = rel(b);
    }
    if (typeof before === 'string') return fail(before);
    if (typeof after === 'string') return fail(after);
    const d = diffRouting(before, after, { version });
    io.stdout(format === 'json' ? JSON.stringify(d, null, 2) + '\n' : formatRoutingDiff(d, oldName, newName));
    return d.changes.length ? 1 : 0;
  } finally {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }
}
