/**
 * Faults of an HLS camera, one tile per fault beside a healthy tile, all from one real ffmpeg
 * camera (640×360, 1 s segments) through test/faults/hls-fault-server.ts: the playlist answers
 * 404, segments stall (requests held open), segments are truncated, segments are corrupt. Each
 * faulty tile shows "no signal" within the watchdog time computed from the page's `camera` slice
 * (docs/cameras.md "Freeze watchdog"), the healthy tile keeps playing throughout, and every tile is
 * live again within the recovery bound once the fault ends. A camera whose stream simply stops (the
 * playlist stops growing) is test/e2e/camera.test.ts "no signal … when the stream stops".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCameraFleet, type CameraFleet } from '../../src/hub/demo/cameras/camera-fleet.js';
import type { CameraTileDebug } from '../../src/renderer/widgets/camera.js';
import { makeWall } from '../support/wall-fixtures.js';
import { layout, pageConfig, tile, windowFor } from '../support/fixtures.js';
import { WallBrowser, type WallWindow } from '../support/wall-browser.js';
import { startHlsFaultServer, type HlsFault, type HlsFaultServer } from './hls-fault-server.js';

const SEGMENT_S = 1;
/** The watchdog settings the page runs under (its `camera` slice); the bounds below come from them. */
const CAMERA = { videoPath: 'texture' as const, freezeAfterMs: 3000, playlistStallMs: 0, backoff: { initialMs: 500, factor: 2, maxMs: 2000, jitter: 0.2 } };
/** Our polling and a shared 2-core machine delaying the page's timers. */
const SLACK_MS = 2000;
/**
 * The watchdog's promise (docs/cameras.md): "no signal" once no frame came for freezeAfterMs, or the
 * playlist did not grow for the stall window, checked every 250 ms, counted from the last good
 * moment it reports (`frozenSince`). How long the buffered frames play out before that depends on
 * hls.js and the fault (a few segments); the test allows it at most FAULT_TO_LOST_MS in all.
 */
const LOST_AFTER_LAST_GOOD_MS = Math.max(CAMERA.freezeAfterMs, 3 * SEGMENT_S * 1000) + 250 + SLACK_MS;
const FAULT_TO_LOST_MS = 30_000;
/** Live again at the latest: a new segment, the capped backoff with its jitter, a fresh player's freeze allowance. */
const BACK_BY_MS = SEGMENT_S * 1000 + CAMERA.backoff.maxMs * (1 + CAMERA.backoff.jitter) + CAMERA.freezeAfterMs + SLACK_MS;
const FAULTS: HlsFault[] = ['playlist-404', 'segments-stalled', 'truncated', 'corrupt'];

type Tiles = CameraTileDebug[];
const tilesOf = (win: WallWindow): Promise<Tiles> => win.page.evaluate(() => window.wallrunCameras?.().tiles ?? []);
const byId = (tiles: Tiles, id: string): CameraTileDebug | undefined => tiles.find((t) => t.tile === id);

/** Polls the camera state from Node (the page's CSP forbids page-side string evaluation). */
async function waitForTiles(win: WallWindow, predicate: (t: Tiles) => boolean, what: string, timeoutMs: number): Promise<Tiles> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const tiles = await tilesOf(win);
    if (predicate(tiles)) return tiles;
    if (Date.now() > deadline) throw new Error(`${what}: not reached in ${timeoutMs} ms; last ${JSON.stringify(tiles.map((t) => [t.tile, t.state, t.framesPresented, t.lastError]))}`);
    await win.page.waitForTimeout(100);
  }
}

