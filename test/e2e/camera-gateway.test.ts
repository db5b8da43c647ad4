/**
 * Project cameras end to end with nothing stood in: a real RTSP camera (GStreamer,
 * test/support/rtsp-cameras.ts), the hub's gateway pulling it (src/hub/cameras), and the wall page
 * in system Chromium playing it through the low-latency path (WebSocket fMP4 into MSE). H.264 plays
 * as is, H.265 through the gateway's transcode; two tiles of one camera cost one pull; the camera
 * stopped → "no signal", back by itself when it returns; behind a proxy that refuses the camera
 * WebSocket, the tile plays the gateway's HLS instead and says so, in its debug state and in the
 * health report the hub lists. Waits poll state with deadlines.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Camera, Layout, Wall } from '../../src/core/wall/model.js';
import type { WallPageConfig } from '../../src/core/page/host-api.js';
import type { CameraTileDebug } from '../../src/renderer/widgets/camera.js';
import { makeWall } from '../support/wall-fixtures.js';
import { WallBrowser, capture, type WallWindow } from '../support/wall-browser.js';
import { layout, pageConfig, tile, windowFor } from '../support/fixtures.js';
import { changedPixels } from '../support/png.js';
import { api, testHub, TOKENS, until } from '../support/hub-fixtures.js';
import { startRtspCameras, type RtspCameras } from '../support/rtsp-cameras.js';
import { startUpgradeRefusingProxy } from '../support/upgrade-refusing-proxy.js';
import { tileImageRect } from '../support/camera-tiles.js';

const SCALE = 0.25;
const CAMERA = { videoPath: 'texture' as const, freezeAfterMs: 5000, backoff: { initialMs: 500, factor: 2, maxMs: 2000, jitter: 0.2 } };
/** Buffered frames playing out after the stop (test/e2e/camera-mse.test.ts) and this test's polling on a busy machine. */
const DETECTION_SLACK_MS = 3000;

const camera = (id: string, url: string, extra: Partial<Camera> = {}): Camera => ({ id, title: { vi: id }, url, transcode: { width: 320, height: 180 }, ...extra });

async function waitForTiles(win: WallWindow, predicate: (t: CameraTileDebug[]) => boolean, timeoutMs: number, what: string): Promise<CameraTileDebug[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const tiles: CameraTileDebug[] = await win.page.evaluate(() => window.wallrunCameras?.().tiles ?? []);
    if (tiles.length > 0 && predicate(tiles)) return tiles;
    if (Date.now() > deadline) throw new Error(`${what} not reached in ${timeoutMs} ms; last: ${JSON.stringify(tiles)}`);
    await win.page.waitForTimeout(100);
  }
}

