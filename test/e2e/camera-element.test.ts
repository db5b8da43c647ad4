/**
 * Cameras on the element path (camera.videoPath `element`, or `auto` where compositing or WebGL is
 * software: docs/cameras.md "Video path"): the camera's own <video> shown under a transparent
 * hole in the canvas, composited by the browser, no frame copied into a texture and no canvas
 * frame rendered for a video frame. The texture path is what every other camera test runs
 * (camera.test.ts and the rest: test/support/fixtures.ts pageConfig sets it), so both are covered.
 * Here: what the page shows (the compositor's picture moving, the canvas transparent there), which
 * tile takes the one element (a camera twice in a window, a tile across a bezel), the choice
 * `auto` makes, a layout switch keeping the decoder, and a frozen camera's last frame.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Layout, Tile, Wall } from '../../src/core/wall/model.js';
import type { WallPageConfig } from '../../src/core/page/host-api.js';
import type { CameraTileDebug } from '../../src/renderer/widgets/camera.js';
import { makeWall } from '../support/wall-fixtures.js';
import { startCameraFleet, type CameraFleet } from '../../src/hub/demo/cameras/camera-fleet.js';
import { WallBrowser, capture, capturePage, debugState, type WallWindow } from '../support/wall-browser.js';
import { layout, pageConfig, tile, windowFor } from '../support/fixtures.js';
import { changedPixels, meanAlpha, meanLuma } from '../support/png.js';
import { tileImageRect } from '../support/camera-tiles.js';

const SCALE = 0.25;

interface Cameras {
  pool: { active: string[] };
  tiles: CameraTileDebug[];
}

function cameras(win: WallWindow): Promise<Cameras> {
  return win.page.evaluate(() => window.wallrunCameras?.() ?? { pool: { active: [] }, tiles: [] });
}

/** Polls the camera debug state (from Node: the page's CSP forbids page-side string polling) until `ok` holds. */
async function waitForCameras(win: WallWindow, ok: (c: Cameras) => boolean, what: string, timeoutMs = 20_000): Promise<Cameras> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const c = await cameras(win);
    if (ok(c)) return c;
    if (Date.now() > deadline) throw new Error(`${what} not reached in ${timeoutMs} ms; last: ${JSON.stringify(c.tiles.map((t) => [t.tile, t.state, t.videoPath, t.framesPresented, t.uploads]))}`);
    await win.page.waitForTimeout(100);
  }
}

function byTile(c: Cameras, id: string): CameraTileDebug {
  const t = c.tiles.find((x) => x.tile === id);
  if (!t) throw new Error(`no camera tile ${id}`);
  return t;
}

/** Video elements in the page layer, and how many of them are visible. */
function layerVideos(win: WallWindow): Promise<{ inLayer: number; visible: number }> {
  return win.page.evaluate(() => {
    const videos = [...document.querySelectorAll<HTMLVideoElement>('#page-layer video')];
    return { inLayer: videos.length, visible: videos.filter((v) => (v.parentElement as HTMLElement).style.visibility === 'visible').length };
  });
}

