/**
 * Render only what changed (src/renderer/render-requests.ts), end to end in system Chromium
 * (SwiftShader WebGL2): a static layout renders (almost) nothing while idle, renders once a topic
 * that touches a widget changes (and the screen then shows the new value), a clock with seconds
 * renders about once a second, and a camera tile keeps rendering its new frames. Every wait is on
 * the page's state (frames the scene ran, rendered frames), never on time.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startCameraFleet, type CameraFleet } from '../../src/hub/demo/cameras/camera-fleet.js';
import type { CameraTileDebug } from '../../src/renderer/widgets/camera.js';
import { WallBrowser, capture, debugState, waitForState, type WallWindow } from '../support/wall-browser.js';
import { TOPIC, layout, pageConfig, tile, twoScreenWall, windowFor } from '../support/fixtures.js';
import { changedPixels } from '../support/png.js';
import { waitForTile } from '../support/camera-tiles.js';
import { makeWall } from '../support/wall-fixtures.js';

const SCALE = 0.25;
/** Frames the scene runs while a test watches it idle: a few seconds at the page's frame rate. */
const IDLE_FRAMES = 150;

/** Runs `frames` more scene frames; returns the rendered frames and the seconds they took. */
async function watch(win: WallWindow, frames: number): Promise<{ rendered: number; processed: number; seconds: number }> {
  const before = await debugState(win);
  const t0 = Date.now();
  const after = await waitForState(win, (s, n) => s.render.processed >= n, before.render.processed + frames, 60_000);
  return { rendered: after.render.rendered - before.render.rendered, processed: after.render.processed - before.render.processed, seconds: (Date.now() - t0) / 1000 };
}

