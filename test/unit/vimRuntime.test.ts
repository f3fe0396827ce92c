// vim/ (the Vim/Neovim runtime files: ftdetect, ftplugin, syntax) is generated from the directive table and
// package.json by scripts/vim-runtime.ts (npm run gen:vim): the committed files must be what it makes today.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { languageFiles, vimPattern, vimRuntime } from '../../scripts/vim-runtime';
import { DIRECTIVES, MODULES } from '../../server/src/schema';
import { REPO_ROOT } from '../helpers/corpus';

const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
const files = vimRuntime(languageFiles(pkg));

test('vim/ is up to date with the directive table and package.json (else: npm run gen:vim)', () => {
  assert.deepEqual(Object.keys(files).sort(), [
    'vim/ftdetect/lighttpd.vim',
    'vim/ftplugin/lighttpd.vim',
    'vim/syntax/lighttpd.vim',
  ]);
  for (const [path, text] of Object.entries(files))
    assert.equal(readFileSync(join(REPO_ROOT, path), 'utf8'), text, `${path} is stale: run npm run gen:vim`);
});

test('the syntax file lists every directive and module as a whole keyword', () => {
  const syntax = files['vim/syntax/lighttpd.vim'];
  const words = (group: string) =>
    new Set(
      syntax
        .split('\n')
        .filter((l) => l.startsWith(`syntax keyword ${group} `))
        .flatMap((l) => l.split(' ').slice(3))
        .filter((w) => w !== 'contained'),
    );
  const directives = words('lighttpdDirective');
  const deprecated = words('lighttpdDeprecated');
  for (const d of DIRECTIVES) assert.ok((d.deprecated ? deprecated : directives).has(d.key), d.key);
  assert.ok(!directives.has('proxy.sever'));
  const modules = words('lighttpdModule');
  for (const m of MODULES.filter((x) => x.status === 'current')) assert.ok(modules.has(m.name), m.name);
  assert.match(syntax, /^syntax iskeyword @,48-57,_,\.,-$/m, 'dotted keys are one keyword');
});

test('file detection follows package.json (a VS Code glob as a Vim autocommand pattern)', () => {
  assert.equal(vimPattern('**/lighttpd/*.conf'), '*/lighttpd/*.conf');
  assert.equal(vimPattern('**/lighttpd/**/*.conf'), '*/lighttpd/*.conf');
  assert.equal(vimPattern('*.lighttpd.conf'), '*.lighttpd.conf');
  assert.match(
    files['vim/ftdetect/lighttpd.vim'],
    /^autocmd BufNewFile,BufRead lighttpd\.conf,\*\.lighttpd\.conf,\*\/lighttpd\/\*\.conf setfiletype lighttpd$/m,
  );
});
