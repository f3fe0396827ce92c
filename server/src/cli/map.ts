/**
 * `lighttpd-lint map CONFIG [--format mermaid|dot|svg|json] [-o FILE] [--depth N] [--group]
 * [--request "GET http://..."] [--lighttpd-version V] [--schema]`: the routing map of CONFIG (with
 * everything it includes): listeners, blocks and the handler that ends a request in each
 * (analysis/routing). Nothing is run: include_shell output is unknown, as in the editor.
 */
import { writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { nodeFileSystem } from '../node/nodeFileSystem';
import { ConfigWorkspace } from '../analysis/workspace';
import { lineIndex } from '../analysis/simulate/format';
import { parseRequestLine, simulate } from '../analysis/simulate/simulate';
import { splitRequest } from '../features/simulate/simulate';
import {
  buildRoutingMap,
  MAP_FORMATS,
  pathOfSimulation,
  renderMap,
  ROUTING_MAP_SCHEMA,
  type MapFormat,
} from '../analysis/routing';
import { parseSubcommand } from './args';
import type { CliIo } from './run';

export const MAP_USAGE = `Usage: lighttpd-lint map [options] CONFIG
Draws where lighttpd sends requests: its listeners, the blocks (nested as written,
else branches in their chain) and what ends a request in each: static files (document
root, index files, listing), aliases, proxy/FastCGI/SCGI/AJP13 backends, CGI, redirects,
rewrites, access deny and auth. Conditions the simulator cannot decide exactly are marked.

Options:
  -f, --format FORMAT        mermaid (default), dot, svg (self-contained) or json
  -o, --output FILE          write to FILE instead of standard output
      --depth N              hide what lies more than N levels below the server
      --group                one box for sibling blocks that end in the same handler
      --request "GET URL"    highlight the path of this request (as lighttpd-lint simulate)
      --lighttpd-version V   the lighttpd version (default 1.4.69)
      --schema               print the JSON Schema of --format json and exit
  -h, --help                 show this help

Exit status: 0 drawn, 2 usage or input error.
`;

export async function runMap(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseSubcommand('map', MAP_USAGE, argv, io, {
    format: { type: 'string', short: 'f' },
    output: { type: 'string', short: 'o' },
    depth: { type: 'string' },
    group: { type: 'boolean' },
    request: { type: 'string' },
    'lighttpd-version': { type: 'string' },
    schema: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if ('exit' in args) return args.exit;
  const { parsed, fail } = args;
  const v = parsed.values;
  if (v.schema) {
    io.stdout(JSON.stringify(ROUTING_MAP_SCHEMA, null, 2) + '\n');
    return 0;
  }
  const format = (v.format ?? 'mermaid') as MapFormat;
  if (!MAP_FORMATS.includes(format)) return fail(`unknown format '${v.format}' (use ${MAP_FORMATS.join(', ')})`);
  const depth = v.depth === undefined ? undefined : Number(v.depth);
  if (depth !== undefined && !(Number.isInteger(depth) && depth >= 0))
    return fail(`--depth wants a whole number, not '${v.depth}'`);
  if (parsed.positionals.length !== 1) return fail(`expected one CONFIG\nTry 'lighttpd-lint map --help'.`);
  const [config] = parsed.positionals;
  const fs = io.fileSystem ?? nodeFileSystem;
  const path = resolve(io.cwd, config);
  if (!fs.isFile(path)) return fail(`${config}: no such file`);
  const ws = new ConfigWorkspace(fs, { rootFiles: [path] });
  const analysis = ws.analyzeRoot(ws.canonical(path));
  if (!analysis) return fail(`${config}: cannot be read`);
  const version = v['lighttpd-version'] ?? '1.4.69';
  const lines = new Map<string, ((o: number) => number) | undefined>();
  const lineOf = (file: string, offset: number) => {
    if (!lines.has(file)) {
      const text = fs.readFile(file);
      lines.set(file, text === undefined ? undefined : lineIndex(text));
    }
    return lines.get(file)?.(offset);
  };
  const rel = (f: string) => (f.startsWith('/') ? relative(io.cwd, f) || f : f);
  const map = buildRoutingMap(analysis.evaluation, { version, file: rel(path), lineOf });
  let highlight: Set<string> | undefined;
  if (v.request !== undefined) {
    const split = splitRequest(v.request);
    const spec = parseRequestLine(split.line, {
      remoteIp: split.remoteIp,
      headers: split.headers,
      serverSocket: split.socket,
    });
    if ('error' in spec) return fail(spec.error);
    highlight = new Set(pathOfSimulation(map, simulate(analysis.evaluation, spec, { version })).nodes);
  }
  const text = renderMap(relativeFiles(map, rel), format, { depth, group: v.group, highlight });
  if (v.output !== undefined) {
    try {
      writeFileSync(resolve(io.cwd, v.output), text);
    } catch (e) {
      return fail(`${v.output}: ${e instanceof Error ? e.message : String(e)}`);
    }
  } else io.stdout(text);
  return 0;
}

/** The map with file paths relative to the current folder (as the other subcommands print them). */
function relativeFiles<T>(value: T, rel: (f: string) => string): T {
  return JSON.parse(JSON.stringify(value), (k, x) => (k === 'file' && typeof x === 'string' ? rel(x) : x)) as T;
}
