/**
 * Small, valid walls built in code for unit tests, so a test states only what it changes.
 *
 * Default: the 6 × 3 wall of docs/formats.md: 1920 × 1080 panels, 1209.6 × 680.4 mm lit area
 * (0.63 mm per wall px on both axes), 1.75 mm bezels (→ 3 wall px per edge, so a cell is
 * 1926 × 1086 wall px). Screen ids are `r{row}c{col}` counted from 1 (`r1c1` top left).
 * Nodes: one per row (`node-1` drives row 1, …), each screen selected by connector
 * `DP-{col}`; with `nodes: 'single'` one node `node-1` drives all screens as `DP-1`…`DP-18`.
 *
 * The returned wall is a fresh plain object: tests may push extra screens or edit fields.
 */
import type { DetectedDisplay } from '../../src/core/displays/displays.js';
import type { Edges, Node, Rect, Screen, Size, Wall } from '../../src/core/wall/model.js';

export interface WallOptions {
  /** Grid columns (default 6). */
  columns?: number;
  /** Grid rows (default 3). */
  rows?: number;
  /** Grid panel resolution as mounted (default 1920 × 1080). */
  resolution?: Size;
  /** Grid panel lit area in mm (default 1209.6 × 680.4). */
  activeMm?: Size;
  /** Grid panel bezel in mm, one number for all edges or per edge (default 1.75). */
  bezelMm?: number | Edges;
  /** `per-row` (default): node-N drives row N; `single`: node-1 drives every screen. */
  nodes?: 'per-row' | 'single';
  /** Window mode of every node (default `span`). */
  windowMode?: Node['windowMode'];
}

function edges(b: number | Edges): Edges {
  return typeof b === 'number' ? { top: b, right: b, bottom: b, left: b } : { ...b };
}

/** A valid wall whose every grid cell holds one default panel (see the file comment). */
export function makeWall(options: WallOptions = {}): Wall {
  const columns = options.columns ?? 6;
  const rows = options.rows ?? 3;
  const resolution = options.resolution ?? { width: 1920, height: 1080 };
  const activeMm = options.activeMm ?? { width: 1209.6, height: 680.4 };
  const bezelMm = edges(options.bezelMm ?? 1.75);
  const single = options.nodes === 'single';
  const windowMode = options.windowMode ?? 'span';

  const nodeCount = single ? 1 : rows;
  const nodes: Node[] = Array.from({ length: nodeCount }, (_, i) => ({
    id: `node-${i + 1}`,
    decoderBudget: 8,
    windowMode,
  }));

  const screens: Screen[] = [];
  for (let row = 0; row < rows; row++) {
    for (let col = 0; col < columns; col++) {
      const port = single ? row * columns + col + 1 : col + 1;
      screens.push({
        id: `r${row + 1}c${col + 1}`,
        cell: { col, row, colSpan: 1, rowSpan: 1 },
        resolution: { ...resolution },
        rotation: 0,
        activeMm: { ...activeMm },
        bezelMm: { ...bezelMm },
        display: { connector: `DP-${port}` },
        node: single ? 'node-1' : `node-${row + 1}`,
      });
    }
  }

  return {
    file: 'test/wall.yaml',
    id: 'test-wall',
    title: { vi: 'Tường thử', en: 'Test wall' },
    grid: {
      columns,
      rows,
      panel: { resolution: { ...resolution }, activeMm: { ...activeMm }, bezelMm: { ...bezelMm } },
    },
    viewingDistanceM: 5,
    legibilityRatio: 250,
    timezone: 'Asia/Ho_Chi_Minh',
    defaultLayout: 'overview',
    defaultTheme: 'control-room-dark',
    nodes,
    screens,
  };
}

/** The screen with this id; throws so a typo in a test fails loudly rather than as undefined. */
export function screenById(wall: Wall, id: string): Screen {
  const screen = wall.screens.find((s) => s.id === id);
  if (!screen) throw new Error(`no screen ${id}`);
  return screen;
}

/** A detected display with connector `label`; unrotated at scale 1 unless `extra` says so. */
export function makeDisplay(
  id: number,
  label: string,
  bounds: Rect,
  extra: Partial<DetectedDisplay> = {},
): DetectedDisplay {
  return { id, label, bounds, rotation: 0, scaleFactor: 1, ...extra };
}
