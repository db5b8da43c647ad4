/**
 * KPI tiles fit their content inside their rect at any size: title on top, the caption (`label`)
 * under it, never in its place, change line at the bottom, the value shrunk to the band between. Proven twice: by the scene's clip state (a tile
 * whose content reaches past its rect is masked, `clipped`, so a KPI that lays itself out right is
 * never clipped), and in pixels: with the mask turned off, the band just outside every tile is
 * page background, while the tile itself is drawn (test/support/tile-pixels.ts). Sizes are small
 * next to the wall's legible text size (a 55" 1080p wall read from 6 m).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WallBrowser, assertClean, waitForState, waitFrames } from '../support/wall-browser.js';
import { THEME, layout, pageConfig, tile, twoScreenWall, windowFor } from '../support/fixtures.js';
import { rgb } from '../support/png.js';
import { fitPixels } from '../support/tile-pixels.js';
import type { Rect } from '../../src/core/wall/model.js';
import { minFontPx } from '../../src/renderer/widgets/legible-font.js';

const SCALE = 0.25;
/** All on screen r1c1 (wall x 3..1923, y 3..1083), at least 80 wall px apart (the pixel check's band is 44). */
const RECTS: Record<string, Rect> = {
  small: { x: 100, y: 100, width: 320, height: 180 },
  tiny: { x: 500, y: 100, width: 240, height: 135 },
  flat: { x: 100, y: 400, width: 700, height: 160 },
  narrow: { x: 900, y: 100, width: 200, height: 500 },
  roomy: { x: 1200, y: 100, width: 600, height: 400 },
};
const THRESHOLDS = { warning: 80, critical: 90, direction: 'above' };
const CAPTION = { vi: 'Sơn La · cập nhật trước 17:00 hằng ngày', en: 'Sơn La · updated daily before 17:00' };
const TILES = Object.entries(RECTS).map(([id, rect]) =>
  tile({ id, widget: 'kpi', rect, topics: [`test.kpi.${id}`], title: { vi: 'Tỷ lệ hồ sơ giải quyết đúng hạn', en: 'On time' }, props: { unit: '%', decimals: 1, thresholds: THRESHOLDS, label: CAPTION } }),
);

