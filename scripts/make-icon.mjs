// Draws images/icon.png (128x128): a lightning bolt on a rounded dark tile. Run once: node scripts/make-icon.mjs
import { deflateSync } from 'node:zlib';
import { writeFileSync, mkdirSync } from 'node:fs';

const N = 128,
  SS = 4;
const bolt = [
  [74, 10],
  [30, 72],
  [60, 72],
  [48, 118],
  [98, 50],
  [67, 50],
  [84, 10],
];
function inPoly(x, y, poly) {
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i],
      [xj, yj] = poly[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
function inRounded(x, y, r = 22) {
  const cx = Math.min(Math.max(x, r), N - r),
    cy = Math.min(Math.max(y, r), N - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}
const rows = [];
for (let y = 0; y < N; y++) {
  const row = Buffer.alloc(1 + N * 4);
  for (let x = 0; x < N; x++) {
    let bg = 0,
      fg = 0;
    for (let sy = 0; sy < SS; sy++)
      for (let sx = 0; sx < SS; sx++) {
        const px = x + (sx + 0.5) / SS,
          py = y + (sy + 0.5) / SS;
        if (inRounded(px, py)) {
          bg++;
          if (inPoly(px, py, bolt)) fg++;
        }
      }
    const a = bg / (SS * SS),
      f = bg ? fg / bg : 0;
    const mix = (c1, c2) => Math.round(c1 * (1 - f) + c2 * f);
    const top = 1 - y / N;
    row.set([mix(30 + 20 * top, 255), mix(41 + 20 * top, 176), mix(59 + 30 * top, 32), Math.round(a * 255)], 1 + x * 4);
  }
  rows.push(row);
}
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const c = Buffer.alloc(4);
  c.writeUInt32BE(crc(td));
  return Buffer.concat([len, td, c]);
};
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(N, 0);
ihdr.writeUInt32BE(N, 4);
ihdr[8] = 8;
ihdr[9] = 6;
const png = Buffer.concat([
  Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
  chunk('IHDR', ihdr),
  chunk('IDAT', deflateSync(Buffer.concat(rows))),
  chunk('IEND', Buffer.alloc(0)),
]);
mkdirSync('images', { recursive: true });
writeFileSync('images/icon.png', png);
console.log('wrote images/icon.png', png.length, 'bytes');
