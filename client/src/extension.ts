/**
 * The desktop entry (package.json "main"): starts the bundled language server as a Node process. What the
 * desktop and the web share (options, trust, commands) is in common.ts; the web entry is browserExtension.ts.
 */
import * as path from 'node:path';
import { commands, type ExtensionContext } from 'vscode';
import type { ServerOptions } from 'vscode-languageclient/node';
import { SERVER_NODE_OPTIONS } from '../../server/src/node/nodeOptions';
import { activateClient, CLIENT_ID, CLIENT_NAME, deactivateClient } from './common';

export function activate(context: ExtensionContext): void {
  // The extension host is Node here (desktop, code-server, a remote): commands that run programs, such as
  // "Check with lighttpd Now", are offered (package.json "when": lighttpd.nodeHost); never in the web worker.
  void commands.executeCommand('setContext', 'lighttpd.nodeHost', true);
  activateClient(context, {
    createClient: async (options) => {
      // Loaded only now, after activate() has returned (common.ts): most of the extension's load time.
      const { LanguageClient, TransportKind } = await import('vscode-languageclient/node');
      const module = context.asAbsolutePath(path.join('dist', 'server.js'));
      const serverOptions: ServerOptions = {
        run: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_OPTIONS] } },
        debug: {
          module,
          transport: TransportKind.ipc,
          options: { execArgv: [...SERVER_NODE_OPTIONS, '--nolazy', '--inspect=6019'] },
        },
      };
      return new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, options);
    },
  });
}

export function deactivate(): Promise<void> {
  return deactivateClient();
}
