/**
 * How widgets meet the wall's legible minimum (../shared/DESIGN.md "Legibility is arithmetic"):
 * text is never drawn smaller than the minimum; when it does not fit, a widget shortens it, shows
 * fewer of its kind, or leaves it out. These are the pure decisions (a `measure` function stands
 * in for pixi), unit-tested in text-fit.test.ts.
 */
import type { Wall } from '../../core/wall/model.js';
import { legibleTextPx } from './chart/scales.js';

type LegibleWall = Pick<Wall, 'viewingDistanceM' | 'legibilityRatio' | 'grid'>;

/**
 * The font size a widget draws at: the size it wants (declared `fontSizePx`, or one it derived from
 * its tile), never under the wall's legible minimum. A layout declaring less gets the lint's
 * `text-too-small` warning and the minimum on the wall.
 */
export function legibleFont(wall: LegibleWall, wanted?: number): number {
  const min = legibleTextPx(wall);
  return wanted === undefined || !Number.isFinite(wanted) ? min : Math.max(min, Math.round(wanted));
}

/**
 * `full`, or its longest prefix (cut at a word when one is near, then "…") whose width fits
 * `room`; '' when not even one letter and the ellipsis fit. Binary search: a label is measured
 * about log2(length) times.
 */
export function ellipsize(full: string, room: number, measure: (text: string) => number): string {
  if (measure(full) <= room) return full;
  const cut = (n: number): string => `${full.slice(0, n).trimEnd()}…`;
  let lo = 0;
  let hi = full.length - 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (measure(cut(mid)) <= room) lo = mid;
    else hi = mid - 1;
  }
  if (lo === 0) return '';
  // A cut within the last word's first letters reads worse than ending at the word before it.
  const space = full.lastIndexOf(' ', lo);
  const atWord = space > lo * 0.6 ? space : lo;
  return cut(atWord);
}

/**
 * Which of `count` evenly spaced labels to draw so that none touches the next: every k-th,
 * k the smallest step at which the widest label plus `gapPx` fits in k slots of `slotPx`.
 */
export function labelStep(count: number, slotPx: number, widestPx: number, gapPx: number): number {
  if (count <= 1 || slotPx <= 0) return 1;
  return Math.min(count, Math.max(1, Math.ceil((widestPx + gapPx) / slotPx)));
}

/**
 * `text` with each space between two digits made a no-break space (U+00A0, which pixi's word wrap
 * never breaks at), so a phone number such as "0290 3831 234" wraps as one word and never splits
 * across lines. It looks the same: a no-break space is as wide as a space.
 */
export function keepNumbersWhole(text: string): string {
  return text.replace(/(\d) (?=\d)/g, '$1\u00a0');
}

/**
 * Value-axis ticks thinned so that their labels, `lineHeightPx` tall, never touch: d3's tick count
 * is only a hint (it may return twice as many), so every k-th tick is kept, from the first (the
 * axis's low end, usually zero). `spacingPx` is the distance between two adjacent ticks on screen.
 */
export function thinTicks<T>(ticks: readonly T[], spacingPx: number, lineHeightPx: number, gapPx = 0): T[] {
  const k = labelStep(ticks.length, Math.abs(spacingPx), lineHeightPx, gapPx);
  return ticks.filter((_, i) => i % k === 0);
}
