/**
 * Replaying unchanged top-level statements from the previous evaluation's journal (analysis/evaluate.ts
 * `previous`) must give exactly what a fresh evaluation gives, after any edit.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, type ConfigFile } from '../../server/src/parser';
import { reparse } from '../../server/src/parser/incremental';
import { evaluate, type Evaluation } from '../../server/src/analysis/evaluate';
import { generateConfig } from '../../bench/generate';
import { CORPUS_AVAILABLE, NO_CORPUS, REPO_ROOT, corpusEntries, readCorpusFile } from '../helpers/corpus';

/** Small deterministic PRNG (mulberry32). */
function rng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Everything an evaluation says, with blocks by number and nodes by offset (comparable across runs). */
function summary(ev: Evaluation): unknown {
  const id = (s: { id: number } | undefined) => (s === undefined ? -1 : ev.scopes.indexOf(s as never));
  return {
    scopes: ev.scopes.map((s, i) => ({
      i,
      id: s.id,
      parent: id(s.parent),
      condition: s.condition,
      branch: s.branch?.start,
      head: s.head?.start,
      vars: [...s.vars],
      setAt: [...s.setAt].map(([k, a]) => [k, a.start, a.end]),
    })),
    global: id(ev.global),
    assignments: ev.assignments.map((a) => [a.node.start, a.node.end, a.path, id(a.scope), a.rhs, a.result]),
    conditions: ev.conditions.map((c) => [c.branch.start, c.path, id(c.scope), id(c.parent), c.field, c.value]),
    problems: ev.problems,
    unresolvedIncludes: ev.unresolvedIncludes.map((i) => i.start),
    includeShells: ev.includeShells.map((i) => i.start),
    includedPaths: [...ev.includedPaths],
  };
}

const SNIPPETS = [
  '"',
  '(',
  ')',
  '{',
  '}',
  ',',
  ' ',
  '\n',
  '#',
  'x',
  '=',
  ' = 1',
  '+',
  '"a"',
  '$HTTP["host"] == "a" {',
  'else',
  '=>',
  '1',
  'server.port = 80\n',
  'var.x = "v"\n',
  'y = var.x\n',
  'X += "w"\n',
  'a := a + a\n',
  'global { z = 1 }\n',
  '$HTTP["url"] =~ "q" { u = x }\n',
  '} else {',
  '} else $HTTP["url"] =~ "b" {',
  'include "none.conf"\n',
  'server.modules += ( "mod_proxy" )\n',
  'Var.X = 2\n',
];

function mutate(text: string, r: () => number): string {
  const at = Math.floor(r() * (text.length + 1));
  const kind = r();
  if (kind < 0.45) return text.slice(0, at) + SNIPPETS[Math.floor(r() * SNIPPETS.length)] + text.slice(at);
  if (kind < 0.8) return text.slice(0, at) + text.slice(at + 1 + Math.floor(r() * 3));
  return text.slice(0, at) + SNIPPETS[Math.floor(r() * SNIPPETS.length)] + text.slice(at + 1);
}

/** Edits `base` again and again; after each edit the replaying evaluation must equal a fresh one. */
function check(base: string, seed: number, edits: number): number {
  const r = rng(seed);
  let text = base;
  let file: ConfigFile = parse(text);
  let ev = evaluate(file, { journal: true, path: '/x.conf' });
  let replayed = 0;
  for (let i = 0; i < edits; i++) {
    const next = mutate(text, r);
    file = reparse({ text, file }, next);
    const fresh = summary(evaluate(file, { path: '/x.conf' }));
    const before = file.statements.length;
    ev = evaluate(file, { journal: true, previous: ev, path: '/x.conf' });
    assert.deepEqual(summary(ev), fresh, `edit ${i} (seed ${seed}): ${JSON.stringify(next.slice(0, 300))}`);
    replayed += before;
    text = next;
  }
  return replayed;
}

