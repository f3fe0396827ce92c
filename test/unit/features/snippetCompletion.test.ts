/**
 * The deployment snippets as completion offers them: one entry per snippet, the reverse proxy first, and only
 * where a statement may start outside conditions (never after `key = `).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CompletionItemKind } from 'vscode-languageserver-types';
import { doComplete } from '../../../server/src/features/completion/completion';
import { withCursor } from '../../helpers/cursor';
import { REPO_ROOT } from '../../helpers/corpus';

function snippets(src: string): string[] {
  const f = withCursor(src);
  return doComplete(f.doc, f.model, f.position)
    .items.filter((i) => i.kind === CompletionItemKind.Snippet)
    .sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label))
    .map((i) => i.label);
}

const ALL = [
  'lighttpd-proxy',
  'lighttpd-scgi',
  'lighttpd-proxy-balance',
  'lighttpd-fastcgi',
  'lighttpd-tls',
  'lighttpd-rewrite',
  'lighttpd-redirect-https',
];

test("typing 'lighttpd-' lists each snippet once, the reverse proxy first", () => {
  assert.deepEqual(snippets('lighttpd-|'), ALL);
  assert.deepEqual(snippets('server.port = 80\n\nlighttpd-|\n'), ALL);
  assert.equal(snippets('lighttpd-sc|')[0], 'lighttpd-scgi');
});

test('no snippet after `key = `, in a list, inside a condition or before an operator', () => {
  for (const src of [
    'server.event-handler = |',
    'server.event-handler = lighttpd-|',
    'server.modules = ( |',
    '$HTTP["host"] == "a" {\n  lighttpd-|\n}',
    'lighttpd-|= 1',
    '$HTTP["url"] =~ "|"',
  ]) {
    assert.deepEqual(snippets(src), [], JSON.stringify(src));
  }
});

test('a snippet item inserts the body of snippets/lighttpd.json', () => {
  const f = withCursor('|');
  const item = doComplete(f.doc, f.model, f.position).items.find((i) => i.label === 'lighttpd-scgi')!;
  const file = JSON.parse(readFileSync(join(REPO_ROOT, 'snippets', 'lighttpd.json'), 'utf8')) as Record<
    string,
    { prefix: string; body: string[] }
  >;
  const entry = Object.values(file).find((s) => s.prefix === 'lighttpd-scgi')!;
  assert.equal((item.textEdit as { newText: string }).newText, entry.body.join('\n'));
  assert.equal(item.insertTextFormat, 2);
});

test('package.json contributes no static snippet list (the server serves them where they fit)', () => {
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
    contributes: { snippets?: unknown };
  };
  assert.equal(pkg.contributes.snippets, undefined);
});
