/**
 * `lighttpd-lint simulate CONFIG "GET http://example.org/static/a.txt" [--remote-ip IP]
 * [--header "Name: value"]... [--socket TOKEN] [--lighttpd-version V] [--format text|json]`:
 * which conditions of CONFIG (with everything it includes) match the request, in lighttpd's order, the
 * effective settings, and what handles the request (analysis/simulate). Nothing is run: include_shell
 * output is unknown, as in the editor.
 */
import { relative, resolve } from 'node:path';
import { nodeFileSystem } from '../node/nodeFileSystem';
import { ConfigWorkspace } from '../analysis/workspace';
import { formatSimulation, lineIndex, simulationJson } from '../analysis/simulate/format';
import { parseRequestLine, simulate } from '../analysis/simulate/simulate';
import { parseSubcommand } from './args';
import type { CliIo } from './run';

export const SIMULATE_USAGE = `Usage: lighttpd-lint simulate [options] CONFIG "METHOD URL"
Shows what lighttpd does with one request: each condition's result in lighttpd's order, the
effective settings, and the module that handles the request. URL is absolute
(http://host[:port]/path?query) or a path with a Host header.

Options:
      --remote-ip IP         the client address (default 127.0.0.1)
  -H, --header "N: V"        a request header (repeat the option)
      --socket TOKEN         the server socket, as $SERVER["socket"] sees it (default ":PORT")
      --lighttpd-version V   the lighttpd version (default 1.4.69)
  -f, --format FORMAT        text (default) or json
  -h, --help                 show this help

Exit status: 0 simulated, 2 usage or input error.
`;

export async function runSimulate(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseSubcommand('simulate', SIMULATE_USAGE, argv, io, {
    'remote-ip': { type: 'string' },
    header: { type: 'string', short: 'H', multiple: true },
    socket: { type: 'string' },
    'lighttpd-version': { type: 'string' },
    format: { type: 'string', short: 'f' },
    help: { type: 'boolean', short: 'h' },
  });
  if ('exit' in args) return args.exit;
  const { parsed, fail } = args;
  const v = parsed.values;
  const format = v.format ?? 'text';
  if (format !== 'text' && format !== 'json') return fail(`unknown format '${format}' (use text or json)`);
  if (parsed.positionals.length !== 2)
    return fail(`expected CONFIG and "METHOD URL"\nTry 'lighttpd-lint simulate --help'.`);
  const [config, line] = parsed.positionals;
  const spec = parseRequestLine(line, { remoteIp: v['remote-ip'], headers: v.header, serverSocket: v.socket });
  if ('error' in spec) return fail(`${spec.error}`);
  const fs = io.fileSystem ?? nodeFileSystem;
  const path = resolve(io.cwd, config);
  if (!fs.isFile(path)) return fail(`${config}: no such file`);
  const ws = new ConfigWorkspace(fs, { rootFiles: [path] });
  const root = ws.canonical(path);
  const analysis = ws.analyzeRoot(root);
  if (!analysis) return fail(`${config}: cannot be read`);
  const sim = simulate(analysis.evaluation, spec, { version: v['lighttpd-version'] ?? '1.4.69' });
  const lines = new Map<string, ((o: number) => number) | undefined>();
  const lineOf = (file: string, offset: number) => {
    if (!lines.has(file)) {
      const text = fs.readFile(file);
      lines.set(file, text === undefined ? undefined : lineIndex(text));
    }
    return lines.get(file)?.(offset);
  };
  if (format === 'json') io.stdout(JSON.stringify(simulationJson(sim, lineOf), null, 2) + '\n');
  else
    io.stdout(
      formatSimulation(sim, lineOf, {
        relative: (f) => (f.startsWith('/') ? relative(io.cwd, f) || f : f),
      }),
    );
  return 0;
}
