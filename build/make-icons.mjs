// Draws wallrun's application icon (a 6 × 3 video wall on a dark tile) and writes it as PNG with
// node:zlib only: build/icon.png (512 px) and build/icons/{256x256,512x512}.png for the Linux
// packages. Run: node build/make-icons.mjs (the PNGs are committed; rerun only to change the design).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const HERE = dirname(fileURLToPath(import.meta.url));

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 255] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** 8-bit RGBA, non-interlaced, filter 0 on every row. */
function encodePng(width, height, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) rgba.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const hex = (h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));
const BACKGROUND = hex('#0b1220');
const FRAME = hex('#1e2a3d');
/** Screen colours, row by row: a wall showing cameras, charts and one alert. */
const SCREENS = [
  ['#2f6fde', '#2f6fde', '#1aa37a', '#1aa37a', '#e0a526', '#2f6fde'],
  ['#1aa37a', '#d8453b', '#2f6fde', '#2f6fde', '#1aa37a', '#e0a526'],
  ['#e0a526', '#2f6fde', '#1aa37a', '#2f6fde', '#d8453b', '#1aa37a'],
].map((row) => row.map(hex));

/** Whether (x, y) lies inside a rounded rectangle. */
function inRounded(x, y, left, top, w, h, r) {
  const cx = Math.min(Math.max(x, left + r), left + w - r);
  const cy = Math.min(Math.max(y, top + r), top + h - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

function drawIcon(size) {
  const rgba = Buffer.alloc(size * size * 4);
  const s = size / 512;
  const wall = { x: 56 * s, y: 136 * s, w: 400 * s, h: 220 * s };
  const gap = 8 * s;
  const cw = (wall.w - gap * 5) / 6;
  const ch = (wall.h - gap * 2) / 3;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const px = x + 0.5;
      const py = y + 0.5;
      let color = null;
      if (inRounded(px, py, 16 * s, 16 * s, 480 * s, 480 * s, 96 * s)) color = BACKGROUND;
      if (color && inRounded(px, py, wall.x - 16 * s, wall.y - 16 * s, wall.w + 32 * s, wall.h + 32 * s, 16 * s)) color = FRAME;
      const col = Math.floor((px - wall.x) / (cw + gap));
      const row = Math.floor((py - wall.y) / (ch + gap));
      if (color && col >= 0 && col < 6 && row >= 0 && row < 3) {
        const inX = px - wall.x - col * (cw + gap) < cw;
        const inY = py - wall.y - row * (ch + gap) < ch;
        if (inX && inY) color = SCREENS[row][col];
      }
      // The stand: a short column and a base under the wall.
      if (color === BACKGROUND && ((Math.abs(px - 256 * s) < 14 * s && py > 372 * s && py < 420 * s) || inRounded(px, py, 176 * s, 412 * s, 160 * s, 20 * s, 10 * s))) color = FRAME;
      if (color) rgba.set([...color, 255], (y * size + x) * 4);
    }
  }
  return encodePng(size, size, rgba);
}

mkdirSync(join(HERE, 'icons'), { recursive: true });
const large = drawIcon(512);
writeFileSync(join(HERE, 'icon.png'), large);
writeFileSync(join(HERE, 'icons', '512x512.png'), large);
writeFileSync(join(HERE, 'icons', '256x256.png'), drawIcon(256));
process.stdout.write('wallrun: icons written to build/icon.png and build/icons/\n');
