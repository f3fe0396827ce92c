/**
 * Rule `included-problems`: on an `include` line, one diagnostic that sums up the errors and warnings of
 * the files the include reads (directly or through their own includes), each of them as related
 * information, so that a user who looks only at the main config learns that the configuration as a whole
 * is broken. A problem is counted once: where every problem summed up is already shown on its own file (the
 * file is open, or the editor publishes it as part of the configuration), the summary is a hint (a pointer
 * that counts nowhere: no second error in the Problems badge, no red main-config tab while a fragment is
 * being typed); otherwise its severity is that of the worst problem shown nowhere else. Include cycles are
 * left out: they are reported on the include line itself (include-cycle).
 */
import { DiagnosticSeverity, type Diagnostic, type Position } from 'vscode-languageserver-types';
import type { IncludeEdge } from '../../analysis/evaluate';
import { DIAGNOSTIC_SOURCE } from './diagnostics';

export interface ConfigurationProblems {
  readonly root: string;
  readonly files: readonly {
    readonly path: string;
    readonly uri: string;
    readonly diagnostics: readonly Diagnostic[];
  }[];
  readonly includes: readonly IncludeEdge[];
}

/** How a file is named in a summary: relative to the main config's folder when below it. */
function shortName(root: string, path: string): string {
  const dir = root.slice(0, root.lastIndexOf('/') + 1);
  return dir && path.startsWith(dir) && path.length > dir.length ? path.slice(dir.length) : path;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * The summaries of a configuration, by the path of the file holding the include line. `positionOf` turns
 * an offset of a file of the configuration into a position (undefined when the file cannot be read).
 */
export function summarizeIncludedProblems(
  config: ConfigurationProblems,
  positionOf: (path: string, offset: number) => Position | undefined,
  severityOverride?: DiagnosticSeverity,
  /** Whether a file's own diagnostics are shown (published on it); default: none is. */
  shown: (path: string) => boolean = () => false,
): Map<string, Diagnostic[]> {
  const into = new Map<string, IncludeEdge[]>();
  for (const e of config.includes) into.set(e.to, [...(into.get(e.to) ?? []), e]);
  /** Per include statement (file + offset): the problems of each file it reads. */
  const buckets = new Map<string, { edge: IncludeEdge; byFile: Map<string, Diagnostic[]> }>();
  const byPath = new Map(config.files.map((f) => [f.path, f]));
  for (const f of config.files) {
    if (f.path === config.root) continue;
    const counted = f.diagnostics.filter(
      (d) =>
        d.code !== 'include-cycle' &&
        (d.severity === DiagnosticSeverity.Error ||
          d.severity === DiagnosticSeverity.Warning ||
          d.severity === undefined),
    );
    if (counted.length === 0) continue;
    // Every include on the way from the root to this file gets it.
    const seen = new Set<string>();
    const walk = (to: string) => {
      for (const e of into.get(to) ?? []) {
        const key = `${e.from}\u0000${e.include.start}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const b = buckets.get(key) ?? { edge: e, byFile: new Map() };
        b.byFile.set(f.path, counted);
        buckets.set(key, b);
        if (e.from !== config.root) walk(e.from);
      }
    };
    walk(f.path);
  }
  const out = new Map<string, Diagnostic[]>();
  for (const { edge, byFile } of buckets.values()) {
    const span = edge.include.operand ?? edge.include.keyword;
    const start = positionOf(edge.from, span.start);
    const end = positionOf(edge.from, span.end);
    if (!start || !end) continue;
    const all = [...byFile.values()].flat();
    const errors = all.filter((d) => (d.severity ?? DiagnosticSeverity.Error) === DiagnosticSeverity.Error).length;
    const warnings = all.length - errors;
    const counts = [errors ? plural(errors, 'error') : '', warnings ? plural(warnings, 'warning') : '']
      .filter(Boolean)
      .join(', ');
    const files = [...byFile.keys()];
    const where = files.length === 1 ? shortName(config.root, files[0]) : `${files.length} included files`;
    const relatedInformation = files.flatMap((p) =>
      [...(byFile.get(p) ?? [])]
        .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character)
        .map((d) => ({
          location: { uri: byPath.get(p)!.uri, range: d.range },
          message: `${d.code}: ${d.message}`,
        })),
    );
    const unshown = files.filter((p) => !shown(p)).flatMap((p) => byFile.get(p) ?? []);
    const severity =
      unshown.length === 0
        ? DiagnosticSeverity.Hint
        : unshown.some((d) => (d.severity ?? DiagnosticSeverity.Error) === DiagnosticSeverity.Error)
          ? DiagnosticSeverity.Error
          : DiagnosticSeverity.Warning;
    const d: Diagnostic = {
      range: { start, end },
      severity: severityOverride ?? severity,
      code: 'included-problems',
      source: DIAGNOSTIC_SOURCE,
      message: `${counts} in ${where}`,
      relatedInformation,
    };
    out.set(edge.from, [...(out.get(edge.from) ?? []), d]);
  }
  return out;
}
