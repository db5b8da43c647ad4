/**
 * Forecasts (docs/protocol.md "Forecasts"): a topic may carry, beside its values, what a model
 * expects it to be ahead of now: points `{ t, v, lo?, hi? }` (`lo`..`hi` the uncertainty band).
 * Published over REST by any model (`PUT /api/forecasts/:topic`), kept by the hub, sent to walls
 * that announced the feature `forecasts` (in the snapshot and as `forecast` events). A forecast has
 * its own freshness: it is current until `validUntil` (issued + its validity), after which walls mark
 * it stale; it is never shown as current.
 *
 * The rules between points (order, ahead of now, band around the value) are checked here, after
 * the schema, for the hub (against its clock) and for the wall (order and band only).
 */

/** `${at}: ${message}` as schema-check.ts's fail() writes it (not imported: the schemas import this file's types). */
function fail(errors: string[], at: string, message: string): void {
  if (errors.length < 20) errors.push(`${at}: ${message}`);
}

export interface ForecastPoint {
  t: number;
  v: number;
  /** Lower and upper ends of the uncertainty band; both or neither, lo ≤ v ≤ hi. */
  lo?: number;
  hi?: number;
}

/** A topic's forecast as the hub keeps and sends it. */
export interface Forecast {
  topic: string;
  /** Who made it (a model's name), as the publisher said; shown on request, never interpreted. */
  model: string;
  /** When the model made it (hub time). */
  issuedAt: number;
  /** After this hub time the forecast is stale: walls mark it, never show it as current. */
  validUntil: number;
  /** Strictly increasing t, every t after issuedAt. */
  points: ForecastPoint[];
  /** How good it proved on a back-test (the hub's baseline forecaster sets it); shown on request. */
  quality?: ForecastQuality;
}

/**
 * A forecast's back-tested error: the last `backtestPoints` of the training series were held out,
 * forecast from the rest, and scored with MASE against the seasonal-naive forecast (< 1: better
 * than "the same as one season ago"; never MAPE, undefined at zero counts).
 */
export interface ForecastQuality {
  /** What made it: `holt-winters` or `seasonal-naive` (docs/forecasts.md). */
  method: string;
  mase: number;
  backtestPoints: number;
  /** The span of history it was trained on (hub time). */
  trainedFrom: number;
  trainedTo: number;
}

/** `PUT /api/forecasts/:topic` body. */
export interface ForecastPublish {
  points: ForecastPoint[];
  model?: string;
  /** Default: when the hub received it. */
  issuedAt?: number;
  /** How long it stays current from issuedAt, seconds (default FORECAST_DEFAULT_VALID_S). */
  validS?: number;
}

/** `forecast` event (hub → wall): the topic's new forecast, or null when it was withdrawn. */
export interface ForecastEvent {
  topic: string;
  forecast: Forecast | null;
}

/** Beside LIMITS.forecastPoints and LIMITS.forecastTopics (limits.ts). */
export const FORECAST_LIMITS = {
  /** How far ahead a point may lie. */
  horizonMs: 400 * 86_400_000,
  /** How far in the future `issuedAt` may be (clocks differ a little). */
  issuedSkewMs: 60_000,
} as const;

/** A forecast is current for 6 hours unless its publisher says otherwise (`validS`). */
export const FORECAST_DEFAULT_VALID_S = 6 * 3600;

/**
 * The relations between a forecast's points: times strictly increasing, the band (both ends or
 * neither) around the value. With `notBefore` (the hub's clock at receipt), every point must lie
 * after it and within FORECAST_LIMITS.horizonMs. Errors name the field (`points[3].t`).
 */
export function checkForecastPoints(points: readonly ForecastPoint[], errors: string[], notBefore?: number, at = 'points'): void {
  for (const [i, p] of points.entries()) {
    const here = `${at}[${i}]`;
    if (i > 0 && p.t <= points[i - 1]!.t) fail(errors, `${here}.t`, 'must be later than the point before');
    if (notBefore !== undefined && p.t <= notBefore) fail(errors, `${here}.t`, 'is in the past: a forecast point must lie ahead of now (hub time)');
    if (notBefore !== undefined && p.t > notBefore + FORECAST_LIMITS.horizonMs) fail(errors, `${here}.t`, 'lies more than 400 days ahead');
    if ((p.lo === undefined) !== (p.hi === undefined)) fail(errors, `${here}.${p.lo === undefined ? 'lo' : 'hi'}`, 'is missing: give both ends of the band or neither');
    else if (p.lo !== undefined && p.hi !== undefined) {
      if (p.lo > p.hi) fail(errors, `${here}.lo`, 'is greater than hi');
      else if (p.v < p.lo || p.v > p.hi) fail(errors, `${here}.v`, 'lies outside its band lo..hi');
    }
  }
}

/** Whether `f` is stale at hub time `now`: past its validity, or its last point is behind now. */
export function forecastStale(f: Pick<Forecast, 'validUntil' | 'points'>, now: number): boolean {
  const last = f.points[f.points.length - 1];
  return now > f.validUntil || last === undefined || last.t < now;
}

/**
 * The forecast value at time `t`: linear between the two points around it (lo/hi likewise), or
 * undefined outside the forecast's span (before its first point or after its last).
 */
export function forecastAt(points: readonly ForecastPoint[], t: number): ForecastPoint | undefined {
  if (points.length === 0 || t < points[0]!.t || t > points[points.length - 1]!.t) return undefined;
  let i = 1;
  while (i < points.length && points[i]!.t < t) i++;
  const b = points[Math.min(i, points.length - 1)]!;
  const a = points[Math.max(0, i - 1)]!;
  if (b.t === a.t || b.t === t) return { ...b, t };
  const k = (t - a.t) / (b.t - a.t);
  const mix = (x: number, y: number): number => x + (y - x) * k;
  const out: ForecastPoint = { t, v: mix(a.v, b.v) };
  if (a.lo !== undefined && b.lo !== undefined && a.hi !== undefined && b.hi !== undefined) {
    out.lo = mix(a.lo, b.lo);
    out.hi = mix(a.hi, b.hi);
  }
  return out;
}
