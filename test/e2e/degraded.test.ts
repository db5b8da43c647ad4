/**
 * Degraded mode in a real page: one window over two screens; r1c1 dies (the setDeadScreens host
 * command: the hub's set, as a host that is the window's hub client sends it) → the critical kpi
 * moves to the same place on r1c2, over the low-priority tile there, which is hidden; r1c1 comes
 * back → every tile is where the layout puts it. Checked in the debug state and in the pixels.
 * A shell's own dark screens: test/e2e/dark-screens.test.ts.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WallBrowser, capture, waitForState } from '../support/wall-browser.js';
import { THEME, layout, pageConfig, tile, twoScreenWall, windowFor } from '../support/fixtures.js';
import { pixel, rgb, type Image } from '../support/png.js';
import type { WallDebugState } from '../../src/core/page/debug-hook.js';
import { makeWall } from '../support/wall-fixtures.js';
import { PROTOCOL_VERSION } from '../../src/core/protocol/protocol.js';
import { TOKENS, rawWall, testHub, type RawWallSocket } from '../support/hub-fixtures.js';
import { withHub } from '../support/hub-wall.js';

const S = 0.25;
const CRITICAL = rgb(THEME.severity.critical);
const SURFACE = rgb(THEME.colors.surface);
const BACKGROUND = rgb(THEME.colors.background);
const near = (p: readonly number[], c: readonly number[], tol = 4): boolean => c.every((v, i) => Math.abs(v - p[i]!) <= tol);

// 2 × 1 wall, 3 px bezels: r1c1 lights wall x 3..1923, r1c2 wall x 1929..3849; both y 3..1083.
// In the window: r1c1 at window x 0, r1c2 at window x 1920 (window x = wall x - 3, resp. - 9).
const wall = twoScreenWall();
const KPI = { x: 103, y: 203, width: 800, height: 400 };
const MOVED = { x: 1929 + 100, y: 203, width: 800, height: 400 };
const degradedLayout = layout('degraded', [
  tile({
    id: 'kpi',
    widget: 'kpi',
    priority: 'critical',
    rect: KPI,
    topics: ['test.kpi.alarm'],
    props: { thresholds: { warning: 50, critical: 80, direction: 'above' } },
  }),
  tile({ id: 'low', widget: 'kpi', priority: 'low', cell: { col: 1, row: 0, colSpan: 1, rowSpan: 1 }, topics: ['test.kpi.other'] }),
]);

/** Device px of a wall point (window x = wall x - 3 on r1c1, - 9 on r1c2; y = wall y - 3). */
const at = (wallX: number, wallY: number): { x: number; y: number } => ({
  x: (wallX - (wallX >= 1929 ? 9 : 3)) * S,
  y: (wallY - 3) * S,
});
/** A point 4 wall px inside the left edge of a rect (on the kpi's critical strip), mid-height. */
const stripOf = (r: typeof KPI): { x: number; y: number } => at(r.x + 4, r.y + r.height / 2);
const tileOf = (s: WallDebugState, id: string) => s.tiles.find((t) => t.id === id);
const look = (img: Image, p: { x: number; y: number }): number[] => pixel(img, p.x, p.y);

