/**
 * The client logic shared by the desktop entry (extension.ts: the server as a Node process) and the web
 * entry (browserExtension.ts: the server in a web worker): the client options, starting and stopping the
 * client, workspace trust. Commands and anything else both editions offer belong here (or in a module
 * registered from here), so that they work on the desktop and on the web alike; this module must not use
 * Node (no node: imports, no process).
 */
import { window, workspace, type CancellationToken, type ExtensionContext } from 'vscode';
import type { BaseLanguageClient, LanguageClientOptions } from 'vscode-languageclient';
import { createOutputChannel, registerCommands } from './commands';
import { quietWhenStopped } from './lifecycle';
import { registerSimulate } from './simulate';
import { registerRoutingMap } from './routingMap';
import { registerRouteTests } from './routeTests';
import { registerUpgradeCommand } from './upgrade';
import { registerStatus } from './status';

export const CLIENT_ID = 'lighttpd';
export const CLIENT_NAME = 'lighttpd Language Server';

/** What differs between the desktop and the web. */
export interface ClientPlatform {
  /**
   * Loads vscode-languageclient (node or browser transport) and makes the client around the given options.
   * Called once activate() has returned: the package's initialisation is most of the extension's load time,
   * so the entries import it dynamically here (no value import of it in a module loaded at activation).
   */
  createClient(options: LanguageClientOptions): Promise<BaseLanguageClient>;
  /** The documents the server checks; default: files and untitled documents. */
  readonly documentSelector?: LanguageClientOptions['documentSelector'];
  /** Rewrites URIs between the editor and the server (the web maps its workspace scheme to file:). */
  readonly uriConverters?: LanguageClientOptions['uriConverters'];
  /** Called with the client before it starts (request handlers the server relies on). */
  prepare?(client: BaseLanguageClient, context: ExtensionContext): void;
}

/**
 * The language client as the commands, status items and providers registered at activation hold it: it is
 * created just after activate() returns, so what runs before (an `onCommand` activation runs its command
 * right away) waits for it.
 */
export interface LazyClient {
  /** The client, once created. */
  readonly current: BaseLanguageClient | undefined;
  /** The client once its start settled, started or failed. */
  started(): Promise<BaseLanguageClient>;
  /** Calls `listener` with the client when it is created, before it starts (at once if it exists). */
  onCreated(listener: (client: BaseLanguageClient) => void): void;
  /** A request to the server, sent once the client exists (and, as every request, once it started). */
  sendRequest<R>(method: string, params: unknown, token?: CancellationToken): Promise<R>;
}

let client: BaseLanguageClient | undefined;
/** The client's start, settled either way (a window reloaded while it starts must wait for it). */
let starting: Promise<void> | undefined;
/** The deferred creation: scheduled, then running, settled either way. */
let creationTimer: ReturnType<typeof setTimeout> | undefined;
let creation: Promise<void> | undefined;
let deactivated = false;

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  promise.catch(() => undefined); // (rejected only for waiters; nobody waiting is no error)
  return { promise, resolve, reject };
}

/**
 * Registers everything the extension contributes (commands, status items, code lenses, the output channel)
 * and returns at once; the language client is created and started from a timer, after activate() has
 * returned (the editor measures activation until then, and loading the client is ~50-130 ms).
 */
export function activateClient(context: ExtensionContext, platform: ClientPlatform): LazyClient {
  deactivated = false;
  // Always there (View > Output > lighttpd); lighttpd.trace.server only adds the protocol traffic.
  const outputChannel = createOutputChannel();
  const created = deferred<BaseLanguageClient>();
  const started = deferred<BaseLanguageClient>();
  const listeners: ((c: BaseLanguageClient) => void)[] = [];
  const lazy: LazyClient = {
    get current() {
      return client;
    },
    started: () => started.promise,
    onCreated(listener) {
      if (client) listener(client);
      else listeners.push(listener);
    },
    sendRequest: async <R>(method: string, params: unknown, token?: CancellationToken) =>
      (await created.promise).sendRequest<R>(method, params, token),
  };

  // Commands (each family in its own module, registered here so both editions have them).
  registerRoutingMap(context, lazy, registerSimulate(context, lazy));
  registerRouteTests(context, lazy);
  registerUpgradeCommand(context, lazy);
  registerCommands(context, lazy, outputChannel);
  registerStatus(context, lazy);
  context.subscriptions.push(
    workspace.onDidGrantWorkspaceTrust(
      () => void client?.sendNotification('lighttpd/didChangeTrust', { trusted: true }).catch(() => undefined),
    ),
  );

  const create = async () => {
    const clientOptions: LanguageClientOptions = {
      documentSelector: platform.documentSelector ?? [
        { scheme: 'file', language: 'lighttpd' },
        { scheme: 'untitled', language: 'lighttpd' },
      ],
      // Included files change the diagnostics of the configs that include them, open or not.
      synchronize: {
        configurationSection: 'lighttpd',
        fileEvents: [
          workspace.createFileSystemWatcher('**/*.conf'),
          // A deleted folder is reported as the folder alone: the server drops the files it knew under it.
          workspace.createFileSystemWatcher('**/*', true, true, false),
        ],
      },
      // The server runs nothing (include_shell, lighttpd) unless the workspace is trusted. editorCommands: VS Code
      // runs the editor commands completion items carry (other clients get none).
      initializationOptions: { trusted: workspace.isTrusted, editorCommands: true },
      uriConverters: platform.uriConverters,
      outputChannel,
      // No "provider FAILED" in the extension host log for requests VS Code sends while the client stops.
      middleware: quietWhenStopped(() => client),
    };
    let c: BaseLanguageClient;
    try {
      c = await platform.createClient(clientOptions);
    } catch (e) {
      const message = `The lighttpd language server could not be set up: ${e instanceof Error ? e.message : String(e)}`;
      outputChannel.appendLine(message);
      void window.showErrorMessage(message);
      created.reject(new Error(message));
      started.reject(new Error(message));
      return;
    }
    if (deactivated) {
      const message = 'The lighttpd extension was deactivated before its language server started.';
      created.reject(new Error(message));
      started.reject(new Error(message));
      return;
    }
    client = c;
    platform.prepare?.(c, context);
    for (const listener of listeners.splice(0)) listener(c);
    created.resolve(c);
    // Not awaited: the client queues what the editor sends until the server is initialized. A failed
    // start is shown.
    starting = c.start().catch((e: unknown) => c.error('The lighttpd language server did not start.', e, 'force'));
    void starting.then(() => started.resolve(c));
  };
  // A timer, not a microtask: the editor's activation (its promise included) is over before it runs.
  creationTimer = setTimeout(() => {
    creationTimer = undefined;
    creation = create();
  }, 0);
  return lazy;
}

/**
 * Stops the client. Before the client was created nothing starts any more. A window reloaded while the
 * server still starts (seen in the UI test's second reload) first waits for the start, at most 2 s: stopping
 * a client in its starting state throws, which VS Code logs as an extension error. A stop that still fails is
 * nobody's concern once the window goes.
 */
export async function deactivateClient(): Promise<void> {
  deactivated = true;
  if (creationTimer !== undefined) clearTimeout(creationTimer);
  creationTimer = undefined;
  await creation;
  const c = client;
  client = undefined;
  if (!c) return;
  await Promise.race([starting, new Promise((r) => setTimeout(r, 2000))]);
  if (!c.isRunning()) return;
  await c.stop(2000).catch(() => undefined);
}
