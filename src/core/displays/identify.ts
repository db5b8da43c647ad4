/**
 * The identify layout (`wallrun identify`, and Ctrl+Alt+I on a running wall): every screen shows in
 * large type its id, grid position, display selector and node, over a bezel alignment grid. The
 * grid's lines sit at regular wall-pixel intervals counted from the wall's origin, so they run on
 * across every bezel exactly as the wall geometry says: a panel hung a few millimetres off shows
 * as lines that break at its edges. A crosshair marks each screen's centre, and one in each corner
 * has arms that end on the panel's outermost lit pixels, so overscan shows as a cut arm.
 *
 * Generated, never read from a file: it uses the internal `alignment-grid` widget, which layout
 * files cannot name (the schema lists WIDGET_TYPES only).
 */
import type { Layout, Localized, Rect, Screen, Theme, Tile, Wall } from '../wall/model.js';
import { screenActiveRect, wallBounds } from '../wall/geometry.js';
import { describeSelector } from './display-replan.js';

export const IDENTIFY_LAYOUT_ID = 'wallrun:identify';
/** Jumps to the identify layout on a running wall, unless a layout of the project already uses it. */
export const IDENTIFY_HOTKEY = 'Ctrl+Alt+I';

/** Props of the internal `alignment-grid` widget (src/renderer/widgets/alignment-grid.ts). */
export interface AlignmentGridProps {
  /** Distance between grid lines, wall px; lines at every multiple of it from the wall's origin. */
  spacingPx: number;
  /** Width of grid lines and crosshair arms, wall px; a line at X covers [X, X + width). */
  lineWidthPx: number;
  /** Crosshair centres in wall px, each with the length of its arms. */
  crosshairs: Array<{ x: number; y: number; armPx: number }>;
}

export interface IdentifyOptions {
  /**
   * Device px per wall px the wall is shown at (1 on a wall, e.g. 0.25 in a PNG): lines are made
   * at least 2 device px wide and at least 24 device px apart, so they survive the scaling.
   */
  scale?: number;
  /** Theme id (default: the wall's default theme). */
  theme?: string;
  /** Keyboard accelerator (default none; withIdentifyLayout gives IDENTIFY_HOTKEY where free). */
  hotkey?: string;
}

/**
 * `col 2, row 1` (or the span, or the free rect), in the wall's two languages. Columns and rows count
 * from 0, as `cell: { col, row }` in wall.yaml does: the technician reads this and edits that, so the
 * numbers are the same (screen ids such as r1c1 are names and count as the labels on the frame do).
 */
export function gridPosition(wall: Wall, screen: Screen): { vi: string; en: string } {
  if (!screen.cell) {
    const r = screenActiveRect(wall, screen);
    const at = `${r.width}x${r.height}+${r.x}+${r.y}`;
    return { vi: `tự do ${at}`, en: `free ${at}` };
  }
  const c = screen.cell;
  const span = c.colSpan > 1 || c.rowSpan > 1 ? ` (${c.colSpan}x${c.rowSpan})` : '';
  return { vi: `cột ${c.col}, hàng ${c.row}${span}`, en: `col ${c.col}, row ${c.row}${span}` };
}

const BASE_SPACING_PX = 120;

function lineMetrics(scale: number): { spacingPx: number; lineWidthPx: number } {
  const lineWidthPx = Math.max(2, Math.ceil(2 / scale));
  let spacingPx = BASE_SPACING_PX;
  while (spacingPx * scale < 24) spacingPx *= 2;
  return { spacingPx, lineWidthPx };
}

function textTile(id: string, rect: Rect, text: Localized, fontSizePx: number): Tile {
  return {
    id,
    widget: 'text',
    rect,
    z: 2,
    topics: [],
    priority: 'normal',
    props: { text, fontSizePx: Math.max(8, Math.round(fontSizePx)), align: 'center' },
  };
}

/** Font size at which `chars` characters fit `width` (the bundled font averages ~0.6 em). */
const fitWidth = (width: number, chars: number, em = 0.62): number => width / (em * Math.max(1, chars));

