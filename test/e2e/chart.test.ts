/**
 * Chart, map and image widgets end to end in system Chromium (SwiftShader WebGL2): data published
 * through the host reaches the widget and changes the pixels of its tile, in the colours the
 * thresholds and the map scale promise. Tiles sit one per screen of node-1's window (row 0).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Rect, Tile, Wall } from '../../src/core/wall/model.js';
import type { PlannedWindow } from '../../src/core/displays/window-plan.js';
import { makeWall } from '../support/wall-fixtures.js';
import { tileRect } from '../../src/core/wall/geometry.js';
import { WallBrowser, capture, debugState, waitFrames, type WallWindow } from '../support/wall-browser.js';
import { THEME, layout, pageConfig, tile, windowFor } from '../support/fixtures.js';
import { pixel, rgb, type Image } from '../support/png.js';

const SCALE = 0.25;

/** Pixels in a rect (image px) within `tolerance` per channel of `color`. */
function countNear(img: Image, r: Rect, color: string, tolerance = 40): number {
  const c = rgb(color);
  let n = 0;
  for (let y = Math.max(0, Math.floor(r.y)); y < Math.min(img.height, r.y + r.height); y++) {
    for (let x = Math.max(0, Math.floor(r.x)); x < Math.min(img.width, r.x + r.width); x++) {
      const [pr, pg, pb] = pixel(img, x, y);
      if (Math.abs(pr - c[0]) <= tolerance && Math.abs(pg - c[1]) <= tolerance && Math.abs(pb - c[2]) <= tolerance) n++;
    }
  }
  return n;
}

/** Pixels that differ by more than `tolerance` in any channel between two captures, in a rect. */
function countChanged(a: Image, b: Image, r: Rect, tolerance = 24): number {
  let n = 0;
  for (let y = Math.max(0, Math.floor(r.y)); y < Math.min(a.height, r.y + r.height); y++) {
    for (let x = Math.max(0, Math.floor(r.x)); x < Math.min(a.width, r.x + r.width); x++) {
      const p = pixel(a, x, y);
      const q = pixel(b, x, y);
      if (Math.abs(p[0] - q[0]) > tolerance || Math.abs(p[1] - q[1]) > tolerance || Math.abs(p[2] - q[2]) > tolerance) n++;
    }
  }
  return n;
}

/** A tile's rect in captured image pixels, optionally a band of it (fractions of its height). */
function imageRect(wall: Wall, win: PlannedWindow, t: Tile, band: [number, number] = [0, 1]): Rect {
  const r = tileRect(wall, layout('x', []), t);
  return {
    x: (r.x - win.viewport.x) * SCALE,
    y: (r.y - win.viewport.y + r.height * band[0]) * SCALE,
    width: r.width * SCALE,
    height: r.height * (band[1] - band[0]) * SCALE,
  };
}

/**
 * Waits in the page (rAF-polled) until a tile has had more than `n` updates. A function, not
 * a string: the page's CSP forbids eval, which a string predicate needs.
 */
async function waitForUpdates(win: WallWindow, id: string, n: number): Promise<void> {
  await win.page.waitForFunction(
    (a) => (window.wallrunDebug?.state().tiles.find((t) => t.id === a.id)?.updates ?? 0) > a.n,
    { id, n },
    { polling: 'raf', timeout: 20_000 },
  );
}

async function publishAndWait(win: WallWindow, tileId: string, publish: () => Promise<void>): Promise<void> {
  const before = (await debugState(win)).tiles.find((t) => t.id === tileId)!.updates;
  await publish();
  await waitForUpdates(win, tileId, before);
  await waitFrames(win, 3);
}

/**
 * Takes the failures a test expects (a 404 it provoked) out of the window's records, after checking
 * they are there, so closeWindows() still fails on anything else, including other failed requests.
 */
function acceptErrors(win: WallWindow, pattern: RegExp): void {
  const expected = [...win.errors, ...win.httpErrors].filter((e) => pattern.test(e));
  expect(expected.length).toBeGreaterThan(0);
  for (const list of [win.errors, win.httpErrors]) {
    const rest = list.filter((e) => !pattern.test(e));
    list.splice(0, list.length, ...rest);
  }
}

