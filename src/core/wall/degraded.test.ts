import { describe, expect, it } from 'vitest';
import { fitSize, planDegraded, planToJson, screensOfNodes, type DegradedPlan } from './degraded.js';
import { formatDiagnostic } from '../files/diagnostics.js';
import { screenActiveRect, tileRect } from './geometry.js';
import type { SourceFile } from '../files/load-result.js';
import type { DegradedRules, Layout, Rect, Tile } from './model.js';
import { loadProject } from '../files/project.js';
import { makeWall, screenById } from '../../../test/support/wall-fixtures.js';

// makeWall(): 6 × 3 screens r{row}c{col}, cells 1926 × 1086 wall px, lit areas inset by 3 px
// (r1c1 lights 3..1923 × 3..1083). node-1 drives row 1, node-2 row 2, node-3 row 3.
const wall = makeWall();
const lit = (id: string): Rect => screenActiveRect(wall, screenById(wall, id));

function tile(id: string, priority: Tile['priority'], at: Partial<Tile>): Tile {
  return { id, widget: 'kpi', z: 0, topics: ['a.b'], priority, props: {}, ...at };
}

/** A tile filling one screen (col/row from 0). */
const onScreen = (id: string, priority: Tile['priority'], col: number, row: number): Tile =>
  tile(id, priority, { cell: { col, row, colSpan: 1, rowSpan: 1 } });

function layout(tiles: Tile[], degraded?: Partial<DegradedRules>): Layout {
  return {
    file: 'test/l.yaml',
    id: 'l',
    title: { vi: 'l', en: 'l' },
    theme: 't',
    subdivision: { columns: 1, rows: 1 },
    tiles,
    ...(degraded ? { degraded: { minPriority: 'critical', displace: 'low', fallback: [], ...degraded } } : {}),
  };
}

const dead = (...ids: string[]): Set<string> => new Set(ids);

function expectIdentity(plan: DegradedPlan, l: Layout): void {
  expect(plan.hidden.size).toBe(0);
  expect(plan.unplaced).toEqual([]);
  expect(plan.moved).toEqual([]);
  expect([...plan.placements.keys()]).toEqual(l.tiles.map((t) => t.id));
  for (const t of l.tiles) expect(plan.placements.get(t.id)).toEqual(tileRect(wall, l, t));
}

