/**
 * Where an `include` points, resolved as lighttpd does (docs/grammar.md §5;
 * src/configfile.c config_parse_file): the operand is any string expression; a relative path is taken
 * from the directory of the MAIN config file (never the including file); a pattern with glob characters
 * expands in sorted order and may match nothing; a plain path that does not exist is fatal.
 *
 * Path mappings let a workspace copy of a config stand in for its installed location: an include of
 * "/etc/lighttpd/conf-enabled/*.conf" is looked up under the mapped folder first, then at the real path.
 */
import { join, normalize } from '../paths';
import type { ConfigFile } from '../parser/ast';
import type { EvalValue, IncludeResolution } from './evaluate';
import { hasGlob, type ConfigFileSystem } from './fileSystem';

export interface IncludeContext {
  /** Directory of the main config file. */
  readonly mainDir: string;
  /** [installed prefix, workspace folder] pairs, longest prefix first. */
  readonly pathMappings: readonly (readonly [string, string])[];
  readonly fs: ConfigFileSystem;
  /** Most files one glob may bring in. */
  readonly maxGlobMatches: number;
}

/** A path mapping that brought an include to a workspace copy. */
export interface IncludeMapping {
  /** The installed prefix, e.g. /etc/lighttpd. */
  readonly from: string;
  /** The folder standing for it. */
  readonly to: string;
  /** True for the mapping the main config's folder implies (impliedMapping), false for a pathMappings entry. */
  readonly implied: boolean;
}

export type IncludeTargets =
  | { readonly paths: readonly string[]; readonly truncated: boolean; readonly via?: IncludeMapping }
  | { readonly notFound: string };

/** The absolute path (or pattern) an include operand names, before path mappings. */
export function includePath(operand: string, mainDir: string): string {
  if (operand.startsWith('/')) return normalize(operand);
  // lighttpd prefixes the main config's directory unless the path starts with ./ or ../ (then it is
  // relative to the server's working directory, which is usually the same directory).
  return normalize(join(mainDir, operand));
}

/**
 * The mapping a main config implies by where it sits: a copy of an installed layout, e.g.
 * `<repo>/etc/lighttpd/lighttpd.conf`, stands for `/etc/lighttpd`, so an absolute include under a prefix that
 * is the tail of the main config's folder (`/etc/lighttpd/conf-enabled/*.conf`) is looked up in that folder.
 * Returns [installed prefix, workspace folder], the longest such prefix; none when the main config is in the
 * installed place itself.
 */
export function impliedMapping(path: string, mainDir: string | undefined): readonly [string, string] | undefined {
  if (!mainDir || !path.startsWith('/') || path.startsWith(mainDir.replace(/\/$/, '') + '/')) return undefined;
  const parts = path.split('/').filter(Boolean);
  const dir = mainDir.split('/').filter(Boolean);
  for (let k = Math.min(parts.length - 1, dir.length - 1); k >= 1; k--) {
    const tail = dir.slice(dir.length - k);
    if (tail.every((p, i) => p === parts[i])) return ['/' + parts.slice(0, k).join('/'), '/' + dir.join('/')];
  }
  return undefined;
}

/**
 * Where an absolute path is looked for: its path-mapped workspace copy first (a `pathMappings` entry, else
 * the mapping the main config's folder implies, see impliedMapping), then the path itself.
 */
export function candidates(
  path: string,
  ctx: Pick<IncludeContext, 'pathMappings'> & { readonly mainDir?: string },
): string[] {
  return mappedCandidates(path, ctx).map((c) => c.path);
}

/** candidates(), each with the mapping that produced it (none for the path itself). */
export function mappedCandidates(
  path: string,
  ctx: Pick<IncludeContext, 'pathMappings'> & { readonly mainDir?: string },
): { readonly path: string; readonly mapping?: IncludeMapping }[] {
  const out: { path: string; mapping?: IncludeMapping }[] = [];
  let mapped = false;
  for (const [from, to] of ctx.pathMappings) {
    const f = from.endsWith('/') ? from.slice(0, -1) : from;
    if (path === f || path.startsWith(f + '/')) {
      const t = to.replace(/\/$/, '');
      out.push({ path: t + path.slice(f.length), mapping: { from: f, to: t, implied: false } });
      mapped = true;
      break;
    }
  }
  const implied = mapped ? undefined : impliedMapping(path, ctx.mainDir);
  if (implied)
    out.push({
      path: implied[1] + path.slice(implied[0].length),
      mapping: { from: implied[0], to: implied[1], implied: true },
    });
  out.push({ path });
  return out;
}

export function resolveIncludeTargets(operand: EvalValue, ctx: IncludeContext): IncludeTargets | undefined {
  if (operand.type !== 'string' && operand.type !== 'integer') return undefined;
  const path = includePath(String(operand.value), ctx.mainDir);
  const tries = mappedCandidates(path, ctx);
  if (hasGlob(path)) {
    for (const { path: p, mapping } of tries) {
      const found = ctx.fs.glob(p, ctx.maxGlobMatches);
      if (found.length > 0 || found.incomplete) {
        // A match lighttpd cannot read (a directory, a link to a missing file) makes it refuse to start.
        const unreadable = found.slice(0, ctx.maxGlobMatches).find((m) => !ctx.fs.isFile(m));
        if (unreadable !== undefined) return { notFound: unreadable };
        return {
          paths: found.slice(0, ctx.maxGlobMatches),
          truncated: found.length > ctx.maxGlobMatches || found.incomplete === true,
          ...(mapping ? { via: mapping } : {}),
        };
      }
    }
    return { paths: [], truncated: false }; // a pattern matching nothing is fine
  }
  for (const { path: p, mapping } of tries)
    if (ctx.fs.isFile(p)) return { paths: [p], truncated: false, ...(mapping ? { via: mapping } : {}) };
  return { notFound: path };
}

/** Adapts include targets to the evaluator's resolution, parsing each file through `load`. */
export function toResolution(
  targets: IncludeTargets | undefined,
  load: (path: string) => { path: string; file: ConfigFile } | undefined,
): IncludeResolution | undefined {
  if (!targets) return undefined;
  if ('notFound' in targets) return targets;
  const files = [];
  for (const p of targets.paths) {
    const f = load(p);
    if (f) files.push(f);
  }
  return { files, truncated: targets.truncated };
}
