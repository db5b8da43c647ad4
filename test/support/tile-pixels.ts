/**
 * Pixel proof that a tile's content fits its rect, for the "fits inside its tile" tests
 * (test/e2e/kpi-fit.test.ts, test/e2e/map.test.ts). The renderer's own `clipped` flag is its
 * opinion of its bounds; these helpers look at what was drawn instead: with the tile mask turned
 * off (the bench's lever, `wallrunDebug.setTileClipping('off')`), anything a widget lays out past
 * its rect is painted there, so a band just outside the rect that is all page background proves
 * the content stayed in. Wall rects map to captured image px through the window's screens, one
 * piece per screen (bezels between screens are never drawn).
 */
import type { PlannedWindow } from '../../src/core/displays/window-plan.js';
import type { Rect } from '../../src/core/wall/model.js';
import { countDiffering, type Image } from './png.js';
import { capture, waitFrames, type WallWindow } from './wall-browser.js';

/** A wall rect (wall px) as captured image px: one piece per screen of `window` it overlaps. */
export function imagePieces(window: PlannedWindow, r: Rect, scale: number): Rect[] {
  const pieces: Rect[] = [];
  for (const s of window.screens) {
    if (s.rotation !== 0) throw new Error(`imagePieces: rotated screen ${s.screenId} not supported`);
    const w = s.wallRect;
    const x0 = Math.max(r.x, w.x);
    const y0 = Math.max(r.y, w.y);
    const x1 = Math.min(r.x + r.width, w.x + w.width);
    const y1 = Math.min(r.y + r.height, w.y + w.height);
    if (x1 <= x0 || y1 <= y0) continue;
    const sx = s.windowRect.width / w.width;
    const sy = s.windowRect.height / w.height;
    pieces.push({
      x: (s.windowRect.x + (x0 - w.x) * sx) * scale,
      y: (s.windowRect.y + (y0 - w.y) * sy) * scale,
      width: (x1 - x0) * sx * scale,
      height: (y1 - y0) * sy * scale,
    });
  }
  return pieces;
}

/** The band from `gap` to `gap + depth` wall px outside `r`, as four rects (wall px). */
export function bandAround(r: Rect, gap: number, depth: number): Rect[] {
  const o = gap + depth;
  return [
    { x: r.x - o, y: r.y - o, width: r.width + 2 * o, height: depth },
    { x: r.x - o, y: r.y + r.height + gap, width: r.width + 2 * o, height: depth },
    { x: r.x - o, y: r.y - gap, width: depth, height: r.height + 2 * gap },
    { x: r.x + r.width + gap, y: r.y - gap, width: depth, height: r.height + 2 * gap },
  ];
}

/** `r` shrunk by `d` wall px on every side. */
export function inset(r: Rect, d: number): Rect {
  return { x: r.x + d, y: r.y + d, width: r.width - 2 * d, height: r.height - 2 * d };
}

export interface FitPixels {
  /** Pixels of the band outside the rect that differ from the background (0 when it fits). */
  outside: number;
  /** Pixels inside the rect that differ from the background (the tile was drawn where expected). */
  inside: number;
}

/**
 * Captures `win` with the tile mask off and counts, per tile rect, non-background pixels in the
 * band 4..44 wall px outside it (from the first whole image px past the rect's edge at scale 0.25,
 * so the edge pixel the rect shares is left out) and inside it. Tiles must lie at least 44 wall px
 * apart. The mask goes back on after.
 */
export async function fitPixels(
  win: WallWindow,
  plan: PlannedWindow,
  scale: number,
  rects: Record<string, Rect>,
  background: [number, number, number],
): Promise<Record<string, FitPixels>> {
  await win.page.evaluate(() => window.wallrunDebug!.setTileClipping('off'));
  await waitFrames(win, 1);
  const img: Image = await capture(win);
  await win.page.evaluate(() => window.wallrunDebug!.setTileClipping('overflow'));
  const count = (r: Rect): number => imagePieces(plan, r, scale).reduce((n, p) => n + countDiffering(img, p, background), 0);
  return Object.fromEntries(
    Object.entries(rects).map(([id, r]) => [id, { outside: bandAround(r, 4, 40).reduce((n, b) => n + count(b), 0), inside: count(inset(r, 4)) }]),
  );
}
