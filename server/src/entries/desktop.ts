/** Desktop entry of dist/server.js (entries/universal.ts starts it under Node): `node dist/server.js --stdio` (or --node-ipc / --socket=N). */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { nodeHost } from '../node/nodeHost';
import { startServer } from '../server';

startServer(createConnection(ProposedFeatures.all), nodeHost);
