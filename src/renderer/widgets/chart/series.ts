/**
 * Turns the store's topic data and the tile's props into what the chart kinds draw: numeric
 * samples per series, categories for bars, and typed props with defaults. Pure (no pixi).
 */
import type { ChartKind, Localized } from '../../../core/wall/model.js';
import type { TopicData } from '../../store.js';
import { parseThresholds, type Thresholds } from './thresholds.js';
import type { Sample } from './scales.js';

/** `props` of a chart tile (docs/formats.md), after defaults. */
export interface ChartProps {
  kind: ChartKind;
  unit?: string;
  min?: number;
  max?: number;
  /** Seconds of history shown by line, area and sparkline charts. */
  windowS: number;
  /** Seconds of the time axis right of now when a topic has a forecast (default windowS / 3). */
  forecastS?: number;
  decimals: number;
  thresholds?: Thresholds;
  /** Display names, one per topic, in topic order. */
  series: Localized[];
}

export const chartDefaults = { windowS: 3600, decimals: 0 } as const;

const KINDS: readonly ChartKind[] = ['line', 'area', 'bar', 'gauge', 'sparkline'];

/** The layout schema has validated props already; this only narrows types and fills defaults. */
export function parseChartProps(props: Record<string, unknown>): ChartProps {
  const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
  const kind = KINDS.includes(props.kind as ChartKind) ? (props.kind as ChartKind) : 'line';
  const out: ChartProps = {
    kind,
    windowS: num(props.windowS) ?? chartDefaults.windowS,
    ...(num(props.forecastS) !== undefined ? { forecastS: num(props.forecastS)! } : {}),
    decimals: num(props.decimals) ?? chartDefaults.decimals,
    series: Array.isArray(props.series) ? (props.series as Localized[]) : [],
  };
  if (typeof props.unit === 'string') out.unit = props.unit;
  const min = num(props.min);
  const max = num(props.max);
  if (min !== undefined) out.min = min;
  if (max !== undefined) out.max = max;
  const thresholds = parseThresholds(props.thresholds);
  if (thresholds) out.thresholds = thresholds;
  return out;
}

export function localize(text: Localized | undefined, lang: 'vi' | 'en'): string {
  if (text === undefined) return '';
  if (typeof text === 'string') return text;
  return (lang === 'en' ? text.en : undefined) ?? text.vi;
}

/** A number from a topic value: a finite number, or an object's `value` field (a common hub shape). */
export function numericValue(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (value && typeof value === 'object' && 'value' in value) return numericValue((value as { value: unknown }).value);
  return undefined;
}

/**
 * A topic's samples in time order: its history plus the latest value when the history does not end
 * with it. Non-numeric entries are skipped (a bad sample must not blank the chart).
 */
export function topicSamples(data: TopicData | undefined): Sample[] {
  if (!data) return [];
  const out: Sample[] = [];
  for (const h of data.history) {
    const v = numericValue(h.value);
    if (v !== undefined && Number.isFinite(h.t)) out.push({ t: h.t, v });
  }
  // The store keeps history in arrival order; sort defensively only when needed.
  for (let i = 1; i < out.length; i++) {
    if (out[i]!.t < out[i - 1]!.t) {
      out.sort((a, b) => a.t - b.t);
      break;
    }
  }
  const latest = numericValue(data.value);
  const last = out[out.length - 1];
  if (latest !== undefined && (!last || last.t < data.receivedAt)) out.push({ t: data.receivedAt, v: latest });
  return out;
}

/** One bar group: a category and one value per series (NaN where a series lacks it). */
export interface BarGroup {
  category: string;
  values: number[];
}

/**
 * Bars from the latest values. A topic value may be an object `{ category: number }` (rainfall per
 * station): its keys become categories, in first-seen order, and several such topics become grouped
 * bars. Plain numbers give one bar per topic, named by `series`.
 */
export function barGroups(topics: readonly string[], data: ReadonlyMap<string, TopicData>, names: readonly string[]): BarGroup[] {
  const latest = topics.map((t) => data.get(t)?.value);
  const isRecord = (v: unknown): v is Record<string, unknown> =>
    !!v && typeof v === 'object' && !Array.isArray(v) && numericValue(v) === undefined;
  if (latest.some(isRecord)) {
    const order: string[] = [];
    for (const v of latest) if (isRecord(v)) for (const k of Object.keys(v)) if (!order.includes(k)) order.push(k);
    return order.map((category) => ({
      category,
      values: latest.map((v) => (isRecord(v) ? numericValue(v[category]) ?? NaN : NaN)),
    }));
  }
  return topics.map((topic, i) => ({
    category: names[i] || topic,
    values: [numericValue(latest[i]) ?? NaN],
  }));
}