describe('cameras on the element path', () => {
  let fleet: CameraFleet;
  let browser: WallBrowser;
  const url = (n: number): string => fleet.playlistUrl(`cam-${String(n).padStart(2, '0')}`);

  beforeAll(async () => {
    // 12 segments kept: a player starved by a busy machine asks for an old one, and the harness fails a window on a 404.
    [fleet, browser] = await Promise.all([startCameraFleet({ count: 2, listSize: 12, segmentS: 1 }), WallBrowser.start()]);
    await fleet.ready;
  }, 60_000);
  afterEach(async () => {
    await browser?.closeWindows().catch(() => undefined);
  });
  afterAll(async () => {
    await browser?.close();
    await fleet?.destroy();
  });

  function open(wall: Wall, layouts: Layout[], extra: Partial<WallPageConfig>): Promise<WallWindow> {
    return browser.open({ ...pageConfig({ wall, layouts, window: windowFor(wall, 'node-1'), scale: SCALE }), ...extra });
  }

  it('shows the camera element under a hole, copies no frame and renders no canvas frame for video; a second tile and a bezel-crossing tile take the texture', async () => {
    const wall = makeWall();
    const a = tile({ id: 'a', widget: 'camera', cell: { col: 0, row: 0, colSpan: 1, rowSpan: 1 }, props: { source: url(1), label: 'Cầu Gành Hào' } });
    const twice = tile({ id: 'twice', widget: 'camera', cell: { col: 1, row: 0, colSpan: 1, rowSpan: 1 }, props: { source: url(1) } });
    const wide = tile({ id: 'wide', widget: 'camera', cell: { col: 2, row: 0, colSpan: 2, rowSpan: 1 }, props: { source: url(2) } });
    const l = layout('element', [a, twice, wide]);
    const win = await open(wall, [l], { camera: { videoPath: 'element' } });

    const live = await waitForCameras(
      win,
      (c) => c.tiles.length === 3 && c.tiles.every((t) => t.state === 'live' && (t.framesPresented ?? 0) > 5) && byTile(c, 'a').videoPath === 'element',
      'three live tiles, a on the element',
    );
    expect(live.pool.active.sort()).toEqual([url(1), url(2)].sort()); // one decoder per camera, whatever the path
    expect(byTile(live, 'twice').videoPath).toBe('texture'); // the element is a's
    expect(byTile(live, 'wide').videoPath).toBe('texture'); // an element cannot be split at a bezel
    expect(await layerVideos(win)).toEqual({ inLayer: 1, visible: 1 });

    // The canvas is transparent over a (the page layer shows), opaque over the textured tiles.
    const rectA = tileImageRect(wall, l, a, SCALE);
    const canvas = await capture(win);
    expect(meanAlpha(canvas, rectA)).toBeLessThan(10);
    expect(meanAlpha(canvas, tileImageRect(wall, l, twice, SCALE))).toBeGreaterThan(245);

    // The compositor's picture of a moves, and is a picture, not the dark placeholder.
    const uploadsBefore = byTile(live, 'a').uploads ?? 0;
    const first = await capturePage(win);
    const framesBefore = byTile(live, 'a').framesPresented!;
    await waitForCameras(win, (c) => (byTile(c, 'a').framesPresented ?? 0) >= framesBefore + 8, 'eight more frames');
    const second = await capturePage(win);
    expect(changedPixels(first, second, rectA)).toBeGreaterThan(200);
    expect(meanLuma(second, rectA)).toBeGreaterThan(40);
    // Camera 1's texture is still filled for `twice`, camera 2's for `wide`: uploads go on there.
    const after = await cameras(win);
    expect(byTile(after, 'twice').uploads!).toBeGreaterThan(uploadsBefore);
    await browser.closeWindows();
  }, 60_000);

  it("`auto` takes the element where the shell found software compositing (no canvas frame for a camera frame then), and where WebGL is SwiftShader under GPU compositing", async () => {
    const wall = makeWall();
    const a = tile({ id: 'a', widget: 'camera', cell: { col: 0, row: 0, colSpan: 1, rowSpan: 1 }, props: { source: url(1), showLabel: false } });
    const l = layout('auto', [a]);
    const soft = await open(wall, [l], { compositing: 'software', camera: { videoPath: 'auto' } });
    const live = await waitForCameras(soft, (c) => byTile(c, 'a').videoPath === 'element' && (byTile(c, 'a').framesPresented ?? 0) > 5, 'element under software compositing');
    const before = (await debugState(soft)).render;
    const frames = byTile(live, 'a').framesPresented!;
    const shown = byTile(live, 'a').elementFrames!;
    const after = await waitForCameras(soft, (c) => (byTile(c, 'a').framesPresented ?? 0) >= frames + 10, 'ten more frames');
    const rendered = (await debugState(soft)).render;
    expect(rendered.reasons['camera-frame'] ?? 0).toBe(before.reasons['camera-frame'] ?? 0);
    // Ten video frames presented by the element, and the canvas drew (almost) nothing: the live badge's blink at most.
    expect(byTile(after, 'a').elementFrames! - shown).toBeGreaterThanOrEqual(10);
    expect(rendered.rendered - before.rendered).toBeLessThan(5);
    await browser.closeWindows();
    // GPU compositing on SwiftShader (this machine, GL forced): WebGL is software, so the element
    // too. Where a GPU draws, `auto` is the texture (resolveVideoPath's unit test: no GPU here).
    const gpu = await open(wall, [l], { compositing: 'gpu', camera: { videoPath: 'auto' } });
    expect(await gpu.page.evaluate(() => {
      const gl = document.createElement('canvas').getContext('webgl2')!;
      return String(gl.getParameter(gl.getExtension('WEBGL_debug_renderer_info')!.UNMASKED_RENDERER_WEBGL));
    }), 'the premise: WebGL here is SwiftShader').toMatch(/SwiftShader/);
    await waitForCameras(gpu, (c) => byTile(c, 'a').state === 'live' && byTile(c, 'a').videoPath === 'element', 'element on software WebGL');
    expect(await layerVideos(gpu)).toEqual({ inLayer: 1, visible: 1 });
    await browser.closeWindows();
  }, 60_000);

  it('moves the element to the next layout’s tile on the swap frame, keeping the decoder', async () => {
    const wall = makeWall();
    const cam = (id: string, col: number): Tile => tile({ id, widget: 'camera', cell: { col, row: 0, colSpan: 1, rowSpan: 1 }, props: { source: url(1) } });
    const l1 = layout('first', [cam('left', 0)]);
    const l2 = layout('second', [cam('right', 4)]);
    const win = await open(wall, [l1, l2], { camera: { videoPath: 'element' } });
    const live = await waitForCameras(win, (c) => byTile(c, 'left').videoPath === 'element', 'left on the element');
    const frames = byTile(live, 'left').framesPresented!;
    await win.page.evaluate(() => window.wallrunDebug!.switchLayout('second'));
    const moved = await waitForCameras(win, (c) => c.tiles.length === 1 && byTile(c, 'right').videoPath === 'element', 'right on the element');
    expect(byTile(moved, 'right').framesPresented!).toBeGreaterThanOrEqual(frames); // the same source: no reconnect
    expect(await layerVideos(win)).toEqual({ inLayer: 1, visible: 1 });
    const page = await capturePage(win);
    expect(meanLuma(page, tileImageRect(wall, l2, l2.tiles[0]!, SCALE))).toBeGreaterThan(40);
    await browser.closeWindows();
  }, 60_000);

  it('shows a frozen camera’s last frame dimmed from the texture, and goes back to the element when it is live again', async () => {
    const wall = makeWall();
    const a = tile({ id: 'a', widget: 'camera', cell: { col: 0, row: 0, colSpan: 1, rowSpan: 1 }, props: { source: url(2) } });
    const l = layout('freeze', [a]);
    const win = await open(wall, [l], { camera: { videoPath: 'element', freezeAfterMs: 2000, backoff: { initialMs: 500, factor: 2, maxMs: 2000, jitter: 0.2 } } });
    await waitForCameras(win, (c) => byTile(c, 'a').videoPath === 'element' && (byTile(c, 'a').framesPresented ?? 0) > 5, 'a live on the element');
    const livePage = await capturePage(win);
    const camera = fleet.cameras[1]!;
    camera.pause();
    try {
      // The freeze is seen in one frame and the tile takes the texture in the next: wait for both.
      const fellBack = (c: Cameras): boolean => byTile(c, 'a').frozenSince != null && byTile(c, 'a').state !== 'live' && byTile(c, 'a').videoPath === 'texture' && byTile(c, 'a').textured === true;
      const lost = await waitForCameras(win, fellBack, 'no signal, on the texture', 30_000);
      expect(byTile(lost, 'a').videoPath).toBe('texture');
      expect(byTile(lost, 'a').textured).toBe(true);
      const rect = tileImageRect(wall, l, a, SCALE);
      const frozen = await capture(win); // the canvas alone holds the dimmed last frame now
      expect(meanAlpha(frozen, rect)).toBeGreaterThan(245);
      expect(meanLuma(frozen, rect)).toBeGreaterThan(5);
      expect(meanLuma(frozen, rect)).toBeLessThan(meanLuma(livePage, rect) * 0.7);
    } finally {
      camera.resume();
    }
    await waitForCameras(win, (c) => byTile(c, 'a').state === 'live' && byTile(c, 'a').videoPath === 'element', 'live on the element again', 30_000);
    await browser.closeWindows();
  }, 90_000);
});
