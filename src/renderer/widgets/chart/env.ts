/**
 * What every chart kind's draw function gets: the reused Graphics and label pool, the theme's
 * colours resolved for charts, and wall-legible text sizes. Built once per widget.
 */
import type { Graphics } from 'pixi.js';
import type { Theme } from '../../../core/wall/model.js';
import { FONT_FAMILY } from '../../../core/page/font-faces.js';
import type { ChartProps } from './series.js';
import { LEVEL_SEVERITY, type Level } from './thresholds.js';
import { PathAdapter, asD3Context } from './path-adapter.js';
import type { LabelStyle, TextPool } from './text-pool.js';

/**
 * Series colours after the theme's accent. None is red, orange or yellow, so a series colour is
 * never mistaken for a severity.
 */
const SERIES_PALETTE = ['#a78bfa', '#34d399', '#f472b6', '#e5e7eb', '#2dd4bf', '#93c5fd'];

export interface DrawEnv {
  readonly g: Graphics;
  readonly labels: TextPool;
  /** d3 context drawing into `g` (see path-adapter.ts). */
  readonly ctx2d: CanvasRenderingContext2D;
  readonly adapter: PathAdapter;
  readonly theme: Theme;
  readonly props: ChartProps;
  readonly lang: 'vi' | 'en';
  readonly timeZone: string;
  /** Smallest legible text height (px) at the wall's viewing distance. */
  readonly fontPx: number;
  /** Stroke width of data lines: thick enough to read from the operators' desks. */
  readonly lineWidth: number;
}

export function makeEnv(
  g: Graphics,
  labels: TextPool,
  theme: Theme,
  props: ChartProps,
  lang: 'vi' | 'en',
  timeZone: string,
  fontPx: number,
): DrawEnv {
  const adapter = new PathAdapter(g);
  return {
    g, labels, adapter, ctx2d: asD3Context(adapter), theme, props, lang, timeZone, fontPx,
    lineWidth: Math.max(3, Math.round(fontPx / 8)),
  };
}

export function seriesColor(env: DrawEnv, i: number): string {
  return i === 0 ? env.theme.colors.accent : SERIES_PALETTE[(i - 1) % SERIES_PALETTE.length]!;
}

/** A value's colour: its series colour while normal, a severity colour past a threshold. */
export function levelColor(env: DrawEnv, level: Level, seriesIndex: number): string {
  return level === 'normal' ? seriesColor(env, seriesIndex) : env.theme.severity[LEVEL_SEVERITY[level]];
}

/** Label styles at wall scale: ticks at the legible minimum, values larger. */
export function labelStyle(env: DrawEnv, overrides: Partial<LabelStyle> = {}): LabelStyle {
  return {
    fontFamily: `${FONT_FAMILY}, sans-serif`,
    fontSize: env.fontPx,
    fill: env.theme.colors.textMuted,
    ...overrides,
  };
}

/** Message shown in place of a plot that has nothing to show yet. */
export function noDataText(lang: 'vi' | 'en'): string {
  return lang === 'en' ? 'No data' : 'Chưa có dữ liệu';
}
