/**
 * Real configs (../shared/corpus, labelled by real lighttpd in MANIFEST.tsv): every file lighttpd accepts
 * (valid, valid-as-fragment, valid-with-stubs) parses with zero syntax problems. condition.conf is labelled
 * invalid only because 1.4.69 predates its `if`/`elif` keywords (1.4.74+), so it must parse too.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from '../../server/src/parser';
import { CORPUS_AVAILABLE, NO_CORPUS, corpusEntries, readCorpusFile } from '../helpers/corpus';

describe('corpus parses without syntax problems', { skip: CORPUS_AVAILABLE ? undefined : NO_CORPUS }, () => {
  const entries = corpusEntries();
  test('the manifest lists the files', () => assert.ok(entries.length >= 50, `${entries.length} entries`));
  for (const e of entries) {
    const expectClean = e.verdict !== 'invalid' || e.file === 'upstream/tests/condition.conf';
    if (!expectClean) continue;
    test(e.file, () => {
      const text = readCorpusFile(e.path);
      const f = parse(text);
      const problems = f.problems.map((p) => `${p.code} @${p.start}: ${JSON.stringify(text.slice(p.start, p.end))}`);
      assert.deepEqual(problems, []);
      assert.ok(
        f.statements.length > 0 || !/^\s*[A-Za-z$]/m.test(text.replace(/#.*$/gm, '')),
        'statements were parsed',
      );
    });
  }
});