describe('project cameras through the real hub gateway', () => {
  let rtsp: RtspCameras;
  let hub: Awaited<ReturnType<typeof testHub>>;
  let browser: WallBrowser;

  beforeAll(async () => {
    rtsp = await startRtspCameras();
    [hub, browser] = await Promise.all([testHub({
      cameras: [
        camera('nga-tu', rtsp.url('h264')),
        camera('cau-h265', rtsp.url('h265')),
        // Main stream transcoded to 160×90, sub-stream 320×180: the size on the wall tells which one a tile plays.
        camera('hai-luong', rtsp.url('h265'), { transcode: { width: 160, height: 90 }, subUrl: rtsp.url('h264') }),
      ],
    }), WallBrowser.start()]);
  }, 60_000);
  afterEach(async () => {
    await browser?.closeWindows({ allowHttp: true }).catch(() => undefined);
  });
  afterAll(async () => {
    await browser?.close();
    await hub?.cleanup();
    await rtsp?.destroy();
  });

  function config(wall: Wall, l: Layout, hubUrl = hub.url, camera: Record<string, unknown> = {}): WallPageConfig {
    const page = pageConfig({ wall, layouts: [l], window: windowFor(wall, 'node-1'), scale: SCALE });
    return { ...page, camera: { ...CAMERA, ...camera }, hub: { url: hubUrl, token: TOKENS.wall, sound: false, thumbnailEveryS: 0 } };
  }
  const listed = async (id: string): Promise<{ state: string; viewers: number; transcoding: boolean }> => {
    const r = await api(hub.url, 'GET', '/api/cameras', TOKENS.operator);
    return (r.body as { cameras: { id: string; state: string; viewers: number; transcoding: boolean }[] }).cameras.find((c) => c.id === id)!;
  };
  it('plays an H.264 RTSP camera through the low-latency path, two tiles on one socket and one pull; stopped → no signal, back by itself', async () => {
    const wall = makeWall();
    const a = tile({ id: 'a', widget: 'camera', cell: { col: 0, row: 0, colSpan: 1, rowSpan: 1 }, props: { camera: 'nga-tu' } });
    const b = tile({ id: 'b', widget: 'camera', cell: { col: 2, row: 0, colSpan: 1, rowSpan: 1 }, props: { camera: 'nga-tu' } });
    const l = layout('gateway', [a, b]);
    const win = await browser.open(config(wall, l));
    const live = await waitForTiles(win, (ts) => ts.every((t) => t.state === 'live' && t.textured && (t.framesPresented ?? 0) > 10), 30_000, 'both tiles live');
    expect(live.map((t) => [t.path, t.fallback])).toEqual([['mse', null], ['mse', null]]);
    expect(live[0]!.codec).toMatch(/^avc1\./);
    expect((await listed('nga-tu')).viewers).toBe(1); // one socket for the window's two tiles; the gateway pulls once

    const first = await capture(win);
    await waitForTiles(win, (ts) => (ts[0]!.framesPresented ?? 0) >= live[0]!.framesPresented! + 10, 10_000, 'ten more frames');
    const second = await capture(win);
    expect(changedPixels(first, second, tileImageRect(wall, l, a, SCALE))).toBeGreaterThan(100);
    // Kept near the live edge: the buffered end runs less than a second ahead of the playhead.
    const near = await waitForTiles(win, (ts) => ts[0]!.liveLagS !== null && ts[0]!.liveLagS! < 1, 5000, 'lag under 1 s');
    const lags: number[] = [near[0]!.liveLagS!];
    while (lags.length < 20) {
      await win.page.waitForTimeout(100);
      lags.push((await waitForTiles(win, () => true, 1000, 'state'))[0]!.liveLagS ?? NaN);
    }
    lags.sort((x, y) => x - y);
    console.log(`camera-gateway: playhead behind the buffered live edge over 2 s: median ${lags[10]} s, max ${lags[19]} s`);

    const stoppedAt = Date.now();
    await rtsp.stop();
    await waitForTiles(win, (ts) => ts.every((t) => (t.state === 'frozen' || t.state === 'recovering') && t.message !== ''), CAMERA.freezeAfterMs + DETECTION_SLACK_MS, 'no signal');
    const lostMs = Date.now() - stoppedAt;
    const restartedAt = Date.now();
    await rtsp.restart();
    // The gateway's own reconnect to the camera (its backoff) comes first, then the wall's.
    const back = await waitForTiles(win, (ts) => ts.every((t) => t.state === 'live' && t.message === ''), 60_000, 'live again');
    expect(back[0]!.path).toBe('mse');
    console.log(`camera-gateway: no signal ${lostMs} ms after the RTSP camera stopped; live again ${Date.now() - restartedAt} ms after it returned`);
  }, 120_000);

  it('plays an H.265 RTSP camera through the gateway transcode, on the low-latency path', async () => {
    const wall = makeWall();
    const t = tile({ id: 'h265', widget: 'camera', cell: { col: 0, row: 0, colSpan: 1, rowSpan: 1 }, props: { camera: 'cau-h265' } });
    const win = await browser.open(config(wall, layout('h265', [t])));
    const [live] = await waitForTiles(win, (ts) => ts[0]!.state === 'live' && (ts[0]!.framesPresented ?? 0) > 10, 40_000, 'H.265 camera live');
    expect(live!.path).toBe('mse');
    expect(live!.codec).toMatch(/^avc1\./);
    expect((await listed('cau-h265')).transcoding).toBe(true);
  }, 60_000);

  it('falls back to the gateway\'s HLS when a proxy refuses the camera WebSocket, with moving frames, and says so', async () => {
    // The wall reaches the hub through a proxy that passes HTTP (HLS, REST) and socket.io but refuses /cameras/*/live.
    const proxy = await startUpgradeRefusingProxy(hub.url, (path) => path.startsWith('/cameras/'));
    try {
      const wall = makeWall();
      const t = tile({ id: 'fb', widget: 'camera', cell: { col: 0, row: 0, colSpan: 1, rowSpan: 1 }, props: { camera: 'nga-tu' } });
      const l = layout('fallback', [t]);
      const win = await browser.open(config(wall, l, proxy.url));
      const [live] = await waitForTiles(win, (ts) => ts[0]!.state === 'live' && ts[0]!.textured && (ts[0]!.framesPresented ?? 0) > 10, 40_000, 'the camera live on HLS');
      expect([live!.path, live!.fallback, live!.liveLagS]).toEqual(['hls', 'refused', null]);
      expect(proxy.refused).toBeGreaterThan(0);
      const first = await capture(win);
      await waitForTiles(win, (ts) => (ts[0]!.framesPresented ?? 0) >= live!.framesPresented! + 10, 10_000, 'ten more frames on HLS');
      const second = await capture(win);
      expect(changedPixels(first, second, tileImageRect(wall, l, t, SCALE))).toBeGreaterThan(100);
      // The wall's health report tells the hub (GET /api/walls, the console's "HLS dự phòng").
      const stream = await until(async () => {
        const walls = (await api(hub.url, 'GET', '/api/walls', TOKENS.operator)).body.walls as { connected: boolean; health?: { streams: { tile: string; path?: string }[] } }[];
        return walls.filter((w) => w.connected).flatMap((w) => w.health?.streams ?? []).find((st) => st.tile === 'fb' && st.path === 'hls');
      }, 'the fallback in a health report', 20_000, 250);
      expect(stream).toMatchObject({ tile: 'fb', state: 'playing', path: 'hls', fallback: 'refused' });
    } finally {
      await browser.closeWindows({ allowHttp: true }).catch(() => undefined);
      await proxy.close();
    }
  }, 60_000);

  it('plays the camera\'s sub-stream in a tile no larger than subStreamMaxPx, the main stream otherwise', async () => {
    const wall = makeWall();
    const t = tile({ id: 'sub', widget: 'camera', cell: { col: 0, row: 0, colSpan: 1, rowSpan: 1 }, props: { camera: 'hai-luong' } });
    const l = layout('sub-stream', [t]);
    for (const [maxPx, width] of [[100_000, 320], [0, 160]] as const) {
      const win = await browser.open(config(wall, l, hub.url, { subStreamMaxPx: maxPx }));
      const [live] = await waitForTiles(win, (ts) => ts[0]!.state === 'live' && (ts[0]!.framesPresented ?? 0) > 5, 40_000, `live with subStreamMaxPx ${maxPx}`);
      expect([live!.path, live!.videoWidth]).toEqual(['mse', width]);
      await browser.closeWindows({ allowHttp: true });
    }
  }, 100_000);
});
