/**
 * The properties every input must satisfy, checked through the language service exactly as the server
 * uses it:
 *   - nothing throws out of the parser, the evaluator or any feature (rename may refuse with RenameError);
 *   - every AST node and problem has offsets inside the text; every range, position and line a feature
 *     returns lies inside the document (and LSP's shape rules hold: a symbol's selectionRange inside its
 *     range, completion edits on the cursor's line, selection ranges nested, semantic tokens on one line);
 *   - every diagnostic code is in the rules table;
 *   - formatting is idempotent and keeps every token, comment and value; its edits do not overlap;
 *   - a re-analysis after a small edit (incremental parse) gives the same tree as a fresh parse.
 * Time is measured here and judged by the caller (the fuzz command), never by the unit tests.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type {
  CodeActionContext,
  Diagnostic,
  FormattingOptions,
  Position,
  Range,
  TextEdit,
} from 'vscode-languageserver-types';
import { ConfigWorkspace } from '../../server/src/analysis/workspace';
import { parse, tokenize, type ConfigFile } from '../../server/src/parser';
import * as T from '../../server/src/parser/tokens';
import { getRule } from '../../server/src/features/diagnostics/rules';
import { RenameError } from '../../server/src/features/navigation/rename';
import { getLanguageService, type LanguageService } from '../../server/src/service';
import { uriToPath } from '../../server/src/uri';
import { MemoryFileSystem } from './memfs';
import type { Rng } from './rng';
import type { CorpusFile } from './generate';

export interface Failure {
  readonly property: string;
  readonly detail: string;
}

/** How the document is analysed: alone, as the main config of a workspace, or as a fragment it includes. */
export type Mode = 'standalone' | 'root' | 'fragment';

export interface CheckOptions {
  /** Random positions probed by position features (besides start, end and problem edges; default 3). */
  readonly positions?: number;
  /** Check the incremental re-analysis after a small edit (default true in standalone mode). */
  readonly reanalysis?: boolean;
  /** Only these service methods (default: every method in SURFACE). */
  readonly only?: readonly string[];
}

export interface CheckResult {
  readonly failures: Failure[];
  /** Milliseconds spent analysing and validating the input (the time property uses it). */
  readonly analysisMs: number;
}

interface CallContext {
  readonly rng: Rng;
  readonly positions: readonly Position[];
  readonly range: Range;
  readonly diagnostics: readonly Diagnostic[];
  readonly fail: (property: string, detail: string) => void;
  readonly check: (what: string, result: unknown) => void;
}

type Call = (svc: LanguageService, doc: TextDocument, ctx: CallContext) => void;

const FORMAT_OPTIONS: FormattingOptions[] = [
  { tabSize: 4, insertSpaces: true },
  { tabSize: 2, insertSpaces: true },
  { tabSize: 8, insertSpaces: false },
];
const NEW_NAMES = ['renamed', 'var.other', 'x', 'bad name', '', '9lives', 'include', 'a.b'];

/**
 * Every method of the language service and how the fuzzer calls it. null: not a feature (no input to
 * check). A method missing here makes the "every method is exercised" test fail.
 */
