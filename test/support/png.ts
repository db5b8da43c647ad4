/**
 * PNG helpers for test captures: the decoder is the shell's (src/shell/png-decode.ts, pngjs: any
 * PNG to 8-bit RGBA, for Chromium's screenshots and `wallrun render` output), plus pixel reads.
 *
 * Why decode in Node rather than in the page: a page decoding its own screenshot would go through
 * the same GPU/compositor path under test, and a decoder here also checks the PNG files the CLI
 * writes.
 */
import type { RgbaImage } from '../../src/shell/png-encode.js';

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
