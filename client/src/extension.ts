/**
 * The VS Code side: starts the bundled language server and stops it. Everything else is the server's.
 */
import * as path from 'node:path';
import { workspace, type ExtensionContext } from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { SERVER_NODE_OPTIONS } from '../../server/src/nodeOptions';
import { registerSimulate } from './simulate';

let client: LanguageClient | undefined;

export function activate(context: ExtensionContext): void {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_OPTIONS] } },
    debug: {
      module,
      transport: TransportKind.ipc,
      options: { execArgv: [...SERVER_NODE_OPTIONS, '--nolazy', '--inspect=6019'] },
    },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'lighttpd' },
      { scheme: 'untitled', language: 'lighttpd' },
    ],
    // Included files change the diagnostics of the configs that include them, open or not.
    synchronize: { configurationSection: 'lighttpd', fileEvents: workspace.createFileSystemWatcher('**/*.conf') },
    // The server runs nothing (include_shell, lighttpd) unless the workspace is trusted.
    initializationOptions: { trusted: workspace.isTrusted },
  };
  client = new LanguageClient('lighttpd', 'lighttpd Language Server', serverOptions, clientOptions);
  registerSimulate(context, client);
  // Not awaited: activation returns at once instead of holding the extension host while the server process
  // starts and initializes (the client queues what the editor sends until then). A failed start is shown.
  const started = client;
  started.start().catch((e: unknown) => started.error('The lighttpd language server did not start.', e, 'force'));
  context.subscriptions.push(
    workspace.onDidGrantWorkspaceTrust(
      () => void client?.sendNotification('lighttpd/didChangeTrust', { trusted: true }).catch(() => undefined),
    ),
  );
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
