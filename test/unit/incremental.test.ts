/**
 * Incremental re-parse must give exactly the tree a full parse gives, for any edit.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from '../../server/src/parser';
import { reparse } from '../../server/src/parser/incremental';
import { CORPUS_AVAILABLE, NO_CORPUS, corpusEntries, readCorpusFile } from '../helpers/corpus';
import { REPO_ROOT } from '../helpers/corpus';
import { join } from 'node:path';
import { rng } from '../helpers/random';

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
  ';',
  '=>',
  '\\',
  '1',
  'server.port = 80\n',
  '[',
  ']',
];

function mutate(text: string, r: () => number): string {
  const at = Math.floor(r() * (text.length + 1));
  const kind = r();
  if (kind < 0.4) return text.slice(0, at) + SNIPPETS[Math.floor(r() * SNIPPETS.length)] + text.slice(at);
  if (kind < 0.8) return text.slice(0, at) + text.slice(at + 1 + Math.floor(r() * 3));
  return text.slice(0, at) + SNIPPETS[Math.floor(r() * SNIPPETS.length)] + text.slice(at + 1);
}

function check(base: string, seed: number, edits: number): void {
  const r = rng(seed);
  let text = base;
  let file = parse(text);
  for (let i = 0; i < edits; i++) {
    const next = mutate(text, r);
    const inc = reparse({ text, file }, next);
    const full = parse(next);
    assert.deepEqual(inc, full, `edit ${i} (seed ${seed}) diverges`);
    text = next;
    file = inc;
  }
}

describe('incremental re-parse equals a full parse', () => {
  test('typing into a seed config, character by character', () => {
    const base = readFileSync(join(REPO_ROOT, 'test/fixtures/seed/proxy-app.conf'), 'utf8');
    let text = '';
    let file = parse(text);
    for (const ch of base) {
      const next = text + ch;
      file = reparse({ text, file }, next);
      text = next;
    }
    assert.deepEqual(file, parse(base));
  });
  test('random edits to the seed configs', () => {
    for (const name of ['proxy-app.conf', 'scgi-app.conf']) {
      const base = readFileSync(join(REPO_ROOT, 'test/fixtures/seed', name), 'utf8');
      for (let seed = 1; seed <= 15; seed++) check(base, seed, 25);
    }
  });
  test('random edits to corpus files', { skip: CORPUS_AVAILABLE ? undefined : NO_CORPUS }, () => {
    const files = corpusEntries()
      .filter((e) => !e.file.includes('mime'))
      .slice(0, 40);
    let seed = 100;
    for (const e of files) check(readCorpusFile(e.path), seed++, 12);
  });
  test('an edit in the middle of a large file reuses the statements around it', () => {
    const base = Array.from(
      { length: 400 },
      (_, i) => `$HTTP["host"] == "h${i}" {\n  server.document-root = "/srv/${i}"\n}\n`,
    ).join('');
    const file = parse(base);
    const at = base.indexOf('"/srv/200"') + 3;
    const next = base.slice(0, at) + 'x' + base.slice(at);
    const inc = reparse({ text: base, file }, next);
    assert.deepEqual(inc, parse(next));
    assert.equal(inc.statements[0], file.statements[0], 'statements before the edit are the same objects');
  });
  test('a list left open by a broken statement and closed in a later one: the whole file is parsed again', () => {
    // Found by the fuzzer (seed 3808375706, iteration 50060): the tokenizer hides line ends until the list
    // closes, so the line boundary before `server.http-parseopt-host-strict` is not a neutral cut.
    const base = JSON.parse(
      String.raw`"$T[\"\"]=\"\"{$R[\"\"]=\"\"{}$\"\"{(\"\")(\"\"(\"\"\"\"\"\")\"\"(\"\")\"\"}d\"\"=(\"\")global{u= $\"\"\"\"{}}}#\nserver.http-parseopt-host-strict\n=(\"\")\n\"\")"`,
    ) as string;
    const file = parse(base);
    assert.equal(file.listsCrossStatements, true);
    const at = base.indexOf('server.http');
    const next = base.slice(0, at) + 'x' + base.slice(at);
    assert.deepEqual(reparse({ text: base, file }, next), parse(next));
  });
  test('at the cap on problems the whole file is parsed again (which problems are kept depends on all of it)', () => {
    const base = 'x = 1 2\n'.repeat(1200);
    const file = parse(base);
    assert.equal(file.problems.length, 1000);
    const next = 'y = 3 4\n' + base.slice(8);
    assert.deepEqual(reparse({ text: base, file }, next), parse(next));
    const small = 'x = 1 2\n'.repeat(999);
    const grown = small + 'y = 3 4\nz = 5 6\n';
    assert.deepEqual(reparse({ text: small, file: parse(small) }, grown), parse(grown));
  });
});