describe('render only what changed', () => {
  let browser: WallBrowser;
  let fleet: CameraFleet | undefined;
  beforeAll(async () => {
    browser = await WallBrowser.start();
  });
  afterEach(async () => {
    await browser?.closeWindows();
  });
  afterAll(async () => {
    await browser?.close();
    await fleet?.destroy();
  });

  it('a static layout renders nothing while idle, then renders the new value of a topic', async () => {
    const wall = twoScreenWall();
    const kpi = tile({ id: 'flow', widget: 'kpi', cell: { col: 0, row: 0, colSpan: 1, rowSpan: 1 }, title: { vi: 'Lưu lượng xe', en: 'Traffic flow' }, topics: [TOPIC], props: { unit: 'xe/phút' } });
    const text = tile({ id: 'note', widget: 'text', cell: { col: 1, row: 0, colSpan: 1, rowSpan: 1 }, props: { text: 'Trung tâm điều hành', fontSizePx: 96 } });
    const win = await browser.open(pageConfig({ wall, layouts: [layout('static', [kpi, text])], scale: SCALE }));
    await win.page.evaluate((t) => window.wallrunDebug!.publish(t, 12), TOPIC);
    await waitForState(win, (s) => s.tiles[0]!.updates >= 1);
    const shownBefore = await capture(win);

    const idle = await watch(win, IDLE_FRAMES);
    console.log(`static layout idle: ${idle.rendered} of ${idle.processed} frames rendered in ${idle.seconds.toFixed(1)} s`);
    expect(idle.rendered, 'an idle static layout renders (almost) nothing').toBeLessThanOrEqual(2);

    const before = await debugState(win);
    await win.page.evaluate((t) => window.wallrunDebug!.publish(t, 4321), TOPIC);
    const updated = await waitForState(win, (s, r) => s.tiles[0]!.updates >= 2 && s.render.rendered > r, before.render.rendered);
    expect(updated.render.reasons.scene ?? 0).toBeGreaterThan(before.render.reasons.scene ?? 0);
    const texts = await win.page.evaluate(() => window.wallrunDebug!.texts().map((t) => t.text));
    expect(texts.some((t) => t.replace(/\D/g, '') === '4321'), `the kpi shows 4321: ${JSON.stringify(texts)}`).toBe(true);
    const shownAfter = await capture(win);
    expect(changedPixels(shownBefore, shownAfter, { x: 0, y: 0, width: 1920 * SCALE, height: 1080 * SCALE }), 'the kpi tile changed on screen').toBeGreaterThan(50);

    const again = await watch(win, IDLE_FRAMES);
    expect(again.rendered, 'idle again after the update').toBeLessThanOrEqual(2);
  }, 90_000);

  it('a clock with seconds renders about once a second', async () => {
    const wall = twoScreenWall();
    const clock = tile({ id: 'clock', widget: 'clock', cell: { col: 0, row: 0, colSpan: 1, rowSpan: 1 }, props: { format: 'HH:mm:ss' } });
    const win = await browser.open(pageConfig({ wall, layouts: [layout('clock', [clock])], scale: SCALE }));
    const seen = await watch(win, IDLE_FRAMES * 2);
    console.log(`clock: ${seen.rendered} of ${seen.processed} frames rendered in ${seen.seconds.toFixed(1)} s`);
    expect(seen.rendered, 'one frame per second shown, not one per animation frame').toBeLessThanOrEqual(Math.ceil(seen.seconds) + 2);
    // Not floor(seconds): on a starved machine the page may skip a second between two frames.
    expect(seen.rendered, 'the clock keeps moving').toBeGreaterThanOrEqual(3);
  }, 90_000);

  it('a one-screen window renders straight to the canvas, the same pixels as through the viewport texture', async () => {
    const wall = makeWall({ columns: 1, rows: 1 });
    const kpi = tile({ id: 'flow', widget: 'kpi', cell: { col: 0, row: 0, colSpan: 1, rowSpan: 1 }, title: { vi: 'Lưu lượng xe', en: 'Traffic flow' }, topics: [TOPIC], props: { unit: 'xe/phút' } });
    const text = tile({ id: 'note', widget: 'text', cell: { col: 1, row: 0, colSpan: 1, rowSpan: 1 }, props: { text: 'Trung tâm điều hành', fontSizePx: 96 } });
    const win = await browser.open(pageConfig({ wall, layouts: [layout('one-screen', [kpi, text], { subdivision: { columns: 2, rows: 1 } })], window: windowFor(wall), scale: SCALE }));
    await win.page.evaluate((t) => window.wallrunDebug!.publish(t, 77), TOPIC);
    await waitForState(win, (s) => s.tiles[0]!.updates >= 1);
    expect((await debugState(win)).render.direct).toBe(true);
    const direct = await capture(win);
    expect(await win.page.evaluate(() => window.wallrunDebug!.setRenderPath('texture'))).toBe(false);
    const throughTexture = await capture(win);
    expect((await debugState(win)).render.direct).toBe(false);
    const all = { x: 0, y: 0, width: direct.width, height: direct.height };
    expect(changedPixels(direct, throughTexture, all, 0), 'the same picture either way').toBe(0);
    expect(changedPixels(direct, { ...direct, data: new Uint8Array(direct.data.length) }, all), 'a picture, not an empty canvas').toBeGreaterThan(1000);
  }, 60_000);

  it('a camera tile keeps rendering its new frames', async () => {
    fleet = await startCameraFleet({ count: 1, listSize: 8, segmentS: 1 });
    await fleet.ready;
    const wall = makeWall();
    const cam = tile({ id: 'cam', widget: 'camera', cell: { col: 0, row: 0, colSpan: 1, rowSpan: 1 }, props: { source: fleet.playlistUrl('cam-01') } });
    const win = await browser.open(pageConfig({ wall, layouts: [layout('camera', [cam])], window: windowFor(wall, 'node-1'), scale: SCALE }));
    const uploads = (t: CameraTileDebug): number => t.uploads ?? 0;
    await waitForTile(win, (t) => t.state === 'live' && t.textured && uploads(t) > 5, 30_000, 'camera live');
    // Uploads and render counts read in one go: an upload renders in the frame it happened in.
    const counts = (): Promise<{ uploads: number; cameraRenders: number; rendered: number }> =>
      win.page.evaluate(() => {
        const render = window.wallrunDebug!.state().render;
        return { uploads: window.wallrunCameras!().tiles[0]!.uploads ?? 0, cameraRenders: render.reasons['camera-frame'] ?? 0, rendered: render.rendered };
      });
    const before = await counts();
    await waitForTile(win, (t) => uploads(t) >= before.uploads + 20, 20_000, '20 more camera frames');
    const after = await counts();
    const newFrames = after.uploads - before.uploads;
    const cameraRenders = after.cameraRenders - before.cameraRenders;
    console.log(`camera: ${newFrames} frames uploaded, ${cameraRenders} rendered for them, ${after.rendered - before.rendered} rendered in all`);
    expect(cameraRenders, 'every camera frame uploaded is rendered').toBe(newFrames);
    expect(after.rendered - before.rendered).toBeGreaterThanOrEqual(newFrames);
  }, 120_000);
});
