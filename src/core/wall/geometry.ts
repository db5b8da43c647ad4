/**
 * The wall's coordinate space. One wall pixel is one pixel of the grid panel as mounted; bezels
 * are part of the space, converted to whole wall pixels, so a picture crossing a bezel is hidden
 * behind it (as through a window frame) and never squeezed. Every number a renderer, shell or lint
 * needs about where things are on the wall comes from here, so they all agree to the pixel.
 */
import type { CellPlacement, Edges, Layout, Rect, Screen, Size, Tile, Wall } from './model.js';
import { affine, transformRect, type Affine } from './affine.js';
import { insetRect, intersectRect, outsetRect, unionRect } from './rect.js';

export {
  insetRect,
  intersectRect,
  isEmptyRect,
  offsetRect,
  outsetRect,
  rectContains,
  rectsEqual,
  unionRect,
  unionRects,
  type Point,
} from './rect.js';
export { affine, applyMatrix, invertMatrix, transformRect, type Affine } from './affine.js';

/**
 * Millimetres per wall pixel on each axis (the grid panel's pixel pitch). The legibility lint uses
 * it to turn a font size in wall px into a physical height.
 */
export function wallPitchMm(wall: Pick<Wall, 'grid'>): Size {
  const { resolution, activeMm } = wall.grid.panel;
  return { width: activeMm.width / resolution.width, height: activeMm.height / resolution.height };
}

/**
 * Millimetres → whole wall pixels along one axis. The ratio is snapped to 6 decimals before
 * rounding so that float noise cannot move an exact half (0.315 mm at 0.63 mm/px) to the wrong
 * side; halves round up (Math.round).
 */
function mmToWallPx(mm: number, activeMm: number, activePx: number): number {
  const px = (mm * activePx) / activeMm;
  return Math.round(Math.round(px * 1e6) / 1e6);
}

/**
 * A panel's bezels in whole wall pixels, each edge rounded on its own. Whole pixels keep every
 * screen edge on the pixel grid, so adjacent windows never blend a seam. Accepts a screen or the
 * grid panel itself (anything with `bezelMm`).
 */
export function bezelPx(wall: Wall, screen: Pick<Screen, 'bezelMm'>): Edges {
  const { resolution, activeMm } = wall.grid.panel;
  const h = (mm: number): number => mmToWallPx(mm, activeMm.width, resolution.width);
  const v = (mm: number): number => mmToWallPx(mm, activeMm.height, resolution.height);
  const b = screen.bezelMm;
  return { top: v(b.top), right: h(b.right), bottom: v(b.bottom), left: h(b.left) };
}

/** Outer size of one grid cell (default panel's lit area plus its bezels): the grid's stride. */
export function cellPitch(wall: Wall): Size {
  const { resolution } = wall.grid.panel;
  const b = bezelPx(wall, wall.grid.panel);
  return {
    width: resolution.width + b.left + b.right,
    height: resolution.height + b.top + b.bottom,
  };
}

/** The outer frame of a cell range of the wall grid, bezels included. */
export function cellSpanRect(wall: Wall, placement: CellPlacement): Rect {
  const pitch = cellPitch(wall);
  return {
    x: placement.col * pitch.width,
    y: placement.row * pitch.height,
    width: placement.colSpan * pitch.width,
    height: placement.rowSpan * pitch.height,
  };
}

/**
 * The lit area of one grid cell as the default panel would show it. Layout cells are cut from
 * this, so a layout means the same on every wall with the same grid panel, whatever is mounted.
 */
export function gridCellActiveRect(wall: Wall, col: number, row: number): Rect {
  const outer = cellSpanRect(wall, { col, row, colSpan: 1, rowSpan: 1 });
  return insetRect(outer, bezelPx(wall, wall.grid.panel));
}

/**
 * Where a screen's lit pixels are on the wall. A grid screen fills its cell span minus its OWN
 * bezels (a panel with thicker bezels shows less); a free screen's rect is its lit area as given.
 */
export function screenActiveRect(wall: Wall, screen: Screen): Rect {
  if (screen.cell) return insetRect(cellSpanRect(wall, screen.cell), bezelPx(wall, screen));
  if (screen.rect) return { ...screen.rect };
  throw new Error(`screen ${screen.id}: neither cell nor rect`);
}

/** The panel's physical footprint on the wall, bezels included (what must not overlap). */
export function screenOuterRect(wall: Wall, screen: Screen): Rect {
  return outsetRect(screenActiveRect(wall, screen), bezelPx(wall, screen));
}

/** Everything on the wall: the grid from the origin plus any free screens beyond it. */
export function wallBounds(wall: Wall): Rect {
  const grid: Rect = cellSpanRect(wall, {
    col: 0,
    row: 0,
    colSpan: wall.grid.columns,
    rowSpan: wall.grid.rows,
  });
  return wall.screens.reduce((acc, s) => unionRect(acc, screenOuterRect(wall, s)), grid);
}

