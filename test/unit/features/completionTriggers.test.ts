/**
 * Completion asked for by a trigger character: '(' and ',' open a list element, so inside
 * `server.modules = (` they list the modules (and in backend blocks their keys) and elsewhere nothing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { COMPLETION_TRIGGERS, doComplete } from '../../../server/src/features/completion/completion';
import { withCursor } from '../../helpers/cursor';

function triggered(src: string, trigger: string): string[] {
  const f = withCursor(src);
  return doComplete(f.doc, f.model, f.position, undefined, trigger).items.map((i) => i.label);
}

test("'(' and ',' are trigger characters", () => {
  assert.ok(COMPLETION_TRIGGERS.includes('('));
  assert.ok(COMPLETION_TRIGGERS.includes(','));
});

test("'(' after server.modules = lists the modules not loaded yet", () => {
  for (const src of ['server.modules = (|', 'server.modules = ( |', 'server.modules += (|\n']) {
    const labels = triggered(src, '(');
    assert.ok(labels.includes('mod_proxy'), `${JSON.stringify(src)}: ${labels.slice(0, 5).join(', ')}`);
  }
});

test("',' after a module lists the others", () => {
  const labels = triggered('server.modules = ( "mod_access",|', ',');
  assert.ok(labels.includes('mod_proxy'));
  assert.ok(!labels.includes('mod_access'), 'a loaded module is not offered again');
  assert.ok(triggered('server.modules = (\n  "mod_access",\n  |', ',').includes('mod_proxy'));
});

test("',' in a backend block lists its keys", () => {
  const labels = triggered('proxy.server = ( "" => ( ( "host" => "127.0.0.1",|', ',');
  assert.ok(labels.includes('port'), labels.join(', '));
});

test("'(' and ',' elsewhere answer nothing", () => {
  for (const [src, t] of [
    ['url.rewrite-once = ( "^/a" => "/b",|', ','],
    ['index-file.names = ( "index.html",|', ','],
    ['url.rewrite-once = ( "^/(|', '('],
    ['server.modules = ( "mod_a,|', ','],
    ['$HTTP["url"] =~ "^/(|', '('],
    ['server.port = 80\n(|', '('],
  ]) {
    assert.deepEqual(triggered(src, t), [], JSON.stringify(src));
  }
});
