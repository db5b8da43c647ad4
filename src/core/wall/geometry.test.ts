import { describe, expect, it } from 'vitest';
import type { Screen, Tile, Wall } from './model.js';
import {
  applyMatrix,
  bezelPx,
  cellPitch,
  gridCellActiveRect,
  invertMatrix,
  layoutCellRect,
  screenActiveRect,
  screenOuterRect,
  tileCoverage,
  tileRect,
  wallBounds,
  wallPitchMm,
  wallToScreenMatrix,
} from './geometry.js';
import { makeWall, screenById } from '../../../test/support/wall-fixtures.js';

// Default fixture: 1920 × 1080 px over 1209.6 × 680.4 mm → 0.63 mm/px on both axes.
// Bezel 1.75 mm / 0.63 = 2.78 → 3 px per edge; cell pitch 1920 + 3 + 3 = 1926, 1080 + 6 = 1086.

function tile(partial: Partial<Tile>): Tile {
  return { id: 't', widget: 'text', z: 0, topics: [], priority: 'normal', props: {}, ...partial };
}

function freeScreen(partial: Partial<Screen> & Pick<Screen, 'id' | 'rect'>): Screen {
  return {
    resolution: { width: 1920, height: 1080 },
    rotation: 0,
    activeMm: { width: 1209.6, height: 680.4 },
    bezelMm: { top: 1.75, right: 1.75, bottom: 1.75, left: 1.75 },
    display: { connector: `HDMI-${partial.id}` },
    node: 'node-1',
    ...partial,
  };
}

/** Default wall plus two free screens right of the grid (which ends at x = 6 × 1926 = 11556). */
function mixedWall(): Wall {
  const wall = makeWall();
  // A 4K panel in a 1920 × 1080 wall-px area: 2 native px per wall px.
  wall.screens.push(
    freeScreen({
      id: 'side-4k',
      rect: { x: 11600, y: 3, width: 1920, height: 1080 },
      resolution: { width: 3840, height: 2160 },
    }),
  );
  // A landscape-mode panel mounted turned 90° clockwise: portrait on the wall, scale 1.
  wall.screens.push(
    freeScreen({
      id: 'side-portrait',
      rect: { x: 11600, y: 1200, width: 1080, height: 1920 },
      rotation: 90,
      activeMm: { width: 680.4, height: 1209.6 },
    }),
  );
  return wall;
}

describe('bezels and pitch', () => {
  it('derives the wall pitch from the grid panel', () => {
    const pitch = wallPitchMm(makeWall());
    expect(pitch.width).toBeCloseTo(0.63, 12);
    expect(pitch.height).toBeCloseTo(0.63, 12);
  });

  it('rounds each edge to the nearest whole wall pixel', () => {
    const wall = makeWall();
    expect(bezelPx(wall, wall.grid.panel)).toEqual({ top: 3, right: 3, bottom: 3, left: 3 });
    // 0.3/0.63 = 0.48 → 0; 0.32/0.63 = 0.51 → 1; 1.26/0.63 = 2 → 2; 5/0.63 = 7.94 → 8.
    const odd = { bezelMm: { top: 0.3, right: 0.32, bottom: 1.26, left: 5 } };
    expect(bezelPx(wall, odd)).toEqual({ top: 0, right: 1, bottom: 2, left: 8 });
  });

  it('rounds exact halves up despite float noise', () => {
    const wall = makeWall();
    // 0.315/0.63 = 0.5 → 1; 0.945/0.63 = 1.5 → 2; 4.095/0.63 = 6.5 → 7, although
    // 4.095 × 1080 / 680.4 evaluates to 6.499999999999999 in floating point.
    const halves = { bezelMm: { top: 4.095, right: 0.945, bottom: 0.315, left: 4.095 } };
    expect(bezelPx(wall, halves)).toEqual({ top: 7, right: 2, bottom: 1, left: 7 });
  });

  it('uses each axis its own pitch', () => {
    // Vertical pitch 540 mm / 1080 px = 0.5 mm/px: 1.75 mm → 3.5 → 4 px; horizontal stays 3 px.
    const wall = makeWall({ activeMm: { width: 1209.6, height: 540 } });
    expect(bezelPx(wall, wall.grid.panel)).toEqual({ top: 4, right: 3, bottom: 4, left: 3 });
    expect(cellPitch(wall)).toEqual({ width: 1926, height: 1088 });
  });

  it('gives the cell pitch as lit pixels plus bezels', () => {
    expect(cellPitch(makeWall())).toEqual({ width: 1926, height: 1086 });
  });
});

