/**
 * Chart history from the hub: a hub that has received N values of a chart's topic over the last
 * minutes, then a wall page connects; its chart shows all N, from the hub, in the first frame that
 * shows the topic at all (never one point growing back). A later update appends one point, and a
 * page reload draws the whole window again, without a point twice. One small window (scale 0.25):
 * the suite runs on two cores.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TileDebugState, WallDebugState } from '../../src/core/page/debug-hook.js';
import { makeWall } from '../support/wall-fixtures.js';
import { api, TOKENS } from '../support/hub-fixtures.js';
import { RestartableHub, withHub } from '../support/hub-wall.js';
import { layout, pageConfig, tile, windowFor } from '../support/fixtures.js';
import { WallBrowser, waitForState } from '../support/wall-browser.js';

const S = 0.25;
const LINE = 'flood.water-level.song-ganh-hao';
const N = 40;
const wall = makeWall({ columns: 2, rows: 1, windowMode: 'per-display' });
const w0 = windowFor(wall, 'node-1', 'r1c1');
const flood = layout('flood', [
  tile({ id: 'chart', widget: 'chart', rect: { x: 0, y: 0, width: 1920, height: 1080 }, topics: [LINE], props: { kind: 'line', unit: 'm', min: 0, max: 5, decimals: 2, windowS: 1800 } }),
]);
const chartData = (s: WallDebugState): TileDebugState['data'][number] | undefined => s.tiles.find((t) => t.id === 'chart')?.data.find((d) => d.topic === LINE);

describe('chart history from the hub', () => {
  let browser: WallBrowser;
  let hub: RestartableHub;
  beforeAll(async () => {
    browser = await WallBrowser.start();
    hub = new RestartableHub({ layouts: [flood] });
    await hub.start();
  });
  afterEach(async () => {
    await browser?.closeWindows();
  });
  afterAll(async () => {
    await browser?.close();
    await hub?.cleanup();
  });

  it('a page that connects draws the whole window at once; updates append; a reload does not duplicate', async () => {
    // N values over the last 20 minutes (a 30-minute chart), one every 30 s, as an integration sent them.
    const t0 = Date.now() - 20 * 60_000;
    const updates = Array.from({ length: N }, (_, i) => ({ topic: LINE, value: 1 + (i % 10) / 10, t: t0 + i * 30_000 }));
    expect((await api(hub.url, 'POST', '/api/data', TOKENS.integration, { updates })).status).toBe(202);

    const win = await browser.open(withHub(pageConfig({ wall, layouts: [flood], window: w0, scale: S }), hub.url));
    // Every frame read until the chart has data: it never shows part of the history.
    const partial: string[] = [];
    const first = await waitForState(win, (s) => {
      const d = chartData(s);
      if (d && d.points !== N) partial.push(`frame ${s.frame}: ${d.points} points`);
      return d !== undefined;
    });
    expect(partial).toEqual([]);
    expect(first.hub!.snapshots).toBe(1);
    expect(chartData(first)).toMatchObject({ points: N, sources: ['hub'], from: t0, to: t0 + (N - 1) * 30_000, min: 1, max: 1.9 });

    // A live update appends, as before.
    expect((await api(hub.url, 'POST', '/api/data', TOKENS.integration, { updates: [{ topic: LINE, value: 2.5 }] })).status).toBe(202);
    const appended = await waitForState(win, (s) => chartData(s)?.points === N + 1);
    expect(chartData(appended)).toMatchObject({ sources: ['hub'], from: t0, max: 2.5 });

    // A reload (a fresh page, as after a wall PC reboot): the whole window again, each point once.
    const since = win.events.length;
    await win.page.reload();
    await win.waitForEvent('ready', { since });
    const reloaded = await waitForState(win, (s) => chartData(s) !== undefined && (s.hub?.snapshots ?? 0) >= 1);
    expect(chartData(reloaded)).toMatchObject({ points: N + 1, sources: ['hub'], from: t0, min: 1, max: 2.5 });
  });
});
