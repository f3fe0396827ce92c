// Small palette PNGs from the UI test's screenshots, with no image library: decodes Chromium's 8-bit RGB(A)
// PNG, crops it, reduces it to at most N colours (no dithering: flat UI colours and text edges compress best
// undithered) and writes an indexed PNG with the smallest bit depth that holds the palette. The README's screenshots are inlined into the packaged README
// (scripts/vsix-readme.mjs), so their bytes count against the .vsix budget.
import { deflateSync, inflateSync } from 'node:zlib';

const SIGNATURE = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);

/** Decodes a non-interlaced 8-bit RGB or RGBA PNG into { width, height, rgb } (3 bytes a pixel, alpha dropped onto white). */
export function decodePng(buf) {
  if (!buf.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG');
  let at = 8;
  let width = 0;
  let height = 0;
  let colorType = -1;
  const idat = [];
  while (at < buf.length) {
    const len = buf.readUInt32BE(at);
    const type = buf.toString('latin1', at + 4, at + 8);
    const data = buf.subarray(at + 8, at + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      const depth = data[8];
      colorType = data[9];
      if (depth !== 8 || (colorType !== 2 && colorType !== 6) || data[12] !== 0)
        throw new Error(`unsupported PNG (bit depth ${depth}, colour type ${colorType}, interlace ${data[12]})`);
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    at += 12 + len;
  }
  const step = colorType === 6 ? 4 : 3;
  const stride = width * step;
  const raw = inflateSync(Buffer.concat(idat));
  const out = new Uint8Array(width * height * step);
  for (let y = 0; y < height; y++) {
    const kind = raw[y * (stride + 1)];
    const src = y * (stride + 1) + 1;
    const row = y * stride;
    for (let i = 0; i < stride; i++) {
      const a = i >= step ? out[row + i - step] : 0;
      const b = y > 0 ? out[row - stride + i] : 0;
      const c = y > 0 && i >= step ? out[row - stride + i - step] : 0;
      let v = raw[src + i];
      if (kind === 1) v += a;
      else if (kind === 2) v += b;
      else if (kind === 3) v += (a + b) >> 1;
      else if (kind === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      } else if (kind !== 0) throw new Error(`bad PNG filter ${kind}`);
      out[row + i] = v & 255;
    }
  }
  if (step === 3) return { width, height, rgb: out };
  const rgb = new Uint8Array(width * height * 3);
  for (let p = 0; p < width * height; p++) {
    const al = out[p * 4 + 3];
    for (let ch = 0; ch < 3; ch++) rgb[p * 3 + ch] = Math.round((out[p * 4 + ch] * al + 255 * (255 - al)) / 255);
  }
  return { width, height, rgb };
}

/** The part of `img` inside { x, y, width, height } (clamped to the picture). */
export function crop(img, rect) {
  const x0 = Math.max(0, Math.round(rect.x));
  const y0 = Math.max(0, Math.round(rect.y));
  const x1 = Math.min(img.width, Math.round(rect.x + rect.width));
  const y1 = Math.min(img.height, Math.round(rect.y + rect.height));
  const width = x1 - x0;
  const height = y1 - y0;
  if (width <= 0 || height <= 0) throw new Error(`empty crop ${JSON.stringify(rect)}`);
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++)
    rgb.set(img.rgb.subarray(((y0 + y) * img.width + x0) * 3, ((y0 + y) * img.width + x1) * 3), y * width * 3);
  return { width, height, rgb };
}

/** The eye-weighted squared distance of two 0xRRGGBB colours (green counts most, blue least). */
function distance(a, b) {
  return (
    2 * (((a >> 16) & 255) - ((b >> 16) & 255)) ** 2 +
    4 * (((a >> 8) & 255) - ((b >> 8) & 255)) ** 2 +
    3 * ((a & 255) - (b & 255)) ** 2
  );
}

/**
 * At most `maxColors` colours: the most frequent colours that are at least some distance apart (the smallest
 * distance that leaves no more than `maxColors`), every pixel mapped to the nearest. A screenshot's own colours
 * (backgrounds, each syntax colour's text) are the frequent ones and stay exact; anti-aliased edges take the
 * nearest. Returns { palette: number[] (0xRRGGBB), index: Uint8Array }.
 */
export function quantize(img, maxColors) {
  const n = img.width * img.height;
  const counts = new Map();
  const keys = new Uint32Array(n);
  for (let p = 0; p < n; p++) {
    const k = (img.rgb[p * 3] << 16) | (img.rgb[p * 3 + 1] << 8) | img.rgb[p * 3 + 2];
    keys[p] = k;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const colors = [...counts.keys()].sort((a, b) => counts.get(b) - counts.get(a));
  const pick = (min) => {
    const out = [];
    for (const k of colors) {
      if (out.every((c) => distance(c, k) >= min)) out.push(k);
      if (out.length > maxColors) break;
    }
    return out;
  };
  let palette = colors;
  if (colors.length > maxColors) {
    let lo = 0; // too many colours at this distance
    let hi = distance(0, 0xffffff) + 1; // one colour
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (pick(mid).length > maxColors) lo = mid;
      else hi = mid;
    }
    palette = pick(hi);
  }
  const nearest = new Map();
  for (const k of colors) {
    let best = 0;
    for (let i = 1; i < palette.length; i++) if (distance(k, palette[i]) < distance(k, palette[best])) best = i;
    nearest.set(k, best);
  }
  const index = new Uint8Array(n);
  for (let p = 0; p < n; p++) index[p] = nearest.get(keys[p]);
  return { palette, index };
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  let c = 0xffffffff;
  for (const byte of Buffer.concat([head.subarray(4), data])) c = CRC_TABLE[(c ^ byte) & 255] ^ (c >>> 8);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE((c ^ 0xffffffff) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/** An indexed PNG (bit depth 1, 2, 4 or 8 by the palette's size), rows unfiltered, deflate level 9. */
export function encodePng8(width, height, { palette, index }) {
  const depth = palette.length <= 2 ? 1 : palette.length <= 4 ? 2 : palette.length <= 16 ? 4 : 8;
  const perByte = 8 / depth;
  const stride = Math.ceil(width / perByte);
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (stride + 1) + 1;
    for (let x = 0; x < width; x++) {
      const v = index[y * width + x];
      raw[row + Math.floor(x / perByte)] |= v << (8 - depth * (1 + (x % perByte)));
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = depth;
  ihdr[9] = 3; // indexed colour
  const plte = Buffer.alloc(palette.length * 3);
  palette.forEach((k, i) => plte.writeUIntBE(k, i * 3, 3));
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', ihdr),
    chunk('PLTE', plte),
    chunk('IDAT', deflateSync(raw, { level: 9, memLevel: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Screenshot PNG bytes -> a cropped palette PNG of at most `colors` colours. */
export function shrinkScreenshot(png, { clip, colors = 16 } = {}) {
  let img = decodePng(png);
  if (clip) img = crop(img, clip);
  return encodePng8(img.width, img.height, quantize(img, colors));
}