/** The id and the details of one screen, above and below its centre crosshair. */
function screenTiles(wall: Wall, screen: Screen): Tile[] {
  const r = screenActiveRect(wall, screen);
  const band = (from: number, to: number): Rect => ({
    x: r.x,
    y: r.y + Math.round(r.height * from),
    width: r.width,
    height: Math.round(r.height * (to - from)),
  });
  const pos = gridPosition(wall, screen);
  const selector = describeSelector(screen.display);
  const node = `node ${screen.node}`;
  const detail = { vi: `${pos.vi}\n${selector}\n${node}`, en: `${pos.en}\n${selector}\n${node}` };
  const longest = Math.max(...[pos.vi, pos.en, selector, node].map((l) => l.length));
  return [
    textTile(`id-${screen.id}`, band(0.1, 0.42), screen.id, Math.min(r.height * 0.22, fitWidth(r.width * 0.9, screen.id.length))),
    textTile(`info-${screen.id}`, band(0.58, 0.9), detail, Math.min(r.height * 0.075, fitWidth(r.width * 0.92, longest, 0.56))),
  ];
}

/** Centre and four corner crosshairs of a screen; corner arms end on its outermost lit pixels. */
function crosshairs(wall: Wall, screen: Screen): AlignmentGridProps['crosshairs'] {
  const r = screenActiveRect(wall, screen);
  const armPx = Math.max(8, Math.round(Math.min(r.width, r.height) / 16));
  const right = r.x + r.width;
  const bottom = r.y + r.height;
  return [
    { x: r.x + Math.round(r.width / 2), y: r.y + Math.round(r.height / 2), armPx },
    { x: r.x + armPx, y: r.y + armPx, armPx },
    { x: right - armPx, y: r.y + armPx, armPx },
    { x: r.x + armPx, y: bottom - armPx, armPx },
    { x: right - armPx, y: bottom - armPx, armPx },
  ];
}

/** The identify layout of a wall (pure: same wall and options, same layout). */
export function identifyLayout(wall: Wall, options: IdentifyOptions = {}): Layout {
  const { spacingPx, lineWidthPx } = lineMetrics(options.scale ?? 1);
  const grid: AlignmentGridProps = { spacingPx, lineWidthPx, crosshairs: wall.screens.flatMap((s) => crosshairs(wall, s)) };
  const gridTile: Tile = {
    id: 'alignment-grid',
    widget: 'alignment-grid',
    rect: wallBounds(wall),
    z: 1,
    topics: [],
    priority: 'normal',
    props: { ...grid },
  };
  const layout: Layout = {
    file: '(generated by wallrun identify)',
    id: IDENTIFY_LAYOUT_ID,
    title: { vi: 'Nhận dạng màn hình', en: 'Identify screens' },
    theme: options.theme ?? wall.defaultTheme,
    subdivision: { columns: 1, rows: 1 },
    tiles: [gridTile, ...wall.screens.flatMap((s) => screenTiles(wall, s))],
    generated: true,
  };
  if (options.hotkey) layout.hotkey = options.hotkey;
  return layout;
}

const hotkeyKey = (h: string): string => h.toLowerCase().split('+').map((p) => p.trim()).sort().join('+');

/**
 * The layouts a wall page gets: the project's, plus the identify layout (unless already there) in
 * a theme the page has, on IDENTIFY_HOTKEY unless a project layout took that key.
 */
export function withIdentifyLayout(wall: Wall, layouts: readonly Layout[], themes: readonly Theme[], scale = 1): Layout[] {
  if (layouts.some((l) => l.id === IDENTIFY_LAYOUT_ID)) return [...layouts];
  const theme = themes.some((t) => t.id === wall.defaultTheme) ? wall.defaultTheme : (themes[0]?.id ?? wall.defaultTheme);
  const taken = layouts.some((l) => l.hotkey !== undefined && hotkeyKey(l.hotkey) === hotkeyKey(IDENTIFY_HOTKEY));
  return [...layouts, identifyLayout(wall, { scale, theme, ...(taken ? {} : { hotkey: IDENTIFY_HOTKEY }) })];
}
