/**
 * The baseline's honesty: before publishing, hold out the last `horizon` points, fit on the rest,
 * forecast them and score the forecast with MASE (mean absolute scaled error, Hyndman & Koehler
 * 2006) against the seasonal-naive forecast ("the same as one season ago"). MASE < 1: better than
 * seasonal-naive on the held-out part; ≥ 1: no better, and the baseline does not claim otherwise.
 * Never MAPE: it divides by the value, undefined at zero counts.
 */
import { fitHoltWinters, forecastHoltWinters, type HoltWintersFit } from './holt-winters.js';

export interface Backtest {
  /** Mean absolute error of the held-out forecast over the in-sample MAE of the season-lag naive forecast. */
  mase: number;
  /** The same score for the seasonal-naive forecast of the held-out part (about 1 on a steady series). */
  naiveMase: number;
  /** Held-out points scored. */
  points: number;
  /** Root mean square of the held-out errors. */
  rmse: number;
  /** The fit on the training part (its oneStepRmse starts the band). */
  fit: HoltWintersFit;
}

/** The in-sample MAE of the seasonal-naive forecast y[t] ≈ y[t − season]: MASE's scale. */
export function seasonalNaiveScale(train: readonly number[], season: number): number {
  let sum = 0;
  let n = 0;
  for (let t = season; t < train.length; t++) {
    sum += Math.abs(train[t]! - train[t - season]!);
    n++;
  }
  return n ? sum / n : Number.NaN;
}

/** The seasonal-naive forecast of `steps` points after `train`: each the value one season earlier. */
export function seasonalNaiveForecast(train: readonly number[], season: number, steps: number): number[] {
  const out: number[] = [];
  for (let k = 1; k <= steps; k++) out.push(train[train.length - season + ((k - 1) % season)]!);
  return out;
}

/** MASE of `predicted` against `actual`, scaled by `scale`; Infinity when the scale is 0 and the error not. */
export function mase(actual: readonly number[], predicted: readonly number[], scale: number): number {
  const mae = actual.reduce((s, a, i) => s + Math.abs(a - predicted[i]!), 0) / actual.length;
  if (scale > 0) return mae / scale;
  return mae === 0 ? 0 : Number.POSITIVE_INFINITY;
}

/** Needs two seasons of training before the held-out `horizon`. */
export function backtest(series: readonly number[], season: number, horizon: number): Backtest {
  if (series.length < 2 * season + horizon) throw new Error(`the back-test needs ${2 * season + horizon} points, got ${series.length}`);
  const train = series.slice(0, series.length - horizon);
  const held = series.slice(series.length - horizon);
  const fit = fitHoltWinters(train, season);
  const predicted = forecastHoltWinters(fit, horizon);
  const scale = seasonalNaiveScale(train, season);
  const rmse = Math.sqrt(held.reduce((s, a, i) => s + (a - predicted[i]!) ** 2, 0) / horizon);
  return {
    mase: mase(held, predicted, scale),
    naiveMase: mase(held, seasonalNaiveForecast(train, season, horizon), scale),
    points: horizon,
    rmse,
    fit,
  };
}

/** About 90 % of a normal error lies within ±1.645 σ. */
const BAND_Z = 1.645;

/**
 * The band's half-width at steps 1..horizon: from the in-sample one-step error at step 1 to the
 * back-test's error at the last step, growing with the step (as errors of a forecast compound).
 */
export function bandHalfWidths(oneStepRmse: number, backtestRmse: number, horizon: number): number[] {
  const near = oneStepRmse ** 2;
  const far = Math.max(near, backtestRmse ** 2);
  const out: number[] = [];
  for (let k = 1; k <= horizon; k++) {
    const share = horizon > 1 ? (k - 1) / (horizon - 1) : 1;
    out.push(BAND_Z * Math.sqrt(near + (far - near) * share));
  }
  return out;
}
