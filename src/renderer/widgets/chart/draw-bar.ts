/**
 * Bar charts of the latest values: categories on x (object keys of a topic value, or one bar per
 * topic), grouped when several topics give the same categories. Bars past a threshold take the
 * severity colour, so the one station over its limit stands out across the room.
 */
import { scaleBand, scaleLinear } from 'd3';
import type { Size } from '../../../core/wall/model.js';
import { type DrawEnv, labelStyle, levelColor, noDataText, seriesColor } from './env.js';
import { tickFormatter, valueDomain } from './scales.js';
import { ellipsize, labelStep, thinTicks } from '../text-fit.js';
import { formatValue } from '../../../core/wall/format.js';
import type { BarGroup } from './series.js';
import { levelOf, thresholdValues } from './thresholds.js';

export function drawBarChart(env: DrawEnv, size: Size, groups: readonly BarGroup[], names: readonly string[]): void {
  const { g, props, fontPx, labels } = env;
  const pad = Math.round(fontPx * 0.4);
  const values = groups.flatMap((gr) => gr.values).filter(Number.isFinite);
  const y = scaleLinear().domain(valueDomain(values, {
    ...(props.min !== undefined && { min: props.min }),
    ...(props.max !== undefined && { max: props.max }),
    include: thresholdValues(props.thresholds),
    zero: true,
  }));
  if (props.min === undefined || props.max === undefined) y.nice();

  const perGroup = Math.max(1, ...groups.map((gr) => gr.values.length));
  const legendRow = perGroup > 1 && names.some(Boolean);
  // Top to bottom: the legend or unit row, room for the value over the tallest bar, the bars, the
  // category row. Every row is a label's line box high, so no label reaches into another.
  const lineH = Math.ceil(labels.measure('Ág', labelStyle(env)).height);
  const topRow = legendRow || props.unit ? lineH : 0;
  const top = topRow + lineH + pad;
  const bottom = size.height - lineH - pad;
  y.range([bottom, top]);
  const ticksHint = y.ticks(Math.max(2, Math.floor((bottom - top) / (fontPx * 2.2))));
  const yTicks = thinTicks(ticksHint, ticksHint.length > 1 ? y(ticksHint[1]!) - y(ticksHint[0]!) : bottom - top, lineH, pad / 2);
  const yFmt = tickFormatter(yTicks, env.lang);
  const tickStyle = labelStyle(env, { anchorX: 1, anchorY: 0.5 });
  const left = Math.max(...yTicks.map((v) => labels.measure(yFmt(v), tickStyle).width), fontPx) + pad * 2;
  const right = size.width - pad;

  const muted = env.theme.colors.textMuted;
  for (const v of yTicks) {
    g.moveTo(left, y(v)).lineTo(right, y(v));
    labels.place(yFmt(v), left - pad, y(v), tickStyle);
  }
  g.stroke({ width: 1, color: muted, alpha: 0.25 });

  const x = scaleBand<string>().domain(groups.map((gr) => gr.category)).range([left, right]).paddingInner(0.25).paddingOuter(0.1);
  const inner = scaleBand<number>().domain([...Array(perGroup).keys()]).range([0, x.bandwidth()]).padding(0.08);
  const y0 = y(Math.max(y.domain()[0]!, Math.min(0, y.domain()[1]!)));

  // One fill per colour: rects of the same colour share a fill instruction (fewer draw batches).
  const byColor = new Map<string, { x: number; y: number; w: number; h: number }[]>();
  const valueStyle = labelStyle(env, { fill: env.theme.colors.text, fontWeight: '600', anchorX: 0.5, anchorY: 1 });
  for (const gr of groups) {
    gr.values.forEach((v, i) => {
      if (!Number.isFinite(v)) return;
      const color = levelColor(env, levelOf(v, props.thresholds), i);
      const bx = x(gr.category)! + inner(i)!;
      const vy = y(Math.max(y.domain()[0]!, Math.min(v, y.domain()[1]!)));
      const rect = { x: bx, y: Math.min(vy, y0), w: inner.bandwidth(), h: Math.max(1, Math.abs(y0 - vy)) };
      (byColor.get(color) ?? byColor.set(color, []).get(color)!).push(rect);
      const text = formatValue(v, props.decimals, undefined, env.lang);
      if (labels.measure(text, valueStyle).width <= inner.bandwidth() + pad && Math.min(vy, y0) - pad / 2 - lineH >= topRow) {
        labels.place(text, bx + inner.bandwidth() / 2, Math.min(vy, y0) - pad / 2, valueStyle);
      }
    });
  }
  for (const [color, rects] of byColor) {
    for (const r of rects) g.rect(r.x, r.y, r.w, r.h);
    g.fill(color);
  }
  g.moveTo(left, y0).lineTo(right, y0).stroke({ width: 2, color: muted, alpha: 0.6 });

  // Thresholds as reference lines over the bars.
  for (const level of ['warning', 'critical'] as const) {
    const v = props.thresholds?.[level];
    if (v === undefined || y(v) < top || y(v) > bottom) continue;
    g.moveTo(left, y(v)).lineTo(right, y(v)).stroke({ width: 2, color: levelColor(env, level, 0), alpha: 0.7 });
  }

  // Category labels: shortened to their band (not under four letters' room), every k-th one when
  // they would still touch, and kept inside the tile and clear of the value axis.
  const catStyle = labelStyle(env, { anchorX: 0.5, anchorY: 0 });
  const gap = fontPx * 0.5;
  const room = Math.max(x.step() - gap, fontPx * 4);
  const cats = groups.map((gr) => ellipsize(gr.category, room, (t) => labels.measure(t, catStyle).width) || gr.category);
  const widths = cats.map((c) => labels.measure(c, catStyle).width);
  const step = labelStep(cats.length, x.step(), Math.max(0, ...widths), gap);
  let lastRight = -Infinity;
  groups.forEach((gr, i) => {
    if (i % step !== 0) return;
    const w = widths[i]!;
    const cx = Math.min(Math.max(x(gr.category)! + x.bandwidth() / 2, left + w / 2), size.width - w / 2);
    if (cx - w / 2 < lastRight + gap) return;
    labels.place(cats[i]!, cx, bottom + pad / 2, catStyle);
    lastRight = cx + w / 2;
  });

  if (legendRow) {
    let lx = left;
    names.forEach((name, i) => {
      const style = labelStyle(env, { fill: seriesColor(env, i), fontWeight: '600' });
      const w = name ? labels.measure(name, style).width : 0;
      if (!name || lx + w > right) return; // a name that does not fit is left out, not shrunk
      labels.place(name, lx, 0, style);
      lx += w + fontPx;
    });
  }
  if (props.unit && !legendRow) labels.place(props.unit, right, 0, labelStyle(env, { anchorX: 1 }));
  if (values.length === 0) {
    labels.place(noDataText(env.lang), (left + right) / 2, (top + bottom) / 2, labelStyle(env, { anchorX: 0.5, anchorY: 0.5 }));
  }
}
