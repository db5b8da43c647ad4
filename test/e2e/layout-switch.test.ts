/**
 * Layout switches: every frame around a switch is wholly the old or wholly the new layout (never
 * mixed, never black), a missing or invalid layout is refused and the current one stays, and a
 * lost WebGL context is rebuilt instead of leaving a blank wall.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ProbeFrame } from '../../src/core/page/debug-hook.js';
import { WallBrowser, assertClean, capture, debugState, probeFrames, waitForState, type WallWindow } from '../support/wall-browser.js';
import { THEME, layout, pageConfig, tile, twoScreenWall } from '../support/fixtures.js';
import { pixel, rgb } from '../support/png.js';

const SCALE = 0.25;
/** Bottom-left corner of each screen (canvas px): plain tile surface or plain background. */
const PROBES = [
  { x: 24, y: 256 },
  { x: 480 + 24, y: 256 },
];
const SURFACE = rgb(THEME.colors.surface);
const BACKGROUND = rgb(THEME.colors.background);

function kpiOn(col: number, id = `kpi-${col}`) {
  return tile({ id, widget: 'kpi', cell: { col, row: 0, colSpan: 1, rowSpan: 1 }, title: 'Chỉ số', topics: ['test.kpi.value'] });
}

/** Layout "left": a kpi on screen 1; "right": a kpi on screen 2 plus many small text tiles to build. */
function layouts() {
  const many = Array.from({ length: 24 }, (_, i) =>
    tile({ id: `t${i}`, widget: 'text', rect: { x: 1929 + (i % 6) * 300, y: 3 + Math.floor(i / 6) * 200, width: 280, height: 180 }, z: 1, props: { text: `Ô số ${i} — Đường Lý Thường Kiệt`, fontSizePx: 32 } }),
  );
  return [
    layout('left', [kpiOn(0)]),
    layout('right', [kpiOn(1), ...many]),
    layout('broken', [kpiOn(0)], { theme: 'no-such-theme' }),
  ];
}

const near = (p: readonly number[], c: readonly number[]): boolean => c.every((v, i) => Math.abs(v - p[i]!) <= 3);
function signature(f: ProbeFrame): 'left' | 'right' | 'other' {
  const [a, b] = f.pixels;
  if (near(a!, SURFACE) && near(b!, BACKGROUND)) return 'left';
  if (near(a!, BACKGROUND) && near(b!, SURFACE)) return 'right';
  return 'other';
}

describe('layout switch', () => {
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

  const open = (): Promise<WallWindow> => browser.open(pageConfig({ wall: twoScreenWall(), layouts: layouts(), initialLayout: 'left', scale: SCALE }));

  it('shows every frame wholly the old or wholly the new layout', async () => {
    const win = await open();
    for (const target of ['right', 'left', 'right']) {
      const frames = await probeFrames(win, PROBES, async () => {
        const since = win.events.length;
        await win.command({ type: 'switchLayout', layout: target });
        await win.waitForEvent('layoutSwitched', { since, pred: (e) => e.to === target });
      });
      const sigs = frames.map(signature);
      expect(sigs, JSON.stringify(frames.filter((f) => signature(f) === 'other').slice(0, 3))).not.toContain('other');
      const first = sigs.indexOf(target as 'left' | 'right');
      expect(first).toBeGreaterThan(0); // the old layout stayed up while the new one was built
      expect(sigs.slice(first).every((s) => s === target)).toBe(true); // one swap, no flicker back
    }
  });

  it('swaps on the first frame at or after a scheduled wall time', async () => {
    const win = await open();
    const since = win.events.length;
    const at = (await win.page.evaluate(() => Date.now())) + 4000;
    await win.command({ type: 'switchLayout', layout: 'right', at });
    // Prepared at once, shown only from `at` on: one state read shows both.
    const waiting = await waitForState(win, (s) => s.switching);
    expect(waiting.layout).toBe('left');
    const switched = await win.waitForEvent('layoutSwitched', { since });
    expect(switched.to).toBe('right');
    expect(switched.at).toBeGreaterThanOrEqual(at);
  });

  it('refuses a missing layout with an error and keeps the current one', async () => {
    const win = await open();
    const since = win.events.length;
    await win.command({ type: 'switchLayout', layout: 'does-not-exist' });
    const err = await win.waitForEvent('error', { since });
    expect(err).toMatchObject({ code: 'layout-missing', layout: 'does-not-exist' });
    const state = await waitForState(win, (s) => !s.switching);
    expect(state.layout).toBe('left');
    expect(near(pixel(await capture(win), PROBES[0]!.x, PROBES[0]!.y), SURFACE)).toBe(true);
  });

  it('refuses a layout whose theme is missing and keeps the current one', async () => {
    const win = await open();
    const ok = await win.page.evaluate(() => window.wallrunDebug!.switchLayout('broken'));
    expect(ok).toBe(false);
    expect(win.events.some((e) => e.type === 'error' && e.code === 'layout-invalid')).toBe(true);
    expect((await debugState(win)).layout).toBe('left');
  });

  it('rebuilds the scene after the WebGL context is lost and restored', async () => {
    const win = await open();
    const since = win.events.length;
    expect(await win.page.evaluate(() => window.wallrunDebug!.loseContext())).toBe(true);
    await win.waitForEvent('contextLost', { since });
    await win.page.evaluate(() => window.wallrunDebug!.restoreContext());
    const restored = await win.waitForEvent('contextRestored', { since });
    expect(restored.layout).toBe('left');
    await waitForState(win, (s) => s.layout === 'left' && s.tiles.length === 1 && s.tiles.every((t) => t.ready));
    const frames = await probeFrames(win, PROBES, async () => undefined);
    expect(frames.length).toBeGreaterThan(0);
    expect(frames.map(signature).every((s) => s === 'left')).toBe(true);
    assertClean(win, { allowGl: /CONTEXT_LOST|context lost/i });
  });
});
