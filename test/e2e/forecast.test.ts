/**
 * Forecasts end to end (docs/protocol.md "Forecasts"): a model publishes a forecast over the hub's
 * REST API; the wall's line chart draws it right of "now", dashed, with its uncertainty band (pixels),
 * and the KPI shows the forecast value at its horizon in the colour of the threshold it crosses; a
 * stale forecast is marked "Dự báo cũ" on both. One small window (scale 0.25): two cores.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Rect } from '../../src/core/wall/model.js';
import type { WallDebugState } from '../../src/core/page/debug-hook.js';
import { makeWall } from '../support/wall-fixtures.js';
import { api, TOKENS } from '../support/hub-fixtures.js';
import { RestartableHub, withHub } from '../support/hub-wall.js';
import { THEME, layout, pageConfig, tile, windowFor } from '../support/fixtures.js';
import { WallBrowser, assertClean, capture, waitForState, type WallWindow } from '../support/wall-browser.js';
import { pixel, rgb, type Image } from '../support/png.js';

const S = 0.25;
const LEVEL = 'flood.water-level.song-ganh-hao';
const MIN = 60_000;
const wall = makeWall({ columns: 2, rows: 1, windowMode: 'per-display' });
const w0 = windowFor(wall, 'node-1', 'r1c1');
const CHART = { x: 0, y: 0, width: 1920, height: 720 };
const KPI = { x: 0, y: 720, width: 960, height: 360 };
const flood = layout('flood', [
  tile({ id: 'chart', widget: 'chart', rect: CHART, topics: [LEVEL], props: { kind: 'line', unit: 'm', min: 0, max: 5, decimals: 1, windowS: 1800, forecastS: 1800 } }),
  tile({ id: 'kpi', widget: 'kpi', title: { vi: 'Mực nước Gành Hào' }, rect: KPI, topics: [LEVEL], props: { unit: 'm', decimals: 1, thresholds: { warning: 3, critical: 4.5 }, forecast: { inS: 1500 } } }),
]);

/** A wall rect in image px, shrunk to the fractions `fx`, `fy` of it. */
function part(r: Rect, fx: [number, number], fy: [number, number]): Rect {
  return { x: (r.x + r.width * fx[0]) * S, y: (r.y + r.height * fy[0]) * S, width: r.width * (fx[1] - fx[0]) * S, height: r.height * (fy[1] - fy[0]) * S };
}

/** Per column of `r`, how many pixels are within `tol` of `color`. */
function columnsNear(img: Image, r: Rect, color: [number, number, number], tol: number): number[] {
  const out: number[] = [];
  for (let x = Math.floor(r.x); x < r.x + r.width; x++) {
    let n = 0;
    for (let y = Math.floor(r.y); y < r.y + r.height; y++) {
      const p = pixel(img, x, y);
      if (Math.abs(p[0] - color[0]) <= tol && Math.abs(p[1] - color[1]) <= tol && Math.abs(p[2] - color[2]) <= tol) n++;
    }
    out.push(n);
  }
  return out;
}

/** Runs of consecutive columns holding some pixels: one per dash of a dashed line. */
const runs = (cols: number[]): number => cols.reduce((n, c, i) => n + (c > 0 && !(cols[i - 1]! > 0) ? 1 : 0), 0);
const texts = (s: WallDebugState, id: string): { label: string; text: string }[] => s.tiles.find((t) => t.id === id)?.texts ?? [];
const blend = (a: string, b: string, k: number): [number, number, number] => rgb(a).map((v, i) => Math.round(v + (rgb(b)[i]! - v) * k)) as [number, number, number];

