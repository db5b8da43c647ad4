/**
 * Rules a schema cannot express, each reported at the offending field: unique ids, references
 * between fields, screens on the grid and apart, tiles on the wall. They run on the parts of a
 * file that passed the schema, so a file's schema errors and these come back together.
 */
import type { Diagnostic } from './diagnostics.js';
import { intersectRect, rectContains, screenOuterRect, wallBounds } from '../wall/geometry.js';
import type { CellPlacement, Layout, Rect, Screen, Tile, Wall, WallGrid } from '../wall/model.js';
import { didYouMean } from './suggest.js';
import { tilesOffPanels } from './off-panel.js';
import { webTilesCrossingBezels } from './web-checks.js';
import { diagnosticAt, positionOf, type YamlFile } from './yaml-position.js';
import type { ParsedYaml } from './yaml-source.js';

/** A model object and its index in the file's list, for positions. */
export interface Indexed<T> {
  index: number;
  value: T;
}

type Raw = Record<string, unknown>;

function rawItems(data: unknown): Indexed<Raw>[] {
  if (!Array.isArray(data)) return [];
  return data.flatMap((value, index) =>
    value !== null && typeof value === 'object' && !Array.isArray(value) ? [{ index, value: value as Raw }] : [],
  );
}

function lineOf(yaml: YamlFile, path: (string | number)[]): number {
  return positionOf(yaml.doc, yaml.lineCounter, path).line;
}

/** Every repeat of an id in a list, at the repeat's `id`. */
export function duplicateIds(yaml: YamlFile, data: unknown, list: string, what: string): Diagnostic[] {
  const first = new Map<string, number>();
  const out: Diagnostic[] = [];
  for (const { index, value } of rawItems(data)) {
    if (typeof value.id !== 'string') continue;
    const earlier = first.get(value.id);
    if (earlier === undefined) {
      first.set(value.id, index);
      continue;
    }
    const line = lineOf(yaml, [list, earlier, 'id']);
    const message = `duplicate ${what} id "${value.id}" (first used by ${list}[${earlier}] at line ${line})`;
    out.push(diagnosticAt(yaml, [list, index, 'id'], 'duplicate-id', message));
  }
  return out;
}

function unknownNodes(yaml: ParsedYaml): Diagnostic[] {
  const ids = [...new Set(rawItems(yaml.data.nodes).flatMap(({ value }) => (typeof value.id === 'string' ? [value.id] : [])))];
  const out: Diagnostic[] = [];
  for (const { index, value } of rawItems(yaml.data.screens)) {
    if (typeof value.node !== 'string' || ids.includes(value.node)) continue;
    const hint = didYouMean(value.node, ids) || (ids.length > 0 ? ` (nodes: ${ids.join(', ')})` : '');
    const message = `unknown node "${value.node}"${hint}`;
    out.push(diagnosticAt(yaml, ['screens', index, 'node'], 'unknown-node', message));
  }
  return out;
}

function knownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function timezone(yaml: ParsedYaml): Diagnostic[] {
  const zone = yaml.data.timezone;
  if (typeof zone !== 'string' || zone === '' || knownTimeZone(zone)) return [];
  const message = `unknown time zone "${zone}" (use an IANA name such as "Asia/Ho_Chi_Minh")`;
  return [diagnosticAt(yaml, ['timezone'], 'unknown-timezone', message)];
}

