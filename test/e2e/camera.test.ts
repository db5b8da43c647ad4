/**
 * Camera tiles end to end: real live HLS from the simulated camera fleet (ffmpeg, 640×360 at
 * 15 fps, 1 s segments; 320×180 for the 12-camera test) into the wall page in system Chromium (SwiftShader WebGL2). Every wait
 * polls the page's camera debug state with a deadline; nothing sleeps a fixed time. Every window
 * must close without a WebGL error in its console, with up to 12 videos playing. The pause test
 * asserts when "no signal" shows and when the picture is back against the bounds docs/cameras.md
 * gives, computed from the `camera` slice it hands the page.
 */
import os from 'node:os';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Layout, Wall } from '../../src/core/wall/model.js';
import { makeWall } from '../support/wall-fixtures.js';
import { startCameraFleet, type CameraFleet } from '../../src/hub/demo/cameras/camera-fleet.js';
import type { CameraTileDebug } from '../../src/renderer/widgets/camera.js';
import type { UploadStats } from '../../src/renderer/camera/upload-scheduler.js';
import { WallBrowser, capture, debugState, type WallWindow } from '../support/wall-browser.js';
import { layout, pageConfig, tile, windowFor } from '../support/fixtures.js';
import { changedPixels, meanLuma } from '../support/png.js';
import { childCpuS } from '../support/child-cpu.js';
import { tileImageRect } from '../support/camera-tiles.js';

interface Cameras {
  pool: { budget: number; active: string[]; waiting: string[] };
  uploads: UploadStats;
  tiles: CameraTileDebug[];
}

const SCALE = 0.25;
/**
 * Segments kept in each live playlist. A player that falls more than the window behind (a starved
 * 2-core test machine) asks for a segment already deleted: a 404 hls.js recovers from, but the
 * harness fails a window on any console error. 8 s of slack keeps that out of the tests.
 */
const LIST_SIZE = 8;
/** Segment (and so playlist target) duration of the simulated cameras, seconds. */
const SEGMENT_S = 1;
/**
 * The watchdog settings the pause test runs under, given to the page as its `camera` slice, so
 * its time bounds are computed from the configuration (docs/cameras.md, "Freeze watchdog" and
 * the `camera` slice), not fixed: the freeze time as shipped, the backoff capped at 4 s so the
 * recovery bound stays well inside the test's time.
 */
const PAUSE_CAMERA = { videoPath: 'texture' as const, freezeAfterMs: 5000, playlistStallMs: 0, backoff: { initialMs: 1000, factor: 2, maxMs: 4000, jitter: 0.2 } };
/**
 * Allowance for what the bounds cannot know: this test's own polling (every 100 ms, each poll a
 * page round trip) and a 2-core machine shared with other work delaying the page's timers.
 */
const SCHEDULING_SLACK_MS = 1500;

function cameras(win: WallWindow): Promise<Cameras> {
  return win.page.evaluate(() => window.wallrunCameras!());
}

/**
 * Polls the page's camera state (every 100 ms, from Node: the page's CSP forbids the string
 * evaluation that page-side polling would need) until `predicate` holds; returns that state.
 */
async function waitForCameras<A>(win: WallWindow, predicate: (c: Cameras, arg: A) => boolean, arg: A, timeoutMs: number): Promise<Cameras> {
  const deadline = Date.now() + timeoutMs;
  let last: Cameras | undefined;
  for (;;) {
    last = await win.page.evaluate(() => window.wallrunCameras?.() ?? { pool: { budget: 0, active: [], waiting: [] }, uploads: { limit: 0, frames: 0, uploads: 0, maxPerFrame: 0, deferred: 0, pending: 0 }, tiles: [] });
    if (predicate(last, arg)) return last;
    if (Date.now() > deadline) throw new Error(`camera state not reached in ${timeoutMs} ms; last: ${JSON.stringify(last.tiles.map((t) => [t.tile, t.state, t.framesPresented, t.recoveries, t.errors, t.lastError]))}`);
    await win.page.waitForTimeout(100);
  }
}

