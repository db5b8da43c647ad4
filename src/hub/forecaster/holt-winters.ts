/**
 * Additive Holt-Winters (triple exponential smoothing: level, trend, one season) for the hub's
 * baseline forecaster (docs/forecasts.md "Baseline forecaster"). Written here rather than taken
 * from npm: the packages found (nostradamus, holtwinters) are untyped, unmaintained for years and
 * take the smoothing parameters as given; this one chooses them by minimising the one-step error
 * on the training series, which is the part a baseline cannot do without.
 */

export interface SmoothingParams {
  /** Level, trend and seasonal smoothing, each in [0, 1]. */
  alpha: number;
  beta: number;
  gamma: number;
}

export interface HoltWintersFit {
  params: SmoothingParams;
  season: number;
  /** State after the last observation. */
  level: number;
  trend: number;
  /** seasonal[i] is the seasonal term of the observation at index ≡ i (mod season). */
  seasonal: number[];
  /** Observations fitted. */
  length: number;
  /** Root mean square of the one-step errors after the first season (the in-sample fit). */
  oneStepRmse: number;
}

/** The candidate values searched; the best pair is then refined once around the winner. */
const ALPHAS = [0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9];
const BETAS = [0, 0.01, 0.03, 0.1, 0.2];
const GAMMAS = [0.01, 0.05, 0.1, 0.2, 0.4, 0.6];

function mean(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

/** Runs the recursions over `y`; the sum of squared one-step errors from the second season on. */
function run(y: readonly number[], season: number, p: SmoothingParams): Omit<HoltWintersFit, 'params' | 'season'> {
  const first = y.slice(0, season);
  const firstMean = mean(first);
  // The trend from the first two seasons' means (a season of steps apart).
  let trend = y.length >= 2 * season ? (mean(y.slice(season, 2 * season)) - firstMean) / season : 0;
  // Each seasonal term starts as its mean deviation over every whole season of the series, the
  // trend taken off: one season alone would start the terms with its noise, and a small gamma
  // would keep that noise for ever.
  const middle = (season - 1) / 2;
  const seasonal = new Array<number>(season).fill(0);
  const seasons = Math.floor(y.length / season);
  for (let j = 0; j < seasons; j++) {
    const m = mean(y.slice(j * season, (j + 1) * season));
    for (let i = 0; i < season; i++) seasonal[i]! += (y[j * season + i]! - (m + (i - middle) * trend)) / seasons;
  }
  let level = firstMean + middle * trend; // the level at the first season's last point
  let sse = 0;
  let counted = 0;
  for (let t = season; t < y.length; t++) {
    const s = seasonal[t % season]!;
    const predicted = level + trend + s;
    const error = y[t]! - predicted;
    sse += error * error;
    counted++;
    const nextLevel = p.alpha * (y[t]! - s) + (1 - p.alpha) * (level + trend);
    trend = p.beta * (nextLevel - level) + (1 - p.beta) * trend;
    seasonal[t % season] = p.gamma * (y[t]! - nextLevel) + (1 - p.gamma) * s;
    level = nextLevel;
  }
  return { level, trend, seasonal, length: y.length, oneStepRmse: counted ? Math.sqrt(sse / counted) : 0 };
}

const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));

/**
 * Fits `y` (evenly spaced, no gaps) with a season of `season` steps. Needs at least two seasons.
 * The parameters minimise the in-sample one-step error: a grid, then a finer grid around its best.
 */
export function fitHoltWinters(y: readonly number[], season: number): HoltWintersFit {
  if (!Number.isInteger(season) || season < 2) throw new Error(`season must be an integer ≥ 2 (got ${season})`);
  if (y.length < 2 * season) throw new Error(`Holt-Winters needs two seasons (${2 * season} points), got ${y.length}`);
  let best: HoltWintersFit | undefined;
  const consider = (alpha: number, beta: number, gamma: number): void => {
    const params = { alpha: clamp01(alpha), beta: clamp01(beta), gamma: clamp01(gamma) };
    const fit = run(y, season, params);
    if (!best || fit.oneStepRmse < best.oneStepRmse) best = { ...fit, params, season };
  };
  for (const a of ALPHAS) for (const b of BETAS) for (const g of GAMMAS) consider(a, b, g);
  const coarse = best!.params;
  for (const da of [-0.5, -0.25, 0, 0.25, 0.5]) {
    for (const db of [-0.5, 0, 0.5]) {
      for (const dg of [-0.5, -0.25, 0, 0.25, 0.5]) consider(coarse.alpha * (1 + da), coarse.beta * (1 + db), coarse.gamma * (1 + dg));
    }
  }
  return best!;
}

/** The next `steps` values after the fitted series (step 1 is the one right after its last point). */
export function forecastHoltWinters(fit: HoltWintersFit, steps: number): number[] {
  const out: number[] = [];
  for (let k = 1; k <= steps; k++) out.push(fit.level + k * fit.trend + fit.seasonal[(fit.length + k - 1) % fit.season]!);
  return out;
}
