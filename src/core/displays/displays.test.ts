import { describe, expect, it } from 'vitest';
import type { Screen } from '../wall/model.js';
import { assumedDisplays, matchDisplays } from './displays.js';
import { makeDisplay as display, makeWall, screenById } from '../../../test/support/wall-fixtures.js';

// Default fixture: one node per wall row, screens selected by connector DP-1 … DP-6 per node.

describe('assumedDisplays', () => {
  it('mirrors one row of the wall on the desktop, bezels removed', () => {
    const wall = makeWall();
    const displays = assumedDisplays(wall, 'node-2');
    expect(displays).toHaveLength(6);
    expect(displays[0]).toEqual(display(1, 'DP-1', { x: 0, y: 0, width: 1920, height: 1080 }));
    expect(displays[5]).toEqual(display(6, 'DP-6', { x: 9600, y: 0, width: 1920, height: 1080 }));
  });

  it('mirrors the whole grid for a single node', () => {
    const displays = assumedDisplays(makeWall({ nodes: 'single' }), 'node-1');
    expect(displays).toHaveLength(18);
    // r3c6 is the 18th: 5 × 1920, 2 × 1080.
    expect(displays[17]!.bounds).toEqual({ x: 9600, y: 2160, width: 1920, height: 1080 });
    expect(displays[17]!.label).toBe('DP-18');
  });

  it('turns a rotated panel and honours id and bounds selectors', () => {
    const wall = makeWall();
    wall.screens.push({
      ...screenById(wall, 'r1c1'),
      id: 'side-portrait',
      cell: undefined,
      rect: { x: 11600, y: 0, width: 1080, height: 1920 },
      rotation: 90,
      display: { edidName: 'SAMSUNG UH55F', serial: '0x01F3' },
    });
    screenById(wall, 'r1c2').display = { displayId: 1 };
    screenById(wall, 'r1c3').display = { bounds: { x: 5000, y: 5000, width: 1920, height: 1080 } };
    const displays = assumedDisplays(wall, 'node-1');
    // Fresh ids skip the reserved 1: r1c1 → 2, r1c2 → 1, r1c3 → 3, …
    expect(displays.map((d) => d.id)).toEqual([2, 1, 3, 4, 5, 6, 7]);
    expect(displays[2]!.bounds).toEqual({ x: 5000, y: 5000, width: 1920, height: 1080 });
    // Right of all six grid screens (6 × 1920), native 1920 × 1080 turned to 1080 × 1920.
    expect(displays[6]).toEqual({
      id: 7,
      edidName: 'SAMSUNG UH55F',
      serial: '0x01F3',
      bounds: { x: 11520, y: 0, width: 1080, height: 1920 },
      rotation: 90,
      scaleFactor: 1,
    });
    expect(matchDisplays(wall, 'node-1', displays).missing).toEqual([]);
  });
});

describe('matchDisplays', () => {
  const wall = makeWall();

  it('matches by connector whatever the enumeration order', () => {
    const ordered = assumedDisplays(wall, 'node-1');
    const shuffled = [3, 0, 5, 1, 4, 2].map((i, k) => ({ ...ordered[i]!, id: 10 + k }));
    const result = matchDisplays(wall, 'node-1', shuffled);
    expect(result.matched.map((m) => [m.screen.id, m.display.label, m.display.id])).toEqual([
      ['r1c1', 'DP-1', 11],
      ['r1c2', 'DP-2', 13],
      ['r1c3', 'DP-3', 15],
      ['r1c4', 'DP-4', 10],
      ['r1c5', 'DP-5', 14],
      ['r1c6', 'DP-6', 12],
    ]);
    expect(result.missing).toEqual([]);
    expect(result.unused).toEqual([]);
  });

  it('reports a missing display and an unexpected one', () => {
    const displays = assumedDisplays(wall, 'node-1').filter((d) => d.label !== 'DP-4');
    const extra = display(99, 'HDMI-1', { x: 20000, y: 0, width: 1920, height: 1080 });
    const result = matchDisplays(wall, 'node-1', [extra, ...displays.reverse()]);
    expect(result.missing.map((s) => s.id)).toEqual(['r1c4']);
    expect(result.unused).toEqual([extra]);
    expect(result.matched).toHaveLength(5);
  });

  it('understands every selector kind', () => {
    const w = makeWall({ columns: 5, rows: 1 });
    const selectors: Screen['display'][] = [
      { edidName: 'LG 55VM5E', serial: 'B' },
      { edidName: 'NEC X554UN' },
      { serial: 'S-7' },
      { displayId: 42 },
      { bounds: { x: 0, y: 1080, width: 1920, height: 1080 } },
    ];
    w.screens.forEach((s, i) => (s.display = selectors[i]!));
    const box = { x: 0, y: 0, width: 1920, height: 1080 };
    const found = [
      display(1, 'DP-1', box, { edidName: 'LG 55VM5E', serial: 'A' }),
      display(2, 'DP-2', box, { edidName: 'LG 55VM5E', serial: 'B' }),
      display(3, 'DP-3', box, { edidName: 'NEC X554UN', serial: 'S-7' }),
      display(42, 'DP-4', box),
      display(5, 'DP-5', { x: 0, y: 1080, width: 1920, height: 1080 }),
    ];
    // NEC by name and the serial S-7 both fit display 3: the first screen in wall order takes it.
    const result = matchDisplays(w, 'node-1', found);
    expect(result.matched.map((m) => [m.screen.id, m.display.id])).toEqual([
      ['r1c1', 2],
      ['r1c2', 3],
      ['r1c4', 42],
      ['r1c5', 5],
    ]);
    expect(result.missing.map((s) => s.id)).toEqual(['r1c3']);
    expect(result.unused.map((d) => d.id)).toEqual([1]);
  });

  it('refuses to choose between twins named only by model', () => {
    const w = makeWall({ columns: 1, rows: 1 });
    w.screens[0]!.display = { edidName: 'LG 55VM5E' };
    const box = { x: 0, y: 0, width: 1920, height: 1080 };
    const twins = [
      display(1, 'DP-1', box, { edidName: 'LG 55VM5E' }),
      display(2, 'DP-2', { ...box, x: 1920 }, { edidName: 'LG 55VM5E' }),
    ];
    const result = matchDisplays(w, 'node-1', twins);
    expect(result.matched).toEqual([]);
    expect(result.missing.map((s) => s.id)).toEqual(['r1c1']);
    expect(result.ambiguous[0]!.displays).toEqual(twins);
    expect(result.unused).toEqual(twins);
  });
});