describe('forecasts on the wall', () => {
  let browser: WallBrowser;
  let hub: RestartableHub;
  let win: WallWindow;
  beforeAll(async () => {
    browser = await WallBrowser.start();
    hub = new RestartableHub({ layouts: [flood] });
    await hub.start();
    const now = Date.now();
    const updates = Array.from({ length: 20 }, (_, i) => ({ topic: LEVEL, value: 1, t: now - (20 - i) * MIN }));
    expect((await api(hub.url, 'POST', '/api/data', TOKENS.integration, { updates })).status).toBe(202);
    win = await browser.open(withHub(pageConfig({ wall, layouts: [flood], window: w0, scale: S }), hub.url));
    await waitForState(win, (s) => s.tiles.find((t) => t.id === 'chart')?.data[0]?.points === 20);
  });
  afterAll(async () => {
    await browser?.close();
    await hub?.cleanup();
  });

  it('draws a published forecast dashed with its band right of now, and the KPI its value at the horizon', async () => {
    // Right of now and above the measured line (1 m): values from about 1.6 m to 5 m.
    const right = part(CHART, [0.6, 0.98], [0.08, 0.65]);
    const line = rgb(THEME.colors.accent);
    const band = blend(THEME.colors.surface, THEME.colors.accent, 0.2);
    // Before: nothing there (the axis ends at now; the legend's value sits above the region).
    const before = columnsNear(await capture(win), right, line, 40);
    expect(before.reduce((a, b) => a + b, 0)).toBe(0);

    // Rising from 2 m to 4 m over the next 30 minutes, the band widening to ±0.5 m.
    const now = Date.now();
    const points = Array.from({ length: 7 }, (_, i) => ({ t: now + (i + 1) * 5 * MIN - 2 * MIN, v: 2 + i / 3, lo: 2 + i / 3 - 0.1 - i / 15, hi: 2 + i / 3 + 0.1 + i / 15 }));
    const r = await api(hub.url, 'PUT', `/api/forecasts/${LEVEL}`, TOKENS.integration, { points, model: 'thuy-van', validS: 3600 });
    expect(r.status).toBe(200);

    const shown = await waitForState(win, (s) => texts(s, 'chart').some((t) => t.text === 'Dự báo') && texts(s, 'kpi').some((t) => t.label === 'forecast' && t.text.startsWith('dự báo ')));
    const kpiLine = texts(shown, 'kpi').find((t) => t.label === 'forecast')!.text;
    // 25 minutes ahead: between the points at +23 and +28 minutes (3.33 and 3.67 m): past the warning threshold.
    expect(kpiLine).toMatch(/^dự báo \d\d:\d\d: 3,[4-6] m$/);
    const img = await capture(win);
    const lineCols = columnsNear(img, right, line, 40);
    const bandCols = columnsNear(img, right, band, 10);
    // The line: present across the forecast, in separate dashes; the band: a filled area around it.
    expect(lineCols.filter((c) => c > 0).length).toBeGreaterThan(lineCols.length * 0.3);
    expect(runs(lineCols)).toBeGreaterThanOrEqual(4);
    expect(bandCols.reduce((a, b) => a + b, 0)).toBeGreaterThan(200);
    // The KPI's footer line in the warning level's colour (theme.severity.minor).
    expect(columnsNear(img, part(KPI, [0.4, 1], [0.7, 1]), rgb(THEME.severity.minor), 30).reduce((a, b) => a + b, 0)).toBeGreaterThan(20);
    assertClean(win);
  });

  it('marks a stale forecast on the chart and the KPI, never as current', async () => {
    const now = Date.now();
    const points = [{ t: now + 10 * MIN, v: 2.5 }, { t: now + 40 * MIN, v: 2.8 }];
    // Issued three hours ago, valid for one: stale on arrival.
    const r = await api(hub.url, 'PUT', `/api/forecasts/${LEVEL}`, TOKENS.integration, { points, issuedAt: now - 180 * MIN, validS: 3600 });
    expect(r.status).toBe(200);
    expect(r.body.forecast.stale).toBe(true);
    const s = await waitForState(win, (st) => texts(st, 'chart').some((t) => t.text === 'Dự báo cũ'));
    expect(texts(s, 'chart').some((t) => t.text === 'Dự báo')).toBe(false);
    await waitForState(win, (st) => texts(st, 'kpi').some((t) => t.label === 'forecast' && t.text.startsWith('dự báo cũ ')));
    const img = await capture(win);
    // Drawn muted: no line in the series colour right of now.
    expect(columnsNear(img, part(CHART, [0.6, 0.98], [0.08, 0.65]), rgb(THEME.colors.accent), 40).reduce((a, b) => a + b, 0)).toBe(0);
    assertClean(win);
  });
});
