import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from './diagnostics.js';
import type { SourceFile } from './load-result.js';
import { loadProject, type ProjectResult } from './project.js';

const enc = new TextEncoder();
const file = (path: string, text: string): SourceFile => ({ path, bytes: enc.encode(text) });

/** 3 × 2 grid of 1920 × 1080 panels, 3 px bezels: cells of 1926 × 1086, the wall 5778 × 2172. */
const WALL = `id: test-wall
title: Test
timezone: Asia/Ho_Chi_Minh
viewingDistanceM: 5
defaultLayout: overview
defaultTheme: dark
grid:
  columns: 3
  rows: 2
  panel: { resolution: { width: 1920, height: 1080 }, activeMm: { width: 1209.6, height: 680.4 }, bezelMm: 1.75 }
nodes: [{ id: node-1 }, { id: node-2 }]
screens:
  - { id: r1c1, cell: { col: 0, row: 0 }, display: { connector: DP-1 }, node: node-1 }
  - { id: r1c2, cell: { col: 1, row: 0 }, display: { connector: DP-2 }, node: node-1 }
  - { id: r1c3, cell: { col: 2, row: 0 }, display: { connector: DP-3 }, node: node-1 }
  - { id: r2c1, cell: { col: 0, row: 1 }, display: { connector: DP-1 }, node: node-2 }
  - { id: r2c2, cell: { col: 1, row: 1 }, display: { connector: DP-2 }, node: node-2 }
  - { id: r2c3, cell: { col: 2, row: 1 }, display: { connector: DP-3 }, node: node-2 }
`;

function theme(id: string, extra = ''): string {
  return `id: ${id}
title: { vi: "Chủ đề", en: "Theme" }
font: { family: "Be Vietnam Pro", package: "@fontsource/be-vietnam-pro", weights: [400] }
colors: { background: "#000000", surface: "#111111", text: "#ffffff", textMuted: "#aaaaaa", accent: "#3fa7ff", bezel: "#000000", stale: "#666666" }
severity: { critical: "#ff0000", major: "#ff8000", minor: "#ffff00", warning: "#00ffff", info: "#ffffff" }
staleOpacity: 0.5
${extra}`;
}

/** A layout; its tiles start on line 6. */
function layout(id: string, head: string, tiles: string): string {
  return `id: ${id}
title: { vi: "Bố cục", en: "Layout" }
theme: dark
${head}
tiles:
${tiles}`;
}

const CLOCK = '  - { id: clock, widget: clock, cell: { col: 0, row: 0 } }\n';

function run(parts: { wall?: string; layouts?: [string, string][]; themes?: [string, string][] }): ProjectResult {
  return loadProject({
    ...(parts.wall === undefined ? {} : { wall: file('wall.yaml', parts.wall) }),
    layouts: (parts.layouts ?? [['layouts/overview.yaml', layout('overview', 'hotkey: F1', CLOCK)]]).map(([p, t]) => file(p, t)),
    themes: (parts.themes ?? [['themes/dark.yaml', theme('dark')]]).map(([p, t]) => file(p, t)),
  });
}

function messages(result: ProjectResult): string[] {
  return result.diagnostics.map(formatDiagnostic);
}

