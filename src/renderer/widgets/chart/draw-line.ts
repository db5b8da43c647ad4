/**
 * Line, area and sparkline charts: time on x (the last `windowS` seconds, and `forecastS` ahead
 * where a topic has a forecast), value on y, one series per topic. Threshold crossings split each line into runs stroked in severity colours.
 */
import { area, line, scaleLinear, scaleUtc } from 'd3';
import { tickLabel, timeTicks } from '../../../core/wall/time-ticks.js';
import type { Size } from '../../../core/wall/model.js';
import { type DrawEnv, labelStyle, levelColor, noDataText, seriesColor } from './env.js';
import { downsampleMinMax, maxPointsFor, tickFormatter, valueDomain, type Sample } from './scales.js';
import { formatValue } from '../../../core/wall/format.js';
import { levelOf, splitRuns, thresholdValues } from './thresholds.js';
import { thinTicks } from '../text-fit.js';
import type { Forecast } from '../../../core/protocol/forecasts.js';
import { drawForecasts, forecastAheadMs, forecastValues } from './draw-forecast.js';

export interface LineSeries {
  name: string;
  samples: readonly Sample[];
  /** The topic's forecast, drawn right of now (draw-forecast.ts). */
  forecast?: Forecast;
}

type XY = { x: number; y: number };
const lineGen = line<XY>((p) => p.x, (p) => p.y);
const areaGen = area<XY>((p) => p.x, (p) => p.y);

