/**
 * The page's demo feed against a real hub: a wall window with `demoFeed` and a hub that is down
 * shows the feed's invented values; when the hub comes up, its first snapshot stops the feed and
 * every chart redraws from the hub's values alone. Checked in every frame read through the
 * transition (no frame shows a chart whose history mixes the two sources), in the chart tile's
 * debug state (points, sources, time and value range) and in pixels (nothing of the demo line is
 * left below the hub's level). One small window (scale 0.25): the suite runs on two cores.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_TOPICS } from '../../src/core/demo/demo-topics.js';
import type { TileDebugState, WallDebugState } from '../../src/core/page/debug-hook.js';
import type { Rect } from '../../src/core/wall/model.js';
import { makeWall } from '../support/wall-fixtures.js';
import { api, TOKENS } from '../support/hub-fixtures.js';
import { RestartableHub, waitForHub, withHub } from '../support/hub-wall.js';
import { THEME, layout, pageConfig, tile, windowFor } from '../support/fixtures.js';
import { pixel, rgb, type Image } from '../support/png.js';
import { WallBrowser, capture, waitForState } from '../support/wall-browser.js';

const S = 0.25;
const LINE = 'flood.water-level.song-ganh-hao';
/** A topic only the demo feed has: the hub's snapshot does not carry it. */
const DEMO_ONLY = 'environment.aqi.ca-mau.tp-ca-mau';
const wall = makeWall({ columns: 2, rows: 1, windowMode: 'per-display' });
const w0 = windowFor(wall, 'node-1', 'r1c1');
/** Both tiles on r1c1, the window's one screen (a window builds only the tiles reaching it). */
const CHART: Rect = { x: 0, y: 0, width: 1920, height: 760 };
const demo = layout('demo', [
  // The demo feed's tide stays within its catalogue range (−0.6…1.2 m); the hub's values sit near max, far above it.
  tile({ id: 'chart', widget: 'chart', rect: CHART, topics: [LINE], props: { kind: 'line', unit: 'm', min: -1, max: 5, decimals: 2, windowS: 120 } }),
  tile({ id: 'aqi', widget: 'kpi', rect: { x: 0, y: 780, width: 900, height: 290 }, topics: [DEMO_ONLY], props: { max: 200 } }),
]);
const HUB_VALUES = [4.85, 4.9];
/**
 * Bands of the chart tile (fractions of its height, under the title): where 4.85–4.9 of 0–5 is
 * drawn, and the plot below it, where the demo's tide (−0.6…1.2 of −1…5) always is.
 */
const HUB_BAND: [number, number] = [0.05, 0.12];
const BELOW_HUB: [number, number] = [0.15, 0.98];

const publish = (hub: RestartableHub, value: number, t?: number) =>
  api(hub.url, 'POST', '/api/data', TOKENS.integration, { updates: [{ topic: LINE, value, ...(t !== undefined ? { t } : {}) }] });
const chartData = (s: WallDebugState): TileDebugState['data'][number] | undefined => s.tiles.find((t) => t.id === 'chart')?.data.find((d) => d.topic === LINE);
const aqiData = (s: WallDebugState): TileDebugState['data'] => s.tiles.find((t) => t.id === 'aqi')?.data ?? [];

/** Accent (the series colour) pixels in a horizontal band of the chart tile (fractions of its height). */
function accentIn(img: Image, band: [number, number]): number {
  const c = rgb(THEME.colors.accent);
  let n = 0;
  for (let y = Math.floor(CHART.height * band[0] * S); y < CHART.height * band[1] * S; y++) {
    for (let x = 0; x < CHART.width * S; x++) {
      const p = pixel(img, x, y);
      if (p.slice(0, 3).every((v, i) => Math.abs(v - c[i]!) <= 40)) n++;
    }
  }
  return n;
}