export const SURFACE: Record<string, Call | null> = {
  getModel: null,
  forget: null,
  getDependencies: (svc, doc) => {
    const deps = (svc as unknown as { getDependencies(uri: string): unknown }).getDependencies(doc.uri);
    if (deps !== undefined && !(deps instanceof Set)) throw new Error(`getDependencies returned ${typeof deps}`);
  },
  doValidation: (svc, doc, ctx) => ctx.check('doValidation', svc.doValidation(doc)),
  // The whole-configuration verdict of the document's file taken as a main config, and one file's diagnostics
  // as the workspace has it: their ranges belong to other files, so only that they answer is checked here.
  validateConfiguration: (svc, doc) => {
    const path = uriToPath(doc.uri);
    const r = path === undefined ? undefined : svc.validateConfiguration(path);
    if (r !== undefined && typeof r !== 'object') throw new Error(`validateConfiguration returned ${typeof r}`);
  },
  configurationRoots: (svc, doc) => {
    const roots = svc.configurationRoots(doc);
    if (!Array.isArray(roots) || roots.some((r) => typeof r !== 'string'))
      throw new Error(`configurationRoots returned ${JSON.stringify(roots)}`);
  },
  validateFile: (svc, doc) => {
    const path = uriToPath(doc.uri);
    const r = path === undefined ? undefined : svc.validateFile(path);
    if (r !== undefined && typeof r !== 'object') throw new Error(`validateFile returned ${typeof r}`);
  },
  doCodeActions: (svc, doc, ctx) => {
    const only = ctx.rng.pick([undefined, ['quickfix'], ['source.fixAll'], ['source']]);
    const picked = ctx.diagnostics.filter(() => ctx.rng.chance(0.5));
    const context: CodeActionContext = only ? { diagnostics: picked, only } : { diagnostics: picked };
    const actions = svc.doCodeActions(doc, ctx.range, context);
    ctx.check('doCodeActions', actions);
    for (const a of actions) {
      const edits = a.edit?.changes?.[doc.uri];
      if (edits) checkEdits(doc, edits, `code action "${a.title}"`, ctx.fail);
    }
  },
  doComplete: (svc, doc, ctx) => {
    for (const p of ctx.positions) {
      const list = svc.doComplete(doc, p);
      ctx.check(`doComplete at ${show(p)}`, list);
      for (const item of list.items) {
        const te = item.textEdit;
        if (
          te &&
          'range' in te &&
          (te.range.start.line !== p.line ||
            te.range.end.line !== p.line ||
            te.range.start.character > p.character ||
            te.range.end.character < p.character)
        ) {
          ctx.fail(
            'completion-edit-range',
            `item ${JSON.stringify(item.label)} at ${show(p)} replaces ${showRange(te.range)} (must be on the cursor's line and contain it)`,
          );
        }
        if (item.additionalTextEdits) checkEdits(doc, item.additionalTextEdits, `completion ${item.label}`, ctx.fail);
      }
    }
  },
  doHover: (svc, doc, ctx) => {
    for (const p of ctx.positions) ctx.check(`doHover at ${show(p)}`, svc.doHover(doc, p));
  },
  findDocumentSymbols: (svc, doc, ctx) => ctx.check('findDocumentSymbols', svc.findDocumentSymbols(doc)),
  getFoldingRanges: (svc, doc, ctx) => ctx.check('getFoldingRanges', svc.getFoldingRanges(doc)),
  getSelectionRanges: (svc, doc, ctx) => {
    const result = svc.getSelectionRanges(doc, ctx.positions);
    ctx.check('getSelectionRanges', result);
    if (result.length !== ctx.positions.length)
      ctx.fail('selection-ranges', `${result.length} results for ${ctx.positions.length} positions`);
    for (let sr: (typeof result)[number] | undefined = result[0]; sr?.parent; sr = sr.parent) {
      if (!contains(sr.parent.range, sr.range))
        ctx.fail('selection-ranges', `parent ${showRange(sr.parent.range)} does not contain ${showRange(sr.range)}`);
    }
  },
  format: (svc, doc, ctx) => checkFormatting(svc, doc, ctx),
  formatRange: (svc, doc, ctx) => {
    const edits = svc.formatRange(doc, ctx.range, ctx.rng.pick(FORMAT_OPTIONS), { alignArrows: ctx.rng.chance(0.5) });
    checkEdits(doc, edits, 'formatRange', ctx.fail);
    checkPreserved(doc.getText(), applyEdits(doc, edits), 'formatRange', ctx.fail);
  },
  findDefinition: (svc, doc, ctx) => {
    for (const p of ctx.positions) ctx.check(`findDefinition at ${show(p)}`, svc.findDefinition(doc, p));
  },
  findReferences: (svc, doc, ctx) => {
    for (const p of ctx.positions)
      ctx.check(`findReferences at ${show(p)}`, svc.findReferences(doc, p, ctx.rng.chance(0.5)));
  },
  prepareRename: (svc, doc, ctx) => {
    for (const p of ctx.positions) ctx.check(`prepareRename at ${show(p)}`, svc.prepareRename(doc, p));
  },
  doRename: (svc, doc, ctx) => {
    for (const p of ctx.positions) {
      try {
        const edit = svc.doRename(doc, p, ctx.rng.pick(NEW_NAMES));
        const edits = edit?.changes?.[doc.uri];
        if (edits) checkEdits(doc, edits, `rename at ${show(p)}`, ctx.fail);
      } catch (e) {
        if (!(e instanceof RenameError)) throw e;
      }
    }
  },
  findDocumentLinks: (svc, doc, ctx) => ctx.check('findDocumentLinks', svc.findDocumentLinks(doc)),
  mapLighttpdOutput: (svc, doc, ctx) => {
    // What `lighttpd -tt` prints, with positions that may lie anywhere (stale output of an older version).
    const path = doc.uri.startsWith('file://') ? doc.uri.slice(7) : '/fuzz/untitled.conf';
    const lines: string[] = [];
    for (let i = ctx.rng.int(6); i > 0; i--) {
      lines.push(
        ctx.rng.pick([
          `2026-01-01 00:00:00: (configfile.c.2109) source: ${ctx.rng.pick([path, 'other.conf', ''])} line: ${ctx.rng.int(doc.lineCount + 5) - 2} pos: ${ctx.rng.int(300) - 5} ${ctx.rng.pick(['invalid character in variable name', 'parser failed somehow', ''])}`,
          '2026-01-01 00:00:00: (configfile.c.2161) configfile parser failed at: (null)',
          `2026-01-01 00:00:00: (server.c.1) WARNING: unknown config-key: ${ctx.rng.pick(['server.foo', 'x', '', 'var.x'])} (ignored)`,
          ctx.rng.pick(['', 'garbage', '\r', 'line: -1 pos: x']),
        ]),
      );
    }
    const options = {
      path,
      isSavedDocument: ctx.rng.chance(0.5),
      failed: ctx.rng.chance(0.5),
      notice: ctx.rng.pick([undefined, 'lighttpd was stopped']),
    };
    ctx.check('mapLighttpdOutput', svc.mapLighttpdOutput(doc, lines.join(ctx.rng.pick(['\n', '\r\n'])), options));
  },
  getSemanticTokens: (svc, doc, ctx) => {
    for (const range of [undefined, ctx.range]) {
      const tokens = svc.getSemanticTokens(doc, range);
      const lines = lineLengths(doc);
      if (tokens.data.length % 5 !== 0)
        ctx.fail('semantic-tokens', `data length ${tokens.data.length} is not a multiple of 5`);
      let line = 0;
      let char = 0;
      for (let i = 0; i + 4 < tokens.data.length; i += 5) {
        const [dl, dc, len] = tokens.data.slice(i, i + 3);
        line += dl;
        char = dl === 0 ? char + dc : dc;
        if (line >= lines.length || char + len > lines[line]) {
          ctx.fail(
            'semantic-tokens',
            `token ${i / 5} at ${line}:${char} length ${len} is outside its line (${lines[line] ?? 'no such line'} characters)`,
          );
          break;
        }
      }
    }
  },
};

