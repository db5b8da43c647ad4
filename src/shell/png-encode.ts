/**
 * PNG writing (pngjs) and the composition of several windows' pixels into one picture of the
 * wall, for the headless demo's screenshot.
 */
import { PNG } from 'pngjs';
import type { Rect } from '../core/wall/model.js';

export interface RgbaImage {
  width: number;
  height: number;
  /** RGBA rows, top-down. */
  data: Uint8Array;
}

/**
 * An 8-bit RGB PNG of the image, alpha dropped: the wall is opaque. (pngjs would blend a
 * translucent pixel over white; each pixel is made opaque first so its colour is kept as it is.)
 * No row filters, zlib level 6 with its default strategy (pngjs defaults to adaptive filters,
 * level 9 and run-length only): the demo writes a wall-sized picture every few seconds, where
 * speed matters more than the last bytes of size (and these are the bytes the demo always wrote).
 */
export function encodePng(img: RgbaImage): Buffer {
  const png = new PNG({ width: img.width, height: img.height });
  png.data.set(img.data.subarray(0, png.data.length));
  for (let i = 3; i < png.data.length; i += 4) png.data[i] = 255;
  return PNG.sync.write(png, { colorType: 2, filterType: 0, deflateLevel: 6, deflateStrategy: 0 });
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
