/**
 * Multi-file configurations on real layouts: Debian's lighttpd.conf + conf-enabled links, upstream's
 * lighttpd.conf -> lighttpd.annotated.conf -> modules.conf / conf.d/*. Fragments are checked with the
 * modules and variables of the config that includes them.
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { ConfigWorkspace } from '../../server/src/analysis/workspace';
import { nodeFileSystem } from '../../server/src/node/nodeFileSystem';
import { getLanguageService } from '../../server/src/service';
import { CORPUS_AVAILABLE, CORPUS_DIR, NO_CORPUS } from '../helpers/corpus';

function diagnose(ws: ConfigWorkspace, path: string, text = readFileSync(path, 'utf8')): Diagnostic[] {
  const svc = getLanguageService({ workspace: ws });
  return svc.doValidation(TextDocument.create(pathToFileURL(path).href, 'lighttpd', 1, text));
}
const codes = (ds: Diagnostic[]) => ds.map((d) => d.code);
const FALSE_ALARMS = new Set(['module-not-loaded', 'undefined-variable', 'include-not-found']);

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'lighttpd-ws-'));
}

describe(
  'Debian layout: lighttpd.conf + conf-enabled/*.conf',
  { skip: CORPUS_AVAILABLE ? undefined : NO_CORPUS },
  () => {
    const debian = join(CORPUS_DIR, 'debian');
    const enabled = [
      '05-auth.conf',
      '10-accesslog.conf',
      '10-cgi.conf',
      '10-dir-listing.conf',
      '10-expire.conf',
      '10-fastcgi.conf',
      '10-proxy.conf',
      '10-rewrite.conf',
      '10-ssl.conf',
      '10-status.conf',
      '10-userdir.conf',
      '11-extforward.conf',
      '15-fastcgi-php.conf',
      '20-deflate.conf',
      '90-debian-doc.conf',
      '90-javascript-alias.conf',
      '99-unconfigured.conf',
    ];
    const app =
      '\n# our application, proxied\n$HTTP["url"] =^ "/app/" {\n    proxy.server = ( "" => ( ( "host" => "127.0.0.1", "port" => 8000 ) ) )\n}\n';
    let dir = '';
    before(() => {
      dir = tmp();
      // The installed layout, made at test time: the main file (plus our app block), conf-available as in
      // the package, conf-enabled as links, and /etc/lighttpd mapped onto this folder.
      writeFileSync(join(dir, 'lighttpd.conf'), readFileSync(join(debian, 'lighttpd.conf'), 'utf8') + app);
      mkdirSync(join(dir, 'conf-enabled'));
      symlinkSync(join(debian, 'conf-available'), join(dir, 'conf-available'));
      for (const f of enabled) symlinkSync(join('..', 'conf-available', f), join(dir, 'conf-enabled', f));
    });
    after(() => rmSync(dir, { recursive: true, force: true }));
    const workspace = () => {
      const ws = new ConfigWorkspace(nodeFileSystem, { pathMappings: { '/etc/lighttpd': dir } });
      ws.setKnownFiles([
        join(dir, 'lighttpd.conf'),
        ...readdirSync(join(dir, 'conf-available')).map((f) => join(dir, 'conf-available', f)),
      ]);
      return ws;
    };

    test('the main file includes every enabled fragment', () => {
      const ws = workspace();
      const [root] = ws.roots();
      assert.equal(root.root, ws.canonical(join(dir, 'lighttpd.conf')));
      for (const f of enabled)
        assert.ok(root.evaluation.includedPaths.has(ws.canonical(join(dir, 'conf-enabled', f))), f);
    });
    test('no false alarm in the main file or any enabled fragment', () => {
      const ws = workspace();
      const main = diagnose(ws, join(dir, 'lighttpd.conf'));
      assert.deepEqual(
        codes(main).filter((c) => FALSE_ALARMS.has(String(c))),
        [],
        JSON.stringify(main),
      );
      for (const f of enabled) {
        const ds = diagnose(ws, join(dir, 'conf-available', f));
        assert.deepEqual(
          codes(ds).filter((c) => FALSE_ALARMS.has(String(c))),
          [],
          `${f}: ${JSON.stringify(ds)}`,
        );
      }
    });
    test('10-cgi.conf uses alias.url: fine inside the config, whose 10-... fragments or main file load mod_alias', () => {
      const ws = workspace();
      assert.ok(!codes(diagnose(ws, join(dir, 'conf-available', '10-cgi.conf'))).includes('module-not-loaded'));
    });
    test('removing "mod_proxy" from 10-proxy.conf flags the main file\'s proxy.server', () => {
      const ws = workspace();
      const proxyConf = join(dir, 'conf-available', '10-proxy.conf');
      const before = readFileSync(proxyConf, 'utf8');
      const mainPath = join(dir, 'lighttpd.conf');
      assert.ok(!codes(diagnose(ws, mainPath)).includes('module-not-loaded'));
      // Unsaved edit in the included file (an open editor), not on disk.
      ws.setOpenText(proxyConf, before.replace('"mod_proxy"', ''));
      const ds = diagnose(ws, mainPath).filter((d) => d.code === 'module-not-loaded');
      assert.equal(ds.length, 1);
      const text = readFileSync(mainPath, 'utf8');
      assert.equal(
        text.split('\n')[ds[0].range.start.line].slice(ds[0].range.start.character, ds[0].range.end.character),
        'proxy.server',
      );
      ws.setOpenText(proxyConf, undefined);
      assert.ok(!codes(diagnose(ws, mainPath)).includes('module-not-loaded'));
    });
    test('a fragment that is not enabled anywhere is checked leniently', () => {
      const ws = workspace();
      // 10-no-www.conf uses url.redirect (mod_redirect comes from the main config) and %1.
      const ds = diagnose(ws, join(dir, 'conf-available', '10-no-www.conf'));
      assert.deepEqual(
        codes(ds).filter((c) => FALSE_ALARMS.has(String(c))),
        [],
      );
    });
  },
);

describe(
  'upstream layout: lighttpd.conf -> lighttpd.annotated.conf -> modules.conf, conf.d/*',
  { skip: CORPUS_AVAILABLE ? undefined : NO_CORPUS },
  () => {
    const cfg = join(CORPUS_DIR, 'upstream', 'doc', 'config');
    const workspace = () => {
      const ws = new ConfigWorkspace(nodeFileSystem, { pathMappings: { '/etc/lighttpd': cfg } });
      ws.setKnownFiles([
        join(cfg, 'lighttpd.conf'),
        join(cfg, 'lighttpd.annotated.conf'),
        join(cfg, 'modules.conf'),
        ...readdirSync(join(cfg, 'conf.d')).map((f) => join(cfg, 'conf.d', f)),
      ]);
      return ws;
    };
    test('lighttpd.conf is the only root and reaches the conf.d files', () => {
      const ws = workspace();
      const roots = ws.roots().map((r) => r.root);
      assert.deepEqual(roots, [ws.canonical(join(cfg, 'lighttpd.conf'))]);
      const inc = ws.roots()[0].evaluation.includedPaths;
      for (const f of [
        'lighttpd.annotated.conf',
        'modules.conf',
        'conf.d/access_log.conf',
        'conf.d/mime.conf',
        'conf.d/dirlisting.conf',
        'conf.d/debug.conf',
      ]) {
        assert.ok(inc.has(ws.canonical(join(cfg, f))), f);
      }
    });
    test('no false alarm in any file of the chain (var.log_root etc. come from the annotated config)', () => {
      const ws = workspace();
      for (const f of [
        'lighttpd.conf',
        'lighttpd.annotated.conf',
        'modules.conf',
        'conf.d/access_log.conf',
        'conf.d/mime.conf',
        'conf.d/dirlisting.conf',
        'conf.d/debug.conf',
      ]) {
        const ds = diagnose(ws, join(cfg, f));
        assert.deepEqual(
          codes(ds).filter((c) => FALSE_ALARMS.has(String(c))),
          [],
          `${f}: ${JSON.stringify(ds)}`,
        );
      }
    });
    test('fragments not included (conf.d/webdav.conf uses var.home_dir) are lenient', () => {
      const ws = workspace();
      for (const f of [
        'conf.d/webdav.conf',
        'conf.d/evhost.conf',
        'conf.d/simple_vhost.conf',
        'conf.d/rrdtool.conf',
        'conf.d/proxy.conf',
      ]) {
        const ds = diagnose(ws, join(cfg, f));
        assert.deepEqual(
          codes(ds).filter((c) => FALSE_ALARMS.has(String(c))),
          [],
          `${f}: ${JSON.stringify(ds)}`,
        );
      }
    });
  },
);

describe('include semantics', () => {
  let dir = '';
  before(() => {
    dir = tmp();
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string) => {
    const p = join(dir, name);
    mkdirSync(join(p, '..'), { recursive: true });
    writeFileSync(p, text);
    return p;
  };

  test('relative paths are taken from the main config directory, not the including file', () => {
    const main = write('rel/lighttpd.conf', 'server.document-root = "/srv"\ninclude "inc/a.conf"\n');
    write('rel/inc/a.conf', 'include "b.conf"\n');
    write('rel/b.conf', 'server.modules += ( "mod_proxy" )\n');
    write('rel/inc/b.conf', 'this.would = "be wrong"\n');
    const ws = new ConfigWorkspace(nodeFileSystem);
    const r = ws.analyzeRoot(ws.canonical(main))!;
    assert.ok(r.modules.names.has('mod_proxy'));
    assert.ok(!r.evaluation.assignments.some((a) => a.node.key.fullName === 'this.would'));
  });
  test('operands are expressions; globs expand sorted; a glob may match nothing; a plain path must exist', () => {
    const main = write(
      'expr/lighttpd.conf',
      'server.document-root = "/srv"\nd = "conf.d"\ninclude d + "/*.conf"\ninclude "none/*.conf"\ninclude "missing.conf"\n',
    );
    write('expr/conf.d/20-b.conf', 'order += ( "b" )\n');
    write('expr/conf.d/10-a.conf', 'order = ( "a" )\n');
    const ws = new ConfigWorkspace(nodeFileSystem);
    const ds = diagnose(ws, main);
    // (with, on the same operand, the note that what the missing file would define is unknown)
    assert.deepEqual(codes(ds), ['include-not-found', 'include-contents-unknown']);
    assert.deepEqual(ds[1].range, ds[0].range);
    const text = readFileSync(main, 'utf8');
    assert.equal(
      text.split('\n')[ds[0].range.start.line].slice(ds[0].range.start.character, ds[0].range.end.character),
      '"missing.conf"',
    );
    const order = ws.analyzeRoot(ws.canonical(main))!.evaluation.global.vars.get('var.order');
    assert.deepEqual(order, {
      type: 'array',
      elements: [{ value: { type: 'string', value: 'a' } }, { value: { type: 'string', value: 'b' } }],
    });
  });
  test('included statements land in the block that holds the include', () => {
    const main = write(
      'block/lighttpd.conf',
      'server.document-root = "/srv"\n$HTTP["host"] == "a" {\n  include "in.conf"\n}\n',
    );
    write('block/in.conf', 'server.modules += ( "mod_proxy" )\nproxy.server = ()\n');
    const ws = new ConfigWorkspace(nodeFileSystem);
    const r = ws.analyzeRoot(ws.canonical(main))!;
    const a = r.evaluation.assignments.find((x) => x.node.key.fullName === 'proxy.server')!;
    assert.equal(a.scope.condition, '$HTTP["host"] == "a"');
  });
  test('cycles and self-includes terminate with include-cycle', () => {
    const a = write('cyc/a.conf', 'server.document-root = "/srv"\ninclude "b.conf"\n');
    write('cyc/b.conf', 'include "a.conf"\n');
    const self = write('cyc2/lighttpd.conf', 'include "lighttpd.conf"\n');
    const ws = new ConfigWorkspace(nodeFileSystem);
    ws.setKnownFiles([a, join(dir, 'cyc/b.conf')]);
    assert.deepEqual(codes(diagnose(ws, a)), ['include-cycle']);
    assert.deepEqual(codes(diagnose(ws, join(dir, 'cyc/b.conf'))), ['include-cycle']);
    assert.deepEqual(codes(diagnose(new ConfigWorkspace(nodeFileSystem), self)), ['include-cycle']);
  });
  test('a symlink loop in a glob is bounded', () => {
    mkdirSync(join(dir, 'loop/d'), { recursive: true });
    symlinkSync('..', join(dir, 'loop/d/up'));
    const main = write('loop/lighttpd.conf', 'include "d/*/*/*/*/*.conf"\n');
    const ws = new ConfigWorkspace(nodeFileSystem);
    assert.ok(Array.isArray(diagnose(ws, main)));
  });
  test('huge globs are capped with include-limit', () => {
    for (let i = 0; i < 30; i++) write(`many/c/${String(i).padStart(2, '0')}.conf`, `x${i} = ${i}\n`);
    const main = write('many/lighttpd.conf', 'include "c/*.conf"\n');
    const ws = new ConfigWorkspace(nodeFileSystem, { maxGlobMatches: 10 });
    assert.deepEqual(codes(diagnose(ws, main)), ['include-limit']);
  });
  test('a fragment included by two configs shows only what holds for both', () => {
    write('two/site-a.lighttpd.conf', 'server.modules = ( "mod_proxy" )\ninclude "frag.conf"\n');
    write('two/site-b.lighttpd.conf', 'server.modules = ( "mod_access" )\ninclude "frag.conf"\n');
    const frag = write('two/frag.conf', 'proxy.server = ()\nx = undefined_thing\n');
    const ws = new ConfigWorkspace(nodeFileSystem);
    ws.setKnownFiles([join(dir, 'two/site-a.lighttpd.conf'), join(dir, 'two/site-b.lighttpd.conf'), frag]);
    assert.equal(ws.rootsIncluding(ws.canonical(frag)).length, 2);
    // module-not-loaded holds only for site-b; undefined-variable holds for both.
    assert.deepEqual(codes(diagnose(ws, frag)), ['undefined-variable']);
  });
});
