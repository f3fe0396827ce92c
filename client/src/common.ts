/**
 * The client logic shared by the desktop entry (extension.ts: the server as a Node process) and the web
 * entry (browserExtension.ts: the server in a web worker): the client options, starting and stopping the
 * client, workspace trust. Commands and anything else both editions offer belong here (or in a module
 * registered from here), so that they work on the desktop and on the web alike; this module must not use
 * Node (no node: imports, no process).
 */
import { workspace, type ExtensionContext } from 'vscode';
import type { BaseLanguageClient, LanguageClientOptions } from 'vscode-languageclient';
import { createOutputChannel, registerCommands } from './commands';
import { quietWhenStopped } from './lifecycle';
import { registerSimulate } from './simulate';
import { registerUpgradeCommand } from './upgrade';
import { registerStatus } from './status';

export const CLIENT_ID = 'lighttpd';
export const CLIENT_NAME = 'lighttpd Language Server';

/** What differs between the desktop and the web. */
export interface ClientPlatform {
  /** Makes the language client around the given options (node or browser transport). */
  createClient(options: LanguageClientOptions): BaseLanguageClient;
  /** The documents the server checks; default: files and untitled documents. */
  readonly documentSelector?: LanguageClientOptions['documentSelector'];
  /** Rewrites URIs between the editor and the server (the web maps its workspace scheme to file:). */
  readonly uriConverters?: LanguageClientOptions['uriConverters'];
  /** Called with the client before it starts (request handlers the server relies on). */
  prepare?(client: BaseLanguageClient, context: ExtensionContext): void;
}

let client: BaseLanguageClient | undefined;
/** The client's start, settled either way (a window reloaded while it starts must wait for it). */
let starting: Promise<void> | undefined;

/** The running client (for commands), if any. */
export function currentClient(): BaseLanguageClient | undefined {
  return client;
}

export function activateClient(context: ExtensionContext, platform: ClientPlatform): BaseLanguageClient {
  const clientOptions: LanguageClientOptions = {
    documentSelector: platform.documentSelector ?? [
      { scheme: 'file', language: 'lighttpd' },
      { scheme: 'untitled', language: 'lighttpd' },
    ],
    // Included files change the diagnostics of the configs that include them, open or not.
    synchronize: { configurationSection: 'lighttpd', fileEvents: workspace.createFileSystemWatcher('**/*.conf') },
    // The server runs nothing (include_shell, lighttpd) unless the workspace is trusted.
    initializationOptions: { trusted: workspace.isTrusted },
    uriConverters: platform.uriConverters,
    // Always there (View > Output > lighttpd); lighttpd.trace.server only adds the protocol traffic.
    outputChannel: createOutputChannel(),
    // No "provider FAILED" in the extension host log for requests VS Code sends while the client stops.
    middleware: quietWhenStopped(() => client),
  };
  client = platform.createClient(clientOptions);
  platform.prepare?.(client, context);
  // Commands (each family in its own module, registered here so both editions have them).
  registerSimulate(context, client);
  registerUpgradeCommand(context);
  registerCommands(context, client);
  registerStatus(context, client);
  // Not awaited: activation returns at once instead of holding the extension host while the server
  // starts and initializes (the client queues what the editor sends until then). A failed start is shown.
  const started = client;
  starting = started
    .start()
    .catch((e: unknown) => started.error('The lighttpd language server did not start.', e, 'force'));
  context.subscriptions.push(
    workspace.onDidGrantWorkspaceTrust(
      () => void client?.sendNotification('lighttpd/didChangeTrust', { trusted: true }).catch(() => undefined),
    ),
  );
  return started;
}

/**
 * Stops the client. A window reloaded while the server still starts (seen in the UI test's second reload)
 * first waits for the start, at most 2 s: stopping a client in its starting state throws, which VS Code
 * logs as an extension error. A stop that still fails is nobody's concern once the window goes.
 */
export async function deactivateClient(): Promise<void> {
  const c = client;
  client = undefined;
  if (!c) return;
  await Promise.race([starting, new Promise((r) => setTimeout(r, 2000))]);
  if (!c.isRunning()) return;
  await c.stop(2000).catch(() => undefined);
}
