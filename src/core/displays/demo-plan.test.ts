import { describe, expect, it } from 'vitest';
import { fitScale, naturalExtent, placeDemoWindows, plannedDemoWindows, selectNodes } from './demo-plan.js';
import { makeWall } from '../../../test/support/wall-fixtures.js';

// Default fixture: cells 1926 × 1086 wall px, lit area of cell (c, r) at x = 1926c + 3,
// y = 1086r + 3; one node per row, each row one span window of 6 × 1920 = 11520 × 1080.

describe('selectNodes', () => {
  const wall = makeWall();
  it('takes every node by default, in wall order', () => {
    expect(selectNodes(wall, undefined)).toEqual({ nodes: ['node-1', 'node-2', 'node-3'] });
    expect(selectNodes(wall, [])).toEqual({ nodes: ['node-1', 'node-2', 'node-3'] });
  });
  it('keeps wall order whatever the order asked for', () => {
    expect(selectNodes(wall, ['node-3', 'node-1'])).toEqual({ nodes: ['node-1', 'node-3'] });
  });
  it('names unknown nodes and the known ones', () => {
    expect(selectNodes(wall, ['node-1', 'pc-9'])).toEqual({ error: 'unknown node(s) pc-9; the wall has node-1, node-2, node-3' });
  });
});

describe('placeDemoWindows', () => {
  const wall = makeWall();
  it('puts each node row where it is on the wall, bezel seams between rows', () => {
    const plan = placeDemoWindows(plannedDemoWindows(wall, ['node-1', 'node-2', 'node-3']), 1);
    expect(plan.windows.map((w) => [w.planned.id, w.rect])).toEqual([
      ['node-1/w0', { x: 0, y: 0, width: 11520, height: 1080 }],
      ['node-2/w0', { x: 0, y: 1086, width: 11520, height: 1080 }],
      ['node-3/w0', { x: 0, y: 2172, width: 11520, height: 1080 }],
    ]);
    expect(plan.extent).toEqual({ width: 11520, height: 3252 });
  });
  it('scales positions and sizes, and offsets by the origin', () => {
    const plan = placeDemoWindows(plannedDemoWindows(wall, ['node-2', 'node-3']), 0.25, { x: 10, y: 20 });
    expect(plan.windows.map((w) => w.rect)).toEqual([
      { x: 10, y: 20, width: 2880, height: 270 },
      { x: 10, y: 20 + 272, width: 2880, height: 270 },
    ]);
    expect(plan.extent).toEqual({ width: 2880, height: 272 + 270 });
  });
  it('places one window per display for per-display nodes', () => {
    const plan = placeDemoWindows(plannedDemoWindows(makeWall({ windowMode: 'per-display' }), ['node-1']), 0.5);
    expect(plan.windows).toHaveLength(6);
    expect(plan.windows[1]!.rect).toEqual({ x: 963, y: 0, width: 960, height: 540 });
  });
  it('is empty for no windows', () => {
    expect(placeDemoWindows([], 1).extent).toEqual({ width: 0, height: 0 });
  });
});

describe('fitScale', () => {
  const natural = naturalExtent(plannedDemoWindows(makeWall(), ['node-1', 'node-2', 'node-3']));
  it('shrinks the whole wall onto a desktop monitor, rounded down', () => {
    const s = fitScale(natural, { width: 1920, height: 1050 });
    expect(s).toBe(0.166);
    expect(natural.width * s).toBeLessThanOrEqual(1920);
    expect(natural.height * s).toBeLessThanOrEqual(1050);
  });
  it('never enlarges past the maximum', () => {
    expect(fitScale({ width: 100, height: 100 }, { width: 1920, height: 1080 })).toBe(1);
    expect(fitScale({ width: 100, height: 100 }, { width: 1920, height: 1080 }, 0.5)).toBe(0.5);
  });
  it('has a floor', () => {
    expect(fitScale(natural, { width: 10, height: 10 })).toBe(0.01);
  });
});
