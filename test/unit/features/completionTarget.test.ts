/**
 * Completion knows the target (issue 23 part 4): what the target platform's lighttpd refuses to start
 * with, and what is newer than the target release, is offered last, struck through (the deprecated tag) and
 * labelled with the reason, never as a plain choice; the directive snippet's choice list leaves it out.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { CompletionItemTag, type CompletionItem } from 'vscode-languageserver-types';
import { doComplete, type CompletionTarget } from '../../../server/src/features/completion/completion';
import { getLanguageService } from '../../../server/src/service';
import { withCursor } from '../../helpers/cursor';

function items(src: string, target?: CompletionTarget): CompletionItem[] {
  const f = withCursor(src);
  return doComplete(f.doc, f.model, f.position, undefined, undefined, target).items;
}
/** Labels in the order the editor shows them (sortText), each with its mark when struck through. */
function shown(list: CompletionItem[]): string[] {
  return [...list]
    .sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label))
    .map((i) =>
      i.tags?.includes(CompletionItemTag.Deprecated) ? `~${i.label}~ ${i.labelDetails?.description}` : i.label,
    );
}
const KQUEUE = ['solaris-eventports', 'solaris-devpoll', 'freebsd-kqueue', 'kqueue']; // (schema order)

describe('completion knows the target', () => {
  test('on Linux (the default) the kqueue and Solaris event handlers come last, marked "not on Linux"', () => {
    const got = shown(items('server.event-handler = "|"\n'));
    assert.deepEqual(got.slice(0, 4), ['linux-sysepoll', 'epoll', 'poll', 'select']);
    assert.deepEqual(
      got.slice(4).filter((l) => l.startsWith('~')),
      KQUEUE.map((v) => `~${v}~ not on Linux: lighttpd refuses to start`),
    );
    // the same through the language service's settings
    const f = withCursor('server.event-handler = "|"\n');
    const viaService = getLanguageService().doComplete(f.doc, f.position, undefined, { platform: 'linux' }).items;
    const kq = viaService.find((i) => i.label === 'kqueue')!;
    assert.deepEqual(kq.tags, [CompletionItemTag.Deprecated]);
    assert.ok(kq.sortText! > viaService.find((i) => i.label === 'epoll')!.sortText!);
  });
  test('on FreeBSD kqueue is a plain choice and epoll is the one marked', () => {
    const got = shown(items('server.event-handler = "|"\n', { platform: 'freebsd' }));
    assert.ok(got.includes('freebsd-kqueue') && got.includes('kqueue'), got.join());
    assert.ok(got.includes('~linux-sysepoll~ not on FreeBSD: lighttpd refuses to start'), got.join());
    assert.deepEqual(shown(items('server.stat-cache-engine = "|"\n', { platform: 'freebsd' })).slice(-1), [
      '~inotify~ not on FreeBSD: lighttpd refuses to start',
    ]);
  });
  test("the directive's snippet offers only the platform's own values", () => {
    const it = items('server.event|').find((i) => i.label === 'server.event-handler')!;
    const text = (it.textEdit as { newText: string }).newText;
    assert.equal(text, 'server.event-handler = "${1|linux-sysepoll,epoll,poll,select|}"');
    const bsd = items('server.event|', { platform: 'freebsd' }).find((i) => i.label === 'server.event-handler')!;
    assert.match((bsd.textEdit as { newText: string }).newText, /freebsd-kqueue,kqueue,poll,select/);
  });
  test('directives and backend options newer than the target release: last, marked with the release', () => {
    // dir-listing.sort: since 1.4.74 (schema)
    const old = items('dir-listing.so|', { version: '1.4.69' });
    const dp = old.find((i) => i.label === 'dir-listing.sort')!;
    assert.deepEqual(dp.tags, [CompletionItemTag.Deprecated]);
    assert.equal(dp.labelDetails?.description, 'needs lighttpd 1.4.74');
    assert.ok(dp.sortText!.startsWith('9'));
    const now = items('dir-listing.so|', { version: '1.4.85' }).find((i) => i.label === 'dir-listing.sort')!;
    assert.equal(now.tags, undefined);
    // backend option "upgrade" (1.4.74) in a 1.4.69 target
    const src = 'server.modules = ( "mod_proxy" )\nproxy.server = ( "/" => ( ( "|" ) ) )\n';
    const up = items(src, { version: '1.4.69' }).find((i) => i.label === 'upgrade')!;
    assert.equal(up.labelDetails?.description, 'needs lighttpd 1.4.74');
    assert.equal(items(src, { version: '1.4.85' }).find((i) => i.label === 'upgrade')!.tags, undefined);
  });
});
