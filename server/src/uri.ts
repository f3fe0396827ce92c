/**
 * The one conversion between `file:` URIs and file paths, used by the server, the CLI and the language
 * service. Pure (WHATWG URL only, no node:url), so that the web build can use it too. Config paths are
 * POSIX paths; a Windows drive letter (`file:///c%3A/x`) comes out as `c:/x`.
 */

/** The path of a `file:` URI, or undefined for any other scheme or a URI that does not parse. */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    const url = new URL(uri);
    if (url.host && url.host !== 'localhost') return undefined; // a UNC share: not a path we can read
    const path = decodeURIComponent(url.pathname);
    if (path.includes('\0')) return undefined;
    return /^\/[A-Za-z]:/.test(path) ? path.slice(1) : path;
  } catch {
    return undefined;
  }
}

/** The `file:` URI of an absolute path, encoded as Node's pathToFileURL encodes it. */
export function pathToUri(path: string): string {
  const url = new URL('file:///');
  const posix = /^[A-Za-z]:/.test(path) ? '/' + path.replace(/\\/g, '/') : path;
  // The URL parser leaves these as they are in a path; a file name may hold them literally.
  url.pathname = posix
    .replace(/%/g, '%25')
    .replace(/\\/g, '%5C')
    .replace(/\n/g, '%0A')
    .replace(/\r/g, '%0D')
    .replace(/\t/g, '%09')
    .replace(/[\^|[\]~]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
  return url.href;
}

/** The folder of a `file:` URI's path, or undefined. */
export function uriDir(uri: string): string | undefined {
  const path = uriToPath(uri);
  if (path === undefined) return undefined;
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}
