/**
 * The simulation as JSON (the CLI's `--format json` and the editor's custom request) and as readable
 * text (the CLI's default and the editor's result document). Pure: line numbers come from `lineOf`.
 */
import type { ConditionResult, Handler, JsonValue, Simulation } from './simulate';

/** 1-based line of an offset in a file (undefined when the file's text is not at hand). */
export type LineOf = (file: string, offset: number) => number | undefined;

export interface JsonCondition {
  readonly condition: string;
  readonly file: string;
  readonly line: number | null;
  readonly result: boolean | 'unknown' | 'not-evaluated';
  /** lighttpd's context number (block N in `lighttpd -p`). */
  readonly context: number;
  readonly compared?: string;
  readonly reason?: string;
  readonly captures?: readonly string[];
}

export interface SimulationJson {
  readonly request: Simulation['request'] | null;
  readonly conditions: readonly JsonCondition[];
  readonly settings: Readonly<Record<string, JsonValue>>;
  readonly handler: Handler;
  readonly responseHeaders: Readonly<Record<string, string>>;
  readonly rewrites: Simulation['rewrites'];
  /** Each pass's conditions when a rewrite made lighttpd evaluate them again (the last is `conditions`). */
  readonly passes: readonly { readonly target: string; readonly conditions: readonly JsonCondition[] }[];
  readonly notes: readonly string[];
}

