/**
 * Where each screen's part of the wall goes in its window: pure maths (no pixi), unit-tested.
 */
import { affine, type Affine } from '../core/wall/affine.js';
import type { PlannedScreen } from '../core/displays/window-plan.js';
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
