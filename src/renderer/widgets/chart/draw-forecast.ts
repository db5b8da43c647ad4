/**
 * A line or area chart's forecast part (docs/protocol.md "Forecasts"): right of a "now" marker the
 * time axis runs on by `forecastS`; each series with a forecast gets its uncertainty band (lo..hi)
 * as a light fill in the series colour and its expected values as a dashed line, so it never reads
 * as measured data. A stale forecast (past its validity) is drawn muted and labelled "Dự báo cũ":
 * it is marked, never shown as current.
 */
import type { ScaleLinear, ScaleTime } from 'd3';
import { forecastAt, forecastStale, type Forecast, type ForecastPoint } from '../../../core/protocol/forecasts.js';
import { type DrawEnv, labelStyle, seriesColor } from './env.js';
import { LEVEL_SEVERITY } from './thresholds.js';

/** How far right of now the axis runs: the chart's `forecastS` when any series has a forecast, else 0. */
export function forecastAheadMs(forecasts: readonly (Forecast | undefined)[], forecastS: number): number {
  return forecasts.some((f) => f && f.points.length > 0) ? forecastS * 1000 : 0;
}

/** A forecast's points between t0 and t1, with the values at t0 and t1 themselves where it spans them. */
export function forecastWithin(f: Forecast, t0: number, t1: number): ForecastPoint[] {
  const inside = f.points.filter((p) => p.t > t0 && p.t < t1);
  const start = forecastAt(f.points, t0);
  const end = forecastAt(f.points, t1);
  return [...(start ? [start] : []), ...inside, ...(end ? [end] : [])];
}

/** Every value a forecast draws between t0 and t1 (band ends included), for the value axis. */
export function forecastValues(forecasts: readonly (Forecast | undefined)[], t0: number, t1: number): number[] {
  return forecasts.flatMap((f) => (f ? forecastWithin(f, t0, t1).flatMap((p) => [p.v, p.lo ?? p.v, p.hi ?? p.v]) : []));
}

/** A polyline as dashes of `dash` px with `gap` px between, the pattern running on across corners. */
export function dashes(points: readonly { x: number; y: number }[], dash: number, gap: number): [number, number, number, number][] {
  const out: [number, number, number, number][] = [];
  let on = true;
  let left = dash;
  for (let i = 1; i < points.length; i++) {
    let { x: ax, y: ay } = points[i - 1]!;
    const { x: bx, y: by } = points[i]!;
    let len = Math.hypot(bx - ax, by - ay);
    while (len > 0) {
      const step = Math.min(left, len);
      const k = step / len;
      const nx = ax + (bx - ax) * k;
      const ny = ay + (by - ay) * k;
      if (on) out.push([ax, ay, nx, ny]);
      ax = nx;
      ay = ny;
      len -= step;
      left -= step;
      if (left <= 1e-9) {
        on = !on;
        left = on ? dash : gap;
      }
    }
  }
  return out;
}

export interface ForecastArea {
  x: ScaleTime<number, number>;
  y: ScaleLinear<number, number>;
  now: number;
  t0: number;
  t1: number;
  top: number;
  bottom: number;
}

/** The "now" marker, then each series' band and dashed line, and "Dự báo" / "Dự báo cũ" beside now. */
export function drawForecasts(env: DrawEnv, forecasts: readonly (Forecast | undefined)[], a: ForecastArea): void {
  const { g, labels, fontPx, theme } = env;
  const muted = theme.colors.textMuted;
  const nowX = a.x(a.now);
  g.moveTo(nowX, a.top).lineTo(nowX, a.bottom).stroke({ width: 2, color: muted, alpha: 0.8 });
  let anyStale = false;
  forecasts.forEach((f, i) => {
    if (!f) return;
    const stale = forecastStale(f, a.now);
    anyStale ||= stale;
    const color = stale ? muted : seriesColor(env, i);
    const pts = forecastWithin(f, a.t0, a.t1);
    if (pts.length === 0) return;
    const banded = pts.filter((p) => p.lo !== undefined && p.hi !== undefined);
    if (banded.length > 1) {
      g.moveTo(a.x(banded[0]!.t), a.y(banded[0]!.hi!));
      for (const p of banded.slice(1)) g.lineTo(a.x(p.t), a.y(p.hi!));
      for (const p of [...banded].reverse()) g.lineTo(a.x(p.t), a.y(p.lo!));
      g.closePath().fill({ color, alpha: stale ? 0.1 : 0.2 });
    }
    const xy = pts.map((p) => ({ x: a.x(p.t), y: a.y(p.v) }));
    if (xy.length === 1) g.circle(xy[0]!.x, xy[0]!.y, env.lineWidth * 1.5).fill({ color, alpha: 0.9 });
    for (const [x0, y0, x1, y1] of dashes(xy, env.lineWidth * 3, env.lineWidth * 2.5)) g.moveTo(x0, y0).lineTo(x1, y1);
    g.stroke({ width: env.lineWidth, color, alpha: stale ? 0.6 : 1, cap: 'butt' });
  });
  const vi = env.lang === 'vi';
  const text = anyStale ? (vi ? 'Dự báo cũ' : 'Stale forecast') : vi ? 'Dự báo' : 'Forecast';
  const style = labelStyle(env, { anchorX: 0, anchorY: 1, ...(anyStale ? { fill: theme.severity[LEVEL_SEVERITY.warning] } : {}) });
  if (a.x(a.t1) - nowX > labels.measure(text, style).width + fontPx * 0.4) labels.place(text, nowX + fontPx * 0.3, a.bottom - fontPx * 0.2, style);
}
