/**
 * The editor's side of the request simulator (analysis/simulate): a simulation of a document's whole
 * configuration with the ranges of every condition block and its result, the "Simulate" code lenses over
 * conditional blocks (each with a request that reaches the condition), the effective configuration in
 * `lighttpd -p` form, and inlay hints (the value of `var.*` references; the value of `%n` after a
 * simulation). Pure: file texts come through `readText`.
 */
import { knownShellScript, shellCommand } from '../../schema/shellScripts';
import type { Range } from 'vscode-languageserver-types';
import type { DocumentModel, EvalValue, Scope } from '../../analysis';
import { printConfig } from '../../analysis/print';
import { buildContexts } from '../../analysis/simulate/model';
import { parseRequestLine, simulate, type Simulation } from '../../analysis/simulate/simulate';
import {
  formatSimulation,
  lineIndex,
  simulationJson,
  type ReportLocation,
  type SimulationJson,
} from '../../analysis/simulate/format';
import type { ConditionBranch, Expression, Statement } from '../../parser/ast';

export interface SimulateParams {
  readonly uri: string;
  /** "GET http://example.org/path", optionally followed by `-H "Name: value"` and `--remote-ip IP`. */
  readonly request: string;
  readonly remoteIp?: string;
  readonly headers?: readonly string[];
  readonly socket?: string;
}

export interface SimulatedBlock {
  /** The file of the block (a file URI, or the document's own URI). */
  readonly uri: string;
  /** The whole branch: head and body. */
  readonly range: Range;
  /** The condition head (or the `else` keyword). */
  readonly headRange: Range;
  readonly result: true | false | 'unknown' | 'not-evaluated';
  readonly condition: string;
  readonly reason?: string;
}

export interface CaptureHint {
  readonly uri: string;
  readonly position: Range['start'];
  readonly label: string;
}

/** A place the result text names (`lighttpd.conf:3`): a link from the text to the configuration. */
export interface ResultLink {
  /** In the result text (0-based line, UTF-16 columns). */
  readonly range: Range;
  /** The file's URI and the 0-based line named. */
  readonly uri: string;
  readonly line: number;
}

export type SimulateResult =
  | {
      readonly text: string;
      /** Every location in `text`, to make links of. */
      readonly links: readonly ResultLink[];
      readonly json: SimulationJson;
      readonly blocks: readonly SimulatedBlock[];
      readonly captureHints: readonly CaptureHint[];
    }
  | { readonly error: string };

export interface FileAccess {
  /** The text of a file of the configuration (open editors first). */
  readText(path: string): string | undefined;
  /** The URI of a file path. */
  uriOf(path: string): string;
}

/** Offsets to positions in a text (UTF-16, as LSP counts by default). */
export function positionsOf(text: string): (offset: number) => Range['start'] {
  const line = lineIndex(text);
  const starts: number[] = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return (offset) => {
    const l = line(offset) - 1;
    return { line: l, character: offset - starts[l] };
  };
}

/** Splits `GET http://x/ -H "A: b" --remote-ip 1.2.3.4` into words (double or single quotes group). */
export function splitRequest(input: string): { line: string; headers: string[]; remoteIp?: string; socket?: string } {
  const words: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g;
  for (let m = re.exec(input); m; m = re.exec(input)) words.push(m[1]?.replace(/\\(.)/g, '$1') ?? m[2] ?? m[3]);
  const rest: string[] = [];
  const headers: string[] = [];
  let remoteIp: string | undefined;
  let socket: string | undefined;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if ((w === '-H' || w === '--header') && i + 1 < words.length) headers.push(words[++i]);
    else if (w === '--remote-ip' && i + 1 < words.length) remoteIp = words[++i];
    else if (w === '--socket' && i + 1 < words.length) socket = words[++i];
    else rest.push(w);
  }
  return { line: rest.join(' '), headers, remoteIp, socket };
}

function evaluationOf(model: DocumentModel) {
  return model.full ?? model.evaluation;
}

