/**
 * CAP warnings' shapes on a map tile end to end (system Chromium): an alert carrying a circle in
 * Cà Mau (CAP's lat,lon) is drawn on the shipped Cà Mau districts map in its severity colour, with
 * the note that the map is schematic; a warning for Nha Trang, outside the map's extent, draws
 * nothing; clearing the alert takes its shape away. Words from the debug state, colour from pixels.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '../../src/core/protocol/alerts.js';
import type { Rect } from '../../src/core/wall/model.js';
import { SCHEMATIC_NOTE } from '../../src/renderer/widgets/map/cap-areas.js';
import { THEME, layout, pageConfig, tile, windowFor } from '../support/fixtures.js';
import { pixel, rgb, type Image } from '../support/png.js';
import { WallBrowser, capture, waitForState } from '../support/wall-browser.js';
import { makeWall } from '../support/wall-fixtures.js';

const T = Date.parse('2026-12-07T10:00:00+07:00');
const alert = (id: string, areas: Alert['areas']): Alert => ({
  id, severity: 'critical', sector: 'flood', area: 'TP. Cà Mau', source: 'kttv', title: 'Lũ', message: '', state: 'active', raisedAt: T, updatedAt: T, areas,
});

/** Pixels of the tile within 40 of `color`. */
function countNear(img: Image, box: Rect, color: string): number {
  const c = rgb(color);
  let n = 0;
  for (let y = Math.round(box.y); y < box.y + box.height; y++) {
    for (let x = Math.round(box.x); x < box.x + box.width; x++) {
      const p = pixel(img, x, y);
      if (c.every((v, i) => Math.abs(v - p[i]!) <= 40)) n++;
    }
  }
  return n;
}

describe('CAP shapes on the map (e2e)', () => {
  let browser: WallBrowser;
  let assets: string;
  beforeAll(async () => {
    assets = mkdtempSync(join(tmpdir(), 'wallrun-map-cap-'));
    mkdirSync(join(assets, 'maps'));
    copyFileSync(new URL('../../assets/maps/ca-mau-districts.geojson', import.meta.url), join(assets, 'maps', 'ca-mau-districts.geojson'));
    browser = await WallBrowser.start({ assetsDir: assets });
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(assets, { recursive: true, force: true });
  });

  it('draws a warning inside the extent with the schematic note, nothing for one outside, and removes it when cleared', async () => {
    const wall = makeWall({ columns: 1, rows: 1 }); // one screen: a small capture
    const S = 0.5;
    const rect: Rect = { x: 8, y: 10, width: 1200, height: 1000 };
    const map = tile({ id: 'm', widget: 'map', rect, title: 'Cà Mau', topics: ['map.values'], props: { geojson: 'maps/ca-mau-districts.geojson', min: 0, max: 10, label: 'x' } });
    const window = windowFor(wall);
    const win = await browser.open(pageConfig({ wall, layouts: [layout('l', [map])], window, scale: S }));
    await waitForState(win, (s) => s.tiles.every((t) => t.ready));
    const box = { x: (rect.x - window.viewport.x) * S, y: (rect.y - window.viewport.y) * S, width: rect.width * S, height: rect.height * S };
    const red = THEME.severity.critical;
    const note = (s: Awaited<ReturnType<typeof waitForState>>): boolean => s.tiles[0]!.texts.some((t) => t.text === SCHEMATIC_NOTE.vi);
    const before = countNear(await capture(win), box, red);

    // The map takes the alerts as an update: wait for the tile's next one.
    const updates = (await waitForState(win, () => true)).tiles[0]!.updates;
    await win.command({ type: 'raiseAlert', alert: alert('far', { polygons: [[[12.3, 109.1], [12.3, 109.25], [12.2, 109.25], [12.3, 109.1]]], circles: [] }) });
    expect(note(await waitForState(win, (s) => s.tiles[0]!.updates > updates))).toBe(false);
    expect(countNear(await capture(win), box, red)).toBeLessThanOrEqual(before + 10);

    await win.command({ type: 'raiseAlert', alert: alert('near', { polygons: [], circles: [{ lat: 9.18, lon: 105.15, radiusKm: 6 }] }) });
    await waitForState(win, (s) => note(s));
    const drawn = countNear(await capture(win), box, red);
    expect(drawn - before, 'the ring in the critical colour').toBeGreaterThan(100);

    await win.command({ type: 'clearAlert', id: 'near' });
    await waitForState(win, (s) => !note(s));
    expect(countNear(await capture(win), box, red)).toBeLessThanOrEqual(before + 10);
  }, 60_000); // four frame captures under software WebGL: about 15 s on an idle machine
});
