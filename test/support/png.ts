/**
 * PNG helpers for test captures: the decoder is the shell's (src/shell/png-decode.ts, pngjs: any
 * PNG to 8-bit RGBA, for Chromium's screenshots and `wallrun render` output), plus pixel reads.
 *
 * Why decode in Node rather than in the page: a page decoding its own screenshot would go through
 * the same GPU/compositor path under test, and a decoder here also checks the PNG files the CLI
 * writes.
 */
import type { RgbaImage } from '../../src/shell/png-encode.js';

type Rect = { x: number; y: number; width: number; height: number };

export { decodePng } from '../../src/shell/png-decode.js';

export type Image = RgbaImage;

export function pixel(img: Image, x: number, y: number): [number, number, number, number] {
  const o = (Math.floor(y) * img.width + Math.floor(x)) * 4;
  return [img.data[o]!, img.data[o + 1]!, img.data[o + 2]!, img.data[o + 3]!];
}

/** "#0b1220" → [11, 18, 32]. */
export function rgb(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** Counts pixels in a rect (image px) that differ from `bg` by more than `tolerance` per channel. */
export function countDiffering(
  img: Image,
  rect: { x: number; y: number; width: number; height: number },
  bg: [number, number, number],
  tolerance = 12,
): number {
  let n = 0;
  const x0 = Math.max(0, Math.floor(rect.x));
  const y0 = Math.max(0, Math.floor(rect.y));
  const x1 = Math.min(img.width, Math.ceil(rect.x + rect.width));
  const y1 = Math.min(img.height, Math.ceil(rect.y + rect.height));
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const [r, g, b] = pixel(img, x, y);
      if (Math.abs(r - bg[0]) > tolerance || Math.abs(g - bg[1]) > tolerance || Math.abs(b - bg[2]) > tolerance) n++;
    }
  }
  return n;
}

/** Pixels of `rect` (image px) that differ between two captures by more than `tolerance` on some channel. */
export function changedPixels(a: Image, b: Image, rect: { x: number; y: number; width: number; height: number }, tolerance = 24): number {
  let n = 0;
  for (let y = Math.floor(rect.y); y < Math.floor(rect.y + rect.height); y++) {
    for (let x = Math.floor(rect.x); x < Math.floor(rect.x + rect.width); x++) {
      const i = (y * a.width + x) * 4;
      for (let c = 0; c < 3; c++) {
        if (Math.abs(a.data[i + c]! - b.data[i + c]!) > tolerance) {
          n++;
          break;
        }
      }
    }
  }
  return n;
}

export function meanLuma(img: Image, rect: { x: number; y: number; width: number; height: number }): number {
  let sum = 0;
  let n = 0;
  for (let y = Math.floor(rect.y); y < Math.floor(rect.y + rect.height); y++) {
    for (let x = Math.floor(rect.x); x < Math.floor(rect.x + rect.width); x++) {
      const i = (y * img.width + x) * 4;
      sum += 0.299 * img.data[i]! + 0.587 * img.data[i + 1]! + 0.114 * img.data[i + 2]!;
      n++;
    }
  }
  return sum / n;
}

/** Share of the pixels of `rects` (image px) that differ between two captures by more than `tolerance` on a channel. */
export function differingShare(a: Image, b: Image, rects: Rect[], tolerance = 24): number {
  let total = 0;
  let n = 0;
  for (const r of rects) {
    total += Math.floor(r.width) * Math.floor(r.height);
    n += changedPixels(a, b, r, tolerance);
  }
  return n / total;
}

/** Mean alpha of the canvas in `rect` (0: the page layer shows through). */
export function meanAlpha(img: Image, r: Rect): number {
  let sum = 0;
  let n = 0;
  for (let y = Math.floor(r.y); y < r.y + r.height; y++) {
    for (let x = Math.floor(r.x); x < r.x + r.width; x++, n++) sum += img.data[(y * img.width + x) * 4 + 3]!;
  }
  return sum / n;
}

/** `img` moved `dx` px right (the left edge repeated): a shifted picture the comparison must refuse. */
export function shifted(img: Image, dx: number): Image {
  const data = new Uint8Array(img.data.length);
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) data.set(img.data.subarray((y * img.width + Math.max(0, x - dx)) * 4, (y * img.width + Math.max(0, x - dx)) * 4 + 4), (y * img.width + x) * 4);
  }
  return { ...img, data };
}

/** `img` with `rects` painted in one colour (a tile missing, or drawn in the wrong colour). */
export function painted(img: Image, rects: Rect[], colour: [number, number, number]): Image {
  const data = img.data.slice();
  for (const r of rects) {
    for (let y = Math.floor(r.y); y < r.y + r.height; y++) for (let x = Math.floor(r.x); x < r.x + r.width; x++) data.set([...colour, 255], (y * img.width + x) * 4);
  }
  return { ...img, data };
}
