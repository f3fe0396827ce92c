/**
 * Wiring only: capabilities, the open-document cache, settings, and handlers of a few lines each that
 * hand a document to the language service.
 */
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { FIX_ALL_KIND } from './features/codeActions';
import { getLanguageService } from './service';
import { DEFAULT_SETTINGS, normalizeSettings, type ServerSettings } from './settings';

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const service = getLanguageService();
  let settings: ServerSettings = DEFAULT_SETTINGS;
  let pullConfiguration = false;
  const timers = new Map<string, ReturnType<typeof setTimeout>>();

  /** Runs a handler; an exception is logged with its context and answered with `fallback`. */
  function guard<T>(what: string, uri: string | undefined, fallback: T, fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      connection.console.error(`${what} failed${uri ? ` for ${uri}` : ''}: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      return fallback;
    }
  }

  function validate(doc: TextDocument): void {
    timers.delete(doc.uri);
    if (!documents.get(doc.uri)) return; // closed meanwhile
    const diagnostics = settings.validate.enable ? guard('validation', doc.uri, [], () => service.doValidation(doc)) : [];
    void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics });
  }

  function schedule(doc: TextDocument, delay: number): void {
    const t = timers.get(doc.uri);
    if (t) clearTimeout(t);
    if (delay <= 0) return validate(doc);
    timers.set(doc.uri, setTimeout(() => { const d = documents.get(doc.uri); if (d) validate(d); }, delay));
  }

  async function refreshSettings(): Promise<void> {
    if (pullConfiguration) {
      const raw = await connection.workspace.getConfiguration({ section: 'lighttpd' }).catch(() => undefined);
      settings = normalizeSettings(raw);
    }
    for (const d of documents.all()) schedule(d, 0);
  }

  connection.onInitialize((params): InitializeResult => {
    pullConfiguration = !!params.capabilities.workspace?.configuration;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
      },
      serverInfo: { name: 'lighttpd-conf' },
    };
  });
  connection.onInitialized(() => {
    if (pullConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'lighttpd' }).catch(() => undefined);
      void refreshSettings();
    }
  });
  connection.onDidChangeConfiguration((p) => {
    if (!pullConfiguration) settings = normalizeSettings((p.settings as { lighttpd?: unknown } | undefined)?.lighttpd);
    void refreshSettings();
  });

  documents.onDidOpen((e) => schedule(e.document, 0));
  documents.onDidChangeContent((e) => schedule(e.document, settings.validate.delay));
  documents.onDidSave((e) => schedule(e.document, 0));
  documents.onDidClose((e) => {
    const t = timers.get(e.document.uri);
    if (t) clearTimeout(t);
    timers.delete(e.document.uri);
    service.forget(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onCodeAction((p) => {
    const doc = documents.get(p.textDocument.uri);
    return doc ? guard('code actions', doc.uri, [], () => service.doCodeActions(doc, p.range, p.context)) : [];
  });

  documents.listen(connection);
  connection.listen();
}