/**
 * Left (or top) edge of layout cell `first` and right (or bottom) edge of layout cell `last` on
 * one axis. Inner edges are rounded from the cell's origin, so sub-cells tile their wall cell
 * exactly with no gap or overlap, and a span keeps the bezels between wall cells inside it.
 */
function subdividedSpan(
  first: number,
  last: number,
  parts: number,
  pitch: number,
  inset: number,
  size: number,
): { start: number; end: number } {
  const edge = (cell: number, k: number): number =>
    cell * pitch + inset + Math.round((k * size) / parts);
  const firstCell = Math.floor(first / parts);
  const lastCell = Math.floor(last / parts);
  return {
    start: edge(firstCell, first - firstCell * parts),
    end: edge(lastCell, last - lastCell * parts + 1),
  };
}

/**
 * A range of layout cells in wall px. Each grid cell's lit area is split into
 * subdivision.columns × rows parts; a span runs from its first part's left/top edge to its last
 * part's right/bottom edge, bezels between screens included (hidden, not squeezed).
 */
export function layoutCellRect(
  wall: Wall,
  subdivision: Layout['subdivision'],
  placement: CellPlacement,
): Rect {
  const pitch = cellPitch(wall);
  const bezel = bezelPx(wall, wall.grid.panel);
  const { resolution } = wall.grid.panel;
  const lastCol = placement.col + placement.colSpan - 1;
  const lastRow = placement.row + placement.rowSpan - 1;
  const h = subdividedSpan(
    placement.col,
    lastCol,
    subdivision.columns,
    pitch.width,
    bezel.left,
    resolution.width,
  );
  const v = subdividedSpan(
    placement.row,
    lastRow,
    subdivision.rows,
    pitch.height,
    bezel.top,
    resolution.height,
  );
  return { x: h.start, y: v.start, width: h.end - h.start, height: v.end - v.start };
}

/** A tile's rect in wall px, whichever way the layout placed it. */
export function tileRect(wall: Wall, layout: Pick<Layout, 'subdivision'>, tile: Tile): Rect {
  if (tile.cell) return layoutCellRect(wall, layout.subdivision, tile.cell);
  if (tile.rect) return { ...tile.rect };
  throw new Error(`tile ${tile.id}: neither cell nor rect`);
}

/** One screen's share of a wall rect. */
export interface ScreenCoverage {
  screen: Screen;
  /** The part of the rect on this screen's lit area, wall px. */
  clip: Rect;
  /** The same area in native framebuffer px (rotation and scale undone; may be fractional). */
  local: Rect;
}

/**
 * Which screens show part of a wall rect, and where on each. Used to cap a camera's variant to
 * the pixels it really gets and to lint tiles that cross a bezel. Ordered as `wall.screens`.
 */
export function tileCoverage(wall: Wall, rect: Rect): ScreenCoverage[] {
  const result: ScreenCoverage[] = [];
  for (const screen of wall.screens) {
    const clip = intersectRect(rect, screenActiveRect(wall, screen));
    if (!clip) continue;
    result.push({ screen, clip, local: transformRect(wallToScreenMatrix(wall, screen), clip) });
  }
  return result;
}

/**
 * Wall px → the display's native framebuffer px (the scan-out orientation before the mount's
 * rotation). Rotation is clockwise as mounted: at 90° the framebuffer's top-left pixel sits at the
 * active rect's top-right corner on the wall. Scale = native size / active size per axis, so a 4K
 * panel in a 1080p cell gets 2. A shell whose OS already rotates the desktop wants desktop px
 * instead (see window-plan.ts); this is for code that draws straight into the framebuffer.
 */
export function wallToScreenMatrix(wall: Wall, screen: Screen): Affine {
  const r = screenActiveRect(wall, screen);
  const quarter = screen.rotation === 90 || screen.rotation === 270;
  // Native px per wall px along the native x and y axes.
  const sx = screen.resolution.width / (quarter ? r.height : r.width);
  const sy = screen.resolution.height / (quarter ? r.width : r.height);
  const right = r.x + r.width;
  const bottom = r.y + r.height;
  switch (screen.rotation) {
    case 0: // u = (x - left)·sx, v = (y - top)·sy
      return affine(sx, 0, 0, sy, -r.x * sx, -r.y * sy);
    case 90: // native x runs down the wall, native y runs leftwards
      return affine(0, -sy, sx, 0, -r.y * sx, right * sy);
    case 180: // both axes reversed
      return affine(-sx, 0, 0, -sy, right * sx, bottom * sy);
    case 270: // native x runs up the wall, native y runs rightwards
      return affine(0, sy, -sx, 0, bottom * sx, -r.x * sy);
  }
}
