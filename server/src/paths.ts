/**
 * POSIX path helpers without node:path, so that the language service runs in a browser too. Config paths
 * are POSIX paths (uri.ts turns a Windows drive into `c:/x`), and these give the answers of Node's
 * `path.posix` functions of the same names (test/unit/paths.test.ts compares them on generated paths).
 */

export const isAbsolute = (path: string): boolean => path.startsWith('/');

/** Resolves `.` and `..` segments and repeated slashes; keeps a trailing slash; `''` is `'.'`. */
export function normalize(path: string): string {
  if (path === '') return '.';
  const absolute = isAbsolute(path);
  const trailing = path.endsWith('/');
  const out: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment !== '..') out.push(segment);
    else if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else if (!absolute) out.push('..'); // above the root of an absolute path is the root
  }
  const body = out.join('/');
  if (body === '') return absolute ? '/' : trailing ? './' : '.';
  return (absolute ? '/' : '') + body + (trailing ? '/' : '');
}

/** The non-empty parts joined with `/`, normalized. */
export function join(...parts: string[]): string {
  const joined = parts.filter((p) => p !== '').join('/');
  return joined === '' ? '.' : normalize(joined);
}

/** The path without its last segment: everything before the slash that precedes it (trailing slashes ignored). */
export function dirname(path: string): string {
  if (path === '') return '.';
  let i = path.length - 1;
  while (i >= 1 && path[i] === '/') i--; // trailing slashes
  while (i >= 1 && path[i] !== '/') i--; // the last segment
  if (i < 1) return isAbsolute(path) ? '/' : '.'; // (a slash at index 0 is the root)
  return i === 1 && isAbsolute(path) ? '//' : path.slice(0, i); // (`//x`: Node keeps both slashes)
}

/** The last segment (trailing slashes ignored). */
export function basename(path: string): string {
  let end = path.length;
  while (end > 0 && path[end - 1] === '/') end--;
  if (end === 0) return '';
  return path.slice(path.lastIndexOf('/', end - 1) + 1, end);
}
