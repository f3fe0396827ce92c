/**
 * The incremental re-parse moves the statements after an edit node kind by node kind (parser/incremental.ts
 * shiftStatements): every construct, placed after edits of both signs, must come out as a full parse does.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from '../../server/src/parser';
import { reparse } from '../../server/src/parser/incremental';

const EVERY_CONSTRUCT = [
  '# every construct, with offsets in every kind of node',
  'var.a = "x" + var.b + 1',
  'server.modules += ( "mod_a", "mod_b", )',
  'list = ( "k" => "v", "n" => ( "i" => 1 ), ( "nested" ), 2 + 3 )',
  'x := a',
  '$HTTP["host"] == "a" {',
  '  y = 1',
  '} else $HTTP["host"] =~ "b" {',
  '  y = 2',
  '} elif $HTTP["url"] != "c" {',
  '  y = 3',
  '} else {',
  '  y = 4',
  '}',
  'if $SERVER["socket"] == ":80" {',
  '  $HTTP["url"] =^ "/p" + "q" {',
  '    z = "deep"',
  '  }',
  '}',
  'global {',
  '  g = 1',
  '}',
  'include "a.conf" + ".x"',
  'include_shell "echo 1"',
  '',
].join('\n');

test('statements of every kind after an edit equal a full parse', () => {
  const lines = EVERY_CONSTRUCT.split('\n');
  let offset = 0;
  for (const line of lines) {
    for (const [what, next] of [
      ['insert', EVERY_CONSTRUCT.slice(0, offset) + 'q = 0\n' + EVERY_CONSTRUCT.slice(offset)],
      ['delete', EVERY_CONSTRUCT.slice(0, offset) + EVERY_CONSTRUCT.slice(offset + line.length + 1)],
    ] as const) {
      const inc = reparse({ text: EVERY_CONSTRUCT, file: parse(EVERY_CONSTRUCT) }, next);
      assert.deepEqual(inc, parse(next), `${what} at line "${line}"`);
    }
    offset += line.length + 1;
  }
});
