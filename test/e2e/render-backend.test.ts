/**
 * The render backend (src/renderer/render-backend.ts): pixi's 2D canvas renderer draws the same
 * picture as its WebGL renderer (a still wall compared tile by tile, through the direct path and
 * the viewport texture pass, bezels included), `auto` picks the canvas only under software
 * compositing, the layout switch stays atomic and cameras show on both video paths, with no page
 * error and no pixi warning about a feature the canvas cannot draw.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { WallPageConfig } from '../../src/core/page/host-api.js';
import type { PageAlert } from '../../src/core/page/host-messages.js';
import type { PlannedWindow } from '../../src/core/displays/window-plan.js';
import { tileRect, wallBounds } from '../../src/core/wall/geometry.js';
import type { Layout, Rect, Tile, Wall } from '../../src/core/wall/model.js';
import { WallBrowser, capture, capturePage, debugState, probeFrames, waitForState, waitFrames, type WallWindow } from '../support/wall-browser.js';
import { THEME, TOPIC, layout, pageConfig, tile, twoScreenWall, windowFor } from '../support/fixtures.js';
import { changedPixels, countDiffering, differingShare, meanAlpha, meanLuma, painted, pixel, rgb, shifted, type Image } from '../support/png.js';
import { imagePieces } from '../support/tile-pixels.js';
import { makeWall } from '../support/wall-fixtures.js';
import { startCameraFleet, type CameraFleet } from '../../src/hub/demo/cameras/camera-fleet.js';
import type { CameraTileDebug } from '../../src/renderer/widgets/camera.js';
import type { ProbeFrame } from '../../src/core/page/debug-hook.js';
import { tileImageRect, waitForTile } from '../support/camera-tiles.js';
import { repoRoot } from '../support/cli.js';
import { encodePng } from '../../src/shell/png-encode.js';

const S = 0.5;
/** Review-page frozen clock (src/cli/review-page.ts FROZEN_WALL): clocks, ticker and blinks stand still. */
const AT = Date.parse('2026-12-06T09:30:00+07:00');
/**
 * Share of a tile's pixels that may differ between the backends. Measured: text edges only (see
 * the report in the log); a tile missing, in the wrong colour or shifted by 2 px differs far more.
 */
const MAX_TILE_SHARE = 0.02;
/** Both backends' pictures of each case, kept for a look when a comparison fails. */
const REPORT = join(repoRoot, '.test-report/render-backend');
const BEZEL = rgb(THEME.colors.bezel);
const near = (p: readonly number[], c: readonly number[], tol = 3): boolean => c.every((v, i) => Math.abs(v - p[i]!) <= tol);

/** 1.26 mm bezels = 2 wall px per edge: screen 1 lights wall x 2..1922, screen 2 1926..3846. */
const twoScreens = makeWall({ columns: 2, rows: 1, bezelMm: 1.26 });
const oneScreen = makeWall({ columns: 1, rows: 1, bezelMm: 1.26 });

function stillScene(two: boolean): Layout {
  const x2 = two ? 1926 : 0;
  const tiles = [
    tile({ id: 'kpi', widget: 'kpi', rect: { x: 40, y: 40, width: 880, height: 480 }, title: { vi: 'Lưu lượng xe', en: 'Traffic flow' }, topics: [TOPIC], props: { unit: 'xe/phút', thresholds: { warning: 500, critical: 900 } } }),
    tile({ id: 'chart', widget: 'chart', rect: { x: 980, y: 40, width: 900, height: 480 }, title: 'Mực nước', topics: ['test.chart'], props: { kind: 'line', unit: 'cm', min: 0, max: 100, windowS: 900, thresholds: { warning: 60, critical: 80 } } }),
    tile({ id: 'text', widget: 'text', rect: { x: 40, y: 580, width: 1840, height: 200 }, props: { text: 'Trung tâm điều hành — Đường Lý Thường Kiệt', fontSizePx: 80 } }),
  ];
  if (two) {
    tiles.push(
      tile({ id: 'clock', widget: 'clock', rect: { x: x2 + 40, y: 40, width: 880, height: 480 }, props: { format: 'HH:mm:ss' } }),
      tile({ id: 'across', widget: 'kpi', rect: { x: 1500, y: 820, width: 800, height: 220 }, title: 'Qua viền', topics: ['test.across'], props: {} }),
      tile({ id: 'ticker', widget: 'ticker', rect: { x: x2 + 420, y: 880, width: 1400, height: 140 }, props: { fontSizePx: 60 } }),
    );
  } else tiles.push(tile({ id: 'ticker', widget: 'ticker', rect: { x: 40, y: 880, width: 1840, height: 140 }, props: { fontSizePx: 60 } }));
  return layout(two ? 'still-two' : 'still-one', tiles);
}

