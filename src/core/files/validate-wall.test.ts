import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from './diagnostics.js';
import type { Wall } from '../wall/model.js';
import { loadWall } from './validate.js';

const enc = new TextEncoder();

function load(text: string) {
  return loadWall({ path: 'wall.yaml', bytes: enc.encode(text) });
}

/** Formatted diagnostics of a wall that must fail. */
function errors(text: string): string[] {
  const result = load(text);
  if (result.ok) throw new Error('expected errors, the wall loaded');
  return result.diagnostics.map(formatDiagnostic);
}

/** A valid 2 × 1 wall; `screens` and `extra` replace parts of it. Line numbers below depend on it. */
function wall(screens: string, extra = ''): string {
  return `id: test-wall
title: Test
timezone: Asia/Ho_Chi_Minh
viewingDistanceM: 5
defaultLayout: overview
defaultTheme: dark
grid:
  columns: 2
  rows: 1
  panel:
    resolution: { width: 1920, height: 1080 }
    activeMm: { width: 1209.6, height: 680.4 }
    bezelMm: 1.75
nodes:
  - id: node-1
  - { id: node-2, title: { vi: "Máy 2" }, decoderBudget: 4, windowMode: per-display }
${extra}screens:
${screens}`;
}

// Screens start on line 18.
const TWO_SCREENS = `  - { id: a, cell: { col: 0, row: 0 }, display: { connector: "DP-1" }, node: node-1 }
  - { id: b, cell: { col: 1, row: 0 }, display: { connector: "DP-2" }, node: node-1 }
`;

const panelEdges = { top: 1.75, right: 1.75, bottom: 1.75, left: 1.75 };

describe('loadWall: a good file', () => {
  it('loads into the model with every default filled in', () => {
    const result = load(
      wall(
        TWO_SCREENS +
          `  - id: side
    rect: { x: 4000, y: 0, width: 1080, height: 1920 }
    rotation: 90
    activeMm: { width: 680.4, height: 1209.6 }
    bezelMm: { top: 1, right: 2, bottom: 3, left: 4 }
    display: { edidName: "SAMSUNG UH55F", serial: "0x01F3" }
    node: node-2
`,
      ),
    );
    expect(result).toEqual({ ok: true, warnings: [], value: expect.any(Object) });
    const value = (result as { value: Wall }).value;
    const expected: Wall = {
      file: 'wall.yaml',
      id: 'test-wall',
      title: 'Test',
      grid: {
        columns: 2,
        rows: 1,
        panel: {
          resolution: { width: 1920, height: 1080 },
          activeMm: { width: 1209.6, height: 680.4 },
          bezelMm: panelEdges,
        },
      },
      viewingDistanceM: 5,
      legibilityRatio: 250,
      timezone: 'Asia/Ho_Chi_Minh',
      defaultLayout: 'overview',
      defaultTheme: 'dark',
      nodes: [
        { id: 'node-1', decoderBudget: 8, windowMode: 'span' },
        { id: 'node-2', title: { vi: 'Máy 2' }, decoderBudget: 4, windowMode: 'per-display' },
      ],
      screens: [
        {
          id: 'a',
          cell: { col: 0, row: 0, colSpan: 1, rowSpan: 1 },
          resolution: { width: 1920, height: 1080 },
          rotation: 0,
          activeMm: { width: 1209.6, height: 680.4 },
          bezelMm: panelEdges,
          display: { connector: 'DP-1' },
          node: 'node-1',
        },
        {
          id: 'b',
          cell: { col: 1, row: 0, colSpan: 1, rowSpan: 1 },
          resolution: { width: 1920, height: 1080 },
          rotation: 0,
          activeMm: { width: 1209.6, height: 680.4 },
          bezelMm: panelEdges,
          display: { connector: 'DP-2' },
          node: 'node-1',
        },
        {
          id: 'side',
          rect: { x: 4000, y: 0, width: 1080, height: 1920 },
          // Native mode defaults to the grid panel's, turned back by the rotation.
          resolution: { width: 1080, height: 1920 },
          rotation: 90,
          activeMm: { width: 680.4, height: 1209.6 },
          bezelMm: { top: 1, right: 2, bottom: 3, left: 4 },
          display: { edidName: 'SAMSUNG UH55F', serial: '0x01F3' },
          node: 'node-2',
        },
      ],
    };
    expect(value).toStrictEqual(expected);
  });

  it('loads the shipped wall.yaml', () => {
    const path = fileURLToPath(new URL('../../../wall.yaml', import.meta.url));
    const result = loadWall({ path: 'wall.yaml', bytes: new Uint8Array(readFileSync(path)) });
    expect(result.ok ? [] : result.diagnostics.map(formatDiagnostic)).toEqual([]);
    expect(result.ok && result.value.screens).toHaveLength(18);
  });
});

