/**
 * The map widget end to end (system Chromium, SwiftShader):
 * - it lays itself out inside its tile rect at the sizes the shipped layouts give it (2 × 2, 4 × 2
 *   and 4 × 4 cells) and smaller, narrow and wide ones, with values and with districts lacking one, so
 *   the tile's mask (the safety net) is never needed: `clipped` stays false, and in pixels, with the
 *   mask turned off, the band just outside every tile is page background (test/support/tile-pixels.ts);
 * - GeoJSON Point and MultiPoint features are drawn as markers in the colour of their value: the
 *   colour docs/formats.md gives for it, computed by the test (test/support/lab-scale.ts) from the
 *   theme's colours, never by the widget's own scale.
 * The page serves a temporary assets folder: the shipped Cà Mau districts and the test's fixture.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Rect, Tile } from '../../src/core/wall/model.js';
import { makeWall } from '../support/wall-fixtures.js';
import { WallBrowser, capture, debugState, waitForState, type WallWindow } from '../support/wall-browser.js';
import { THEME, layout, pageConfig, tile, windowFor } from '../support/fixtures.js';
import { fitPixels } from '../support/tile-pixels.js';
import { pixel, rgb, type Image } from '../support/png.js';
import { mixLab, stopsColor } from '../support/lab-scale.js';

const DISTRICTS = ['tp-ca-mau', 'u-minh', 'thoi-binh', 'tran-van-thoi', 'cai-nuoc', 'dam-doi', 'nam-can', 'phu-tan', 'ngoc-hien'];
/** One screen of makeWall() is 1920 px wide plus bezels of about 5.6 px each side. */
const SCREEN_X = (i: number): number => Math.round(i * 1925.6) + 8;

async function publish(win: WallWindow, topic: string, value: unknown, tileIds: string[]): Promise<void> {
  const before = new Map((await debugState(win)).tiles.map((t) => [t.id, t.updates]));
  await win.command({ type: 'publish', topic, value });
  await waitForState(win, (s) => tileIds.every((id) => (s.tiles.find((t) => t.id === id)?.updates ?? 0) > (before.get(id) ?? 0)));
}