export function simulateDocument(
  model: DocumentModel,
  params: SimulateParams,
  files: FileAccess,
  version: string,
): SimulateResult {
  const split = splitRequest(params.request);
  const spec = parseRequestLine(split.line, {
    remoteIp: params.remoteIp ?? split.remoteIp,
    headers: [...split.headers, ...(params.headers ?? [])],
    serverSocket: params.socket ?? split.socket,
  });
  if ('error' in spec) return { error: spec.error };
  const sim = simulate(evaluationOf(model), spec, { version });
  const texts = new Map<string, ((o: number) => Range['start']) | undefined>();
  const pos = (file: string) => {
    if (!texts.has(file)) {
      const t = files.readText(file);
      texts.set(file, t === undefined ? undefined : positionsOf(t));
    }
    return texts.get(file);
  };
  const uriOf = (file: string) => (file === '' || file === model.path ? params.uri : files.uriOf(file));
  const lineOf = (file: string, offset: number) => {
    const p = pos(file);
    return p ? p(offset).line + 1 : undefined;
  };
  const blocks: SimulatedBlock[] = [];
  const table = buildContexts(evaluationOf(model), version);
  const byIndex = new Map(sim.conditions.map((c) => [c.index, c]));
  for (const c of evaluationOf(model).conditions) {
    const ctx = table.byScope.get(c.scope);
    const r = ctx && byIndex.get(ctx.index);
    const p = pos(c.path);
    if (!r || !p) continue;
    const head = c.branch.head ?? c.branch.elseKeyword ?? c.branch;
    blocks.push({
      uri: uriOf(c.path),
      range: { start: p(c.branch.start), end: p(c.branch.end) },
      headRange: { start: p(c.branch.elseKeyword?.start ?? head.start), end: p(head.end) },
      result: r.result,
      condition: r.condition,
      ...(r.reason ? { reason: r.reason } : {}),
    });
  }
  const locations: ReportLocation[] = [];
  const text = formatSimulation(sim, lineOf, {
    title: `lighttpd request simulation: ${params.request}`,
    relative: relativeTo(model.root ?? model.path),
    locations,
  });
  return {
    text,
    links: locations.map((l) => ({
      range: { start: { line: l.line, character: l.start }, end: { line: l.line, character: l.end } },
      uri: uriOf(l.file),
      line: Math.max(0, (l.fileLine ?? 1) - 1),
    })),
    json: simulationJson(sim, lineOf),
    blocks,
    captureHints: captureHints(model, sim, table, uriOf, pos),
  };
}

/** Paths shown relative to the main config's folder (plain string work: no file system here). */
function relativeTo(main: string | undefined): (file: string) => string {
  const dir = main && main.includes('/') ? main.slice(0, main.lastIndexOf('/') + 1) : undefined;
  return (file) => (file === '' ? '(this document)' : dir && file.startsWith(dir) ? file.slice(dir.length) : file);
}

/** `%n` (condition captures) in the rewrite and redirect values of matched blocks, with their values. */
function captureHints(
  model: DocumentModel,
  sim: Simulation,
  table: ReturnType<typeof buildContexts>,
  uriOf: (file: string) => string,
  pos: (file: string) => ((o: number) => Range['start']) | undefined,
): CaptureHint[] {
  const out: CaptureHint[] = [];
  const byIndex = new Map(sim.conditions.map((c) => [c.index, c]));
  for (const a of evaluationOf(model).assignments) {
    const ctx = table.byScope.get(a.scope);
    const caps = ctx ? byIndex.get(ctx.index)?.captures : undefined;
    const p = pos(a.path);
    if (!caps || !p || !a.node.value) continue;
    walkStrings(a.node.value, (s, start) => {
      const re = /%([0-9])/g;
      for (let m = re.exec(s.raw); m; m = re.exec(s.raw)) {
        if (s.raw[m.index - 1] === '%') continue;
        const n = Number(m[1]);
        out.push({ uri: uriOf(a.path), position: p(start + 1 + m.index + 2), label: `="${caps[n] ?? ''}"` });
      }
    });
  }
  return out;
}

/** Every string literal of an expression, with the offset of its opening quote and its source text. */
function walkStrings(e: Expression, fn: (s: { raw: string }, start: number) => void): void {
  switch (e.kind) {
    case 'string':
      fn({ raw: e.value }, e.start);
      break;
    case 'concat':
      e.operands.forEach((o) => walkStrings(o, fn));
      break;
    case 'array':
      for (const el of e.elements) {
        if (el.key) walkStrings(el.key, fn);
        if (el.value) walkStrings(el.value, fn);
      }
      break;
    default:
      break;
  }
}

export interface SimulateLens {
  readonly range: Range;
  readonly condition: string;
  /** A request that reaches the condition (its value as host or path, where it has one). */
  readonly suggestion: string;
}

/** One lens over each conditional chain's first branch in this document. */
export function simulateLenses(model: DocumentModel, text: string): SimulateLens[] {
  const p = positionsOf(text);
  const out: SimulateLens[] = [];
  const visit = (sts: readonly Statement[]) => {
    for (const st of sts) {
      if (st.kind === 'conditional') {
        const first = st.branches[0];
        if (first?.head) out.push({ range: { start: p(first.start), end: p(first.head.end) }, ...describe(first) });
        for (const b of st.branches) if (b.body) visit(b.body.statements);
      } else if (st.kind === 'global' && st.body) visit(st.body.statements);
    }
  };
  visit(model.file.statements);
  return out;
}