describe('loadProject', () => {
  it('loads a consistent project', () => {
    const result = run({ wall: WALL });
    expect(messages(result)).toEqual([]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.wall.screens).toHaveLength(6);
    expect(result.value.layouts.map((l) => l.id)).toEqual(['overview']);
    expect(result.value.themes.map((t) => t.id)).toEqual(['dark']);
    expect(result.warnings).toEqual([]);
  });

  it('reports unknown themes and layouts referenced by the wall and by layouts', () => {
    const result = run({
      wall: WALL.replace('defaultLayout: overview', 'defaultLayout: overveiw').replace('defaultTheme: dark', 'defaultTheme: light'),
      layouts: [['layouts/overview.yaml', layout('overview', '', CLOCK).replace('theme: dark', 'theme: drak')]],
    });
    expect(result.ok).toBe(false);
    expect(messages(result)).toEqual([
      'layouts/overview.yaml:3:8: error: theme: unknown theme "drak" (did you mean "dark"?)',
      'wall.yaml:5:16: error: defaultLayout: unknown layout "overveiw" (did you mean "overview"?)',
      'wall.yaml:6:15: error: defaultTheme: unknown theme "light" (themes: dark)',
    ]);
  });

  it('reports layout and theme ids and hotkeys used twice across files', () => {
    const result = run({
      wall: WALL,
      layouts: [
        ['layouts/a.yaml', layout('overview', 'hotkey: Ctrl+Shift+F2', CLOCK)],
        ['layouts/b.yaml', layout('overview', 'hotkey: Shift+Ctrl+F2', CLOCK)],
      ],
      themes: [
        ['themes/dark.yaml', theme('dark')],
        ['themes/dark-2.yaml', theme('dark')],
      ],
    });
    expect(messages(result)).toEqual([
      'layouts/b.yaml:1:5: error: id: layout id "overview" is already used by layouts/a.yaml:1:5',
      'layouts/b.yaml:4:9: error: hotkey: hotkey "Shift+Ctrl+F2" is already used by layout "overview" (layouts/a.yaml:4:9)',
      'themes/dark-2.yaml:1:5: error: id: theme id "dark" is already used by themes/dark.yaml:1:5',
    ]);
  });

  it('reports tiles outside the wall and spans that do not fit', () => {
    const tiles = `  - { id: a, widget: clock, cell: { col: 3, row: 0 } }
  - { id: b, widget: clock, cell: { col: 2, row: 1, colSpan: 2, rowSpan: 2 } }
  - { id: c, widget: clock, rect: { x: 5000, y: 2000, width: 1000, height: 100 } }
  - { id: d, widget: clock, rect: { x: 6000, y: 0, width: 10, height: 10 } }
`;
    const result = run({ wall: WALL, layouts: [['layouts/overview.yaml', layout('overview', '', tiles)]] });
    expect(messages(result)).toEqual([
      'layouts/overview.yaml:6:42: error: tiles[0].cell.col: column 3 is outside the wall (columns 0 to 2)',
      "layouts/overview.yaml:7:62: error: tiles[1].cell.colSpan: colSpan 2 from column 2 goes past the wall's 3 columns",
      "layouts/overview.yaml:7:74: error: tiles[1].cell.rowSpan: rowSpan 2 from row 1 goes past the wall's 2 rows",
      "layouts/overview.yaml:8:35: error: tiles[2].rect: extends past the wall's right edge (x + width = 6000, the wall ends at 5778)",
      'layouts/overview.yaml:9:35: error: tiles[3].rect: lies outside the wall (x 0 to 5778, y 0 to 2172)',
    ]);
  });

  it('reports tiles, wholly or in part, where no screen is mounted', () => {
    // r2c3 is not mounted; a free portrait screen stands right of the grid, with a gap between.
    const wall = WALL.replace(/  - \{ id: r2c3.*\n/, '') +
      '  - { id: side, rect: { x: 6000, y: 3, width: 1080, height: 1920 }, rotation: 90, display: { connector: DP-4 }, node: node-1 }\n';
    const tiles = `  - { id: a, widget: clock, cell: { col: 2, row: 1 } }
  - { id: b, widget: clock, cell: { col: 1, row: 1, colSpan: 2 } }
  - { id: c, widget: clock, rect: { x: 5800, y: 100, width: 100, height: 100 } }
  - { id: d, widget: clock, rect: { x: 6000, y: 3, width: 1080, height: 1920 } }
  - { id: e, widget: clock, cell: { col: 0, row: 0, colSpan: 3, rowSpan: 1 } }
`;
    const result = run({ wall, layouts: [['layouts/overview.yaml', layout('overview', '', tiles)]] });
    expect(messages(result)).toEqual([
      'layouts/overview.yaml:6:35: error: tiles[0].cell: tile "a" (wall px 1920×1080 at 3855,1089) lies where no screen is mounted: nothing of it would be shown',
      'layouts/overview.yaml:7:35: error: tiles[1].cell: tile "b" (wall px 3846×1080 at 1929,1089): 50 % of it lies where no screen is mounted and would be cut off (it is on screen r2c2 only)',
      'layouts/overview.yaml:8:35: error: tiles[2].rect: tile "c" (wall px 100×100 at 5800,100) lies where no screen is mounted: nothing of it would be shown',
    ]);
  });

  it("counts layout cells with the layout's subdivision", () => {
    const tiles = `  - { id: a, widget: clock, cell: { col: 5, row: 3 } }
  - { id: b, widget: clock, cell: { col: 6, row: 0 } }
  - { id: c, widget: clock, cell: { col: 4, row: 0, colSpan: 3 } }
`;
    const result = run({ wall: WALL, layouts: [['layouts/overview.yaml', layout('overview', 'subdivision: { columns: 2, rows: 2 }', tiles)]] });
    expect(messages(result)).toEqual([
      'layouts/overview.yaml:7:42: error: tiles[1].cell.col: column 6 is outside the layout grid (columns 0 to 5; subdivision 2 × 2 makes 6 × 4 layout cells)',
      "layouts/overview.yaml:8:62: error: tiles[2].cell.colSpan: colSpan 3 from column 4 goes past the layout grid's 6 columns (subdivision 2 × 2 makes 6 × 4 layout cells)",
    ]);
  });

  it('leaves a broken file out but still runs every other check, without cascades', () => {
    const brokenTheme = theme('dark').replace('staleOpacity: 0.5', 'staleOpacity: half');
    const brokenLayout = layout('traffic', 'hotkey: F1', `  - { id: a, widget: clock, cell: { col: 9, row: 0 } }
  - { id: b, widget: clock, cell: { col: 0, row: 0 }, z: top }
`);
    const result = run({
      wall: WALL,
      layouts: [
        ['layouts/overview.yaml', layout('overview', 'hotkey: F1', CLOCK)],
        ['layouts/traffic.yaml', brokenLayout],
      ],
      themes: [['themes/dark.yaml', brokenTheme]],
    });
    // No "unknown theme dark": the broken theme file still declares it.
    expect(messages(result)).toEqual([
      'layouts/traffic.yaml:4:9: error: hotkey: hotkey "F1" is already used by layout "overview" (layouts/overview.yaml:4:9)',
      'layouts/traffic.yaml:6:42: error: tiles[0].cell.col: column 9 is outside the wall (columns 0 to 2)',
      'layouts/traffic.yaml:7:58: error: tiles[1].z: must be a whole number, not text "top"',
      'themes/dark.yaml:6:15: error: staleOpacity: must be a number, not text "half"',
    ]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.partial.wall?.id).toBe('test-wall');
    expect(result.partial.layouts.map((l) => l.id)).toEqual(['overview']);
    expect(result.partial.themes).toEqual([]);
  });

  it("checks a tile's placement and topics beside a schema error in its other fields", () => {
    const tiles = `  - { id: a, widget: clock, cell: { col: 9, row: 0 }, props: { format: "hh" } }
  - { id: b, widget: kpi, rect: { x: 0, y: 0, width: 10, height: 10 }, z: top }
  - { id: 7, widget: clock, cell: { col: 0, row: 5 } }
`;
    const result = run({ wall: WALL, layouts: [['layouts/overview.yaml', layout('overview', '', tiles)]] });
    expect(messages(result)).toEqual([
      'layouts/overview.yaml:6:42: error: tiles[0].cell.col: column 9 is outside the wall (columns 0 to 2)',
      'layouts/overview.yaml:6:72: error: tiles[0].props.format: must be one of: HH:mm:ss, HH:mm (got "hh")',
      'layouts/overview.yaml:7:5: error: tiles[1].topics: a kpi tile needs at least one topic, e.g. topics: [traffic.flow.ca-mau]',
      'layouts/overview.yaml:7:75: error: tiles[1].z: must be a whole number, not text "top"',
      'layouts/overview.yaml:8:11: error: tiles[2].id: must be text, not 7',
      'layouts/overview.yaml:8:50: error: tiles[2].cell.row: row 5 is outside the wall (rows 0 to 1)',
    ]);
  });

  it('still places layouts on a wall whose errors leave its grid and screens sound', () => {
    const tiles = '  - { id: a, widget: clock, cell: { col: 3, row: 0 } }\n';
    const brokenWall = WALL.replace('nodes: [{ id: node-1 }', 'nodes: [{ id: node-1, windowMode: spam }').replace('connector: DP-2 }', 'connector: DP-1 }');
    const result = run({ wall: brokenWall, layouts: [['layouts/overview.yaml', layout('overview', '', tiles)]] });
    expect(messages(result)).toEqual([
      'layouts/overview.yaml:6:42: error: tiles[0].cell.col: column 3 is outside the wall (columns 0 to 2)',
      'wall.yaml:11:35: error: nodes[0].windowMode: must be one of: span, per-display (got "spam"; did you mean "span"?)',
      'wall.yaml:14:52: error: screens[1].display: same display as screen "r1c1" (line 13) on node "node-1"',
    ]);
    // A screen whose place is broken leaves the layouts unplaced rather than wrongly placed.
    const unplaced = run({ wall: brokenWall.replace('{ col: 2, row: 1 }', '{ col: 2, row: one }'), layouts: [['layouts/overview.yaml', layout('overview', '', tiles)]] });
    expect(messages(unplaced).filter((m) => m.startsWith('layouts/'))).toEqual([]);
  });

  it('checks layouts and themes alone when there is no wall file', () => {
    const result = run({ layouts: [['layouts/overview.yaml', layout('overview', '', CLOCK).replace('theme: dark', 'theme: nope')]] });
    expect(result.ok).toBe(false);
    expect(messages(result)).toEqual(['layouts/overview.yaml:3:8: error: theme: unknown theme "nope" (themes: dark)']);
  });

  it('passes lint warnings through, still ok', () => {
    const tiles = '  - { id: t, widget: text, cell: { col: 0, row: 0, colSpan: 2 }, props: { text: "x", fontSizePx: 20 } }\n';
    const result = run({ wall: WALL, layouts: [['layouts/overview.yaml', layout('overview', '', tiles)]] });
    expect(result.ok).toBe(true);
    expect(messages(result)).toEqual([
      'layouts/overview.yaml:6:34: warning: tiles[0].cell: a text tile crosses a bezel (it covers screens r1c1, r1c2): text behind the seam is hidden',
      'layouts/overview.yaml:6:98: warning: tiles[0].props.fontSizePx: text of fontSizePx 20 has capitals 9.3 mm high on the wall, under the 20 mm legible from 5 m (use fontSizePx 43 or more)',
    ]);
  });
});
