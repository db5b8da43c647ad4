/**
 * A camera tile whose `props.source` is go2rtc's MSE WebSocket (`ws://…/api/ws?src=…`), end to end
 * in system Chromium against a stand-in speaking go2rtc's framing (test/support/go2rtc-standin.ts;
 * go2rtc itself does not install here): moving frames on the tile, "no signal" within the watchdog
 * time when the stream stops, back by itself. Every wait polls the page's camera debug state with a
 * deadline; nothing sleeps a fixed time.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Layout, Wall } from '../../src/core/wall/model.js';
import type { WallPageConfig } from '../../src/core/page/host-api.js';
import type { CameraTileDebug } from '../../src/renderer/widgets/camera.js';
import { makeWall } from '../support/wall-fixtures.js';
import { WallBrowser, capture, type WallWindow } from '../support/wall-browser.js';
import { layout, pageConfig, tile, windowFor } from '../support/fixtures.js';
import { changedPixels, meanLuma } from '../support/png.js';
import { startGo2rtcStandin, type Go2rtcStandin } from '../support/go2rtc-standin.js';
import { tileImageRect, waitForTile } from '../support/camera-tiles.js';

const SCALE = 0.25;
const CAMERA = { videoPath: 'texture' as const, freezeAfterMs: 5000, backoff: { initialMs: 500, factor: 2, maxMs: 2000, jitter: 0.2 } };
/** This test's polling and a shared 2-core machine delaying timers (as camera-mse.test.ts). */
const SCHEDULING_SLACK_MS = 1500;
/** Buffered media still plays after a stop: at most the lag allowed before a jump (1.5 s). */
const BUFFERED_PLAY_OUT_MS = 1500;

describe('go2rtc MSE WebSocket as a camera source', () => {
  let go2rtc: Go2rtcStandin;
  let browser: WallBrowser;

  beforeAll(async () => {
    [go2rtc, browser] = await Promise.all([startGo2rtcStandin(['nga-tu']), WallBrowser.start()]);
  }, 60_000);
  afterEach(async () => {
    await browser?.closeWindows().catch(() => undefined);
  });
  afterAll(async () => {
    await browser?.close();
    await go2rtc?.destroy();
  });

  function config(wall: Wall, l: Layout): WallPageConfig {
    return { ...pageConfig({ wall, layouts: [l], window: windowFor(wall, 'node-1'), scale: SCALE }), camera: CAMERA };
  }

  it('plays moving frames, says "no signal" when the stream stops, and comes back by itself', async () => {
    const wall = makeWall();
    const source = `${go2rtc.wsBase}/api/ws?src=nga-tu`;
    const cam = tile({ id: 'go2rtc', widget: 'camera', cell: { col: 0, row: 0, colSpan: 2, rowSpan: 1 }, props: { source, label: 'Ngã tư (go2rtc)' } });
    const l = layout('go2rtc', [cam]);
    const win = await browser.open(config(wall, l));

    const live = await waitForTile(win, (t) => t.state === 'live' && t.textured && (t.framesPresented ?? 0) > 10, 20_000, 'go2rtc live');
    expect(live).toMatchObject({ path: 'mse', fallback: null, url: source });
    expect(live.codec).toMatch(/^avc1\./);
    // The wall asked in go2rtc's words, offering only codecs its MSE plays (H.264 here, no audio).
    const request = JSON.parse(go2rtc.requests[0]!) as { type: string; value: string };
    expect(request.type).toBe('mse');
    expect(request.value.split(',').every((c) => c.startsWith('avc1.') || c.startsWith('hvc1.'))).toBe(true);
    expect(go2rtc.viewers('nga-tu')).toBe(1);

    const first = await capture(win);
    await waitForTile(win, (t) => (t.framesPresented ?? 0) >= live.framesPresented! + 10, 10_000, 'ten more frames');
    const second = await capture(win);
    const rect = tileImageRect(wall, l, cam, SCALE);
    expect(changedPixels(first, second, rect)).toBeGreaterThan(200);
    expect(meanLuma(second, rect)).toBeGreaterThan(40);

    const stoppedAt = Date.now();
    await go2rtc.stop('nga-tu');
    const lost = await waitForTile(win, (t) => (t.state === 'frozen' || t.state === 'recovering') && t.message !== '', CAMERA.freezeAfterMs + BUFFERED_PLAY_OUT_MS + SCHEDULING_SLACK_MS, 'no signal');
    const detectedMs = Date.now() - stoppedAt;
    expect(lost.message).toMatch(/^Mất tín hiệu từ \d{2}:\d{2}:\d{2}$/);
    expect(detectedMs).toBeGreaterThanOrEqual(CAMERA.freezeAfterMs - 250);

    const resumedAt = Date.now();
    go2rtc.restart('nga-tu');
    const back = await waitForTile(win, (t) => t.state === 'live' && t.message === '', CAMERA.backoff.maxMs * (1 + CAMERA.backoff.jitter) + 3000 + SCHEDULING_SLACK_MS, 'live again');
    expect(back.path, back.lastError ?? '').toBe('mse');
    expect(back.recoveries).toBeGreaterThan(0);
    console.log(`camera-go2rtc: no signal ${detectedMs} ms after the stop (${lost.lastError}); live again ${Date.now() - resumedAt} ms after the restart`);
  }, 90_000);
});
