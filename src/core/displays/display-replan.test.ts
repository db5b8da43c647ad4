import { describe, expect, it } from 'vitest';
import { checkDisplays, chooseNode, replan, windowKey } from './display-replan.js';
import { makeDisplay, makeWall } from '../../../test/support/wall-fixtures.js';
import { assumedDisplays, planWindows, type DetectedDisplay } from './window-plan.js';

const spanWall = makeWall();
const perDisplayWall = makeWall({ windowMode: 'per-display' });
/** node-1's six displays DP-1..DP-6 side by side on the desktop. */
const row = (except: string[] = []): DetectedDisplay[] =>
  [1, 2, 3, 4, 5, 6]
    .filter((c) => !except.includes(`DP-${c}`))
    .map((c) => makeDisplay(c, `DP-${c}`, { x: (c - 1) * 1920, y: 0, width: 1920, height: 1080 }));

describe('checkDisplays (start-up check)', () => {
  it('is ok when every screen of the node has its display', () => {
    expect(checkDisplays(spanWall, 'node-1', row())).toEqual({ ok: true, missing: [], unused: [] });
  });

  it('names exactly which screen is missing and what is connected', () => {
    const check = checkDisplays(spanWall, 'node-1', row(['DP-3']));
    expect(check.ok).toBe(false);
    expect(check.missing.map((m) => [m.screenId, m.reason])).toEqual([['r1c3', 'absent']]);
    expect(check.missing[0]!.message).toBe('screen r1c3 (node-1, connector DP-3): no display with connector DP-3 — connected: DP-1, DP-2, DP-4, DP-5, DP-6');
  });

  it('says when a selector fits several displays, or its display is already taken', () => {
    const wall = makeWall({ columns: 2, rows: 1 });
    wall.screens[0]!.display = { edidName: 'LG 55VM5E' };
    wall.screens[1]!.display = { displayId: 7 };
    const twins = [makeDisplay(7, 'DP-1', { x: 0, y: 0, width: 1920, height: 1080 }, { edidName: 'LG 55VM5E' }), makeDisplay(8, 'DP-2', { x: 1920, y: 0, width: 1920, height: 1080 }, { edidName: 'LG 55VM5E' })];
    const check = checkDisplays(wall, 'node-1', twins);
    expect(check.missing.map((m) => [m.screenId, m.reason])).toEqual([['r1c1', 'ambiguous']]);
    expect(check.missing[0]!.message).toBe('screen r1c1 (node-1, EDID "LG 55VM5E"): 2 displays answer to it ("LG 55VM5E" on DP-1, "LG 55VM5E" on DP-2); make its selector unique in wall.yaml');

    wall.screens[0]!.display = { displayId: 7 };
    const taken = checkDisplays(wall, 'node-1', twins);
    expect(taken.missing).toMatchObject([{ screenId: 'r1c2', reason: 'taken' }]);
    expect(taken.missing[0]!.message).toBe('screen r1c2 (node-1, display id 7): its display id 7 (DP-1) is already used by screen r1c1');
    expect(taken.unused.map((d) => d.id)).toEqual([8]);
  });
});

