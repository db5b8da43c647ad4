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

/** Height of a label's line box as a share of its font size (Be Vietnam Pro, marks included). */
const LINE_BOX = 1.3;

/**
 * The dial's radius and centre in a body of `size`: the threshold rim outside the dial, the dial
 * (r above its centre, r·cos 60° = r/2 below) and the range labels under its tips all stay inside,
 * so no arc runs over the tile's title and no label is cut. Exported for its unit test.
 */
export function gaugeGeometry(size: Size, fontPx: number, nameRow: number): { r: number; thick: number; cy: number } {
  const thickOf = (r: number): number => Math.max(fontPx * 0.6, r * 0.18);
  // Under the tips: the gap to the range labels, their line box and a little air (rounding).
  const below = (thick: number): number => fontPx * 0.2 + thick * 0.3 + fontPx * (LINE_BOX + 0.1);
  let r = Math.min((size.width - fontPx) / 2, (size.height - nameRow) / 1.5);
  for (let i = 0; i < 4; i++) {
    const thick = thickOf(r);
    const rim = thick * 0.4;
    r = Math.min((size.width - fontPx) / 2 - rim, (size.height - nameRow - rim - below(thick)) / 1.5);
  }
  r = Math.max(10, r);
  const thick = thickOf(r);
  return { r, thick, cy: nameRow + thick * 0.4 + r };
}

type Box = { x: number; y: number; w: number; h: number };
const apart = (a: Box, b: Box): boolean => a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y;

/** `dial` is a Graphics the caller positions at the dial's centre (d3's arc draws around 0,0). */
export function drawGauge(env: DrawEnv, dial: Graphics, size: Size, value: number | undefined, name: string): void {
  const { props, fontPx, labels, theme } = env;
  const lo = props.min ?? 0;
  const hi = props.max ?? 100;
  const angle = scaleLinear().domain([lo, hi]).range([A0, A0 + SWEEP]).clamp(true);
  const nameRow = name ? Math.ceil(fontPx * LINE_BOX) : 0;
  const { r, thick, cy } = gaugeGeometry(size, fontPx, nameRow);
  const cx = size.width / 2;
  dial.position.set(cx, cy);
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
  const taken: Box[] = [];
  /** Places a label and returns its box; an optional one outside the body or on another label is left out. */
  const place = (text: string, x: number, y: number, style: ReturnType<typeof labelStyle>, optional = false): Box | undefined => {
    const m = labels.measure(text, style);
    const box = { x: x - m.width * (style.anchorX ?? 0), y: y - m.height * (style.anchorY ?? 0), w: m.width, h: m.height };
    const inside = box.x >= 0 && box.x + box.w <= size.width && box.y + box.h <= size.height;
    if (optional && (!inside || !taken.every((t) => apart(t, box)))) return undefined;
    taken.push(box);
    labels.place(text, x, y, style);
    return box;
  };
  if (value !== undefined) {
    const color = levelColor(env, levelOf(value, th), 0);
    const text = formatValue(value, props.decimals, undefined, env.lang);
    // As large as the dial's opening allows, never under the legible minimum.
    const probe = labelStyle(env, { fontWeight: '700', fontSize: 100 });
    const fits = (inner * 1.6 * 100) / Math.max(1, labels.measure(text, probe).width);
    const big = Math.max(fontPx, Math.round(Math.min(inner * 0.45, fits)));
    const box = place(text, cx, cy, labelStyle(env, { fill: color, fontWeight: '700', fontSize: big, anchorX: 0.5, anchorY: 0.5 }))!;
    if (props.unit) place(props.unit, cx, Math.ceil(box.y + box.h) + 1, labelStyle(env, { anchorX: 0.5, anchorY: 0 }), true);
  } else {
    place(noDataText(env.lang), cx, cy, labelStyle(env, { anchorX: 0.5, anchorY: 0.5 }));
  }
  if (name) place(name, cx, 0, labelStyle(env, { fill: theme.colors.text, anchorX: 0.5, anchorY: 0 }));
  // Range ends under the dial's two tips, left out where they would touch another label.
  const tipY = cy - r * Math.cos(SWEEP / 2) + fontPx * 0.2;
  const tipDx = r * Math.sin(SWEEP / 2) - thick / 2;
  const fmt = (v: number): string => formatValue(v, 0, undefined, env.lang);
  place(fmt(lo), cx - tipDx, tipY + thick * 0.3, labelStyle(env, { anchorX: 0.5, anchorY: 0 }), true);
  place(fmt(hi), cx + tipDx, tipY + thick * 0.3, labelStyle(env, { anchorX: 0.5, anchorY: 0 }), true);
  env.adapter.retarget(env.g);
}
