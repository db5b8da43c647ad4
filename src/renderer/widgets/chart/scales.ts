/**
 * Pure numeric helpers for charts: value domains, history downsampling, wall-legible text
 * sizes and tick labels (numbers are formatted by core/wall/format.ts). No pixi here, so all of it is unit-tested in Node (scales.test.ts).
 */
import { precisionFixed } from 'd3';
import type { Wall } from '../../../core/wall/model.js';
import { formatNumber } from '../../../core/wall/format.js';
import { CAP_HEIGHT_RATIO, legibleMinimum } from '../../../core/wall/legibility.js';

export interface Sample {
  t: number;
  v: number;
}

/**
 * The y domain: explicit `min`/`max` win; otherwise the data extent, widened to include threshold
 * levels (operators judge a value by its distance to the alarm line, so the line must be on
 * screen) and zero when all values share a sign and zero is near (bars must start at zero).
 * A flat or empty series still gets a non-empty domain, so scales never divide by zero.
 */
export function valueDomain(
  values: readonly number[],
  opts: { min?: number; max?: number; include?: readonly number[]; zero?: boolean } = {},
): [number, number] {
  const all = [...values, ...(opts.include ?? [])].filter(Number.isFinite);
  let lo = opts.min ?? (all.length ? Math.min(...all) : 0);
  let hi = opts.max ?? (all.length ? Math.max(...all) : 1);
  if (opts.zero && opts.min === undefined) lo = Math.min(lo, 0);
  if (opts.zero && opts.max === undefined) hi = Math.max(hi, 0);
  if (hi < lo) [lo, hi] = [hi, lo];
  if (hi === lo) {
    const pad = Math.abs(hi) * 0.1 || 1;
    if (opts.min === undefined) lo -= pad;
    if (opts.max === undefined) hi += pad;
    if (hi === lo) hi = lo + pad;
  }
  return [lo, hi];
}

/**
 * Keeps at most `maxPoints` samples between t0 and t1 by keeping the minimum and the maximum of
 * each time bucket (in time order). Averaging would hide a short spike, and on an operations wall
 * the spike is the news. Input must be sorted by t; samples outside [t0, t1] are dropped.
 */
export function downsampleMinMax(samples: readonly Sample[], t0: number, t1: number, maxPoints: number): Sample[] {
  const inside = samples.filter((s) => s.t >= t0 && s.t <= t1 && Number.isFinite(s.v));
  if (inside.length <= maxPoints || maxPoints < 2) return maxPoints < 2 ? inside.slice(-Math.max(maxPoints, 0)) : inside;
  const buckets = Math.max(1, Math.floor(maxPoints / 2));
  const span = Math.max(t1 - t0, 1);
  const out: Sample[] = [];
  let i = 0;
  for (let b = 0; b < buckets && i < inside.length; b++) {
    const end = b === buckets - 1 ? Infinity : t0 + ((b + 1) * span) / buckets;
    let lo: Sample | undefined;
    let hi: Sample | undefined;
    for (; i < inside.length && inside[i]!.t < end; i++) {
      const s = inside[i]!;
      if (!lo || s.v < lo.v) lo = s;
      if (!hi || s.v > hi.v) hi = s;
    }
    if (!lo || !hi) continue;
    if (lo === hi) out.push(lo);
    else if (lo.t <= hi.t) out.push(lo, hi);
    else out.push(hi, lo);
  }
  return out;
}

/** Samples a plot `widthPx` wide may show: about one per 2 px, never fewer than 2. */
export function maxPointsFor(widthPx: number): number {
  return Math.max(2, Math.floor(widthPx / 2));
}

/**
 * Smallest font size in wall pixels whose capitals an operator reads at the wall's viewing
 * distance: the legible minimum is a character (capital) height, viewing distance /
 * legibilityRatio on the panel (core/wall/legibility.ts, the rule `wallrun check` applies to what
 * is drawn), and a capital is CAP_HEIGHT_RATIO of the font size. 5 m / 215 = 23.3 mm = 36.9 px at
 * 0.63 mm per pixel, so a 50 px font (ratio 250: 43 px).
 */
export function legibleTextPx(wall: Pick<Wall, 'viewingDistanceM' | 'legibilityRatio' | 'grid'>): number {
  // Rounded to 1/1000 px first so float noise cannot push an exact fit to the next pixel.
  return Math.ceil(Number((legibleMinimum(wall).capHeightPx / CAP_HEIGHT_RATIO).toFixed(3)));
}

/**
 * Axis tick labels in the wall's language (core/wall/format.ts), with just enough decimals for the
 * tick step.
 */
export function tickFormatter(ticks: readonly number[], lang: 'vi' | 'en'): (v: number) => string {
  const step = ticks.length > 1 ? Math.abs(ticks[1]! - ticks[0]!) : 1;
  const decimals = precisionFixed(step || 1);
  return (v) => formatNumber(v, decimals, lang);
}
