/**
 * The console's wall canvas with a real wall window (issue 13 items 1–2): every screen of the wall
 * as mounted shows its crop of the window's picture, refreshed within about 2 s while the console
 * is open (the hub's `thumbnail:rate`; the window's own interval is left at 10 s), under the live
 * layout's Vietnamese title; choosing a layout draws its plan over the screens as a preview that
 * "Huỷ xem trước" drops and "Áp dụng" switches; a window that goes away reads "Mất kết nối".
 * States only, no sleeps; page problems fail the test.
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

const kpi = (col: number) => tile({ id: 'k', widget: 'kpi', cell: { col, row: 0, colSpan: 1, rowSpan: 1 }, title: 'Chỉ số', topics: ['test.kpi.value'] });
const LAYOUTS = [
  layout('left', [kpi(0)], { title: { vi: 'Bên trái', en: 'Left side' } }),
  layout('right', [kpi(1)], { title: { vi: 'Bên phải', en: 'Right side' } }),
];
const WALL = twoScreenWall();
const SCREENS = ['r1c1', 'r1c2'];
const same = (p: number[], c: number[]): boolean => c.every((v, i) => Math.abs(v - p[i]!) <= 3);

describe('console wall canvas with a real wall window (e2e)', () => {
  let hub: Hub;
  let walls: WallBrowser;
  let wall: WallWindow;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  const identity = wallIdentity(windowFor(WALL));

  beforeAll(async () => {
    await buildConsole();
    hub = await testHub({ wall: WALL, layouts: LAYOUTS });
    walls = await WallBrowser.start();
    // The window's own interval stays at the default 10 s: the 2 s comes from the hub.
    wall = await walls.open({ ...pageConfig({ wall: WALL, layouts: LAYOUTS, initialLayout: 'left', scale: 0.25 }), hub: { url: hub.url, token: TOKENS.wall, sound: false, thumbnailEveryS: 10 } });
    ({ browser, page } = await openConsole(hub.url, TOKENS.operator, { problems, viewport: { width: 1280, height: 720 } }));
  });

  afterAll(async () => {
    await browser?.close();
    await walls?.close();
    await hub?.cleanup();
  });

  const screen = (id: string) => page.locator(`#wall-canvas .screen[data-screen="${id}"]`);
  const receivedAt = async (id: string): Promise<number> => Number((await screen(id).getAttribute('data-received-at')) ?? 0);

  /** The middle pixel of a screen on the canvas. */
  async function middle(id: string): Promise<number[]> {
    const png = decodePng(await screen(id).locator('canvas').screenshot());
    return pixel(png, Math.floor(png.width / 2), Math.floor(png.height / 2)).slice(0, 3);
  }

  it('draws every screen at its place with its picture, refreshed within 2 s, under the live layout title', async () => {
    for (const id of SCREENS) await page.locator(`#wall-canvas .screen[data-screen="${id}"][data-state="connected"][data-received-at]`).waitFor({ timeout: 20_000 });
    // Side by side with a bezel gap between them, each 16:9.
    const [a, b] = await Promise.all(SCREENS.map((id) => screen(id).boundingBox()));
    expect(b!.x).toBeGreaterThan(a!.x + a!.width);
    expect(a!.width / a!.height).toBeCloseTo(16 / 9, 1);
    expect(await screen('r1c1').textContent()).toContain('r1c1');
    // Pictures, not blank canvases: the KPI tile on the left screen, the theme's background on the right.
    const left = await middle('r1c1');
    const right = await middle('r1c2');
    expect(same(left, [0, 0, 0]) || same(right, [0, 0, 0]), JSON.stringify({ left, right })).toBe(false);
    expect(same(left, right), JSON.stringify({ left, right })).toBe(false);
    // No switch yet: the live layout is what the window reports, by its Vietnamese title.
    await until(async () => ((await page.textContent('#wall-live-title')) === 'Bên trái' ? true : undefined), 'the live layout title', 15_000);

    // Two pictures of the window within about 2 s of each other (the hub's receive times).
    const first = await receivedAt('r1c1');
    const next = await until(async () => {
      const t = await receivedAt('r1c1');
      return t !== first ? t : undefined;
    }, 'a newer picture on the canvas', 10_000, 100);
    expect(next - first).toBeLessThanOrEqual(2500);
    expect(await receivedAt('r1c2')).toBeGreaterThan(first);

    // Hovering a screen names its window and its health.
    await screen('r1c2').hover();
    const info = await page.textContent('#screen-info');
    expect(info).toContain(`${identity.node}/${identity.window}`);
    expect(info).toContain('đang kết nối');
    expect(info).toContain('Bên trái');
  });

  it('previews a chosen layout on the canvas, drops it on "Huỷ xem trước" or Esc and switches on "Áp dụng"', async () => {
    await page.click('#layouts button[data-layout="right"]');
    await page.locator('#preview-bar[data-preview="layout:right"]').waitFor();
    expect(await page.textContent('#preview-title')).toBe('Xem trước: Bên phải');
    const previewTile = page.locator('#wall-canvas .preview-tile[data-tile="k"]');
    await previewTile.waitFor();
    expect(await previewTile.textContent()).toBe('Chỉ số · Chỉ số');
    // The tile is drawn over the right screen.
    const [box, right] = await Promise.all([previewTile.boundingBox(), screen('r1c2').boundingBox()]);
    expect(Math.abs(box!.x - right!.x)).toBeLessThanOrEqual(1);
    expect(Math.abs(box!.width - right!.width)).toBeLessThanOrEqual(1);

    await page.click('#preview-cancel');
    await page.locator('#preview-bar').waitFor({ state: 'hidden' });
    expect(await previewTile.count()).toBe(0);
    expect((await api(hub.url, 'GET', '/api/layout', TOKENS.operator)).body.current).toBeNull();
    // Esc drops a preview too.
    await page.click('#layouts button[data-layout="right"]');
    await page.locator('#preview-bar[data-preview="layout:right"]').waitFor();
    await page.keyboard.press('Escape');
    await page.locator('#preview-bar').waitFor({ state: 'hidden' });

    await page.click('#layouts button[data-layout="right"]');
    await page.click('#preview-apply');
    await waitForState(wall, (s) => s.layout === 'right');
    await until(async () => ((await page.textContent('#wall-live-title')) === 'Bên phải' ? true : undefined), 'the live title to follow the switch');
    await page.locator('#preview-bar').waitFor({ state: 'hidden' });
  });

  it('marks the screens of a window that went away "Mất kết nối"', async () => {
    await wall.destroy();
    for (const id of SCREENS) {
      await page.locator(`#wall-canvas .screen[data-screen="${id}"][data-state="disconnected"]`).waitFor({ timeout: 15_000 });
      expect(await screen(id).locator('.screen-mark').textContent()).toBe('Mất kết nối');
    }
    expect(problems).toEqual([]);
  });
});