const cell = (col: number) => ({ col, row: 0, colSpan: 1, rowSpan: 1 });

describe('chart, map and image widgets', () => {
  let browser: WallBrowser;
  beforeAll(async () => {
    browser = await WallBrowser.start();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('redraws a line chart when its topic changes, in the severity colour past the threshold', async () => {
    const wall = makeWall();
    const line = tile({
      id: 'level', widget: 'chart', cell: cell(0), title: 'Mực nước', topics: ['flood.level.a'],
      props: { kind: 'line', unit: 'cm', min: 0, max: 100, windowS: 900, thresholds: { warning: 60, critical: 80 } },
    });
    const win = windowFor(wall);
    const page = await browser.open(pageConfig({ wall, layouts: [layout('charts', [line])], window: win, scale: SCALE }));
    const now = Date.now();
    await publishAndWait(page, 'level', async () => {
      for (let k = 10; k >= 1; k--) await page.command({ type: 'publish', topic: 'flood.level.a', value: 10 + (k % 3), t: now - k * 60_000 });
    });
    const low = await capture(page);
    // A low line: accent pixels in the lower half of the tile; nothing critical-red in the plot's top band.
    const upperBand = imageRect(wall, win, line, [0.15, 0.35]);
    expect(countNear(low, imageRect(wall, win, line, [0.5, 0.95]), THEME.colors.accent)).toBeGreaterThan(30);
    expect(countNear(low, upperBand, THEME.severity.critical)).toBe(0);

    await publishAndWait(page, 'level', () => page.command({ type: 'publish', topic: 'flood.level.a', value: 97, t: Date.now() }));
    const high = await capture(page);
    expect(countChanged(low, high, imageRect(wall, win, line))).toBeGreaterThan(50);
    // The rise crosses 80: the part above it is drawn in the critical colour, high in the plot.
    expect(countNear(high, upperBand, THEME.severity.critical)).toBeGreaterThan(3);
    await browser.closeWindows();
  });

  it('labels a time axis from its window: hours for a day, days for a month, months for a year', async () => {
    const wall = makeWall();
    const windows = { day: 86_400, month: 30 * 86_400, year: 365 * 86_400 };
    const tiles = Object.entries(windows).map(([id, windowS], i) =>
      tile({ id, widget: 'chart', cell: cell(i), title: id, topics: [`test.axis.${id}`], props: { kind: 'line', unit: 'ca', decimals: 1, windowS } }),
    );
    const page = await browser.open(pageConfig({ wall, layouts: [layout('axes', tiles)], window: windowFor(wall), scale: SCALE }));
    for (const id of Object.keys(windows)) {
      await publishAndWait(page, id, () => page.command({ type: 'publish', topic: `test.axis.${id}`, value: 1234.5, t: Date.now() }));
    }
    const state = await debugState(page);
    const labels = (id: string): string[] => state.tiles.find((t) => t.id === id)!.texts.map((t) => t.text);
    const pattern = { day: /^\d\d:00$/, month: /^\d\d\/\d\d$/, year: /^\d\d\/20\d\d$/ };
    for (const id of Object.keys(windows) as (keyof typeof windows)[]) {
      const ticks = labels(id).filter((t) => pattern[id].test(t));
      expect(ticks.length, `${id}: ${labels(id).join(' | ')}`).toBeGreaterThanOrEqual(3);
      expect(new Set(ticks).size, `${id}: a repeated tick label`).toBe(ticks.length);
    }
    // The 30-day chart no longer reads "07:00 07:00 07:00…"; the value is in Vietnamese conventions.
    expect(labels('month').some((t) => /^\d\d:\d\d$/.test(t))).toBe(false);
    expect(labels('day')).toContain('1.234,5 ca');
    await browser.closeWindows();
  });

  it('renders a gauge, grouped bars and an image placeholder', async () => {
    const wall = makeWall();
    const gauge = tile({
      id: 'aqi', widget: 'chart', cell: cell(0), title: 'AQI', topics: ['env.aqi.a'],
      props: { kind: 'gauge', unit: 'AQI', min: 0, max: 300, thresholds: { warning: 101, critical: 151 } },
    });
    const bars = tile({
      id: 'rain', widget: 'chart', cell: cell(1), title: 'Lượng mưa', topics: ['rain.today', 'rain.yesterday'],
      props: { kind: 'bar', unit: 'mm', min: 0, max: 100, series: ['Hôm nay', 'Hôm qua'], thresholds: { critical: 80 } },
    });
    const image = tile({ id: 'logo', widget: 'image', cell: cell(2), props: { src: 'logos/does-not-exist.png' } });
    const win = windowFor(wall);
    const page = await browser.open(pageConfig({ wall, layouts: [layout('mixed', [gauge, bars, image])], window: win, scale: SCALE }));
    await publishAndWait(page, 'aqi', () => page.command({ type: 'publish', topic: 'env.aqi.a', value: 163 }));
    await publishAndWait(page, 'rain', async () => {
      await page.command({ type: 'publish', topic: 'rain.today', value: { 'Cà Mau': 20, 'Năm Căn': 95 } });
      await page.command({ type: 'publish', topic: 'rain.yesterday', value: { 'Cà Mau': 40, 'Năm Căn': 10 } });
    });
    await page.page.waitForFunction(() => window.wallrunDebug?.state().tiles.every((t) => t.ready), undefined, { polling: 'raf' });
    const img = await capture(page);
    const state = await debugState(page);
    expect(state.tiles.every((t) => !t.placeholder)).toBe(true);
    // Gauge past critical: a red value arc. Bars: one red (95 > 80), others in series colours.
    expect(countNear(img, imageRect(wall, win, gauge), THEME.severity.critical)).toBeGreaterThan(200);
    expect(countNear(img, imageRect(wall, win, bars, [0.2, 1]), THEME.severity.critical)).toBeGreaterThan(200);
    expect(countNear(img, imageRect(wall, win, bars, [0.2, 1]), THEME.colors.accent)).toBeGreaterThan(50);
    // The missing image shows its placeholder (frame, crossed picture, message), not an empty tile.
    expect(countNear(img, imageRect(wall, win, image), THEME.colors.textMuted, 30)).toBeGreaterThan(50);
    acceptErrors(page, /does-not-exist\.png|status of 404/);
    await browser.closeWindows();
  });

  it('colours a map district when its value changes', async () => {
    const wall = makeWall();
    const map = tile({
      id: 'districts', widget: 'map', cell: cell(0), title: 'Cà Mau', topics: ['rain.district.ca-mau'],
      props: { geojson: 'maps/ca-mau-districts.geojson', min: 0, max: 100, label: 'mm' },
    });
    const win = windowFor(wall);
    const page = await browser.open(pageConfig({ wall, layouts: [layout('map', [map])], window: win, scale: SCALE }));
    const all0 = { 'tp-ca-mau': 0, 'u-minh': 0, 'thoi-binh': 0, 'tran-van-thoi': 0, 'cai-nuoc': 0, 'dam-doi': 0, 'nam-can': 0, 'phu-tan': 0, 'ngoc-hien': 0 };
    await publishAndWait(page, 'districts', () => page.command({ type: 'publish', topic: 'rain.district.ca-mau', value: all0 }));
    const before = await capture(page);
    // Above the legend (whose ramp passes through the accent colour).
    const mapBand = imageRect(wall, win, map, [0.05, 0.8]);
    expect(countNear(before, mapBand, THEME.colors.accent, 20)).toBeLessThan(20);

    // 50 is the middle of the scale, which is the theme accent.
    await publishAndWait(page, 'districts', () => page.command({ type: 'publish', topic: 'rain.district.ca-mau', value: { ...all0, 'u-minh': 50 } }));
    const after = await capture(page);
    expect(countNear(after, mapBand, THEME.colors.accent, 20)).toBeGreaterThan(300);
    expect(countChanged(before, after, mapBand)).toBeGreaterThan(300);
    await browser.closeWindows();
  });
});
