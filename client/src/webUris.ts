/**
 * The web server thinks in POSIX paths of `file:` URIs, like the desktop's. On the web the workspace lives
 * on another file system (`vscode-vfs://github/owner/repo/...`, `vscode-remote://host/...`): the client maps
 * the first workspace folder's scheme and authority onto `file:` for the server, and back for the editor,
 * so that `/owner/repo/lighttpd.conf` is a path the analysis can resolve includes against. URIs of any other
 * file system pass unchanged (the server checks such a document on its own).
 */
import { Uri } from 'vscode';

export interface UriMapping {
  /** The scheme of the mapped file system (`file` when there is nothing to map). */
  readonly scheme: string;
  toServer(uri: Uri): string;
  fromServer(value: string): Uri;
  /** The editor's URI of a server path. */
  uriOf(path: string): Uri;
  /** The server path of an editor URI of the mapped file system, or undefined. */
  pathOf(uri: Uri): string | undefined;
}

export function uriMapping(home: Uri | undefined): UriMapping {
  const scheme = home?.scheme ?? 'file';
  const authority = home?.authority ?? '';
  const mapped = scheme !== 'file';
  const isHome = (uri: Uri) => uri.scheme === scheme && uri.authority === authority;
  return {
    scheme,
    toServer: (uri) =>
      mapped && isHome(uri) ? Uri.from({ scheme: 'file', path: uri.path }).toString() : uri.toString(),
    fromServer: (value) => {
      const uri = Uri.parse(value, true);
      return mapped && uri.scheme === 'file' && !uri.authority ? uri.with({ scheme, authority }) : uri;
    },
    uriOf: (path) => Uri.from({ scheme, authority, path }),
    pathOf: (uri) => (isHome(uri) ? uri.path : undefined),
  };
}
