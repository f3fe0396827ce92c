/**
 * Navigation across the files of one configuration: definition in the including file, references and
 * rename in every file, document links resolved from the main config's folder through path mappings.
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ConfigWorkspace } from '../../server/src/analysis/workspace';
import { nodeFileSystem } from '../../server/src/node/nodeFileSystem';
import { getLanguageService } from '../../server/src/service';

describe('navigation across includes', () => {
  let dir = '';
  const files: Record<string, string> = {
    'lighttpd.conf':
      'var.log_root = "/var/log/lighttpd"\nserver.document-root = "/srv"\ninclude "conf.d/*.conf"\nserver.errorlog = log_root + "/error.log"\n',
    'conf.d/access.conf': 'accesslog.filename = log_root + "/access.log"\nserver.modules += ( "mod_accesslog" )\n',
    'conf.d/status.conf': 'var.log_root += ""\n',
  };
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'lighttpd-nav-'));
    mkdirSync(join(dir, 'conf.d'));
    for (const [n, t] of Object.entries(files)) writeFileSync(join(dir, n), t);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  const setup = () => {
    const ws = new ConfigWorkspace(nodeFileSystem);
    ws.setKnownFiles(Object.keys(files).map((n) => join(dir, n)));
    const svc = getLanguageService({ workspace: ws });
    const open = (n: string) =>
      TextDocument.create(
        pathToFileURL(ws.canonical(join(dir, n))).href,
        'lighttpd',
        1,
        readFileSync(join(dir, n), 'utf8'),
      );
    return { ws, svc, open };
  };
  const where = (l: { uri: string; range: { start: { line: number; character: number } } }) =>
    `${l.uri.slice(l.uri.indexOf('/lighttpd-nav-')).replace(/^\/lighttpd-nav-[^/]+\//, '')}:${l.range.start.line}:${l.range.start.character}`;

  test('definition of a variable set in the including file', () => {
    const { svc, open } = setup();
    const doc = open('conf.d/access.conf');
    const locs = svc.findDefinition(doc, { line: 0, character: 24 }); // on log_root
    assert.deepEqual(locs.map(where), ['lighttpd.conf:0:0']);
  });
  test('references in every file of the configuration', () => {
    const { svc, open } = setup();
    const doc = open('lighttpd.conf');
    const refs = svc.findReferences(doc, { line: 0, character: 6 }, true).map(where).sort();
    assert.deepEqual(refs, [
      'conf.d/access.conf:0:21',
      'conf.d/status.conf:0:0',
      'lighttpd.conf:0:0',
      'lighttpd.conf:3:18',
    ]);
  });
  test('rename in every file, keeping each spelling', () => {
    const { svc, open } = setup();
    const doc = open('conf.d/access.conf');
    const edit = svc.doRename(doc, { line: 0, character: 24 }, 'logs');
    const byFile = Object.fromEntries(
      Object.entries(edit!.changes!).map(([u, es]) => [u.slice(u.lastIndexOf('/') + 1), es.map((e) => e.newText)]),
    );
    assert.deepEqual(byFile, {
      'access.conf': ['logs'],
      'lighttpd.conf': ['var.logs', 'logs'],
      'status.conf': ['var.logs'],
    });
  });
  test('a rename onto a name used in another file is refused', () => {
    const { svc, open } = setup();
    writeFileSync(join(dir, 'conf.d/zz.conf'), 'var.taken = 1\n');
    try {
      const { svc: svc2, open: open2 } = setup();
      assert.throws(() => svc2.doRename(open2('lighttpd.conf'), { line: 0, character: 6 }, 'taken'), /already used/);
    } finally {
      rmSync(join(dir, 'conf.d/zz.conf'));
    }
    void svc;
    void open;
  });
  test('document links go through path mappings from the main config', () => {
    const ws = new ConfigWorkspace(nodeFileSystem, { pathMappings: { '/etc/lighttpd': dir } });
    writeFileSync(join(dir, 'mapped.lighttpd.conf'), 'include "/etc/lighttpd/conf.d/access.conf"\n');
    try {
      ws.setKnownFiles([join(dir, 'mapped.lighttpd.conf')]);
      const svc = getLanguageService({ workspace: ws });
      const doc = TextDocument.create(
        pathToFileURL(ws.canonical(join(dir, 'mapped.lighttpd.conf'))).href,
        'lighttpd',
        1,
        readFileSync(join(dir, 'mapped.lighttpd.conf'), 'utf8'),
      );
      assert.deepEqual(
        svc.findDocumentLinks(doc).map((l) => l.target),
        [pathToFileURL(ws.canonical(join(dir, 'conf.d/access.conf'))).href],
      );
    } finally {
      rmSync(join(dir, 'mapped.lighttpd.conf'));
    }
  });
});
