/**
 * A KPI's forecast line (docs/protocol.md "Forecasts", layout prop `forecast`): the topic's forecast
 * value at a horizon, e.g. "dự báo 17:00: 62 %", coloured by the level that value would reach
 * (a forecast crossing a threshold warns before the value does). The horizon is a time of day in
 * the wall's zone (`at: "17:00"`, the next one from now) or a span ahead (`inS: 21600`). A stale
 * forecast reads "dự báo cũ …" in muted text: marked, never shown as current.
 */
import { forecastAt, forecastStale, type Forecast } from '../../core/protocol/forecasts.js';
import { CLOCK_TIME, clockMinutes, addDays, localDate, localInstant } from '../../core/automation/local-time.js';
import { formatTime, formatValue } from '../../core/wall/format.js';
import { levelOf, type Level, type Thresholds } from './chart/thresholds.js';

export type KpiForecastProp = { at: string } | { inS: number };

export function parseKpiForecast(raw: unknown): KpiForecastProp | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const r = raw as Record<string, unknown>;
  if (typeof r.at === 'string' && CLOCK_TIME.test(r.at)) return { at: r.at };
  if (typeof r.inS === 'number' && Number.isFinite(r.inS) && r.inS > 0) return { inS: r.inS };
  return undefined;
}

/** The hub time the horizon names at `now`: the next `at` in `tz` (today's if still ahead), or now + inS. */
export function horizonTime(p: KpiForecastProp, now: number, tz: string): number {
  if ('inS' in p) return now + p.inS * 1000;
  const today = localInstant(localDate(now, tz), clockMinutes(p.at), tz);
  return today > now ? today : localInstant(addDays(localDate(now, tz), 1), clockMinutes(p.at), tz);
}

export interface KpiForecastLine {
  text: string;
  /** The level the forecast value reaches; `normal` when stale or missing (drawn muted). */
  level: Level;
  stale: boolean;
}

export function kpiForecastLine(
  prop: KpiForecastProp,
  forecast: Forecast | undefined,
  o: { now: number; tz: string; lang: 'vi' | 'en'; decimals: number; unit: string; thresholds?: Thresholds },
): KpiForecastLine {
  const at = horizonTime(prop, o.now, o.tz);
  const stale = forecast !== undefined && forecastStale(forecast, o.now);
  const vi = o.lang === 'vi';
  const head = stale ? (vi ? 'dự báo cũ' : 'stale forecast') : vi ? 'dự báo' : 'forecast';
  const point = forecast ? forecastAt(forecast.points, at) : undefined;
  const value = point ? formatValue(point.v, o.decimals, o.unit, o.lang) : '–';
  const level = point && !stale ? levelOf(point.v, o.thresholds) : 'normal';
  return { text: `${head} ${formatTime(at, o.tz)}: ${value}`, level, stale };
}

