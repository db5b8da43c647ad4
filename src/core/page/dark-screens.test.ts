import { describe, expect, it } from 'vitest';
import { checkDarkScreens, darkScreensCommand, darkScreensOf, unionScreens } from './dark-screens.js';
import { checkDisplays, replan } from '../displays/display-replan.js';
import { checkPageConfig, type WallPageConfig } from './host-api.js';
import { parseKioskOptions, wallPageConfig } from '../kiosk/kiosk-options.js';
import type { Layout, Project, Theme } from '../wall/model.js';
import { makeDisplay, makeWall } from '../../../test/support/wall-fixtures.js';
import { planWindows, type DetectedDisplay } from '../displays/window-plan.js';

const wall = makeWall({ windowMode: 'per-display' });
/** node-1's six displays DP-1..DP-6 side by side, less the unplugged ones. */
const row = (except: string[] = []): DetectedDisplay[] =>
  [1, 2, 3, 4, 5, 6]
    .filter((c) => !except.includes(`DP-${c}`))
    .map((c) => makeDisplay(c, `DP-${c}`, { x: (c - 1) * 1920, y: 0, width: 1920, height: 1080 }));

describe('dark screens from the display check', () => {
  it('are the node’s screens without a display, sorted, and none when all are there', () => {
    expect(darkScreensOf(checkDisplays(wall, 'node-1', row()))).toEqual([]);
    expect(darkScreensOf(checkDisplays(wall, 'node-1', row(['DP-5', 'DP-2'])))).toEqual(['r1c2', 'r1c5']);
    // Another node's check knows nothing of node-1's displays: only its own screens are dark.
    expect(darkScreensOf(checkDisplays(wall, 'node-2', []))).toEqual(['r2c1', 'r2c2', 'r2c3', 'r2c4', 'r2c5', 'r2c6']);
  });

  it('a display taken by another screen leaves its screen dark too', () => {
    const two = makeWall({ columns: 2, rows: 1 });
    two.screens[0]!.display = { displayId: 7 };
    two.screens[1]!.display = { displayId: 7 };
    expect(darkScreensOf(checkDisplays(two, 'node-1', [makeDisplay(7, 'DP-1', { x: 0, y: 0, width: 1920, height: 1080 })]))).toEqual(['r1c2']);
  });

  it('a re-plan tells the live windows only when the set changed (unplug, then plug back)', () => {
    const start = planWindows(wall, 'node-1', row());
    const unplugged = replan(wall, 'node-1', start, row(['DP-3']));
    const dark = darkScreensOf(unplugged.check);
    expect(darkScreensCommand([], dark)).toEqual({ type: 'setDarkScreens', screens: ['r1c3'] });
    expect(darkScreensCommand(dark, darkScreensOf(replan(wall, 'node-1', unplugged.plan, row(['DP-3'])).check))).toBeNull();
    const back = replan(wall, 'node-1', unplugged.plan, row());
    expect(darkScreensCommand(dark, darkScreensOf(back.check))).toEqual({ type: 'setDarkScreens', screens: [] });
  });

  it('the page plans around the hub’s dead set and its own dark set together', () => {
    expect([...unionScreens(['r2c1'], ['r1c3', 'r2c1'])].sort()).toEqual(['r1c3', 'r2c1']);
    expect([...unionScreens([], [])]).toEqual([]);
  });
});

describe('darkScreens in the page config', () => {
  const project: Project = {
    wall,
    layouts: [{ id: wall.defaultLayout, theme: 'control-room-dark', tiles: [] } as unknown as Layout],
    themes: [{ id: 'control-room-dark' } as Theme],
  };
  const window = planWindows(wall, 'node-1', row(['DP-3']))[0]!;

  it('the kiosk config carries the node’s dark screens (none by default), and the page accepts it', () => {
    const options = parseKioskOptions([], {});
    expect(wallPageConfig(project, window, options).darkScreens).toEqual([]);
    const config = wallPageConfig(project, window, options, ['r1c3']);
    expect(config.darkScreens).toEqual(['r1c3']);
    expect(checkPageConfig(config)).toEqual([]);
  });

  it('is checked: a list of the wall’s screen ids', () => {
    const config = (darkScreens: unknown): WallPageConfig => ({ ...wallPageConfig(project, window, parseKioskOptions([], {})), darkScreens: darkScreens as string[] });
    expect(checkPageConfig(config(['r1c3', 'r2c6']))).toEqual([]);
    expect(checkPageConfig(config(['r9c9']))).toEqual(['darkScreens r9c9 are not screens of the wall']);
    expect(checkPageConfig(config('r1c3'))).toEqual(['darkScreens must be a list of at most 64 screen ids']);
    expect(checkPageConfig(config([3]))).toEqual(['darkScreens must be a list of at most 64 screen ids']);
    expect(checkDarkScreens(Array.from({ length: 65 }, () => 'r1c1'), wall)).toHaveLength(1);
  });
});
