/**
 * The editor's side of configuration tests (analysis/routeTests): for a `*.lighttpd-test` document, its
 * tests with ranges and diagnostics (parse problems, a config that does not exist), the results of running
 * them (expected and actual, the range of the failing expectation, the location of the directive that
 * decided), completion (keywords, handler words, the hosts, paths, conditions, settings and backends the
 * configuration mentions) and hover (the simulated result of the test under the cursor). Pure: the
 * configuration comes through `TestEnv`.
 */
import {
  CompletionItemKind,
  DiagnosticSeverity,
  MarkupKind,
  type CompletionItem,
  type Diagnostic,
  type Hover,
  type Position,
  type Range,
} from 'vscode-languageserver-types';
import type { Evaluation } from '../../analysis/evaluate';
import { configPathOf } from '../../analysis/routeTests/load';
import { runTest, DEFAULT_TEST_VERSION, type TestResult } from '../../analysis/routeTests/run';
import { initTestFile } from '../../analysis/routeTests/init';
import { diffRouting, formatRoutingDiff } from '../../analysis/routeTests/diff';
import {
  formatRequest,
  parseTestFile,
  OUTCOME_WORDS,
  METHODS,
  type ParsedTestFile,
  type Span,
  type TestCase,
} from '../../analysis/routeTests/testFile';
import { buildContexts } from '../../analysis/simulate/model';
import { representativeRequests } from '../../analysis/simulate/representative';
import { formatSimulation, lineIndex } from '../../analysis/simulate/format';
import { positionsOf } from '../simulate/simulate';
import { basename, dirname } from '../../paths';

export interface TestEnv {
  /** The evaluation of the configuration at `path` (a main config with its includes), or why not. */
  load(path: string): { evaluation: Evaluation } | { error: string };
  exists(path: string): boolean;
  readText(path: string): string | undefined;
  uriOf(path: string): string;
}

export interface TestItemInfo {
  readonly id: string;
  readonly label: string;
  readonly range: Range;
  /** The config file the test runs on (URI), if named. */
  readonly config?: string;
}

export interface TestFileInfo {
  readonly tests: readonly TestItemInfo[];
  /** The configurations the file names (URIs). */
  readonly configs: readonly string[];
  readonly diagnostics: readonly Diagnostic[];
}

export interface TestResultInfo {
  readonly id: string;
  readonly status: TestResult['status'];
  readonly actual: string;
  /** A one-line summary (`expected static /a, got proxy 127.0.0.1:8000`). */
  readonly message: string;
  readonly failures: readonly { readonly expected: string; readonly actual: string; readonly range: Range }[];
  readonly reason?: string;
  /** The directive that decided the outcome. */
  readonly decidedBy?: { readonly uri: string; readonly range: Range; readonly key: string };
  /** The readable simulation (as lighttpd-lint simulate prints it). */
  readonly detail?: string;
}

const rangeOf = (s: Span): Range => ({
  start: { line: s.line, character: s.start },
  end: { line: s.line, character: s.end },
});

function testRange(t: TestCase, text: string): Range {
  const lines = text.split('\n');
  return {
    start: { line: t.span.line, character: 0 },
    end: { line: t.endLine, character: (lines[t.endLine] ?? '').replace(/\r$/, '').length },
  };
}

export function testFileInfo(path: string, text: string, env: TestEnv, parsed = parseTestFile(text)): TestFileInfo {
  const diagnostics: Diagnostic[] = parsed.problems.map((p) => ({
    range: rangeOf(p.span),
    severity: p.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    code: p.code,
    source: 'lighttpd-test',
    message: p.message,
  }));
  const configs: string[] = [];
  for (const c of parsed.configs) {
    const abs = configPathOf(path, c);
    if (!env.exists(abs))
      diagnostics.push({
        range: rangeOf(c.span),
        severity: DiagnosticSeverity.Error,
        code: 'test-config-missing',
        source: 'lighttpd-test',
        message: `the configuration ${c.path} does not exist (${abs}); config is relative to this file`,
      });
    else configs.push(env.uriOf(abs));
  }
  return {
    tests: parsed.tests.map((t) => ({
      id: t.id,
      label: t.name,
      range: testRange(t, text),
      ...(t.config ? { config: env.uriOf(configPathOf(path, t.config)) } : {}),
    })),
    configs,
    diagnostics,
  };
}

