import { describe, expect, it } from 'vitest';
import type { WallPageConfig } from '../core/page/host-api.js';
import { IDENTIFY_LAYOUT_ID } from '../core/displays/identify.js';
import type { Layout, Project, Theme } from '../core/wall/model.js';
import { makeDisplay, makeWall } from '../../test/support/wall-fixtures.js';
import { openNodeWindows } from './node-windows.js';
import type { WallWindow } from './browser-shell.js';

const wall = makeWall();
const project: Project = {
  wall,
  layouts: [{ id: 'overview', theme: 'control-room-dark', tiles: [] } as unknown as Layout],
  themes: [{ id: 'control-room-dark' } as Theme],
};
/** A stand-in shell that records the configs it was asked to open. */
function fakeShell(): { opened: WallPageConfig[]; openWindow(c: WallPageConfig): Promise<WallWindow> } {
  const opened: WallPageConfig[] = [];
  return { opened, openWindow: async (c) => (opened.push(c), {} as WallWindow) };
}

describe('openNodeWindows (the browser shell start path)', () => {
  it('logs the start-up check as Electron main does, naming the missing screen, then opens the planned windows', async () => {
    const shell = fakeShell();
    const lines: string[] = [];
    const displays = [1, 2, 4, 5, 6].map((c) => makeDisplay(c, `DP-${c}`, { x: (c - 1) * 1920, y: 0, width: 1920, height: 1080 }));
    const start = await openNodeWindows(shell, { project, node: 'node-2', displays, log: (l) => lines.push(l), page: { scale: 0.25 } });
    expect(lines).toEqual([
      'displays: DP-1 (id 1, 1920x1080+0+0), DP-2 (id 2, 1920x1080+1920+0), DP-4 (id 4, 1920x1080+5760+0), DP-5 (id 5, 1920x1080+7680+0), DP-6 (id 6, 1920x1080+9600+0)',
      'screen r2c3 (node-2, connector DP-3): no display with connector DP-3 — connected: DP-1, DP-2, DP-4, DP-5, DP-6',
      'plan: node-2/w0 [r2c1 r2c2], node-2/w1 [r2c4 r2c5 r2c6]',
    ]);
    expect(start.check.ok).toBe(false);
    expect(shell.opened.map((c) => c.window.id)).toEqual(['node-2/w0', 'node-2/w1']);
    expect(shell.opened[0]).toMatchObject({ initialLayout: 'overview', scale: 0.25, lang: 'vi', demoFeed: false });
    expect(shell.opened[0]!.layouts.map((l) => l.id)).toEqual(['overview', IDENTIFY_LAYOUT_ID]);
    // Every window of the node learns of the dark screen, also those that never showed it.
    expect(start.darkScreens).toEqual(['r2c3']);
    expect(shell.opened.map((c) => c.darkScreens)).toEqual([['r2c3'], ['r2c3']]);
    expect(shell.opened[0]!.hub).toBeUndefined();
  });

  it('gives every page the hub (each its own identity on the wire) and none dark when all displays are there', async () => {
    const shell = fakeShell();
    const hub = { url: 'http://127.0.0.1:7400', token: 'wall-token', healthEveryS: 2 };
    const start = await openNodeWindows(shell, { project, node: 'node-1', log: () => undefined, page: { hub } });
    expect(start.darkScreens).toEqual([]);
    expect(shell.opened.map((c) => [c.darkScreens, c.hub])).toEqual([[[], hub]]);
  });

  it('without displays plans what wall.yaml describes, and can start on the identify layout', async () => {
    const shell = fakeShell();
    const lines: string[] = [];
    const start = await openNodeWindows(shell, { project, node: 'node-1', log: (l) => lines.push(l), page: { initialLayout: IDENTIFY_LAYOUT_ID } });
    expect(start.check.ok).toBe(true);
    expect(lines[1]).toBe('plan: node-1/w0 [r1c1 r1c2 r1c3 r1c4 r1c5 r1c6]');
    expect(shell.opened[0]!.initialLayout).toBe(IDENTIFY_LAYOUT_ID);
  });
});
