/**
 * Where each screen's part of the wall goes in its window: pure maths (no pixi), unit-tested.
 */
import { affine, type Affine } from '../core/wall/affine.js';
import type { PlannedScreen, PlannedWindow } from '../core/displays/window-plan.js';
import { pageRotation } from '../core/displays/page-rotation.js';

export { pageRotation };

/**
 * Maps the screen's wall-local pixels (0..w, 0..h) onto its window rect. At 90° (panel turned
 * clockwise) the framebuffer's top-left is the wall rect's top-right, so the picture is turned a
 * quarter counter-clockwise; 270° the reverse.
 */
export function screenAffine(s: PlannedScreen): Affine {
  const { wallRect: w, windowRect: r } = s;
  const rot = pageRotation(s);
  const quarter = rot !== 0;
  const sx = r.width / (quarter ? w.height : w.width);
  const sy = r.height / (quarter ? w.width : w.height);
  if (rot === 90) return affine(0, -sy, sx, 0, r.x, r.y + w.width * sy);
  if (rot === 270) return affine(0, sy, -sx, 0, r.x + w.height * sx, r.y);
  return affine(sx, 0, 0, sy, r.x, r.y);
}

/** Whether a screen shows its wall rect pixel for pixel (no scaling beyond the page's scale). */
export function isOneToOne(s: PlannedScreen): boolean {
  const quarter = pageRotation(s) !== 0;
  const w = quarter ? s.wallRect.height : s.wallRect.width;
  const h = quarter ? s.wallRect.width : s.wallRect.height;
  return w === s.windowRect.width && h === s.windowRect.height;
}

/**
 * Where the scene can skip the viewport texture (viewport.ts): a window that is one screen,
 * unturned, 1:1, filling the whole window and showing the whole viewport (no bezel inside, no
 * margin) gets nothing from sampling the texture per screen. Returns the wall px → window px
 * offset then; null otherwise.
 */
export function directOffset(window: Pick<PlannedWindow, 'screens' | 'bounds' | 'viewport'>): { x: number; y: number } | null {
  const [s, ...others] = window.screens;
  if (!s || others.length > 0 || pageRotation(s) !== 0 || !isOneToOne(s)) return null;
  const { windowRect: r, wallRect: w } = s;
  const same = (a: { x: number; y: number; width: number; height: number }, b: typeof a): boolean => a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;
  const fillsWindow = same(r, { x: 0, y: 0, width: window.bounds.width, height: window.bounds.height });
  return fillsWindow && same(w, window.viewport) ? { x: r.x - w.x, y: r.y - w.y } : null;
}