/** Alerts enough for a ticker line far longer than its tile: the ticker's mask must cut it at the tile's edges. */
const ALERTS: PageAlert[] = ['Ngập sâu Cầu Gành Hào', 'Mất điện trạm bơm Phường 8', 'Kẹt xe Quốc lộ 1A hướng Bạc Liêu', 'Sạt lở bờ sông Gành Hào'].map((title, i) => ({
  id: `a${i}`, severity: i === 0 ? 'critical' : 'major', title, message: `${title}: chi tiết`, sector: 'flood', area: 'TP. Cà Mau', source: 'test', state: 'active', raisedAt: AT - 60_000 * (i + 1), updatedAt: AT - 60_000 * (i + 1),
}));

/** Each tile's pieces in a capture of `window` (review: the whole wall at its wall positions). */
function tilePieces(wall: Wall, window: PlannedWindow, l: Layout, review: boolean): Record<string, Rect[]> {
  const b = wallBounds(wall);
  return Object.fromEntries(
    l.tiles.map((t) => {
      const r = tileRect(wall, l, t);
      return [t.id, review ? [{ x: (r.x - b.x) * S, y: (r.y - b.y) * S, width: r.width * S, height: r.height * S }] : imagePieces(window, r, S)];
    }),
  );
}

describe('render backend', () => {
  let browser: WallBrowser;
  let fleet: CameraFleet | undefined;
  beforeAll(async () => {
    browser = await WallBrowser.start();
  });
  const opened: WallWindow[] = [];
  afterEach(async () => {
    const warnings = opened.splice(0).flatMap((w) => w.warnings);
    if (warnings.length > 0) console.log(`console warnings: ${JSON.stringify(warnings)}`);
    await browser?.closeWindows(); // throws on a page error, a console error or a WebGL error
    expect(warnings.filter((w) => /PixiJS|support/i.test(w)), 'pixi warned about something it cannot draw').toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
    await fleet?.destroy();
  });

  async function open(config: WallPageConfig): Promise<WallWindow> {
    const win = await browser.open(config);
    opened.push(win);
    expect(win.events.filter((e) => e.type === 'error'), 'no render-backend-unavailable or other error').toEqual([]);
    return win;
  }

  /** The still scene drawn by `backend`, once every tile shows its data. */
  async function still(wall: Wall, review: boolean, backend: 'webgl' | 'canvas'): Promise<{ img: Image; direct: boolean; win: WallWindow }> {
    const l = stillScene(wall === twoScreens);
    const win = await open({ ...pageConfig({ wall, layouts: [l], window: windowFor(wall), scale: S, review }), frozen: { at: AT, seed: 1 }, render: { backend } });
    for (const alert of ALERTS) await win.command({ type: 'raiseAlert', alert });
    await win.page.evaluate(
      ([topic, at]) => {
        const d = window.wallrunDebug!;
        d.publish(topic, 742, at);
        d.publish('test.across', 12.5, at);
        for (let k = 10; k >= 0; k--) d.publish('test.chart', 40 + ((k * 7) % 45), at - k * 60_000);
      },
      [TOPIC, AT] as const,
    );
    await waitForState(win, (s) => s.tiles.every((t) => t.ready && (!['kpi', 'chart', 'across'].includes(t.id) || t.lastUpdate !== null)));
    await waitFrames(win, 3);
    const state = await debugState(win);
    expect(state.render.backend).toBe(backend);
    return { img: await capture(win), direct: state.render.direct, win };
  }

  it.each([
    ['one-screen', 'a one-screen window (straight to the canvas)', oneScreen, false, true],
    ['two-screen', 'a two-screen window (the viewport texture pass, a tile across the bezel)', twoScreens, false, false],
    ['review', 'the review page (bezels drawn between the screens)', twoScreens, true, false],
  ])('draws the same still wall with the 2D canvas as with WebGL: %s, %s', async (name, what, wall, review, direct) => {
    const gl = await still(wall, review, 'webgl');
    const cv = await still(wall, review, 'canvas');
    mkdirSync(REPORT, { recursive: true });
    writeFileSync(join(REPORT, `${name}.webgl.png`), encodePng(gl.img));
    writeFileSync(join(REPORT, `${name}.canvas.png`), encodePng(cv.img));
    expect([gl.direct, cv.direct]).toEqual([direct, direct]);
    expect([cv.img.width, cv.img.height]).toEqual([gl.img.width, gl.img.height]);
    const l = stillScene(wall === twoScreens);
    const pieces = tilePieces(wall, windowFor(wall), l, review);
    const shares = Object.fromEntries(Object.entries(pieces).map(([id, p]) => [id, differingShare(gl.img, cv.img, p)]));
    const whole = differingShare(gl.img, cv.img, [{ x: 0, y: 0, width: gl.img.width, height: gl.img.height }]);
    console.log(`webgl vs canvas, ${what}: whole ${(whole * 100).toFixed(3)} %, per tile ${JSON.stringify(Object.fromEntries(Object.entries(shares).map(([k, v]) => [k, +(v * 100).toFixed(3)])))} %`);
    for (const [id, share] of Object.entries(shares)) expect(share, `tile ${id} differs`).toBeLessThanOrEqual(MAX_TILE_SHARE);
    expect(whole).toBeLessThanOrEqual(MAX_TILE_SHARE / 4);
    // The comparison refuses a wrong picture: a tile missing, in another colour, or shifted by 2 px.
    for (const [id, p] of Object.entries(pieces)) {
      expect(differingShare(gl.img, painted(cv.img, p, rgb(THEME.colors.background)), p), `${id} missing`).toBeGreaterThan(MAX_TILE_SHARE);
      expect(differingShare(gl.img, painted(cv.img, p, rgb(THEME.colors.surface)), p), `${id} blank`).toBeGreaterThan(MAX_TILE_SHARE);
    }
    // The ticker's line reaches past its tile: masked on both backends (the canvas clips with a path).
    for (const r of pieces.ticker!) {
      const bands = [{ ...r, x: r.x - 14, width: 10 }, { ...r, x: r.x + r.width + 4, width: 10 }];
      for (const img of [gl.img, cv.img]) expect(bands.map((b) => countDiffering(img, b, rgb(THEME.colors.background))), 'beside the ticker').toEqual([0, 0]);
    }
    const moved = shifted(cv.img, 2);
    expect(Object.values(pieces).some((p) => differingShare(gl.img, moved, p) > MAX_TILE_SHARE), 'a 2 px shift').toBe(true);
    if (review) {
      // The bezel gap: wall x 1922..1926 → page 961..963, in the bezel colour on both backends.
      for (const y of [10, 300, 530]) expect([pixel(gl.img, 962, y), pixel(cv.img, 962, y)].every((p) => near(p, BEZEL))).toBe(true);
    }
  }, 90_000);

  it('`auto` draws with the 2D canvas only under software compositing; a backend set by hand wins', async () => {
    // No compositing in the config: the shell fills in what Chromium reported (forced SwiftShader: gpu).
    expect(browser.shell.compositing).toBe('gpu');
    const l = layout('one', [tile({ id: 'kpi', widget: 'kpi', rect: { x: 40, y: 40, width: 880, height: 480 }, topics: [TOPIC], props: {} })]);
    const cases: [Pick<WallPageConfig, 'compositing' | 'render'>, 'webgl' | 'canvas'][] = [
      [{ compositing: 'software' }, 'canvas'],
      [{ compositing: 'software', render: { backend: 'auto' } }, 'canvas'],
      [{ compositing: 'gpu' }, 'webgl'],
      [{}, 'webgl'],
      [{ compositing: 'software', render: { backend: 'webgl' } }, 'webgl'],
      [{ compositing: 'gpu', render: { backend: 'canvas' } }, 'canvas'],
    ];
    for (const [extra, backend] of cases) {
      const win = await open({ ...pageConfig({ wall: oneScreen, layouts: [l], window: windowFor(oneScreen), scale: 0.25 }), ...extra });
      expect((await debugState(win)).render.backend, JSON.stringify(extra)).toBe(backend);
      // The canvas on the page really has that context (a WebGL canvas has no 2D context).
      const contexts = await win.page.evaluate(() => [...document.querySelectorAll('canvas')].map((c) => (c.getContext('2d') ? 'canvas' : 'webgl')));
      expect(contexts, JSON.stringify(extra)).toEqual([backend]);
      await browser.closeWindows();
    }
  }, 60_000);

  it('shows every frame wholly the old or wholly the new layout on the 2D canvas', async () => {
    const probes = [{ x: 24, y: 256 }, { x: 480 + 24, y: 256 }];
    const [surface, background] = [rgb(THEME.colors.surface), rgb(THEME.colors.background)];
    const kpiOn = (col: number): Tile => tile({ id: `kpi-${col}`, widget: 'kpi', cell: { col, row: 0, colSpan: 1, rowSpan: 1 }, title: 'Chỉ số', topics: [TOPIC] });
    const many = Array.from({ length: 24 }, (_, i) =>
      tile({ id: `t${i}`, widget: 'text', rect: { x: 1929 + (i % 6) * 300, y: 3 + Math.floor(i / 6) * 200, width: 280, height: 180 }, z: 1, props: { text: `Ô số ${i} — Đường Lý Thường Kiệt`, fontSizePx: 32 } }),
    );
    const wall = twoScreenWall();
    const win = await open({ ...pageConfig({ wall, layouts: [layout('left', [kpiOn(0)]), layout('right', [kpiOn(1), ...many])], scale: 0.25 }), render: { backend: 'canvas' } });
    const signature = (f: ProbeFrame): string => {
      const [a, b] = f.pixels;
      if (near(a!, surface) && near(b!, background)) return 'left';
      if (near(a!, background) && near(b!, surface)) return 'right';
      return 'other';
    };
    for (const target of ['right', 'left', 'right']) {
      const frames = await probeFrames(win, probes, async () => {
        const since = win.events.length;
        await win.command({ type: 'switchLayout', layout: target });
        await win.waitForEvent('layoutSwitched', { since, pred: (e) => e.to === target });
      });
      const sigs = frames.map(signature);
      expect(sigs, JSON.stringify(frames.filter((f) => signature(f) === 'other').slice(0, 3))).not.toContain('other');
      const first = sigs.indexOf(target);
      expect(first).toBeGreaterThan(0); // the old layout stayed up while the new one was built
      expect(sigs.slice(first).every((x) => x === target)).toBe(true); // one swap, no flicker back
    }
  }, 60_000);

  it('draws camera video into the 2D canvas on the texture path, and leaves the canvas transparent over the element path', async () => {
    fleet = await startCameraFleet({ count: 1, listSize: 12, segmentS: 1 });
    await fleet.ready;
    const wall = makeWall();
    const cam = tile({ id: 'cam', widget: 'camera', cell: { col: 0, row: 0, colSpan: 1, rowSpan: 1 }, props: { source: fleet.playlistUrl('cam-01'), showLabel: false } });
    const l = layout('camera', [cam]);
    const rect = tileImageRect(wall, l, cam, 0.25);
    const config = (videoPath: 'texture' | 'element'): WallPageConfig => ({ ...pageConfig({ wall, layouts: [l], window: windowFor(wall, 'node-1'), scale: 0.25 }), camera: { videoPath }, render: { backend: 'canvas' } });

    const textured = await open(config('texture'));
    const uploads = (t: CameraTileDebug): number => t.uploads ?? 0;
    const live = await waitForTile(textured, (t) => t.state === 'live' && t.videoPath === 'texture' && t.textured && uploads(t) > 5, 30_000, 'live on the texture');
    const first = await capture(textured);
    await waitForTile(textured, (t) => uploads(t) >= uploads(live) + 8, 20_000, 'eight more frames drawn');
    const second = await capture(textured);
    expect(meanAlpha(second, rect)).toBeGreaterThan(245);
    expect(meanLuma(second, rect), 'a picture, not the dark placeholder').toBeGreaterThan(40);
    expect(changedPixels(first, second, rect), 'the video moves on the canvas').toBeGreaterThan(200);
    await browser.closeWindows();

    const element = await open(config('element'));
    const shown = await waitForTile(element, (t) => t.state === 'live' && t.videoPath === 'element' && (t.framesPresented ?? 0) > 5, 30_000, 'live on the element');
    expect(meanAlpha(await capture(element), rect), 'the canvas is transparent over the element').toBeLessThan(10);
    const before = await capturePage(element);
    await waitForTile(element, (t) => (t.framesPresented ?? 0) >= shown.framesPresented! + 8, 20_000, 'eight more frames presented');
    const after = await capturePage(element);
    expect(meanLuma(after, rect)).toBeGreaterThan(40);
    expect(changedPixels(before, after, rect), 'the page picture moves').toBeGreaterThan(200);
  }, 120_000);
});