/** Line numbers (1-based) from a file's text, memoised per text. */
export function lineIndex(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

function cond(c: ConditionResult, lineOf: LineOf): JsonCondition {
  return {
    condition: c.condition,
    file: c.file,
    line: lineOf(c.file, c.offset) ?? null,
    result: c.result,
    context: c.index,
    ...(c.compared !== undefined ? { compared: c.compared } : {}),
    ...(c.reason !== undefined ? { reason: c.reason } : {}),
    ...(c.captures ? { captures: c.captures } : {}),
  };
}

export function simulationJson(sim: Simulation, lineOf: LineOf): SimulationJson {
  const settings: Record<string, JsonValue> = {};
  for (const k of Object.keys(sim.settings).sort()) settings[k] = sim.settings[k].value;
  return {
    request: sim.request ?? null,
    conditions: sim.conditions.map((c) => cond(c, lineOf)),
    settings,
    handler: sim.handler,
    responseHeaders: sim.responseHeaders,
    rewrites: sim.rewrites,
    passes:
      sim.passes.length > 1
        ? sim.passes.map((p) => ({ target: p.target, conditions: p.conditions.map((c) => cond(c, lineOf)) }))
        : [],
    notes: sim.notes,
  };
}

const MARK: Record<string, string> = { true: '✔', false: '✘', unknown: '?', 'not-evaluated': '–' };

function where(file: string, line: number | undefined, cwdRelative: (f: string) => string): string {
  return line ? `${cwdRelative(file)}:${line}` : cwdRelative(file);
}

export function describeHandler(h: Handler): string {
  switch (h.module) {
    case 'error':
      return `lighttpd answers ${h.status}: ${h.reason}`;
    case 'mod_redirect':
      return `mod_redirect: ${h.status} to ${h.location} (rule "${h.rule}", block ${h.context || 'global'})`;
    case 'mod_access':
      return `mod_access: 403 Forbidden (${h.reason})`;
    case 'mod_auth':
      return `mod_auth: 401 Unauthorized without credentials (auth.require "${h.prefix}"${h.realm ? `, realm "${h.realm}"` : ''})`;
    case 'mod_proxy':
    case 'mod_fastcgi':
    case 'mod_scgi': {
      const b = h.backends
        .map(
          (x) =>
            x.socket ??
            (x.host !== undefined || x.port !== undefined ? `${x.host ?? '?'}:${x.port ?? '?'}` : (x.binPath ?? '?')),
        )
        .join(', ');
      return `${h.module}: "${h.extension}" → ${b || 'no backend'}`;
    }
    case 'mod_staticfile':
      return `static file ${h.path}${h.alias ? ` (alias.url "${h.alias}")` : h.documentRoot ? ` (server.document-root ${h.documentRoot})` : ''}`;
    case 'unknown':
      return `unknown: ${h.reason}`;
  }
}

// (as lighttpd -p prints strings: only the quote is escaped)
const quote = (s: string) => `"${s.replace(/"/g, '\\"')}"`;

/**
 * A value as lighttpd's syntax writes it (as "Show Effective Configuration" does): strings quoted, lists in
 * parentheses, `"key" => value` for keyed entries; on one line when short, else one entry per line.
 */
export function lighttpdValue(v: JsonValue, depth = 0): string {
  if (v === null) return '<unknown>';
  if (typeof v === 'string') return quote(v);
  if (typeof v === 'number') return String(v);
  const entries = Array.isArray(v) ? v.map((x) => [undefined, x] as const) : Object.entries(v);
  if (entries.length === 0) return '( )';
  const items = entries.map(([k, x]) => (k === undefined ? '' : `${quote(k)} => `) + lighttpdValue(x, depth + 1));
  const flat = `( ${items.join(', ')} )`;
  if (flat.length <= 72 && !flat.includes('\n')) return flat;
  const pad = '    '.repeat(depth + 1);
  return `(\n${items.map((i) => `${pad}${i},`).join('\n')}\n${'    '.repeat(depth)})`;
}

/** Where the report names a place of the configuration: the report's line (0-based) and columns. */
export interface ReportLocation {
  readonly line: number;
  readonly start: number;
  readonly end: number;
  readonly file: string;
  /** 1-based line in `file`, when known. */
  readonly fileLine?: number;
}

/** The readable report. `locations` receives each place it names (for links in an editor). */
export function formatSimulation(
  sim: Simulation,
  lineOf: LineOf,
  options: { title?: string; relative?: (file: string) => string; locations?: ReportLocation[] } = {},
): string {
  const rel = options.relative ?? ((f: string) => f);
  const out: string[] = [];
  /** `text` with the location `(file:line` marked where it appears in it, pushed as the next line(s). */
  const located = (text: string, file: string | undefined, line: number | undefined, label: string) => {
    const at = file !== undefined ? text.indexOf(`(${label}`) : -1;
    if (at >= 0 && file !== undefined)
      options.locations?.push({
        line: out.length,
        start: at + 1,
        end: at + 1 + label.length,
        file,
        ...(line ? { fileLine: line } : {}),
      });
    out.push(text);
  };
  if (options.title) out.push(options.title, '');
  const r = sim.request;
  if (r)
    out.push(
      `Request: ${r.method} ${r.scheme}://${r.host || '(no host)'}${r.path}${r.query !== undefined ? `?${r.query}` : ''}  from ${r.remoteIp} on ${r.serverSocket}`,
    );
  out.push(`Handler: ${describeHandler(sim.handler)}`);
  for (const w of sim.rewrites)
    out.push(`Rewritten: ${w.from} → ${w.to} (rule "${w.rule}", block ${w.context || 'global'})`);
  const headers = Object.entries(sim.responseHeaders);
  if (headers.length) out.push(`Response headers: ${headers.map(([k, v]) => `${k}: ${v}`).join('; ')}`);
  out.push('', `Conditions (in lighttpd's order${sim.passes.length > 1 ? ', last pass' : ''}):`);
  if (!sim.conditions.length) out.push('  (none)');
  for (const c of sim.conditions) {
    const line = lineOf(c.file, c.offset);
    const detail = [
      c.compared !== undefined ? `compared "${c.compared}"` : '',
      c.captures && c.captures.length > 1 ? `captures ${c.captures.map((x, i) => `%${i}="${x}"`).join(' ')}` : '',
      c.reason ?? '',
    ]
      .filter(Boolean)
      .join('; ');
    const at = where(c.file, line, rel);
    located(
      `  ${MARK[String(c.result)]} ${String(c.result).padEnd(13)} ${c.condition}  (${at}, block ${c.index})`,
      c.file,
      line,
      at,
    );
    if (detail) out.push(`      ${detail}`);
  }
  const keys = Object.keys(sim.settings).sort();
  out.push('', 'Effective settings:');
  if (!keys.length) out.push('  (none)');
  for (const k of keys) {
    const s = sim.settings[k];
    const line = s.file !== undefined && s.offset !== undefined ? lineOf(s.file, s.offset) : undefined;
    const from = s.file ? where(s.file, line, rel) : s.context ? `block ${s.context}` : 'global';
    const value = lighttpdValue(s.value).split('\n');
    const last = value.length - 1;
    // (a value on several lines: the location after its last line)
    for (let i = 0; i < last; i++) out.push(i === 0 ? `  ${k} = ${value[0]}` : `  ${value[i]}`);
    const tail = last === 0 ? `  ${k} = ${value[0]}` : `  ${value[last]}`;
    located(`${tail}  (${from}${s.uncertain ? ', in a block whose condition is unknown' : ''})`, s.file, line, from);
  }
  if (sim.notes.length) out.push('', 'Notes:', ...sim.notes.map((n) => `  - ${n}`));
  return out.join('\n') + '\n';
}
