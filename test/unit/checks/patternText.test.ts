// features/checks/security/patternText.ts: the one walk over a pattern's syntax characters.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { forEachSyntaxChar, opensCapture } from '../../../server/src/features/checks/security/patternText';

const syntax = (p: string) => {
  const out: string[] = [];
  forEachSyntaxChar(p, (c) => void out.push(c));
  return out.join('');
};

test('escapes and classes are stepped over, a leading ] is a class member', () => {
  assert.equal(syntax('^a\\.b(c|d)$'), '^ab(c|d)$');
  assert.equal(syntax('[]|(]x|y'), 'x|y');
  assert.equal(syntax('[^]|]z'), 'z');
  assert.equal(syntax('\\(a\\)|(b)'), 'a|(b)');
});

test('the walk stops when the visitor says so', () => {
  let seen = 0;
  forEachSyntaxChar('abc', () => ++seen === 2);
  assert.equal(seen, 2);
});

test('capturing groups: plain and named, not (?: or lookarounds', () => {
  assert.deepEqual(
    ['(a)', '(?<n>a)', '(?P<n>a)', '(?:a)', '(?=a)', '(?<=a)'].map((p) => opensCapture(p, 0)),
    [true, true, true, false, false, false],
  );
});
