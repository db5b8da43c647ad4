/** Pixel comparisons shared by the fault suite: how much of a wall rect changed between captures. */
import type { PlannedWindow } from '../../src/core/displays/window-plan.js';
import { pagePoint } from '../support/hub-wall.js';
import { pixel, type Image } from '../support/png.js';

export interface WallRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Share of pixels sampled every 8 wall px inside `r` that differ (> 16 on a channel) between `a` and `b`. */
export function regionChange(a: Image, b: Image, window: PlannedWindow, scale: number, r: WallRect): number {
  let n = 0;
  let total = 0;
  for (let y = r.y; y < r.y + r.height; y += 8) {
    for (let x = r.x; x < r.x + r.width; x += 8) {
      const p = pagePoint(window, scale, { x, y });
      const pa = pixel(a, Math.floor(p.x), Math.floor(p.y));
      const pb = pixel(b, Math.floor(p.x), Math.floor(p.y));
      total++;
      if (pa.some((v, i) => Math.abs(v - pb[i]!) > 16)) n++;
    }
  }
  return n / total;
}

/** Share of sampled pixels inside `r` that are not `colour` (±tol): 0 for a blank rect. */
export function inkShare(img: Image, window: PlannedWindow, scale: number, r: WallRect, colour: readonly number[], tol = 8): number {
  let n = 0;
  let total = 0;
  for (let y = r.y; y < r.y + r.height; y += 8) {
    for (let x = r.x; x < r.x + r.width; x += 8) {
      const p = pagePoint(window, scale, { x, y });
      total++;
      if (pixel(img, Math.floor(p.x), Math.floor(p.y)).slice(0, 3).some((v, i) => Math.abs(v - colour[i]!) > tol)) n++;
    }
  }
  return n / total;
}