describe('planDegraded', () => {
  const kpi = onScreen('kpi', 'critical', 0, 0);
  const filler = onScreen('filler', 'low', 0, 1);
  const base = layout([kpi, filler, onScreen('cam', 'normal', 1, 0)]);

  it('is the identity plan when nothing is dead (or only unknown screens are)', () => {
    expectIdentity(planDegraded(wall, base, dead()), base);
    expectIdentity(planDegraded(wall, base, dead('nope', 'r9c9')), base);
  });

  it('moves a critical tile off a dead screen to the nearest healthy one, hiding a low tile there', () => {
    const plan = planDegraded(wall, base, dead('r1c1'));
    // r2c1 (centre 1086 px below) is nearer than r1c2 (1926 px to the right).
    expect(plan.placements.get('kpi')).toEqual(lit('r2c1'));
    expect([...plan.hidden]).toEqual(['filler']);
    expect(plan.moved).toEqual(['kpi']);
    expect(plan.unplaced).toEqual([]);
    // Tiles that do not move keep their rects.
    expect(plan.placements.get('cam')).toEqual(tileRect(wall, base, base.tiles[2]!));
    expect(plan.placements.get('filler')).toEqual(tileRect(wall, base, filler));
  });

  it('leaves tiles below minPriority where they are, even on a dead screen', () => {
    const plan = planDegraded(wall, base, dead('r1c2'));
    expect(plan.moved).toEqual([]);
    expect(plan.hidden.size).toBe(0);
  });

  it('follows the fallback rules before the nearest screen, in order, skipping dead targets', () => {
    const rules = { fallback: [{ from: ['r1c1'], to: ['r1c3', 'r1c2'] }] };
    const l = layout([kpi, onScreen('low-2', 'low', 1, 0)], rules);
    const plan = planDegraded(wall, l, dead('r1c1', 'r1c3'));
    expect(plan.placements.get('kpi')).toEqual(lit('r1c2'));
    expect([...plan.hidden]).toEqual(['low-2']);
    // A rule whose targets are all dead falls back to the nearest healthy screen.
    expect(planDegraded(wall, l, dead('r1c1', 'r1c2', 'r1c3')).placements.get('kpi')).toEqual(lit('r2c1'));
  });

  it('treats a dead node as all of its screens', () => {
    const ids = screensOfNodes(wall, ['node-1']);
    expect([...ids]).toEqual(['r1c1', 'r1c2', 'r1c3', 'r1c4', 'r1c5', 'r1c6']);
    const l = layout([onScreen('k3', 'critical', 2, 0), onScreen('low-23', 'low', 2, 1)]);
    const plan = planDegraded(wall, l, ids);
    expect(plan.placements.get('k3')).toEqual(lit('r2c3'));
    expect([...plan.hidden]).toEqual(['low-23']);
  });

  it('moves a tile with part of it dead onto its own healthy screen, capped to one screen', () => {
    // Two screens wide: 3852 × 1080 is 2× the screen's aspect, so each side is capped (1920 × 1080).
    const band = tile('band', 'critical', { cell: { col: 0, row: 0, colSpan: 2, rowSpan: 1 } });
    const l = layout([band]);
    expect(planDegraded(wall, l, dead('r1c2')).placements.get('band')).toEqual(lit('r1c1'));
    expect(planDegraded(wall, l, dead('r1c1')).placements.get('band')).toEqual(lit('r1c2'));
  });

  it('keeps a smaller tile its size and its place on the screen, and the aspect when shrinking', () => {
    const small: Rect = { x: 3 + 100, y: 3 + 200, width: 600, height: 400 };
    const l = layout([tile('s', 'critical', { rect: small })]);
    const r2c1 = lit('r2c1');
    expect(planDegraded(wall, l, dead('r1c1')).placements.get('s')).toEqual({ x: r2c1.x + 100, y: r2c1.y + 200, width: 600, height: 400 });
    // 2 × 2 screens shrink to one screen keeping 16:9.
    expect(fitSize({ x: 0, y: 0, width: 3846, height: 2166 }, lit('r1c1'))).toEqual({ width: 1917, height: 1080 });
    // Near the edge: clamped inside the target screen.
    expect(fitSize({ x: 0, y: 0, width: 100, height: 50 }, lit('r1c1'))).toEqual({ width: 100, height: 50 });
  });

  it('never covers another critical tile, nor a tile above displace', () => {
    const l = layout([kpi, onScreen('other', 'critical', 0, 1), onScreen('normal-12', 'normal', 1, 0), onScreen('low-22', 'low', 1, 1)]);
    const plan = planDegraded(wall, l, dead('r1c1'));
    // r2c1 holds a critical tile and r1c2 a normal one (displace low): the next nearest is r3c1
    // (2172 px away, before r2c2 at 2211).
    expect(plan.placements.get('kpi')).toEqual(lit('r3c1'));
    expect(plan.hidden.size).toBe(0);
    expect(plan.placements.get('other')).toEqual(lit('r2c1'));
    // With displace: normal the normal tile may be hidden: r1c2 (1926 px) is the nearest usable.
    const lenient = planDegraded(wall, { ...l, degraded: { minPriority: 'critical', displace: 'normal', fallback: [] } }, dead('r1c1'));
    expect(lenient.placements.get('kpi')).toEqual(lit('r1c2'));
    expect([...lenient.hidden]).toEqual(['normal-12']);
  });

  it('prefers a free spot on the target screen over hiding a tile', () => {
    const small = tile('s', 'critical', { rect: { x: 3, y: 3, width: 800, height: 500 } });
    const corner = tile('corner-low', 'low', { rect: { x: lit('r2c1').x, y: lit('r2c1').y, width: 900, height: 540 } });
    const plan = planDegraded(wall, layout([small, corner]), dead('r1c1'));
    const r2c1 = lit('r2c1');
    // The same place (top left) would hide corner-low; the top-right corner hides nothing.
    expect(plan.placements.get('s')).toEqual({ x: r2c1.x + r2c1.width - 800, y: r2c1.y, width: 800, height: 500 });
    expect(plan.hidden.size).toBe(0);
  });

  it('lets two critical tiles compete: first in the layout (at equal priority) gets the rule, the other the next screen', () => {
    const a = onScreen('a', 'critical', 0, 0);
    const b = onScreen('b', 'critical', 1, 0);
    const rules = { fallback: [{ from: ['r1c1', 'r1c2'], to: ['r2c1'] }] };
    const plan = planDegraded(wall, layout([a, b], rules), dead('r1c1', 'r1c2'));
    expect(plan.placements.get('a')).toEqual(lit('r2c1'));
    // r2c1 is taken by a: b goes to its nearest healthy screen, r2c2.
    expect(plan.placements.get('b')).toEqual(lit('r2c2'));
    expect(plan.moved).toEqual(['a', 'b']);
    // Higher priority first: with minPriority high, a critical b beats a high a listed before it.
    const ranked = planDegraded(
      wall,
      layout([{ ...a, priority: 'high' }, b], { ...rules, minPriority: 'high', displace: 'normal' }),
      dead('r1c1', 'r1c2'),
    );
    expect(ranked.moved).toEqual(['b', 'a']);
    expect(ranked.placements.get('b')).toEqual(lit('r2c1'));
    // a: r2c1 is taken, so the nearest healthy screen, r3c1 (2172 px; r2c2 is 2211 px away).
    expect(ranked.placements.get('a')).toEqual(lit('r3c1'));
  });

  it('two half-screen critical tiles land side by side on the same screen', () => {
    const left = tile('left', 'critical', { rect: { x: 3, y: 3, width: 960, height: 1080 } });
    const right = tile('right', 'critical', { rect: { x: 963, y: 3, width: 960, height: 1080 } });
    const plan = planDegraded(wall, layout([left, right, filler]), dead('r1c1'));
    const r2c1 = lit('r2c1');
    expect(plan.placements.get('left')).toEqual({ x: r2c1.x, y: r2c1.y, width: 960, height: 1080 });
    expect(plan.placements.get('right')).toEqual({ x: r2c1.x + 960, y: r2c1.y, width: 960, height: 1080 });
    expect([...plan.hidden]).toEqual(['filler']);
  });

  it('reports tiles as unplaced when no healthy screen is left, keeping their rects', () => {
    const all = new Set(wall.screens.map((s) => s.id));
    const plan = planDegraded(wall, base, all);
    expect(plan.unplaced).toEqual(['kpi']);
    expect(plan.moved).toEqual([]);
    expect(plan.placements.get('kpi')).toEqual(tileRect(wall, base, kpi));
    // One healthy screen, blocked by a critical tile: unplaced too.
    const blocked = layout([kpi, onScreen('stay', 'critical', 5, 2)]);
    const allButOne = new Set([...all].filter((id) => id !== 'r3c6'));
    expect(planDegraded(wall, blocked, allButOne).unplaced).toEqual(['kpi']);
  });

  it('restores the original placements when the screen returns, and is deterministic', () => {
    const during = planDegraded(wall, base, dead('r1c1'));
    expect(planToJson(planDegraded(wall, base, dead('r1c1')))).toEqual(planToJson(during));
    expect(planToJson(during)).toEqual({ moved: [{ id: 'kpi', rect: lit('r2c1') }], hidden: ['filler'], unplaced: [] });
    expectIdentity(planDegraded(wall, base, dead()), base);
  });
});