describe('demo feed, then the hub', () => {
  let browser: WallBrowser;
  let hub: RestartableHub;
  beforeAll(async () => {
    browser = await WallBrowser.start();
  });
  beforeEach(async () => {
    hub = new RestartableHub();
    await hub.start();
  });
  afterEach(async () => {
    await browser?.closeWindows({ allowHttp: true }); // the WebSocket to the hub fails while it is down, as it should
    await hub?.cleanup();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the first snapshot replaces the demo history: charts draw hub values only, and the feed stays stopped', async () => {
    // Half a minute old: the snapshot's value predates the demo feed's newest points (no line back in
    // time either), and the hub's line is a quarter of the chart wide, whatever the boot took.
    expect((await publish(hub, HUB_VALUES[0]!, Date.now() - 30_000)).status).toBe(202);
    await hub.stop(); // down (same port and data kept) while the page boots on its demo feed
    const win = await browser.open({ ...withHub(pageConfig({ wall, layouts: [demo], window: w0, scale: S }), hub.url), demoFeed: true });

    // Before the hub: the feed's past and live steps from the demo catalogue, all marked demo, within its range.
    const before = await waitForState(win, (s) => (chartData(s)?.points ?? 0) > 10 && aqiData(s).length === 1);
    expect(before.hub!.snapshots).toBe(0);
    expect(chartData(before)).toMatchObject({ sources: ['demo'] });
    const tide = DEMO_TOPICS.find((t) => t.topic === LINE)!;
    expect(chartData(before)!.min).toBeGreaterThanOrEqual(tide.min);
    expect(chartData(before)!.max).toBeLessThanOrEqual(tide.max);
    expect(before.demo).toEqual({ running: true, catalogue: [DEMO_ONLY, LINE].sort(), invented: [], snapshot: [] });
    const demoImg = await capture(win);
    expect(accentIn(demoImg, BELOW_HUB)).toBeGreaterThan(30); // the demo line, below the hub's level

    // The hub comes up: every frame read until the snapshot is applied shows one source only.
    const mixed: string[] = [];
    const noMix = (s: WallDebugState): void => {
      const d = chartData(s);
      if (d && d.sources.length !== 1) mixed.push(`frame ${s.frame}: ${d.sources.join('+')}`);
    };
    await hub.start();
    // The page may be inside an attempt begun while the hub was down or starting (a loaded CI machine
    // answered one after its 8 s connect timeout, then backed off): allow several attempts, not one.
    const after = await waitForState(win, (s) => (noMix(s), s.hub!.snapshots >= 1 && chartData(s)?.sources[0] === 'hub'), undefined, 45_000);
    expect(chartData(after)).toMatchObject({ points: 1, sources: ['hub'], min: HUB_VALUES[0], max: HUB_VALUES[0] });
    expect(chartData(after)!.from!).toBeLessThan(chartData(before)!.to!); // older than the demo's last point, yet alone
    expect(aqiData(after)).toEqual([]); // not in the snapshot: dropped, not left at a demo value
    expect(after.demo!.running).toBe(false);

    // Hub updates extend the hub's history; the chart's oldest point is the hub's.
    const first = chartData(after)!.from!;
    expect((await publish(hub, HUB_VALUES[1]!)).status).toBe(202);
    const two = await waitForState(win, (s) => (noMix(s), chartData(s)?.points === 2));
    expect(chartData(two)).toMatchObject({ sources: ['hub'], from: first, min: HUB_VALUES[0], max: HUB_VALUES[1] });

    // Three feed periods (1 s each) later, the feed has published nothing: not into the chart (its
    // history would have restarted as demo) nor the demo-only topic. Observed in every frame read.
    const until = Date.now() + 3500;
    const late = await waitForState(win, (s) => {
      noMix(s);
      if (chartData(s)?.points !== 2 || chartData(s)?.sources[0] !== 'hub' || aqiData(s).length > 0) mixed.push(`frame ${s.frame}: demo again`);
      return Date.now() > until;
    });
    expect(mixed).toEqual([]);
    expect(chartData(late)).toMatchObject({ points: 2, sources: ['hub'] });

    // Pixels: the hub's line near the top of the plot, nothing of the demo walk below it.
    const img = await capture(win);
    expect(accentIn(img, BELOW_HUB)).toBe(0);
    expect(accentIn(img, HUB_BAND)).toBeGreaterThan(40);
  }, 90_000);
});
