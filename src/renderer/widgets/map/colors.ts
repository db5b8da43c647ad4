/**
 * The map's colour scale: from a dim tint of the tile surface through the theme accent to the
 * text colour, so higher values are brighter and draw the eye on a dark wall. It deliberately
 * avoids the severity reds and yellows: a district coloured by rainfall must not read as an alarm.
 * Pure (d3 only), unit-tested in colors.test.ts.
 */
import { interpolateLab, lab, piecewise, rgb, scaleSequential, type ScaleSequential } from 'd3';
import type { Theme } from '../../../core/wall/model.js';

export function colorScale(theme: Theme, domain: [number, number]): ScaleSequential<string> {
  const low = interpolateLab(theme.colors.surface, theme.colors.accent)(0.3);
  return scaleSequential(piecewise(interpolateLab, [low, theme.colors.accent, theme.colors.text])).domain(domain).clamp(true);
}

/** The value domain: props win, else the values' extent (never empty). */
export function mapDomain(values: Iterable<number>, min?: number, max?: number): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  lo = min ?? (Number.isFinite(lo) ? lo : 0);
  hi = max ?? (Number.isFinite(hi) ? hi : 1);
  if (hi <= lo) hi = lo + 1;
  return [lo, hi];
}

/** Text colour readable on a fill: dark on light fills, light on dark ones. */
export function labelColorOn(fill: string, theme: Theme): string {
  return lab(fill).l > 62 ? theme.colors.background : theme.colors.text;
}

/** `#rrggbb` of a d3 colour string (d3 interpolators return `rgb(r, g, b)`; pixi wants hex). */
export function toHex(color: string): string {
  return rgb(color).formatHex();
}