export function drawLineChart(env: DrawEnv, size: Size, series: readonly LineSeries[], nowMs: number): void {
  const { g, props, fontPx, labels } = env;
  const spark = props.kind === 'sparkline';
  const t1 = nowMs;
  const t0 = nowMs - props.windowS * 1000;
  const forecasts = series.map((s) => s.forecast);
  // With a forecast the time axis runs on past now (forecastS); without, it ends at now.
  const tEnd = t1 + forecastAheadMs(forecasts, props.forecastS ?? props.windowS / 3);
  const visible = series.map((s) => s.samples.filter((p) => p.t >= t0 && p.t <= t1));
  const values = [...visible.flatMap((s) => s.map((p) => p.v)), ...forecastValues(forecasts, t0, tEnd)];
  const thresholdLevels = thresholdValues(props.thresholds);
  const y = scaleLinear().domain(valueDomain(values, {
    ...(props.min !== undefined && { min: props.min }),
    ...(props.max !== undefined && { max: props.max }),
    include: thresholdLevels,
    zero: props.kind === 'area',
  }));
  if (props.min === undefined || props.max === undefined) y.nice();

  // Layout: legend/current values on top; y labels left; time labels below. A sparkline is just the line.
  const small = size.height < fontPx * 5 || size.width < fontPx * 8;
  const bare = spark || small;
  const pad = Math.round(fontPx * 0.4);
  const top = bare ? pad + (size.height >= fontPx * 2.5 ? Math.round(fontPx * 1.3) : 0) : Math.round(fontPx * 1.6);
  const bottom = size.height - (bare ? pad : Math.round(fontPx * 1.5));
  const plotH = Math.max(1, bottom - top);
  y.range([bottom, top]);
  const tickLineH = labels.measure('0', labelStyle(env)).height;
  const ticksHint = bare ? [] : y.ticks(Math.max(2, Math.floor(plotH / (fontPx * 2.2))));
  const yTicks = thinTicks(ticksHint, ticksHint.length > 1 ? y(ticksHint[1]!) - y(ticksHint[0]!) : plotH, tickLineH, pad / 2);
  const yFmt = tickFormatter(yTicks, env.lang);
  const tickStyle = labelStyle(env, { anchorX: 1, anchorY: 0.5 });
  const left = bare ? pad : Math.max(...yTicks.map((v) => labels.measure(yFmt(v), tickStyle).width), fontPx) + pad * 2;
  const right = size.width - pad;
  const x = scaleUtc().domain([t0, tEnd]).range([left, right]);

  // Grid and axis labels.
  const muted = env.theme.colors.textMuted;
  for (const v of yTicks) {
    g.moveTo(left, y(v)).lineTo(right, y(v));
    labels.place(yFmt(v), left - pad, y(v), tickStyle);
  }
  if (yTicks.length) g.stroke({ width: 1, color: muted, alpha: 0.25 });
  if (!bare) {
    // Ticks from the window shown (hours for a day, days for a month, months for a year), on round
    // times of the wall's zone, no more than fit side by side at the widest label of the unit.
    const timeStyle = labelStyle(env, { anchorX: 0.5, anchorY: 0 });
    const room = (label: string): number => Math.max(1, Math.floor((right - left) / (labels.measure(label, timeStyle).width + fontPx * 1.5)));
    let axis = timeTicks(t0, tEnd, env.timeZone, env.lang, Math.min(room('00:00'), room('00/00')));
    if (axis.unit === 'month') axis = timeTicks(t0, tEnd, env.timeZone, env.lang, room(tickLabel(tEnd, 'month', env.timeZone, env.lang)));
    // A label that would reach past the tile or touch the previous one is left out (the edges).
    let lastRight = -Infinity;
    axis.ticks.forEach((t, i) => {
      const px = x(t);
      const text = axis.labels[i]!;
      const w = labels.measure(text, timeStyle).width;
      if (px - w / 2 < Math.max(left - pad, lastRight + fontPx * 0.75) || px + w / 2 > size.width) return;
      labels.place(text, px, bottom + pad / 2, timeStyle);
      lastRight = px + w / 2;
    });
    g.moveTo(left, bottom).lineTo(right, bottom).stroke({ width: 2, color: muted, alpha: 0.6 });
  }

  // Threshold reference lines, thin, in their severity colours.
  const th = props.thresholds;
  if (th && !spark) {
    for (const level of ['warning', 'critical'] as const) {
      const v = th[level];
      if (v === undefined || y(v) < top || y(v) > bottom) continue;
      g.moveTo(left, y(v)).lineTo(right, y(v)).stroke({ width: 2, color: levelColor(env, level, 0), alpha: 0.7 });
    }
  }

  const maxPoints = maxPointsFor(right - left);
  visible.forEach((samples, i) => {
    const pts = downsampleMinMax(samples, t0, t1, maxPoints).map((p) => ({ x: x(p.t), v: p.v }));
    if (pts.length === 0) return;
    if (props.kind === 'area' && pts.length > 1) {
      const xy = pts.map((p) => ({ x: p.x, y: y(p.v) }));
      areaGen.y0(bottom).context(env.ctx2d)(xy);
      g.fill({ color: seriesColor(env, i), alpha: 0.22 });
    }
    if (pts.length === 1) {
      // One sample is a dot, not an invisible zero-length line.
      const p = pts[0]!;
      g.circle(p.x, y(p.v), env.lineWidth * 1.5).fill(levelColor(env, 'normal', i));
      return;
    }
    for (const run of splitRuns(pts, th, (v) => y(v))) {
      lineGen.context(env.ctx2d)(run.points);
      g.stroke({ width: env.lineWidth, color: levelColor(env, run.level, i), join: 'round', cap: 'round' });
    }
  });

  if (tEnd > t1) drawForecasts(env, forecasts, { x, y, now: t1, t0, t1: tEnd, top, bottom });
  drawLegend(env, size, series, visible, left, bare ? pad : 0);
  if (values.length === 0) {
    labels.place(noDataText(env.lang), (left + right) / 2, (top + bottom) / 2, labelStyle(env, { anchorX: 0.5, anchorY: 0.5 }));
  }
}

/** Series names with their latest values, right-aligned on the top row; the value is the headline. */
function drawLegend(env: DrawEnv, size: Size, series: readonly LineSeries[], visible: readonly Sample[][], left: number, y0: number): void {
  const { props, labels, fontPx } = env;
  if (size.height < fontPx * 2.5) return;
  let xRight = size.width - Math.round(fontPx * 0.4);
  for (let i = series.length - 1; i >= 0; i--) {
    const last = visible[i]?.[visible[i]!.length - 1];
    const name = series[i]!.name;
    const value = last ? formatValue(last.v, props.decimals, props.unit, env.lang) : '–';
    const level = last ? levelColor(env, levelOf(last.v, props.thresholds), i) : seriesColor(env, i);
    if (!last && !name) continue;
    const text = name ? `${name}  ${value}` : value;
    const style = labelStyle(env, { fill: level, fontWeight: '600', anchorX: 1, anchorY: 0 });
    const w = labels.measure(text, style).width;
    if (xRight - w < left) break;
    labels.place(text, xRight, y0, style);
    xRight -= w + fontPx;
  }
}
