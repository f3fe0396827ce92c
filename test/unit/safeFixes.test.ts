// The safe-fix engine behind lighttpd-lint --fix (features/codeActions/safeFixes.ts), with checks made up
// for the test: what is taken per round, when it stops, and what it refuses to keep.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-types';
import { applyFixes, fixUntilClean, safeFixesOf } from '../../server/src/features/codeActions/safeFixes';
import type { FixData } from '../../server/src/features/diagnostics/diagnostics';

const at = (line: number, a: number, b: number) => ({ start: { line, character: a }, end: { line, character: b } });
const diag = (code: string, fixes: FixData[]): Diagnostic => ({
  range: at(0, 0, 1),
  message: code,
  code,
  data: { fixes },
});
const replace = (title: string, line: number, a: number, b: number, newText: string, safe = true): FixData => ({
  title,
  edits: [{ range: at(line, a, b), newText }],
  ...(safe ? { safe } : {}),
});

test('only fixes marked safe are taken, the first safe one of each diagnostic, a shared one once', () => {
  const shared = replace('shared', 0, 0, 1, 'X');
  const fixes = safeFixesOf([
    diag('a', [
      replace('unsafe', 0, 0, 1, 'U', false),
      replace('first safe', 1, 0, 1, 'S'),
      replace('second', 1, 0, 1, 'T'),
    ]),
    diag('b', [shared]),
    diag('c', [shared]),
    diag('d', [replace('not safe', 2, 0, 1, 'N', false)]),
  ]);
  assert.deepEqual(
    fixes.map((f) => [f.diagnostic.code, f.fix.title]),
    [
      ['a', 'first safe'],
      ['b', 'shared'],
    ],
  );
});

test('overlapping edits: the first is taken, the other waits; inserted line breaks follow the file', () => {
  const d = (title: string, a: number, b: number, t: string) => ({
    fix: replace(title, 0, a, b, t),
    diagnostic: diag(title, []),
  });
  const r = applyFixes('abcdef\r\nghi', [d('one', 0, 2, 'X\nY'), d('two', 1, 3, 'Z'), d('three', 4, 4, '+')]);
  assert.equal(r.text, 'X\r\nYcd+ef\r\nghi');
  assert.deepEqual(
    r.taken.map((t) => t.fix.title),
    ['one', 'three'],
  );
});

test('rounds go on until no safe fix is left; fixes that undo each other stop', async () => {
  // Each round: a safe fix appends one "!" until there are three.
  const grow = await fixUntilClean(
    new Map([['/a', 'x = 1\n']]),
    async (texts) => {
      const t = texts.get('/a')!;
      const n = (t.match(/!/g) ?? []).length;
      return new Map([['/a', n < 3 ? [diag('grow', [replace('add !', 0, 0, 0, '#!')])] : []]]);
    },
    async () => undefined,
  );
  assert.equal(grow.texts.get('/a'), '#!#!#!x = 1\n');
  assert.equal(grow.rounds, 3);
  assert.equal(grow.applied.length, 3);
  // A flips to B, B back to A: stopped after the state repeats.
  const flip = await fixUntilClean(
    new Map([['/b', 'A\n']]),
    async (texts) =>
      new Map([['/b', [diag('flip', [replace('flip', 0, 0, 1, texts.get('/b')![0] === 'A' ? 'B' : 'A')])]]]),
    async () => undefined,
  );
  assert.ok(flip.rounds <= 3, String(flip.rounds));
});

test('a file whose fixed text has more syntax errors than before is not kept; files read on demand', async () => {
  const r = await fixUntilClean(
    new Map(),
    async (texts) =>
      new Map([
        ['/broken', texts.has('/broken') ? [] : [diag('bad', [replace('open a list', 0, 4, 4, '( ')])]],
        ['/fine', texts.has('/fine') ? [] : [diag('ok', [replace('rename', 0, 0, 1, 'y')])]],
      ]),
    async (path) => (path === '/broken' ? 'a = 1\n' : 'x = 1\n'),
  );
  assert.deepEqual([...r.texts], [['/fine', 'y = 1\n']]);
  assert.deepEqual([...r.refused], [['/broken', 'the fixed text would not parse as lighttpd reads it']]);
  assert.deepEqual(
    r.applied.map((a) => [a.path, a.code, a.title, a.line]),
    [['/fine', 'ok', 'rename', 1]],
  );
});