/** Column/row ranges of a cell placement against a grid: one diagnostic per axis that does not fit. */
function cellFits(
  yaml: YamlFile,
  at: (string | number)[],
  cell: CellPlacement,
  columns: number,
  rows: number,
  codes: { outside: string; span: string },
  gridName: string,
  note = '',
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const axes = [
    { pos: cell.col, span: cell.colSpan, size: columns, posKey: 'col', spanKey: 'colSpan', noun: 'column', plural: 'columns' },
    { pos: cell.row, span: cell.rowSpan, size: rows, posKey: 'row', spanKey: 'rowSpan', noun: 'row', plural: 'rows' },
  ];
  for (const a of axes) {
    if (a.pos >= a.size) {
      const message = `${a.noun} ${a.pos} is outside the ${gridName} (${a.plural} 0 to ${a.size - 1}${note})`;
      out.push(diagnosticAt(yaml, [...at, a.posKey], codes.outside, message));
    } else if (a.pos + a.span > a.size) {
      const message = `${a.spanKey} ${a.span} from ${a.noun} ${a.pos} goes past the ${gridName}'s ${a.size} ${a.plural}${note ? ` (${note.slice(2)})` : ''}`;
      out.push(diagnosticAt(yaml, [...at, a.spanKey], codes.span, message));
    }
  }
  return out;
}

function sameDisplay(a: Screen['display'], b: Screen['display']): boolean {
  const serialA = 'serial' in a ? a.serial : undefined;
  const serialB = 'serial' in b ? b.serial : undefined;
  if (serialA !== undefined && serialA === serialB) return true;
  const key = (d: object) => JSON.stringify(Object.entries(d).sort(([x], [y]) => x.localeCompare(y)));
  return key(a) === key(b);
}

/** A screen as a message names it: by id, or by its place in the list while its id is broken. */
function screenName(s: Indexed<Screen>): string {
  return typeof s.value.id === 'string' ? `screen "${s.value.id}"` : `screens[${s.index}]`;
}

