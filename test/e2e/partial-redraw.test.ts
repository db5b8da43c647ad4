/**
 * Partial redraw (src/renderer/partial-redraw.ts) on both backends, end to end in system Chromium:
 * frames where only some tiles changed redraw only those tiles (under a clip on the 2D canvas, in
 * scissor boxes on WebGL: redraw-clip.ts), and what those frames leave on the canvas is pixel for
 * pixel what a whole redraw of the same state shows. What the
 * page does outside a changed tile is nothing: so a missed change would leave a stale picture,
 * which the comparison catches.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WallBrowser, capture, debugState, waitForState, type WallWindow } from '../support/wall-browser.js';
import { layout, pageConfig, tile, twoScreenWall, windowFor } from '../support/fixtures.js';
import type { Wall } from '../../src/core/wall/model.js';
import { changedPixels, type Image } from '../support/png.js';
import { makeWall } from '../support/wall-fixtures.js';

const SCALE = 0.25;
const cell = (col: number, row: number) => ({ col, row, colSpan: 1, rowSpan: 1 });

/** The canvas as the page left it, without rendering. */
async function readCanvas(win: WallWindow): Promise<Image | null> {
  const c = await win.page.evaluate(() => window.wallrunDebug!.readCanvas());
  return c && { width: c.width, height: c.height, data: new Uint8Array(Buffer.from(c.rgba, 'base64')) };
}

/** Publishes to tile `id`'s topic and waits until the page has rendered a frame after the tile's update. */
async function publishShown(win: WallWindow, id: string, topic: string, value: unknown): Promise<void> {
  const before = await debugState(win);
  const updates = (s: typeof before): number => s.tiles.find((t) => t.id === id)!.updates;
  await win.page.evaluate(([t, v]) => window.wallrunDebug!.publish(t as string, v as number), [topic, value] as const);
  await waitForState(win, (s, b) => updates(s) > updates(b) && s.render.rendered > b.render.rendered, before);
}

describe.each(['canvas', 'webgl'] as const)('partial redraw on the %s backend', (backend) => {
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

  /** Updates three of four tiles a few times; returns what the partial frames left and a whole redraw of the same state. */
  async function partialThenWhole(wall: Wall, screens: string): Promise<{ left: Image; whole: Image; first: Image }> {
    const { columns } = wall.grid;
    const tiles = [
      tile({ id: 'flow', widget: 'kpi', cell: cell(0, 0), title: { vi: 'Lưu lượng xe', en: 'Traffic flow' }, topics: ['t.flow'], props: { unit: 'xe/phút' } }),
      tile({ id: 'aqi', widget: 'chart', cell: cell(1, 0), title: 'AQI', topics: ['t.aqi'], props: { kind: 'gauge', unit: 'AQI', min: 0, max: 300, thresholds: { warning: 101, critical: 151 } } }),
      tile({ id: 'rain', widget: 'chart', cell: cell(0, 1), title: 'Lượng mưa', topics: ['t.rain'], props: { kind: 'bar', unit: 'mm', min: 0, max: 100 } }),
      tile({ id: 'note', widget: 'text', cell: cell(1, 1), props: { text: 'Trung tâm điều hành', fontSizePx: 64 } }),
    ];
    const config = pageConfig({ wall, layouts: [layout('partial', tiles, { subdivision: { columns: 2 / columns, rows: 2 } })], window: windowFor(wall), scale: SCALE });
    const win = await browser.open({ ...config, render: { backend } });
    const start = await debugState(win);
    expect(start.render.backend).toBe(backend);
    const first = await readCanvas(win);
    expect(first, 'the canvas is readable as it is').not.toBeNull();

    for (let i = 0; i < 6; i++) {
      await publishShown(win, 'flow', 't.flow', 1000 + i * 37);
      await publishShown(win, 'aqi', 't.aqi', 40 + i * 40);
      await publishShown(win, 'rain', 't.rain', { 'Cà Mau': 10 + i * 15, 'Năm Căn': 90 - i * 12 });
    }
    const after = await debugState(win);
    const partial = after.render.partial - start.render.partial;
    const rendered = after.render.rendered - start.render.rendered;
    console.log(`partial redraw (${backend}, ${screens}): ${partial} of ${rendered} frames redrew only the changed tiles`);
    expect(partial, 'most update frames redraw only the changed tile').toBeGreaterThanOrEqual(rendered / 2);
    const left = (await readCanvas(win))!;
    // A capture asks for a whole redraw of the same state (partial-redraw.ts: WHOLE_WINDOW).
    const whole = await capture(win);
    expect((await debugState(win)).render.partial, 'the capture redrew the whole window').toBe(after.render.partial);
    return { left, whole, first: first! };
  }

  it('redraws only the tiles that changed, and leaves the same picture as a whole redraw: one screen, straight to the canvas', async () => {
    const wall = makeWall({ columns: 1, rows: 1 });
    const { left, whole, first } = await partialThenWhole(wall, 'one screen');
    const all = { x: 0, y: 0, width: left.width, height: left.height };
    expect(changedPixels(first, left, all), 'the updates changed the picture').toBeGreaterThan(500);
    // Tolerance 2 of 255: Skia's clipped raster rounds a channel by one here and there (measured: at
    // most 1, on a few hundred pixels; none on WebGL); a tile left stale differs by far more than that.
    expect(changedPixels(left, whole, all, 2), 'the partial redraws left what a whole redraw shows').toBe(0);
  }, 90_000);

  it('the same through the viewport texture: two screens with a bezel', async () => {
    const wall = twoScreenWall();
    const { left, whole, first } = await partialThenWhole(wall, 'two screens');
    const all = { x: 0, y: 0, width: left.width, height: left.height };
    expect(changedPixels(first, left, all), 'the updates changed the picture').toBeGreaterThan(500);
    expect(changedPixels(left, whole, all, 2), 'the partial redraws left what a whole redraw shows').toBe(0);
  }, 90_000);
});
