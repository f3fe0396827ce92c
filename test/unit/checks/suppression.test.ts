import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { diagnosticsOf, found, quickFixes, severities } from '../../helpers/diagnostics';
import { getLanguageService } from '../../../server/src/service';
import { docOf } from '../../helpers/diagnostics';

const U = ['unknown-directive', 'type-mismatch'];

describe('suppression comments', () => {
  test('# lighttpd-ignore-next-line CODE silences that code on the next line only', () => {
    const text = '# lighttpd-ignore-next-line unknown-directive\nfoo.bar = 1\nfoo.baz = 2\n';
    assert.deepEqual(found(text, U), [['unknown-directive', 'foo.baz']]);
  });
  test('several codes, stacked comments, indentation; other codes still show', () => {
    const text =
      '$HTTP["host"] == "a" {\n  # lighttpd-ignore-next-line type-mismatch, unknown-directive\n  foo.bar = 1\n}\n# lighttpd-ignore-next-line unknown-directive\n# lighttpd-ignore-next-line capture-reference\nserver.port = "x"\n';
    assert.deepEqual(found(text, U), [['type-mismatch', '"x"']]);
  });
  test('# lighttpd-ignore-file CODE silences the code everywhere; a trailing comment is not a line directive', () => {
    assert.deepEqual(found('# lighttpd-ignore-file unknown-directive\nfoo.bar = 1\nfoo.baz = 2\n', U), []);
    assert.deepEqual(found('foo.bar = 1 # lighttpd-ignore-next-line unknown-directive\nfoo.baz = 2\n', U).length, 2);
  });
  test('quick fixes insert the comment (with the line indentation) or extend an existing one', () => {
    const text = '$HTTP["host"] == "a" {\n  foo.bar = 1\n}\n';
    const fixes = Object.fromEntries(quickFixes(text, 'unknown-directive'));
    assert.equal(
      fixes['Ignore unknown-directive on this line'],
      '$HTTP["host"] == "a" {\n  # lighttpd-ignore-next-line unknown-directive\n  foo.bar = 1\n}\n',
    );
    assert.equal(fixes['Ignore unknown-directive in this file'], '# lighttpd-ignore-file unknown-directive\n' + text);
    const extended = Object.fromEntries(
      quickFixes('# lighttpd-ignore-next-line type-mismatch\nfoo.bar = 1\n', 'unknown-directive'),
    );
    assert.equal(
      extended['Ignore unknown-directive on this line'],
      '# lighttpd-ignore-next-line type-mismatch, unknown-directive\nfoo.bar = 1\n',
    );
    // the inserted comment really silences it
    assert.deepEqual(found(fixes['Ignore unknown-directive on this line'], U), []);
  });
});

describe('severity settings', () => {
  test('a code can be raised, lowered or turned off', () => {
    assert.deepEqual(severities('foo.bar = 1\n', 'unknown-directive', { severity: { 'unknown-directive': 'error' } }), [
      'error',
    ]);
    assert.deepEqual(severities('foo.bar = 1\n', 'unknown-directive', { severity: { 'unknown-directive': 'hint' } }), [
      'hint',
    ]);
    assert.deepEqual(diagnosticsOf('foo.bar = 1\n', { severity: { 'unknown-directive': 'off' } }), []);
  });
  test('a user setting wins over a milder per-case severity', () => {
    assert.deepEqual(severities('proxy.balance = "x"\n', 'invalid-value'), ['warning']);
    assert.deepEqual(severities('proxy.balance = "x"\n', 'invalid-value', { severity: { 'invalid-value': 'error' } }), [
      'error',
    ]);
  });
  test('the language service takes the target version from LanguageSettings', () => {
    const ls = getLanguageService();
    const doc = docOf('server.modules = ( "mod_compress" )\n');
    const sev = (version?: string) =>
      ls
        .doValidation(doc, { version })
        .filter((d) => d.code === 'removed-module')
        .map((d) => d.severity);
    assert.deepEqual(sev('1.4.55'), []); // mod_compress still existed
    assert.deepEqual(sev(undefined), [2]);
    assert.deepEqual(
      ls
        .doValidation(doc, { version: '1.4.69', diagnostics: { severity: { 'removed-module': 'off' } } })
        .filter((d) => d.code === 'removed-module'),
      [],
    );
  });
});
