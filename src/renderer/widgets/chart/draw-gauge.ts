/**
 * A gauge: a 240° dial for the first topic's latest value between `min` and `max` (default 0 and
 * 100), with the threshold bands marked on the rim and the value in the middle, in the colour of
 * its severity. Drawn with d3's arc generator into a Graphics centred on the dial.
 */
import { arc, scaleLinear } from 'd3';
import type { Graphics } from 'pixi.js';
import type { Size } from '../../../core/wall/model.js';
import { type DrawEnv, labelStyle, levelColor, noDataText } from './env.js';
import { formatValue } from '../../../core/wall/format.js';
import { levelOf } from './thresholds.js';

const SWEEP = (Math.PI * 4) / 3;
const A0 = -SWEEP / 2;

interface ArcSpec {
  innerRadius: number;
  outerRadius: number;
  startAngle: number;
  endAngle: number;
}
const arcGen = arc<ArcSpec>();

/** `dial` is a Graphics the caller positions at the dial's centre (d3's arc draws around 0,0). */
export function drawGauge(env: DrawEnv, dial: Graphics, size: Size, value: number | undefined, name: string): void {
  const { props, fontPx, labels, theme } = env;
  const lo = props.min ?? 0;
  const hi = props.max ?? 100;
  const angle = scaleLinear().domain([lo, hi]).range([A0, A0 + SWEEP]).clamp(true);
  const nameRow = name ? fontPx * 1.4 : 0;
  // The dial is 2r wide and r(1 + cos 60°) = 1.5r tall; the rim and the min/max row need the rest.
  const r = Math.max(10, Math.min((size.width - fontPx) / 2, (size.height - nameRow - fontPx * 2) / 1.6));
  const cx = size.width / 2;
  const cy = nameRow + fontPx * 0.3 + r;
  dial.position.set(cx, cy);
  const thick = Math.max(fontPx * 0.6, r * 0.18);
  const inner = r - thick;

  const draw = (a0: number, a1: number, ri: number, ro: number, color: string, alpha = 1): void => {
    if (a1 - a0 <= 1e-6) return;
    arcGen.context(env.ctx2d)({ innerRadius: ri, outerRadius: ro, startAngle: a0, endAngle: a1 });
    dial.fill({ color, alpha });
  };
  env.adapter.retarget(dial);
  draw(A0, A0 + SWEEP, inner, r, theme.colors.textMuted, 0.2);

  // Threshold bands on a thin outer rim: where warning and critical start, in their colours.
  const th = props.thresholds;
  if (th) {
    const bad = th.direction === 'above';
    for (const level of ['warning', 'critical'] as const) {
      const v = th[level];
      if (v === undefined) continue;
      const other = level === 'warning' ? th.critical : undefined;
      const from = bad ? v : (other ?? lo);
      const to = bad ? (other ?? hi) : v;
      draw(angle(Math.min(from, to)), angle(Math.max(from, to)), r + thick * 0.15, r + thick * 0.4, levelColor(env, level, 0));
    }
  }
  if (value !== undefined) {
    const color = levelColor(env, levelOf(value, th), 0);
    draw(A0, angle(value), inner, r, color);
    const big = labelStyle(env, { fill: color, fontWeight: '700', fontSize: Math.max(fontPx, Math.round(inner * 0.45)), anchorX: 0.5, anchorY: 0.5 });
    labels.place(formatValue(value, props.decimals, undefined, env.lang), cx, cy, big);
  } else {
    labels.place(noDataText(env.lang), cx, cy, labelStyle(env, { anchorX: 0.5, anchorY: 0.5 }));
  }
  if (props.unit) labels.place(props.unit, cx, cy + inner * 0.45, labelStyle(env, { anchorX: 0.5, anchorY: 0 }));
  // Range ends under the dial's two tips.
  const tipY = cy - r * Math.cos(SWEEP / 2) + fontPx * 0.2;
  const tipDx = r * Math.sin(SWEEP / 2) - thick / 2;
  const fmt = (v: number): string => formatValue(v, 0, undefined, env.lang);
  labels.place(fmt(lo), cx - tipDx, tipY + thick * 0.3, labelStyle(env, { anchorX: 0.5, anchorY: 0 }));
  labels.place(fmt(hi), cx + tipDx, tipY + thick * 0.3, labelStyle(env, { anchorX: 0.5, anchorY: 0 }));
  if (name) labels.place(name, cx, 0, labelStyle(env, { fill: theme.colors.text, anchorX: 0.5, anchorY: 0 }));
  env.adapter.retarget(env.g);
}
