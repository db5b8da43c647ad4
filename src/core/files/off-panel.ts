/**
 * Tiles where no panel is. The wall's bounds are a box around the grid and any free screens, so a
 * tile can lie inside them and still fall in a gap: a grid cell with no screen mounted, the space
 * between the grid and a free screen. There nothing is shown: the tile would be cut, or be invisible
 * altogether. A control room expects every tile of a layout on the glass, so both are errors.
 */
import type { Diagnostic } from './diagnostics.js';
import { intersectRect, screenOuterRect, tileRect } from '../wall/geometry.js';
import type { Layout, Rect, Tile, Wall } from '../wall/model.js';
import { diagnosticAt, type YamlFile } from './yaml-position.js';

const area = (r: Rect): number => r.width * r.height;

/** `1926×1086 at 3852,0`: how a wall rect reads in a message. */
export function describeRect(r: Rect): string {
  return `${r.width}×${r.height} at ${r.x},${r.y}`;
}

/**
 * Tiles (already inside the wall's bounds) whose rect is not wholly on panels, bezels counted as
 * panel (a tile across a seam is hidden behind the frame, which is expected). Panels never overlap
 * (checked in wall.yaml), so the covered area is the sum of the tile's overlap with each.
 */
export function tilesOffPanels(
  yaml: YamlFile,
  wall: Wall,
  subdivision: Layout['subdivision'],
  tiles: readonly { index: number; value: Tile }[],
): Diagnostic[] {
  const panels = wall.screens.map((screen) => ({ screen, outer: screenOuterRect(wall, screen) }));
  const out: Diagnostic[] = [];
  for (const { index, value: tile } of tiles) {
    const rect = tileRect(wall, { subdivision }, tile);
    if (area(rect) === 0) continue;
    const on = panels.flatMap(({ screen, outer }) => {
      const part = intersectRect(rect, outer);
      return part ? [{ id: screen.id, area: area(part) }] : [];
    });
    const covered = on.reduce((sum, p) => sum + p.area, 0);
    if (covered >= area(rect)) continue;
    // The id may be the broken part of a tile still checked for its place.
    const name = `${typeof tile.id === 'string' ? `tile "${tile.id}"` : 'this tile'} (wall px ${describeRect(rect)})`;
    const message =
      covered === 0
        ? `${name} lies where no screen is mounted: nothing of it would be shown`
        : `${name}: ${offShare(covered, area(rect))} of it lies where no screen is mounted and would be cut off ` +
          `(it is on screen${on.length === 1 ? '' : 's'} ${on.map((p) => p.id).join(', ')} only)`;
    out.push(diagnosticAt(yaml, ['tiles', index, tile.cell ? 'cell' : 'rect'], 'tile-off-panels', message));
  }
  return out;
}

/** The uncovered share as a whole percentage, never rounded to 0 % or 100 %. */
function offShare(covered: number, total: number): string {
  const percent = Math.round((100 * (total - covered)) / total);
  return `${Math.min(99, Math.max(1, percent))} %`;
}
