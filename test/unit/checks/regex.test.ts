import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { found } from '../../helpers/diagnostics';
import { checkPcre2 } from '../../../server/src/analysis/regex';
import { substitutionRefs } from '../../../server/src/features/checks/regex';
import { INVALID_PATTERNS, VALID_PATTERNS } from './patterns';

describe('PCRE2 syntax checker', () => {
  test('accepts valid PCRE2 (POSIX classes, lookbehind, atomic/possessive, (?i), \\Q..\\E, named groups, ...)', () => {
    for (const p of VALID_PATTERNS) {
      const r = checkPcre2(p);
      assert.ok(r.ok, `${p}: ${r.ok ? '' : r.error.message}`);
    }
  });
  test('rejects what pcre2_compile rejects, at the right offset', () => {
    for (const [p, offset] of INVALID_PATTERNS) {
      const r = checkPcre2(p);
      assert.ok(!r.ok, `${p} should be invalid`);
      assert.equal(r.error.offset, offset, `${p}: ${r.error.message}`);
    }
  });
  test('counts capture groups (named, branch reset, (?n)) and never throws', () => {
    const count = (p: string) => {
      const r = checkPcre2(p);
      return r.ok ? r.info.captures : -1;
    };
    assert.equal(count('(a)(?:b)(?<n>c)(?=d)'), 2);
    assert.equal(count('(?|(a)|(b)(c))'), 2);
    assert.equal(count('(?n)(a)(?<x>b)'), 1);
    assert.equal(count('\\(a\\)[(]'), 0);
    for (const p of ['(((', '[[[', '\\', '(?', '(*', '{', '}', '(?(', '\u0000', '\ud800'])
      assert.doesNotThrow(() => checkPcre2(p));
  });
});

const R = ['invalid-regex'];
describe('invalid-regex', () => {
  test('condition patterns after =~ and !~, located inside the string', () => {
    assert.deepEqual(found('$HTTP["url"] =~ "^/(a|b" { server.name = "a" }\n', R), [['invalid-regex', '(']]);
    assert.deepEqual(found('$HTTP["url"] !~ "[z-a]" { server.name = "a" }\n', R), [['invalid-regex', 'z-a']]);
  });
  test('more than 9 groups in a condition, more than 19 in a rewrite rule', () => {
    const ten = '(a)'.repeat(10);
    assert.deepEqual(found(`$HTTP["url"] =~ "${ten}" { server.name = "a" }\n`, R).length, 1);
    assert.deepEqual(found(`url.rewrite-once = ( "${ten}" => "/x" )\n`, R), []);
    assert.deepEqual(found(`url.rewrite-once = ( "${'(a)'.repeat(20)}" => "/x" )\n`, R).length, 1);
  });
  test('keys of url.rewrite* and url.redirect are patterns; escaped quotes map to the right place', () => {
    assert.deepEqual(found('url.redirect = ( "^/old/(.*" => "/new/$1" )\n', R), [['invalid-regex', '(']]);
    assert.deepEqual(found('url.rewrite-if-not-file = ( "\\"(x" => "/y" )\n', R), [['invalid-regex', '(']]);
  });
  test('valid PCRE is never flagged; =~ without metacharacters is not compiled', () => {
    assert.deepEqual(
      found(
        '$HTTP["url"] =~ "^/(?<p>[[:alnum:]]+)(?<=x)\\\\.php$" { server.name = "a" }\n$HTTP["host"] =~ "(?i)^www\\\\." { server.name = "b" }\n',
        R,
      ),
      [],
    );
    assert.deepEqual(found('url.rewrite-once = ( "^/(\\\\w++)/\\\\Q(x)\\\\E$" => "/$1" )\n', R), []);
  });
});

const C = ['capture-reference'];
describe('capture-reference', () => {
  test('$n beyond the rule pattern', () => {
    assert.deepEqual(found('url.rewrite-once = ( "^/a/(.*)$" => "/b/$2" )\n', C), [['capture-reference', '$2']]);
    assert.deepEqual(found('url.rewrite-once = ( "^/a/(.*)$" => "/b/$1?${qsa}" )\n', C), []);
  });
  test('%n beyond the enclosing condition, or with no regex condition at all', () => {
    assert.deepEqual(
      found('$HTTP["host"] =~ "^(www\\\\.)?(.*)$" {\n  url.redirect = ( "^/(.*)" => "https://%2/$1%3" )\n}\n', C),
      [['capture-reference', '%3']],
    );
    assert.deepEqual(found('url.redirect = ( "^/(.*)" => "https://%1/$1" )\n', C), [['capture-reference', '%1']]);
    assert.deepEqual(found('$HTTP["host"] !~ "^(www)" {\n  url.redirect = ( "^/(.*)" => "https://%1/$1" )\n}\n', C), [
      ['capture-reference', '%1'],
    ]);
  });
  test('%0 works in == blocks; %1 does not', () => {
    assert.deepEqual(
      found('$HTTP["host"] == "a.example" {\n  url.redirect = ( "^/(.*)" => "https://%0/$1" )\n}\n', C),
      [],
    );
    assert.deepEqual(
      found('$HTTP["host"] == "a.example" {\n  url.redirect = ( "^/(.*)" => "https://%1/$1" )\n}\n', C),
      [['capture-reference', '%1']],
    );
  });
  test('the enclosing block is the one the directive is in, not an outer one', () => {
    assert.deepEqual(
      found(
        '$HTTP["host"] =~ "^(.*)$" {\n  $HTTP["url"] =^ "/a" {\n    url.redirect = ( "^/(.*)" => "https://%1/$1" )\n  }\n}\n',
        C,
      ),
      [['capture-reference', '%1']],
    );
  });
  test('escapes and modifiers: $$ and %% are literal, ${tolower:1} is group 1', () => {
    assert.deepEqual(substitutionRefs('$$1 %%1 ${tolower:2} %{esc:1} ${url.path} $a'), [
      { sigil: '$', n: 2, offset: 8, length: 12 },
      { sigil: '%', n: 1, offset: 21, length: 8 },
    ]);
  });
});
