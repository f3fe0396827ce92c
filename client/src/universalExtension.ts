/**
 * The extension's entry on both platforms (package.json `main` and `browser` are this one bundle): the
 * desktop client (extension.ts) in VS Code's Node extension host, the web client (browserExtension.ts) in
 * the web worker extension host. One bundle instead of two keeps the .vsix within its size budget; the
 * client not taken is never initialised.
 */
import type { ExtensionContext } from 'vscode';

interface Client {
  activate(context: ExtensionContext): void | Promise<void>;
  deactivate(): Promise<void>;
}

const inWorker = typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope !== 'undefined';
/* eslint-disable @typescript-eslint/no-require-imports */
const client: Client = inWorker ? require('./browserExtension') : require('./extension');
/* eslint-enable @typescript-eslint/no-require-imports */

export function activate(context: ExtensionContext): void | Promise<void> {
  return client.activate(context);
}

export function deactivate(): Promise<void> {
  return client.deactivate();
}
