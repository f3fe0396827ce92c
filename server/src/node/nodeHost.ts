/** The desktop host: Node's file system, include_shell through the system shell, the lighttpd binary. */
import { findConfigFiles, nodeFileSystem } from './nodeFileSystem';
import { runLighttpdPreflight } from './lighttpdRunner';
import { runIncludeShell } from './shellRunner';
import type { ServerHost } from '../runtime/host';
import { installedLighttpdVersion } from './lighttpdVersion';

let lastResortInstalled = false;

export const nodeHost: ServerHost = {
  fileSystem: nodeFileSystem,
  findConfigFiles: (folder, patterns) => findConfigFiles(folder, patterns),
  runIncludeShell: (command, cwd) => runIncludeShell(command, cwd),
  runLighttpd: runLighttpdPreflight,
  lighttpdVersion: installedLighttpdVersion,
  onUncaughtError(report) {
    if (lastResortInstalled) return;
    lastResortInstalled = true;
    process.on('uncaughtException', (e) => report('uncaught exception', e));
    process.on('unhandledRejection', (e) => report('unhandled promise rejection', e));
  },
};
