// Document symbols, folding ranges and selection ranges.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { FoldingRangeKind, SymbolKind, type DocumentSymbol, type SelectionRange } from 'vscode-languageserver-types';
import { findDocumentSymbols } from '../../../server/src/features/structure/documentSymbols';
import { getFoldingRanges } from '../../../server/src/features/structure/folding';
import { getSelectionRanges } from '../../../server/src/features/structure/selectionRanges';
import { docOf, textAt, withCursor } from '../../helpers/cursor';

const CONFIG = [
  'server.modules = ( "mod_proxy" )', // 0
  'var.app = "/srv/app"', // 1
  'include "conf.d/*.conf"', // 2
  '$HTTP["host"] == "example.org" {', // 3
  '  server.document-root = var.app', // 4
  '  $HTTP["url"] =^ "/api/" {', // 5
  '    proxy.server = ( "" => ( ( "host" => "127.0.0.1", "port" => 8000 ) ) )', // 6
  '  }', // 7
  '} else $HTTP["host"] == "b" {', // 8
  '  unknown.key = 1', // 9
  '} else {', // 10
  '  global {', // 11
  '    server.tag = ""', // 12
  '  }', // 13
  '}', // 14
  '', // 15
].join('\n');

const KIND_NAMES = new Map<number, string>(Object.entries(SymbolKind).map(([k, v]) => [v as number, k]));

function shape(symbols: DocumentSymbol[] | undefined, text: (s: DocumentSymbol) => string): unknown[] {
  return (symbols ?? []).map((s) => {
    const base = [s.name, KIND_NAMES.get(s.kind), text(s)];
    return s.children?.length ? [...base, shape(s.children, text)] : base;
  });
}

describe('document symbols', () => {
  test('conditions are containers named after the condition; assignments and includes inside', () => {
    const { doc, model } = docOf(CONFIG);
    const symbols = findDocumentSymbols(doc, model);
    const sel = (s: DocumentSymbol) => textAt(doc, s.selectionRange);
    assert.deepEqual(shape(symbols, sel), [
      ['server.modules', 'Property', 'server.modules'],
      ['var.app', 'Variable', 'var.app'],
      ['include "conf.d/*.conf"', 'File', 'include'],
      [
        '$HTTP["host"] == "example.org"',
        'Namespace',
        '$HTTP["host"] == "example.org"',
        [
          ['server.document-root', 'Property', 'server.document-root'],
          [
            '$HTTP["url"] =^ "/api/"',
            'Namespace',
            '$HTTP["url"] =^ "/api/"',
            [['proxy.server', 'Property', 'proxy.server']],
          ],
        ],
      ],
      ['else $HTTP["host"] == "b"', 'Namespace', '$HTTP["host"] == "b"', [['unknown.key', 'Field', 'unknown.key']]],
      ['else', 'Namespace', 'else', [['global', 'Namespace', 'global', [['server.tag', 'Property', 'server.tag']]]]],
    ]);
    // Details carry the value; ranges cover the whole statement / branch.
    assert.equal(symbols[1].detail, '= "/srv/app"');
    assert.equal(textAt(doc, symbols[3].range).split('\n').length, 6);
    assert.ok(textAt(doc, symbols[3].range).endsWith('}'));
  });

  test('recovered input still gives symbols whose selection lies inside the range', () => {
    const { doc, model } = docOf('$HTTP["host"] == "a" {\n  x = \n  $HTTP["url"] == {\n');
    const all: DocumentSymbol[] = [];
    const flat = (l: DocumentSymbol[] | undefined) =>
      l?.forEach((s) => {
        all.push(s);
        flat(s.children);
      });
    flat(findDocumentSymbols(doc, model));
    assert.ok(all.length >= 1);
    for (const s of all) {
      assert.ok(doc.offsetAt(s.selectionRange.start) >= doc.offsetAt(s.range.start), s.name);
      assert.ok(doc.offsetAt(s.selectionRange.end) <= doc.offsetAt(s.range.end), s.name);
    }
  });
});

describe('folding ranges', () => {
  test('blocks, multi-line lists and runs of comments', () => {
    const text = [
      '# header line 1', // 0
      '# header line 2', // 1
      '# header line 3', // 2
      'server.modules = (', // 3
      '  "mod_access",', // 4
      '  "mod_proxy",', // 5
      ')', // 6
      '$HTTP["host"] == "a" {', // 7
      '  # single comment', // 8
      '  x = 1', // 9
      '} else {', // 10
      '  y = ( "a",', // 11
      '        "b" )', // 12
      '}', // 13
      'z = ( "one-line" ) # trailing', // 14
      '# two', // 15
      '# lines', // 16
      '',
    ].join('\n');
    const { doc, model } = docOf(text);
    assert.deepEqual(getFoldingRanges(doc, model), [
      { startLine: 0, endLine: 2, kind: FoldingRangeKind.Comment },
      { startLine: 3, endLine: 5 },
      { startLine: 7, endLine: 9 },
      { startLine: 10, endLine: 12 },
      { startLine: 11, endLine: 12 },
      { startLine: 15, endLine: 16, kind: FoldingRangeKind.Comment },
    ]);
  });

  test('an unclosed block folds to the end of what it holds', () => {
    const { doc, model } = docOf('$HTTP["host"] == "a" {\n  x = 1\n  y = 2\n');
    assert.deepEqual(getFoldingRanges(doc, model), [{ startLine: 0, endLine: 2 }]);
  });
});

describe('selection ranges', () => {
  function chain(src: string): string[] {
    const f = withCursor(src);
    const [r] = getSelectionRanges(f.doc, f.model, [f.position]);
    const out: string[] = [];
    for (let s: SelectionRange | undefined = r; s; s = s.parent) out.push(textAt(f.doc, s.range));
    return out;
  }

  test('from the string content out to the file', () => {
    const src = 'a = 1\n$HTTP["host"] == "x" {\n  proxy.server = ( "" => ( ( "host" => "127.0.|0.1" ) ) )\n}\n';
    const text = src.replace('|', '');
    assert.deepEqual(chain(src), [
      '127.0.0.1',
      '"127.0.0.1"',
      '"host" => "127.0.0.1"',
      '( "host" => "127.0.0.1" )',
      '( ( "host" => "127.0.0.1" ) )',
      '"" => ( ( "host" => "127.0.0.1" ) )',
      '( "" => ( ( "host" => "127.0.0.1" ) ) )',
      'proxy.server = ( "" => ( ( "host" => "127.0.0.1" ) ) )',
      '{\n  proxy.server = ( "" => ( ( "host" => "127.0.0.1" ) ) )\n}',
      '$HTTP["host"] == "x" {\n  proxy.server = ( "" => ( ( "host" => "127.0.0.1" ) ) )\n}',
      text,
    ]);
  });

  test('keys and condition heads', () => {
    assert.deepEqual(chain('server.po|rt = 80\n'), ['server.port', 'server.port = 80', 'server.port = 80\n']);
    const c = chain('$HTTP["ur|l"] =~ "^/a" {\n}\n');
    assert.deepEqual(c.slice(0, 3), ['url', '"url"', '$HTTP["url"] =~ "^/a"']);
  });

  test('one result per position, even between statements', () => {
    const f = withCursor('a = 1\n\n|b = 2\n');
    const rs = getSelectionRanges(f.doc, f.model, [f.position, { line: 1, character: 0 }]);
    assert.equal(rs.length, 2);
  });
});
