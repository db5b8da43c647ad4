/**
 * Windows over several screens: a tile crossing a bezel is hidden behind it, not squeezed, and
 * lines up on both sides; a panel turned 90° on an unrotated desktop is drawn turned; review mode
 * shows the whole wall with the bezels.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeWall } from '../support/wall-fixtures.js';
import { wallBounds } from '../../src/core/wall/geometry.js';
import type { PlannedWindow } from '../../src/core/displays/window-plan.js';
import { WallBrowser, capture } from '../support/wall-browser.js';
import { THEME, layout, pageConfig, tile, windowFor } from '../support/fixtures.js';
import { countDiffering, pixel, rgb, type Image } from '../support/png.js';

const SURFACE = rgb(THEME.colors.surface);
const BACKGROUND = rgb(THEME.colors.background);
const BEZEL = rgb(THEME.colors.bezel);
const near = (p: readonly number[], c: readonly number[], tol = 3): boolean => c.every((v, i) => Math.abs(v - p[i]!) <= tol);

/** 1.26 mm bezels = 2 wall px per edge: at scale 0.5 every screen edge falls on a whole page px. */
const wall = makeWall({ columns: 2, rows: 1, bezelMm: 1.26 });
const S = 0.5;
// Screen 1 lights wall x 2..1922, screen 2 wall x 1926..3846; 4 wall px between are bezel.
const crossing = layout('crossing', [
  tile({ id: 'band', widget: 'kpi', rect: { x: 1500, y: 200, width: 900, height: 600 }, props: {} }),
  tile({
    id: 'words',
    widget: 'text',
    rect: { x: 1000, y: 820, width: 1900, height: 240 },
    props: { text: 'ĐƯỜNG LÝ THƯỜNG KIỆT — CẦU GÀNH HÀO', fontSizePx: 150, align: 'center' },
  }),
]);

/** Share of pixels that differ between same-sized rects of two images (top-left given per image). */
function mismatch(a: Image, at: { x: number; y: number }, b: Image, bt: { x: number; y: number }, width: number, height: number): number {
  let bad = 0;
  for (let j = 0; j < height; j++) {
    for (let i = 0; i < width; i++) if (!near(pixel(a, at.x + i, at.y + j), pixel(b, bt.x + i, bt.y + j), 24)) bad++;
  }
  return bad / (width * height);
}

describe('viewport', () => {
  let browser: WallBrowser;
  beforeAll(async () => {
    browser = await WallBrowser.start();
  });
  afterEach(async () => {
    await browser?.closeWindows();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('hides the part of a tile behind the bezel and lines it up on both screens', async () => {
    const window = windowFor(wall, 'node-1');
    expect(window.screens.map((s) => s.windowRect.x)).toEqual([0, 1920]);
    const img = await capture(await browser.open(pageConfig({ wall, layouts: [crossing], window, scale: S })));
    const y = 780 * S; // the band's lower part: plain surface, no text
    // Left edge: wall 1500 → window 1498 on screen 1.
    expect(near(pixel(img, 1498 * S - 2, y), BACKGROUND)).toBe(true);
    expect(near(pixel(img, 1498 * S + 2, y), SURFACE)).toBe(true);
    // Right edge: wall 2400 → 474 px into screen 2 → window 2394. Squeezing the bezel would put it at 2398.
    expect(near(pixel(img, 2394 * S - 1, y), SURFACE)).toBe(true);
    expect(near(pixel(img, 2394 * S + 1, y), BACKGROUND)).toBe(true);
    // Both sides of the seam are surface: the band continues on screen 2.
    expect(near(pixel(img, 1920 * S - 1, y), SURFACE)).toBe(true);
    expect(near(pixel(img, 1920 * S, y), SURFACE)).toBe(true);

    // The same wall in review mode (screens at their wall positions, bezels drawn between).
    const review = await capture(await browser.open(pageConfig({ wall, layouts: [crossing], window, scale: S, review: true })));
    const b = wallBounds(wall);
    expect(review.width).toBe(b.width * S);
    // The bezel gap in review: wall x 1922..1926 → page 961..963, in the bezel colour.
    expect(near(pixel(review, 962, y), BEZEL)).toBe(true);
    // Every screen's pixels equal the review's pixels at that screen's wall position: the text
    // crossing the seam is cut, not shifted or squeezed, on both sides.
    const textRows = { y: 820 * S, height: 240 * S };
    expect(countDiffering(img, { x: 1700 * S, y: textRows.y, width: 220 * S, height: textRows.height }, SURFACE, 40)).toBeGreaterThan(50);
    expect(countDiffering(img, { x: 1920 * S, y: textRows.y, width: 220 * S, height: textRows.height }, SURFACE, 40)).toBeGreaterThan(50);
    for (const s of window.screens) {
      const inWindow = { x: s.windowRect.x * S, y: s.windowRect.y * S };
      const inReview = { x: (s.wallRect.x - b.x) * S, y: (s.wallRect.y - b.y) * S };
      expect(mismatch(img, inWindow, review, inReview, s.wallRect.width * S, s.wallRect.height * S)).toBeLessThan(0.0005);
    }
  });

  it('turns the picture for a panel mounted at 90° on an unrotated desktop', async () => {
    const portrait = { x: 0, y: 0, width: 1080, height: 1920 };
    const window: PlannedWindow = {
      id: 'node-1/w0',
      node: 'node-1',
      bounds: { x: 0, y: 0, width: 1920, height: 1080 },
      screens: [{ screenId: 'r1c1', displayId: 1, windowRect: { x: 0, y: 0, width: 1920, height: 1080 }, wallRect: portrait, rotation: 90 }],
      viewport: portrait,
    };
    // A band along the top of the portrait screen...
    const top = layout('top', [tile({ id: 'top', widget: 'kpi', rect: { x: 0, y: 0, width: 1080, height: 400 }, props: {} })]);
    const img = await capture(await browser.open(pageConfig({ layouts: [top], window, scale: 0.25 })));
    // ...is the left 400 px of the unrotated framebuffer, over its full height.
    for (const y of [10, 135, 260]) {
      expect(near(pixel(img, 395 / 4, y), SURFACE), `y ${y}`).toBe(true);
      expect(near(pixel(img, 405 / 4, y), BACKGROUND), `y ${y}`).toBe(true);
    }
  });
});
