/**
 * The real lighttpd reads what we read (issue 23 part 5). When a path mapping (lighttpd.pathMappings, or the
 * mapping a main config's folder implies) redirects an absolute include to a workspace copy, `lighttpd -tt -f
 * <main config>` would read this machine's installed files instead (/etc/lighttpd/conf-enabled/*.conf). The
 * plan here is a mirror of the configuration in a scratch folder: every file the configuration reads through
 * the workspace, at `<scratch><its path>`, with each redirected include's operand rewritten to the mirror of
 * the mapped path. lighttpd run on `<scratch><main config>` then reads the workspace files we check; its
 * messages name `<scratch><path>`, and dropping the scratch prefix gives the workspace path back.
 *
 * Relative includes need no rewrite: lighttpd takes them from the main config's folder, which is mirrored
 * with the files they match. Unmapped absolute includes are left as written (both of us read this machine's
 * files). Line numbers are kept (a rewritten operand spanning lines keeps its line breaks).
 * Pure: the runtime writes the files (lighttpdRunner.ts); the test harness of test/differential mirrors a
 * corpus the same way.
 */
import type { ConfigFile, Include, Statement } from '../parser/ast';
import { dirname } from '../paths';
import type { ConfigWorkspace } from './workspace';

/** One file of the mirror: where it goes (under the scratch folder) and its text. */
export interface ScratchFile {
  /** The path lighttpd reads it at (a glob match as listed, links not followed), without the scratch folder. */
  readonly path: string;
  /** The file's text in the workspace (open editors first). */
  readonly text: string;
  /** Include operands to replace by the mirrored path (`target`, without the scratch folder), by offset. */
  readonly rewrites: readonly { readonly start: number; readonly end: number; readonly target: string }[];
}

/** An include a path mapping redirected, for the log. */
export interface RedirectedInclude {
  /** The file it is written in, and its 1-based line. */
  readonly file: string;
  readonly line: number;
  /** The path it names (as lighttpd would read it) and the workspace path it reads instead. */
  readonly path: string;
  readonly readFrom: string;
  readonly implied: boolean;
}

export interface ScratchCopyPlan {
  readonly root: string;
  /** Every file of the mirror, the main config first. */
  readonly files: readonly ScratchFile[];
  readonly redirected: readonly RedirectedInclude[];
}

/** Most files a mirror holds (a configuration reading more is run as it is). */
export const MAX_SCRATCH_FILES = 2000;

function includesOf(statements: readonly Statement[], out: Include[] = [], depth = 0): Include[] {
  if (depth > 300) return out;
  for (const st of statements) {
    if (st.kind === 'include') {
      if (st.operand) out.push(st);
    } else if (st.kind === 'conditional') {
      for (const b of st.branches) if (b.body) includesOf(b.body.statements, out, depth + 1);
    } else if (st.kind === 'global' && st.body) includesOf(st.body.statements, out, depth + 1);
  }
  return out;
}

function lineAt(text: string, offset: number): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * The mirror of the configuration whose main file is `root`, or undefined when no include of it is
 * redirected by a path mapping (lighttpd can read the configuration where it is) or it cannot be read.
 * `root` is evaluated (or taken from the workspace's cache) first.
 */
export function planScratchCopy(ws: ConfigWorkspace, root: string): ScratchCopyPlan | undefined {
  const analysis = ws.analyzeRoot(root);
  if (!analysis) return undefined;
  const mainDir = dirname(root);
  const files: ScratchFile[] = [];
  const redirected: RedirectedInclude[] = [];
  const seen = new Set<string>([root]);
  const queue: { path: string; file: ConfigFile | undefined; text: string | undefined }[] = [
    { path: root, file: analysis.file, text: ws.readText(root) },
  ];
  while (queue.length && files.length < MAX_SCRATCH_FILES) {
    const { path, file, text } = queue.shift()!;
    if (!file || text === undefined) continue;
    const rewrites: { start: number; end: number; target: string }[] = [];
    for (const inc of includesOf(file.statements)) {
      const read = ws.includeRead(inc, mainDir);
      if (!read || !('paths' in read.targets)) continue;
      const via = read.targets.via;
      if (via && inc.operand) {
        const target = via.to + read.path.slice(via.from.length);
        rewrites.push({ start: inc.operand.start, end: inc.operand.end, target });
        redirected.push({
          file: path,
          line: lineAt(text, inc.start),
          path: read.path,
          readFrom: target,
          implied: via.implied,
        });
      }
      for (const p of read.targets.paths) {
        if (seen.has(p)) continue;
        seen.add(p);
        const canonical = ws.canonical(p);
        queue.push({ path: p, file: ws.parseFile(canonical), text: ws.readText(canonical) });
      }
    }
    files.push({ path, text, rewrites });
  }
  return redirected.length ? { root, files, redirected } : undefined;
}

/** A lighttpd string literal. */
function quoted(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** The text of a mirrored file for the scratch folder `scratch` (no trailing slash). */
export function scratchText(f: ScratchFile, scratch: string): string {
  let out = '';
  let at = 0;
  for (const r of [...f.rewrites].sort((a, b) => a.start - b.start)) {
    const old = f.text.slice(r.start, r.end);
    // (keep the line count: lighttpd's messages name lines)
    out += f.text.slice(at, r.start) + quoted(scratch + r.target) + '\n'.repeat(old.split('\n').length - 1);
    at = r.end;
  }
  return out + f.text.slice(at);
}

/** lighttpd's output with the scratch folder dropped from the paths it names. */
export function unscratch(output: string, scratch: string): string {
  return output.split(scratch).join('');
}
