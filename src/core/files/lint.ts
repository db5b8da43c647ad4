/**
 * Warnings about layouts that are valid but will look or run badly on this wall: text cut by a
 * bezel, text too small to read from the desks, more cameras on a PC than it can decode.
 * `wallrun validate --strict` turns them into failures.
 */
import type { Diagnostic } from './diagnostics.js';
import { CAP_HEIGHT_RATIO } from '../wall/legibility.js';
import { tileCoverage, tileRect, wallPitchMm } from '../wall/geometry.js';
import type { Layout, Tile, Wall } from '../wall/model.js';
import { diagnosticAt, type YamlFile } from './yaml-position.js';

/** Widgets whose text a bezel would cut. */
const BEZEL_SENSITIVE = new Set<Tile['widget']>(['text', 'kpi', 'clock']);
/** Widgets with a `fontSizePx` prop, and its default where the format gives one. */
const FONT_DEFAULTS: Partial<Record<Tile['widget'], number | undefined>> = {
  text: 48,
  kpi: undefined,
  clock: undefined,
  ticker: undefined,
  'alert-list': undefined,
};
/** Float noise must not turn an exact fit into a warning. */
const EPSILON = 1e-9;

function mm(value: number): string {
  return String(Number(value.toFixed(1)));
}

function warn(yaml: YamlFile, path: (string | number)[], code: string, message: string): Diagnostic {
  return diagnosticAt(yaml, path, code, message, { severity: 'warning' });
}

function placementField(tile: Tile): 'cell' | 'rect' {
  return tile.cell ? 'cell' : 'rect';
}

function bezelCrossings(yaml: YamlFile, wall: Wall, layout: Layout): Diagnostic[] {
  const out: Diagnostic[] = [];
  layout.tiles.forEach((tile, index) => {
    if (!BEZEL_SENSITIVE.has(tile.widget)) return;
    const screens = tileCoverage(wall, tileRect(wall, layout, tile)).map((c) => c.screen.id);
    if (screens.length < 2) return;
    const message = `a ${tile.widget} tile crosses a bezel (it covers screens ${screens.join(', ')}): text behind the seam is hidden`;
    out.push(warn(yaml, ['tiles', index, placementField(tile)], 'tile-crosses-bezel', message));
  });
  return out;
}

/**
 * A declared text size against viewing distance / ratio, measured as `wallrun check` measures what
 * is drawn: the height of a capital (fontSizePx × CAP_HEIGHT_RATIO) on the panel, in mm.
 */
function smallText(yaml: YamlFile, wall: Wall, layout: Layout): Diagnostic[] {
  const out: Diagnostic[] = [];
  const pitch = wallPitchMm(wall).height;
  const minMm = (wall.viewingDistanceM * 1000) / wall.legibilityRatio;
  const minPx = Math.ceil(minMm / (pitch * CAP_HEIGHT_RATIO) - EPSILON);
  layout.tiles.forEach((tile, index) => {
    if (!(tile.widget in FONT_DEFAULTS)) return;
    const given = tile.props.fontSizePx;
    const size = typeof given === 'number' ? given : FONT_DEFAULTS[tile.widget];
    if (size === undefined) return;
    const capMm = size * CAP_HEIGHT_RATIO * pitch;
    if (capMm >= minMm - EPSILON) return;
    const what = typeof given === 'number' ? `text of fontSizePx ${size}` : `text at the default fontSizePx ${size}`;
    const message =
      `${what} has capitals ${mm(capMm)} mm high on the wall, under the ${mm(minMm)} mm legible from ` +
      `${wall.viewingDistanceM} m (use fontSizePx ${minPx} or more)`;
    const at = typeof given === 'number' ? ['tiles', index, 'props', 'fontSizePx'] : ['tiles', index, 'props'];
    out.push(warn(yaml, at, 'text-too-small', message));
  });
  return out;
}

/** Camera tiles on each node's screens (a tile over two nodes counts for both, once per node). */
function decoderBudget(yaml: YamlFile, wall: Wall, layout: Layout): Diagnostic[] {
  const perNode = new Map<string, number[]>();
  layout.tiles.forEach((tile, index) => {
    if (tile.widget !== 'camera') return;
    const nodes = new Set(tileCoverage(wall, tileRect(wall, layout, tile)).map((c) => c.screen.node));
    for (const node of nodes) perNode.set(node, [...(perNode.get(node) ?? []), index]);
  });
  const out: Diagnostic[] = [];
  for (const node of wall.nodes) {
    const tiles = perNode.get(node.id) ?? [];
    if (tiles.length <= node.decoderBudget) continue;
    const first = tiles[node.decoderBudget] as number;
    const message =
      `node "${node.id}" would decode ${tiles.length} camera tiles in this layout, over its decoderBudget ` +
      `of ${node.decoderBudget} (this tile is number ${node.decoderBudget + 1} on its screens)`;
    out.push(warn(yaml, ['tiles', first], 'decoder-budget-exceeded', message));
  }
  return out;
}

/** All lint warnings for one valid layout on a valid wall, placed in the layout's file. */
export function lintLayout(yaml: YamlFile, wall: Wall, layout: Layout): Diagnostic[] {
  return [...bezelCrossings(yaml, wall, layout), ...smallText(yaml, wall, layout), ...decoderBudget(yaml, wall, layout)];
}
