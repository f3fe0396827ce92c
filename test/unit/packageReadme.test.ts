/**
 * The packaged README (scripts/package.mjs) and the screenshot encoder (scripts/png8.mjs). VS Code's details page
 * loads only https: and data: pictures, so the package's README carries README.md's pictures as data: URLs; that
 * they load in VS Code is the UI test's details-page step.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { REPO_ROOT } from '../helpers/corpus';
// @ts-expect-error: a JavaScript module of the build scripts, without types
import { inlineReadme } from '../../scripts/package.mjs';
// @ts-expect-error: a JavaScript module of the build scripts, without types
import { encodePng8, quantize } from '../../scripts/png8.mjs';

const IMAGE = /!\[([^\]]*)\]\(([^)\s]+)/g;

test("the packaged README has each of README.md's pictures inline, byte for byte", () => {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const sources = [...readme.matchAll(IMAGE)].map((m) => m[2]);
  assert.ok(sources.length > 0, 'README.md shows pictures');
  const { text, images } = inlineReadme(REPO_ROOT) as { text: string; images: { src: string; bytes: number }[] };
  assert.deepEqual(
    images.map((i) => i.src),
    sources.filter((s) => !s.startsWith('https:')),
  );
  const inlined = [...text.matchAll(IMAGE)].map((m) => m[2]);
  assert.equal(inlined.length, sources.length);
  inlined.forEach((src, i) => {
    if (sources[i].startsWith('https:')) return assert.equal(src, sources[i]);
    const m = /^data:image\/png;base64,(.+)$/.exec(src);
    assert.ok(m, `picture ${i + 1} is a PNG data: URL`);
    assert.ok(Buffer.from(m[1], 'base64').equals(readFileSync(join(REPO_ROOT, sources[i]))), sources[i]);
  });
  // Only the pictures changed.
  assert.equal(text.replace(IMAGE, '![$1]('), readme.replace(IMAGE, '![$1]('));
});

test('a README picture that is not a file of the project stops the packaging', () => {
  const root = mkdtempSync(join(tmpdir(), 'lcx-readme-'));
  try {
    mkdirSync(join(root, 'docs'));
    writeFileSync(join(root, 'docs', 'a.png'), 'x');
    writeFileSync(join(root, 'README.md'), '# t\n\n![a](docs/a.png)\n\n![b](docs/missing.png)\n');
    assert.throws(() => inlineReadme(root), /docs\/missing\.png/);
    writeFileSync(join(root, 'README.md'), '# t\n\n<img src="docs/a.png">\n');
    assert.throws(() => inlineReadme(root), /<img>/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('screenshots: a picture of few colours keeps them exactly; more are reduced to the most frequent', () => {
  // 6x2 pixels: white, red, black, blue, and a near-white pixel that must become white when 3 colours are kept.
  const px = [0xffffff, 0xffffff, 0xff0000, 0xff0000, 0x0000ff, 0xffffff, 0xffffff, 0xfefefe, 0xff0000, 0, 0, 0];
  const rgb = new Uint8Array(px.flatMap((k) => [(k >> 16) & 255, (k >> 8) & 255, k & 255]));
  const img = { width: 6, height: 2, rgb };
  const exact = quantize(img, 16) as { palette: number[]; index: Uint8Array };
  assert.equal(exact.palette.length, 5);
  assert.deepEqual(
    [...exact.index].map((i) => exact.palette[i]),
    px,
  );
  const three = quantize(img, 3) as { palette: number[]; index: Uint8Array };
  assert.equal(three.palette.length, 3);
  assert.ok(three.palette.includes(0xffffff), 'the most frequent colour is kept');
  assert.ok(
    three.palette.every((k) => px.includes(k)),
    'kept colours are colours of the picture, not averages',
  );
  assert.equal(three.palette[three.index[7]], 0xffffff, 'the near-white pixel becomes white');

  // The PNG: indexed colour, 2 bits a pixel for 3 colours, rows that unpack to the same indexes.
  const png = encodePng8(6, 2, three) as Buffer;
  assert.ok(png.subarray(1, 4).equals(Buffer.from('PNG')));
  assert.equal(png.toString('latin1', 12, 16), 'IHDR');
  assert.equal(png[24], 2, 'bit depth');
  assert.equal(png[25], 3, 'colour type: indexed');
  const idat = png.indexOf('IDAT', 0, 'latin1');
  const raw = inflateSync(png.subarray(idat + 4, idat + 4 + png.readUInt32BE(idat - 4)));
  const unpacked: number[] = [];
  for (let y = 0; y < 2; y++) {
    assert.equal(raw[y * 3], 0, 'filter none');
    for (let x = 0; x < 6; x++) unpacked.push((raw[y * 3 + 1 + (x >> 2)] >> (6 - 2 * (x % 4))) & 3);
  }
  assert.deepEqual(unpacked, [...three.index]);
});
