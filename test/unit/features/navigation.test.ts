// Go to definition, find references, rename, document links.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Location, TextEdit } from 'vscode-languageserver-types';
import { findDefinition } from '../../../server/src/features/navigation/definition';
import { findReferences } from '../../../server/src/features/navigation/references';
import { doRename, prepareRename, RenameError } from '../../../server/src/features/navigation/rename';
import { doHover } from '../../../server/src/features/hover/hover';
import { findDocumentLinks } from '../../../server/src/features/navigation/documentLinks';
import { type ConfigFileSystem } from '../../../server/src/analysis/fileSystem';
import { nodeFileSystem } from '../../../server/src/node/nodeFileSystem';

const onDisk = { fs: nodeFileSystem, pathMappings: [], maxGlobMatches: 1000 };
import { applyEdits, docOf, textAt, withCursor } from '../../helpers/cursor';

/** Each location as `line:text`. */
function show(doc: ReturnType<typeof withCursor>['doc'], locs: Location[]): string[] {
  return locs.map((l) => `${l.range.start.line}:${textAt(doc, l.range)}`);
}

describe('go to definition', () => {
  test('a variable read jumps to the assignment whose value it sees', () => {
    const f = withCursor('var.a = "x"\nvar.a := "y"\nb = var.|a\n');
    assert.deepEqual(show(f.doc, findDefinition(f.doc, f.model, f.position)), ['1:var.a']);
  });

  test('+= chains lead back to the first plain assignment; short and long names are the same', () => {
    const f = withCursor('a = "x"\nvar.a += "y"\nother = 1\na += "z"\nb = |a\n');
    assert.deepEqual(show(f.doc, findDefinition(f.doc, f.model, f.position)), ['0:a', '1:var.a', '3:a']);
    const k = withCursor('a = "x"\nvar.a += "y"\n|a += "z"\n');
    assert.deepEqual(show(k.doc, findDefinition(k.doc, k.model, k.position)), ['0:a', '1:var.a']);
  });

  test('blocks: the own block first, then the enclosing ones; other conditions do not count', () => {
    const src = 'x = 1\n$HTTP["host"] == "a" {\n  x := 2\n  y = x|\n}\n$HTTP["host"] == "b" {\n  z = x\n}\n';
    const f = withCursor(src);
    assert.deepEqual(show(f.doc, findDefinition(f.doc, f.model, f.position)), ['2:x']);
    const g = withCursor(src.replace('y = x|', 'y = x').replace('z = x', 'z = x|'));
    assert.deepEqual(show(g.doc, findDefinition(g.doc, g.model, g.position)), ['0:x']);
    // The same condition written twice is one block.
    const h = withCursor('$HTTP["host"] == "a" {\n  v = 1\n}\n$HTTP["host"] == "a" {\n  w = v|\n}\n');
    assert.deepEqual(show(h.doc, findDefinition(h.doc, h.model, h.position)), ['1:v']);
  });

  test('nothing for a name that is not set before', () => {
    const f = withCursor('b = a|\na = 1\n');
    assert.deepEqual(findDefinition(f.doc, f.model, f.position), []);
  });

  test('any key read as a value', () => {
    const f = withCursor('server.port = 81\nvar.p = server.po|rt + 1\n');
    assert.deepEqual(show(f.doc, findDefinition(f.doc, f.model, f.position)), ['0:server.port']);
  });

  test('a directive key or a module name jumps to the module entry in server.modules', () => {
    const src = 'server.modules = (\n  "mod_access",\n  "mod_proxy",\n)\nproxy.ser|ver = ()\n';
    const f = withCursor(src);
    assert.deepEqual(show(f.doc, findDefinition(f.doc, f.model, f.position)), ['2:"mod_proxy"']);
    const tls = withCursor('server.modules += ( "mod_openssl" )\nssl.pem|file = "/x.pem"\n');
    assert.deepEqual(show(tls.doc, findDefinition(tls.doc, tls.model, tls.position)), ['0:"mod_openssl"']);
    const core = withCursor('server.modules = ( "mod_access" )\nserver.po|rt = 80\n');
    assert.deepEqual(findDefinition(core.doc, core.model, core.position), []);
  });
});

