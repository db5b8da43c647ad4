/**
 * The wall page end to end in system Chromium (SwiftShader WebGL2): a text tile draws its
 * Vietnamese text where the tile is.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWall } from '../../src/core/test-fixtures.js';
import { tileRect } from '../../src/core/geometry.js';
import { WallBrowser, capture, chromiumAvailable, debugState } from '../support/wall-browser.js';
import { THEME, layout, pageConfig, tile, windowFor } from '../support/fixtures.js';
import { countDiffering, rgb } from '../support/png.js';

describe.skipIf(!chromiumAvailable())('wall page', () => {
  let browser: WallBrowser;
  beforeAll(async () => {
    browser = await WallBrowser.start();
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
    const inTile = countDiffering(img, { x: (r.x - window.viewport.x) * s, y: r.y * s, width: r.width * s, height: r.height * s }, rgb(THEME.colors.background));
    const elsewhere = countDiffering(img, { x: 3 * 1926 * s, y: 0, width: 1920 * s, height: 1080 * s }, rgb(THEME.colors.background));
    expect(inTile).toBeGreaterThan(200);
    expect(elsewhere).toBe(0);
    await browser.closeWindows();
  });
});
