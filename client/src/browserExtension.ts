/**
 * The web entry (package.json "browser": vscode.dev, github.dev, code-server's web worker extension host):
 * starts the same language server bundled for a web worker (dist/server.js, the desktop's bundle: server/src/entries/universal.ts starts the web entry there) and answers its file-system
 * requests from `vscode.workspace.fs`. What the desktop and the web share is in common.ts.
 */
import { Uri, workspace, type ExtensionContext } from 'vscode';
import { activateClient, CLIENT_ID, CLIENT_NAME, deactivateClient } from './common';
import { serveFileSystem } from './webFileSystem';
import { uriMapping } from './webUris';

interface WorkerLike {
  terminate(): void;
}
type WorkerConstructor = new (url: string, options?: { name?: string }) => WorkerLike;

/**
 * Starts the server's worker. From the bundle's bytes as a blob: a worker straight from the extension's
 * URL is refused where extensions are served from the remote (code-server: "Creating workers from remote
 * extensions is currently not supported"), and a blob works everywhere.
 */
async function startWorker(context: ExtensionContext): Promise<WorkerLike> {
  const bytes = await workspace.fs.readFile(Uri.joinPath(context.extensionUri, 'dist', 'server.js'));
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/javascript' }));
  const WorkerCtor = (globalThis as unknown as { Worker: WorkerConstructor }).Worker;
  const worker = new WorkerCtor(url, { name: 'lighttpd language server' });
  context.subscriptions.push({ dispose: () => worker.terminate() });
  return worker;
}

export function activate(context: ExtensionContext): void {
  const mapping = uriMapping(workspace.workspaceFolders?.[0]?.uri);
  const schemes = [...new Set([mapping.scheme, 'untitled'])];
  activateClient(context, {
    createClient: async (options) => {
      // Loaded only now, after activate() has returned (common.ts), while the worker starts.
      const [worker, { LanguageClient }] = await Promise.all([
        startWorker(context),
        import('vscode-languageclient/browser'),
      ]);
      // (the browser client's constructor takes the DOM's Worker type)
      return new LanguageClient(CLIENT_ID, CLIENT_NAME, options, worker as never);
    },
    documentSelector: schemes.map((scheme) => ({ scheme, language: 'lighttpd' })),
    uriConverters: { code2Protocol: mapping.toServer, protocol2Code: mapping.fromServer },
    prepare: (client) => serveFileSystem(client, mapping),
  });
}

export function deactivate(): Promise<void> {
  return deactivateClient();
}
