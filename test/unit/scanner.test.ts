// parser/scanner.ts against Chevrotain's own Lexer built from the same token definitions (tokens.ts):
// the same tokens (type, image, offset), comments and error runs, on every corpus file, the project's
// fixtures, hand-picked edge cases and random input.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Lexer, type IToken } from 'chevrotain';
import { scan } from '../../server/src/parser/scanner';
import * as T from '../../server/src/parser/tokens';
import { CORPUS_AVAILABLE, NO_CORPUS, REPO_ROOT, corpusEntries, readCorpusFile } from '../helpers/corpus';
import { rng } from '../helpers/random';

const reference = new Lexer(T.allTokens, { positionTracking: 'onlyOffset', ensureOptimizations: false });

function shape(ts: readonly IToken[]) {
  return ts.map((t) => `${t.tokenType.name}@${t.startOffset}:${JSON.stringify(t.image)}`);
}

function same(text: string, label: string): void {
  const ours = scan(text);
  const ref = reference.tokenize(text);
  assert.deepEqual(shape(ours.tokens), shape(ref.tokens), `${label}: tokens`);
  assert.deepEqual(shape(ours.comments), shape(ref.groups.comments ?? []), `${label}: comments`);
  assert.deepEqual(
    ours.errors.map((e) => [e.offset, e.length]),
    ref.errors.map((e) => [e.offset, e.length]),
    `${label}: errors`,
  );
  for (const t of ours.tokens) assert.equal(t.tokenTypeIdx, t.tokenType.tokenTypeIdx);
}

describe('scanner = Chevrotain lexer over tokens.ts', () => {
  test('edge cases', () => {
    const cases = [
      '',
      'a = 1',
      'include "x"\ninclude_shell "y"\nincludes = 1\ninclude_shellx = 2',
      'else elif elsif elseif elsewhere if ifx global globals',
      '9include 80a -1 .x _y a.b-c',
      '"abc" "a\\"b" "a\\b" "abc\\" "\n"x\r\ny"',
      '"unterminated\nnext line',
      '"a\\"',
      '= == =~ =^ =$ => != !~ !^ !$ ! !x : := :x + += , ; ( ) { } [ ] $',
      '# comment\r\n#\r\r\n\n',
      ' \t\u00a0 x\u00a0=\u00a01',
      '@@@ %%% \u00e9\u4e2d\ud83d\ude00 a',
      '!!!= ::= ::',
      '$HTTP["host"] =~ "^(www\\.)?example\\.org$" {\n  url.redirect = ( "^/(.*)" => "/x/$1" )\n}\n',
    ];
    for (const c of cases) same(c, JSON.stringify(c));
  });

  test('random input from the characters tokens start with', () => {
    const alphabet = [...'aeil f_.-09"\\#=~^$!:+,;(){}[]@%\t\n\r\u00a0'];
    const words = ['include', 'include_shell', 'else', 'elif', 'if', 'global', '"', '\\"', '=>', '\r\n'];
    const r = rng(20261202);
    for (let k = 0; k < 3000; k++) {
      let s = '';
      const len = Math.floor(r() * 60);
      for (let i = 0; i < len; i++)
        s += r() < 0.2 ? words[Math.floor(r() * words.length)] : alphabet[Math.floor(r() * alphabet.length)];
      same(s, `random #${k} ${JSON.stringify(s)}`);
    }
  });

  test('random bytes', () => {
    const r = rng(7);
    for (let k = 0; k < 500; k++) {
      let s = '';
      const len = Math.floor(r() * 200);
      for (let i = 0; i < len; i++) s += String.fromCharCode(Math.floor(r() * 256));
      same(s, `bytes #${k}`);
    }
  });

  test("the project's fixtures", () => {
    const files: string[] = [];
    const walk = (d: string) => {
      for (const n of readdirSync(d)) {
        const p = join(d, n);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.conf$/.test(n)) files.push(p);
      }
    };
    walk(join(REPO_ROOT, 'test'));
    assert.ok(files.length > 0);
    for (const f of files) same(readFileSync(f, 'utf8'), f);
  });

  test('every corpus file', { skip: !CORPUS_AVAILABLE && NO_CORPUS }, () => {
    const entries = corpusEntries();
    assert.ok(entries.length > 0);
    for (const e of entries) same(readCorpusFile(e.path), e.file);
  });
});
