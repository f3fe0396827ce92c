/**
 * The command line of the language server (`lighttpd-language-server`, also `node dist/server.js`): the
 * transports vscode-languageserver reads from process.argv (`--stdio`, `--node-ipc`, `--socket=N`,
 * `--pipe=NAME`, each also as two words) and `--clientProcessId=N`; standard input/output when no transport is
 * given; `--help` and `--version`. Pure, so that it is tested without starting a server.
 */

export type ServerArgs =
  | { readonly kind: 'help'; readonly text: string }
  | { readonly kind: 'version'; readonly text: string }
  | { readonly kind: 'error'; readonly text: string }
  /** `argv`: the arguments to leave in process.argv for createConnection; `warnings`: for stderr. */
  | { readonly kind: 'serve'; readonly argv: string[]; readonly warnings: string[] };

export const SERVER_NAME = 'lighttpd-language-server';

export const SERVER_HELP = `Usage: ${SERVER_NAME} [--stdio | --node-ipc | --socket=PORT | --pipe=NAME] [--clientProcessId=PID]
The lighttpd-conf language server: diagnostics, quick fixes, completion, hover, formatting and more for
lighttpd configuration files, over the Language Server Protocol, for any editor.

  --stdio                talk LSP over standard input and output (the default)
  --node-ipc             talk over Node's IPC channel (a client that forks the server with Node)
  --socket=PORT          connect to the client listening on 127.0.0.1:PORT
  --pipe=NAME            connect to the client's named pipe / unix socket NAME
  --clientProcessId=PID  exit when process PID is gone
  -h, --help             show this help
  -v, --version          show the version

Settings are read from the client under the section "lighttpd" (initializationOptions, workspace/configuration
or workspace/didChangeConfiguration), e.g. { "lighttpd": { "version": "1.4.69" } }.
`;

const TRANSPORTS = new Set(['--stdio', '--node-ipc', '--socket', '--pipe']);

export function parseServerArgs(args: readonly string[], version: string): ServerArgs {
  const argv: string[] = [];
  const warnings: string[] = [];
  let transport: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '-h' || arg === '--help') return { kind: 'help', text: SERVER_HELP };
    if (arg === '-v' || arg === '--version') return { kind: 'version', text: `${SERVER_NAME} ${version}\n` };
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const takesValue = name === '--socket' || name === '--pipe' || name === '--clientProcessId';
    let value: string | undefined;
    if (takesValue) {
      value = eq > 0 ? arg.slice(eq + 1) : args[++i];
      if (value === undefined || value === '')
        return { kind: 'error', text: `${SERVER_NAME}: ${name} needs a value (see --help)\n` };
      if ((name === '--socket' || name === '--clientProcessId') && !/^[0-9]+$/.test(value))
        return { kind: 'error', text: `${SERVER_NAME}: ${name} takes a number, not "${value}" (see --help)\n` };
      if (name === '--socket' && (Number(value) < 1 || Number(value) > 65535))
        return { kind: 'error', text: `${SERVER_NAME}: --socket ${value}: not a port (1-65535)\n` };
    } else if (eq > 0 && TRANSPORTS.has(name)) {
      return { kind: 'error', text: `${SERVER_NAME}: ${name} takes no value (see --help)\n` };
    }
    if (TRANSPORTS.has(name)) {
      if (transport && transport !== name)
        return { kind: 'error', text: `${SERVER_NAME}: ${transport} and ${name}: choose one transport\n` };
      transport = name;
    } else if (name !== '--clientProcessId') {
      // (an editor's launcher may pass options of its own: the server still starts)
      warnings.push(`${SERVER_NAME}: ignoring unknown argument ${JSON.stringify(arg)} (see --help)`);
      continue;
    }
    argv.push(value === undefined ? name : `${name}=${value}`);
  }
  if (!transport) argv.push('--stdio');
  return { kind: 'serve', argv, warnings };
}