const enc = new TextEncoder();
const file = (path: string, text: string): SourceFile => ({ path, bytes: enc.encode(text) });

const WALL = `id: test-wall
title: Test
timezone: Asia/Ho_Chi_Minh
viewingDistanceM: 5
defaultLayout: overview
defaultTheme: dark
grid:
  columns: 2
  rows: 1
  panel: { resolution: { width: 1920, height: 1080 }, activeMm: { width: 1209.6, height: 680.4 }, bezelMm: 1.75 }
nodes: [{ id: node-1 }]
screens:
  - { id: r1c1, cell: { col: 0, row: 0 }, display: { connector: DP-1 }, node: node-1 }
  - { id: r1c2, cell: { col: 1, row: 0 }, display: { connector: DP-2 }, node: node-1 }
`;
const THEME = `id: dark
title: { vi: "Chủ đề", en: "Theme" }
font: { family: "Be Vietnam Pro", package: "@fontsource/be-vietnam-pro", weights: [400] }
colors: { background: "#000000", surface: "#111111", text: "#ffffff", textMuted: "#aaaaaa", accent: "#3fa7ff", bezel: "#000000", stale: "#666666" }
severity: { critical: "#ff0000", major: "#ff8000", minor: "#ffff00", warning: "#00ffff", info: "#ffffff" }
staleOpacity: 0.5
`;