describe('camera tiles', () => {
  let fleet: CameraFleet;
  let browser: WallBrowser;
  const url = (n: number): string => fleet.playlistUrl(`cam-${String(n).padStart(2, '0')}`);

  beforeAll(async () => {
    [fleet, browser] = await Promise.all([startCameraFleet({ count: 2, listSize: LIST_SIZE, segmentS: SEGMENT_S }), WallBrowser.start()]);
    await fleet.ready;
  }, 60_000);
  afterEach(async () => {
    await browser?.closeWindows().catch(() => undefined); // a failed test's windows must not load the next one
  });
  afterAll(async () => {
    await browser?.close();
    await fleet?.destroy();
  });

  function open(wall: Wall, l: Layout): Promise<WallWindow> {
    return browser.open(pageConfig({ wall, layouts: [l], window: windowFor(wall, 'node-1'), scale: SCALE }));
  }

  it('shows moving frames, decoding a camera once across two screens and a second tile', async () => {
    const wall = makeWall();
    const wide = tile({ id: 'wide', widget: 'camera', cell: { col: 0, row: 0, colSpan: 2, rowSpan: 1 }, props: { source: url(1), label: 'Ngã tư Lý Thường Kiệt' } });
    const again = tile({ id: 'again', widget: 'camera', cell: { col: 3, row: 0, colSpan: 1, rowSpan: 1 }, props: { source: url(1) } });
    const l = layout('one-camera', [wide, again]);
    const win = await open(wall, l);

    const live = await waitForCameras(win, (c) => c.tiles.length === 2 && c.tiles.every((t) => t.state === 'live' && t.textured && (t.framesPresented ?? 0) > 5), null, 20_000);
    expect(live.pool.active).toEqual([url(1)]); // one decoder for both tiles
    expect((await debugState(win)).tiles.map((t) => [t.id, t.ready, t.placeholder])).toEqual([['wide', true, false], ['again', true, false]]);

    const first = await capture(win);
    const before = live.tiles[0]!.framesPresented!;
    await waitForCameras(win, (c, n) => (c.tiles[0]!.framesPresented ?? 0) >= n + 8, before, 10_000);
    const second = await capture(win);
    const rect = tileImageRect(wall, l, wide, SCALE);
    expect(changedPixels(first, second, rect)).toBeGreaterThan(200);
    expect(meanLuma(second, rect)).toBeGreaterThan(40); // a picture, not the dark placeholder
    await browser.closeWindows();
  }, 40_000);

  it('shows "no signal" within the watchdog time when the stream stops, and recovers when it resumes', async () => {
    const wall = makeWall();
    const cam = tile({ id: 'cam2', widget: 'camera', cell: { col: 0, row: 0, colSpan: 1, rowSpan: 1 }, props: { source: url(2), label: 'Cầu Gành Hào' } });
    const l = layout('pause', [cam]);
    const win = await browser.open(Object.assign(pageConfig({ wall, layouts: [l], window: windowFor(wall, 'node-1'), scale: SCALE }), { camera: PAUSE_CAMERA }));
    await waitForCameras(win, (c) => c.tiles[0]?.state === 'live' && (c.tiles[0].framesPresented ?? 0) > 5, null, 20_000);
    const liveImg = await capture(win);

    // The bounds docs/cameras.md gives, from the configuration above. A paused camera's playlist
    // stops growing at once (its buffered frames still play for a few seconds): frozen once the
    // playlist has not grown for the stall window, max(freezeAfterMs, 3 × target duration).
    const { freezeAfterMs, backoff } = PAUSE_CAMERA;
    const segmentMs = SEGMENT_S * 1000;
    const stallMs = Math.max(freezeAfterMs, 3 * segmentMs);
    // Not before: the last growth the player saw is at most one segment older than the pause, and
    // the watchdog waits the whole window (frames keep coming meanwhile, so the frame path cannot
    // fire earlier).
    const earliestLostMs = stallMs - segmentMs;
    // Not after: that growth was seen at most one playlist reload (a target duration) after the
    // pause, plus one watchdog period (250 ms).
    const latestLostMs = stallMs + segmentMs + 250 + SCHEDULING_SLACK_MS;
    // Back: the camera writes a segment within one segment time; the player (or the next recovery
    // step, at most the capped backoff with its jitter away) then shows a frame, which the watchdog
    // allows a fresh player freezeAfterMs to do.
    const latestBackMs = segmentMs + backoff.maxMs * (1 + backoff.jitter) + freezeAfterMs + SCHEDULING_SLACK_MS;

    const camera = fleet.cameras[1]!;
    const pausedAt = Date.now();
    camera.pause();
    const lost = await waitForCameras(win, (c) => c.tiles[0]?.frozenSince != null && c.tiles[0].state !== 'live', null, latestLostMs + 5000);
    const detectedMs = Date.now() - pausedAt;
    expect(detectedMs, 'no signal shown, ms after the pause').toBeGreaterThanOrEqual(earliestLostMs);
    expect(detectedMs, 'no signal shown, ms after the pause').toBeLessThanOrEqual(latestLostMs);
    expect(lost.tiles[0]!.textured).toBe(true); // the last frame stays, dimmed
    // "No signal since" names the last good moment: within a segment of the pause.
    expect(lost.tiles[0]!.frozenSince!).toBeGreaterThanOrEqual(pausedAt - segmentMs);
    expect(lost.tiles[0]!.frozenSince!).toBeLessThanOrEqual(pausedAt + segmentMs + SCHEDULING_SLACK_MS);
    const frozenImg = await capture(win);
    const rect = tileImageRect(wall, l, cam, SCALE);
    expect(meanLuma(frozenImg, rect)).toBeLessThan(meanLuma(liveImg, rect) * 0.7);

    const resumedAt = Date.now();
    camera.resume();
    const back = await waitForCameras(win, (c) => c.tiles[0]?.state === 'live' && c.tiles[0].frozenSince === null, null, latestBackMs + 5000);
    const recoveredMs = Date.now() - resumedAt;
    expect(recoveredMs, 'live again, ms after the resume').toBeLessThanOrEqual(latestBackMs);
    const n = back.tiles[0]!.framesPresented!;
    await waitForCameras(win, (c, f) => (c.tiles[0]!.framesPresented ?? 0) >= f + 3, n, 15_000);
    console.log(
      `camera pause: no signal after ${detectedMs} ms (bounds ${earliestLostMs}–${latestLostMs}); live again ${recoveredMs} ms after resume ` +
        `(bound ${latestBackMs}); recoveries ${back.tiles[0]!.recoveries} (last ${back.tiles[0]!.lastStep})`,
    );
    await browser.closeWindows();
  }, 70_000);

  it('plays 12 cameras from one HTTP/1.1 origin in one window, all progressing, without WebGL errors', async () => {
    // Its own fleet, smaller: 12 encoders and 12 decoders share the test machine's cores. 320×180 is
    // also what the tiles (240×135 device px at this scale) would be capped to.
    const twelve = await startCameraFleet({ count: 12, width: 320, height: 180, fps: 10, listSize: LIST_SIZE, staggerMs: 50 });
    try {
      await twelve.ready;
      const base = makeWall();
      const wall: Wall = { ...base, nodes: base.nodes.map((n) => ({ ...n, decoderBudget: 12 })) };
      const tiles = Array.from({ length: 12 }, (_, i) =>
        tile({ id: `c${i + 1}`, widget: 'camera', cell: { col: i % 6, row: Math.floor(i / 6), colSpan: 1, rowSpan: 1 }, props: { source: twelve.playlistUrl(`cam-${String(i + 1).padStart(2, '0')}`) } }),
      );
      const l = layout('twelve', tiles, { subdivision: { columns: 2, rows: 2 } });
      const started = Date.now();
      const win = await open(wall, l);
      const all = await waitForCameras(win, (c) => c.tiles.length === 12 && c.tiles.every((t) => t.state === 'live' && t.textured), null, 40_000);
      const allLiveMs = Date.now() - started;
      expect(all.pool.active).toHaveLength(12);

      // Frames keep coming on every camera.
      const t0 = Date.now();
      const cpu0 = childCpuS(process.pid);
      const from = all.tiles.map((t) => t.framesPresented ?? 0);
      const later = await waitForCameras(win, (c, f) => c.tiles.every((t, i) => (t.framesPresented ?? 0) >= f[i]! + 10), from, 30_000);
      const secs = (Date.now() - t0) / 1000;
      const cpu1 = childCpuS(process.pid);
      const rates = later.tiles.map((t, i) => ((t.framesPresented ?? 0) - from[i]!) / secs);
      const { fps } = await debugState(win);
      console.log(
        `12 cameras (320×180@10): all live ${allLiveMs} ms after opening; frames shown per camera ${Math.min(...rates).toFixed(1)}–${Math.max(...rates).toFixed(1)}/s; ` +
          `page ${fps.toFixed(1)} fps; CPU over ${secs.toFixed(1)} s: chromium ${((100 * (cpu1.chromium - cpu0.chromium)) / secs).toFixed(0)}% of a core, ` +
          `ffmpeg ${((100 * (cpu1.ffmpeg - cpu0.ffmpeg)) / secs).toFixed(0)}%; load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores`,
      );
      expect(later.tiles.every((t) => t.state === 'live')).toBe(true);
      // No cap by default (camera.maxUploadsPerFrame 0), and every tile's picture moved on the GPU too.
      expect(later.uploads.limit).toBe(0);
      expect(later.tiles.every((t, i) => (t.uploads ?? 0) > (all.tiles[i]!.uploads ?? 0))).toBe(true);
      await browser.closeWindows(); // throws on any WebGL error logged with 12 videos
    } finally {
      await twelve.destroy();
    }
  }, 90_000);

  it('with one upload per frame for 5 cameras, every tile keeps moving, round-robin, and a stopped camera still freezes', async () => {
    const five = await startCameraFleet({ count: 5, width: 320, height: 180, fps: 10, listSize: LIST_SIZE, staggerMs: 50 });
    try {
      await five.ready;
      const wall = makeWall();
      const tiles = Array.from({ length: 5 }, (_, i) =>
        tile({ id: `c${i + 1}`, widget: 'camera', cell: { col: i % 3, row: Math.floor(i / 3), colSpan: 1, rowSpan: 1 }, props: { source: five.playlistUrl(`cam-0${i + 1}`) } }),
      );
      const l = layout('five', tiles, { subdivision: { columns: 3, rows: 2 } });
      const config = Object.assign(pageConfig({ wall, layouts: [l], window: windowFor(wall, 'node-1'), scale: SCALE }), { camera: { videoPath: 'texture' as const, maxUploadsPerFrame: 1 } });
      const win = await browser.open(config);
      const all = await waitForCameras(win, (c) => c.tiles.length === 5 && c.tiles.every((t) => t.state === 'live' && t.textured), null, 40_000);
      const first = await capture(win);

      // Every camera decodes and reaches the GPU, in turn: 5 cameras with a new frame ~10 times a
      // second each, one upload per rendered frame.
      const from = all.tiles.map((t) => ({ frames: t.framesPresented ?? 0, uploads: t.uploads ?? 0 }));
      const later = await waitForCameras(
        win,
        (c, f) => c.tiles.every((t, i) => (t.framesPresented ?? 0) >= f[i]!.frames + 10 && (t.uploads ?? 0) >= f[i]!.uploads + 5),
        from,
        40_000,
      );
      expect(later.uploads.limit).toBe(1);
      expect(later.uploads.maxPerFrame).toBe(1); // never two uploads in one frame
      expect(later.uploads.deferred).toBeGreaterThan(0); // the cap did hold frames back
      expect(later.tiles.every((t) => t.state === 'live')).toBe(true); // skipped uploads are not a freeze
      const second = await capture(win);
      for (const t of tiles) expect(changedPixels(first, second, tileImageRect(wall, l, t, SCALE)), t.id).toBeGreaterThan(50);

      // The watchdog still sees a camera stop (it counts decoded frames, not uploads).
      five.cameras[2]!.pause();
      const lost = await waitForCameras(win, (c) => c.tiles[2]?.frozenSince != null && c.tiles[2].state !== 'live', null, 15_000);
      expect(lost.tiles.filter((t) => t.state !== 'live').map((t) => t.tile)).toEqual(['c3']);
      five.cameras[2]!.resume();
      await browser.closeWindows();
    } finally {
      await five.destroy();
    }
  }, 120_000);
});
