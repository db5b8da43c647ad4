/**
 * Threshold logic shared by every chart kind: which severity a value is in, and where a polyline
 * crosses a threshold so each run of a line can be stroked in its own colour.
 * Pure (no pixi), unit-tested in thresholds.test.ts.
 */
import type { Severity } from '../../../core/wall/model.js';

/** As the kpi widget's `thresholds`: levels and which side of them is bad. */
export interface Thresholds {
  warning?: number;
  critical?: number;
  direction: 'above' | 'below';
}

export type Level = 'critical' | 'warning' | 'normal';

/**
 * Which theme severity colours a threshold level. A `warning` threshold takes X.733 `minor`
 * (yellow), not X.733 `warning`: the themes make `warning` light blue, next to the blue accent
 * that normal series use, and a bar past its warning level must not look like one that is not.
 * Red/yellow is also the control-room convention for critical/warning limits.
 */
export const LEVEL_SEVERITY = { critical: 'critical', warning: 'minor' } as const satisfies Record<Exclude<Level, 'normal'>, Severity>;

export interface XY {
  x: number;
  y: number;
}

/** Reads `props.thresholds`; anything malformed means "no thresholds" rather than a crash. */
export function parseThresholds(raw: unknown): Thresholds | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const r = raw as Record<string, unknown>;
  const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
  const t: Thresholds = { direction: r.direction === 'below' ? 'below' : 'above' };
  const warning = num(r.warning);
  const critical = num(r.critical);
  if (warning !== undefined) t.warning = warning;
  if (critical !== undefined) t.critical = critical;
  return warning === undefined && critical === undefined ? undefined : t;
}

/** The level of one value. A value exactly on a threshold counts as past it (alarms err early). */
export function levelOf(value: number, t: Thresholds | undefined): Level {
  if (!t || !Number.isFinite(value)) return 'normal';
  const past = (limit: number | undefined): boolean =>
    limit !== undefined && (t.direction === 'above' ? value >= limit : value <= limit);
  if (past(t.critical)) return 'critical';
  if (past(t.warning)) return 'warning';
  return 'normal';
}

/** Threshold levels present, for domains and reference lines. */
export function thresholdValues(t: Thresholds | undefined): number[] {
  if (!t) return [];
  return [t.warning, t.critical].filter((v): v is number => v !== undefined);
}

export interface Run {
  level: Level;
  points: XY[];
}

/**
 * Splits a polyline (already in value space for y: `value(p)` gives the data value) into runs of
 * one level each. Where a segment crosses a threshold the crossing point is interpolated and shared
 * by both runs, so the coloured pieces join without gaps.
 *
 * `toY` maps a value to a screen y so crossings can be placed in screen space; x is interpolated
 * linearly, which matches a linear curve between samples.
 */
export function splitRuns(
  points: readonly { x: number; v: number }[],
  t: Thresholds | undefined,
  toY: (v: number) => number,
): Run[] {
  const runs: Run[] = [];
  if (points.length === 0) return runs;
  const levels = thresholdValues(t).sort((a, b) => a - b);
  const first = points[0]!;
  let run: Run = { level: levelOf(first.v, t), points: [{ x: first.x, y: toY(first.v) }] };
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    // Strict crossings between a and b, in the order the segment meets them.
    const crossings = levels.filter((l) => (a.v - l) * (b.v - l) < 0);
    if (b.v < a.v) crossings.reverse();
    for (const l of crossings) {
      const f = (l - a.v) / (b.v - a.v);
      const cross = { x: a.x + f * (b.x - a.x), y: toY(l) };
      run.points.push(cross);
      // The side just past the crossing decides the new run's level.
      const after = levelOf(l + (b.v > a.v ? 1e-9 : -1e-9) * Math.max(1, Math.abs(l)), t);
      if (after !== run.level) {
        runs.push(run);
        run = { level: after, points: [cross] };
      }
    }
    const pb = { x: b.x, y: toY(b.v) };
    run.points.push(pb);
    // A sample exactly on a threshold changes level without a strict crossing.
    const lb = levelOf(b.v, t);
    if (lb !== run.level) {
      runs.push(run);
      run = { level: lb, points: [pb] };
    }
  }
  runs.push(run);
  return runs.filter((r) => r.points.length > 1 || runs.length === 1);
}
