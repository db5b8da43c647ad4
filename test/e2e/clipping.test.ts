/**
 * Tile clipping in a real page: a text tile whose long unbreakable title wraps far above and below
 * its rect (font much larger than the tile) sits over a kpi tile. Its content must stay inside its
 * own rect: the neighbour kpi looks exactly as it does alone, the background around is untouched,
 * the tile itself shows text. The same page with clipping turned off (the bench's lever) proves
 * the title does overflow, so the checks can fail. Degraded mode moves the tile to the other
 * screen: the clip follows it there.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WallBrowser, capture, waitForState, waitFrames, type WallWindow } from '../support/wall-browser.js';
import { THEME, layout, pageConfig, tile, twoScreenWall, windowFor } from '../support/fixtures.js';
import { countDiffering, pixel, rgb, type Image } from '../support/png.js';
import type { Rect } from '../../src/core/wall/model.js';
import type { WallDebugState } from '../../src/core/page/debug-hook.js';

const S = 0.25;
const BACKGROUND = rgb(THEME.colors.background);

// 2 × 1 wall, 3 px bezels: r1c1 shows wall x 3..1923, r1c2 wall x 1929..3849; both y 3..1083.
const wall = twoScreenWall();
const TITLE: Rect = { x: 403, y: 403, width: 600, height: 200 };
const BELOW: Rect = { x: 403, y: 623, width: 600, height: 300 };
// 24 × "W" at 160 px: about four per 600 px line, so six lines (~1200 px) centred on a 200 px tile.
const title = tile({ id: 'title', widget: 'text', priority: 'critical', rect: TITLE, props: { text: 'W'.repeat(24), fontSizePx: 160 } });
const below = tile({ id: 'below', widget: 'kpi', rect: BELOW, topics: ['test.kpi.other'], title: { vi: 'Bên dưới', en: 'Below' } });
const overflowing = layout('overflowing', [title, below]);
const alone = layout('alone', [below]);

/** A wall rect in image px (window x = wall x - 3 on r1c1, - 9 on r1c2; y = wall y - 3). */
const img = (r: Rect): Rect => ({ x: (r.x - (r.x >= 1929 ? 9 : 3)) * S, y: (r.y - 3) * S, width: r.width * S, height: r.height * S });
/** `r` shrunk by `d` wall px on every side (edges are antialiased). */
const inset = (r: Rect, d: number): Rect => ({ x: r.x + d, y: r.y + d, width: r.width - 2 * d, height: r.height - 2 * d });
/** Wall rect between y0 and y1 over the columns of `r`. */
const band = (r: Rect, y0: number, y1: number): Rect => ({ x: r.x, y: y0, width: r.width, height: y1 - y0 });

/** Pixels of rect `r` (image px) that differ between two captures by more than `tol` on a channel. */
function differing(a: Image, b: Image, r: Rect, tol = 12): number {
  let n = 0;
  for (let y = Math.ceil(r.y); y < Math.floor(r.y + r.height); y++) {
    for (let x = Math.ceil(r.x); x < Math.floor(r.x + r.width); x++) {
      const p = pixel(a, x, y);
      const q = pixel(b, x, y);
      if (p.some((v, i) => i < 3 && Math.abs(v - q[i]!) > tol)) n++;
    }
  }
  return n;
}

const tileOf = (s: WallDebugState, id: string) => s.tiles.find((t) => t.id === id);

async function setClipping(win: WallWindow, mode: 'overflow' | 'always' | 'off'): Promise<void> {
  await win.page.evaluate((m) => window.wallrunDebug!.setTileClipping(m), mode);
  await waitFrames(win, 1);
}

describe('tile clipping', () => {
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

  it('keeps an overflowing title inside its tile, and follows the tile when degraded mode moves it', async () => {
    const window = windowFor(wall, 'node-1');
    const win = await browser.open(pageConfig({ wall, layouts: [alone, overflowing], window, scale: S, initialLayout: 'alone' }));
    const reference = await capture(win); // the kpi alone

    await win.command({ type: 'switchLayout', layout: 'overflowing' });
    const state = await waitForState(win, (s) => s.layout === 'overflowing' && s.tiles.every((t) => t.ready));
    // Only the overflowing tile is masked; the kpi fits its rect and costs no stencil.
    expect(state.tiles.map((t) => [t.id, t.clipped])).toEqual([['title', true], ['below', false]]);
    const above = band(TITLE, 23, TITLE.y - 20); // background between the screen's top and the title
    const clipped = await capture(win);
    expect(countDiffering(clipped, img(inset(TITLE, 4)), BACKGROUND), 'title shows text').toBeGreaterThan(50);
    expect(differing(clipped, reference, img(inset(BELOW, -4))), 'the kpi below as it is alone').toBe(0);
    expect(countDiffering(clipped, img(above), BACKGROUND), 'background above the title').toBe(0);

    // Masking every tile draws the same picture: the kpi's mask changes nothing where it fits.
    await setClipping(win, 'always');
    expect((await waitForState(win, (s) => s.tiles.every((t) => t.clipped))).tiles).toHaveLength(2);
    const all = await capture(win);
    expect(differing(all, clipped, { x: 0, y: 0, width: all.width, height: all.height }), 'always = overflow').toBe(0);

    // The control: unclipped, the same title paints over both.
    await setClipping(win, 'off');
    const loose = await capture(win);
    expect(differing(loose, reference, img(inset(BELOW, -4))), 'unclipped title over the kpi').toBeGreaterThan(50);
    expect(countDiffering(loose, img(above), BACKGROUND), 'unclipped title above').toBeGreaterThan(50);
    await setClipping(win, 'overflow');

    // r1c1 dies: the critical title moves to the same place on r1c2, and its clip with it.
    await win.command({ type: 'setDeadScreens', screens: ['r1c1'] });
    const during = await waitForState(win, (s) => tileOf(s, 'title')?.degraded === 'moved');
    const moved = tileOf(during, 'title')!;
    expect(moved.rect.x).toBeGreaterThanOrEqual(1929);
    expect(moved.clipped).toBe(true);
    await waitFrames(win, 1);
    const after = await capture(win);
    expect(countDiffering(after, img(inset(moved.rect, 4)), BACKGROUND), 'title at its new rect').toBeGreaterThan(50);
    const aroundMoved = [band(moved.rect, 23, moved.rect.y - 20), band(moved.rect, moved.rect.y + moved.rect.height + 20, 1063)];
    for (const r of aroundMoved) expect(countDiffering(after, img(r), BACKGROUND), `background around the moved title ${JSON.stringify(r)}`).toBe(0);
    expect(countDiffering(after, img(inset(TITLE, -20)), BACKGROUND), 'nothing left at the old rect').toBe(0);
  });
});