function show(p: Position): string {
  return `${p.line}:${p.character}`;
}

function showRange(r: Range): string {
  return `${show(r.start)}-${show(r.end)}`;
}

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

function contains(outer: Range, inner: Range): boolean {
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}

/** Length of each line without its line break (\n, \r\n and \r end lines, as in TextDocument). */
const lineLengthCache = new WeakMap<TextDocument, number[]>();
function lineLengths(doc: TextDocument): number[] {
  let lines = lineLengthCache.get(doc);
  if (!lines)
    lineLengthCache.set(
      doc,
      (lines = doc
        .getText()
        .split(/\r\n|\r|\n/)
        .map((l) => l.length)),
    );
  return lines;
}

function validPosition(p: unknown, lines: readonly number[]): boolean {
  const q = p as Position;
  return (
    Number.isInteger(q?.line) &&
    Number.isInteger(q?.character) &&
    q.line >= 0 &&
    q.character >= 0 &&
    q.line < lines.length &&
    q.character <= lines[q.line]
  );
}

/** Every Range, Position and line number inside a result (skipping locations in other files). */
export function checkResult(
  doc: TextDocument,
  what: string,
  result: unknown,
  fail: (property: string, detail: string) => void,
): void {
  const lines = lineLengths(doc);
  const stack: unknown[] = [result];
  const seen = new Set<unknown>();
  let reported = 0;
  const report = (detail: string) => {
    if (reported++ < 3) fail('range-inside-document', `${what}: ${detail}`);
  };
  while (stack.length) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object' || seen.has(v)) continue;
    seen.add(v);
    const o = v as Record<string, unknown>;
    if (typeof o.uri === 'string' && o.uri !== doc.uri) continue;
    if (typeof o.targetUri === 'string' && o.targetUri !== doc.uri) continue;
    if (o.start && o.end && typeof o.start === 'object' && typeof o.end === 'object' && 'line' in (o.start as object)) {
      if (!validPosition(o.start, lines) || !validPosition(o.end, lines))
        report(
          `range ${JSON.stringify({ start: o.start, end: o.end })} is outside the document (${lines.length} lines)`,
        );
      else if (!before(o.start as Position, o.end as Position))
        report(`range ${showRange(o as unknown as Range)} ends before it starts`);
      continue;
    }
    if ('line' in o && 'character' in o && !validPosition(o, lines))
      report(`position ${JSON.stringify(o)} is outside the document`);
    if (typeof o.startLine === 'number' || typeof o.endLine === 'number') {
      const s = o.startLine as number;
      const e = o.endLine as number;
      if (!(Number.isInteger(s) && Number.isInteger(e) && s >= 0 && s <= e && e < lines.length))
        report(`lines ${s}-${e} are outside the document (${lines.length} lines)`);
    }
    if (o.selectionRange && o.range && !contains(o.range as Range, o.selectionRange as Range)) {
      report(
        `selectionRange ${showRange(o.selectionRange as Range)} is not inside range ${showRange(o.range as Range)}`,
      );
    }
    for (const k of Object.keys(o)) if (k !== 'data' && k !== 'documentation') stack.push(o[k]);
  }
}