describe('kpi layout', () => {
  let browser: WallBrowser;
  beforeAll(async () => {
    browser = await WallBrowser.start();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('keeps title, caption, value and change line inside the tile at every size', async () => {
    const wall = twoScreenWall();
    const plan = windowFor(wall);
    const win = await browser.open(pageConfig({ wall, layouts: [layout('kpis', TILES)], window: plan, scale: SCALE }));
    await win.ready();
    for (const value of [87.25, 93.75]) {
      await win.page.evaluate(
        ({ ids, v }) => {
          for (const id of ids) window.wallrunDebug!.publish(`test.kpi.${id}`, v);
        },
        { ids: Object.keys(RECTS), v: value },
      );
    }
    // Both values in (the change line shows), then a frame for the clip check to run on them.
    await waitForState(win, (s) => s.tiles.every((t) => t.updates >= 1 && t.lastUpdate !== null));
    await waitFrames(win, 2);
    const state = await waitForState(win, () => true);
    expect(state.tiles.map((t) => [t.id, t.clipped])).toEqual(Object.keys(RECTS).map((id) => [id, false]));
    // Every tile names its measure where it has room: the title in full or shortened with an
    // ellipsis (never drawn under the wall's legible size), the caption under it on the roomy tile,
    // and the value in Vietnamese conventions (decimal comma) on every tile.
    const min = minFontPx(wall);
    const title = 'Tỷ lệ hồ sơ giải quyết đúng hạn';
    for (const t of state.tiles) {
      const byLabel = Object.fromEntries(t.texts.map((x) => [x.label, x]));
      expect(byLabel.value?.text, t.id).toBe('93,8');
      if (byLabel.title) expect(title.startsWith(byLabel.title.text.replace(/…$/, '')), t.id).toBe(true);
      for (const x of t.texts) expect(x.fontSizePx, `${t.id}: ${x.text}`).toBeGreaterThanOrEqual(min - 0.5);
    }
    const roomy = Object.fromEntries(state.tiles.find((t) => t.id === 'roomy')!.texts.map((x) => [x.label, x]));
    expect(roomy.title?.text).toBe(title);
    // The caption under it, shortened to the width rather than drawn smaller.
    expect(CAPTION.vi.startsWith(roomy.caption!.text.replace(/…$/, '')) && roomy.caption!.text.length > 10).toBe(true);
    expect(roomy.footer?.text).toContain('ngưỡng cảnh báo 80%');
    // In pixels, mask off: nothing of any tile outside its rect, and every tile drawn inside it.
    const pixels = await fitPixels(win, plan, SCALE, RECTS, rgb(THEME.colors.background));
    for (const [id, p] of Object.entries(pixels)) {
      expect(p.outside, `${id}: pixels painted outside its rect`).toBe(0);
      expect(p.inside, `${id}: pixels drawn inside its rect`).toBeGreaterThan(100);
    }
    assertClean(win);
    await win.destroy();
  });

  it('uses a 1920 × 540 strip: value large, the change and the target under it, the trend beside it', async () => {
    const wall = twoScreenWall();
    const plan = windowFor(wall);
    const strip = tile({
      id: 'strip', widget: 'kpi', rect: { x: 3, y: 3, width: 1920, height: 540 }, topics: ['test.kpi.strip'],
      title: { vi: 'Cà Mau · Sự cố giao thông hôm nay' }, props: { unit: 'vụ', target: 2, thresholds: { warning: 5, critical: 8, direction: 'above' } },
    });
    const win = await browser.open(pageConfig({ wall, layouts: [layout('strip', [strip])], window: plan, scale: SCALE }));
    await win.ready();
    await win.page.evaluate(() => {
      for (const v of [0, 1, 1, 2, 3]) window.wallrunDebug!.publish('test.kpi.strip', v);
    });
    const state = await waitForState(win, (s) => s.tiles[0]!.texts.some((x) => x.label === 'value' && x.text === '3'));
    const t = state.tiles[0]!;
    const by = Object.fromEntries(t.texts.map((x) => [x.label, x]));
    expect(by.title?.text).toBe('Cà Mau · Sự cố giao thông hôm nay');
    expect(by.footer?.text).toBe('▲ 1 vụ · mục tiêu 2 vụ');
    // The value is drawn well above the legible minimum: the space goes to the number, not to margins.
    expect(by.value!.fontSizePx).toBeGreaterThan(2.5 * minFontPx(wall));
    expect(t.clipped).toBe(false);
    assertClean(win);
    await win.destroy();
  });

  it('draws the value in tabular figures: 11,1 and 44,4 are equally wide', async () => {
    const wall = twoScreenWall();
    const plan = windowFor(wall);
    const rect = (x: number): Rect => ({ x, y: 100, width: 600, height: 400 });
    const tiles = ['ones', 'fours'].map((id, i) => tile({ id, widget: 'kpi', rect: rect(100 + i * 700), topics: [`test.kpi.${id}`], title: 'Tỷ lệ', props: { decimals: 1 } }));
    const win = await browser.open(pageConfig({ wall, layouts: [layout('tabular', tiles)], window: plan, scale: SCALE }));
    await win.ready();
    await win.page.evaluate(() => {
      window.wallrunDebug!.publish('test.kpi.ones', 11.1);
      window.wallrunDebug!.publish('test.kpi.fours', 44.4);
    });
    const state = await waitForState(win, (s) => s.tiles.every((t) => t.texts.some((x) => x.label === 'value' && x.text !== '–')));
    const value = (id: string) => state.tiles.find((t) => t.id === id)!.texts.find((x) => x.label === 'value')!;
    expect([value('ones').text, value('fours').text]).toEqual(['11,1', '44,4']);
    expect(Math.abs(value('ones').width - value('fours').width)).toBeLessThan(1);
    assertClean(win);
    await win.destroy();
  });
});