function describe(b: ConditionBranch): { condition: string; suggestion: string } {
  const h = b.head!;
  const field = h.field?.kind === 'string' ? h.field.value : '?';
  const value = h.value?.kind === 'string' ? h.value.value : undefined;
  const op = h.operator?.text ?? '==';
  const condition = `$${h.object?.name ?? '?'}["${field}"] ${op} ${value !== undefined ? `"${value}"` : '…'}`;
  const literal =
    value === undefined
      ? undefined
      : op === '==' || op === '=^'
        ? value
        : op === '=~'
          ? /^\^?([A-Za-z0-9/._~-]*)/.exec(value)?.[1]
          : undefined;
  let suggestion = 'GET http://localhost/';
  if (h.object?.name === 'HTTP' && field === 'host' && literal && /^[A-Za-z0-9.:-]+$/.test(literal))
    suggestion = `GET http://${literal}/`;
  else if (h.object?.name === 'HTTP' && field === 'url' && literal?.startsWith('/'))
    suggestion = `GET http://localhost${literal}`;
  else if (h.object?.name === 'HTTP' && field === 'remote-ip' && literal)
    suggestion = `GET http://localhost/ --remote-ip ${literal.replace(/\/\d+$/, '')}`;
  return { condition, suggestion };
}

/** The configuration the document belongs to, as `lighttpd -p` prints it. */
export function effectiveConfiguration(model: DocumentModel, version: string): string {
  const ev = evaluationOf(model);
  // Each include_shell that was not run: what its output would add is missing below, and said so.
  const notRun = ev.includeShells.map((inc) => {
    const known = knownShellScript(inc);
    const command = shellCommand(inc) ?? 'its command';
    return `# Not run: include_shell "${command}"${known ? `; left out: ${known.prints}` : '; whatever it prints is left out'}.\n`;
  });
  const header = `# Effective configuration (lighttpd -p form, lighttpd ${version})${model.root ? ` of ${model.root}` : ''}\n# Values known only when lighttpd starts print as <unknown>.\n${notRun.join('')}`;
  return header + printConfig(ev, { version });
}

export interface ValueHint {
  readonly position: Range['start'];
  readonly label: string;
}

function show(v: EvalValue): string {
  switch (v.type) {
    case 'string':
      return JSON.stringify(v.value);
    case 'integer':
      return String(v.value);
    case 'unknown':
      return '<unknown>';
    case 'array':
      return `(${v.elements.length} element${v.elements.length === 1 ? '' : 's'})`;
  }
}

function lookup(scope: Scope | undefined, name: string): EvalValue | undefined {
  const lower = name.toLowerCase();
  for (let s = scope; s; s = s.parent) {
    for (const [k, v] of s.vars) if (k.toLowerCase() === lower) return v;
  }
  return undefined;
}

/** The value of every `var.*` / `env.*` reference in [start, end) of the document (as the configuration ends). */
export function variableHints(model: DocumentModel, text: string, start: number, end: number): ValueHint[] {
  const p = positionsOf(text);
  const ev = model.full ?? model.evaluation;
  const scopeOf = new Map<ConditionBranch, Scope>();
  for (const c of ev.conditions) if (!scopeOf.has(c.branch)) scopeOf.set(c.branch, c.scope);
  const out: ValueHint[] = [];
  const expr = (e: Expression | undefined, scope: Scope) => {
    if (!e || e.end < start || e.start > end) return;
    switch (e.kind) {
      case 'variable': {
        if (!e.fullName.startsWith('var.')) return;
        const v = lookup(scope, e.fullName);
        if (v && v.type !== 'array') out.push({ position: p(e.end), label: ` = ${show(v).slice(0, 60)}` });
        return;
      }
      case 'concat':
        e.operands.forEach((o) => expr(o, scope));
        return;
      case 'array':
        for (const el of e.elements) {
          expr(el.key, scope);
          expr(el.value, scope);
        }
        return;
      default:
        return;
    }
  };
  const visit = (sts: readonly Statement[], scope: Scope) => {
    for (const st of sts) {
      if (st.end < start || st.start > end) continue;
      if (st.kind === 'assignment') expr(st.value, scope);
      else if (st.kind === 'include' || st.kind === 'include_shell') expr(st.operand, scope);
      else if (st.kind === 'global' && st.body) visit(st.body.statements, ev.global);
      else if (st.kind === 'conditional')
        for (const b of st.branches) {
          const s = scopeOf.get(b) ?? scope;
          expr(b.head?.value, scope);
          if (b.body) visit(b.body.statements, s);
        }
    }
  };
  visit(model.file.statements, ev.global);
  return out;
}
