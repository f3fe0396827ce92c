/**
 * The hand-written scanner (parser/lexer.ts scan) must produce exactly the tokens, comments and errors of
 * Chevrotain's generic Lexer over the token definitions of parser/tokens.ts, which stays the reference.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Lexer, type IToken } from 'chevrotain';
import { scan } from '../../server/src/parser/lexer';
import * as T from '../../server/src/parser/tokens';
import { CORPUS_AVAILABLE, NO_CORPUS, REPO_ROOT, corpusEntries, readCorpusFile } from '../helpers/corpus';
import { rng } from '../helpers/random';

const reference = new Lexer(T.allTokens, { positionTracking: 'onlyOffset', ensureOptimizations: false, skipValidations: true });

const view = (ts: readonly IToken[]) => ts.map((t) => `${t.tokenType.name}@${t.startOffset}:${JSON.stringify(t.image)}`);

function same(text: string, what: string): void {
  const want = reference.tokenize(text);
  const got = scan(text);
  assert.deepEqual(view(got.tokens), view(want.tokens), `${what}: tokens`);
  assert.deepEqual(view(got.comments), view(want.groups.comments ?? []), `${what}: comments`);
  assert.deepEqual(got.errors.map((e) => [e.offset, e.length]), want.errors.map((e) => [e.offset, e.length]), `${what}: errors`);
  // Same token objects as Chevrotain's (the parser reads tokenTypeIdx).
  for (let i = 0; i < got.tokens.length; i++) assert.equal(got.tokens[i].tokenTypeIdx, want.tokens[i].tokenTypeIdx);
}


const PIECES = [
  ' ', '\t', '\u00a0', '\n', '\r', '\r\n', '#', '"', '\\', '\\"', '=', '+', ':', '!', '~', '^', '$', '>', ',', ';', '(', ')',
  '{', '}', '[', ']', '.', '-', '_', '0', '42', 'a', 'Z', 'include', 'include_shell', 'includes', 'global', 'else', 'elseif',
  'elsif', 'elif', 'if', 'iff', 'x.y', '@', '%', '/', '*', '?', '|', '`', "'", 'é', '\u2028', '😀', '\u0001', 'server.port',
];

describe('hand-written scanner equals Chevrotain\'s lexer', () => {
  test('every piece alone and in pairs', () => {
    for (const a of PIECES) {
      same(a, JSON.stringify(a));
      for (const b of PIECES) same(a + b, JSON.stringify(a + b));
    }
  });
  test('random texts', () => {
    const r = rng(8);
    for (let k = 0; k < 3000; k++) {
      let text = '';
      const len = 1 + Math.floor(r() * 30);
      for (let i = 0; i < len; i++) text += PIECES[Math.floor(r() * PIECES.length)];
      same(text, `random text ${k} ${JSON.stringify(text)}`);
    }
  });
  test('seed configs', () => {
    for (const name of ['proxy-app.conf', 'scgi-app.conf']) same(readFileSync(join(REPO_ROOT, 'test/fixtures/seed', name), 'utf8'), name);
  });
  test('corpus files', { skip: CORPUS_AVAILABLE ? undefined : NO_CORPUS }, () => {
    let n = 0;
    for (const e of corpusEntries()) {
      same(readCorpusFile(e.path), e.file);
      n++;
    }
    assert.ok(n > 0);
  });
});
