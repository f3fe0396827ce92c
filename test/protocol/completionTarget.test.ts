/**
 * Completion knows the target through the real server (issue 23 part 4): with lighttpd.platform unset (Linux)
 * the kqueue and Solaris event handlers are never plain choices: they come after the Linux ones, struck
 * through (the deprecated tag) and labelled with lighttpd's refusal, and the directive's snippet leaves them out;
 * with lighttpd.platform = "freebsd" kqueue is a plain choice.
 */
import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { CompletionItemTag, type CompletionItem, type CompletionList } from 'vscode-languageserver-protocol';
import { NOT_BUILT, SERVER_BUILT, startClient, type TestClient } from './helpers';

const KQUEUE = ['freebsd-kqueue', 'kqueue', 'solaris-devpoll', 'solaris-eventports'];
const byLabel = (items: readonly CompletionItem[], label: string) => items.find((i) => i.label === label)!;
/** The labels in the order the editor shows them (sortText, then label). */
const order = (items: readonly CompletionItem[]) =>
  [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label)).map((i) => i.label);

describe('completion and the target platform over stdio', { skip: SERVER_BUILT ? undefined : NOT_BUILT }, () => {
  const clients: TestClient[] = [];
  after(async () => {
    for (const c of clients) await c.shutdown();
  });
  const complete = async (settings: unknown, text: string, character: number) => {
    const c = await startClient({ settings });
    clients.push(c);
    const uri = c.open('untitled:target', text);
    await c.diagnostics(uri); // (the first diagnostics are computed with the settings)
    const list = await c.request<CompletionList>('textDocument/completion', {
      textDocument: { uri },
      position: { line: 0, character },
    });
    return list.items;
  };

  test('Linux (lighttpd.platform unset): kqueue and the Solaris handlers last, struck through, with the reason', async () => {
    const items = await complete({}, 'server.event-handler = ""\n', 24);
    const shown = order(items);
    const linux = ['linux-sysepoll', 'epoll', 'poll', 'select'];
    assert.deepEqual(shown.slice(0, linux.length).sort(), [...linux].sort(), shown.join());
    assert.deepEqual(shown.slice(linux.length).sort(), KQUEUE, shown.join());
    for (const v of KQUEUE) {
      const it = byLabel(items, v);
      assert.deepEqual(it.tags, [CompletionItemTag.Deprecated], v);
      assert.equal(it.labelDetails?.description, 'not on Linux: lighttpd refuses to start', v);
    }
    for (const v of linux) assert.equal(byLabel(items, v).tags, undefined, v);
  });

  test("Linux: the directive's snippet offers only Linux's handlers", async () => {
    const items = await complete({}, 'server.event\n', 12);
    const it = byLabel(items, 'server.event-handler');
    const text = it.textEdit && 'newText' in it.textEdit ? it.textEdit.newText : it.insertText;
    assert.equal(text, 'server.event-handler = "${1|linux-sysepoll,epoll,poll,select|}"');
  });

  test('lighttpd.platform = "freebsd": kqueue is a plain choice, epoll the one marked', async () => {
    const items = await complete({ platform: 'freebsd' }, 'server.event-handler = ""\n', 24);
    assert.equal(byLabel(items, 'kqueue').tags, undefined);
    assert.deepEqual(byLabel(items, 'linux-sysepoll').tags, [CompletionItemTag.Deprecated]);
    assert.equal(
      byLabel(items, 'linux-sysepoll').labelDetails?.description,
      'not on FreeBSD: lighttpd refuses to start',
    );
  });
});
