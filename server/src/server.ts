/**
 * Wiring only: capabilities, the open-document cache, settings, and handlers of a few lines each that
 * hand a document to the language service.
 */
import { dirname, isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';
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
  type Diagnostic,
  type InitializeResult,
  type Position,
  type Range,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { findConfigFiles, joinPath, nodeFileSystem } from './analysis/fileSystem';
import { ConfigWorkspace } from './analysis/workspace';
import { runIncludeShell } from './shellRunner';
import { runLighttpdPreflight } from './lighttpdRunner';
import { FIX_ALL_KIND } from './features/codeActions/codeActions';
import { RenameError } from './features/navigation/rename';
import { SEMANTIC_TOKENS_LEGEND } from './features/structure/semanticTokens';
import { getLanguageService } from './service';
import { DEFAULT_SETTINGS, normalizeSettings, type ServerSettings } from './settings';

/**
 * Test hook: names of guarded operations (`hover`, `validation`, `code actions`, ...) that throw on purpose,
 * read once from LIGHTTPD_CONF_TEST_THROW (comma-separated), so that a protocol test can see a failing
 * handler logged and answered while the server keeps serving. `uncaught` also throws outside any handler.
 */
const TEST_THROW = new Set(
  (process.env.LIGHTTPD_CONF_TEST_THROW ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
);

/** Where a request points, for logs: 1-based line:column (of a range's start). */
function describeAt(at: Position | Range | undefined): string {
  if (!at) return '';
  const p = 'start' in at ? at.start : at;
  return ` at ${p.line + 1}:${p.character + 1}`;
}

let lastResortInstalled = false;

export function startServer(connection: Connection): void {
  // A bug outside every handler (a timer, a promise nobody awaits) is logged; the server keeps serving.
  if (!lastResortInstalled) {
    lastResortInstalled = true;
    const log = (kind: string) => (e: unknown) =>
      connection.console.error(
        `${kind} (the server keeps running): ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
      );
    process.on('uncaughtException', log('uncaught exception'));
    process.on('unhandledRejection', log('unhandled promise rejection'));
  }
  const documents = new TextDocuments(TextDocument);
  const workspace = new ConfigWorkspace(nodeFileSystem);
  const service = getLanguageService({ workspace });
  let settings: ServerSettings = DEFAULT_SETTINGS;
  let folders: string[] = [];
  /** Workspace trust as reported by the client; nothing is ever executed in an untrusted workspace. */
  let trusted = false;
  let pullConfiguration = false;
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** What the last `lighttpd -tt` run (on save) reported, per open document. */
  const fromLighttpd = new Map<string, Diagnostic[]>();

  /**
   * Runs a handler; an exception is logged (to the output channel) with the document and position it was
   * about, and answered with `fallback`.
   */
  function guard<T>(what: string, uri: string | undefined, fallback: T, fn: () => T, at?: Position | Range): T {
    try {
      if (TEST_THROW.has(what)) throw new Error(`test hook: ${what} throws (LIGHTTPD_CONF_TEST_THROW)`);
      return fn();
    } catch (e) {
      connection.console.error(
        `${what} failed${uri ? ` for ${uri}` : ''}${describeAt(at)}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
      );
      return fallback;
    }
  }

  /**
   * Checks the current version of an open document and publishes the result. With `cascade`, the open
   * documents this one now reads that were computed without it (it has just started to include them) are
   * checked next; their own check does not cascade again.
   */
  function validate(uri: string, cascade: boolean): void {
    timers.delete(uri);
    const doc = documents.get(uri); // the latest version: a check never runs on an outdated one
    if (!doc) return; // closed meanwhile
    const ours = settings.validate.enable
      ? guard('validation', doc.uri, [], () =>
          service.doValidation(doc, {
            version: settings.version,
            diagnostics: { severity: settings.diagnosticsSeverity },
          }),
        )
      : [];
    const diagnostics = [...ours, ...(fromLighttpd.get(doc.uri) ?? [])];
    void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics });
    collectWhenIdle();
    if (!cascade) return;
    const self = canonicalOf(doc.uri);
    const deps = self && service.getDependencies(doc.uri);
    if (!self || !deps) return;
    for (const d of documents.all()) {
      const p = d.uri === doc.uri || timers.has(d.uri) ? undefined : canonicalOf(d.uri);
      if (!p || !deps.has(p) || service.getDependencies(d.uri)?.has(self)) continue;
      schedule(d, 0, false);
    }
  }

  /**
   * A full garbage collection once the server has been idle for a second after a check: V8 would keep the
   * garbage of the last checks (tens of MB after typing in a large file) resident for a long time. Only when
   * Node runs with --expose-gc (nodeOptions.ts).
   */
  const collect = (globalThis as { gc?: () => void }).gc;
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  function collectWhenIdle(): void {
    if (!collect) return;
    if (idleTimer) clearTimeout(idleTimer);
    // Twice: the second collection releases the pages the first one emptied (measured: 101 -> 88 MB RSS).
    idleTimer = setTimeout(() => {
      idleTimer = undefined;
      collect();
      collect();
    }, 1000);
    idleTimer.unref();
  }

  function schedule(doc: TextDocument, delay: number, cascade = true): void {
    const t = timers.get(doc.uri);
    if (t) clearTimeout(t);
    if (delay <= 0) return validate(doc.uri, cascade);
    timers.set(
      doc.uri,
      setTimeout(() => validate(doc.uri, cascade), delay),
    );
  }

  /** Re-checks every open document (settings, trust, files changed on disk: anything may differ). */
  function scheduleAll(delay: number): void {
    for (const d of documents.all()) schedule(d, delay);
  }

  /**
   * Re-checks what a new text of `changed` can affect: itself, and the open documents whose last check
   * read it (it is, or is included by, their main config). The others keep their diagnostics; documents
   * it starts to include are found when it is checked (validate's cascade).
   */
  function scheduleAffected(changed: TextDocument, delay: number): void {
    const path = canonicalOf(changed.uri);
    for (const d of documents.all()) {
      if (d.uri === changed.uri) schedule(d, delay);
      else if (path && (service.getDependencies(d.uri)?.has(path) ?? true)) schedule(d, delay);
    }
  }

  const pathOf = (uri: string): string | undefined => {
    try {
      return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
    } catch {
      return undefined;
    }
  };
  /** The path of a file URI as the workspace knows it (symbolic links resolved). */
  const canonicalOf = (uri: string): string | undefined => {
    const path = pathOf(uri);
    return path && guard('path', uri, undefined, () => workspace.canonical(path));
  };

  /** Finds the config files of the workspace folders and applies the multi-file settings. */
  function scanWorkspace(): void {
    guard('workspace scan', undefined, undefined, () => {
      const expand = (v: string, folder: string) => v.replace(/\$\{workspaceFolder\}/g, folder);
      const folder0 = folders[0] ?? '';
      const rootFiles = settings.rootFiles.flatMap((r) => {
        const pattern = expand(r, folder0);
        return isAbsolute(pattern)
          ? findConfigFiles('/', [pattern.slice(1)])
          : folders.flatMap((f) => findConfigFiles(f, [pattern]));
      });
      const pathMappings = Object.fromEntries(
        Object.entries(settings.pathMappings).map(([k, v]) => [
          k,
          isAbsolute(expand(v, folder0)) ? expand(v, folder0) : joinPath(folder0, v),
        ]),
      );
      const runShell = trusted && settings.includeShellExecute ? runIncludeShell : undefined;
      workspace.setSettings({ rootFiles: settings.rootFiles.length ? rootFiles : undefined, pathMappings, runShell });
      workspace.setKnownFiles(folders.flatMap((f) => findConfigFiles(f)));
    });
  }

  /**
   * lighttpd.validate.executable: on save, `lighttpd -tt` on the main config that includes the saved file
   * (the file itself when none does); only in a trusted workspace (lighttpdRunner.ts refuses otherwise).
   */
  async function checkWithLighttpd(saved: TextDocument): Promise<void> {
    const path = pathOf(saved.uri);
    if (!path || !settings.validateExecutable || !trusted) return;
    const root =
      guard(
        'lighttpd root',
        saved.uri,
        undefined,
        () => workspace.rootsIncluding(workspace.canonical(path))[0]?.root,
      ) ?? path;
    const r = await runLighttpdPreflight(root, {
      enabled: settings.validateExecutable,
      trusted,
      executablePath: settings.executablePath,
    });
    if (!r.ran && r.reason !== 'not-found') return;
    const notice = !r.ran
      ? `lighttpd was not found (${r.detail}): set lighttpd.executablePath, or turn lighttpd.validate.executable off.`
      : r.timedOut
        ? `lighttpd -tt did not finish in time and was stopped.`
        : undefined;
    for (const d of documents.all()) {
      const p = pathOf(d.uri);
      if (!p) continue;
      const diags = guard('lighttpd output', d.uri, [], () =>
        service.mapLighttpdOutput(d, r.ran ? r.output : '', {
          path: p,
          isSavedDocument: d.uri === saved.uri,
          failed: r.ran && r.status !== 0,
          baseDir: dirname(root),
          notice,
          severity: settings.diagnosticsSeverity,
        }),
      );
      if (diags.length === 0 && !fromLighttpd.has(d.uri)) continue;
      fromLighttpd.set(d.uri, diags);
      schedule(d, 0);
    }
  }

  async function refreshSettings(): Promise<void> {
    if (pullConfiguration) {
      const raw = await connection.workspace.getConfiguration({ section: 'lighttpd' }).catch(() => undefined);
      settings = normalizeSettings(raw);
    }
    scanWorkspace();
    if (!settings.validateExecutable || !trusted) fromLighttpd.clear();
    scheduleAll(0);
  }

  connection.onInitialize((params): InitializeResult => {
    pullConfiguration = !!params.capabilities.workspace?.configuration;
    trusted = (params.initializationOptions as { trusted?: unknown } | undefined)?.trusted === true;
    const uris = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    folders = uris.map(pathOf).filter((p): p is string => !!p);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        completionProvider: { triggerCharacters: ['$', '"', '[', '.', '/'] },
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
    if (pullConfiguration) {
      void connection.client
        .register(DidChangeConfigurationNotification.type, { section: 'lighttpd' })
        .catch(() => undefined);
    }
    void refreshSettings();
  });
  connection.onDidChangeConfiguration((p) => {
    if (!pullConfiguration) settings = normalizeSettings((p.settings as { lighttpd?: unknown } | undefined)?.lighttpd);
    void refreshSettings();
  });

  // Open editors take precedence over the disk for every root that includes them.
  const syncOpenText = (doc: TextDocument, text: string | undefined) => {
    const path = pathOf(doc.uri);
    if (path) guard('workspace update', doc.uri, undefined, () => workspace.setOpenText(path, text));
  };
  documents.onDidOpen((e) => {
    syncOpenText(e.document, e.document.getText());
    scheduleAffected(e.document, 0);
  });
  documents.onDidChangeContent((e) => {
    syncOpenText(e.document, e.document.getText());
    scheduleAffected(e.document, settings.validate.delay);
  });
  documents.onDidSave((e) => {
    schedule(e.document, 0);
    void checkWithLighttpd(e.document);
  });
  documents.onDidClose((e) => {
    const t = timers.get(e.document.uri);
    if (t) clearTimeout(t);
    timers.delete(e.document.uri);
    syncOpenText(e.document, undefined);
    service.forget(e.document.uri);
    fromLighttpd.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
    scheduleAffected(e.document, settings.validate.delay);
  });
  connection.onNotification('lighttpd/didChangeTrust', (p: { trusted?: unknown }) => {
    trusted = p?.trusted === true;
    void refreshSettings();
  });
  connection.onDidChangeWatchedFiles((p) => {
    for (const c of p.changes) {
      const path = pathOf(c.uri);
      if (path)
        guard('file change', c.uri, undefined, () => workspace.fileChanged(path, c.type !== FileChangeType.Deleted));
    }
    scheduleAll(settings.validate.delay);
  });

  connection.onCodeAction((p, token) =>
    withDoc('code actions', p, [], (d) => service.doCodeActions(d, p.range, p.context), token),
  );

  // Editing features: each handler hands the open document to the service.
  /**
   * Runs `fn` on the open document of a request, or answers `fallback` when it is not open, when the request
   * was cancelled while it waited (typing on: the client no longer wants it), or when `fn` throws (logged
   * with the document and position).
   */
  function withDoc<T>(
    what: string,
    p: RequestParams,
    fallback: T,
    fn: (doc: TextDocument) => T,
    token?: CancellationToken,
  ): T {
    const doc = documents.get(p.textDocument.uri);
    if (!doc || token?.isCancellationRequested) return fallback;
    return guard(what, doc.uri, fallback, () => fn(doc), p.position ?? p.range ?? p.positions?.[0]);
  }
  type RequestParams = {
    readonly textDocument: { readonly uri: string };
    readonly position?: Position;
    readonly range?: Range;
    readonly positions?: readonly Position[];
  };
  const formatExtra = () => ({ alignArrows: settings.formatAlignArrows });
  connection.onCompletion((p, token) =>
    withDoc('completion', p, null, (d) => service.doComplete(d, p.position, p.context?.triggerCharacter), token),
  );
  connection.onHover((p, token) => withDoc('hover', p, null, (d) => service.doHover(d, p.position), token));
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

  documents.listen(connection);
  connection.listen();
}
