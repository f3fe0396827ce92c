/**
 * Wiring of the routing map's custom requests (features/routing): each hands an open document's model to a
 * pure function. Registered from server.ts with one call; works over any transport (desktop and web).
 *
 *   lighttpd/routingMap         { uri, collapsed?, group?, request? } -> RoutingMapResult
 *   lighttpd/routingMapRequest  { uri, node } -> { request, reached } | { error }
 */
import type { Connection } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { requestHere, routingMapOf, type RoutingMapParams } from '../features/routing/routingMap';
import type { FileAccess } from '../features/simulate/simulate';
import type { SimulateDeps } from './simulateRequests';
import { pathToUri } from '../uri';

export function registerRoutingMapRequests(connection: Connection, deps: SimulateDeps): void {
  const { documents, service, workspace } = deps;
  const withDoc = <T>(what: string, uri: string, fallback: T, fn: (doc: TextDocument) => T): T => {
    const doc = documents.get(uri);
    if (!doc) return fallback;
    return deps.guard(what, uri, fallback, () => fn(doc));
  };
  const filesFor = (doc: TextDocument, path: string | undefined): FileAccess => ({
    readText: (p) => (p === '' || p === path ? doc.getText() : workspace.readText(p)),
    uriOf: (p) => pathToUri(p),
  });
  const notOpen = { error: 'The document is not open.' };
  connection.onRequest('lighttpd/routingMap', (p: RoutingMapParams) =>
    withDoc('routing map', p.uri, notOpen, (doc) => {
      const model = service.getModel(doc);
      return routingMapOf(model, p, filesFor(doc, model.path), deps.version());
    }),
  );
  connection.onRequest('lighttpd/routingMapRequest', (p: { uri: string; node: string }) =>
    withDoc('routing map request', p.uri, notOpen, (doc) => {
      const model = service.getModel(doc);
      return requestHere(model, p.node, filesFor(doc, model.path), deps.version());
    }),
  );
}
