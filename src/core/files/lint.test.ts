import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from './diagnostics.js';
import { lintLayout } from './lint.js';
import type { Wall } from '../wall/model.js';
import { makeWall } from '../../../test/support/wall-fixtures.js';
import { analyseLayout } from './validate.js';

const enc = new TextEncoder();

/** Lint warnings of a layout whose tiles start on line 5, on makeWall()'s 6 × 3 wall (0.63 mm/px, 3 nodes). */
function lint(tiles: string, wall: Wall = makeWall()): string[] {
  const text = `id: overview
title: { vi: "Tổng quan", en: "Overview" }
theme: dark
tiles:
${tiles}`;
  const analysis = analyseLayout({ path: 'layouts/overview.yaml', bytes: enc.encode(text) });
  if (!analysis.value || !analysis.yaml) throw new Error(analysis.diagnostics.map(formatDiagnostic).join('\n'));
  const warnings = lintLayout(analysis.yaml, wall, analysis.value);
  expect(warnings.every((d) => d.severity === 'warning')).toBe(true);
  return warnings.map(formatDiagnostic);
}

describe('lint: text crossing a bezel', () => {
  it('warns for text, kpi and clock tiles covering more than one screen', () => {
    expect(
      lint(`  - { id: t, widget: text, cell: { col: 0, row: 0, colSpan: 2 }, props: { text: "Xin chào" } }
  - { id: k, widget: kpi, rect: { x: 1900, y: 1000, width: 100, height: 200 }, topics: [a.b] }
  - { id: c, widget: clock, cell: { col: 5, row: 2 } }
  - { id: cam, widget: camera, cell: { col: 0, row: 1, colSpan: 3 }, props: { source: x.m3u8 } }
`),
    ).toEqual([
      'layouts/overview.yaml:5:34: warning: tiles[0].cell: a text tile crosses a bezel (it covers screens r1c1, r1c2): text behind the seam is hidden',
      'layouts/overview.yaml:6:33: warning: tiles[1].rect: a kpi tile crosses a bezel (it covers screens r1c1, r1c2, r2c1, r2c2): text behind the seam is hidden',
    ]);
  });

  it('does not warn for a tile that only touches the next screen within its own cell span', () => {
    expect(lint('  - { id: t, widget: text, rect: { x: 3, y: 3, width: 1920, height: 1080 }, props: { text: "x" } }\n')).toEqual([]);
  });
});

describe('lint: text too small to read', () => {
  it('warns when a capital (fontSizePx × 0.74) × pitch is under viewing distance / legibility ratio', () => {
    // 5 m / 250 = 20 mm; 0.63 mm per wall px, capitals 0.74 of the size: 42 px = 19.6 mm is too small, 43 px = 20.1 mm is enough.
    expect(
      lint(`  - { id: a, widget: kpi, cell: { col: 0, row: 0 }, topics: [a.b], props: { fontSizePx: 24 } }
  - { id: b, widget: ticker, cell: { col: 1, row: 0 }, props: { fontSizePx: 42 } }
  - { id: c, widget: alert-list, cell: { col: 2, row: 0 }, props: { fontSizePx: 43 } }
  - { id: d, widget: text, cell: { col: 3, row: 0 }, props: { text: "x" } }
`),
    ).toEqual([
      'layouts/overview.yaml:5:89: warning: tiles[0].props.fontSizePx: text of fontSizePx 24 has capitals 11.2 mm high on the wall, under the 20 mm legible from 5 m (use fontSizePx 43 or more)',
      'layouts/overview.yaml:6:77: warning: tiles[1].props.fontSizePx: text of fontSizePx 42 has capitals 19.6 mm high on the wall, under the 20 mm legible from 5 m (use fontSizePx 43 or more)',
    ]);
  });

  it("checks a text tile's default size too", () => {
    const far = { ...makeWall(), viewingDistanceM: 12 };
    expect(lint('  - { id: d, widget: text, cell: { col: 3, row: 0 }, props: { text: "x" } }\n', far)).toEqual([
      'layouts/overview.yaml:5:61: warning: tiles[0].props: text at the default fontSizePx 48 has capitals 22.4 mm high on the wall, under the 48 mm legible from 12 m (use fontSizePx 103 or more)',
    ]);
  });
});

describe("lint: more cameras than a node's decoder budget", () => {
  it('warns at the first camera tile over the budget, per node', () => {
    const wall = makeWall();
    for (const node of wall.nodes) node.decoderBudget = 2;
    const cam = (id: string, col: number, row: number, rowSpan = 1) =>
      `  - { id: ${id}, widget: camera, cell: { col: ${col}, row: ${row}, rowSpan: ${rowSpan} }, props: { source: ${id}.m3u8 } }\n`;
    // Row 0 (node-1): c1, c2 and c3 (which spans into row 1) → 3 > 2. Row 1 (node-2): c3, c4 → 2, fine.
    expect(lint(cam('c1', 0, 0) + cam('c2', 1, 0) + cam('c3', 2, 0, 2) + cam('c4', 3, 1), wall)).toEqual([
      'layouts/overview.yaml:7:5: warning: tiles[2]: node "node-1" would decode 3 camera tiles in this layout, over its decoderBudget of 2 (this tile is number 3 on its screens)',
    ]);
  });
});
