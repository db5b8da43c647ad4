/**
 * Where an image goes in a tile: `contain` shows all of it, letterboxed and centred; `cover` fills
 * the tile and crops the overflow by choosing a source sub-rectangle (a texture frame) rather than
 * a mask, so cropping costs no stencil pass. Pure; tested in fit.test.ts.
 */
import type { Rect, Size } from '../../../core/wall/model.js';

export type Fit = 'contain' | 'cover';

export interface Placement {
  /** Part of the image shown, in image pixels. */
  source: Rect;
  /** Where it is drawn, in tile pixels. */
  dest: Rect;
}

export function fitImage(image: Size, box: Size, fit: Fit): Placement {
  const full = { x: 0, y: 0, width: image.width, height: image.height };
  if (image.width <= 0 || image.height <= 0 || box.width <= 0 || box.height <= 0) {
    return { source: full, dest: { x: 0, y: 0, width: 0, height: 0 } };
  }
  const sx = box.width / image.width;
  const sy = box.height / image.height;
  if (fit === 'contain') {
    const s = Math.min(sx, sy);
    const width = image.width * s;
    const height = image.height * s;
    return { source: full, dest: { x: (box.width - width) / 2, y: (box.height - height) / 2, width, height } };
  }
  const s = Math.max(sx, sy);
  const width = box.width / s;
  const height = box.height / s;
  return {
    source: { x: (image.width - width) / 2, y: (image.height - height) / 2, width, height },
    dest: { x: 0, y: 0, width: box.width, height: box.height },
  };
}
