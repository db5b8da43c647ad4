/**
 * Presets end to end: an editor creates a preset in the console (a layout whose camera tile shows
 * another camera of the project), an operator's console has no editing but activates it, and the
 * real wall window (headless Chromium, live HLS from the simulated cameras) shows the chosen camera
 * in that tile. A save that raced another editor's is refused and the form keeps what was typed
 * until "Lưu đè". States only, no sleeps; page errors fail the test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startCameraFleet, type CameraFleet } from '../../src/hub/demo/cameras/camera-fleet.js';
import { buildConsole } from '../../src/shell/build-console.js';
import type { CameraTileDebug } from '../../src/renderer/widgets/camera.js';
import { layout, pageConfig, tile, twoScreenWall } from '../support/fixtures.js';
import { TOKENS, api, testHub, until } from '../support/hub-fixtures.js';
import { WallBrowser, chromiumPath, waitForState, type WallWindow } from '../support/wall-browser.js';

type Hub = Awaited<ReturnType<typeof testHub>>;

const CAM_1 = 'cam-01/index.m3u8';
const CAM_2 = 'cam-02/index.m3u8';
const LAYOUTS = [
  layout('city', [
    tile({ id: 'cam-main', widget: 'camera', cell: { col: 0, row: 0, colSpan: 1, rowSpan: 1 }, props: { source: CAM_1, label: { vi: 'Cầu Phan Ngọc Hiển' } } }),
    tile({ id: 'k', widget: 'kpi', cell: { col: 1, row: 0, colSpan: 1, rowSpan: 1 }, title: 'Chỉ số', topics: ['test.kpi.value'] }),
  ]),
  layout('river', [tile({ id: 'cam-river', widget: 'camera', cell: { col: 1, row: 0, colSpan: 1, rowSpan: 1 }, props: { source: CAM_2, label: { vi: 'Trạm Sông Đốc' } } })]),
];

describe('presets from the console to the wall (e2e)', () => {
  let hub: Hub;
  let fleet: CameraFleet;
  let walls: WallBrowser;
  let wall: WallWindow;
  let browser: Browser;
  const problems: string[] = [];

  async function consolePage(token: string): Promise<Page> {
    const page = await browser.newPage();
    page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('dialog', (d) => void d.accept());
    await page.goto(`${hub.url}/console/`);
    await page.fill('#token', token);
    await page.click('#login-form button[type="submit"]');
    await page.locator('body[data-state="ready"]').waitFor();
    return page;
  }

  const cameraTile = async (id: string): Promise<CameraTileDebug | undefined> =>
    (await wall.page.evaluate(() => window.wallrunCameras?.().tiles ?? [])).find((t) => t.tile === id);

  beforeAll(async () => {
    await buildConsole();
    [fleet, walls, hub] = await Promise.all([startCameraFleet({ count: 2, width: 320, height: 180, fps: 10, listSize: 8 }), WallBrowser.start(), testHub({ layouts: LAYOUTS })]);
    await fleet.ready;
    const config = { ...pageConfig({ wall: twoScreenWall(), layouts: LAYOUTS, initialLayout: 'city', scale: 0.25 }), cameraBase: fleet.baseUrl };
    wall = await walls.open({ ...config, hub: { url: hub.url, token: TOKENS.wall, sound: false, thumbnailEveryS: 0 } });
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: chromiumPath(), headless: true });
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await walls?.close();
    await hub?.cleanup();
    await fleet?.destroy();
  });

  it('an editor creates a preset, an operator activates it, and the wall shows the chosen camera', async () => {
    await until(async () => {
      const t = await cameraTile('cam-main');
      return t?.url.endsWith(CAM_1) && t.state === 'live' && (t.framesPresented ?? 0) > 0;
    }, 'camera 1 live in its tile', 30_000, 100);

    const editor = await consolePage(TOKENS.editor);
    await editor.click('#preset-new');
    await editor.fill('#preset-form input[name="id"]', 'song-doc-tren-cau');
    await editor.fill('#preset-form input[name="title-vi"]', 'Sông Đốc lên ô chính');
    await editor.selectOption('#preset-form select[name="layout"]', 'city');
    await editor.selectOption('#preset-form select[data-tile="cam-main"]', CAM_2);
    await editor.click('#preset-form button[data-save]');
    await editor.locator('article.preset[data-preset="song-doc-tren-cau"][data-version="1"]').waitFor();
    const stored = await api(hub.url, 'GET', '/api/presets/song-doc-tren-cau', TOKENS.operator);
    expect(stored.body.preset).toMatchObject({ layout: 'city', cameras: [{ tile: 'cam-main', source: CAM_2, label: { vi: 'Trạm Sông Đốc' } }], updatedBy: 'Trần Văn Bình' });

    const operator = await consolePage(TOKENS.operator);
    const card = operator.locator('article.preset[data-preset="song-doc-tren-cau"]');
    await card.waitFor();
    expect(await operator.locator('#preset-new').isVisible()).toBe(false);
    expect(await card.locator('button[data-edit], button[data-delete]').count()).toBe(0);
    // Choosing the preset previews it on the wall canvas; "Áp dụng" activates it.
    await card.locator('button[data-activate]').click();
    await operator.locator('#preview-bar[data-preview="preset:song-doc-tren-cau"]').waitFor();
    await operator.click('#preview-apply');

    await waitForState(wall, (s) => s.preset?.id === 'song-doc-tren-cau' && s.preset.version === 1 && s.layout === 'city');
    await until(async () => {
      const t = await cameraTile('cam-main');
      return t?.url.endsWith(CAM_2) && t.state === 'live' && (t.framesPresented ?? 0) > 0;
    }, 'the tile to play camera 2', 30_000, 100);
    await operator.locator('article.preset[data-preset="song-doc-tren-cau"][data-active="true"]').waitFor();
    await editor.locator('article.preset[data-preset="song-doc-tren-cau"][data-active="true"]').waitFor(); // pushed to every console
    const audit = await api(hub.url, 'GET', '/api/audit', TOKENS.operator);
    expect(audit.body.audit.find((a: { action: string }) => a.action === 'layout')).toMatchObject({ actor: 'Nguyễn Thị Lan', detail: { preset: 'song-doc-tren-cau', presetVersion: 1 } });
    expect(problems).toEqual([]);
  }, 120_000);

  it('refuses an editor’s save that raced another editor’s, keeping the form, until "Lưu đè"', async () => {
    const editor = await consolePage(TOKENS.editor);
    await editor.locator('article.preset[data-preset="song-doc-tren-cau"] button[data-edit]').click();
    await editor.fill('#preset-form input[name="title-vi"]', 'Tên tôi vừa sửa');
    // Meanwhile another editor saves version 2 through the API.
    const other = await api(hub.url, 'PUT', '/api/presets/song-doc-tren-cau', TOKENS.editor, { title: { vi: 'Tên người khác sửa' }, layout: 'city', cameras: [], version: 1 });
    expect(other.status).toBe(200);
    await editor.click('#preset-form button[data-save]');
    await editor.locator('#preset-form .conflict[data-conflict-version="2"]').waitFor();
    expect(await editor.inputValue('#preset-form input[name="title-vi"]')).toBe('Tên tôi vừa sửa');
    expect((await api(hub.url, 'GET', '/api/presets/song-doc-tren-cau', TOKENS.operator)).body.preset.title.vi).toBe('Tên người khác sửa');

    await editor.click('#preset-form button[data-overwrite]');
    await editor.locator('article.preset[data-preset="song-doc-tren-cau"][data-version="3"]').waitFor();
    const after = (await api(hub.url, 'GET', '/api/presets/song-doc-tren-cau', TOKENS.operator)).body.preset;
    expect(after).toMatchObject({ version: 3, title: { vi: 'Tên tôi vừa sửa' }, cameras: [{ tile: 'cam-main', source: CAM_2 }] });
    // Chromium logs the refused save's 409 as a failed resource: that one, and nothing else.
    const conflict = (p: string): boolean => p.includes('status of 409 (Conflict)');
    expect(problems.filter(conflict)).toHaveLength(1);
    expect(problems.filter((p) => !conflict(p))).toEqual([]);
  }, 60_000);
});
