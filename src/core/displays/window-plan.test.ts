import { describe, expect, it } from 'vitest';
import type { Rect } from '../wall/model.js';
import {
  assumedDisplays,
  matchDisplays,
  planWindows,
  type DetectedDisplay,
  type PlannedWindow,
} from './window-plan.js';
import { makeDisplay as display, makeWall } from '../../../test/support/wall-fixtures.js';

// Default fixture: cells are 1926 × 1086 wall px, lit area of cell (c, r) at
// x = 1926c + 3, y = 1086r + 3, 1920 × 1080. Displays are 1920 × 1080 desktop px.

/** One 1920 × 1080 display per connector at desktop grid position (col, row). */
function desktopGrid(places: Array<[label: string, col: number, row: number]>): DetectedDisplay[] {
  return places.map(([label, col, row], i) =>
    display(i + 1, label, { x: col * 1920, y: row * 1080, width: 1920, height: 1080 }),
  );
}

const ids = (ws: PlannedWindow[]): string[][] => ws.map((w) => w.screens.map((s) => s.screenId));

describe('planWindows', () => {
  it('plans one window for one display', () => {
    const wall = makeWall({ columns: 1, rows: 1 });
    expect(planWindows(wall, 'node-1', assumedDisplays(wall, 'node-1'))).toEqual([
      {
        id: 'node-1/w0',
        node: 'node-1',
        bounds: { x: 0, y: 0, width: 1920, height: 1080 },
        screens: [
          {
            screenId: 'r1c1',
            displayId: 1,
            windowRect: { x: 0, y: 0, width: 1920, height: 1080 },
            wallRect: { x: 3, y: 3, width: 1920, height: 1080 },
            rotation: 0,
          },
        ],
        viewport: { x: 3, y: 3, width: 1920, height: 1080 },
      },
    ]);
  });

  it('spans six displays in a row with one window', () => {
    const wall = makeWall();
    const [w, ...rest] = planWindows(wall, 'node-2', assumedDisplays(wall, 'node-2'));
    expect(rest).toEqual([]);
    expect(w!.id).toBe('node-2/w0');
    expect(w!.bounds).toEqual({ x: 0, y: 0, width: 11520, height: 1080 });
    // r2c4: window x 3 × 1920 = 5760; wall x 3 × 1926 + 3 = 5781, y 1086 + 3 = 1089.
    expect(w!.screens[3]).toEqual({
      screenId: 'r2c4',
      displayId: 4,
      windowRect: { x: 5760, y: 0, width: 1920, height: 1080 },
      wallRect: { x: 5781, y: 1089, width: 1920, height: 1080 },
      rotation: 0,
    });
    // 5 × 1926 + 1920 = 11550 wide, bezels between screens included.
    expect(w!.viewport).toEqual({ x: 3, y: 1089, width: 11550, height: 1080 });
  });

  it('plans one window per display in per-display mode', () => {
    const wall = makeWall({ windowMode: 'per-display' });
    const windows = planWindows(wall, 'node-1', assumedDisplays(wall, 'node-1'));
    expect(ids(windows)).toEqual([['r1c1'], ['r1c2'], ['r1c3'], ['r1c4'], ['r1c5'], ['r1c6']]);
    expect(windows[5]!.bounds).toEqual({ x: 9600, y: 0, width: 1920, height: 1080 });
  });

  it('spans all 18 displays of one node with one window, or 18 per display', () => {
    const wall = makeWall({ nodes: 'single' });
    const displays = assumedDisplays(wall, 'node-1');
    const [w, ...rest] = planWindows(wall, 'node-1', displays);
    expect(rest).toEqual([]);
    expect(w!.screens).toHaveLength(18);
    expect(w!.bounds).toEqual({ x: 0, y: 0, width: 11520, height: 3240 });
    // 2 × 1086 + 1080 = 3252 high.
    expect(w!.viewport).toEqual({ x: 3, y: 3, width: 11550, height: 3252 });
    // Row-major: the 8th screen is r2c2.
    expect(w!.screens[7]!.screenId).toBe('r2c2');
    expect(w!.screens[7]!.windowRect).toEqual({ x: 1920, y: 1080, width: 1920, height: 1080 });

    const perDisplay = makeWall({ nodes: 'single', windowMode: 'per-display' });
    const windows = planWindows(perDisplay, 'node-1', displays);
    expect(windows).toHaveLength(18);
    expect(windows[17]).toMatchObject({
      id: 'node-1/w17',
      bounds: { x: 9600, y: 2160, width: 1920, height: 1080 },
      screens: [{ screenId: 'r3c6', wallRect: { x: 9633, y: 2175, width: 1920, height: 1080 } }],
    });
  });

  it('does not depend on enumeration order', () => {
    const wall = makeWall({ nodes: 'single' });
    const displays = assumedDisplays(wall, 'node-1');
    const shuffled = displays.map((_, i) => displays[(i * 7) % 18]!); // 7 is coprime with 18
    expect(planWindows(wall, 'node-1', shuffled)).toEqual(planWindows(wall, 'node-1', displays));
  });

  it('splits where the desktop rows are stacked differently from the wall', () => {
    const wall = makeWall({ nodes: 'single' });
    // Wall row 1 at desktop row 2 and wall row 3 at desktop row 0: rows stay adjacent inside,
    // but no wall row sits above its wall neighbour on the desktop.
    const places: Array<[string, number, number]> = [];
    for (let r = 0; r < 3; r++) {
      for (let c = 0; c < 6; c++) places.push([`DP-${r * 6 + c + 1}`, c, 2 - r]);
    }
    const windows = planWindows(wall, 'node-1', desktopGrid(places));
    expect(windows.map((w) => w.bounds)).toEqual([
      { x: 0, y: 2160, width: 11520, height: 1080 },
      { x: 0, y: 1080, width: 11520, height: 1080 },
      { x: 0, y: 0, width: 11520, height: 1080 },
    ]);
    expect(ids(windows)[0]).toEqual(['r1c1', 'r1c2', 'r1c3', 'r1c4', 'r1c5', 'r1c6']);
  });

  it('splits a wall row wired as a 3 × 2 desktop', () => {
    const wall = makeWall();
    const displays = desktopGrid([
      ['DP-1', 0, 0],
      ['DP-2', 1, 0],
      ['DP-3', 2, 0],
      ['DP-4', 0, 1],
      ['DP-5', 1, 1],
      ['DP-6', 2, 1],
    ]);
    const windows = planWindows(wall, 'node-1', displays);
    expect(ids(windows)).toEqual([
      ['r1c1', 'r1c2', 'r1c3'],
      ['r1c4', 'r1c5', 'r1c6'],
    ]);
    expect(windows[1]!.bounds).toEqual({ x: 0, y: 1080, width: 5760, height: 1080 });
    const r1c6 = windows[1]!.screens[2]!;
    expect(r1c6.windowRect).toEqual({ x: 3840, y: 0, width: 1920, height: 1080 });
  });

  it('splits a row whose desktop order is reversed into single windows', () => {
    const wall = makeWall();
    const displays = desktopGrid([1, 2, 3, 4, 5, 6].map((n) => [`DP-${n}`, 6 - n, 0]));
    expect(planWindows(wall, 'node-1', displays)).toHaveLength(6);
  });

  it('splits at a display of another resolution, rotation or scale', () => {
    const wall = makeWall();
    const displays = [
      display(1, 'DP-1', { x: 0, y: 0, width: 1920, height: 1080 }),
      display(2, 'DP-2', { x: 1920, y: 0, width: 1920, height: 1080 }),
      display(3, 'DP-3', { x: 3840, y: 0, width: 1920, height: 1080 }),
      display(4, 'DP-4', { x: 5760, y: 0, width: 3840, height: 2160 }), // 4K
      display(5, 'DP-5', { x: 9600, y: 0, width: 1920, height: 1080 }),
      display(6, 'DP-6', { x: 11520, y: 0, width: 1920, height: 1080 }),
    ];
    const windows = planWindows(wall, 'node-1', displays);
    expect(ids(windows)).toEqual([['r1c1', 'r1c2', 'r1c3'], ['r1c4'], ['r1c5', 'r1c6']]);
    expect(windows.map((w) => w.bounds)).toEqual([
      { x: 0, y: 0, width: 5760, height: 1080 },
      { x: 5760, y: 0, width: 3840, height: 2160 },
      { x: 9600, y: 0, width: 3840, height: 1080 },
    ]);
    // r1c5 lit from 4 × 1926 + 3 = 7707; to r1c6's right 5 × 1926 + 3 + 1920 = 11553.
    expect(windows[2]!.viewport).toEqual({ x: 7707, y: 3, width: 3846, height: 1080 });

    // Same sizes, packed again: DP-4 turned 180°, DP-5 at 150 % scale.
    const box = (x: number): Rect => ({ x, y: 0, width: 1920, height: 1080 });
    displays[3] = display(4, 'DP-4', box(5760), { rotation: 180 });
    displays[4] = display(5, 'DP-5', box(7680), { scaleFactor: 1.5 });
    displays[5] = display(6, 'DP-6', box(9600));
    expect(ids(planWindows(wall, 'node-1', displays))).toEqual([
      ['r1c1', 'r1c2', 'r1c3'],
      ['r1c4'],
      ['r1c5'],
      ['r1c6'],
    ]);
  });

  it('takes the largest rectangle and leaves missing screens out', () => {
    const wall = makeWall({ nodes: 'single' });
    const displays = assumedDisplays(wall, 'node-1').filter((d) => d.label !== 'DP-18');
    expect(matchDisplays(wall, 'node-1', displays).missing.map((s) => s.id)).toEqual(['r3c6']);
    const windows = planWindows(wall, 'node-1', displays);
    // From r1c1: 6 wide reaches only 2 rows (12 displays), 5 wide reaches 3 (15): take 5 × 3.
    expect(windows.map((w) => w.bounds)).toEqual([
      { x: 0, y: 0, width: 9600, height: 3240 },
      { x: 9600, y: 0, width: 1920, height: 2160 },
    ]);
    expect(ids(windows)[1]).toEqual(['r1c6', 'r2c6']);
    // 4 × 1926 + 1920 = 9624 wide; r1c6 + r2c6: 1086 + 1080 = 2166 high.
    expect(windows[0]!.viewport).toEqual({ x: 3, y: 3, width: 9624, height: 3252 });
    expect(windows[1]!.viewport).toEqual({ x: 9633, y: 3, width: 1920, height: 2166 });
  });

  it('rejects an unknown node', () => {
    expect(() => planWindows(makeWall(), 'node-9', [])).toThrow(/node-9/);
  });
});
