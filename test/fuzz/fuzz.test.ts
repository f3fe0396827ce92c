/**
 * Property tests with a fixed seed and a small count (the long runs are `npm run fuzz`). Every input goes
 * through the parser, the evaluator and every language-service method (properties.ts); a failure names
 * the iteration to replay with `npm run fuzz -- --seed 20260101 --only N`.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService } from '../../server/src/service';
import { CORPUS_AVAILABLE, NO_CORPUS } from '../helpers/corpus';
import { checkPreserved, checkResult, Harness, SURFACE } from './properties';
import { loadCorpus, runFuzz, type FailureReport } from './runner';
import { Rng } from './rng';
import { pieces } from './generate';

const SEED = 20260101;
const corpus = loadCorpus();

function describeFailures(failures: readonly FailureReport[]): string {
  return failures
    .slice(0, 5)
    .map(
      (f) =>
        `iteration ${f.iteration} (${f.generator}, ${f.mode}; replay: npm run fuzz -- --seed ${SEED} --only ${f.iteration}):\n  ${f.failures
          .slice(0, 3)
          .map((x) => `${x.property}: ${x.detail}`)
          .join('\n  ')}`,
    )
    .join('\n');
}

describe('fuzz (fixed seed)', () => {
  test('every language-service method is exercised by the fuzzer', () => {
    const svc = getLanguageService() as unknown as Record<string, unknown>;
    const methods = Object.keys(svc).filter((k) => typeof svc[k] === 'function');
    const missing = methods.filter((m) => !(m in SURFACE));
    assert.deepEqual(missing, [], `add these methods to SURFACE in test/fuzz/properties.ts: ${missing.join(', ')}`);
  });

  for (const [name, generators, count] of [
    ['random bytes', [[1, 'bytes']], 120],
    ['random tokens', [[1, 'tokens']], 120],
    ['random configs from the grammar', [[1, 'grammar']], 120],
  ] as const) {
    test(`${name}: no exception, ranges inside the document, formatting idempotent and lossless`, () => {
      const result = runFuzz({ seed: SEED, count, corpus, generators });
      assert.equal(result.iterations, count);
      assert.deepEqual(
        result.failures.map((f) => f.iteration),
        [],
        describeFailures(result.failures),
      );
    });
  }

  test('grammar-aware mutations of the corpus', { skip: CORPUS_AVAILABLE ? undefined : NO_CORPUS }, () => {
    const result = runFuzz({ seed: SEED, first: 1000, count: 200, corpus, generators: [[1, 'mutation']] });
    assert.equal(result.iterations, 200);
    assert.deepEqual(
      result.failures.map((f) => f.iteration),
      [],
      describeFailures(result.failures),
    );
  });

  test('the mutator keeps the text it does not touch: pieces join back to the input', () => {
    for (const f of corpus.length ? corpus : [{ name: 'x', text: 'a = "b" # c\r\n$HTTP["host"] =~ "x" {\n}\n' }]) {
      assert.equal(pieces(f.text).join(''), f.text, f.name);
    }
  });

  test('the properties can fail: ranges outside the document, a symbol range not containing its name, a dropped comment or value', () => {
    const doc = TextDocument.create('untitled:x', 'lighttpd', 1, 'a = 1 # one\n');
    const found: string[] = [];
    const fail = (property: string) => found.push(property);
    const range = (l1: number, c1: number, l2: number, c2: number) => ({
      start: { line: l1, character: c1 },
      end: { line: l2, character: c2 },
    });
    checkResult(doc, 'inside', [{ range: range(0, 0, 0, 11) }, { range: range(1, 0, 1, 0) }], fail);
    assert.deepEqual(found, []);
    checkResult(doc, 'past the line', { range: range(0, 0, 0, 12) }, fail);
    checkResult(doc, 'past the end', [{ range: range(2, 0, 2, 0) }], fail);
    checkResult(doc, 'reversed', { range: range(0, 3, 0, 1) }, fail);
    checkResult(doc, 'symbol', { range: range(0, 0, 0, 1), selectionRange: range(0, 0, 0, 5) }, fail);
    checkResult(doc, 'folding', { startLine: 0, endLine: 2 }, fail);
    checkResult(doc, 'other file', { uri: 'file:///other.conf', range: range(9, 0, 9, 1) }, fail);
    assert.deepEqual(found, [
      'range-inside-document',
      'range-inside-document',
      'range-inside-document',
      'range-inside-document',
      'range-inside-document',
    ]);
    found.length = 0;
    checkPreserved('a = 1 # one\n', 'a = 1\n', 'format', fail);
    checkPreserved('a = 1 # one\n', 'a = 2 # one\n', 'format', fail);
    checkPreserved('a = 1 # one\n', 'a   =   1    # one\n', 'format', fail);
    assert.deepEqual(found, ['format-keeps-comments', 'format-keeps-values']);
    // And the harness reports nothing on a plain valid config.
    assert.deepEqual(
      new Harness([]).check('server.document-root = "/srv"\nserver.port = 80\n', new Rng(1), 'standalone').failures,
      [],
    );
  });
});
