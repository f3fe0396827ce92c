/**
 * Quiet shutdown: while the client stops (a window reload, "Restart Server"), VS Code keeps asking the
 * providers (code actions for the cursor, symbols, folding...). vscode-languageclient then fails with
 * "Starting server failed" / "Client is not running", which VS Code logs as "provider FAILED" in the
 * extension host log. Answering "nothing" in that window is what the user would see anyway.
 * Works with the node and the browser client (only the common API is used).
 */
import type { BaseLanguageClient, Middleware } from 'vscode-languageclient';
import { State } from './clientState';

/** The provider middleware hooks wrapped (each takes `next` as its last argument). */
const PROVIDERS = [
  'provideCodeActions',
  'provideCompletionItem',
  'resolveCompletionItem',
  'provideHover',
  'provideDocumentSymbols',
  'provideFoldingRanges',
  'provideSelectionRanges',
  'provideDocumentLinks',
  'provideDefinition',
  'provideReferences',
  'provideDocumentFormattingEdits',
  'provideDocumentRangeFormattingEdits',
  'provideRenameEdits',
  'prepareRename',
  'provideDocumentSemanticTokens',
  'provideDocumentRangeSemanticTokens',
  'provideCodeLenses',
  'provideInlayHints',
] as const;

/** Is this failure only the client not running (stopping, stopped, or its start failed)? */
export function isNotRunning(client: BaseLanguageClient | undefined, error: unknown): boolean {
  if (!client || client.state !== State.Running) return true;
  const message = error instanceof Error ? error.message : String(error);
  return /Starting server failed|Client is not running|Previous start failed|Pending response rejected/.test(message);
}

/**
 * Middleware that answers `undefined` instead of failing when the client is not running; any other failure
 * is passed on. `client()` gives the client once it exists.
 */
export function quietWhenStopped(client: () => BaseLanguageClient | undefined): Middleware {
  const middleware: Record<string, unknown> = {};
  for (const name of PROVIDERS) {
    middleware[name] = async (...args: unknown[]) => {
      const next = args[args.length - 1] as (...a: unknown[]) => unknown;
      const c = client();
      if (c && c.state !== State.Running && c.state !== State.Starting) return undefined;
      try {
        return await next(...args.slice(0, -1));
      } catch (e) {
        if (isNotRunning(client(), e)) return undefined;
        throw e;
      }
    };
  }
  return middleware as Middleware;
}
