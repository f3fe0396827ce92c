/**
 * Backend options (issue 24 point 3): inside a backend block, '(' offers the options; an older name
 * (allow-x-send-file for x-sendfile) and the spawning options lighttpd ignores without bin-path (min-procs,
 * max-load-per-proc, ...) come after the others, labelled, and ahead only of what the target refuses; the
 * hover on an option gives its type, default, first release and the directive's documentation link, as a
 * directive's hover does.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { CompletionItemTag, type CompletionItem } from 'vscode-languageserver-types';
import { doComplete, type CompletionTarget } from '../../../server/src/features/completion/completion';
import { doHover } from '../../../server/src/features/hover/hover';
import { withCursor } from '../../helpers/cursor';

function items(src: string, trigger?: string, target?: CompletionTarget): CompletionItem[] {
  const f = withCursor(src);
  return doComplete(f.doc, f.model, f.position, undefined, trigger, target).items;
}
/** Labels in the editor's order (sortText), each with its label description when it has one. */
function shown(list: CompletionItem[]): string[] {
  return [...list]
    .sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label))
    .map((i) => {
      const mark = i.labelDetails?.description ? ` (${i.labelDetails.description})` : '';
      return i.tags?.includes(CompletionItemTag.Deprecated) ? `~${i.label}~${mark}` : `${i.label}${mark}`;
    });
}
const SPAWN_ONLY = [
  'bin-copy-environment',
  'bin-environment',
  'idle-timeout',
  'kill-signal',
  'listen-backlog',
  'max-load-per-proc',
  'max-procs',
  'min-procs',
];

describe('backend options in completion', () => {
  test("'(' in a backend block offers the options; the older name and bin-path-only ones come last, marked", () => {
    const got = shown(items('scgi.server = ( "/" => ( "app" => (|\n', '('));
    assert.ok(got.length > 20, got.join());
    const tail = got.slice(-(SPAWN_ONLY.length + 1));
    assert.deepEqual(tail, [
      '~allow-x-send-file~ (older name of x-sendfile)',
      ...SPAWN_ONLY.map((k) => `${k} (ignored without bin-path)`),
    ]);
    // ahead of them: the options that work here, unmarked
    for (const k of ['host', 'port', 'check-local', 'x-sendfile', 'bin-path'])
      assert.ok(got.indexOf(k) >= 0 && got.indexOf(k) < got.length - tail.length, `${k}: ${got.join()}`);
  });

  test('with bin-path in the block (before or after the cursor) the spawning options are plain choices', () => {
    for (const src of [
      'fastcgi.server = ( ".php" => ( "php" => ( "bin-path" => "/usr/bin/php-cgi", | ) ) )\n',
      'fastcgi.server = ( ".php" => ( "php" => ( |\n  "socket" => "/run/php.sock",\n  "bin-path" => "/usr/bin/php-cgi" ) ) )\n',
    ]) {
      const got = shown(items(src));
      for (const k of SPAWN_ONLY) assert.ok(got.includes(k), `${k} unmarked in ${src}: ${got.join()}`);
      assert.ok(got.includes('~allow-x-send-file~ (older name of x-sendfile)'), got.join());
    }
    // bin-path of another backend block does not count
    const other = shown(items('fastcgi.server = ( ".php" => ( "a" => ( "bin-path" => "/x" ), "b" => ( | ) ) )\n'));
    assert.ok(other.includes('min-procs (ignored without bin-path)'), other.join());
  });

  test('what the target release does not know still comes after the discouraged ones', () => {
    const got = shown(items('scgi.server = ( "/" => ( "app" => ( |\n', undefined, { version: '1.4.59' }));
    const refused = got.filter((l) => l.includes('needs lighttpd'));
    assert.ok(refused.length >= 4, got.join());
    const lastDiscouraged = Math.max(...got.map((l, i) => (/older name|ignored without/.test(l) ? i : -1)));
    assert.ok(lastDiscouraged < got.indexOf(refused[0]), got.join());
  });
});

describe('hover on a backend option', () => {
  function hover(src: string): string {
    const f = withCursor(src);
    const h = doHover(f.doc, f.model, f.position);
    return (h?.contents as { value: string } | undefined)?.value ?? '';
  }
  test('check-local: type, default, since, the directive link, no FastCGI-only wording', () => {
    const v = hover('scgi.server = ( "/" => ( "app" => ( "check-lo|cal" => "disable" ) ) )\n');
    assert.match(v, /^\*\*check-local\*\* — backend option of scgi\.server/);
    assert.match(v, /- Type: boolean/);
    assert.match(v, /- Default: enable/);
    assert.match(v, /- Since: every release with scgi\.server/);
    assert.match(v, /\[lighttpd documentation\]\(https:\/\/[^)]*\)/);
    assert.doesNotMatch(v, /\(FastCGI;/);
  });
  test('allow-x-send-file names x-sendfile; min-procs says it needs bin-path; connect-timeout its release', () => {
    assert.match(
      hover('fastcgi.server = ( ".php" => ( "php" => ( "allow-x-se|nd-file" => "enable" ) ) )\n'),
      /Older name of `x-sendfile`/,
    );
    const minProcs = hover('fastcgi.server = ( ".php" => ( "php" => ( "min-pro|cs" => 1 ) ) )\n');
    assert.match(minProcs, /Only with `bin-path`/);
    assert.match(minProcs, /- Default: 4/);
    assert.match(
      hover('proxy.server = ( "/" => ( ( "connect-time|out" => 3 ) ) )\n'),
      /- Since: lighttpd 1\.4\.60[\s\S]*- Default: 8|- Default: 8[\s\S]*- Since: lighttpd 1\.4\.60/,
    );
  });
});
