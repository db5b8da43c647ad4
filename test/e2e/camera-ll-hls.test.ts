/**
 * A camera tile whose `props.source` is a Low-Latency HLS playlist, end to end in system Chromium
 * against our own LL-HLS server (test/support/ll-hls-server.ts: parts of 200 ms, segments of 1 s,
 * blocking playlist reloads, a preload hint; mediamtx and go2rtc do not install here). hls.js runs
 * with the camera slice's `lowLatencyMode`: the tile plays live, moving frames, and the player asked
 * for parts (playlist reloads with `_HLS_msn`/`_HLS_part`, part files). Waits poll with deadlines.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CameraTileDebug } from '../../src/renderer/widgets/camera.js';
import { makeWall } from '../support/wall-fixtures.js';
import { WallBrowser, type WallWindow } from '../support/wall-browser.js';
import { layout, pageConfig, tile, windowFor } from '../support/fixtures.js';
import { startLlHlsServer, type LlHlsServer } from '../support/ll-hls-server.js';

async function waitForTile(win: WallWindow, predicate: (t: CameraTileDebug) => boolean, timeoutMs: number, what: string): Promise<CameraTileDebug> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const c: { tiles: CameraTileDebug[] } = await win.page.evaluate(() => window.wallrunCameras?.() ?? { tiles: [] });
    const t = c.tiles[0];
    if (t && predicate(t)) return t;
    if (Date.now() > deadline) throw new Error(`${what} not reached in ${timeoutMs} ms; last: ${JSON.stringify(t)}`);
    await win.page.waitForTimeout(100);
  }
}

describe('LL-HLS camera source', () => {
  let server: LlHlsServer;
  let browser: WallBrowser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startLlHlsServer(), WallBrowser.start()]);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.destroy();
  });

  it('plays live through hls.js lowLatencyMode, asking for parts with blocking playlist reloads', async () => {
    const wall = makeWall();
    const cam = tile({ id: 'll', widget: 'camera', cell: { col: 0, row: 0, colSpan: 1, rowSpan: 1 }, props: { source: server.url } });
    const win = await browser.open(pageConfig({ wall, layouts: [layout('ll', [cam])], window: windowFor(wall, 'node-1'), scale: 0.25 }));

    const live = await waitForTile(win, (t) => t.state === 'live' && t.textured && (t.framesPresented ?? 0) > 10, 30_000, 'LL-HLS live');
    expect(live).toMatchObject({ path: 'hls', url: server.url });
    await waitForTile(win, (t) => (t.framesPresented ?? 0) >= live.framesPresented! + 25, 15_000, 'a second more of frames');

    const blocking = server.requests.filter((r) => /index\.m3u8\?.*_HLS_msn=\d+.*_HLS_part=\d+/.test(r));
    const parts = server.requests.filter((r) => /\/ll\/part-\d+-\d+\.m4s/.test(r));
    console.log(`camera-ll-hls: ${blocking.length} blocking playlist reloads, ${parts.length} part requests, ${server.requests.length} requests in all`);
    expect(blocking.length).toBeGreaterThan(3);
    expect(parts.length).toBeGreaterThan(3);
    await browser.closeWindows();
  }, 90_000);
});