describe('degraded mode', () => {
  let browser: WallBrowser;
  beforeAll(async () => {
    browser = await WallBrowser.start();
  });
  afterEach(async () => {
    await browser?.closeWindows();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('moves the critical kpi off a dead screen over the low tile, and back when the screen returns', async () => {
    const window = windowFor(wall, 'node-1');
    expect(window.screens.map((s) => s.screenId)).toEqual(['r1c1', 'r1c2']);
    const win = await browser.open(pageConfig({ wall, layouts: [degradedLayout], window, scale: S }));
    await win.command({ type: 'publish', topic: 'test.kpi.alarm', value: 99 });
    await waitForState(win, (s) => (tileOf(s, 'kpi')?.updates ?? 0) > 0);

    const before = await capture(win);
    expect(look(before, stripOf(KPI)), 'kpi strip on r1c1').toSatisfy((p: number[]) => near(p, CRITICAL));
    expect(look(before, stripOf(MOVED)), 'low tile on r1c2').toSatisfy((p: number[]) => near(p, SURFACE));

    // r1c1 dies.
    await win.command({ type: 'setDeadScreens', screens: ['r1c1'] });
    const during = await waitForState(win, (s) => tileOf(s, 'kpi')?.degraded === 'moved');
    expect(tileOf(during, 'kpi')!.rect).toEqual(MOVED);
    expect(tileOf(during, 'low')!.degraded).toBe('hidden');
    expect(during.degraded).toEqual({ deadScreens: ['r1c1'], moved: [{ id: 'kpi', rect: MOVED }], hidden: ['low'], unplaced: [] });
    const moved = await capture(win);
    expect(look(moved, stripOf(MOVED)), 'kpi strip on r1c2').toSatisfy((p: number[]) => near(p, CRITICAL));
    expect(look(moved, stripOf(KPI)), 'r1c1 where the kpi was').toSatisfy((p: number[]) => near(p, BACKGROUND));
    // The low tile is hidden: beside the moved kpi, r1c2 shows the background, not its surface.
    expect(look(moved, at(1929 + 1500, 900)), 'r1c2 beside the kpi').toSatisfy((p: number[]) => near(p, BACKGROUND));

    // r1c1 comes back.
    await win.command({ type: 'setDeadScreens', screens: [] });
    const after = await waitForState(win, (s) => tileOf(s, 'kpi')?.degraded === undefined && s.degraded === undefined);
    expect(tileOf(after, 'kpi')!.rect).toEqual(KPI);
    expect(tileOf(after, 'low')!.degraded).toBeUndefined();
    const back = await capture(win);
    expect(look(back, stripOf(KPI)), 'kpi strip on r1c1 again').toSatisfy((p: number[]) => near(p, CRITICAL));
    expect(look(back, stripOf(MOVED)), 'low tile on r1c2 again').toSatisfy((p: number[]) => near(p, SURFACE));
    expect(look(back, at(1929 + 1500, 900)), 'low tile beside').toSatisfy((p: number[]) => near(p, SURFACE));
  });

  it('builds a critical tile from another window’s dead screen in this window, and hides it again', async () => {
    // One window per display: r1c2's window does not build the kpi until r1c1 dies.
    const split = makeWall({ columns: 2, rows: 1, windowMode: 'per-display' });
    const window = windowFor(split, 'node-1', 'r1c2');
    expect(window.screens.map((s) => s.screenId)).toEqual(['r1c2']);
    const win = await browser.open(pageConfig({ wall: split, layouts: [degradedLayout], window, scale: S }));
    expect((await waitForState(win, (s) => tileOf(s, 'low') !== undefined)).tiles.map((t) => t.id)).toEqual(['low']);
    await win.command({ type: 'publish', topic: 'test.kpi.alarm', value: 99 });
    await win.command({ type: 'setDeadScreens', screens: ['r1c1'] });
    const during = await waitForState(win, (s) => tileOf(s, 'kpi')?.ready === true && (tileOf(s, 'kpi')?.updates ?? 0) > 0);
    expect(tileOf(during, 'kpi')).toMatchObject({ rect: MOVED, degraded: 'moved' });
    // This window shows r1c2 alone: window x = wall x - 1929.
    const img = await capture(win);
    const strip = { x: (MOVED.x + 4 - 1929) * S, y: (MOVED.y + MOVED.height / 2 - 3) * S };
    expect(look(img, strip), 'kpi strip').toSatisfy((p: number[]) => near(p, CRITICAL));
    await win.command({ type: 'setDeadScreens', screens: [] });
    await waitForState(win, (s) => s.degraded === undefined && tileOf(s, 'low')?.degraded === undefined);
    const back = await capture(win);
    expect(look(back, strip), 'low tile again').toSatisfy((p: number[]) => near(p, SURFACE));
  });

  it('follows the hub: a window reporting r1c1 dark moves the kpi, its next report brings it back', async () => {
    const hub = await testHub({ deadCheckMs: 50 });
    let display: RawWallSocket | null = null;
    try {
      const window = windowFor(wall, 'node-1');
      const win = await browser.open(withHub(pageConfig({ wall, layouts: [degradedLayout], window, scale: S }), hub.url));
      await waitForState(win, (s) => s.hub?.connection === 'connected' && s.hub.snapshots >= 1);
      // Another window of node-1 (say, its shell's display check) reports r1c1 without signal.
      display = rawWall(hub.url, { token: TOKENS.wall, protocol: PROTOCOL_VERSION, identity: { node: 'node-1', window: 'display-check', screens: ['r1c1'] } });
      display.connect();
      await new Promise<void>((resolve) => display!.once('snapshot', () => resolve()));
      display.emit('health', { at: Date.now(), layout: null, fps: 0, streams: [], deadScreens: ['r1c1'] });
      const during = await waitForState(win, (s) => tileOf(s, 'kpi')?.degraded === 'moved');
      expect(during.degraded?.deadScreens).toEqual(['r1c1']);
      expect(tileOf(during, 'kpi')!.rect).toEqual(MOVED);
      expect(tileOf(during, 'low')!.degraded).toBe('hidden');
      display.emit('health', { at: Date.now(), layout: null, fps: 0, streams: [] });
      const after = await waitForState(win, (s) => s.degraded === undefined && tileOf(s, 'kpi')?.degraded === undefined);
      expect(tileOf(after, 'kpi')!.rect).toEqual(KPI);
    } finally {
      display?.disconnect();
      await browser.closeWindows({ allowHttp: true });
      await hub.cleanup();
    }
  });
});
