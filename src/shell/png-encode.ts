/**
 * A small PNG writer (node:zlib only) and the composition of several windows' pixels into one
 * picture of the wall, for the headless demo's screenshot.
 */
import { deflateSync } from 'node:zlib';
import type { Rect } from '../core/wall/model.js';

export interface RgbaImage {
  width: number;
  height: number;
  /** RGBA rows, top-down. */
  data: Uint8Array;
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, body: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])), 0);
  return Buffer.concat([head, body, crc]);
}

/** An 8-bit RGB PNG of the image (alpha dropped: the wall is opaque). */
export function encodePng(img: RgbaImage): Buffer {
  const { width, height, data } = img;
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const s = (y * width + x) * 4;
      const d = row + 1 + x * 3;
      raw[d] = data[s]!;
      raw[d + 1] = data[s + 1]!;
      raw[d + 2] = data[s + 2]!;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 6 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

/**
 * One picture of `size` filled with `background` (the bezel colour), each part drawn at its
 * rect's top-left corner (clipped to the picture).
 */
export function composeImages(
  size: { width: number; height: number },
  background: [number, number, number],
  parts: readonly { rect: Pick<Rect, 'x' | 'y'>; image: RgbaImage }[],
): RgbaImage {
  const width = Math.max(1, Math.round(size.width));
  const height = Math.max(1, Math.round(size.height));
  const data = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    data[i * 4] = background[0];
    data[i * 4 + 1] = background[1];
    data[i * 4 + 2] = background[2];
    data[i * 4 + 3] = 255;
  }
  for (const { rect, image } of parts) {
    const x0 = Math.round(rect.x);
    const y0 = Math.round(rect.y);
    for (let y = 0; y < image.height; y++) {
      const ty = y0 + y;
      if (ty < 0 || ty >= height) continue;
      const sx0 = Math.max(0, -x0);
      const sx1 = Math.min(image.width, width - x0);
      if (sx1 <= sx0) continue;
      const src = image.data.subarray((y * image.width + sx0) * 4, (y * image.width + sx1) * 4);
      data.set(src, (ty * width + x0 + sx0) * 4);
    }
  }
  return { width, height, data };
}

/** "#0b1220" → [11, 18, 32]; anything else → black. */
export function hexRgb(hex: string | undefined): [number, number, number] {
  const m = hex ? /^#([0-9a-f]{6})/i.exec(hex) : null;
  if (!m) return [0, 0, 0];
  const n = parseInt(m[1]!, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}
