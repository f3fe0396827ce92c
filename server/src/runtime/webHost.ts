/**
 * The web host (the server in a browser's web worker, server/src/browserMain.ts): files come from the
 * client (`vscode.workspace.fs`, runtime/remoteFileSystem.ts), and there is no program runner at all, so
 * include_shell output stays unknown and lighttpd never runs on save (the settings say so).
 */
import type { Connection } from 'vscode-languageserver';
import {
  FILE_SYSTEM_REQUEST,
  FIND_FILES_REQUEST,
  type FileAnswer,
  type FileSystemParams,
  type FindFilesParams,
} from './fileSystemProtocol';
import type { ServerHost } from './host';
import { PrefetchingFileSystem } from './remoteFileSystem';

/** The worker's global scope, as far as the host uses it. */
interface WorkerScope {
  addEventListener(type: 'error' | 'unhandledrejection', listener: (event: WorkerErrorEvent) => void): void;
}
interface WorkerErrorEvent {
  readonly error?: unknown;
  readonly reason?: unknown;
  readonly message?: string;
  preventDefault(): void;
}

export function createWebHost(connection: Connection, scope: WorkerScope): ServerHost {
  const fs = new PrefetchingFileSystem(
    {
      query: (params: FileSystemParams) => connection.sendRequest<FileAnswer[]>(FILE_SYSTEM_REQUEST, params),
      findFiles: (params: FindFilesParams) => connection.sendRequest<string[]>(FIND_FILES_REQUEST, params),
    },
    (m) => connection.console.warn(m),
  );
  let lastResortInstalled = false;
  return {
    fileSystem: fs,
    findConfigFiles: (folder, patterns) => fs.findConfigFiles(folder, patterns),
    filesPending: () => fs.pending(),
    whenFilesSettled: () => fs.whenSettled(),
    onDidChangeFiles: (listener) => fs.onDidChange(listener),
    fileChanged: (path) => fs.fileChanged(path),
    onUncaughtError(report) {
      if (lastResortInstalled) return;
      lastResortInstalled = true;
      scope.addEventListener('error', (e) => {
        e.preventDefault();
        report('uncaught exception', e.error ?? e.message);
      });
      scope.addEventListener('unhandledrejection', (e) => {
        e.preventDefault();
        report('unhandled promise rejection', e.reason);
      });
    },
  };
}
