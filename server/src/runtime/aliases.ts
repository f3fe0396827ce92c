/**
 * One file, two names: a fragment opened as conf-enabled/10-proxy.conf (a symbolic link) and as
 * conf-available/10-proxy.conf is one file for lighttpd. Its diagnostics are published for one of the open
 * documents only — the one named by the real path, else the first by URI — and cleared for the other names.
 */
import { uriToPath } from '../uri';

/** Whether the diagnostics of `uri` belong to another open document naming the same file. */
export function isAliasOfAnother(
  uri: string,
  open: readonly { readonly uri: string }[],
  canonicalOf: (uri: string) => string | undefined,
): boolean {
  const real = canonicalOf(uri);
  if (!real) return false;
  const others = open.filter((d) => d.uri !== uri && canonicalOf(d.uri) === real);
  if (others.length === 0) return false;
  const isReal = (u: string) => uriToPath(u) === real;
  if (isReal(uri)) return false;
  if (others.some((d) => isReal(d.uri))) return true;
  return others.some((d) => d.uri < uri);
}
