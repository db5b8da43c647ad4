/**
 * Where a tile's page content (a web tile's frame, later browser-composited video) goes in the
 * page: pure maths over the same screen mapping the scene is sampled through (screen-transform.ts),
 * so a frame sits exactly where the scene leaves its tile transparent, on rotated and scaled
 * screens alike. Unit-tested.
 *
 * One page element cannot be split across screens the way the scene texture is sampled, so the
 * content goes on the screen holding most of the tile and is clipped to that screen (the lint
 * forbids web tiles crossing a bezel; degraded mode may still move one partly off this window).
 */
import { type Affine, affine, transformRect } from '../../core/wall/affine.js';
import { intersectRect } from '../../core/wall/rect.js';
import type { Rect } from '../../core/wall/model.js';
import type { PlannedScreen } from '../../core/displays/window-plan.js';
import { screenAffine } from '../screen-transform.js';

export interface FramePlacement {
  /** The screen the content shows on. */
  screen: string;
  /** The clip box, page (CSS) px, axis-aligned: the tile's part on that screen. */
  clip: Rect;
  /** The content's own layout size, CSS px of its document: the tile's wall size / zoom. */
  size: { width: number; height: number };
  /** Content px → clip-box px (CSS `matrix(a, b, c, d, tx, ty)`, origin top-left). */
  transform: Affine;
}

/** m1 after m2: x ↦ m1(m2(x)). */
export function compose(m1: Affine, m2: Affine): Affine {
  return affine(
    m1.a * m2.a + m1.c * m2.b,
    m1.b * m2.a + m1.d * m2.b,
    m1.a * m2.c + m1.c * m2.d,
    m1.b * m2.c + m1.d * m2.d,
    m1.a * m2.tx + m1.c * m2.ty + m1.tx,
    m1.b * m2.tx + m1.d * m2.ty + m1.ty,
  );
}

/** Wall px → page px through screen `s` (window px × the page's scale). */
export function wallToPage(s: PlannedScreen, scale: number): Affine {
  const toScreen = affine(1, 0, 0, 1, -s.wallRect.x, -s.wallRect.y);
  return compose(affine(scale, 0, 0, scale, 0, 0), compose(screenAffine(s), toScreen));
}

/**
 * The placement of content filling wall rect `rect` at `zoom` (2: the page drawn twice as large),
 * or null when no screen of the window shows any of it.
 */
export function placeFrame(screens: readonly PlannedScreen[], scale: number, rect: Rect, zoom = 1): FramePlacement | null {
  let best: { s: PlannedScreen; part: Rect } | null = null;
  for (const s of screens) {
    const part = intersectRect(rect, s.wallRect);
    if (part && (!best || part.width * part.height > best.part.width * best.part.height)) best = { s, part };
  }
  if (!best) return null;
  const toPage = wallToPage(best.s, scale);
  const clip = transformRect(toPage, best.part);
  const contentToWall = affine(zoom, 0, 0, zoom, rect.x, rect.y);
  const toClip = affine(1, 0, 0, 1, -clip.x, -clip.y);
  return {
    screen: best.s.screenId,
    clip,
    size: { width: rect.width / zoom, height: rect.height / zoom },
    transform: compose(toClip, compose(toPage, contentToWall)),
  };
}

/** Whether wall rect `rect` lies wholly on one screen of the window (nothing of it behind a bezel or off the window). */
export function onOneScreen(screens: readonly PlannedScreen[], rect: Rect): boolean {
  return screens.some((s) => {
    const part = intersectRect(rect, s.wallRect);
    return part !== null && part.width === rect.width && part.height === rect.height;
  });
}

/** The CSS text of an affine: `matrix(a, b, c, d, tx, ty)`. */
export function cssMatrix(m: Affine): string {
  return `matrix(${m.a}, ${m.b}, ${m.c}, ${m.d}, ${m.tx}, ${m.ty})`;
}