function load(degraded: string) {
  const text = `id: overview
title: { vi: "Bố cục", en: "Layout" }
theme: dark
tiles:
  - { id: k, widget: kpi, cell: { col: 0, row: 0 }, topics: [a.b], priority: critical }
${degraded}`;
  return loadProject({ wall: file('wall.yaml', WALL), layouts: [file('layouts/overview.yaml', text)], themes: [file('themes/dark.yaml', THEME)] });
}

describe('layout files: degraded', () => {
  it('loads the section with its defaults, and leaves it absent when not written', () => {
    const none = load('');
    expect(none.ok && none.value.layouts[0]!.degraded).toBe(undefined);
    const result = load('degraded:\n  fallback:\n    - { from: [r1c1], to: [r1c2] }\n');
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([]);
    expect(result.ok && result.value.layouts[0]!.degraded).toEqual({
      minPriority: 'critical',
      displace: 'low',
      fallback: [{ from: ['r1c1'], to: ['r1c2'] }],
    });
    const full = load('degraded: { minPriority: high, displace: normal }\n');
    expect(full.ok && full.value.layouts[0]!.degraded).toEqual({ minPriority: 'high', displace: 'normal', fallback: [] });
  });

  it('reports unknown screen ids at their line and column', () => {
    const result = load('degraded:\n  fallback:\n    - { from: [r1c1], to: [r1c3, r1c2] }\n    - from: [r2c1]\n      to: [r1c1]\n');
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([
      'layouts/overview.yaml:8:28: error: degraded.fallback[0].to[0]: unknown screen "r1c3" (screens: r1c1, r1c2)',
      'layouts/overview.yaml:9:14: error: degraded.fallback[1].from[0]: unknown screen "r2c1" (did you mean "r1c1"?)',
    ]);
  });

  it('refuses a critical displace, a displace not below minPriority, unknown keys and empty lists', () => {
    const critical = load('degraded: { displace: critical }\n');
    expect(critical.diagnostics.map((d) => d.code)).toEqual(['invalid-enum']);
    const tooHigh = load('degraded: { minPriority: high, displace: high }\n');
    expect(tooHigh.diagnostics.map(formatDiagnostic)).toEqual([
      'layouts/overview.yaml:6:42: error: degraded.displace: displace "high" must be a lower priority than minPriority "high" (a tile that moves is never hidden)',
    ]);
    expect(load('degraded: { fallbacks: [] }\n').diagnostics.map((d) => d.code)).toEqual(['unknown-field']);
    expect(load('degraded: { fallback: [{ from: [], to: [r1c2] }] }\n').diagnostics.map((d) => d.code)).toEqual(['invalid-list']);
  });
});
