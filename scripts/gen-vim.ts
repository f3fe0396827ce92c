// Writes the Vim/Neovim runtime folder vim/ (ftdetect, ftplugin, syntax) from the directive table and
// package.json's file patterns: npm run gen:vim. See scripts/vim-runtime.ts.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { languageFiles, vimRuntime } from './vim-runtime';

const root = join(__dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
for (const [path, text] of Object.entries(vimRuntime(languageFiles(pkg)))) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}
console.log('vim/ regenerated');
