/**
 * Web entry of dist/server.js (entries/universal.ts starts it in a web worker): the language server in a web worker (VS Code for the Web), talking to
 * the client over postMessage. The same server as the desktop's (server.ts) on the web host.
 */
import {
  BrowserMessageReader,
  BrowserMessageWriter,
  createConnection,
  ProposedFeatures,
} from 'vscode-languageserver/browser';
import { createWebHost } from '../runtime/webHost';
import { startServer } from '../server';

type Port = ConstructorParameters<typeof BrowserMessageReader>[0];
const scope = globalThis as unknown as Port & Parameters<typeof createWebHost>[1];
const connection = createConnection(
  ProposedFeatures.all,
  new BrowserMessageReader(scope),
  new BrowserMessageWriter(scope),
);
startServer(connection, createWebHost(connection, scope));