describe('find references', () => {
  const src =
    'var.root = "/srv"\n$HTTP["host"] == "a" {\n  server.document-root = root + "/a"\n  var.root += "/x"\n}\nalias.url = ( "/" => var.ro|ot )\n';

  test('every place the name is set and read, with and without var.', () => {
    const f = withCursor(src);
    assert.deepEqual(show(f.doc, findReferences(f.doc, f.model, f.position, true)), [
      '0:var.root',
      '2:root',
      '3:var.root',
      '5:var.root',
    ]);
    assert.deepEqual(show(f.doc, findReferences(f.doc, f.model, f.position, false)), ['2:root', '5:var.root']);
  });

  test('from an assignment key; directive keys read as values too', () => {
    const f = withCursor('server.po|rt = 80\nvar.next = server.port + 1\n');
    assert.deepEqual(show(f.doc, findReferences(f.doc, f.model, f.position, true)), ['0:server.port', '1:server.port']);
    const none = withCursor('a = "|x"\n');
    assert.deepEqual(findReferences(none.doc, none.model, none.position, true), []);
  });
});

describe('rename', () => {
  const rename = (src: string, to: string) => {
    const f = withCursor(src);
    const edit = doRename(f.doc, f.model, f.position, to);
    return applyEdits(f.doc, (edit?.changes?.[f.doc.uri] ?? []) as TextEdit[]);
  };

  test('every occurrence, keeping the short or long spelling', () => {
    assert.equal(
      rename('var.app = "/srv"\nx = app| + "/a"\nvar.app += "/b"\n', 'site'),
      'var.site = "/srv"\nx = site + "/a"\nvar.site += "/b"\n',
    );
    assert.equal(rename('app| = 1\nb = var.app\n', 'var.site'), 'site = 1\nb = var.site\n');
  });

  test('a new name that cannot be written short gets var. everywhere', () => {
    assert.equal(rename('app| = 1\nb = app\n', 'my.app'), 'var.my.app = 1\nb = var.my.app\n');
    assert.equal(rename('app| = 1\nb = app\n', 'global'), 'var.global = 1\nb = var.global\n');
  });

  test('prepareRename: only user variables', () => {
    const ok = withCursor('x = var.ap|p\nvar.app = 1\n');
    const p = prepareRename(ok.doc, ok.model, ok.position);
    assert.equal(p?.placeholder, 'var.app');
    for (const src of ['server.po|rt = 80\n', 'a = env.HO|ME\n', 'a = var.CW|D\n', 'a = "|x"\n']) {
      const f = withCursor(src);
      assert.equal(prepareRename(f.doc, f.model, f.position), null, src);
    }
  });

  test('refuses invalid and taken names, and directives', () => {
    const f = withCursor('a| = 1\nb = 2\n');
    assert.throws(() => doRename(f.doc, f.model, f.position, '1abc'), RenameError);
    assert.throws(() => doRename(f.doc, f.model, f.position, 'a b'), RenameError);
    assert.throws(() => doRename(f.doc, f.model, f.position, 'b'), /already used/);
    const d = withCursor('server.po|rt = 80\n');
    assert.throws(() => doRename(d.doc, d.model, d.position, 'x'), /not a user variable/);
  });
});

