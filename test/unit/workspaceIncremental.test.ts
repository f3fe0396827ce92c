/**
 * An edit of one open file re-evaluates only the configs that read it (analysis/workspace.ts rootCache),
 * and what is kept is exactly what a fresh workspace computes.
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ConfigWorkspace } from '../../server/src/analysis/workspace';
import { nodeFileSystem } from '../../server/src/node/nodeFileSystem';
import { getLanguageService } from '../../server/src/service';
import { analyzeInWorkspace, checkIdentityOf, modelInRoot } from '../../server/src/analysis';

const FILES: Record<string, string> = {
  'a/lighttpd.conf': 'server.modules = ( "mod_access" )\nserver.document-root = "/srv/a"\ninclude "conf.d/*.conf"\n',
  'a/conf.d/one.conf': 'var.x = "one"\n',
  'a/conf.d/two.conf': 'url.access-deny = ( var.x )\n',
  'b/lighttpd.conf': 'server.document-root = "/srv/b"\ninclude "extra.conf"\n',
  'b/extra.conf': 'server.port = 8080\n',
};

describe('workspace: an edit re-evaluates only the configs that read the edited file', () => {
  let dir = '';
  const p = (rel: string) => join(dir, rel);
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'lighttpd-wsinc-'));
    for (const [rel, text] of Object.entries(FILES)) {
      mkdirSync(join(dir, rel, '..'), { recursive: true });
      writeFileSync(p(rel), text);
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  const workspace = () => {
    const ws = new ConfigWorkspace(nodeFileSystem);
    ws.setKnownFiles(Object.keys(FILES).map(p));
    return ws;
  };
  const rootOf = (ws: ConfigWorkspace, rel: string) => ws.roots().find((r) => r.root === ws.canonical(p(rel)));

  test("editing a fragment of one config keeps the other config's analysis object", () => {
    const ws = workspace();
    const two = ws.canonical(p('a/conf.d/two.conf'));
    ws.setOpenText(two, FILES['a/conf.d/two.conf']);
    const a0 = rootOf(ws, 'a/lighttpd.conf');
    const b0 = rootOf(ws, 'b/lighttpd.conf');
    assert.ok(a0 && b0);
    ws.setOpenText(two, 'url.access-deny = ( var.x, "~" )\n');
    const a1 = rootOf(ws, 'a/lighttpd.conf');
    const b1 = rootOf(ws, 'b/lighttpd.conf');
    assert.equal(b1, b0, 'b does not read two.conf: kept');
    assert.notEqual(a1, a0, 'a reads two.conf: evaluated again');
    // The new evaluation sees the edit.
    const deny = a1!.evaluation.assignments.find((x) => x.node.key.fullName === 'url.access-deny');
    assert.equal(deny?.result.type === 'array' ? deny.result.elements.length : -1, 2);
  });

  test('opening or closing an editor drops every kept analysis (include lookups may change)', () => {
    const ws = workspace();
    const b0 = rootOf(ws, 'b/lighttpd.conf');
    ws.setOpenText(ws.canonical(p('a/conf.d/one.conf')), FILES['a/conf.d/one.conf']);
    assert.notEqual(rootOf(ws, 'b/lighttpd.conf'), b0);
    const b1 = rootOf(ws, 'b/lighttpd.conf');
    ws.setOpenText(ws.canonical(p('a/conf.d/one.conf')), undefined);
    assert.notEqual(rootOf(ws, 'b/lighttpd.conf'), b1);
  });

  test('random edits of a main config through the service: the same diagnostics as a fresh workspace', () => {
    const ws = workspace();
    const svc = getLanguageService({ workspace: ws });
    const main = ws.canonical(p('a/lighttpd.conf'));
    const uri = pathToFileURL(main).href;
    const pieces = [
      'var.x = "m"\n',
      'server.port = 1\n',
      '$HTTP["host"] == "h" {\n  url.access-deny = ( var.x )\n}\n',
      'include "conf.d/*.conf"\n',
      'x',
      '"',
      '\n',
      'y = var.x\n',
      'server.modules += ( "mod_proxy" )\n',
    ];
    let seed = 5;
    const r = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    let text = FILES['a/lighttpd.conf'] + 'y = var.x\n$HTTP["host"] == "h" {\n  server.port = 2\n}\n';
    for (let version = 1; version <= 60; version++) {
      const at = Math.floor(r() * (text.length + 1));
      text =
        r() < 0.6
          ? text.slice(0, at) + pieces[Math.floor(r() * pieces.length)] + text.slice(at)
          : text.slice(0, at) + text.slice(at + 1 + Math.floor(r() * 4));
      const got = svc.doValidation(TextDocument.create(uri, 'lighttpd', version, text));
      const fresh = workspace();
      fresh.setOpenText(main, text);
      const want = getLanguageService({ workspace: fresh }).doValidation(
        TextDocument.create(uri, 'lighttpd', version, text),
      );
      assert.deepEqual(got, want, `version ${version}: ${JSON.stringify(text)}`);
    }
  });

  test('diagnostics after a series of edits equal those of a fresh workspace', () => {
    const ws = workspace();
    const svc = getLanguageService({ workspace: ws });
    const one = ws.canonical(p('a/conf.d/one.conf'));
    const two = ws.canonical(p('a/conf.d/two.conf'));
    const texts = [
      'var.x = "one"\n',
      'var.y = "one"\n',
      'var.x = 1\n',
      'var.x = ( "a" )\n',
      'var.x = "one"\nserver.port = 1\nserver.port = 2\n',
    ];
    let version = 1;
    svc.doValidation(TextDocument.create(pathToFileURL(one).href, 'lighttpd', version, texts[0]));
    for (const text of texts) {
      version++;
      const doc = TextDocument.create(pathToFileURL(one).href, 'lighttpd', version, text);
      const docTwo = TextDocument.create(pathToFileURL(two).href, 'lighttpd', version, FILES['a/conf.d/two.conf']);
      const got = [svc.doValidation(doc), svc.doValidation(docTwo)];
      const fresh = workspace();
      fresh.setOpenText(one, text);
      const freshSvc = getLanguageService({ workspace: fresh });
      const want = [freshSvc.doValidation(doc), freshSvc.doValidation(docTwo)];
      assert.deepEqual(got, want, JSON.stringify(text));
    }
  });

  test("an open main config's check and its configuration's check are computed once, and follow edits", () => {
    const ws = workspace();
    const svc = getLanguageService({ workspace: ws });
    const main = ws.canonical(p('a/lighttpd.conf'));
    const uri = pathToFileURL(main).href;
    const texts = [
      FILES['a/lighttpd.conf'],
      FILES['a/lighttpd.conf'] + 'proxy.server = ( "" => ( ( "host" => "127.0.0.1" ) ) )\n',
    ];
    let version = 0;
    for (const text of texts) {
      const own = svc.doValidation(TextDocument.create(uri, 'lighttpd', ++version, text));
      const config = svc.validateConfiguration(main);
      const inConfig = config?.files.find((f) => f.path === main)?.diagnostics;
      // The same array: the configuration's check reused the document's (one computation per version).
      assert.equal(inConfig, own);
      const fresh = getLanguageService({ workspace: workspace() });
      const freshOwn = fresh.doValidation(TextDocument.create(uri, 'lighttpd', 1, text));
      assert.deepEqual(own, freshOwn);
    }
    assert.ok(
      svc
        .doValidation(TextDocument.create(uri, 'lighttpd', version, texts[1]))
        .some((d) => d.code === 'module-not-loaded'),
    );
    // A fragment that is not open: the configuration's check and the fragment's own check (what the editor
    // publishes for it) share one computation as well.
    const two = ws.canonical(p('a/conf.d/two.conf'));
    const twoInConfig = svc.validateConfiguration(main)?.files.find((f) => f.path === two)?.diagnostics;
    assert.ok(twoInConfig);
    assert.equal(svc.validateFile(two)?.diagnostics, twoInConfig);
    // Other settings: computed again.
    const other = svc.validateConfiguration(main, { diagnostics: { severity: { 'module-not-loaded': 'off' } } });
    assert.ok(!other?.files.find((f) => f.path === main)?.diagnostics.some((d) => d.code === 'module-not-loaded'));
  });

  test('a fragment two configs read: its model in each shares its check identity with the model that config checks it with', () => {
    const d = mkdtempSync(join(tmpdir(), 'lighttpd-wsid-'));
    try {
      const shared = 'server.port = 8080\n';
      writeFileSync(join(d, 'one.conf'), 'server.document-root = "/srv/1"\ninclude "shared.conf"\n');
      writeFileSync(join(d, 'two.conf'), 'server.document-root = "/srv/2"\ninclude "shared.conf"\n');
      writeFileSync(join(d, 'shared.conf'), shared);
      const ws = new ConfigWorkspace(nodeFileSystem);
      ws.setKnownFiles(['one.conf', 'two.conf', 'shared.conf'].map((f) => join(d, f)));
      const path = ws.canonical(join(d, 'shared.conf'));
      const model = analyzeInWorkspace(ws, path);
      assert.equal(model?.alternatives?.length, 2);
      for (const alt of model!.alternatives!) {
        const r = ws.roots().find((x) => x.root === alt.root)!;
        const inConfig = modelInRoot(ws, r, path)!;
        assert.notDeepEqual(inConfig.related, alt.related, 'the two differ in what navigation reads');
        assert.equal(checkIdentityOf(inConfig), checkIdentityOf(alt));
      }
      assert.notEqual(checkIdentityOf(model!.alternatives![0]), checkIdentityOf(model!.alternatives![1]));
      // A new version of the file: a new identity.
      const before = checkIdentityOf(model!.alternatives![0]);
      ws.setOpenText(path, shared + 'server.tag = ""\n');
      const after = analyzeInWorkspace(ws, path)!.alternatives![0];
      assert.notEqual(checkIdentityOf(after), before);
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });
});