describe('evaluation replaying unchanged statements equals a fresh evaluation', () => {
  test('random edits of the seed configs', () => {
    for (const name of ['proxy-app.conf', 'scgi-app.conf']) {
      const base = readFileSync(join(REPO_ROOT, 'test/fixtures/seed', name), 'utf8');
      for (let seed = 1; seed <= 12; seed++) check(base, seed, 25);
    }
  });
  test('random edits of a generated config with shared variables, else chains and repeated conditions', () => {
    const extra =
      'var.basedir = "/other"\n$HTTP["host"] == "site1.example.com" {\n  server.document-root = basedir\n}\nglobal {\n  var.logdir = "/l"\n}\n';
    for (let seed = 20; seed < 26; seed++) check(generateConfig(200) + extra, seed, 30);
  });
  test('the same text again replays everything: the same records', () => {
    const text = generateConfig(300);
    const file = parse(text);
    const first = evaluate(file, { journal: true });
    const records = [...first.assignments];
    const second = evaluate(file, { journal: true, previous: first });
    assert.equal(second.assignments.length, records.length);
    assert.ok(
      second.assignments.every((a, i) => a === records[i]),
      'records reused',
    );
  });
  test('an edit in one block re-evaluates it alone', () => {
    const text = generateConfig(300);
    let file = parse(text);
    const first = evaluate(file, { journal: true });
    const records = new Set(first.assignments);
    const at = text.indexOf('/site5.example.com/public');
    const next = text.slice(0, at) + '/x' + text.slice(at);
    file = reparse({ text, file }, next);
    const second = evaluate(file, { journal: true, previous: first });
    const fresh = second.assignments.filter((a) => !records.has(a));
    assert.ok(fresh.length > 0 && fresh.length < 20, `${fresh.length} records evaluated again`);
    assert.ok(fresh.every((a) => a.node.start > at - 2000 && a.node.start < at + 2000));
  });
  test('edits that change what later statements read', () => {
    const base = [
      'var.x = "one"',
      'server.port = 80',
      '$HTTP["host"] == "a" {',
      '  server.document-root = var.x + "/a"',
      '}',
      'y = var.x',
      'global {',
      '  var.g = 1',
      '}',
      '$HTTP["host"] == "a" {',
      '  server.document-root = "/again"',
      '  z = var.g',
      '}',
      'server.modules = ( "mod_access" )',
      'w = undefined_name',
      '',
    ].join('\n');
    // [find, replace]: each applied alone to the base.
    const edits: [string, string][] = [
      ['"one"', '"two"'],
      ['"one"', '( "l" )'],
      ['var.x = "one"', 'var.x = "one"\nvar.x = "dup"'],
      ['var.x = "one"', 'VAR.X = "one"'],
      ['var.x = "one"\n', ''],
      ['server.port = 80', 'server.port = 80\nserver.port = 81'],
      ['server.port = 80', 'include_shell "echo"'],
      ['server.port = 80', 'include "missing.conf"'],
      ['server.port = 80', 'w = 1'],
      [
        '$HTTP["host"] == "a" {\n  server.document-root = var.x',
        '$HTTP["host"] == "b" {\n  server.document-root = var.x',
      ],
      ['var.g = 1', 'var.g = 2'],
      ['var.g = 1', 'var.x = 3'],
      ['global {', 'global {\n  y = 0'],
      ['y = var.x', 'y = var.x + "!"'],
      ['y = var.x', 'undefined_name = 5'],
      ['"/again"', '"/again" + var.x'],
      ['server.modules = ( "mod_access" )', 'server.modules = ( "mod_access" )\nserver.modules += ( "mod_access" )'],
    ];
    for (const [find, replace] of edits) {
      assert.ok(base.includes(find), find);
      const next = base.replace(find, replace);
      const first = parse(base);
      const ev = evaluate(first, { journal: true });
      const file = reparse({ text: base, file: first }, next);
      const fresh = summary(evaluate(file));
      assert.deepEqual(summary(evaluate(file, { journal: true, previous: ev })), fresh, `${find} -> ${replace}`);
      // And back.
      const back = reparse({ text: next, file }, base);
      const ev2 = evaluate(file, { journal: true, previous: evaluate(file, { journal: true }) });
      assert.deepEqual(
        summary(evaluate(back, { journal: true, previous: ev2 })),
        summary(evaluate(back)),
        `${replace} -> ${find}`,
      );
    }
  });
  test('corpus files: random edits', { skip: CORPUS_AVAILABLE ? undefined : NO_CORPUS }, () => {
    let seed = 300;
    for (const e of corpusEntries().slice(0, 40)) check(readCorpusFile(e.path), seed++, 10);
  });
});