describe('loadWall: schema errors', () => {
  it('names an unknown field at its key, with a suggestion', () => {
    expect(errors(wall(TWO_SCREENS + '  - { id: c, cell: { col: 0, row: 0, colspan: 2 }, display: { connector: "DP-3" }, node: node-1 }\n'))).toEqual([
      'wall.yaml:20:38: error: screens[2].cell.colspan: unknown field "colspan" (did you mean "colSpan"?)',
    ]);
    expect(errors(wall(TWO_SCREENS, 'legibility: 200\n'))).toEqual([
      'wall.yaml:17:1: error: legibility: unknown field "legibility" (did you mean "legibilityRatio"?)',
    ]);
  });

  it('reports a wrong type, a wrong enum value and a missing field', () => {
    const text = wall(TWO_SCREENS).replace('columns: 2', 'columns: two').replace('  - id: node-1\n', '  - { id: node-1, windowMode: spam }\n');
    expect(errors(text.replace('defaultTheme: dark\n', ''))).toEqual([
      'wall.yaml:1:1: error: required field "defaultTheme" is missing',
      'wall.yaml:7:12: error: grid.columns: must be a whole number, not text "two"',
      'wall.yaml:14:31: error: nodes[0].windowMode: must be one of: span, per-display (got "spam"; did you mean "span"?)',
    ]);
  });

  it('reports every mistake of a file at once', () => {
    const text = wall(TWO_SCREENS)
      .replace('viewingDistanceM: 5', 'viewingDistanceM: -5')
      .replace('rows: 1', 'rows: 1\n  row: 1')
      .replace('{ id: a, cell: { col: 0, row: 0 }', '{ id: a, cell: { col: 0, row: 0 }, rotation: 45');
    expect(errors(text)).toEqual([
      'wall.yaml:4:19: error: viewingDistanceM: must be greater than 0 (got -5)',
      'wall.yaml:10:3: error: grid.row: unknown field "row" (did you mean "rows"?)',
      'wall.yaml:19:50: error: screens[0].rotation: must be one of: 0, 90, 180, 270 (got 45)',
    ]);
  });

  it('wants exactly one of cell and rect, and exactly one display selector', () => {
    const text = wall(`  - { id: a, display: { connector: "DP-1" }, node: node-1 }
  - { id: b, cell: { col: 1, row: 0 }, rect: { x: 0, y: 0, width: 9, height: 9 }, display: { connector: "DP-2", displayId: 2 }, node: node-1 }
  - { id: c, cell: { col: 0, row: 0 }, display: {}, node: node-1 }
`);
    expect(errors(text)).toEqual([
      'wall.yaml:18:5: error: screens[0]: needs one of "cell" or "rect"',
      'wall.yaml:19:40: error: screens[1].rect: has both "cell" and "rect": keep only one',
      'wall.yaml:19:92: error: screens[1].display: must name exactly one of: connector, edidName (with optional serial), serial, displayId, bounds',
      'wall.yaml:20:49: error: screens[2].display: must name exactly one of: connector, edidName (with optional serial), serial, displayId, bounds',
    ]);
  });

  it('explains text where a { vi, en } or a number is expected', () => {
    const text = wall(TWO_SCREENS).replace('title: Test', 'title: 5').replace('bezelMm: 1.75', 'bezelMm: thin');
    expect(errors(text)).toEqual([
      'wall.yaml:2:8: error: title: must be text, or { vi: "…", en: "…" }',
      'wall.yaml:13:14: error: grid.panel.bezelMm: must be a width in millimetres, or { top, right, bottom, left }',
    ]);
  });
});

