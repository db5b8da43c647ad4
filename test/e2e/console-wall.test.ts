/**
 * The operator console with a real wall window: the wall page (headless Chromium, SwiftShader)
 * connects to an in-process hub and sends thumbnails every second; the console (another page)
 * switches the layout, the wall shows it, and the console's thumbnail of that window changes to
 * the new layout. States only, no sleeps; page errors fail the test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { wallIdentity } from '../../src/core/page/hub-config.js';
import { buildConsole } from '../../src/shell/build-console.js';
import { layout, pageConfig, tile, twoScreenWall, windowFor } from '../support/fixtures.js';
import { TOKENS, api, testHub, until } from '../support/hub-fixtures.js';
import { decodePng, pixel } from '../support/png.js';
import { WallBrowser, waitForState, type WallWindow } from '../support/wall-browser.js';
import { openConsole } from '../support/console-page.js';

type Hub = Awaited<ReturnType<typeof testHub>>;

/** "left": a tile on screen 1; "right": on screen 2 (the other screen shows the background). */
const LAYOUTS = [
  layout('left', [tile({ id: 'k', widget: 'kpi', cell: { col: 0, row: 0, colSpan: 1, rowSpan: 1 }, title: 'Chỉ số', topics: ['test.kpi.value'] })]),
  layout('right', [tile({ id: 'k', widget: 'kpi', cell: { col: 1, row: 0, colSpan: 1, rowSpan: 1 }, title: 'Chỉ số', topics: ['test.kpi.value'] })]),
];
const near = (p: number[], c: number[]): boolean => c.every((v, i) => Math.abs(v - p[i]!) <= 3);

describe('operator console with a real wall window (e2e)', () => {
  let hub: Hub;
  let walls: WallBrowser;
  let wall: WallWindow;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  const wallConfig = pageConfig({ wall: twoScreenWall(), layouts: LAYOUTS, initialLayout: 'left', scale: 0.25 });
  const identity = wallIdentity(windowFor(twoScreenWall()));

  beforeAll(async () => {
    await buildConsole();
    hub = await testHub({ layouts: LAYOUTS, console: { thumbnailMinIntervalMs: 0 } });
    walls = await WallBrowser.start();
    wall = await walls.open({ ...wallConfig, hub: { url: hub.url, token: TOKENS.wall, sound: false, thumbnailEveryS: 1 } });
    ({ browser, page } = await openConsole(hub.url, TOKENS.operator, { problems }));
  });

  afterAll(async () => {
    await browser?.close();
    await walls?.close();
    await hub?.cleanup();
  });

  /** The thumbnail as the console shows it: when it was drawn, and its two screens' middle pixels. */
  async function shown(): Promise<{ at: string; left: number[]; right: number[] }> {
    // The console redraws the wall cards as reports arrive: read again if the image was replaced.
    return until(async () => {
      const img = page.locator(`article[data-node="${identity.node}"][data-window="${identity.window}"] img`);
      await img.waitFor({ state: 'visible' });
      const at = (await img.getAttribute('data-at', { timeout: 1000 })) ?? '';
      const png = decodePng(await img.screenshot({ timeout: 1000 }));
      const y = Math.floor(png.height / 2);
      return { at, left: pixel(png, Math.floor(png.width / 4), y).slice(0, 3), right: pixel(png, Math.floor((png.width * 3) / 4), y).slice(0, 3) };
    }, 'the console to show a thumbnail', 15_000, 50);
  }

  it('shows the wall window live, switches it from the console, and the thumbnail follows', async () => {
    await page.locator(`article[data-window="${identity.window}"][data-connected="true"]`).waitFor();
    // No switch yet, so the hub has no layout command: the console says what the window reports.
    await until(async () => ((await page.textContent('#current-layout')) === 'left (theo các cửa sổ)' ? true : undefined), 'the reported layout', 15_000);
    const before = await shown();
    // The tile is on the left screen: the two halves of the thumbnail differ.
    expect(near(before.left, before.right), JSON.stringify(before)).toBe(false);

    await page.click('#layouts button[data-layout="right"]');
    await page.click('#preview-apply');
    await waitForState(wall, (s) => s.layout === 'right');
    await until(async () => (await api(hub.url, 'GET', '/api/layout', TOKENS.operator)).body.current?.layout === 'right', 'the hub to record the switch');
    await page.locator('#current-layout[data-layout="right"]').waitFor();

    // A thumbnail drawn after the swap replaces the old one, and it looks different.
    await until(async () => {
      const now = await shown();
      return now.at !== before.at && (!near(now.left, before.left) || !near(now.right, before.right)) ? now : null;
    }, 'a thumbnail of the new layout', 15_000, 200);
    expect(problems).toEqual([]);
  });
});
