/**
 * The areas ranked by value, beside the map: a province is rarely as wide as a two-screen tile, so
 * the width the map cannot use carries the same numbers as a list that reads from across the room
 * (short name, a bar as long as the value in the area's colour on the map, the value; highest
 * first), instead of staying empty. The map and the
 * list are placed as one group centred in the tile (rankingLayout, pure and unit-tested).
 */
import type { Graphics } from 'pixi.js';
import type { Rect } from '../../../core/wall/model.js';
import { formatValue } from '../../../core/wall/format.js';
import type { LabelStyle, TextPool } from '../chart/text-pool.js';
import { fitText } from './legend.js';

/** The list is drawn when the map leaves at least this many font sizes of width free. */
export const RANKING_MIN_FONTS = 10;
/** And takes at most this many. */
export const RANKING_MAX_FONTS = 30;

export interface RankingLayout {
  /** Where the map is fitted (its natural width at the body's height). */
  map: Rect;
  ranking: Rect | null;
}

/**
 * Places the map (natural width `mapWidth` at the body's height) and, when the spare width allows,
 * the ranking list at its right, the two centred together in `body`.
 */
export function rankingLayout(body: { width: number; height: number }, mapWidth: number, fontPx: number): RankingLayout {
  const gap = fontPx;
  const spare = body.width - mapWidth - gap;
  if (spare < fontPx * RANKING_MIN_FONTS) return { map: { x: 0, y: 0, width: body.width, height: body.height }, ranking: null };
  const width = Math.min(spare, fontPx * RANKING_MAX_FONTS);
  const left = Math.round((body.width - (mapWidth + gap + width)) / 2);
  return {
    map: { x: left, y: 0, width: mapWidth, height: body.height },
    ranking: { x: left + mapWidth + gap, y: 0, width, height: body.height },
  };
}

export interface RankedArea {
  name: string;
  value: number;
  color: string;
}

/** Highest first, then by name; areas without a value are left out. */
export function rankAreas(areas: readonly RankedArea[]): RankedArea[] {
  return [...areas].sort((a, b) => b.value - a.value || a.name.localeCompare(b.name, 'vi'));
}

/**
 * Rows of `lineH` from the top of `r`, as many as fit: name, a bar from 0 to the value (scaled to
 * `max`) in the area's fill on the map, and the value right-aligned.
 */
export function drawRanking(
  g: Graphics,
  labels: TextPool,
  areas: readonly RankedArea[],
  r: Rect,
  o: { fontPx: number; lineH: number; lang: 'vi' | 'en'; decimals: number; max: number; style: (s?: Partial<LabelStyle>) => LabelStyle },
): void {
  const rows = rankAreas(areas).slice(0, Math.floor(r.height / o.lineH));
  if (rows.length === 0) return;
  const barH = Math.round(o.fontPx * 0.7);
  const gap = Math.round(o.fontPx * 0.4);
  const nameStyle = o.style({ anchorY: 0.5, fontWeight: '600' });
  const valueStyle = o.style({ anchorX: 1, anchorY: 0.5, fontWeight: '600' });
  const values = rows.map((a) => formatValue(a.value, o.decimals, undefined, o.lang));
  const valueW = Math.max(...values.map((v) => labels.measure(v, valueStyle).width));
  const nameW = Math.min(r.width * 0.45, Math.max(...rows.map((a) => labels.measure(a.name, nameStyle).width)));
  const barX = r.x + nameW + gap;
  const barMax = r.x + r.width - valueW - gap - barX;
  for (const [i, a] of rows.entries()) {
    const mid = r.y + i * o.lineH + o.lineH / 2;
    const name = fitText(labels, a.name, nameStyle, nameW);
    if (name) labels.place(name, r.x, mid, nameStyle);
    if (barMax >= o.fontPx) {
      const len = Math.max(2, (Math.max(0, a.value) / Math.max(1e-9, o.max)) * barMax);
      g.rect(barX, mid - barH / 2, Math.min(barMax, len), barH).fill(a.color);
    }
    labels.place(values[i]!, r.x + r.width, mid, valueStyle);
  }
}