describe('grid cells and screens', () => {
  const wall = makeWall();

  it('places grid cells at multiples of the pitch, inset by the bezel', () => {
    expect(gridCellActiveRect(wall, 0, 0)).toEqual({ x: 3, y: 3, width: 1920, height: 1080 });
    // 5 × 1926 + 3 = 9633; 2 × 1086 + 3 = 2175.
    expect(gridCellActiveRect(wall, 5, 2)).toEqual({ x: 9633, y: 2175, width: 1920, height: 1080 });
  });

  it('gives a grid screen its cell inset by its own bezels', () => {
    const r1c2 = screenById(wall, 'r1c2');
    expect(screenActiveRect(wall, r1c2)).toEqual({ x: 1929, y: 3, width: 1920, height: 1080 });
    expect(screenOuterRect(wall, r1c2)).toEqual({ x: 1926, y: 0, width: 1926, height: 1086 });
  });

  it('shrinks a screen with thicker bezels inside the same cell', () => {
    const w = makeWall();
    const r2c3 = screenById(w, 'r2c3');
    r2c3.bezelMm = { top: 6.3, right: 6.3, bottom: 6.3, left: 6.3 }; // 6.3 / 0.63 = 10 px
    // Cell outer: x 2 × 1926 = 3852, y 1086, 1926 × 1086; minus 10 px per edge.
    expect(screenActiveRect(w, r2c3)).toEqual({ x: 3862, y: 1096, width: 1906, height: 1066 });
    expect(screenOuterRect(w, r2c3)).toEqual({ x: 3852, y: 1086, width: 1926, height: 1086 });
  });

  it('lets a large panel span several cells', () => {
    const w = makeWall({ columns: 2, rows: 2 });
    const big = { ...screenById(w, 'r1c1'), cell: { col: 0, row: 0, colSpan: 2, rowSpan: 2 } };
    w.screens = [big];
    // 2 × 1926 − 6 = 3846; 2 × 1086 − 6 = 2166.
    expect(screenActiveRect(w, big)).toEqual({ x: 3, y: 3, width: 3846, height: 2166 });
  });

  it('bounds the wall by the grid and any free screen beyond it', () => {
    // 6 × 1926 = 11556; 3 × 1086 = 3258.
    expect(wallBounds(wall)).toEqual({ x: 0, y: 0, width: 11556, height: 3258 });
    // side-4k outer right: 11600 + 1920 + 3 = 13523.
    // Portrait outer bottom: 1200 + 1920 + 3 = 3123, inside the grid's 3258.
    expect(wallBounds(mixedWall())).toEqual({ x: 0, y: 0, width: 13523, height: 3258 });
  });
});

