/**
 * Dark screens end to end through the browser shell's start path (openNodeWindows): a node starts
 * with one display of the wall missing. Without a hub its window moves the critical tile off the
 * dark screen on its own, and the hub's dead set (setDeadScreens) does not undo that. With a hub,
 * the window's health reports make the screen dead wall-wide: GET /api/walls names it and another
 * node's page moves the tile onto its own screen.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { WallDebugState } from '../../src/core/page/debug-hook.js';
import type { Project, Wall } from '../../src/core/wall/model.js';
import { makeWall } from '../support/wall-fixtures.js';
import { assumedDisplays } from '../../src/core/displays/window-plan.js';
import { openNodeWindows, type NodeStartOptions } from '../../src/shell/node-windows.js';
import { THEME, layout, tile } from '../support/fixtures.js';
import { TOKENS, api, testHub, until } from '../support/hub-fixtures.js';
import { WallBrowser, assertClean, debugState, waitForState, waitFrames, type WallWindow } from '../support/wall-browser.js';

const S = 0.25;
// r1c1 lights wall x 3..1923, y 3..1083; r1c2 x 1929..3849; r2c1 y 1089..2169.
const KPI = { x: 103, y: 203, width: 800, height: 400 };
const darkLayout = layout('dark', [
  tile({ id: 'kpi', widget: 'kpi', priority: 'critical', rect: KPI, topics: ['test.kpi.alarm'] }),
  tile({ id: 'low', widget: 'kpi', priority: 'low', cell: { col: 1, row: 0, colSpan: 1, rowSpan: 1 }, topics: ['test.kpi.other'] }),
]);
const project = (wall: Wall): Project => ({ wall, layouts: [darkLayout], themes: [THEME] });
/** node-1's displays as wall.yaml describes them, without r1c1's (connector DP-1). */
const withoutR1c1 = (wall: Wall) => assumedDisplays(wall, 'node-1').filter((d) => d.label !== 'DP-1');
const tileOf = (s: WallDebugState, id: string) => s.tiles.find((t) => t.id === id);

describe('dark screens (a display missing at start)', () => {
  let browser: WallBrowser;
  const opened: WallWindow[] = [];
  const start = async (options: Omit<NodeStartOptions, 'log'>): Promise<WallWindow[]> => {
    const lines: string[] = [];
    const node = await openNodeWindows(browser.shell, { ...options, log: (l) => lines.push(l), page: { initialLayout: 'dark', scale: S, ...options.page } });
    opened.push(...node.windows);
    await Promise.all(node.windows.map((w) => w.ready()));
    expect(lines.filter((l) => l.startsWith('watchdog'))).toEqual([]);
    return node.windows;
  };
  /** Closes the windows opened so far, then fails on any page or WebGL error they logged. */
  const closeOpened = async (): Promise<void> => {
    const windows = opened.splice(0);
    await Promise.all(windows.map((w) => w.destroy()));
    for (const w of windows) assertClean(w, { allowHttp: true });
  };
  beforeAll(async () => {
    browser = await WallBrowser.start();
  });
  afterEach(closeOpened);
  afterAll(async () => {
    await browser?.close();
  });

  it('without a hub: the window of r1c2 moves the critical kpi off dark r1c1 by itself; the hub’s set does not undo it', async () => {
    const wall = makeWall({ columns: 2, rows: 1 });
    const displays = withoutR1c1(wall);
    expect(displays.map((d) => d.label)).toEqual(['DP-2']);
    const [win, ...rest] = await start({ project: project(wall), node: 'node-1', displays });
    expect(rest).toEqual([]);
    const moved = { x: 1929 + 100, y: 203, width: 800, height: 400 };
    const during = await waitForState(win!, (s) => tileOf(s, 'kpi')?.degraded === 'moved');
    expect(during.windowId).toBe('node-1/w0');
    expect(tileOf(during, 'kpi')!.rect).toEqual(moved);
    expect(tileOf(during, 'low')!.degraded).toBe('hidden');
    expect(during.degraded).toEqual({ deadScreens: ['r1c1'], moved: [{ id: 'kpi', rect: moved }], hidden: ['low'], unplaced: [] });

    // A hub client's dead set (nothing dead) is the hub's: it does not revive the node's dark screen.
    await win!.command({ type: 'setDeadScreens', screens: [] });
    await waitFrames(win!, 3);
    expect(tileOf(await debugState(win!), 'kpi')!.degraded).toBe('moved');

    // The display is plugged back (Electron main's re-plan sends this): the kpi goes home.
    await win!.command({ type: 'setDarkScreens', screens: [] });
    const back = await waitForState(win!, (s) => s.degraded === undefined && tileOf(s, 'low')?.degraded === undefined);
    expect(tileOf(back, 'kpi')!.rect).toEqual(KPI);
    // And unplugged again.
    await win!.command({ type: 'setDarkScreens', screens: ['r1c1'] });
    await waitForState(win!, (s) => tileOf(s, 'kpi')?.degraded === 'moved');
  });

  it('with a hub: the node’s reports make r1c1 dead wall-wide, and node-2’s page takes the kpi onto r2c1', async () => {
    const hub = await testHub({ deadCheckMs: 50 });
    try {
      const wall = makeWall({ columns: 2, rows: 2 });
      const page = { hub: { url: hub.url, token: TOKENS.wall, sound: false, reconnectMaxMs: 1000, healthEveryS: 2 } };
      const [node1] = await start({ project: project(wall), node: 'node-1', displays: withoutR1c1(wall), page });
      const [node2] = await start({ project: project(wall), node: 'node-2', page });

      // r2c1's centre is nearer r1c1's than r1c2's is: the kpi lands there, at the same place.
      const onR2c1 = { x: 103, y: 1089 + 200, width: 800, height: 400 };
      const taken = await waitForState(node2!, (s) => tileOf(s, 'kpi')?.degraded === 'moved', undefined, 20_000);
      expect(taken.windowId).toBe('node-2/w0');
      expect(tileOf(taken, 'kpi')!.rect).toEqual(onR2c1);
      expect(taken.degraded?.deadScreens).toEqual(['r1c1']);

      const walls = await until(async () => {
        const r = await api(hub.url, 'GET', '/api/walls', TOKENS.operator);
        return (r.body.deadScreens as string[]).length > 0 ? r.body : null;
      }, 'the hub counts r1c1 dead');
      expect(walls.deadScreens).toEqual(['r1c1']);
      const reporter = (walls.walls as { node: string; screens: string[]; health: { deadScreens?: string[] } | null }[]).find((w) => w.node === 'node-1');
      expect(reporter).toMatchObject({ screens: ['r1c2'], health: { deadScreens: ['r1c1'] } });

      // node-1's own page runs the same plan (its dark set and the hub's agree).
      const own = await waitForState(node1!, (s) => s.hub?.connection === 'connected' && s.degraded !== undefined);
      expect(own.degraded).toMatchObject({ deadScreens: ['r1c1'], moved: [{ id: 'kpi', rect: onR2c1 }] });
    } finally {
      await closeOpened();
      await hub.cleanup();
    }
  });
});
