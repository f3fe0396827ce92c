/**
 * `npm run bench`: performance of the language service and server on generated configs of 1k, 10k and 50k
 * lines, side by side with `lighttpd -t` on the same file. Bundled by scripts/bench.mjs with the same
 * esbuild settings as dist/ (so it measures the code that ships), then run with Node.
 *
 * Reports medians of repeated runs after warm-up; writes bench/results.json.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position } from 'vscode-languageserver-types';
import { parse } from '../server/src/parser';
import { getLanguageService } from '../server/src/service';
import { generateConfig } from './generate';

const ROOT = process.cwd();
const SIZES = (process.env.BENCH_SIZES ?? '1000,10000,50000').split(',').map(Number);
const LIGHTTPD = ['/usr/sbin/lighttpd', '/usr/bin/lighttpd'].find((p) => existsSync(p));

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}
function time(fn: () => void): number {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}
function repeat(n: number, warm: number, fn: () => void): number[] {
  for (let i = 0; i < warm; i++) fn();
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(time(fn));
  return out;
}
const runsFor = (lines: number) => (lines >= 50000 ? 5 : lines >= 10000 ? 15 : 40);

/** Wall time of `lighttpd -t -f file`, process start included (median). */
function lighttpdWall(file: string, runs: number): number | undefined {
  if (!LIGHTTPD) return undefined;
  const check = spawnSync(LIGHTTPD, ['-t', '-f', file], { encoding: 'utf8' });
  if (check.status !== 0) {
    console.error(`lighttpd -t rejected the generated config: ${check.stderr || check.stdout}`);
    return undefined;
  }
  return median(repeat(runs, 2, () => spawnSync(LIGHTTPD, ['-t', '-f', file])));
}

/** Positions spread over the document, at the start of statement lines and inside values. */
function samplePositions(text: string, n: number): Position[] {
  const lines = text.split('\n');
  const out: Position[] = [];
  for (let i = 0; i < n; i++) {
    const line = Math.floor(((i + 0.5) / n) * (lines.length - 1));
    const l = lines[line];
    const eq = l.indexOf('= ');
    out.push({ line, character: i % 2 === 0 ? l.length - l.trimStart().length : eq >= 0 ? eq + 3 : l.length });
  }
  return out;
}

interface ServerMeasures {
  editMs: number[];
  rssMb: number;
}

/** The real server over stdio: open the file, then one-character edits in the middle; time to diagnostics. */
async function serverMeasures(text: string, edits: number): Promise<ServerMeasures> {
  const dir = mkdtempSync(join(tmpdir(), 'lighttpd-bench-'));
  const file = join(dir, 'lighttpd.conf');
  writeFileSync(file, text);
  const proc = spawn(process.execPath, [join(ROOT, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  let waiting: { version: number; resolve: () => void } | undefined;
  conn.onNotification('textDocument/publishDiagnostics', (p: { version?: number }) => {
    if (waiting && p.version === waiting.version) { const w = waiting; waiting = undefined; w.resolve(); }
  });
  conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({ validate: { delay: 0 } })));
  conn.onRequest('client/registerCapability', () => null);
  conn.listen();
  const uri = pathToFileURL(file).href;
  await conn.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(dir).href, capabilities: { workspace: { configuration: true } } });
  await conn.sendNotification('initialized', {});
  await new Promise((r) => setTimeout(r, 200)); // settings round trip
  const diagnosticsFor = (version: number) => new Promise<void>((resolve) => { waiting = { version, resolve }; });
  let version = 1;
  let done = diagnosticsFor(version);
  await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'lighttpd', version, text } });
  await done;
  const lines = text.split('\n');
  const mid = Math.floor(lines.length / 2);
  const col = lines[mid].length;
  const editMs: number[] = [];
  for (let i = 0; i < edits; i++) {
    version++;
    done = diagnosticsFor(version);
    const t = process.hrtime.bigint();
    // Type a character at the end of a line in the middle, then delete it (two real edits).
    const insert = i % 2 === 0;
    await conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [insert
        ? { range: { start: { line: mid, character: col }, end: { line: mid, character: col } }, text: ' ' }
        : { range: { start: { line: mid, character: col }, end: { line: mid, character: col + 1 } }, text: '' }],
    });
    await done;
    editMs.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  let rssMb = NaN;
  try {
    const status = spawnSync('cat', [`/proc/${proc.pid}/status`], { encoding: 'utf8' }).stdout;
    rssMb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]) / 1024;
  } catch { /* not on Linux */ }
  await Promise.race([conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 1000))]);
  proc.kill();
  conn.dispose();
  rmSync(dir, { recursive: true, force: true });
  return { editMs: editMs.slice(2), rssMb };
}

type Row = Record<string, number | string | undefined>;