function locationOf(env: TestEnv, file: string, offset: number): Range | undefined {
  const text = env.readText(file);
  if (text === undefined) return undefined;
  const pos = positionsOf(text)(offset);
  const lineEnd = text.indexOf('\n', offset);
  return { start: pos, end: positionsOf(text)(lineEnd < 0 ? text.length : lineEnd) };
}

function lineOfFn(env: TestEnv) {
  const memo = new Map<string, ((o: number) => number) | undefined>();
  return (file: string, offset: number) => {
    if (!memo.has(file)) {
      const t = env.readText(file);
      memo.set(file, t === undefined ? undefined : lineIndex(t));
    }
    return memo.get(file)?.(offset);
  };
}

function resultInfo(r: TestResult, env: TestEnv, withDetail: boolean): TestResultInfo {
  const d = r.decidedBy;
  const where = d ? locationOf(env, d.file, d.offset) : undefined;
  const first = r.failures[0];
  const message =
    r.status === 'pass'
      ? `passed: ${r.actual}`
      : r.status === 'fail'
        ? `expected ${first.expected}, got ${first.actual}`
        : r.status === 'unknown'
          ? `unknown: ${r.reason ?? ''}`
          : `error: ${r.reason ?? ''}`;
  return {
    id: r.test.id,
    status: r.status,
    actual: r.actual,
    message,
    failures: r.failures.map((f) => ({ expected: f.expected, actual: f.actual, range: rangeOf(f.expectation.span) })),
    ...(r.reason ? { reason: r.reason } : {}),
    ...(d && where ? { decidedBy: { uri: env.uriOf(d.file), range: where, key: d.key } } : {}),
    ...(withDetail && r.simulation
      ? {
          detail: formatSimulation(r.simulation, lineOfFn(env), {
            title: `${r.test.name}  (${r.status})`,
            relative: (f) => basename(f),
          }),
        }
      : {}),
  };
}

/** Runs the tests of a document (those with the given ids; all when absent). */
export function runTestFile(
  path: string,
  text: string,
  env: TestEnv,
  ids?: readonly string[],
  parsed = parseTestFile(text),
): TestResultInfo[] {
  const wanted = ids ? new Set(ids) : undefined;
  const loaded = new Map<string, ReturnType<TestEnv['load']>>();
  const out: TestResultInfo[] = [];
  for (const t of parsed.tests) {
    if (wanted && !wanted.has(t.id)) continue;
    if (!t.config) {
      out.push({
        id: t.id,
        status: 'error',
        actual: '',
        message: 'error: no config PATH before this test',
        failures: [],
        reason: 'no config PATH before this test',
      });
      continue;
    }
    const abs = configPathOf(path, t.config);
    let cfg = loaded.get(abs);
    if (!cfg) {
      cfg = env.exists(abs) ? env.load(abs) : { error: `config ${t.config.path}: no such file (${abs})` };
      loaded.set(abs, cfg);
    }
    if ('error' in cfg) {
      out.push({
        id: t.id,
        status: 'error',
        actual: '',
        message: `error: ${cfg.error}`,
        failures: [],
        reason: cfg.error,
      });
      continue;
    }
    out.push(resultInfo(runTest(t, cfg.evaluation), env, false));
  }
  return out;
}

function testAt(parsed: ParsedTestFile, line: number): TestCase | undefined {
  return parsed.tests.find((t) => t.span.line <= line && line <= t.endLine);
}

