/**
 * Load shedding in a real page (src/renderer/load-shedder.ts, docs/reliability.md "Starvation"):
 * a window whose frame budget is set below what any frame costs (`load.budgetMs: 1`, no hold) is
 * over budget at once and gives up its steps in order. Asserted: the page and its health report at
 * the hub say so (level 3: camera uploads, chart redraws, animation); it renders about twice a second
 * while its animation frames keep coming; a chart fed ten values a second redraws at most every 2 s
 * and still ends on the last value (nothing lost, only later).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWall } from '../support/wall-fixtures.js';
import { TOKENS, api, testHub, until } from '../support/hub-fixtures.js';
import { withHub } from '../support/hub-wall.js';
import { layout, pageConfig, tile, windowFor } from '../support/fixtures.js';
import { WallBrowser, debugState, waitForState, type WallWindow } from '../support/wall-browser.js';

const wall = makeWall({ columns: 1, rows: 1 });
const TOPIC = 'flood.level.shed';
const cell = (col: number, row: number) => ({ col, row, colSpan: 1, rowSpan: 1 });
const busy = layout(
  'busy',
  [
    tile({ id: 'chart', widget: 'chart', cell: cell(0, 0), title: 'Mực nước', topics: [TOPIC], props: { kind: 'line', unit: 'm', decimals: 2, windowS: 60 } }),
    tile({ id: 'ticker', widget: 'ticker', cell: cell(1, 0), props: { speedPxPerS: 240, fontSizePx: 60 } }),
  ],
  { subdivision: { columns: 2, rows: 1 } },
);

describe('load shedding under a frame budget', () => {
  let browser: WallBrowser;
  let hub: Awaited<ReturnType<typeof testHub>>;
  let win: WallWindow;

  beforeAll(async () => {
    hub = await testHub({ layouts: [busy] });
    browser = await WallBrowser.start();
    const config = { ...withHub(pageConfig({ wall, layouts: [busy], window: windowFor(wall), scale: 0.25 }), hub.url, { healthEveryS: 1 }), load: { budgetMs: 1, holdMs: 0 } };
    win = await browser.open(config);
    await waitForState(win, (s) => s.hub?.connection === 'connected' && s.load.level === 3, undefined, 30_000);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await hub?.cleanup();
  });

  it('sheds camera uploads, chart redraws and animation, in that order, and says so to the hub', async () => {
    const s = await debugState(win);
    expect(s.load).toMatchObject({ level: 3, shed: ['camera-uploads', 'chart-redraws', 'animation'] });
    const walls = await until(async () => {
      const r = await api(hub.url, 'GET', '/api/walls', TOKENS.operator);
      const w = (r.body.walls as { health: { load?: { level: number; shed: string[] } } | null }[])[0];
      return w?.health?.load?.level === 3 ? w : null;
    }, 'a health report with the load');
    expect(walls.health!.load!.shed).toEqual(['camera-uploads', 'chart-redraws', 'animation']);
  });

  it('renders about twice a second, redraws the chart at most every 2 s and loses no value', async () => {
    const before = await debugState(win);
    const chartBefore = before.tiles.find((t) => t.id === 'chart')!.updates;
    const started = Date.now();
    let last = 0;
    for (let i = 1; i <= 40; i++) {
      last = 2 + i / 100;
      await api(hub.url, 'POST', '/api/data', TOKENS.integration, { updates: [{ topic: TOPIC, value: last }] });
      await new Promise((r) => setTimeout(r, 100)); // the feed's pace: ten values a second
    }
    const fed = await debugState(win);
    const seconds = (Date.now() - started) / 1000;
    const rendered = fed.load.rendered - before.load.rendered;
    const frames = fed.frame - before.frame;
    console.log(`load shedding: ${seconds.toFixed(1)} s, ${frames} animation frames, ${rendered} rendered, chart updates ${fed.tiles.find((t) => t.id === 'chart')!.updates - chartBefore}`);
    expect(rendered / seconds, 'rendered frames per second at the animation step').toBeLessThanOrEqual(2.5);
    expect(rendered / seconds, 'still at least one frame a second').toBeGreaterThanOrEqual(1);
    expect(frames, 'animation frames keep coming; only rendering is paced').toBeGreaterThan(rendered);
    const chartUpdates = fed.tiles.find((t) => t.id === 'chart')!.updates - chartBefore;
    expect(chartUpdates).toBeGreaterThanOrEqual(1);
    expect(chartUpdates, 'a chart redraw at most every 2 s').toBeLessThanOrEqual(Math.ceil(seconds / 2) + 1);
    // Nothing lost: once its pace allows, the chart draws the last value fed.
    await waitForState(win, (x) => x.tiles.find((t) => t.id === 'chart')!.data.some((d) => d.max === last), undefined, 10_000);
  }, 60_000);
});