describe('map widget', () => {
  let browser: WallBrowser;
  let assets: string;
  beforeAll(async () => {
    assets = mkdtempSync(join(tmpdir(), 'wallrun-map-'));
    mkdirSync(join(assets, 'maps'));
    copyFileSync(new URL('../../assets/maps/ca-mau-districts.geojson', import.meta.url), join(assets, 'maps', 'ca-mau-districts.geojson'));
    copyFileSync(new URL('./fixtures/map-points.geojson', import.meta.url), join(assets, 'maps', 'points.geojson'));
    browser = await WallBrowser.start({ assetsDir: assets });
  });
  afterEach(async () => {
    await browser?.closeWindows();
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(assets, { recursive: true, force: true });
  });

  it('fits every part of the map inside its tile at the shipped sizes', async () => {
    // One node drives the whole 6 × 3 wall: one window shows every tile and the band around it.
    const wall = makeWall({ nodes: 'single' });
    // The shipped map tiles (layouts/*.yaml: 2 × 2 sub-cells of a 1920 × 1080 screen, so 2 × 2, 4 × 2
    // and 4 × 4 cells are one screen, two screens wide and 2 × 2 screens), then harder ones.
    const shipped: [string, number, number][] = [['cells-2x2', 1925, 1080], ['cells-4x2', 3850, 1080], ['cells-4x4', 3850, 2160]];
    const harder: [string, number, number][] = [['half', 950, 530], ['narrow', 480, 900], ['wide', 1900, 300], ['small', 420, 300]];
    // 60 wall px from the wall's edge and between tiles: room for the pixel check's band (44 px).
    const tiles = (sizes: [string, number, number][]): Tile[] => {
      let x = 60;
      return sizes.map(([id, width, height], i) => {
        const t = tile({
          id, widget: 'map', rect: { x, y: 60, width, height },
          title: { vi: 'Cà Mau · Hồ sơ dịch vụ công trực tuyến hôm nay theo huyện', en: 'x' },
          topics: [i % 2 ? 'map.partial' : 'map.all'],
          props: { geojson: 'maps/ca-mau-districts.geojson', min: 0, max: 2000, label: { vi: 'hồ sơ đã tiếp nhận', en: 'applications' } },
        });
        x += width + 60;
        return t;
      });
    };
    const layouts = [layout('shipped', tiles(shipped)), layout('harder', tiles(harder))];
    const plan = windowFor(wall);
    const win = await browser.open(pageConfig({ wall, layouts, window: plan, scale: 0.25 }));
    const all = Object.fromEntries(DISTRICTS.map((d, i) => [d, i * 211.5]));
    // Some districts lack a value: the legend grows its "no data" entry.
    const partial = Object.fromEntries(DISTRICTS.slice(0, 4).map((d, i) => [d, 1000 + i * 333]));
    for (const [id, sizes] of [['shipped', shipped], ['harder', harder]] as const) {
      if (id !== 'shipped') await win.command({ type: 'switchLayout', layout: id });
      await waitForState(win, (s) => s.layout === id && s.tiles.every((t) => t.ready));
      await publish(win, 'map.all', all, sizes.filter((_, i) => i % 2 === 0).map(([t]) => t));
      if (sizes.length > 1) await publish(win, 'map.partial', partial, sizes.filter((_, i) => i % 2 === 1).map(([t]) => t));
      const state = await waitForState(win, (s) => s.tiles.every((t) => t.updates > 0));
      expect(state.tiles.map((t) => [t.id, t.clipped])).toEqual(sizes.map(([t]) => [t, false]));
      const rects = Object.fromEntries(layouts.find((l) => l.id === id)!.tiles.map((t) => [t.id, t.rect!]));
      const pixels = await fitPixels(win, plan, 0.25, rects, rgb(THEME.colors.background));
      for (const [tileId, p] of Object.entries(pixels)) {
        expect(p.outside, `${tileId}: pixels painted outside its rect`).toBe(0);
        expect(p.inside, `${tileId}: pixels drawn inside its rect`).toBeGreaterThan(1000);
      }
    }
  });

  it('draws point markers in the colour of their value, no-data ones muted', async () => {
    const wall = makeWall();
    const S = 0.5;
    const rect: Rect = { x: SCREEN_X(0), y: 10, width: 1200, height: 1000 };
    const map = tile({
      id: 'points', widget: 'map', rect, title: 'Camera', topics: ['map.points'],
      props: { geojson: 'maps/points.geojson', min: 0, max: 100, label: 'điểm' },
    });
    const window = windowFor(wall);
    const win = await browser.open(pageConfig({ wall, layouts: [layout('points', [map])], window, scale: S }));
    await waitForState(win, (s) => s.tiles.every((t) => t.ready));
    await publish(win, 'map.points', { area: 0, 'cam-a': 100, 'cam-b': 50, stations: 75 }, ['points']);
    const state = await waitForState(win, (s) => s.tiles[0]!.updates > 0);
    expect(state.tiles[0]!.clipped).toBe(false);
    const img = await capture(win);

    // The fixture's square (value 0) spans the fitted map: find it as the longest run of its colour
    // down the tile's middle column, then across its middle row (points sit at 25 % and 75 %).
    // Expected colours from the ramp docs/formats.md states (map) and the theme's declared colours,
    // interpolated by the test's own L*a*b* code: never by the widget's colour scale.
    const c = THEME.colors;
    const stops = [mixLab(c.surface, c.accent, 0.3), c.accent, c.text];
    const color = (v: number): string => stopsColor(stops, [0, 100], v);
    const tileImg = { x: (rect.x - window.viewport.x) * S, y: (rect.y - window.viewport.y) * S, width: rect.width * S, height: rect.height * S };
    const [y0, y1] = longestRun(img, color(0), (i) => [Math.round(tileImg.x + tileImg.width / 2), Math.round(tileImg.y + i)], tileImg.height);
    const midY = Math.round(tileImg.y + (y0 + y1) / 2);
    const [x0, x1] = longestRun(img, color(0), (i) => [Math.round(tileImg.x + i), midY], tileImg.width);
    expect(x1 - x0, 'square found across').toBeGreaterThan(100);
    expect(y1 - y0, 'square found down').toBeGreaterThan(100);
    /** Image px of fixture coordinates (planar, y up, 0..1000 over the square). */
    const at = (fx: number, fy: number): [number, number] => [
      Math.round(tileImg.x + x0 + (fx / 1000) * (x1 - x0)), Math.round(tileImg.y + y0 + (1 - fy / 1000) * (y1 - y0)),
    ];
    const expected: [string, [number, number], string][] = [
      ['A = 100', at(250, 750), color(100)],
      ['B = 50', at(750, 750), color(50)],
      ['C, no value', at(250, 250), THEME.colors.textMuted],
      ['D = 75 (MultiPoint)', at(750, 250), color(75)],
      ['D = 75, second point', at(900, 100), color(75)],
    ];
    for (const [what, [x, y], c] of expected) expect(near(img, x, y, c), `${what} at ${x},${y}: ${pixel(img, x, y).join(',')}`).toBe(true);
  });
});

/** A pixel (or one of its 4 neighbours: marker centres round to either side) within 30 of `color`. */
function near(img: Image, x: number, y: number, color: string): boolean {
  const c = rgb(color);
  return [[0, 0], [1, 0], [-1, 0], [0, 1], [0, -1]].some(([dx, dy]) => {
    const p = pixel(img, x + dx!, y + dy!);
    return c.every((v, i) => Math.abs(v - p[i]!) <= 30);
  });
}

/** The longest run of pixels within 12 of `color` along a line: [first, last] step index. */
function longestRun(img: Image, color: string, point: (i: number) => [number, number], steps: number): [number, number] {
  const c = rgb(color);
  let best: [number, number] = [0, -1];
  let start = -1;
  for (let i = 0; i <= steps; i++) {
    const [x, y] = point(i);
    const p = i < steps ? pixel(img, x, y) : [-999, 0, 0];
    const hit = c.every((v, k) => Math.abs(v - p[k]!) <= 12);
    if (hit && start < 0) start = i;
    if (!hit && start >= 0) {
      if (i - 1 - start > best[1] - best[0]) best = [start, i - 1];
      start = -1;
    }
  }
  return best;
}
