/**
 * The decoder budget under degraded mode, end to end: one window over two screens, a node budget of
 * two decoders and three camera tiles (320×180 live HLS from the simulated fleet, scale 0.25).
 *
 * - r1c1: `crit` (critical). r1c2: `low` (low) over most of it, `spare` (low, later in the file)
 *   in the band below. Two decode; `spare` shows the "decoder budget exceeded" placeholder (`waiting`).
 * - r1c1 dies: `crit` moves over `low`, which is hidden and gives its decoder back (`paused`);
 *   `spare` takes the slot and goes live, `crit` keeps its decoder through the move.
 * - still degraded, a switch to a copy of the layout: the new scene builds `low` hidden, so `spare`
 *   keeps its decoder through the swap (no reconnect) and `low` stays paused.
 * - r1c1 returns: `low` is shown again and, ranking with its original arrival, takes its slot back
 *   from `spare`, which waits again: the window is as it was before the screen died.
 *
 * The budget is never exceeded on any sample. Waits poll the page's state with deadlines, no sleeps.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Rect, Wall } from '../../src/core/wall/model.js';
import { startCameraFleet, type CameraFleet } from '../../src/hub/demo/cameras/camera-fleet.js';
import type { CameraTileDebug } from '../../src/renderer/widgets/camera.js';
import { WallBrowser, capture, debugState, waitForState, type WallWindow } from '../support/wall-browser.js';
import { THEME, layout, pageConfig, tile, twoScreenWall, windowFor } from '../support/fixtures.js';
import { pixel, rgb, type Image } from '../support/png.js';

interface Cameras {
  pool: { budget: number; active: string[]; waiting: string[]; paused: string[] };
  tiles: CameraTileDebug[];
}

const S = 0.25;
const BUDGET = 2;
/** See camera.test.ts: 8 s of playlist slack keeps a starved player off deleted segments (404s). */
const LIST_SIZE = 8;
const SURFACE = rgb(THEME.colors.surface);

// 2 × 1 wall, 3 px bezels: r1c1 lights wall x 3..1923, r1c2 wall x 1929..3849; both y 3..1083.
const CRIT: Rect = { x: 103, y: 203, width: 800, height: 400 };
/** Where crit lands on r1c2: its own place. Every other candidate (corners, centre) hides as much or more. */
const MOVED: Rect = { x: 1929 + 100, y: 203, width: 800, height: 400 };
/** low covers r1c2 but a band at the bottom, so wherever crit goes on r1c2 it hides low. */
const LOW: Rect = { x: 1929, y: 3, width: 1920, height: 760 };
const SPARE: Rect = { x: 1929 + 100, y: 800, width: 448, height: 252 };

/** Device px of a wall point (window x = wall x - 3 on r1c1, - 9 on r1c2; y = wall y - 3). */
const at = (wallX: number, wallY: number): { x: number; y: number } => ({ x: (wallX - (wallX >= 1929 ? 9 : 3)) * S, y: (wallY - 3) * S });
/** Near a tile's top-right corner: clear of the live badge, the name and the centred placeholder text. */
const cornerOf = (r: Rect): { x: number; y: number } => at(r.x + r.width * 0.9, r.y + r.height * 0.1);
const near = (p: readonly number[], c: readonly number[], tol = 6): boolean => c.every((v, i) => Math.abs(v - p[i]!) <= tol);

/** Pixels of wall rect `r` (10 % inset) that differ by more than 24 on some channel between two captures. */
function changedPixels(a: Image, b: Image, r: Rect): number {
  const p0 = at(r.x + r.width * 0.1, r.y + r.height * 0.1);
  const p1 = at(r.x + r.width * 0.9, r.y + r.height * 0.9);
  let n = 0;
  for (let y = Math.floor(p0.y); y < Math.floor(p1.y); y++) {
    for (let x = Math.floor(p0.x); x < Math.floor(p1.x); x++) {
      const i = (y * a.width + x) * 4;
      if ([0, 1, 2].some((c) => Math.abs(a.data[i + c]! - b.data[i + c]!) > 24)) n++;
    }
  }
  return n;
}