/** Hover over a test: its simulated result. */
export function testHover(path: string, text: string, position: Position, env: TestEnv): Hover | null {
  const parsed = parseTestFile(text);
  const t = testAt(parsed, position.line);
  if (!t || !t.config) return null;
  const abs = configPathOf(path, t.config);
  const cfg = env.exists(abs) ? env.load(abs) : { error: `config ${t.config.path}: no such file` };
  if ('error' in cfg) return { contents: { kind: MarkupKind.Markdown, value: `**${cfg.error}**` } };
  const r = resultInfo(runTest(t, cfg.evaluation), env, true);
  const mark = { pass: '✔ passes', fail: '✘ fails', unknown: '? unknown', error: '! error' }[r.status];
  const lines = [`**${mark}**: ${r.status === 'pass' ? '`' + r.actual + '`' : r.message.replace(/`/g, "'")}`];
  if (r.decidedBy)
    lines.push(
      '',
      `decided by \`${r.decidedBy.key}\` (${basename(r.decidedBy.uri)}:${r.decidedBy.range.start.line + 1})`,
    );
  lines.push('', '```text', (r.detail ?? '').replace(/```/g, "'''").trimEnd(), '```');
  return { contents: { kind: MarkupKind.Markdown, value: lines.join('\n') }, range: testRange(t, text) };
}

const KEYWORD_DOCS: Record<string, string> = {
  config: 'config PATH — the configuration the following tests run on (relative to this file)',
  version: 'version 1.4.N — the lighttpd release to simulate',
  '->': '-> OUTCOME — static PATH, proxy|fastcgi|scgi BACKEND or a status',
  header: 'header NAME: VALUE — a response header the configuration sets',
  set: 'set KEY = VALUE — an effective setting for this request',
  block: 'block CONDITION — a block that matched',
  'not block': 'not block CONDITION — a block that did not match',
  rewrite: 'rewrite /TARGET — the URL after url.rewrite*',
  static: 'static PATH — served from the document root or an alias',
  proxy: 'proxy HOST:PORT — mod_proxy',
  fastcgi: 'fastcgi BACKEND — mod_fastcgi (host:port, socket or bin-path)',
  scgi: 'scgi BACKEND — mod_scgi',
};

function word(label: string, kind: CompletionItemKind, detail?: string): CompletionItem {
  return { label, kind, ...((detail ?? KEYWORD_DOCS[label]) ? { detail: detail ?? KEYWORD_DOCS[label] } : {}) };
}

/** Completion in a test file: keywords, handler words, and what the configuration mentions. */
export function testCompletion(path: string, text: string, position: Position, env: TestEnv): CompletionItem[] {
  const lines = text.split('\n');
  const line = (lines[position.line] ?? '').replace(/\r$/, '');
  const before = line.slice(0, position.character);
  const parsed = parseTestFile(text);
  // The config in force at this line.
  const ref = [...parsed.configs].reverse().find((c) => c.span.line < position.line);
  let ev: Evaluation | undefined;
  const evaluation = () => {
    if (ev || !ref) return ev;
    const abs = configPathOf(path, ref);
    const r = env.exists(abs) ? env.load(abs) : undefined;
    ev = r && 'evaluation' in r ? r.evaluation : undefined;
    return ev;
  };
  const indented = /^[ \t]/.test(line);
  const arrow = before.lastIndexOf('->');
  if (arrow >= 0) {
    const after = before.slice(arrow + 2);
    const m = /^\s*(proxy|fastcgi|scgi)\s+\S*$/.exec(after);
    if (m) return backends(evaluation(), m[1]);
    if (/^\s*\S*$/.test(after))
      return [
        ...OUTCOME_WORDS.map((w) => word(w, CompletionItemKind.Keyword)),
        ...['200', '301', '302', '308', '400', '401', '403', '404', '500'].map((s) =>
          word(s, CompletionItemKind.Value, 'a status (a redirect takes its Location after it)'),
        ),
      ];
    return [];
  }
  if (indented) {
    const m = /^\s*(not\s+block|block|set)\s+(.*)$/.exec(before);
    if (m) {
      const e = evaluation();
      if (!e) return [];
      if (m[1] === 'set') {
        const keys = new Set<string>();
        for (const s of [e.global, ...e.conditions.map((c) => c.scope)])
          for (const k of s.vars.keys()) if (!k.startsWith('var.') && !k.startsWith('env.')) keys.add(k.toLowerCase());
        return [...keys].sort().map((k) => ({ label: k, kind: CompletionItemKind.Property, insertText: `${k} = ` }));
      }
      return buildContexts(e, DEFAULT_TEST_VERSION).contexts.map((c) => ({
        label: c.condition,
        kind: CompletionItemKind.Reference,
        detail: `block ${c.index}`,
      }));
    }
    if (/^\s*\S*$/.test(before))
      return ['->', 'header', 'set', 'block', 'not block', 'rewrite'].map((w) => word(w, CompletionItemKind.Keyword));
    return [];
  }
  if (/^\S*$/.test(before))
    return [
      ...['config', 'version'].map((w) => word(w, CompletionItemKind.Keyword)),
      ...METHODS.map((m) => word(m, CompletionItemKind.Method, 'a request: METHOD URL -> OUTCOME')),
    ];
  if (/^config\s+\S*$/.test(before)) return configFiles(path, env);
  if (/^[A-Z]+\s+\S*$/.test(before)) {
    const e = evaluation();
    if (!e) return [];
    const urls = new Set<string>();
    for (const r of representativeRequests(e, { max: 200 }))
      urls.add(
        formatRequest({ ...r.request, method: '', remoteIp: '127.0.0.1', socket: undefined, headers: [] }).trim(),
      );
    return [...urls].map((u, i) => ({
      label: u,
      kind: CompletionItemKind.Value,
      detail: 'a host and path the configuration mentions',
      sortText: String(i).padStart(4, '0'),
    }));
  }
  if (/^[A-Z]+\s+\S+(\s+\S+)*\s+\S*$/.test(before) && !/\s(from|on|-H)\s+\S*$/.test(before))
    return [
      word('->', CompletionItemKind.Keyword),
      word('from', CompletionItemKind.Keyword, 'from IP — the client address'),
      word('on', CompletionItemKind.Keyword, 'on SOCKET — the server socket ($SERVER["socket"]), e.g. :443'),
      word('-H', CompletionItemKind.Keyword, '-H "Name: value" — a request header'),
    ];
  return [];
}

function backends(e: Evaluation | undefined, module: string): CompletionItem[] {
  if (!e) return [];
  const key = `${module}.server`;
  const out = new Set<string>();
  for (const s of [e.global, ...e.conditions.map((c) => c.scope)])
    for (const [k, v] of s.vars) {
      if (k.toLowerCase() !== key || v.type !== 'array') continue;
      for (const ext of v.elements)
        if (ext.value.type === 'array')
          for (const h of ext.value.elements) {
            if (h.value.type !== 'array') continue;
            const f = (n: string) => {
              const x = h.value.type === 'array' ? h.value.elements.find((y) => y.key?.toLowerCase() === n) : undefined;
              return x?.value.type === 'string'
                ? x.value.value
                : x?.value.type === 'integer'
                  ? String(x.value.value)
                  : undefined;
            };
            const b =
              f('socket') ??
              (f('host') !== undefined || f('port') !== undefined
                ? `${f('host') ?? ''}:${f('port') ?? ''}`
                : f('bin-path'));
            if (b) out.add(b);
          }
    }
  return [...out].map((b) => ({ label: b, kind: CompletionItemKind.Value, detail: `a ${key} backend` }));
}

function configFiles(path: string, env: TestEnv & { list?: (dir: string) => string[] | undefined }): CompletionItem[] {
  const names = env.list?.(dirname(path)) ?? [];
  return names.filter((n) => n.endsWith('.conf')).map((n) => ({ label: n, kind: CompletionItemKind.File }));
}

/** The starter test file for a configuration, the config named relative to `testPath`. */
export function generateTests(
  configPath: string,
  testPath: string,
  env: TestEnv,
  version = DEFAULT_TEST_VERSION,
): string | { error: string } {
  const r = env.load(configPath);
  if ('error' in r) return r;
  const rel = relativePath(dirname(testPath), configPath);
  const lineOf = lineOfFn(env);
  return initTestFile(r.evaluation, {
    configPath: rel,
    version,
    where: (f, o) => {
      const l = lineOf(f, o);
      return l ? `${basename(f)}:${l}` : basename(f);
    },
  });
}

/** A path relative to a folder (both absolute, '/'-separated). */
export function relativePath(fromDir: string, to: string): string {
  const a = fromDir.split('/').filter(Boolean);
  const b = to.split('/').filter(Boolean);
  let i = 0;
  while (i < a.length && i < b.length - 1 && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => '..'), ...b.slice(i)].join('/') || basename(to);
}

/** The routing diff of a configuration against an earlier text of its main file. */
export function routeDiff(before: Evaluation, after: Evaluation, name: string, version = DEFAULT_TEST_VERSION) {
  const d = diffRouting(before, after, { version });
  return {
    changes: d.changes.length,
    requests: d.requests,
    text: formatRoutingDiff(d, `${name} (last commit)`, `${name} (working tree)`),
  };
}
