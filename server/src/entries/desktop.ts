/**
 * Desktop entry of dist/server.js (entries/universal.ts starts it under Node), which `lighttpd-language-server`
 * runs: `node dist/server.js [--stdio | --node-ipc | --socket=N | --pipe=NAME]`, standard input/output when no
 * transport is given, `--help`, `--version` (entries/serverArgs.ts).
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { nodeHost } from '../node/nodeHost';
import { startServer } from '../server';
import { parseServerArgs } from './serverArgs';

// (package.json's version, set by scripts/build.mjs)
declare const __LIGHTTPD_CONF_VERSION__: string | undefined;
const version = typeof __LIGHTTPD_CONF_VERSION__ === 'string' ? __LIGHTTPD_CONF_VERSION__ : 'development';

const args = parseServerArgs(process.argv.slice(2), version);
if (args.kind === 'serve') {
  for (const w of args.warnings) process.stderr.write(w + '\n');
  // vscode-languageserver reads the transport from process.argv.
  process.argv.splice(2, process.argv.length - 2, ...args.argv);
  startServer(createConnection(ProposedFeatures.all), nodeHost);
} else {
  (args.kind === 'error' ? process.stderr : process.stdout).write(args.text);
  process.exitCode = args.kind === 'error' ? 2 : 0;
}
