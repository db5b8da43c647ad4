import { describe, expect, it } from 'vitest';
import { parseDrmSnapshot, parseXrandr } from './display-detect.js';
import { enrichDisplays, type ConnectorReading } from './display-enrich.js';
import { checkDisplays } from './display-replan.js';
import type { Rect, Rotation } from '../wall/model.js';
import { makeEdid } from '../../../test/support/edid-fixtures.js';
import { xrandrVerbose, type XrandrOutput as Output } from '../../../test/support/xrandr-fixtures.js';
import { loadWall } from '../files/validate.js';
import { planWindows, type DetectedDisplay } from './window-plan.js';

const MODEL = 'SAMSUNG UH55F';

const fromXrandr = (outputs: Output[]): ConnectorReading => ({ ok: true, from: 'xrandr --verbose', connectors: parseXrandr(xrandrVerbose(outputs)) });

/** A display as Electron main's toDetected makes it: Chromium's own id, the model name as label, DIP bounds. */
function electron(id: number, bounds: Rect, extra: { scaleFactor?: number; rotation?: Rotation; label?: string } = {}): DetectedDisplay {
  return { id, label: extra.label ?? MODEL, bounds, rotation: extra.rotation ?? 0, scaleFactor: extra.scaleFactor ?? 1 };
}

/** DP-1…DP-n side by side, 1920 × 1080 each, serials 0x0101…. */
const row = (n: number): Output[] => Array.from({ length: n }, (_, i) => ({ name: `DP-${i + 1}`, geo: `1920x1080+${i * 1920}+0`, serialNumber: 0x0101 + i }));
const electronRow = (n: number): DetectedDisplay[] => Array.from({ length: n }, (_, i) => electron(2528732444 + i, { x: i * 1920, y: 0, width: 1920, height: 1080 }));

