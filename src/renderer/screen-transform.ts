/**
 * Where each screen's part of the wall goes in its window: pure maths (no pixi), unit-tested.
 */
import { affine, type Affine } from '../core/wall/affine.js';
import type { PlannedScreen } from '../core/displays/window-plan.js';

/**
 * The rotation the page must apply itself. A desktop the OS already rotated gives a window rect
 * shaped like the wall rect (portrait for a 90° panel): nothing to do. A window rect transposed
 * against the wall rect means the OS scans out unrotated, so the page turns the picture. 180°
 * cannot be told apart this way; the OS is expected to handle it (as assumedDisplays assumes).
 */
export function pageRotation(s: PlannedScreen): 0 | 90 | 270 {
  if (s.rotation !== 90 && s.rotation !== 270) return 0;
  const wallPortrait = s.wallRect.height > s.wallRect.width;
  const windowPortrait = s.windowRect.height > s.windowRect.width;
  return wallPortrait === windowPortrait ? 0 : s.rotation;
}

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
