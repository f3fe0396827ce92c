/**
 * The multi-file settings as the workspace needs them: `lighttpd.rootFiles` globs expanded to files,
 * `lighttpd.pathMappings` targets made absolute (`${workspaceFolder}` expanded), include_shell allowed or
 * not (trust AND setting).
 */
import { joinPath } from '../analysis/fileSystem';
import type { ConfigWorkspace } from '../analysis/workspace';
import type { ServerSettings } from '../settings';
import { isAbsolutePath, type ServerHost } from './host';

export function applyWorkspaceSettings(
  workspace: ConfigWorkspace,
  host: ServerHost,
  settings: ServerSettings,
  folders: readonly string[],
  trusted: boolean,
): void {
  const expand = (v: string, folder: string) => v.replace(/\$\{workspaceFolder\}/g, folder);
  const folder0 = folders[0] ?? '';
  const rootFiles = settings.rootFiles.flatMap((r) => {
    const pattern = expand(r, folder0);
    return isAbsolutePath(pattern)
      ? host.findConfigFiles('/', [pattern.slice(1)])
      : folders.flatMap((f) => host.findConfigFiles(f, [pattern]));
  });
  const pathMappings = Object.fromEntries(
    Object.entries(settings.pathMappings).map(([k, v]) => [
      k,
      isAbsolutePath(expand(v, folder0)) ? expand(v, folder0) : joinPath(folder0, v),
    ]),
  );
  const runShell = trusted && settings.includeShellExecute ? host.runIncludeShell : undefined;
  workspace.setSettings({ rootFiles: settings.rootFiles.length ? rootFiles : undefined, pathMappings, runShell });
  workspace.setKnownFiles(folders.flatMap((f) => host.findConfigFiles(f)));
}
