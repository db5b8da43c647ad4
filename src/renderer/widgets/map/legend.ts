/**
 * The map legend: a stepped colour ramp between the domain ends, their values, the legend title
 * (props.label) and a "no data" swatch when some feature has no value. Drawn into the map's
 * Graphics and label pool at the bottom of the tile.
 *
 * Laid out from measured text, never from guessed proportions: Be Vietnam Pro's line box is about
 * 1.3 × the font size (room for Vietnamese diacritics), so a row sized as a fraction of the font
 * size put the labels' bottom past the tile in every shipped layout. Whatever does not fit the
 * width is left out (the "no data" entry first, then the ramp row) rather than drawn outside.
 */
import type { Graphics } from 'pixi.js';
import type { Theme } from '../../../core/wall/model.js';
import { formatValue } from '../../../core/wall/format.js';
import type { LabelStyle, TextPool } from '../chart/text-pool.js';
import { toHex } from './colors.js';

const STEPS = 24;

export interface LegendSpec {
  x: number;
  y: number;
  width: number;
  fontPx: number;
  /** Height of one text line (measured: `lineHeight`). */
  lineH: number;
  title: string;
  domain: [number, number];
  color: (v: number) => string;
  noData: boolean;
  noDataColor: string;
  lang: 'vi' | 'en';
  style: (o?: Partial<LabelStyle>) => LabelStyle;
}

/** The height of one line of label text in this style, as pixi lays it out. */
export function lineHeight(labels: TextPool, style: LabelStyle): number {
  return Math.ceil(labels.measure('Ẩg', style).height);
}

/** Height the legend needs: its title row (when it has a title) and the ramp row. */
export function legendHeight(lineH: number, hasTitle: boolean): number {
  return lineH * (hasTitle ? 2 : 1);
}

/** Width the legend needs at most (title or ramp row), for deciding whether it fits beside the map. */
export function legendWidth(fontPx: number): number {
  return fontPx * 17;
}

/** `text`, shortened with an ellipsis until it is at most `width` wide ('' when not even "x…" is). */
export function fitText(labels: TextPool, text: string, style: LabelStyle, width: number): string {
  if (labels.measure(text, style).width <= width) return text;
  for (let n = text.length - 1; n >= 1; n--) {
    const t = `${text.slice(0, n).trimEnd()}…`;
    if (labels.measure(t, style).width <= width) return t;
  }
  return '';
}

/** Row 1: the title. Row 2: "lo ▭▭▭▭ hi  ■ no data". Everything stays within x..x+width, y..y+legendHeight. */
export function drawLegend(g: Graphics, labels: TextPool, theme: Theme, s: LegendSpec): void {
  const [lo, hi] = s.domain;
  const decimals = hi - lo < 10 ? 1 : 0;
  const title = s.title ? fitText(labels, s.title, s.style(), s.width) : '';
  if (title) labels.place(title, s.x, s.y, s.style({ fill: theme.colors.text }));
  const rowY = s.y + (s.title ? s.lineH : 0);
  const midY = rowY + s.lineH / 2;
  const rampH = Math.round(s.fontPx * 0.7);
  const gap = Math.round(s.fontPx * 0.3);
  const loText = formatValue(lo, decimals, undefined, s.lang);
  const hiText = formatValue(hi, decimals, undefined, s.lang);
  const noDataText = s.lang === 'en' ? 'No data' : 'Không có số liệu';
  const loW = labels.measure(loText, s.style()).width;
  const hiW = labels.measure(hiText, s.style()).width;
  const noDataW = labels.measure(noDataText, s.style()).width + rampH + gap + s.fontPx;
  const minRamp = s.fontPx * 2;
  const fixed = loW + gap + gap + hiW;
  if (fixed + minRamp > s.width) return; // not even the ramp fits: the title alone
  const noData = s.noData && fixed + minRamp + noDataW <= s.width;
  const rampX = s.x + loW + gap;
  const rampW = Math.min(s.fontPx * 8, s.width - fixed - (noData ? noDataW : 0));
  labels.place(loText, s.x, midY, s.style({ anchorY: 0.5 }));
  const step = rampW / STEPS;
  for (let i = 0; i < STEPS; i++) {
    // The last step's 0.5 px overlap (against seams) stays inside the ramp.
    g.rect(rampX + i * step, midY - rampH / 2, Math.min(step + 0.5, rampX + rampW - (rampX + i * step)), rampH)
      .fill(toHex(s.color(lo + ((i + 0.5) / STEPS) * (hi - lo))));
  }
  g.rect(rampX, midY - rampH / 2, rampW, rampH).stroke({ width: 1, color: theme.colors.textMuted, alpha: 0.6, alignment: 1 });
  labels.place(hiText, rampX + rampW + gap, midY, s.style({ anchorY: 0.5 }));
  if (noData) {
    const nx = rampX + rampW + gap + hiW + s.fontPx;
    g.rect(nx, midY - rampH / 2, rampH, rampH)
      .fill({ color: s.noDataColor, alpha: 0.25 })
      .stroke({ width: 1, color: theme.colors.textMuted, alpha: 0.6, alignment: 1 });
    labels.place(noDataText, nx + rampH + gap, midY, s.style({ anchorY: 0.5 }));
  }
}