describe('enrichDisplays', () => {
  it('names each Electron display after the output at its bounds, with EDID name and serial (scale 1)', () => {
    const r = enrichDisplays(electronRow(3), fromXrandr([...row(3), { name: 'HDMI-1', connected: false }]));
    expect(r.displays).toEqual([
      { id: 2528732444, label: 'DP-1', edidName: MODEL, serial: '0x0101', bounds: { x: 0, y: 0, width: 1920, height: 1080 }, rotation: 0, scaleFactor: 1 },
      { id: 2528732445, label: 'DP-2', edidName: MODEL, serial: '0x0102', bounds: { x: 1920, y: 0, width: 1920, height: 1080 }, rotation: 0, scaleFactor: 1 },
      { id: 2528732446, label: 'DP-3', edidName: MODEL, serial: '0x0103', bounds: { x: 3840, y: 0, width: 1920, height: 1080 }, rotation: 0, scaleFactor: 1 },
    ]);
    expect(r.notes).toEqual(['connector names from xrandr --verbose: 3 of 3 displays named']);
  });

  it('compares in device px at scale 2, and keeps Electron DIP bounds', () => {
    const outputs: Output[] = [{ name: 'DP-1', geo: '3840x2160+0+0', serialNumber: 1 }, { name: 'DP-2', geo: '3840x2160+3840+0', serialNumber: 2 }];
    const dip = [electron(1, { x: 0, y: 0, width: 1920, height: 1080 }, { scaleFactor: 2 }), electron(2, { x: 1920, y: 0, width: 1920, height: 1080 }, { scaleFactor: 2 })];
    const r = enrichDisplays(dip, fromXrandr(outputs));
    expect(r.displays.map((d) => [d.label, d.serial, d.bounds.x, d.bounds.width])).toEqual([['DP-1', '0x0001', 0, 1920], ['DP-2', '0x0002', 1920, 1920]]);
    // Read as px at scale 1 they would be the wrong outputs: nothing matches, nothing is guessed.
    const asScale1 = enrichDisplays(dip.map((d) => ({ ...d, scaleFactor: 1 })), fromXrandr(outputs));
    expect(asScale1.displays.map((d) => d.label)).toEqual([MODEL, MODEL]);
  });

  it('tolerates DIP rounding adding up along a row at a fractional scale', () => {
    // 1366 px at 1.5 is 910.67 DIP: Chromium floors to 910 and lays displays edge to edge in DIP.
    const outputs: Output[] = Array.from({ length: 6 }, (_, i) => ({ name: `DP-${i + 1}`, geo: `1366x768+${i * 1366}+0`, serialNumber: i }));
    const dip = Array.from({ length: 6 }, (_, i) => electron(i + 1, { x: i * 910, y: 0, width: 910, height: 512 }, { scaleFactor: 1.5 }));
    expect(enrichDisplays(dip, fromXrandr(outputs)).displays.map((d) => d.label)).toEqual(['DP-1', 'DP-2', 'DP-3', 'DP-4', 'DP-5', 'DP-6']);
  });

  it('matches rotated outputs by their turned bounds and keeps Electron rotation', () => {
    const outputs: Output[] = [{ name: 'DP-1', geo: '1920x1080+0+0', serialNumber: 1 }, { name: 'DP-2', geo: '1080x1920+1920+0', turn: 'left', serialNumber: 2 }];
    const r = enrichDisplays([electron(1, { x: 0, y: 0, width: 1920, height: 1080 }), electron(2, { x: 1920, y: 0, width: 1080, height: 1920 }, { rotation: 270 })], fromXrandr(outputs));
    expect(r.displays[1]).toMatchObject({ label: 'DP-2', rotation: 270, bounds: { width: 1080, height: 1920 } });
  });

  it('reports mirrored outputs rather than picking one', () => {
    const outputs: Output[] = [{ name: 'DP-1', geo: '1920x1080+0+0', serialNumber: 1 }, { name: 'HDMI-1', geo: '1920x1080+0+0', serialNumber: 2 }, { name: 'DP-2', geo: '1920x1080+1920+0', serialNumber: 3 }];
    const r = enrichDisplays(electronRow(2), fromXrandr(outputs));
    expect(r.displays.map((d) => d.label)).toEqual([MODEL, 'DP-2']);
    expect(r.displays[0]!.serial).toBeUndefined();
    expect(r.notes).toEqual([
      'connector names from xrandr --verbose: 1 of 2 displays named',
      `display id 2528732444 "${MODEL}" (1920x1080+0+0): outputs DP-1, HDMI-1 show the same part of the desktop (mirrored), so which one it is cannot be told; it keeps Electron's label`,
    ]);
    // The other way round: two Electron displays over one output.
    const twice = enrichDisplays([electron(1, { x: 0, y: 0, width: 1920, height: 1080 }), electron(2, { x: 0, y: 0, width: 1920, height: 1080 })], fromXrandr(row(1)));
    expect(twice.displays.map((d) => d.label)).toEqual([MODEL, MODEL]);
    expect(twice.notes[2]).toBe(`display id 2 "${MODEL}" (1920x1080+0+0): output DP-1 fits several Electron displays; it keeps Electron's label`);
  });

  it('keeps Electron data for a display no output shows, and for all when xrandr is missing', () => {
    const r = enrichDisplays(electronRow(3), fromXrandr([...row(2), { name: 'DP-3' }]));
    expect(r.displays.map((d) => d.label)).toEqual(['DP-1', 'DP-2', MODEL]);
    expect(r.notes[1]).toBe(
      `display id 2528732446 "${MODEL}" (1920x1080+3840+0): no output of xrandr --verbose shows 1920x1080+3840+0 px (outputs: DP-1 1920x1080+0+0, DP-2 1920x1080+1920+0); it keeps Electron's label`,
    );

    const missing = enrichDisplays(electronRow(2), { ok: false, why: 'xrandr: not installed' });
    expect(missing.displays).toEqual(electronRow(2));
    expect(missing.notes).toEqual(["connector names unavailable (xrandr: not installed): using Electron's display labels, so connector, EDID and serial selectors may not match"]);
  });

  it('without desktop positions (sysfs) names a display only by a unique EDID name of its size', () => {
    const connectors = parseDrmSnapshot([
      { name: 'card0-DP-1', status: 'connected', enabled: 'enabled', modes: '1920x1080\n', edid: makeEdid({ name: 'LG 55VM5E', serialText: '105NTAB1234' }) },
      { name: 'card0-DP-2', status: 'connected', enabled: 'enabled', modes: '1920x1080\n', edid: makeEdid({ name: MODEL, serialNumber: 1 }) },
      { name: 'card0-DP-3', status: 'connected', enabled: 'enabled', modes: '1920x1080\n', edid: makeEdid({ name: MODEL, serialNumber: 2 }) },
    ]);
    const lg = electron(7, { x: 0, y: 0, width: 1920, height: 1080 }, { label: 'LG 55VM5E' });
    const r = enrichDisplays([lg, ...electronRow(2)], { ok: true, from: '/sys/class/drm', connectors });
    expect(r.displays.map((d) => [d.label, d.serial])).toEqual([['DP-1', '105NTAB1234'], [MODEL, undefined], [MODEL, undefined]]);
    expect(r.notes[2]).toBe(
      `display id 2528732445 "${MODEL}" (1920x1080+1920+0): outputs DP-2, DP-3 are the same model and /sys/class/drm gives no desktop positions, so which one it is cannot be told; it keeps Electron's label`,
    );
    const unknown = enrichDisplays([electron(9, { x: 0, y: 0, width: 1920, height: 1080 }, { label: 'DELL U2720Q' })], { ok: true, from: '/sys/class/drm', connectors });
    expect(unknown.notes[1]).toBe(`display id 9 "DELL U2720Q" (1920x1080+0+0): no output of /sys/class/drm is a "DELL U2720Q" with a 1920x1080 mode (outputs: DP-1, DP-2, DP-3); it keeps Electron's label`);
  });
});

