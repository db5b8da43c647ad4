/**
 * PNG reading (pngjs) for Chromium's screenshots and our own writer. The demo's wall picture uses
 * it for a window that shows the watchdog's fallback page (a screenshot: that page has no frame
 * capture), the tests for every capture they check.
 */
import { PNG } from 'pngjs';
import type { RgbaImage } from './png-encode.js';

/** Any valid PNG → 8-bit RGBA (an RGB one reads alpha 255); not a PNG, or a damaged one, throws. */
export function decodePng(png: Uint8Array): RgbaImage {
  const image = PNG.sync.read(Buffer.from(png.buffer, png.byteOffset, png.byteLength));
  return { width: image.width, height: image.height, data: image.data };
}
