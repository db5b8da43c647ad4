/**
 * Thumbnails for tests: small solid-colour PNGs (distinct colours give distinct bytes) and the
 * `thumbnail` payload a wall window would send.
 */
import type { Thumbnail } from '../../src/core/protocol/thumbnail.js';
import { encodePng } from '../../src/shell/png-encode.js';

export function solidPng(width: number, height: number, [r, g, b]: [number, number, number]): Buffer {
  const data = new Uint8Array(width * height * 4);
  for (let i = 0; i < data.length; i += 4) {
    data[i] = r;
    data[i + 1] = g;
    data[i + 2] = b;
    data[i + 3] = 255;
  }
  return encodePng({ width, height, data });
}

export function thumbnailPayload(
  color: [number, number, number],
  o: { window?: string; screens?: string[]; at?: number; width?: number; height?: number } = {},
): Thumbnail {
  const width = o.width ?? 32;
  const height = o.height ?? 18;
  return {
    window: o.window ?? 'w1',
    screens: o.screens ?? ['r1c1', 'r1c2'],
    mime: 'image/png',
    data: solidPng(width, height, color).toString('base64'),
    at: o.at ?? Date.now(),
    width,
    height,
  };
}
