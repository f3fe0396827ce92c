// Packages the extension as a .vsix (`npm run package`, and the UI tests and the benchmark through packageVsix).
// VS Code shows the packaged README on the extension's details page in a webview whose Content-Security-Policy
// is `img-src https: data:`, with no base URL: a relative image path (docs/images/x.png) resolves inside the
// webview's own folder and is blocked, packaged or not (measured in code-server 4.100.3 / VS Code 1.100.3).
// There is no repository URL to point at, so the package gets its own README (out/vsix/README.md, passed with
// --readme-path): README.md with each docs/images picture inlined as a data: URL. README.md itself keeps the
// relative paths, which GitHub shows.
// Usage: node scripts/package.mjs [--out FILE.vsix]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The packaged README, relative to the project (vsce wants it inside the project). */
export const VSIX_README = 'out/vsix/README.md';
const TYPES = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp' };

/** README.md with its local images as data: URLs; returns the text and each image's size in bytes. */
export function inlineReadme(root = ROOT) {
  const text = readFileSync(join(root, 'README.md'), 'utf8');
  const images = [];
  if (/<img\s[^>]*src=["'](?![a-z]+:)/i.test(text))
    throw new Error('README.md: an <img> with a relative src; use ![alt](docs/images/NAME.png) so it can be inlined');
  const out = text.replace(/(!\[[^\]]*\]\()([^)\s]+)((?:\s+"[^"]*")?\))/g, (all, head, src, tail) => {
    if (/^(https|data):/i.test(src)) return all;
    const file = join(root, src);
    const type = TYPES[src.split('.').pop().toLowerCase()];
    if (!type || !existsSync(file) || relative(root, file).startsWith('..'))
      throw new Error(`README.md: image ${src} is not a picture file of the project`);
    const bytes = readFileSync(file);
    images.push({ src, bytes: bytes.length });
    return `${head}data:${type};base64,${bytes.toString('base64')}${tail}`;
  });
  return { text: out, images };
}

/** Writes out/vsix/README.md; returns its images. */
export function writeVsixReadme(root = ROOT) {
  const { text, images } = inlineReadme(root);
  mkdirSync(dirname(join(root, VSIX_README)), { recursive: true });
  writeFileSync(join(root, VSIX_README), text);
  return images;
}

/** vsce's arguments for a package written to `out` (vsce runs vscode:prepublish, the production build). */
export function vsceArgs(out) {
  return [
    join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce'),
    'package',
    '--no-dependencies',
    '--allow-missing-repository',
    '--no-rewrite-relative-links',
    '--readme-path',
    VSIX_README,
    '--out',
    out,
  ];
}

/** Packages the extension into `out`; returns the .vsix size in bytes and the README's images. */
export function packageVsix(out, { quiet = true } = {}) {
  const images = writeVsixReadme();
  const res = spawnSync(process.execPath, vsceArgs(out), {
    cwd: ROOT,
    stdio: quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit',
  });
  if (res.status !== 0) throw new Error(`vsce package exited with ${res.status ?? res.signal}`);
  return { bytes: statSync(out).size, images };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const at = process.argv.indexOf('--out');
  const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
  const out = at > 0 ? process.argv[at + 1] : join(ROOT, `lighttpd-conf-${version}.vsix`);
  const { bytes, images } = packageVsix(out, { quiet: false });
  const kb = (n) => (n / 1024).toFixed(1);
  const sum = images.reduce((s, i) => s + i.bytes, 0);
  console.log(
    `README images inlined: ${images.length}, ${kb(sum)} KB (${images.map((i) => `${i.src.split('/').pop()} ${kb(i.bytes)}`).join(', ')})`,
  );
  console.log(`.vsix: ${kb(bytes)} KB (budget 560 KB, the README pictures 80 KB of it: CONTRIBUTING.md)`);
}