describe('loadWall: rules beyond the schema', () => {
  it('reports duplicate screen and node ids at the repeat', () => {
    const text = wall(TWO_SCREENS.replace('id: b', 'id: a'), '').replace('  - id: node-1\n', '  - id: node-1\n  - id: node-1\n');
    expect(errors(text)).toEqual([
      'wall.yaml:16:9: error: nodes[1].id: duplicate node id "node-1" (first used by nodes[0] at line 15)',
      'wall.yaml:20:11: error: screens[1].id: duplicate screen id "a" (first used by screens[0] at line 19)',
    ]);
  });

  it('reports a screen whose node does not exist', () => {
    expect(errors(wall(TWO_SCREENS.replace('node: node-1 }\n  - { id: b', 'node: node-3 }\n  - { id: b')))).toEqual([
      'wall.yaml:18:78: error: screens[0].node: unknown node "node-3" (nodes: node-1, node-2)',
    ]);
    expect(errors(wall(TWO_SCREENS.replace('node: node-1 }\n  - { id: b', 'node: nod-1 }\n  - { id: b')))).toEqual([
      'wall.yaml:18:78: error: screens[0].node: unknown node "nod-1" (did you mean "node-1"?)',
    ]);
  });

  it('reports grid screens outside the grid, or spanning past it', () => {
    const text = wall(`  - { id: a, cell: { col: 2, row: 0 }, display: { connector: "DP-1" }, node: node-1 }
  - { id: b, cell: { col: 1, row: 0, colSpan: 2, rowSpan: 3 }, display: { connector: "DP-2" }, node: node-1 }
`);
    expect(errors(text)).toEqual([
      'wall.yaml:18:27: error: screens[0].cell.col: column 2 is outside the grid (columns 0 to 1)',
      'wall.yaml:19:47: error: screens[1].cell.colSpan: colSpan 2 from column 1 goes past the grid\'s 2 columns',
      'wall.yaml:19:59: error: screens[1].cell.rowSpan: rowSpan 3 from row 0 goes past the grid\'s 1 rows',
    ]);
  });

  it('reports overlapping screens, bezels included', () => {
    const text = wall(
      TWO_SCREENS +
        '  - { id: c, rect: { x: 3850, y: 0, width: 500, height: 500 }, display: { connector: "DP-3" }, node: node-1 }\n' +
        '  - { id: d, rect: { x: 3855, y: 600, width: 500, height: 500 }, display: { connector: "DP-4" }, node: node-1 }\n',
    );
    // The grid ends at 2 × 1926 = 3852; c's left bezel (3 px) starts at 3847, inside b.
    expect(errors(text)).toEqual([
      'wall.yaml:20:20: error: screens[2].rect: overlaps screen "b" (line 19): panels, bezels included, must not overlap',
    ]);
  });

  it('reports two screens of one node on the same display', () => {
    const text = wall(`  - { id: a, cell: { col: 0, row: 0 }, display: { connector: "DP-1" }, node: node-1 }
  - { id: b, cell: { col: 1, row: 0 }, display: { connector: "DP-1" }, node: node-1 }
  - { id: c, rect: { x: 0, y: 2000, width: 10, height: 10 }, display: { serial: "S1" }, node: node-2 }
  - { id: d, rect: { x: 0, y: 3000, width: 10, height: 10 }, display: { edidName: "X", serial: "S1" }, node: node-2 }
  - { id: e, rect: { x: 0, y: 4000, width: 10, height: 10 }, display: { connector: "DP-1" }, node: node-2 }
`);
    expect(errors(text)).toEqual([
      'wall.yaml:19:49: error: screens[1].display: same display as screen "a" (line 18) on node "node-1"',
      'wall.yaml:21:71: error: screens[3].display: same display as screen "c" (line 20) on node "node-2"',
    ]);
  });

  it('reports a duplicate display selector beside a schema error in the same screen (rotation: 45)', () => {
    const text = wall(TWO_SCREENS.replace('{ id: b, cell: { col: 1, row: 0 }, display: { connector: "DP-2" }',
      '{ id: b, cell: { col: 1, row: 0 }, rotation: 45, display: { connector: "DP-1" }'));
    expect(errors(text)).toEqual([
      'wall.yaml:19:50: error: screens[1].rotation: must be one of: 0, 90, 180, 270 (got 45)',
      'wall.yaml:19:63: error: screens[1].display: same display as screen "a" (line 18) on node "node-1"',
    ]);
  });

  it('skips only the rules that read a broken field: geometry waits for a valid rotation, ids and displays do not', () => {
    // b's rotation is broken: b is left out of the overlap check (its outline depends on rotation),
    // while its id, node and display are still checked; c overlaps a through a broken display.
    const text = wall(`  - { id: a, cell: { col: 0, row: 0 }, display: { connector: "DP-1" }, node: node-1 }
  - { id: a, cell: { col: 0, row: 0 }, rotation: 45, display: { connector: "DP-1" }, node: nod-1 }
  - { id: c, rect: { x: 10, y: 10, width: 10, height: 10 }, display: { connector: 7 }, node: node-1 }
`);
    expect(errors(text)).toEqual([
      'wall.yaml:19:11: error: screens[1].id: duplicate screen id "a" (first used by screens[0] at line 18)',
      'wall.yaml:19:50: error: screens[1].rotation: must be one of: 0, 90, 180, 270 (got 45)',
      'wall.yaml:19:92: error: screens[1].node: unknown node "nod-1" (did you mean "node-1"?)',
      'wall.yaml:20:20: error: screens[2].rect: overlaps screen "a" (line 18): panels, bezels included, must not overlap',
      'wall.yaml:20:83: error: screens[2].display.connector: must be text, not 7',
    ]);
  });

  it('reports an unknown time zone', () => {
    expect(errors(wall(TWO_SCREENS).replace('Asia/Ho_Chi_Minh', 'Asia/Hanoi'))).toEqual([
      'wall.yaml:3:11: error: timezone: unknown time zone "Asia/Hanoi" (use an IANA name such as "Asia/Ho_Chi_Minh")',
    ]);
  });

  it('runs these rules beside schema errors elsewhere in the file', () => {
    const text = wall(TWO_SCREENS.replace('id: b', 'id: a')).replace('columns: 2', 'columns: 0');
    expect(errors(text)).toEqual([
      'wall.yaml:8:12: error: grid.columns: must be at least 1 (got 0)',
      'wall.yaml:19:11: error: screens[1].id: duplicate screen id "a" (first used by screens[0] at line 18)',
    ]);
  });
});
