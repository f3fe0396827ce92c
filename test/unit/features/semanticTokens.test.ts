import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { SEMANTIC_TOKENS_LEGEND, getSemanticTokens } from '../../../server/src/features/structure/semanticTokens';
import { docOf } from '../../helpers/cursor';

/** Decodes the relative encoding into [line, text, type, modifiers]. */
function decode(text: string): [number, string, string, string[]][] {
  const { doc, model } = docOf(text);
  const data = getSemanticTokens(doc, model).data;
  const lines = text.split('\n');
  const out: [number, string, string, string[]][] = [];
  let line = 0;
  let char = 0;
  for (let i = 0; i < data.length; i += 5) {
    line += data[i];
    char = data[i] === 0 ? char + data[i + 1] : data[i + 1];
    const mods = SEMANTIC_TOKENS_LEGEND.tokenModifiers.filter((_m, k) => data[i + 4] & (1 << k));
    out.push([line, lines[line].slice(char, char + data[i + 2]), SEMANTIC_TOKENS_LEGEND.tokenTypes[data[i + 3]], mods]);
  }
  return out;
}

describe('semantic tokens', () => {
  test('known, deprecated and unknown directives; variables; env; module names', () => {
    assert.deepEqual(
      decode(
        [
          'server.modules = ( "mod_rewrite", "mod_nosuch" )',
          'server.port = 80',
          'server.dir-listing = "enable"',
          'my.setting = 1',
          'root = "/srv"',
          'var.root += env.HOME + var.CWD + server.port',
          '',
        ].join('\n'),
      ),
      [
        [0, 'server.modules', 'property', ['defaultLibrary']],
        [0, '"mod_rewrite"', 'namespace', ['defaultLibrary']],
        [0, '"mod_nosuch"', 'namespace', []],
        [1, 'server.port', 'property', ['defaultLibrary']],
        [2, 'server.dir-listing', 'property', ['deprecated', 'defaultLibrary']],
        [3, 'my.setting', 'property', []],
        [4, 'root', 'variable', ['declaration']],
        [5, 'var.root', 'variable', ['modification']],
        [5, 'env.HOME', 'variable', ['readonly']],
        [5, 'var.CWD', 'variable', ['readonly', 'defaultLibrary']],
        [5, 'server.port', 'property', ['defaultLibrary']],
      ],
    );
  });

  test('regular expressions: =~ / !~ condition values, rewrite and redirect patterns, dir-listing.exclude', () => {
    const got = decode(
      [
        '$HTTP["url"] =~ "^/api/" {',
        '  url.rewrite-once = ( "^/api/(.*)" => "/index.php/$1" )',
        '}',
        '$HTTP["host"] == "^not-a-regex" {',
        '}',
        'dir-listing.exclude = ( "~$" )',
        '',
      ].join('\n'),
    ).filter((t) => t[2] === 'regexp');
    assert.deepEqual(
      got.map((t) => [t[0], t[1]]),
      [
        [0, '"^/api/"'],
        [1, '"^/api/(.*)"'],
        [5, '"~$"'],
      ],
    );
  });

  test('a string spanning lines is split per line', () => {
    const got = decode('$HTTP["url"] =~ "^/a\n|^/b" {\n}\n').filter((t) => t[2] === 'regexp');
    assert.deepEqual(
      got.map((t) => [t[0], t[1]]),
      [
        [0, '"^/a'],
        [1, '|^/b"'],
      ],
    );
  });

  test('a range request only returns tokens in the range', () => {
    const { doc, model } = docOf('a = 1\nb = 2\nc = 3\n');
    const data = getSemanticTokens(doc, model, {
      start: { line: 1, character: 0 },
      end: { line: 2, character: 0 },
    }).data;
    assert.deepEqual(data, [1, 0, 1, 1, 1]);
  });
});