describe('layout cells and tiles', () => {
  const wall = makeWall();
  const one = { columns: 1, rows: 1 };

  it('matches grid cells with no subdivision', () => {
    const rect = layoutCellRect(wall, one, { col: 5, row: 2, colSpan: 1, rowSpan: 1 });
    expect(rect).toEqual(gridCellActiveRect(wall, 5, 2));
  });

  it('splits a cell with rounded integer edges', () => {
    // 7 columns: edges round(k × 1920 / 7) = 0, 274, 549, 823, 1097, 1371, 1646, 1920.
    const sub = { columns: 7, rows: 2 };
    // Layout col 2 = wall col 0, part 2: x 3 + 549 = 552, width 823 − 549 = 274.
    // Layout row 1 = wall row 0, part 1: y 3 + 540 = 543, height 540.
    expect(layoutCellRect(wall, sub, { col: 2, row: 1, colSpan: 1, rowSpan: 1 })).toEqual({
      x: 552,
      y: 543,
      width: 274,
      height: 540,
    });
    // Layout col 8 = wall col 1, part 1: x 1929 + 274 = 2203, width 549 − 274 = 275.
    // Layout row 2 = wall row 1, part 0: y 1089.
    expect(layoutCellRect(wall, sub, { col: 8, row: 2, colSpan: 1, rowSpan: 1 })).toEqual({
      x: 2203,
      y: 1089,
      width: 275,
      height: 540,
    });
  });

  it('keeps the bezel inside a sub-cell span that crosses screens', () => {
    const sub = { columns: 7, rows: 2 };
    // Cols 6..7: from wall col 0 part 6 (x 3 + 1646 = 1649) to wall col 1 part 0 right
    // (1929 + 274 = 2203): 554 = 274 + 6 px of bezels + 274.
    expect(layoutCellRect(wall, sub, { col: 6, row: 0, colSpan: 2, rowSpan: 1 })).toEqual({
      x: 1649,
      y: 3,
      width: 554,
      height: 540,
    });
  });

  it('places a tile across two screens with the bezel hidden, not squeezed', () => {
    const cell = { col: 1, row: 0, colSpan: 2, rowSpan: 1 };
    const rect = tileRect(wall, { subdivision: one }, tile({ cell }));
    // From r1c2's left (1929) to r1c3's right (2 × 1926 + 3 + 1920 = 5775): 1920 + 6 + 1920.
    expect(rect).toEqual({ x: 1929, y: 3, width: 3846, height: 1080 });
    const cover = tileCoverage(wall, rect);
    expect(cover.map((c) => c.screen.id)).toEqual(['r1c2', 'r1c3']);
    expect(cover[0]!.clip).toEqual({ x: 1929, y: 3, width: 1920, height: 1080 });
    expect(cover[1]!.clip).toEqual({ x: 3855, y: 3, width: 1920, height: 1080 });
    expect(cover[1]!.local).toEqual({ x: 0, y: 0, width: 1920, height: 1080 });
  });

  it('places a 2 × 2 tile over four screens', () => {
    const cell = { col: 0, row: 0, colSpan: 2, rowSpan: 2 };
    const rect = tileRect(wall, { subdivision: one }, tile({ cell }));
    // Right 1926 + 3 + 1920 = 3849; bottom 1086 + 3 + 1080 = 2169.
    expect(rect).toEqual({ x: 3, y: 3, width: 3846, height: 2166 });
    const cover = tileCoverage(wall, rect);
    expect(cover.map((c) => c.screen.id)).toEqual(['r1c1', 'r1c2', 'r2c1', 'r2c2']);
    expect(cover[3]!.clip).toEqual({ x: 1929, y: 1089, width: 1920, height: 1080 });
    for (const c of cover) expect(c.local).toEqual({ x: 0, y: 0, width: 1920, height: 1080 });
  });

  it('clips a free tile to each screen it touches', () => {
    const rect = { x: 1000, y: 500, width: 2000, height: 1000 }; // to x 3000, y 1500
    expect(tileRect(wall, { subdivision: one }, tile({ rect }))).toEqual(rect);
    const cover = tileCoverage(wall, rect);
    expect(cover.map((c) => c.screen.id)).toEqual(['r1c1', 'r1c2', 'r2c1', 'r2c2']);
    // r1c1 lit to x 1923, y 1083.
    expect(cover[0]!.clip).toEqual({ x: 1000, y: 500, width: 923, height: 583 });
    expect(cover[0]!.local).toEqual({ x: 997, y: 497, width: 923, height: 583 });
    // r2c2 lit from x 1929, y 1089.
    expect(cover[3]!.clip).toEqual({ x: 1929, y: 1089, width: 1071, height: 411 });
    expect(cover[3]!.local).toEqual({ x: 0, y: 0, width: 1071, height: 411 });
  });

  it('ignores a screen the tile only touches', () => {
    // Ends exactly at r1c2's lit left edge (1929): r1c2 gets nothing.
    const cover = tileCoverage(wall, { x: 1000, y: 3, width: 929, height: 100 });
    expect(cover.map((c) => c.screen.id)).toEqual(['r1c1']);
  });
});