describe('decoder budget under degraded mode', () => {
  let fleet: CameraFleet;
  let browser: WallBrowser;
  const url = (n: number): string => fleet.playlistUrl(`cam-0${n}`);

  beforeAll(async () => {
    [fleet, browser] = await Promise.all([
      startCameraFleet({ count: 3, width: 320, height: 180, fps: 10, listSize: LIST_SIZE, staggerMs: 50 }),
      WallBrowser.start(),
    ]);
    await fleet.ready;
  }, 60_000);
  afterEach(async () => {
    await browser?.closeWindows().catch(() => undefined);
  });
  afterAll(async () => {
    await browser?.close();
    await fleet?.destroy();
  });

  /** Most decoders seen active on any sample of the pool. */
  let peak = 0;

  /** Polls the camera state every 100 ms (the page's CSP forbids page-side string polling) until `predicate` holds. */
  async function waitForCameras(win: WallWindow, what: string, predicate: (c: Cameras) => boolean, timeoutMs = 30_000): Promise<Cameras> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const c = await win.page.evaluate(() => window.wallrunCameras!() as Cameras);
      peak = Math.max(peak, c.pool.active.length);
      if (predicate(c)) return c;
      if (Date.now() > deadline) {
        const tiles = c.tiles.map((t) => [t.tile, t.state, t.framesPresented, t.textured, t.lastError]);
        throw new Error(`${what}: not reached in ${timeoutMs} ms; pool ${JSON.stringify(c.pool)}, tiles ${JSON.stringify(tiles)}`);
      }
      await win.page.waitForTimeout(100);
    }
  }
  const cam = (c: Cameras, id: string): CameraTileDebug => c.tiles.find((t) => t.tile === id)!;
  const playing = (c: Cameras, id: string, frames = 3): boolean => {
    const t = cam(c, id);
    return t.state === 'live' && t.textured && (t.framesPresented ?? 0) >= frames;
  };

  it('a tile hidden by degraded mode hands its decoder to a waiting tile, and takes it back when the screen returns', async () => {
    const base = twoScreenWall();
    const wall: Wall = { ...base, nodes: base.nodes.map((n) => ({ ...n, decoderBudget: BUDGET })) };
    const tiles = [
      tile({ id: 'crit', widget: 'camera', priority: 'critical', rect: CRIT, props: { source: url(1) } }),
      tile({ id: 'low', widget: 'camera', priority: 'low', rect: LOW, props: { source: url(2) } }),
      tile({ id: 'spare', widget: 'camera', priority: 'low', rect: SPARE, props: { source: url(3) } }),
    ];
    const l = layout('budget', tiles);
    const copy = layout('budget-copy', tiles);
    const win = await browser.open(pageConfig({ wall, layouts: [l, copy], window: windowFor(wall, 'node-1'), scale: S }));

    // Two decode; the third waits behind the budget placeholder.
    const start = await waitForCameras(win, 'crit and low live', (c) => playing(c, 'crit') && playing(c, 'low'));
    expect(start.pool).toEqual({ budget: BUDGET, active: [url(1), url(2)], waiting: [url(3)], paused: [] });
    expect(cam(start, 'spare')).toMatchObject({ state: 'waiting', textured: false });
    expect((await debugState(win)).tiles.find((t) => t.id === 'spare')).toMatchObject({ ready: true, placeholder: false });
    expect(pixel(await capture(win), cornerOf(SPARE).x, cornerOf(SPARE).y), 'spare: budget placeholder').toSatisfy((p: number[]) => near(p, SURFACE));

    // r1c1 dies: crit moves over low; low frees its decoder, spare takes it.
    const critFrames = cam(start, 'crit').framesPresented!;
    await win.command({ type: 'setDeadScreens', screens: ['r1c1'] });
    const during = await waitForCameras(win, 'spare live after low hidden', (c) => playing(c, 'spare', 5) && cam(c, 'low').state === 'paused' && playing(c, 'crit'));
    expect(during.pool).toEqual({ budget: BUDGET, active: [url(1), url(3)], waiting: [], paused: [url(2)] });
    expect(cam(during, 'low').textured).toBe(false);
    // The moved camera kept its decoder: no reconnect, its frame count went on.
    expect(cam(during, 'crit').framesPresented!).toBeGreaterThan(critFrames);
    const shown = (await debugState(win)).tiles;
    expect(shown.map((t) => [t.id, t.degraded ?? null])).toEqual([['crit', 'moved'], ['low', 'hidden'], ['spare', null]]);
    expect(shown[0]!.rect).toEqual(MOVED);
    // spare shows moving video now.
    const first = await capture(win);
    const n = cam(during, 'spare').framesPresented!;
    await waitForCameras(win, 'spare presents more frames', (c) => (cam(c, 'spare').framesPresented ?? 0) >= n + 5);
    const second = await capture(win);
    expect(pixel(second, cornerOf(SPARE).x, cornerOf(SPARE).y), 'spare: a picture, not the placeholder').not.toSatisfy((p: number[]) => near(p, SURFACE));
    expect(changedPixels(first, second, SPARE)).toBeGreaterThan(50);

    // Still degraded, a layout switch: the new scene's low tile is built hidden and takes no slot,
    // so spare keeps its decoder (its frame count goes on) and low stays paused.
    const spareFrames = (await waitForCameras(win, 'spare frames', () => true)).tiles.find((t) => t.tile === 'spare')!.framesPresented!;
    await win.command({ type: 'switchLayout', layout: 'budget-copy' });
    const switched = await waitForState(win, (st) => st.layout === 'budget-copy' && !st.switching && st.tiles.length === 3);
    expect(switched.tiles.map((t) => [t.id, t.degraded ?? null])).toEqual([['crit', 'moved'], ['low', 'hidden'], ['spare', null]]);
    const kept = await waitForCameras(win, 'one tile each after the swap', (c) => c.tiles.length === 3 && playing(c, 'spare'));
    expect(kept.pool).toEqual({ budget: BUDGET, active: [url(1), url(3)], waiting: [], paused: [url(2)] });
    expect(cam(kept, 'low').state).toBe('paused');
    expect(cam(kept, 'spare').framesPresented!).toBeGreaterThanOrEqual(spareFrames);

    // r1c1 returns: low is shown again and takes its slot back (original arrival); spare waits again.
    await win.command({ type: 'setDeadScreens', screens: [] });
    const after = await waitForCameras(win, 'low live again', (c) => playing(c, 'low') && cam(c, 'spare').state === 'waiting');
    expect(after.pool).toEqual({ budget: BUDGET, active: [url(1), url(2)], waiting: [url(3)], paused: [] });
    expect(cam(after, 'spare').textured).toBe(false);
    expect((await debugState(win)).tiles.every((t) => t.degraded === undefined)).toBe(true);
    expect(peak, 'decoders active on any sample').toBeLessThanOrEqual(BUDGET);
    await browser.closeWindows(); // fails on any WebGL console error
  }, 120_000);
});