function offsetEdits(doc: TextDocument, edits: readonly TextEdit[]): { start: number; end: number; text: string }[] {
  return edits
    .map((e) => ({ start: doc.offsetAt(e.range.start), end: doc.offsetAt(e.range.end), text: e.newText }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
}

function checkEdits(
  doc: TextDocument,
  edits: readonly TextEdit[],
  what: string,
  fail: (property: string, detail: string) => void,
): void {
  checkResult(doc, what, edits, fail);
  const sorted = offsetEdits(doc, edits);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].start < sorted[i - 1].end) {
      fail(
        'edits-overlap',
        `${what}: edits at offsets ${sorted[i - 1].start}-${sorted[i - 1].end} and ${sorted[i].start}-${sorted[i].end} overlap`,
      );
      return;
    }
  }
}

export function applyEdits(doc: TextDocument, edits: readonly TextEdit[]): string {
  const text = doc.getText();
  let out = '';
  let at = 0;
  for (const e of offsetEdits(doc, edits)) {
    if (e.start < at) continue; // overlapping (reported by checkEdits)
    out += text.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + text.slice(at);
}

/** Comments, and the tokens that carry meaning (names, strings, numbers, operators), in order. */
function meaningful(text: string): { comments: string[]; tokens: string[] } {
  const lexed = tokenize(text);
  return {
    comments: lexed.comments.map((c) => c.text.trimEnd()),
    tokens: lexed.tokens.filter((t) => t.tokenType !== T.EOL).map((t) => t.image),
  };
}

export function checkPreserved(
  before: string,
  after: string,
  what: string,
  fail: (property: string, detail: string) => void,
): void {
  if (before === after) return;
  const a = meaningful(before);
  const b = meaningful(after);
  const diff = (x: string[], y: string[]) => {
    for (let i = 0; i < Math.max(x.length, y.length); i++) if (x[i] !== y[i]) return i;
    return -1;
  };
  const c = diff(a.comments, b.comments);
  if (c >= 0)
    fail(
      'format-keeps-comments',
      `${what}: comment ${c} was ${JSON.stringify(a.comments[c])}, is ${JSON.stringify(b.comments[c])}`,
    );
  const t = diff(a.tokens, b.tokens);
  if (t >= 0)
    fail(
      'format-keeps-values',
      `${what}: token ${t} was ${JSON.stringify(a.tokens[t])}, is ${JSON.stringify(b.tokens[t])}`,
    );
}

function checkFormatting(svc: LanguageService, doc: TextDocument, ctx: CallContext): void {
  const options = ctx.rng.pick(FORMAT_OPTIONS);
  const extra = { alignArrows: ctx.rng.chance(0.5) };
  const edits = svc.format(doc, options, extra);
  checkEdits(doc, edits, 'format', ctx.fail);
  const once = applyEdits(doc, edits);
  checkPreserved(doc.getText(), once, 'format', ctx.fail);
  // (untitled: a file: URI would open it in the workspace, where it would stay as one more root config)
  const doc2 = TextDocument.create(`untitled:formatted-${doc.uri}`, 'lighttpd', 1, once);
  const again = applyEdits(doc2, svc.format(doc2, options, extra));
  svc.forget(doc2.uri);
  if (again !== once) {
    let i = 0;
    while (i < once.length && once[i] === again[i]) i++;
    ctx.fail(
      'format-idempotent',
      `formatting the formatted text changes it again at offset ${i}: ${JSON.stringify(once.slice(Math.max(0, i - 20), i + 20))} -> ${JSON.stringify(again.slice(Math.max(0, i - 20), i + 20))}`,
    );
  }
}

/** Positions worth probing: start, end, random offsets, and the edges of every problem. */
function probePositions(
  doc: TextDocument,
  rng: Rng,
  problems: readonly { start: number; end: number }[],
  count: number,
): Position[] {
  const len = doc.getText().length;
  const offsets = new Set<number>([0, len]);
  for (let i = 0; i < count; i++) offsets.add(rng.int(len + 1));
  for (const p of problems.slice(0, 3)) {
    offsets.add(p.start);
    offsets.add(p.end);
  }
  return [...offsets].map((o) => doc.positionAt(o));
}

/** AST nodes and problems: integer offsets inside the text, start <= end. */
function checkTree(text: string, file: ConfigFile, fail: (property: string, detail: string) => void): void {
  const stack: unknown[] = [file];
  let reported = 0;
  while (stack.length) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object') continue;
    const o = v as Record<string, unknown>;
    if ('start' in o || 'end' in o) {
      const s = o.start as number;
      const e = o.end as number;
      if (!(Number.isInteger(s) && Number.isInteger(e) && s >= 0 && s <= e && e <= text.length) && reported++ < 3) {
        fail(
          'ast-offsets',
          `node ${String(o.kind ?? o.code ?? Object.keys(o).join(','))} has offsets ${s}-${e} (text length ${text.length})`,
        );
      }
    }
    for (const k of Object.keys(o)) if (typeof o[k] === 'object') stack.push(o[k]);
  }
}

