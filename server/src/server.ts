/**
 * Wiring only: capabilities, the open documents, settings, and handlers of a few lines each that hand a
 * document to the language service. Policy lives in runtime/: when documents are checked (scheduler.ts),
 * the lighttpd run on save (lighttpdOnSave.ts), idle collection, the platform (host.ts; node/nodeHost.ts on the
 * desktop).
 */
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  ErrorCodes,
  ResponseError,
  FileChangeType,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type Connection,
  type InitializeResult,
  type Position,
  type Range,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ConfigWorkspace } from './analysis/workspace';
import { FIX_ALL_KIND } from './features/codeActions/codeActions';
import { COMPLETION_TRIGGERS } from './features/completion/completion';
import { BASIC_CLIENT, completionForClient, type CompletionClient } from './features/completion/forClient';
import { RenameError } from './features/navigation/rename';
import { SEMANTIC_TOKENS_LEGEND } from './features/structure/semanticTokens';
import { describeError, makeGuard, TEST_THROW } from './runtime/guard';
import type { ServerHost } from './runtime/host';
import { makeIdleCollector } from './runtime/idleCollector';
import { startWarmUp } from './runtime/warmUp';
import { isAliasOfAnother } from './runtime/aliases';
import { registerEditorRequests } from './runtime/editorRequests';
import { LighttpdOnSave } from './runtime/lighttpdOnSave';
import { CheckScheduler } from './runtime/scheduler';
import { ClientSettings } from './runtime/clientSettings';
import { ConfigurationPublisher } from './runtime/configurationPublisher';
import { applyWorkspaceSettings } from './runtime/workspaceSettings';
import { registerUpgradeRequests } from './runtime/upgradeRequests';
import { getLanguageService } from './service';
import { registerSimulateRequests } from './runtime/simulateRequests';
import { registerRoutingMapRequests } from './runtime/routingMapRequests';
import { registerRouteTestRequests } from './runtime/routeTestRequests';
import { DEFAULT_SETTINGS, normalizeSettings, type ServerSettings } from './settings';
import { uriToPath } from './uri';

/** Most waves of file-system answers a request waits for (each is one more level of includes). */
const MAX_FILE_WAVES = 8;