/** Screens of one node sharing a display selector: the shell could not tell which panel is which. */
function duplicateDisplays(yaml: YamlFile, screens: Indexed<Screen>[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  screens.forEach((s, k) => {
    const earlier = screens.slice(0, k).find((e) => e.value.node === s.value.node && sameDisplay(e.value.display, s.value.display));
    if (!earlier) return;
    const line = lineOf(yaml, ['screens', earlier.index]);
    const message = `same display as ${screenName(earlier)} (line ${line}) on node "${s.value.node}"`;
    out.push(diagnosticAt(yaml, ['screens', s.index, 'display'], 'duplicate-display', message));
  });
  return out;
}

/** A stand-in wall around a grid and some screens, for the geometry functions while the file is checked. */
export function geometryWall(file: string, grid: WallGrid, screens: Screen[]): Wall {
  return {
    file, id: '', title: '', grid, viewingDistanceM: 1, legibilityRatio: 1, timezone: 'UTC',
    defaultLayout: '', defaultTheme: '', nodes: [], screens,
  };
}

function screenGeometry(yaml: YamlFile, grid: WallGrid, screens: Indexed<Screen>[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const codes = { outside: 'screen-outside-grid', span: 'screen-outside-grid' };
  const fitting: { s: Indexed<Screen>; outer: Rect }[] = [];
  const wall = geometryWall(yaml.file, grid, []);
  for (const s of screens) {
    const cell = s.value.cell;
    const misfit = cell ? cellFits(yaml, ['screens', s.index, 'cell'], cell, grid.columns, grid.rows, codes, 'grid') : [];
    out.push(...misfit);
    if (misfit.length === 0) fitting.push({ s, outer: screenOuterRect(wall, s.value) });
  }
  fitting.forEach(({ s, outer }, k) => {
    const other = fitting.slice(0, k).find((e) => intersectRect(e.outer, outer) !== null);
    if (!other) return;
    const line = lineOf(yaml, ['screens', other.s.index]);
    const field = s.value.cell ? 'cell' : 'rect';
    const message = `overlaps ${screenName(other.s)} (line ${line}): panels, bezels included, must not overlap`;
    out.push(diagnosticAt(yaml, ['screens', s.index, field], 'screens-overlap', message));
  });
  return out;
}

/**
 * The wall file's own rules. `grid` is absent when it has schema errors (geometry is skipped then);
 * `placed` are the screens whose geometry passed the schema, `displayed` those whose node and display did.
 */
export function checkWallFile(
  yaml: ParsedYaml,
  grid: WallGrid | undefined,
  screens: { placed: Indexed<Screen>[]; displayed: Indexed<Screen>[] },
): Diagnostic[] {
  return [
    ...duplicateIds(yaml, yaml.data.nodes, 'nodes', 'node'),
    ...duplicateIds(yaml, yaml.data.screens, 'screens', 'screen'),
    ...unknownNodes(yaml),
    ...timezone(yaml),
    ...(grid ? screenGeometry(yaml, grid, screens.placed) : []),
    ...duplicateDisplays(yaml, screens.displayed),
  ];
}

const NEEDS_TOPICS = new Set<Tile['widget']>(['chart', 'kpi', 'map']);

/** A layout's own rules: unique tile ids; chart, kpi and map tiles name at least one topic. */
export function checkLayoutFile(yaml: ParsedYaml, tiles: Indexed<Tile>[]): Diagnostic[] {
  const out = duplicateIds(yaml, yaml.data.tiles, 'tiles', 'tile');
  for (const { index, value } of tiles) {
    if (!NEEDS_TOPICS.has(value.widget) || value.topics.length > 0) continue;
    const message = `a ${value.widget} tile needs at least one topic, e.g. topics: [traffic.flow.ca-mau]`;
    out.push(diagnosticAt(yaml, ['tiles', index, 'topics'], 'tile-without-topics', message));
  }
  return out;
}

function edgesPast(rect: Rect, bounds: Rect): string[] {
  const right = bounds.x + bounds.width;
  const bottom = bounds.y + bounds.height;
  const out: string[] = [];
  if (rect.x < bounds.x) out.push(`left edge (x = ${rect.x}, the wall starts at ${bounds.x})`);
  if (rect.y < bounds.y) out.push(`top edge (y = ${rect.y}, the wall starts at ${bounds.y})`);
  if (rect.x + rect.width > right) out.push(`right edge (x + width = ${rect.x + rect.width}, the wall ends at ${right})`);
  if (rect.y + rect.height > bottom) out.push(`bottom edge (y + height = ${rect.y + rect.height}, the wall ends at ${bottom})`);
  return out;
}

/**
 * Tiles against the wall: cell tiles inside the layout grid (wall grid × subdivision), rect tiles
 * inside the wall's bounds, the tiles inside wholly on panels (off-panel.ts), web tiles on one screen (web-checks.ts).
 */
export function checkLayoutOnWall(
  yaml: YamlFile,
  wall: Wall,
  subdivision: Layout['subdivision'],
  tiles: Indexed<Tile>[],
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const columns = wall.grid.columns * subdivision.columns;
  const rows = wall.grid.rows * subdivision.rows;
  const split = subdivision.columns > 1 || subdivision.rows > 1;
  const gridName = split ? 'layout grid' : 'wall';
  const note = split ? `; subdivision ${subdivision.columns} × ${subdivision.rows} makes ${columns} × ${rows} layout cells` : '';
  const bounds = wallBounds(wall);
  const codes = { outside: 'tile-outside-wall', span: 'tile-span-too-large' };
  const inside: Indexed<Tile>[] = [];
  for (const tile of tiles) {
    const { index, value } = tile;
    const before = out.length;
    if (value.cell) {
      out.push(...cellFits(yaml, ['tiles', index, 'cell'], value.cell, columns, rows, codes, gridName, note));
    } else if (value.rect && !rectContains(bounds, value.rect)) {
      const past = intersectRect(bounds, value.rect)
        ? `extends past the wall's ${edgesPast(value.rect, bounds).join(' and ')}`
        : `lies outside the wall (x ${bounds.x} to ${bounds.x + bounds.width}, y ${bounds.y} to ${bounds.y + bounds.height})`;
      out.push(diagnosticAt(yaml, ['tiles', index, 'rect'], 'tile-outside-wall', past));
    }
    if (out.length === before) inside.push(tile);
  }
  return [...out, ...tilesOffPanels(yaml, wall, subdivision, inside), ...webTilesCrossingBezels(yaml, wall, subdivision, inside)];
}