function describeError(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message).split('\n').slice(0, 8).join('\n') : String(e);
}

const SMALL_EDITS: readonly ((rng: Rng, text: string) => string)[] = [
  (rng, t) => {
    const i = rng.int(t.length + 1);
    return t.slice(0, i) + rng.pick(['x', '"', '{', '}', '(', ')', '\n', ' = ', '#', ',', 'else ']) + t.slice(i);
  },
  (rng, t) => {
    const i = rng.int(t.length + 1);
    return t.slice(0, i) + t.slice(i + rng.range(1, 5));
  },
  (rng, t) => {
    const i = rng.int(t.length + 1);
    return t.slice(0, i) + '\nserver.port = 81\n' + t.slice(i);
  },
];

/** Runs every property on one input; never throws. */
export class Harness {
  private readonly standalone = getLanguageService();
  private readonly fs = new MemoryFileSystem();
  private readonly workspace: ConfigWorkspace;
  private readonly inWorkspace: LanguageService;
  private version = 0;
  /** Total milliseconds per checked step, for the fuzz command's summary. */
  readonly timings = new Map<string, number>();

  constructor(corpus: readonly CorpusFile[]) {
    // A small multi-file layout: the fuzzed document is /fuzz/lighttpd.conf (or a fragment of /fuzz/main.conf),
    // next to fragments (one of which includes everything, so cycles occur).
    const fragments = corpus.filter((c) => c.text.length < 8000).slice(0, 3);
    fragments.forEach((c, i) => this.fs.files.set(`/fuzz/conf.d/${i}.conf`, c.text));
    this.fs.files.set('/fuzz/conf.d/self.conf', 'include "conf.d/*.conf"\nvar.self = 1\n');
    this.fs.files.set(
      '/fuzz/main.conf',
      'server.document-root = "/srv"\nserver.modules = ( "mod_access" )\ninclude "fragment.conf"\n',
    );
    this.workspace = new ConfigWorkspace(this.fs);
    this.inWorkspace = getLanguageService({ workspace: this.workspace });
  }

