/**
 * The page's text report (wallrunDebug.texts: src/renderer/scene/text-report.ts) against the
 * pixels: the reported cap height of capital "H"s drawn by three widgets (a text tile, a kpi title,
 * a chart title) is the ink height of the letter in the rendered frame within ±15 %; and a text
 * laid out past its tile (wrapped below it) is reported with its box past the tile, which the
 * check calls cut; a ticker's pieces are reported as cut to its own band, not by the tile.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../support/hub-fixtures.js';
import { WallBrowser, assertClean, capture, waitForState, waitFrames } from '../support/wall-browser.js';
import { layout, pageConfig, tile, windowFor } from '../support/fixtures.js';
import { makeWall } from '../support/wall-fixtures.js';
import { imagePieces } from '../support/tile-pixels.js';
import type { Image } from '../support/png.js';
import type { DrawnText } from '../../src/core/wall/legibility.js';
import type { Rect } from '../../src/core/wall/model.js';
import type { PageAlert } from '../../src/core/page/host-messages.js';
import { checkDrawnTexts } from '../../src/core/files/drawn-text-checks.js';
import { analyseLayout } from '../../src/core/files/validate.js';

/** Wall px = device px: the letters' edges are whole pixels of the measure, not a fraction of them. */
const SCALE = 1;
/** A pixel is ink when its luma differs this much from the box's background (light text on dark). */
const INK_LUMA = 60;

const TILES = [
  tile({ id: 'big', widget: 'text', rect: { x: 40, y: 40, width: 600, height: 400 }, props: { text: 'H', fontSizePx: 200 } }),
  tile({ id: 'kpi', widget: 'kpi', rect: { x: 700, y: 40, width: 500, height: 400 }, topics: ['test.kpi.h'], title: 'HH' }),
  tile({
    id: 'chart', widget: 'chart', rect: { x: 1260, y: 40, width: 620, height: 400 }, title: 'HHH', topics: ['test.chart.h'],
    props: { kind: 'line', unit: 'cm', min: 0, max: 100, windowS: 900 },
  }),
  tile({ id: 'wide', widget: 'text', rect: { x: 40, y: 600, width: 600, height: 300 }, props: { text: 'W'.repeat(24), fontSizePx: 160 } }),
  tile({ id: 'ticker', widget: 'ticker', rect: { x: 700, y: 600, width: 1180, height: 120 }, props: { speedPxPerS: 100, fontSizePx: 60 } }),
];
/** One alert far wider than the ticker's band: whatever the scroll, a piece crosses an edge of the band. */
const TITLE = 'Ngập sâu 40 cm tại đường Lý Thường Kiệt, ùn tắc kéo dài trên cầu Gành Hào, mực nước sông Gành Hào tăng nhanh';
const ALERTS: PageAlert[] = [
  { id: 'a1', severity: 'major', title: TITLE, message: TITLE, sector: 'flood', area: 'TP. Cà Mau', source: 'test', state: 'active', raisedAt: 0, updatedAt: 0 },
];

const luma = (img: Image, x: number, y: number): number => {
  const i = (y * img.width + x) * 4;
  return 0.2126 * img.data[i]! + 0.7152 * img.data[i + 1]! + 0.0722 * img.data[i + 2]!;
};

/** Height in device px of the rows of `r` holding ink (different from the pixel at its top-left corner). */
function inkHeight(img: Image, r: Rect): number {
  const x0 = Math.floor(r.x);
  const y0 = Math.floor(r.y);
  const x1 = Math.min(img.width, Math.ceil(r.x + r.width));
  const y1 = Math.min(img.height, Math.ceil(r.y + r.height));
  const bg = luma(img, x0, y0);
  const rows: number[] = [];
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      if (Math.abs(luma(img, x, y) - bg) > INK_LUMA) {
        rows.push(y);
        break;
      }
    }
  }
  return rows.length === 0 ? 0 : rows[rows.length - 1]! - rows[0]! + 1;
}

describe('text report', () => {
  let browser: WallBrowser;
  beforeAll(async () => {
    browser = await WallBrowser.start();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('reports cap heights the pixels confirm, and boxes past their tile', async () => {
    const wall = makeWall({ columns: 1, rows: 1 });
    const plan = windowFor(wall);
    const win = await browser.open(pageConfig({ wall, layouts: [layout('letters', TILES)], window: plan, scale: SCALE }));
    for (const alert of ALERTS) await win.command({ type: 'raiseAlert', alert });
    await waitForState(win, (st) => st.tiles.find((t) => t.id === 'ticker')!.updates >= 1);
    await waitFrames(win, 2);
    const texts: DrawnText[] = await win.page.evaluate(() => window.wallrunDebug!.texts());
    const img = await capture(win);

    const capitals = texts.filter((t) => /^H+$/.test(t.text));
    expect(capitals.map((t) => t.tile).sort()).toEqual(['big', 'chart', 'kpi']);
    for (const t of capitals) {
      const [piece] = imagePieces(plan, t.box, SCALE);
      const ink = inkHeight(img, piece!) / SCALE;
      expect(Math.abs(ink - t.capHeightPx) / t.capHeightPx, `${t.tile} "${t.text}": ink ${ink} px, reported ${t.capHeightPx} px`).toBeLessThanOrEqual(0.15);
      expect(t.capHeightMm).toBeCloseTo(t.capHeightPx * 0.63, 1);
      expect(t.screen).toBe('r1c1');
    }
    expect(capitals.find((t) => t.tile === 'big')?.fontSizePx).toBe(200);

    // The 24 W's, wrapped, reach below their 300-px-high tile: the report shows it, and the check names it.
    const wide = texts.find((t) => t.tile === 'wide');
    expect(wide!.box.y + wide!.box.height).toBeGreaterThan(600 + 300);
    const source = `id: letters\ntitle: { vi: x, en: x }\ntheme: control-room-dark\ntiles:\n  - { id: wide, widget: text, rect: { x: 40, y: 600, width: 600, height: 300 }, props: { text: "W" } }\n`;
    const analysis = analyseLayout({ path: 'layouts/letters.yaml', bytes: new TextEncoder().encode(source) });
    const found = checkDrawnTexts(analysis.yaml!, wall, analysis.value!, [wide!]);
    expect(found.map((d) => d.code)).toEqual(['drawn-text-cut']);

    // The ticker's scrolling line is masked to its band inside the tile: pieces are cut to the band
    // (masked), pieces scrolled off are not listed, and none counts as cut by the tile.
    // The line scrolls with the wall clock, so one sample may fall in the gap between repeats:
    // read again until a piece crosses the band's edge (cut to it), then check every piece.
    const ticker = await until(async () => {
      const now: DrawnText[] = await win.page.evaluate(() => window.wallrunDebug!.texts());
      const pieces = now.filter((t) => t.tile === 'ticker');
      return pieces.some((t) => t.masked) ? pieces : undefined;
    }, 'a ticker piece cut to its band', 15_000);
    expect(ticker.length).toBeGreaterThan(0);
    expect(ticker.some((t) => t.masked)).toBe(true);
    for (const t of ticker) {
      expect(t.box.x).toBeGreaterThanOrEqual(700);
      expect(t.box.x + t.box.width).toBeLessThanOrEqual(700 + 1180);
    }
    assertClean(win);
    await win.destroy();
  });
});
