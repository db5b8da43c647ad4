import { describe, expect, it } from 'vitest';
import type { PlannedWindow } from '../core/displays/window-plan.js';
import type { WallInfo } from '../core/protocol/walls.js';
import { makeWall } from '../../test/support/wall-fixtures.js';
import { pictureOf, wallPlan, wallPlanBase } from './wall-plan.js';

const seen = (node: string, window: string, screens: string[], connected = true): WallInfo =>
  ({ node, window, screens, connected }) as WallInfo;

describe('the wall plan (GET /api/wall)', () => {
  it('puts each screen of a six-screen row window at its sixth of the picture', () => {
    const wall = makeWall();
    const row = ['r1c1', 'r1c2', 'r1c3', 'r1c4', 'r1c5', 'r1c6'];
    const plan = wallPlan(wall, wallPlanBase(wall, []), [seen('node-1', 'w0', row)], ['r3c6'], 0);
    expect(plan.wall).toMatchObject({ width: 6 * 1926, height: 3 * 1086 });
    const r1c3 = plan.screens.find((s) => s.id === 'r1c3')!;
    expect(r1c3.window).toEqual({ node: 'node-1', window: 'w0', connected: true });
    expect(r1c3.picture!.x).toBeCloseTo(2 / 6);
    expect(r1c3.picture!.width).toBeCloseTo(1 / 6);
    expect(r1c3.picture).toMatchObject({ y: 0, height: 1, turn: 0 });
    // Screens no window reported have no picture; the hub's dead screens are marked.
    expect(plan.screens.find((s) => s.id === 'r2c1')).toMatchObject({ window: null, picture: null, dead: false });
    expect(plan.screens.find((s) => s.id === 'r3c6')!.dead).toBe(true);
  });

  it('prefers the connected window of a screen two windows reported', () => {
    const wall = makeWall({ columns: 2, rows: 1 });
    const plan = wallPlan(wall, wallPlanBase(wall, []), [seen('node-1', 'old', ['r1c1'], false), seen('node-1', 'w0', ['r1c1', 'r1c2'])], [], 0);
    expect(plan.screens[0]!.window).toEqual({ node: 'node-1', window: 'w0', connected: true });
  });

  it('tells the console to turn a crop a window drew turned', () => {
    const wall = makeWall({ columns: 1, rows: 1 });
    const screen = { ...wall.screens[0]!, rotation: 90 as const, rect: { x: 0, y: 0, width: 1080, height: 1920 } };
    delete (screen as { cell?: unknown }).cell;
    wall.screens = [screen];
    // The OS scans out unrotated: the window is landscape while the screen is portrait on the wall.
    const window: PlannedWindow = {
      id: 'node-1/w0',
      node: 'node-1',
      bounds: { x: 0, y: 0, width: 1920, height: 1080 },
      screens: [{ screenId: screen.id, displayId: 1, windowRect: { x: 0, y: 0, width: 1920, height: 1080 }, wallRect: screen.rect, rotation: 90 }],
      viewport: screen.rect,
    };
    expect(pictureOf(wall, [window], screen, [screen.id])).toEqual({ x: 0, y: 0, width: 1, height: 1, turn: 90 });
    // A window the plan does not know: the screens as drawn at their wall places, upright.
    expect(pictureOf(wall, [], screen, [screen.id])).toEqual({ x: 0, y: 0, width: 1, height: 1, turn: 0 });
  });
});