  check(text: string, rng: Rng, mode: Mode, options: CheckOptions = {}): CheckResult {
    const failures: Failure[] = [];
    const fail = (property: string, detail: string) => {
      failures.push({ property, detail });
    };
    const guarded = (what: string, fn: () => void) => {
      const t = performance.now();
      try {
        fn();
      } catch (e) {
        fail('no-exception', `${what} threw: ${describeError(e)}`);
      }
      this.timings.set(what, (this.timings.get(what) ?? 0) + performance.now() - t);
    };

    let svc = this.standalone;
    let uri = `untitled:fuzz-${++this.version}`;
    // Each input alone in the workspace: what an earlier input left (a large fragment that main.conf
    // includes) would make this one's time depend on the run's history, and its replay differ.
    const written = mode === 'root' ? '/fuzz/lighttpd.conf' : mode === 'fragment' ? '/fuzz/fragment.conf' : undefined;
    if (written) {
      svc = this.inWorkspace;
      this.fs.files.set(written, text);
      uri = `file://${written}`;
      guarded('workspace setup', () => this.workspace.setKnownFiles(this.fs.files.keys()));
    }
    const doc = TextDocument.create(uri, 'lighttpd', ++this.version, text);

    let diagnostics: Diagnostic[] = [];
    let problems: { start: number; end: number }[] = [];
    const t0 = performance.now();
    let file: ConfigFile | undefined;
    guarded('analysis', () => {
      file = svc.getModel(doc).file;
    });
    guarded('doValidation', () => {
      diagnostics = svc.doValidation(doc);
    });
    const analysisMs = performance.now() - t0;
    if (file) {
      problems = [...file.problems];
      guarded('tree', () => checkTree(text, file!, fail));
    }
    for (const d of diagnostics) {
      if (typeof d.code !== 'string' || !getRule(d.code))
        fail('diagnostic-code-known', `diagnostic code ${JSON.stringify(d.code)} is not in the rules table`);
      if (typeof d.message !== 'string' || d.message === '')
        fail('diagnostic-message', `diagnostic ${String(d.code)} has no message`);
    }

    const positions = probePositions(doc, rng, problems, options.positions ?? 3);
    const [a, b] = [rng.int(text.length + 1), rng.int(text.length + 1)].sort((x, y) => x - y);
    const ctx: CallContext = {
      rng,
      positions,
      range: { start: doc.positionAt(a), end: doc.positionAt(b) },
      diagnostics,
      fail,
      check: (what, result) => checkResult(doc, what, result, fail),
    };
    for (const [name, call] of Object.entries(SURFACE)) {
      if (options.only && !options.only.includes(name)) continue;
      if (call && typeof (svc as unknown as Record<string, unknown>)[name] === 'function')
        guarded(name, () => call(svc, doc, ctx));
    }

    // Incremental re-analysis: version 2 after a small edit must parse like a fresh parse of its text.
    if (mode === 'standalone' && options.reanalysis !== false) {
      guarded('re-analysis after an edit', () => {
        const edited = rng.pick(SMALL_EDITS)(rng, text);
        const doc2 = TextDocument.create(uri, 'lighttpd', doc.version + 1, edited);
        const incremental = svc.getModel(doc2).file;
        const fresh = parse(edited);
        const x = JSON.stringify({
          s: incremental.statements,
          p: incremental.problems.map((p) => [p.code, p.start, p.end]),
        });
        const y = JSON.stringify({ s: fresh.statements, p: fresh.problems.map((p) => [p.code, p.start, p.end]) });
        if (x !== y) {
          let i = 0;
          while (i < x.length && x[i] === y[i]) i++;
          fail(
            'incremental-parse',
            `after an edit the reused tree differs from a fresh parse near ${JSON.stringify(y.slice(Math.max(0, i - 60), i + 60))} (got ${JSON.stringify(x.slice(Math.max(0, i - 60), i + 60))})`,
          );
        }
        // The checks after the edit reuse what the edit left alone (features/checks/incremental.ts): the same
        // diagnostics as a fresh service's.
        const canon = (ds: readonly Diagnostic[]) =>
          ds
            .map((d) => JSON.stringify([d.range, d.code, d.severity, d.message, d.data ?? null, d.tags ?? null]))
            .sort();
        const again = canon(svc.doValidation(doc2));
        const scratch = canon(getLanguageService().doValidation(doc2));
        if (again.join('\n') !== scratch.join('\n')) {
          const diff = [...again.filter((x) => !scratch.includes(x)), ...scratch.filter((x) => !again.includes(x))];
          fail(
            'incremental-checks',
            `after an edit the diagnostics differ from a fresh check: ${diff.slice(0, 3).join(' ')}`,
          );
        }
      });
    }
    svc.forget(uri);
    if (written) {
      // Closed as an editor closes it (the service opened it in the workspace) and removed from the disk.
      this.fs.files.delete(written);
      guarded('workspace reset', () => {
        this.workspace.setOpenText(written, undefined);
        this.workspace.setKnownFiles(this.fs.files.keys());
      });
    }
    return { failures, analysisMs };
  }
}