describe('replan', () => {
  it('changes nothing when the displays did not change', () => {
    const old = planWindows(spanWall, 'node-1', row());
    const r = replan(spanWall, 'node-1', old, row());
    expect(r).toMatchObject({ keep: old, move: [], close: [], create: [] });
    expect(r.plan).toEqual(old);
  });

  it('a removed display in span mode: the spanning window is closed, its remains are created', () => {
    const old = planWindows(spanWall, 'node-1', row());
    expect(old.map(windowKey)).toEqual(['r1c1,r1c2,r1c3,r1c4,r1c5,r1c6']);
    const r = replan(spanWall, 'node-1', old, row(['DP-3']));
    expect(r.close).toEqual(old);
    expect(r.create.map(windowKey)).toEqual(['r1c1,r1c2', 'r1c4,r1c5,r1c6']);
    expect(r.create.map((w) => w.id)).toEqual(['node-1/w0', 'node-1/w1']);
    expect(r.check.missing.map((m) => m.screenId)).toEqual(['r1c3']);
    // Plugged back: back to one window.
    const back = replan(spanWall, 'node-1', r.plan, row());
    expect(back.close.map(windowKey)).toEqual(['r1c1,r1c2', 'r1c4,r1c5,r1c6']);
    expect(back.create.map(windowKey)).toEqual(['r1c1,r1c2,r1c3,r1c4,r1c5,r1c6']);
    expect(back.check.ok).toBe(true);
  });

  it('per-display: only the missing screen closes; the others keep running under their ids', () => {
    const old = planWindows(perDisplayWall, 'node-1', row());
    const r = replan(perDisplayWall, 'node-1', old, row(['DP-1']));
    expect(r.close.map(windowKey)).toEqual(['r1c1']);
    expect(r.create).toEqual([]);
    expect(r.keep.map((w) => w.id)).toEqual(['node-1/w1', 'node-1/w2', 'node-1/w3', 'node-1/w4', 'node-1/w5']);
    // Plugged back: r1c1 gets the free id w0 again; nothing else moves.
    const back = replan(perDisplayWall, 'node-1', r.plan, row());
    expect(back.create.map((w) => [w.id, windowKey(w)])).toEqual([['node-1/w0', 'r1c1']]);
    expect(back.keep).toHaveLength(5);
  });

  it('a display that moved on the desktop moves its window without a reload', () => {
    const old = planWindows(perDisplayWall, 'node-1', row());
    const moved = row().map((d) => (d.label === 'DP-2' ? { ...d, id: 42, bounds: { ...d.bounds, y: 1080 } } : d));
    const r = replan(perDisplayWall, 'node-1', old, moved);
    expect(r.move).toHaveLength(1);
    expect(r.move[0]).toMatchObject({ reload: false, from: { id: 'node-1/w1' }, to: { id: 'node-1/w1', bounds: { x: 1920, y: 1080 } } });
    expect(r.move[0]!.to.screens[0]!.displayId).toBe(42);
  });

  it('a display whose mode changed reloads its page', () => {
    const old = planWindows(perDisplayWall, 'node-1', row());
    const scaled = row().map((d) => (d.label === 'DP-6' ? { ...d, bounds: { ...d.bounds, width: 1280, height: 720 } } : d));
    // wall.yaml still says 1920x1080; with a bounds-free selector the screen still matches.
    const r = replan(perDisplayWall, 'node-1', old, scaled);
    expect(r.move).toMatchObject([{ reload: true, from: { id: 'node-1/w5' } }]);
  });

  it('all displays gone: every window closes, every screen is named', () => {
    const old = planWindows(spanWall, 'node-1', assumedDisplays(spanWall, 'node-1'));
    const r = replan(spanWall, 'node-1', old, []);
    expect(r.plan).toEqual([]);
    expect(r.close).toEqual(old);
    expect(r.check.missing.map((m) => m.screenId)).toEqual(['r1c1', 'r1c2', 'r1c3', 'r1c4', 'r1c5', 'r1c6']);
    expect(r.check.missing[0]!.message).toMatch(/— connected: none$/);
  });
});

describe('chooseNode', () => {
  it('takes the node asked for, else the host name, else the only node', () => {
    expect(chooseNode(spanWall, 'node-2', 'whatever')).toEqual({ node: 'node-2' });
    expect(chooseNode(spanWall, undefined, 'node-3')).toEqual({ node: 'node-3' });
    expect(chooseNode(makeWall({ nodes: 'single' }), undefined, 'pc-17')).toEqual({ node: 'node-1' });
    expect(chooseNode(spanWall, 'node-9', undefined)).toMatchObject({ error: expect.stringContaining('nodes: node-1, node-2, node-3') });
    expect(chooseNode(spanWall, undefined, 'pc-17')).toMatchObject({ error: expect.stringContaining('--node=ID') });
  });
});
