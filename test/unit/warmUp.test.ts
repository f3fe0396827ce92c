/**
 * The start-up warm-up (runtime/warmUp.ts): its sample is a clean, realistic config (so the warm-up runs the
 * paths a real check takes, not error recovery), it runs its passes one per macrotask, and it ends as soon
 * as real work arrives.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService } from '../../server/src/service';
import { startWarmUp, warmUpSample } from '../../server/src/runtime/warmUp';

const until = (cond: () => boolean) =>
  new Promise<void>((resolve, reject) => {
    const t0 = Date.now();
    const poll = () =>
      cond() ? resolve() : Date.now() - t0 > 20_000 ? reject(new Error('timeout')) : setTimeout(poll, 5);
    poll();
  });

describe('warm-up', () => {
  test('the sample config has no problem and holds conditions, nesting, else and lists', () => {
    const text = warmUpSample();
    const ds = getLanguageService().doValidation(TextDocument.create('untitled:w.conf', 'lighttpd', 1, text));
    assert.deepEqual(
      ds.map((d) => d.code),
      [],
    );
    assert.match(text, /\$HTTP\["host"\] =~/);
    assert.match(text, /else \$HTTP/);
    assert.ok(text.split('\n').length > 100);
  });

  test('runs every pass when nothing arrives, one per macrotask', async () => {
    const passes: number[] = [];
    let busyAsked = 0;
    startWarmUp({
      passes: 3,
      busy: () => (busyAsked++, false),
      onPass: (n) => passes.push(n),
    });
    assert.deepEqual(passes, [], 'nothing runs synchronously');
    await until(() => passes.length === 3);
    await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(passes, [1, 2, 3]);
    assert.equal(busyAsked, 3);
  });

  test('stops for good once a document is open, and when cancelled', async () => {
    const passes: number[] = [];
    let open = false;
    startWarmUp({ passes: 50, busy: () => open, onPass: (n) => ((open = n === 2), passes.push(n)) });
    await until(() => passes.length === 2);
    await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(passes, [1, 2]);

    // A document that arrives right behind `initialized` (a reload) comes before any pass.
    const none: number[] = [];
    let opened = false;
    startWarmUp({ passes: 50, busy: () => opened, onPass: (n) => none.push(n) });
    setTimeout(() => (opened = true), 5);
    await new Promise((r) => setTimeout(r, 150));
    assert.deepEqual(none, []);

    const more: number[] = [];
    const cancel = startWarmUp({ passes: 50, busy: () => false, onPass: (n) => more.push(n) });
    cancel();
    await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(more, []);
  });
});