export function startServer(connection: Connection, host: ServerHost): void {
  const guard = makeGuard((m) => connection.console.error(m));
  // A bug outside every handler (a timer, a promise nobody awaits) is logged; the server keeps serving.
  host.onUncaughtError?.((kind, e) =>
    connection.console.error(`${kind} (the server keeps running): ${describeError(e)}`),
  );
  const documents = new TextDocuments(TextDocument);
  const workspace = new ConfigWorkspace(host.fileSystem);
  const service = getLanguageService({ workspace });
  let settings: ServerSettings = DEFAULT_SETTINGS;
  let folders: string[] = [];
  /** Workspace trust as reported by the client; nothing is ever executed in an untrusted workspace. */
  let trusted = false;
  /** The client answers workspace/configuration (else its settings come pushed or in initializationOptions). */
  let pullConfiguration = false;
  /** The client takes a dynamic registration of workspace/didChangeConfiguration (eglot does not). */
  let registerConfigurationChange = false;
  const clientSettings = new ClientSettings();
  /** What the client's completion takes (snippets, VS Code's commands): features/completion/forClient.ts. */
  let completionClient: CompletionClient = BASIC_CLIENT;
  const collectWhenIdle = makeIdleCollector();

  /** The path of a file URI as the workspace knows it (symbolic links resolved). */
  const canonicalOf = (uri: string): string | undefined => {
    const path = uriToPath(uri);
    return path && guard('path', uri, undefined, () => workspace.canonical(path));
  };
  // Held until the client's settings are read: the first diagnostics are those of the user's settings.
  const scheduler = new CheckScheduler(
    {
      all: () => documents.all(),
      run: (uri, cascade) => validate(uri, cascade),
      canonicalOf,
      dependenciesOf: (uri) => service.getDependencies(uri),
    },
    { held: true },
  );
  const languageSettings = () => ({
    version: settings.version,
    platform: settings.platform,
    upgradeFrom: settings.upgradeFrom || undefined,
    tlsProfile: settings.tlsProfile,
    diagnostics: { severity: settings.diagnosticsSeverity },
  });
  const publisher = new ConfigurationPublisher({
    service,
    settings: languageSettings,
    maxFiles: () => settings.includedFiles,
    generation: () => workspace.generation,
    isOpen: (path) => documents.all().some((d) => canonicalOf(d.uri) === path),
    send: (uri, diagnostics) => void connection.sendDiagnostics({ uri, diagnostics }),
    guard: (what, uri, fallback, fn) => guard(what, uri, fallback, fn),
  });
  const lighttpd = new LighttpdOnSave({
    host,
    workspace,
    service,
    guard,
    settings: () => settings,
    trusted: () => trusted,
    documents: () => documents.all(),
    recheck: (d) => scheduler.schedule(d, 0),
    log: (m) => connection.console.info(m),
  });

  /** Checks the current version of an open document and publishes the result (see CheckScheduler). */
  function validate(uri: string, cascade: boolean): void {
    scheduler.started(uri);
    const doc = documents.get(uri); // the latest version: a check never runs on an outdated one
    if (!doc) return; // closed meanwhile
    if (isAliasOfAnother(doc.uri, documents.all(), canonicalOf)) {
      // Another open name of the same file (a symbolic link) carries its diagnostics.
      void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: [] });
      if (cascade) scheduler.cascadeFrom(doc.uri);
      return;
    }
    const enabled = settings.validate.enable;
    const ours = enabled ? guard('validation', doc.uri, [], () => service.doValidation(doc, languageSettings())) : [];
    // A host whose files arrive later (the web): checked again once they did, not published incomplete.
    if (host.filesPending?.()) return;
    // The configuration(s) the document is checked in: their other files, and summaries on include lines.
    const roots = enabled ? guard('validation', doc.uri, [], () => service.configurationRoots(doc)) : [];
    const summaries = guard('validation', doc.uri, [], () => publisher.checked(doc.uri, canonicalOf(doc.uri), roots));
    const diagnostics = [...ours, ...summaries, ...lighttpd.diagnosticsOf(doc.uri)];
    void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics });
    collectWhenIdle();
    if (cascade) scheduler.cascadeFrom(doc.uri);
  }

  // New file-system answers (the web): the workspace scan and every check again, with them.
  host.onDidChangeFiles?.(() => {
    guard('workspace scan', undefined, undefined, () =>
      applyWorkspaceSettings(workspace, host, settings, folders, trusted),
    );
    scheduler.scheduleAll(0);
  });

  /**
   * Reads the client's settings and checks everything again with them. A pull waits for the answer only
   * briefly (runtime/clientSettings.ts): a client that answers late gets the defaults first, then its settings.
   */
  async function refreshSettings(): Promise<void> {
    if (pullConfiguration) await clientSettings.pull(connection, applySettings);
    applySettings();
  }

  function applySettings(): void {
    settings = normalizeSettings(clientSettings.current());
    guard('workspace scan', undefined, undefined, () =>
      applyWorkspaceSettings(workspace, host, settings, folders, trusted),
    );
    lighttpd.settingsChanged();
    publisher.settingsChanged();
    scheduler.release();
    scheduler.scheduleAll(0);
  }

  connection.onInitialize((params): InitializeResult => {
    const workspaceCaps = params.capabilities.workspace;
    pullConfiguration = !!workspaceCaps?.configuration;
    registerConfigurationChange = pullConfiguration && !!workspaceCaps?.didChangeConfiguration?.dynamicRegistration;
    clientSettings.initializationOptions(params.initializationOptions);
    const options = params.initializationOptions as { trusted?: unknown; editorCommands?: unknown } | undefined;
    trusted = options?.trusted === true;
    completionClient = {
      snippets: params.capabilities.textDocument?.completion?.completionItem?.snippetSupport === true,
      editorCommands: options?.editorCommands === true,
    };
    const uris = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    folders = uris.map(uriToPath).filter((p): p is string => !!p);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        completionProvider: { triggerCharacters: [...COMPLETION_TRIGGERS] },
        hoverProvider: true,
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        selectionRangeProvider: true,
        documentFormattingProvider: true,
        documentRangeFormattingProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        documentLinkProvider: { resolveProvider: false },
        semanticTokensProvider: { legend: SEMANTIC_TOKENS_LEGEND, full: true, range: true },
      },
      serverInfo: { name: 'lighttpd-conf' },
    };
  });
  connection.onInitialized(() => {
    if (TEST_THROW.has('uncaught')) {
      setTimeout(() => {
        throw new Error('test hook: uncaught exception in a timer');
      }, 0);
      void Promise.reject(new Error('test hook: unhandled promise rejection'));
    }
    if (registerConfigurationChange) {
      void connection.client
        .register(DidChangeConfigurationNotification.type, { section: 'lighttpd' })
        .catch(() => undefined);
    }
    void refreshSettings();
    // While the client answers and opens its first document: compile the hot paths (runtime/warmUp.ts).
    startWarmUp({
      busy: () => documents.all().length > 0,
      onError: (e) => connection.console.warn(`warm-up stopped: ${describeError(e)}`),
    });
  });
  connection.onDidChangeConfiguration((p) => {
    clientSettings.pushed(p.settings);
    void refreshSettings();
  });

  // Open editors take precedence over the disk for every root that includes them.
  const syncOpenText = (doc: TextDocument, text: string | undefined) => {
    const path = uriToPath(doc.uri);
    if (path) guard('workspace update', doc.uri, undefined, () => workspace.setOpenText(path, text));
  };
  documents.onDidOpen((e) => {
    syncOpenText(e.document, e.document.getText());
    scheduler.scheduleAffected(e.document, 0);
  });
  documents.onDidChangeContent((e) => {
    syncOpenText(e.document, e.document.getText());
    scheduler.scheduleAffected(e.document, settings.validate.delay);
  });
  documents.onDidSave((e) => {
    scheduler.schedule(e.document, 0);
    void lighttpd.saved(e.document);
  });
  documents.onDidClose((e) => {
    scheduler.cancel(e.document.uri);
    syncOpenText(e.document, undefined);
    service.forget(e.document.uri);
    lighttpd.forget(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
    guard('workspace update', e.document.uri, undefined, () => publisher.closed(e.document.uri));
    scheduler.scheduleAffected(e.document, settings.validate.delay);
  });
  registerEditorRequests(connection, {
    documents,
    workspace,
    host,
    guard,
    lighttpd,
    settings: () => settings,
    trusted: () => trusted,
  });
  connection.onNotification('lighttpd/didChangeTrust', (p: { trusted?: unknown }) => {
    trusted = p?.trusted === true;
    void refreshSettings();
  });
  connection.onDidChangeWatchedFiles((p) => {
    for (const c of p.changes) {
      const path = uriToPath(c.uri);
      if (path)
        guard('file change', c.uri, undefined, () => {
          host.fileChanged?.(path);
          workspace.fileChanged(path, c.type !== FileChangeType.Deleted);
        });
    }
    scheduler.scheduleAll(settings.validate.delay);
  });

  connection.onCodeAction((p, token) =>
    withDoc('code actions', p, [], (d) => service.doCodeActions(d, p.range, p.context, languageSettings()), token),
  );

  // Editing features: each handler hands the open document to the service.
  /**
   * Runs `fn` on the open document of a request, or answers `fallback` when it is not open, when the request
   * was cancelled while it waited (typing on: the client no longer wants it), or when `fn` throws (logged
   * with the document and position). On a host whose files arrive later (the web), the answer waits for
   * the files it asked for (a few waves at most: includes of includes).
   */
  function withDoc<T>(
    what: string,
    p: RequestParams,
    fallback: T,
    fn: (doc: TextDocument) => T,
    token?: CancellationToken,
  ): T | Promise<T> {
    const answer = () => {
      const doc = documents.get(p.textDocument.uri);
      if (!doc || token?.isCancellationRequested) return fallback;
      return guard(what, doc.uri, fallback, () => fn(doc), p.position ?? p.range ?? p.positions?.[0]);
    };
    const first = answer();
    if (!host.filesPending?.()) return first;
    return (async () => {
      let result = first;
      for (let wave = 0; wave < MAX_FILE_WAVES && host.filesPending!(); wave++) {
        await host.whenFilesSettled!();
        result = answer();
      }
      return result;
    })();
  }
  type RequestParams = {
    readonly textDocument: { readonly uri: string };
    readonly position?: Position;
    readonly range?: Range;
    readonly positions?: readonly Position[];
  };
  const formatExtra = () => ({ alignArrows: settings.formatAlignArrows });
  connection.onCompletion((p, token) =>
    withDoc(
      'completion',
      p,
      null,
      (d) =>
        completionForClient(
          service.doComplete(d, p.position, p.context?.triggerCharacter, languageSettings()),
          completionClient,
        ),
      token,
    ),
  );
  connection.onHover((p, token) =>
    withDoc(
      'hover',
      p,
      null,
      (d) => service.doHover(d, p.position, settings.validate.enable ? languageSettings() : null),
      token,
    ),
  );
  connection.onDocumentSymbol((p, token) =>
    withDoc('document symbols', p, [], (d) => service.findDocumentSymbols(d), token),
  );
  connection.onFoldingRanges((p, token) => withDoc('folding ranges', p, [], (d) => service.getFoldingRanges(d), token));
  connection.onSelectionRanges((p, token) =>
    withDoc('selection ranges', p, [], (d) => service.getSelectionRanges(d, p.positions), token),
  );
  connection.onDocumentFormatting((p, token) =>
    withDoc('formatting', p, [], (d) => service.format(d, p.options, formatExtra()), token),
  );
  connection.onDocumentRangeFormatting((p, token) =>
    withDoc('range formatting', p, [], (d) => service.formatRange(d, p.range, p.options, formatExtra()), token),
  );
  connection.onDefinition((p, token) =>
    withDoc('definition', p, [], (d) => service.findDefinition(d, p.position), token),
  );
  connection.onReferences((p, token) =>
    withDoc('references', p, [], (d) => service.findReferences(d, p.position, p.context.includeDeclaration), token),
  );
  connection.onPrepareRename((p, token) =>
    withDoc('prepare rename', p, null, (d) => service.prepareRename(d, p.position), token),
  );
  connection.onRenameRequest((p, token) =>
    withDoc(
      'rename',
      p,
      null,
      (d) => {
        try {
          return service.doRename(d, p.position, p.newName);
        } catch (e) {
          // A rename that cannot be done is told to the user; anything else is logged like other failures.
          if (e instanceof RenameError) return new ResponseError(ErrorCodes.InvalidParams, e.message);
          throw e;
        }
      },
      token,
    ),
  );
  connection.onDocumentLinks((p, token) =>
    withDoc('document links', p, [], (d) => service.findDocumentLinks(d), token),
  );
  connection.languages.semanticTokens.on((p, token) =>
    withDoc('semantic tokens', p, { data: [] }, (d) => service.getSemanticTokens(d), token),
  );
  connection.languages.semanticTokens.onRange((p, token) =>
    withDoc('semantic tokens', p, { data: [] }, (d) => service.getSemanticTokens(d, p.range), token),
  );

  registerSimulateRequests(connection, { documents, service, workspace, guard, version: () => settings.version });
  registerRoutingMapRequests(connection, { documents, service, workspace, guard, version: () => settings.version });
  registerRouteTestRequests(connection, { workspace, host, guard });
  registerUpgradeRequests(connection, {
    documents,
    service,
    host,
    guard,
    settings: () => settings,
    languageSettings,
    trusted: () => trusted,
  });

  documents.listen(connection);
  connection.listen();
}
