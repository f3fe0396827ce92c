/** The semantic checks on a fragment evaluated inside the config that includes it. */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ConfigWorkspace } from '../../../server/src/analysis/workspace';
import { nodeFileSystem } from '../../../server/src/node/nodeFileSystem';
import { getLanguageService } from '../../../server/src/service';

describe('checks in a multi-file config', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'lighttpd-checks-'));
    writeFileSync(
      join(dir, 'lighttpd.conf'),
      [
        'server.document-root = "/srv"',
        'server.modules = ( "mod_access", "mod_redirect" )',
        'include "modules.conf"',
        '$HTTP["host"] =~ "^(www\\.)?(.*)$" {',
        '  include "redirect.conf"',
        '}',
        '',
      ].join('\n'),
    );
    writeFileSync(join(dir, 'modules.conf'), 'server.modules += ( "mod_access" )\n');
    writeFileSync(
      join(dir, 'redirect.conf'),
      'url.redirect = ( "^/(.*)" => "https://%2/$1%3" )\n$HTTP["URL"] == "/x" { server.name = "a" }\n',
    );
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  const diagnose = (name: string) => {
    const ws = new ConfigWorkspace(nodeFileSystem);
    ws.setKnownFiles(['lighttpd.conf', 'modules.conf', 'redirect.conf'].map((f) => join(dir, f)));
    const path = join(dir, name);
    const text = readFileSync(path, 'utf8');
    const doc = TextDocument.create(pathToFileURL(path).href, 'lighttpd', 1, text);
    return getLanguageService({ workspace: ws })
      .doValidation(doc)
      .map((d) => [d.code, text.slice(doc.offsetAt(d.range.start), doc.offsetAt(d.range.end))]);
  };
  test('%n in a fragment refers to the condition around its include', () => {
    assert.deepEqual(diagnose('redirect.conf').sort(), [
      ['capture-reference', '%3'],
      ['unknown-condition-field', '"URL"'],
    ]);
  });
  test('a module listed again in an included file is a duplicate there', () => {
    assert.deepEqual(diagnose('modules.conf'), [['duplicate-module', '"mod_access"']]);
  });
  test("the main file does not get its fragments' findings", () => {
    assert.deepEqual(diagnose('lighttpd.conf'), []);
  });
});
