/**
 * Ticks for a time axis, chosen from the window shown (docs/formats.md "Numbers and dates"):
 * minutes or hours for a day ("06:00 12:00 18:00"), days for a month ("01/12 08/12"), months for a
 * year ("01/2026 04/2026"). Ticks fall on round times in the wall's zone (local midnight, the 1st of
 * a month), and there are never more than the axis has room for, so labels never overlap.
 */
import { formatDayMonth, formatMonth, formatTime, zoneOffsetMs, zoneParts } from './format.js';
import type { Lang } from './vocabulary.js';

export type TickUnit = 'minute' | 'hour' | 'day' | 'month';

export interface TimeTicks {
  unit: TickUnit;
  /** How many units between ticks. */
  step: number;
  ticks: number[];
  labels: string[];
}

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const MONTH = 30.44 * DAY;

/** Steps tried in order, finest first; the first that fits `maxTicks` is used. */
const STEPS: readonly [TickUnit, number, number][] = [
  ['minute', 1, MINUTE], ['minute', 5, 5 * MINUTE], ['minute', 10, 10 * MINUTE], ['minute', 15, 15 * MINUTE], ['minute', 30, 30 * MINUTE],
  ['hour', 1, HOUR], ['hour', 2, 2 * HOUR], ['hour', 3, 3 * HOUR], ['hour', 6, 6 * HOUR], ['hour', 12, 12 * HOUR],
  ['day', 1, DAY], ['day', 2, 2 * DAY], ['day', 7, 7 * DAY], ['day', 14, 14 * DAY],
  ['month', 1, MONTH], ['month', 2, 2 * MONTH], ['month', 3, 3 * MONTH], ['month', 6, 6 * MONTH], ['month', 12, 12 * MONTH],
];

/** The label of a tick at `unit` resolution: a clock time, a day or a month. */
export function tickLabel(ms: number, unit: TickUnit, tz: string, lang: Lang): string {
  if (unit === 'minute' || unit === 'hour') return formatTime(ms, tz);
  if (unit === 'day') return formatDayMonth(ms, tz);
  return formatMonth(ms, tz, lang);
}

/**
 * At most `maxTicks` (≥ 1) ticks inside [t0, t1], at the finest step that fits. A window longer
 * than the coarsest step allows gets yearly ticks thinned to fit.
 */
export function timeTicks(t0: number, t1: number, tz: string, lang: Lang, maxTicks: number): TimeTicks {
  const max = Math.max(1, Math.floor(maxTicks));
  const span = Math.max(0, t1 - t0);
  let chosen = STEPS[STEPS.length - 1]!;
  let ticks: number[] = [];
  for (const s of STEPS) {
    // Cheap estimate first: only build the ticks of steps that may fit.
    if (span / s[2] > max + 1) continue;
    const t = ticksAt(t0, t1, tz, s[0], s[1]);
    if (t.length <= max) {
      chosen = s;
      ticks = t;
      break;
    }
  }
  if (ticks.length === 0) {
    ticks = ticksAt(t0, t1, tz, chosen[0], chosen[1]);
    const every = Math.ceil(ticks.length / max);
    ticks = ticks.filter((_, i) => i % every === 0);
  }
  const [unit, step] = chosen;
  return { unit, step, ticks, labels: ticks.map((t) => tickLabel(t, unit, tz, lang)) };
}

/** Every round time of `step` `unit`s in [t0, t1], round in zone `tz`. */
function ticksAt(t0: number, t1: number, tz: string, unit: TickUnit, step: number): number[] {
  const out: number[] = [];
  if (unit === 'month') {
    const p = zoneParts(t0, tz);
    let index = p.year * 12 + (p.month - 1);
    index = Math.ceil(index / step) * step;
    for (;; index += step) {
      const t = localToUtc(Math.floor(index / 12), index % 12, 1, tz);
      if (t < t0) continue;
      if (t > t1) break;
      out.push(t);
    }
    return out;
  }
  const size = unit === 'day' ? step * DAY : unit === 'hour' ? step * HOUR : step * MINUTE;
  // Round in local time: shift into the zone, floor to the step, shift back (re-reading the
  // offset at each tick so a daylight-saving change keeps ticks on local round times).
  const offset0 = zoneOffsetMs(t0, tz);
  let local = Math.ceil((t0 + offset0) / size) * size;
  for (let guard = 0; guard < 10_000; guard++, local += size) {
    const t = local - zoneOffsetMs(local - offset0, tz);
    // A local time the clocks skip (02:00 when daylight saving starts) has no tick.
    if (t + zoneOffsetMs(t, tz) !== local) continue;
    if (t < t0) continue;
    if (t > t1) break;
    out.push(t);
  }
  return out;
}

/** Midnight starting day `day` of month `month0` (0-based) of `year` in zone `tz`, as UTC ms. */
function localToUtc(year: number, month0: number, day: number, tz: string): number {
  const guess = Date.UTC(year, month0, day);
  return guess - zoneOffsetMs(guess - zoneOffsetMs(guess, tz), tz);
}