describe('document links on include paths', () => {
  test('relative paths from the document directory, computed paths, globs; missing files get none', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lighttpd-links-'));
    try {
      mkdirSync(join(dir, 'conf.d'));
      for (const n of ['10-a.conf', '20-b.conf', '.hidden.conf', 'notes.txt'])
        writeFileSync(join(dir, 'conf.d', n), '');
      writeFileSync(join(dir, 'mime.conf'), '');
      const text = [
        'var.confdir = "' + dir + '"',
        'include "mime.conf"',
        'include confdir + "/conf.d/10-a.conf"',
        'include "conf.d/*.conf"',
        'include "conf.d/{20-b,10-a}.conf"',
        'include "missing.conf"',
        'include "conf.d/*.none"',
        'include_shell "cat mime.conf"',
        '',
      ].join('\n');
      const { doc, model } = docOf(text, pathToFileURL(join(dir, 'lighttpd.conf')).toString());
      const links = findDocumentLinks(doc, model, onDisk);
      assert.deepEqual(
        links.map((l) => [l.range.start.line, textAt(doc, l.range), l.target]),
        [
          [1, 'mime.conf', pathToFileURL(join(dir, 'mime.conf')).toString()],
          [2, 'confdir + "/conf.d/10-a.conf"', pathToFileURL(join(dir, 'conf.d/10-a.conf')).toString()],
          [3, 'conf.d/*.conf', pathToFileURL(join(dir, 'conf.d/10-a.conf')).toString()],
          [4, 'conf.d/{20-b,10-a}.conf', pathToFileURL(join(dir, 'conf.d/10-a.conf')).toString()],
        ],
      );
      assert.equal(links[2].tooltip, '2 files: 10-a.conf, 20-b.conf');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a base directory can be given (the main config directory); untitled documents link absolute paths only', () => {
    const fs: ConfigFileSystem = {
      readFile: () => '',
      isFile: (p) => p === '/etc/lighttpd/x.conf' || p === '/abs.conf',
      glob: () => [],
      realPath: (p) => p,
    };
    const { doc, model } = docOf('include "x.conf"\ninclude "/abs.conf"\n', 'untitled:Untitled-1');
    const context = { fs, pathMappings: [], maxGlobMatches: 1000 };
    assert.deepEqual(
      findDocumentLinks(doc, model, context).map((l) => l.target),
      ['file:///abs.conf'],
    );
    assert.deepEqual(
      findDocumentLinks(doc, model, { ...context, mainDir: '/etc/lighttpd' }).map((l) => l.target),
      ['file:///etc/lighttpd/x.conf', 'file:///abs.conf'],
    );
  });

  test('the default mapping: a main config at <dir>/etc/lighttpd links /etc/lighttpd/... to its copy, and says so', () => {
    const files = ['/ws/etc/lighttpd/conf-enabled/10-a.conf', '/ws/etc/lighttpd/conf-enabled/20-b.conf'];
    const fs: ConfigFileSystem = {
      readFile: () => '',
      isFile: (p) => files.includes(p) || p === '/ws/etc/lighttpd/modules.conf' || p === '/etc/mime.conf',
      glob: (p) => (p === '/ws/etc/lighttpd/conf-enabled/*.conf' ? files : []),
      realPath: (p) => p,
    };
    const { doc, model } = docOf(
      'include "/etc/lighttpd/conf-enabled/*.conf"\ninclude "/etc/lighttpd/modules.conf"\ninclude "/etc/mime.conf"\n',
      'file:///ws/etc/lighttpd/lighttpd.conf',
    );
    const links = findDocumentLinks(doc, model, { fs, pathMappings: [], maxGlobMatches: 1000 });
    assert.deepEqual(
      links.map((l) => l.target),
      [
        'file:///ws/etc/lighttpd/conf-enabled/10-a.conf',
        'file:///ws/etc/lighttpd/modules.conf',
        'file:///etc/mime.conf',
      ],
    );
    // The tooltip says what a click opens; the mapping is said once, by the include's hover (VS Code shows the
    // tooltip inside the hover).
    assert.deepEqual(
      links.map((l) => l.tooltip),
      ['2 files: 10-a.conf, 20-b.conf', '/ws/etc/lighttpd/modules.conf', '/etc/mime.conf'],
    );
    const h = doHover(doc, model, { line: 0, character: 12 }, [], { fs, pathMappings: [], maxGlobMatches: 1000 });
    const value = (h?.contents as { value: string } | undefined)?.value ?? '';
    assert.equal(value.match(/the workspace copy of \/etc\/lighttpd, mapped by default/g)?.length, 1, value);
  });

  test('path mappings: an installed path opens the workspace copy', () => {
    const fs: ConfigFileSystem = {
      readFile: () => '',
      isFile: (p) => p === '/ws/etc/conf.d/a.conf',
      glob: () => [],
      realPath: (p) => p,
    };
    const { doc, model } = docOf('include "/etc/lighttpd/conf.d/a.conf"\n', 'file:///ws/etc/lighttpd.conf');
    const links = findDocumentLinks(doc, model, {
      fs,
      pathMappings: [['/etc/lighttpd', '/ws/etc']],
      maxGlobMatches: 1000,
    });
    assert.deepEqual(
      links.map((l) => l.target),
      ['file:///ws/etc/conf.d/a.conf'],
    );
  });
});
