/**
 * The wall page end to end in system Chromium (SwiftShader WebGL2): text, kpi, staleness, the
 * store's once-per-frame coalescing, and keyboard layout switching.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeWall } from '../support/wall-fixtures.js';
import { tileRect } from '../../src/core/wall/geometry.js';
import { WallBrowser, capture, debugState, waitForState, waitFrames } from '../support/wall-browser.js';
import { THEME, TOPIC, layout, pageConfig, tile, twoScreenWall, windowFor } from '../support/fixtures.js';
import { countDiffering, rgb } from '../support/png.js';

describe('wall page', () => {
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

  it('renders a text tile with Vietnamese text inside its rect', async () => {
    const wall = makeWall();
    const text = tile({
      id: 'greeting',
      widget: 'text',
      cell: { col: 1, row: 0, colSpan: 1, rowSpan: 1 },
      props: { text: 'Trung tâm điều hành Cà Mau — ưu tiên đường Lý Thường Kiệt', fontSizePx: 96, align: 'center' },
    });
    const l = layout('greeting', [text]);
    const window = windowFor(wall, 'node-1');
    const win = await browser.open(pageConfig({ wall, layouts: [l], window, scale: 0.25 }));

    const state = await debugState(win);
    expect(state.layout).toBe('greeting');
    expect(state.tiles).toEqual([expect.objectContaining({ id: 'greeting', widget: 'text', ready: true, placeholder: false })]);

    const img = await capture(win);
    const r = tileRect(wall, l, text);
    const s = 0.25;
    const bg = rgb(THEME.colors.background);
    const inTile = countDiffering(img, { x: (r.x - window.viewport.x) * s, y: r.y * s, width: r.width * s, height: r.height * s }, bg);
    const elsewhere = countDiffering(img, { x: 3 * 1926 * s, y: 0, width: 1920 * s, height: 1080 * s }, bg);
    expect(inTile).toBeGreaterThan(200);
    expect(elsewhere).toBe(0);
  });

  const kpiLayout = (freshness?: { maxAgeS: number }) =>
    layout('kpi', [
      tile({
        id: 'flow',
        widget: 'kpi',
        cell: { col: 0, row: 0, colSpan: 1, rowSpan: 1 },
        title: { vi: 'Lưu lượng xe', en: 'Traffic flow' },
        topics: [TOPIC],
        ...(freshness ? { freshness } : {}),
        props: { unit: 'xe/phút', thresholds: { warning: 50, critical: 80, direction: 'above' } },
      }),
    ]);

  it('a kpi redraws when its topic changes, coloured by its threshold', async () => {
    const wall = twoScreenWall();
    const win = await browser.open(pageConfig({ wall, layouts: [kpiLayout()], scale: 0.25 }));
    const tileBox = { x: 0, y: 0, width: 480, height: 270 };
    const critical = rgb(THEME.severity.critical);

    await win.page.evaluate((t) => window.wallrunDebug!.publish(t, 12), TOPIC);
    await waitForState(win, (s) => s.tiles[0]!.updates >= 1);
    const before = await capture(win);
    expect(countDiffering(before, tileBox, critical, 40)).toBe(tileBox.width * tileBox.height); // nothing red yet

    await win.page.evaluate((t) => window.wallrunDebug!.publish(t, 97), TOPIC);
    await waitForState(win, (s) => s.tiles[0]!.updates >= 2);
    const after = await capture(win);
    const red = tileBox.width * tileBox.height - countDiffering(after, tileBox, critical, 40);
    expect(red).toBeGreaterThan(100);
    const state = await debugState(win);
    expect(state.tiles[0]).toMatchObject({ updates: 2, stale: false });
    expect(state.tiles[0]!.lastUpdate).not.toBeNull();
  });

  it('coalesces 10,000 publishes into at most one update per frame', async () => {
    const win = await browser.open(pageConfig({ wall: twoScreenWall(), layouts: [kpiLayout()], scale: 0.25 }));
    const start = await debugState(win);
    const published = await win.page.evaluate(async (topic) => {
      const d = window.wallrunDebug!;
      const before = d.publishes();
      // 10,000 publishes spread over 100 tasks, as a busy hub connection would deliver them.
      for (let chunk = 0; chunk < 100; chunk++) {
        for (let i = 0; i < 100; i++) d.publish(topic, chunk * 100 + i);
        await new Promise((r) => setTimeout(r, 0));
      }
      return d.publishes() - before;
    }, TOPIC);
    await waitFrames(win, 2);
    const end = await debugState(win);
    const updates = end.tiles[0]!.updates - start.tiles[0]!.updates;
    const frames = end.frame - start.frame;
    expect(published).toBe(10_000);
    expect(updates).toBeGreaterThanOrEqual(1);
    expect(updates).toBeLessThanOrEqual(frames);
    expect(updates).toBeLessThan(published / 50);
  });

  it('dims a tile whose data is older than freshness.maxAgeS and recovers on fresh data', async () => {
    const win = await browser.open(pageConfig({ wall: twoScreenWall(), layouts: [kpiLayout({ maxAgeS: 5 })], scale: 0.25 }));
    await win.page.evaluate((t) => window.wallrunDebug!.publish(t, 40, Date.now() - 60_000), TOPIC);
    await waitForState(win, (s) => s.tiles[0]!.stale);
    await win.page.evaluate((t) => window.wallrunDebug!.publish(t, 41), TOPIC);
    await waitForState(win, (s) => !s.tiles[0]!.stale);
  });

  it('switches layouts with PageDown / PageUp and layout hotkeys', async () => {
    const wall = twoScreenWall();
    const t = (id: string) => tile({ id, widget: 'text', cell: { col: 0, row: 0, colSpan: 1, rowSpan: 1 }, props: { text: id } });
    const layouts = [layout('one', [t('a')]), layout('two', [t('b')]), layout('three', [t('c')], { hotkey: 'F3' })];
    const win = await browser.open(pageConfig({ wall, layouts, scale: 0.25 }));
    const next = async (key: string, to: string): Promise<void> => {
      const since = win.events.length;
      await win.page.keyboard.press(key);
      await win.waitForEvent('layoutSwitched', { since, pred: (e) => e.to === to });
    };
    await next('PageDown', 'two');
    await next('PageUp', 'one');
    await next('F3', 'three');
    expect((await debugState(win)).layout).toBe('three');
  });
});
