/**
 * The acceptance criterion on the real configs of ../shared/corpus: every file lighttpd accepts (MANIFEST
 * verdict "valid", labelled with lighttpd 1.4.69) gets no error-severity diagnostic, for the newest target
 * and for 1.4.69. module-not-loaded on a fragment whose parent config loads the module belongs to the
 * multi-file model and is left out here.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { CORPUS_AVAILABLE, NO_CORPUS, corpusEntries, readCorpusFile } from '../../helpers/corpus';
import { diagnosticsOf, docOf } from '../../helpers/diagnostics';

/** Errors that are right although lighttpd -t passes, with the reason. */
const EXPECTED: Readonly<Record<string, readonly string[]>> = {
  // A template naming the placeholder module "mod_Foo": -t does not load modules, but starting lighttpd
  // with it fails ("dlopen() failed", see the MANIFEST notes), so unknown-module is correct.
  'upstream/doc/config/conf.d/mod.template': ['unknown-module'],
};

function errorsOf(file: string, text: string, version?: string): string[] {
  const doc = docOf(text);
  return diagnosticsOf(text, { version })
    .filter((d) => d.severity === 1 && d.code !== 'module-not-loaded')
    .map(
      (d) =>
        `${d.code} @${d.range.start.line + 1}: ${text.slice(doc.offsetAt(d.range.start), doc.offsetAt(d.range.end)).slice(0, 60)} (${file})`,
    );
}

describe('corpus: no errors on configs lighttpd accepts', { skip: CORPUS_AVAILABLE ? false : NO_CORPUS }, () => {
  const valid = corpusEntries().filter((e) => e.verdict === 'valid');
  for (const version of [undefined, '1.4.69']) {
    test(`target ${version ?? 'newest'}: ${valid.length} valid files`, () => {
      assert.ok(valid.length >= 40, 'the corpus has its valid files');
      const unexpected: string[] = [];
      for (const e of valid) {
        const errors = errorsOf(e.file, readCorpusFile(e.path), version);
        const allowed = EXPECTED[e.file] ?? [];
        unexpected.push(...errors.filter((x) => !allowed.some((code) => x.startsWith(code + ' '))));
      }
      assert.deepEqual(unexpected, []);
    });
  }
  test('the documented exception still occurs (so the list stays honest)', () => {
    for (const [file, codes] of Object.entries(EXPECTED)) {
      const e = corpusEntries().find((x) => x.file === file);
      if (!e) continue;
      const codesFound = errorsOf(file, readCorpusFile(e.path)).map((x) => x.split(' ')[0]);
      assert.deepEqual([...new Set(codesFound)], [...codes]);
    }
  });
  test('the file 1.4.69 rejects (if/elif keywords) gets errors when the target is 1.4.69, none for the newest', () => {
    const e = corpusEntries().find((x) => x.file === 'upstream/tests/condition.conf');
    assert.ok(e);
    const text = readCorpusFile(e.path);
    const old = errorsOf(e.file, text, '1.4.69');
    assert.ok(old.length > 0 && old.every((x) => x.startsWith('newer-than-target')), old.join('\n'));
    assert.deepEqual(
      errorsOf(e.file, text).filter((x) => x.startsWith('newer-than-target')),
      [],
    );
  });
});
