/**
 * The formatter keeps the alignment a file already has: Debian's stock lighttpd.conf (column-aligned `=`,
 * the `=>` of server.feature-flags lined up across lines, `("a" => 1)` without inner blanks, comments right
 * after commas) and upstream's lighttpd.annotated.conf (lone padded assignments between comment blocks).
 * Formatting them changes at most a line's indentation (the editor's indentation setting), never what follows
 * it; a file already formatted in its own consistent style does not change at all.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatText } from '../../../server/src/features/formatting/formatting';
import { CORPUS_DIR } from '../../helpers/corpus';

const DEBIAN = join(CORPUS_DIR, 'debian', 'lighttpd.conf');
const ANNOTATED = join(CORPUS_DIR, 'upstream', 'doc', 'config', 'lighttpd.annotated.conf');
const skip = existsSync(DEBIAN) && existsSync(ANNOTATED) ? undefined : `corpus not found in ${CORPUS_DIR}`;

/** Lines whose text after the indentation changed. */
function changedBeyondIndentation(before: string, after: string): string[] {
  const a = before.split('\n');
  const b = after.split('\n');
  assert.equal(b.length, a.length, 'line count');
  return a.flatMap((l, i) => (l.trimStart() === b[i].trimStart() ? [] : [`${i + 1}: ${l}\n  -> ${b[i]}`]));
}

for (const file of [DEBIAN, ANNOTATED]) {
  test(`formatting ${file.slice(CORPUS_DIR.length + 1)} keeps every line's alignment`, { skip }, () => {
    const text = readFileSync(file, 'utf8');
    for (const opts of [
      { tabSize: 4, insertSpaces: true },
      { tabSize: 2, insertSpaces: true },
      { tabSize: 4, insertSpaces: false },
    ]) {
      assert.deepEqual(changedBeyondIndentation(text, formatText(text, opts)), [], JSON.stringify(opts));
    }
  });
}

test('the annotated config, indented by 2 spaces throughout, does not change at all', { skip }, () => {
  const text = readFileSync(ANNOTATED, 'utf8');
  assert.equal(formatText(text, { tabSize: 2, insertSpaces: true }), text);
});

test("Debian's aligned block keeps its column; a stray one joins it", () => {
  const text = [
    'server.document-root        = "/var/www/html"',
    'server.port                 = 80',
    'server.username = "www-data"',
    'server.feature-flags       += ("server.h2proto" => "enable")',
    'server.feature-flags       += ("server.h2c"     => "enable")',
    '',
  ].join('\n');
  assert.equal(
    formatText(text, { tabSize: 4, insertSpaces: true }),
    [
      'server.document-root        = "/var/www/html"',
      'server.port                 = 80',
      'server.username             = "www-data"',
      'server.feature-flags       += ("server.h2proto" => "enable")',
      'server.feature-flags       += ("server.h2c"     => "enable")',
      '',
    ].join('\n'),
  );
});