describe('a wall.yaml with connector and EDID selectors, planned from Electron displays + xrandr', () => {
  const wall = loadWall({
    path: 'wall.yaml',
    bytes: new TextEncoder().encode(`id: test-wall
title: Test
timezone: Asia/Ho_Chi_Minh
viewingDistanceM: 5
defaultLayout: overview
defaultTheme: dark
grid:
  columns: 3
  rows: 1
  panel:
    resolution: { width: 1920, height: 1080 }
    activeMm: { width: 1209.6, height: 680.4 }
    bezelMm: 1.75
nodes:
  - id: node-1
screens:
  - { id: left, cell: { col: 0, row: 0 }, display: { connector: "DP-1" }, node: node-1 }
  - { id: middle, cell: { col: 1, row: 0 }, display: { edidName: "${MODEL}", serial: "0x0103" }, node: node-1 }
  - { id: right, cell: { col: 2, row: 0 }, display: { serial: "0x0102" }, node: node-1 }
`),
  });
  if (!wall.ok) throw new Error('the test wall does not load');
  // Cabled out of order: DP-3 (serial 0x0103) sits in the middle of the desktop, DP-2 on the right.
  const outputs: Output[] = [
    { name: 'DP-1', geo: '1920x1080+0+0', serialNumber: 0x0101 },
    { name: 'DP-2', geo: '1920x1080+3840+0', serialNumber: 0x0102 },
    { name: 'DP-3', geo: '1920x1080+1920+0', serialNumber: 0x0103 },
  ];

  it('matches no screen from Electron data alone', () => {
    expect(checkDisplays(wall.value, 'node-1', electronRow(3)).missing.map((m) => m.screenId)).toEqual(['left', 'middle', 'right']);
  });

  it('plans one window over the three panels once enriched', () => {
    const { displays } = enrichDisplays(electronRow(3), fromXrandr(outputs));
    expect(checkDisplays(wall.value, 'node-1', displays).ok).toBe(true);
    const plan = planWindows(wall.value, 'node-1', displays);
    expect(plan).toHaveLength(1);
    expect(plan[0]!.bounds).toEqual({ x: 0, y: 0, width: 5760, height: 1080 });
    expect(plan[0]!.screens.map((s) => [s.screenId, s.displayId, s.windowRect.x])).toEqual([
      ['left', 2528732444, 0],
      ['middle', 2528732445, 1920],
      ['right', 2528732446, 3840],
    ]);
  });
});