async function main(): Promise<void> {
  const results: { machine: Row; sizes: Row[]; extras: Row } = {
    machine: { node: process.version, cpus: (await import('node:os')).cpus().length, cpu: (await import('node:os')).cpus()[0]?.model, date: new Date().toISOString() },
    sizes: [],
    extras: {},
  };
  const tmp = mkdtempSync(join(tmpdir(), 'lighttpd-bench-files-'));
  for (const lines of SIZES) {
    const text = generateConfig(lines);
    const file = join(tmp, `bench-${lines}.conf`);
    writeFileSync(file, text);
    const runs = runsFor(lines);
    const svc = getLanguageService();
    let version = 0;
    const docOf = (t: string) => TextDocument.create(pathToFileURL(file).href, 'lighttpd', ++version, t);

    const parseMs = median(repeat(runs, 3, () => parse(text)));
    // Cold: the first full check of this text in a fresh service (the process is already warm from parsing).
    const cold = time(() => getLanguageService().doValidation(docOf(text)));
    const warm = median(repeat(runs, 3, () => svc.doValidation(docOf(text))));

    const anySvc = svc as unknown as Record<string, ((...a: unknown[]) => unknown) | undefined>;
    const doc = docOf(text);
    svc.doValidation(doc);
    const positions = samplePositions(text, 100);
    let completion: number[] = [];
    if (anySvc.doComplete) completion = positions.map((p) => time(() => anySvc.doComplete!(doc, p)));
    let hover: number[] = [];
    if (anySvc.doHover) hover = positions.map((p) => time(() => anySvc.doHover!(doc, p)));
    let formatMs: number | undefined;
    const fmt = anySvc.format ?? anySvc.doFormat ?? anySvc.formatDocument;
    if (fmt) formatMs = median(repeat(Math.max(3, runs >> 1), 1, () => fmt(doc, { tabSize: 4, insertSpaces: true })));

    const server = existsSync(join(ROOT, 'dist', 'server.js')) ? await serverMeasures(text, lines >= 50000 ? 8 : 22) : undefined;
    const lt = lighttpdWall(file, runs);
    const row: Row = {
      lines: text.split('\n').length - 1,
      kb: Math.round(text.length / 1024),
      conditionals: (text.match(/\$HTTP\[/g) ?? []).length,
      parseMs,
      diagnosticsColdMs: cold,
      diagnosticsWarmMs: warm,
      editRevalidateMs: server ? median(server.editMs) : undefined,
      completionP50Ms: completion.length ? percentile(completion, 50) : undefined,
      completionP95Ms: completion.length ? percentile(completion, 95) : undefined,
      hoverP50Ms: hover.length ? percentile(hover, 50) : undefined,
      hoverP95Ms: hover.length ? percentile(hover, 95) : undefined,
      formatMs,
      serverRssMb: server?.rssMb,
      lighttpdMs: lt,
      warmVsLighttpd: lt ? warm / lt : undefined,
    };
    results.sizes.push(row);
    console.error(`measured ${lines} lines`);
  }
  rmSync(tmp, { recursive: true, force: true });

  const vsix = readdirSync(ROOT).filter((f) => f.endsWith('.vsix')).map((f) => ({ f, size: statSync(join(ROOT, f)).size })).sort((a, b) => b.size - a.size)[0];
  results.extras.vsixKb = vsix ? Math.round(vsix.size / 1024) : undefined;
  const ten = results.sizes.find((r) => Number(r.lines) >= 9000 && Number(r.lines) < 20000);
  const fifty = results.sizes.find((r) => Number(r.lines) >= 45000);
  if (ten && fifty) results.extras.scale50kVs10k = Number(fifty.diagnosticsWarmMs) / Number(ten.diagnosticsWarmMs);

  const fmtNum = (v: unknown) => (typeof v === 'number' ? (Number.isNaN(v) ? '-' : v >= 100 ? v.toFixed(0) : v.toFixed(2)) : v === undefined ? '-' : String(v));
  const cols = Object.keys(results.sizes[0] ?? {});
  console.log(`\nlighttpd-conf benchmark — Node ${process.version}, ${results.machine.cpus} CPU (${results.machine.cpu})\n`);
  console.log('| ' + cols.join(' | ') + ' |');
  console.log('|' + cols.map(() => '---').join('|') + '|');
  for (const r of results.sizes) console.log('| ' + cols.map((c) => fmtNum(r[c])).join(' | ') + ' |');
  console.log('\n' + Object.entries(results.extras).map(([k, v]) => `${k}: ${fmtNum(v)}`).join('\n'));
  writeFileSync(join(ROOT, 'bench', 'results.json'), JSON.stringify(results, null, 2) + '\n');
  console.log('\nwrote bench/results.json');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