describe('fault: HLS camera streams', () => {
  let fleet: CameraFleet;
  let faults: HlsFaultServer;
  let browser: WallBrowser;
  beforeAll(async () => {
    [fleet, browser] = await Promise.all([startCameraFleet({ count: 1, listSize: 8, segmentS: SEGMENT_S }), WallBrowser.start()]);
    await fleet.ready;
    faults = await startHlsFaultServer(fleet.baseUrl);
  }, 60_000);
  afterAll(async () => {
    await browser?.closeWindows({ allowHttp: true }); // failed segment and playlist requests are the faults; page errors are not
    await browser?.close();
    await faults?.destroy();
    await fleet?.destroy();
  });

  it('404 playlist, stalled, truncated and corrupt segments: "no signal" in time, the healthy tile unaffected, live again after', async () => {
    const wall = makeWall({ columns: 5, rows: 1 });
    const lanes = ['healthy', ...FAULTS];
    const l = layout(
      'hls-faults',
      lanes.map((lane, i) => tile({ id: lane, widget: 'camera', cell: { col: i, row: 0, colSpan: 1, rowSpan: 1 }, props: { source: new URL(`${lane}/cam-01/index.m3u8`, faults.url).href } })),
    );
    const win = await browser.open(Object.assign(pageConfig({ wall, layouts: [l], window: windowFor(wall, 'node-1'), scale: 0.25 }), { camera: CAMERA }));
    await waitForTiles(win, (t) => t.length === lanes.length && t.every((x) => x.state === 'live' && (x.framesPresented ?? 0) > 3), 'all tiles live', 30_000);

    const start = Date.now();
    for (const f of FAULTS) faults.setFault(f, f);
    const lostAt = new Map<string, number>();
    const lostClock = new Map<string, number>();
    /** Each faulty tile as it was when it first showed no signal. */
    const lastGoodAt = new Map<string, CameraTileDebug>();
    let healthyFrames = byId(await tilesOf(win), 'healthy')!.framesPresented ?? 0;
    await waitForTiles(
      win,
      (tiles) => {
        for (const f of FAULTS) {
          if (lostAt.has(f) || byId(tiles, f)?.state === 'live' || !byId(tiles, f)?.message) continue;
          lostAt.set(f, Date.now() - start);
          lostClock.set(f, Date.now());
          lastGoodAt.set(f, byId(tiles, f)!);
        }
        return lostAt.size === FAULTS.length;
      },
      'every faulty tile shows no signal',
      FAULT_TO_LOST_MS,
    );
    const lost = await tilesOf(win);
    for (const f of FAULTS) {
      const lastGood = lastGoodAt.get(f)!.frozenSince!;
      expect(lastGood, `${f}: last good moment`).toBeGreaterThan(start - 2 * SEGMENT_S * 1000);
      expect(lostClock.get(f)! - lastGood, `${f}: no signal after the last good moment (ms)`).toBeLessThanOrEqual(LOST_AFTER_LAST_GOOD_MS);
      expect(lastGoodAt.get(f)!.message, f).toMatch(/mất tín hiệu|đang tải|lỗi/i);
      expect(faults.injected.get(f) ?? 0, `${f} was injected`).toBeGreaterThan(0);
    }
    // The healthy tile, same camera and server, played on throughout.
    expect(byId(lost, 'healthy')!.state).toBe('live');
    expect(byId(lost, 'healthy')!.framesPresented!).toBeGreaterThan(healthyFrames);
    healthyFrames = byId(lost, 'healthy')!.framesPresented!;

    const ended = Date.now();
    for (const f of FAULTS) faults.setFault(f, null);
    const backAt = new Map<string, number>();
    const frames = new Map(FAULTS.map((f) => [f, byId(lost, f)!.framesPresented ?? 0]));
    await waitForTiles(
      win,
      (tiles) => {
        for (const f of FAULTS) {
          const t = byId(tiles, f);
          if (!backAt.has(f) && t?.state === 'live' && t.frozenSince === null && (t.framesPresented ?? 0) > frames.get(f)!) backAt.set(f, Date.now() - ended);
        }
        return backAt.size === FAULTS.length;
      },
      'every tile live again',
      BACK_BY_MS + 10_000,
    );
    for (const f of FAULTS) expect(backAt.get(f)!, `${f}: live again after (ms)`).toBeLessThanOrEqual(BACK_BY_MS);
    const back = await tilesOf(win);
    expect(byId(back, 'healthy')!.framesPresented!).toBeGreaterThan(healthyFrames);
    console.log(`HLS faults: no signal after ${JSON.stringify(Object.fromEntries(lostAt))} ms (≤ ${LOST_AFTER_LAST_GOOD_MS} ms after the last good moment); live again after ${JSON.stringify(Object.fromEntries(backAt))} ms (bound ${BACK_BY_MS})`);
  }, 120_000);
});