describe('mixed sizes and rotation', () => {
  const wall = mixedWall();

  it('scales a 4K panel shown at 1080p wall size', () => {
    const m = wallToScreenMatrix(wall, screenById(wall, 'side-4k'));
    // u = (x − 11600) × 2, v = (y − 3) × 2.
    expect(m).toEqual({ a: 2, b: 0, c: 0, d: 2, tx: -23200, ty: -6 });
    expect(applyMatrix(m, { x: 13520, y: 1083 })).toEqual({ x: 3840, y: 2160 });
  });

  it('clips a tile across the bezel gap and reports native pixels on each side', () => {
    const cover = tileCoverage(wall, { x: 11000, y: 3, width: 1000, height: 540 });
    expect(cover.map((c) => c.screen.id)).toEqual(['r1c6', 'side-4k']);
    // r1c6 lit to 9633 + 1920 = 11553: 553 wall px, at native x 11000 − 9633 = 1367.
    expect(cover[0]!.local).toEqual({ x: 1367, y: 0, width: 553, height: 540 });
    // side-4k from 11600 to 12000: 400 × 540 wall px = 800 × 1080 native.
    expect(cover[1]!.clip).toEqual({ x: 11600, y: 3, width: 400, height: 540 });
    expect(cover[1]!.local).toEqual({ x: 0, y: 0, width: 800, height: 1080 });
  });

  it('maps a 90° clockwise panel: native top-left at the wall top-right', () => {
    const m = wallToScreenMatrix(wall, screenById(wall, 'side-portrait'));
    // Lit area x 11600 … 12680, y 1200 … 3120. u = y − 1200, v = 12680 − x.
    expect(m).toEqual({ a: 0, b: -1, c: 1, d: 0, tx: -1200, ty: 12680 });
    expect(applyMatrix(m, { x: 12680, y: 1200 })).toEqual({ x: 0, y: 0 }); // top-right
    expect(applyMatrix(m, { x: 12680, y: 3120 })).toEqual({ x: 1920, y: 0 }); // bottom-right
    expect(applyMatrix(m, { x: 11600, y: 3120 })).toEqual({ x: 1920, y: 1080 }); // bottom-left
    expect(applyMatrix(m, { x: 11600, y: 1200 })).toEqual({ x: 0, y: 1080 }); // top-left
    expect(applyMatrix(invertMatrix(m), { x: 1920, y: 0 })).toEqual({ x: 12680, y: 3120 });
  });

  it('gives a tile its native rect on the rotated panel', () => {
    // Top-left 540 × 480 of the portrait: wall x 11600 … 12140, y 1200 … 1680
    // → u 0 … 480, v 12680 − 12140 = 540 … 1080.
    const cover = tileCoverage(wall, { x: 11600, y: 1200, width: 540, height: 480 });
    expect(cover.map((c) => c.screen.id)).toEqual(['side-portrait']);
    expect(cover[0]!.local).toEqual({ x: 0, y: 540, width: 480, height: 540 });
  });

  it('maps 180° and 270° panels, with scale', () => {
    const w = makeWall();
    const r3c1 = screenById(w, 'r3c1');
    r3c1.rotation = 180; // lit x 3 … 1923, y 2175 … 3255; native top-left at wall bottom-right
    expect(wallToScreenMatrix(w, r3c1)).toEqual({ a: -1, b: 0, c: 0, d: -1, tx: 1923, ty: 3255 });

    const turned = freeScreen({
      id: 'turned',
      rect: { x: 11600, y: 1200, width: 1080, height: 1920 },
      resolution: { width: 3840, height: 2160 },
      rotation: 270,
    });
    // 3840 native px over 1920 wall px: 2. u = (3120 − y) × 2, v = (x − 11600) × 2.
    const m = wallToScreenMatrix(w, turned);
    expect(m).toEqual({ a: 0, b: 2, c: -2, d: 0, tx: 6240, ty: -23200 });
    expect(applyMatrix(m, { x: 11600, y: 3120 })).toEqual({ x: 0, y: 0 }); // bottom-left
    expect(applyMatrix(m, { x: 11600, y: 1200 })).toEqual({ x: 3840, y: 0 }); // top-left
  });
});
