/**
 * Where a KPI tile puts its parts (pure: unit-tested in kpi-layout.test.ts). Top: the title (one or
 * two lines) and the caption; bottom: one line with the change and the reference ("▲ 3 vụ · mục
 * tiêu 95%"); between them the value, as large as the band allows. A wide tile (a 1920 × 540 strip)
 * gives its right part to the trend: a sparkline of the recent history with the target drawn
 * across it, so the space reads as context rather than as a lone number.
 */
import type { Rect } from '../../core/wall/model.js';

export interface KpiLayoutInput {
  width: number;
  height: number;
  /** The wall's legible font size: every line of text is this tall at least. */
  fontPx: number;
  /** Height of one line of text at fontPx (measured). */
  lineH: number;
  /** Lines the title takes at the tile's width (0 without a title). */
  titleLines: number;
  hasCaption: boolean;
}

export interface KpiBoxes {
  pad: number;
  title: Rect | null;
  caption: Rect | null;
  value: Rect;
  trend: Rect | null;
  /** Zero height when the tile has no room for it. */
  footer: Rect;
}

/** A tile at least this many times wider than tall, and this many font sizes wide, shows the trend. */
export const WIDE_RATIO = 2.4;
export const WIDE_MIN_FONTS = 20;
/** Share of a wide tile's width given to the trend. */
export const TREND_SHARE = 0.45;

export function kpiLayout(i: KpiLayoutInput): KpiBoxes {
  const pad = Math.round(i.fontPx * 0.4);
  const inner = Math.max(1, i.width - pad * 2);
  let y = Math.round(pad * 0.5);
  // A tile too small for every part at the legible size drops the footer, then the title: the
  // value is what a KPI is for, and shrinking the others under the minimum is not an option.
  const showFooter = i.height >= i.lineH * 4 + pad * 2;
  const footer = showFooter
    ? { x: pad, y: i.height - pad * 0.5 - i.lineH, width: inner, height: i.lineH }
    : { x: pad, y: i.height - pad * 0.5, width: inner, height: 0 };
  // The value keeps at least two lines' height; a caption goes first, then a second title line.
  const valueMin = i.lineH * 2;
  let titleLines = i.height >= i.lineH * 2.5 + pad ? i.titleLines : 0;
  let hasCaption = i.hasCaption;
  const room = (): number => footer.y - y - titleLines * i.lineH - (hasCaption ? i.lineH : 0) - pad;
  if (room() < valueMin) hasCaption = false;
  if (room() < valueMin && titleLines > 1) titleLines = 1;
  const title = titleLines > 0 ? { x: pad, y, width: inner, height: titleLines * i.lineH } : null;
  if (title) y += title.height;
  const caption = hasCaption ? { x: pad, y, width: inner, height: i.lineH } : null;
  if (caption) y += caption.height;
  y += pad * 0.5;
  const band = { x: pad, y, width: inner, height: Math.max(1, footer.y - y - pad * 0.5) };
  const wide = i.width >= i.height * WIDE_RATIO && i.width >= i.fontPx * WIDE_MIN_FONTS;
  if (!wide) return { pad, title, caption, value: band, trend: null, footer };
  const trendW = Math.round(band.width * TREND_SHARE);
  const value = { ...band, width: band.width - trendW - pad * 2 };
  const trend = { x: band.x + band.width - trendW, y: band.y, width: trendW, height: band.height };
  return { pad, title, caption, value, trend, footer };
}

/** The recent samples as a polyline in `r`, scaled to their range and `reference` (the target) so both show. */
export function trendPoints(values: readonly number[], r: Rect, reference?: number): { points: [number, number][]; refY: number | null } {
  if (values.length < 2) return { points: [], refY: null };
  const all = reference === undefined ? values : [...values, reference];
  let lo = Math.min(...all);
  let hi = Math.max(...all);
  if (hi - lo < 1e-9) {
    lo -= 1;
    hi += 1;
  }
  const y = (v: number): number => r.y + r.height - ((v - lo) / (hi - lo)) * r.height;
  const step = r.width / (values.length - 1);
  return { points: values.map((v, k) => [r.x + k * step, y(v)]), refY: reference === undefined ? null : y(reference) };
}
