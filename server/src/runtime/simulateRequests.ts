/**
 * Wiring of the request simulator's custom requests (features/simulate): each hands an open document's
 * model to a pure function. Registered from server.ts with one call; works over any transport (desktop and
 * web), as it reads files only through the workspace.
 *
 *   lighttpd/simulate         { uri, request, remoteIp?, headers?, socket? } -> SimulateResult
 *   lighttpd/effectiveConfig  { uri } -> { text }
 *   lighttpd/simulateLenses   { uri } -> SimulateLens[]
 *   lighttpd/valueHints       { uri, range } -> ValueHint[]
 */
import type { Connection, Range, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ConfigWorkspace } from '../analysis/workspace';
import {
  effectiveConfiguration,
  simulateDocument,
  simulateLenses,
  variableHints,
  type SimulateParams,
} from '../features/simulate/simulate';
import type { LanguageService } from '../service';
import { pathToUri } from '../uri';

export interface SimulateDeps {
  readonly documents: TextDocuments<TextDocument>;
  readonly service: LanguageService;
  readonly workspace: ConfigWorkspace;
  /** The target lighttpd version (the lighttpd.version setting). */
  version(): string;
  /** Runs `fn`, logging a throw and answering `fallback` (server.ts's guard). */
  guard<T>(what: string, uri: string, fallback: T, fn: () => T): T;
}

export function registerSimulateRequests(connection: Connection, deps: SimulateDeps): void {
  const { documents, service, workspace } = deps;
  const withDoc = <T>(what: string, uri: string, fallback: T, fn: (doc: TextDocument) => T): T => {
    const doc = documents.get(uri);
    if (!doc) return fallback;
    return deps.guard(what, uri, fallback, () => fn(doc));
  };
  const files = {
    readText: (path: string) => (path === '' ? undefined : workspace.readText(path)),
    uriOf: (path: string) => pathToUri(path),
  };
  connection.onRequest('lighttpd/simulate', (p: SimulateParams) =>
    withDoc('simulate', p.uri, { error: 'The document is not open.' }, (doc) => {
      const model = service.getModel(doc);
      return simulateDocument(
        model,
        p,
        { ...files, readText: (path) => (path === '' || path === model.path ? doc.getText() : files.readText(path)) },
        deps.version(),
      );
    }),
  );
  connection.onRequest('lighttpd/effectiveConfig', (p: { uri: string }) =>
    withDoc('effective configuration', p.uri, { text: '' }, (doc) => ({
      text: effectiveConfiguration(service.getModel(doc), deps.version()),
    })),
  );
  connection.onRequest('lighttpd/simulateLenses', (p: { uri: string }) =>
    withDoc('simulate lenses', p.uri, [], (doc) => simulateLenses(service.getModel(doc), doc.getText())),
  );
  connection.onRequest('lighttpd/valueHints', (p: { uri: string; range: Range }) =>
    withDoc('value hints', p.uri, [], (doc) =>
      variableHints(service.getModel(doc), doc.getText(), doc.offsetAt(p.range.start), doc.offsetAt(p.range.end)),
    ),
  );
}
