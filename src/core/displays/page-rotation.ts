/**
 * Whether a window's picture of a screen is turned against the wall: the renderer turns what it
 * draws by this (src/renderer/screen-transform.ts), and the hub tells consoles how to turn a
 * thumbnail's crop back (src/hub/wall-plan.ts). Pure maths.
 */
import type { PlannedScreen } from './window-plan.js';

/**
 * The rotation the page must apply itself. A desktop the OS already rotated gives a window rect
 * shaped like the wall rect (portrait for a 90° panel): nothing to do. A window rect transposed
 * against the wall rect means the OS scans out unrotated, so the page turns the picture. 180°
 * cannot be told apart this way; the OS is expected to handle it (as assumedDisplays assumes).
 */
export function pageRotation(s: Pick<PlannedScreen, 'rotation' | 'wallRect' | 'windowRect'>): 0 | 90 | 270 {
  if (s.rotation !== 90 && s.rotation !== 270) return 0;
  const wallPortrait = s.wallRect.height > s.wallRect.width;
  const windowPortrait = s.windowRect.height > s.windowRect.width;
  return wallPortrait === windowPortrait ? 0 : s.rotation;
}
