/**
 * The map legend: a stepped colour ramp between the domain ends, their values, the legend title
 * (props.label) and a "no data" swatch when some district has no value. Drawn into the map's
 * Graphics and label pool at the bottom of the tile.
 */
import type { Graphics } from 'pixi.js';
import type { Theme } from '../../../core/model.js';
import { formatValue } from '../chart/scales.js';
import type { LabelStyle, TextPool } from '../chart/text-pool.js';
import { toHex } from './colors.js';

const STEPS = 24;

export interface LegendSpec {
  x: number;
  y: number;
  width: number;
  fontPx: number;
  title: string;
  domain: [number, number];
  color: (v: number) => string;
  noData: boolean;
  noDataColor: string;
  lang: 'vi' | 'en';
  style: (o?: Partial<LabelStyle>) => LabelStyle;
}

/** Height the legend needs: its title row and the ramp row. */
export function legendHeight(fontPx: number): number {
  return Math.round(fontPx * 2.5);
}

/** Width the legend needs at most (title or ramp row), for deciding whether it fits beside the map. */
export function legendWidth(fontPx: number): number {
  return fontPx * 17;
}

/** Row 1: the title. Row 2: "lo ▭▭▭▭ hi  ■ no data". */
export function drawLegend(g: Graphics, labels: TextPool, theme: Theme, s: LegendSpec): void {
  const [lo, hi] = s.domain;
  const decimals = hi - lo < 10 ? 1 : 0;
  const rowY = s.y + (s.title ? Math.round(s.fontPx * 1.3) : 0);
  const rampH = Math.round(s.fontPx * 0.7);
  const midY = rowY + s.fontPx * 0.6;
  const gap = Math.round(s.fontPx * 0.3);
  if (s.title) labels.place(s.title, s.x, s.y, s.style({ fill: theme.colors.text }));
  const loLabel = labels.place(formatValue(lo, decimals, undefined, s.lang), s.x, midY, s.style({ anchorY: 0.5 }));
  const hiText = formatValue(hi, decimals, undefined, s.lang);
  const hiW = labels.measure(hiText, s.style()).width;
  const noDataText = s.lang === 'en' ? 'No data' : 'Không có số liệu';
  const noDataW = s.noData ? labels.measure(noDataText, s.style()).width + rampH + s.fontPx * 1.3 : 0;
  const rampX = s.x + loLabel.width + gap;
  const rampW = Math.max(s.fontPx * 2, Math.min(s.fontPx * 8, s.width - (rampX - s.x) - gap - hiW - noDataW));
  const step = rampW / STEPS;
  for (let i = 0; i < STEPS; i++) {
    g.rect(rampX + i * step, midY - rampH / 2, step + 0.5, rampH).fill(toHex(s.color(lo + ((i + 0.5) / STEPS) * (hi - lo))));
  }
  g.rect(rampX, midY - rampH / 2, rampW, rampH).stroke({ width: 1, color: theme.colors.textMuted, alpha: 0.6 });
  labels.place(hiText, rampX + rampW + gap, midY, s.style({ anchorY: 0.5 }));
  if (s.noData) {
    const nx = rampX + rampW + gap + hiW + s.fontPx;
    g.rect(nx, midY - rampH / 2, rampH, rampH).fill({ color: s.noDataColor, alpha: 0.25 }).stroke({ width: 1, color: theme.colors.textMuted, alpha: 0.6 });
    labels.place(noDataText, nx + rampH + gap, midY, s.style({ anchorY: 0.5 }));
  }
}
