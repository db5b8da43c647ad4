/**
 * The hub's baseline forecaster (docs/forecasts.md "Baseline forecaster"): for each topic of
 * forecasts.yaml's `baseline`, every `every` (and once at start), it back-tests Holt-Winters on the
 * topic's training series, and publishes a forecast through ForecastService.put — exactly as a
 * model's — only when the back-test beat seasonal-naive (MASE < 1), with that MASE attached.
 *
 * What it never does: forecast a hazard topic (forecasts.yaml refuses the entry, startHub refuses
 * the option, and run() refuses again here), overwrite a model's forecast that is still current,
 * or publish a forecast its own back-test found no better than seasonal-naive (it withdraws its
 * earlier one instead). Each topic's state is in status() for GET /api/forecasts.
 */
import { hazardOf, type BaselineSpec, type ForecastsConfig } from '../../core/files/forecasts.js';
import { forecastStale, type Forecast, type ForecastPoint } from '../../core/protocol/forecasts.js';
import { backtest, bandHalfWidths } from './backtest.js';
import { fitHoltWinters, forecastHoltWinters } from './holt-winters.js';
import type { BaselineSampler } from './samples.js';

export const BASELINE_MODEL = 'baseline:holt-winters';

export type BaselineState = 'waiting' | 'published' | 'not-better' | 'refused' | 'model-current' | 'failed';

export interface BaselineStatus {
  topic: string;
  status: BaselineState;
  /** Why, in words (English, as the REST API's other details). */
  detail: string;
  /** The last back-test's MASE, when one ran. */
  mase?: number;
  /** When it was last decided (hub time); null before the first run. */
  at: number | null;
}

/** What it needs of ForecastService (forecasts.ts, which lists this forecaster's status: not imported, no circle). */
export interface ForecastSink {
  get(topic: string): Forecast | undefined;
  put(forecast: Forecast): Promise<void>;
  withdraw(topic: string): Promise<boolean>;
}

export interface BaselineDeps {
  config: ForecastsConfig;
  sampler: BaselineSampler;
  forecasts: ForecastSink;
  now: () => number;
  log: (message: string) => void;
}

/** The share of a series' buckets that must have values (the rest are filled in). */
const MIN_OBSERVED = 0.8;

/** How long after a bucket closes its topic is run: late values of the bucket have a moment to arrive. */
const AFTER_CLOSE_MS = 5_000;

/** A baseline forecast stays current for two `every`s: remade each one, stale soon after the forecaster stops. */
const VALID_EVERIES = 2;

export class BaselineForecaster {
  private readonly states = new Map<string, BaselineStatus>();
  private readonly timers: NodeJS.Timeout[] = [];
  private running: Promise<unknown> = Promise.resolve();
  private readonly nudged = new Set<string>();
  private stopped = false;

  public constructor(private readonly d: BaselineDeps) {
    for (const spec of d.config.baseline) this.states.set(spec.topic, { topic: spec.topic, status: 'waiting', detail: 'not run yet', at: null });
  }

  /**
   * Runs every topic once now, then each every `every`, a few seconds after each bucket closes (by
   * the hub's clock), so a run always has the bucket just ended; timers unref'd.
   */
  public start(): void {
    void this.runAll();
    for (const spec of this.d.config.baseline) {
      const now = this.d.now();
      const untilClosed = spec.everyMs - (now % spec.everyMs) + AFTER_CLOSE_MS;
      const first = setTimeout(() => {
        if (this.stopped) return;
        void this.run(spec.topic);
        const timer = setInterval(() => void this.run(spec.topic), spec.everyMs);
        timer.unref();
        this.timers.push(timer);
      }, untilClosed);
      first.unref();
      this.timers.push(first);
    }
  }

  public async runAll(): Promise<BaselineStatus[]> {
    const out: BaselineStatus[] = [];
    for (const spec of this.d.config.baseline) out.push(await this.run(spec.topic));
    return out;
  }

  /** One topic's run, after any run still going; never throws (a failure is its status and a log line). */
  public run(topic: string): Promise<BaselineStatus> {
    const next = this.running.then(() => this.runNow(topic));
    this.running = next.catch(() => undefined);
    return next;
  }

  /**
   * A value reached a topic that is waiting for history: run it soon (after the publish that brought
   * it, once for a whole batch), so it starts as soon as the history is long enough, not an `every`
   * later. Topics in any other state keep to their timer.
   */
  public nudge(topic: string): void {
    if (this.states.get(topic)?.status !== 'waiting' || this.nudged.has(topic) || this.stopped) return;
    this.nudged.add(topic);
    const timer = setTimeout(() => {
      this.nudged.delete(topic);
      void this.run(topic);
    }, 0);
    timer.unref();
  }

  public status(): BaselineStatus[] {
    return [...this.states.values()].sort((a, b) => a.topic.localeCompare(b.topic));
  }

  /** Waits for a run under way; the caller flushes the sampler. */
  public async destroy(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t); // clears intervals as well
    this.timers.length = 0;
    await this.running;
  }

  private async runNow(topic: string): Promise<BaselineStatus> {
    const spec = this.d.config.baseline.find((s) => s.topic === topic);
    if (!spec) throw new Error(`${topic} is not a baseline topic of forecasts.yaml`);
    try {
      return await this.decide(spec);
    } catch (e) {
      return this.set(spec, 'failed', `the forecast could not be made or stored: ${(e as Error).message}`);
    }
  }

  private async decide(spec: BaselineSpec): Promise<BaselineStatus> {
    const { topic } = spec;
    const hazard = hazardOf(topic, this.d.config.hazards);
    if (hazard !== undefined) return this.set(spec, 'refused', `a hazard topic (hazards: "${hazard}"): only a model may forecast it (PUT /api/forecasts)`);
    const now = this.d.now();
    const current = this.d.forecasts.get(topic);
    if (current && current.model !== BASELINE_MODEL && !forecastStale(current, now)) {
      return this.set(spec, 'model-current', `the forecast of model "${current.model}" is current: the baseline does not overwrite it`);
    }
    const season = Math.round(spec.seasonMs / spec.everyMs);
    const horizon = Math.round(spec.horizonMs / spec.everyMs);
    const series = this.d.sampler.series(topic);
    const need = 2 * season + horizon;
    const have = series?.values.length ?? 0;
    if (!series || have < need) return this.set(spec, 'waiting', `waiting for history: ${have} of ${need} points (two seasons and the horizon at ${spec.everyMs / 60_000} min)`);

    // Gaps are filled with the season before: a series mostly filled would back-test its own copies.
    if (series.observed < MIN_OBSERVED * have) {
      return this.set(spec, 'waiting', `waiting for history: only ${series.observed} of the ${have} buckets since the first value have values (at least ${MIN_OBSERVED * 100} % needed)`);
    }
    const test = backtest(series.values, season, horizon);
    if (!(test.mase < 1)) {
      if (current?.model === BASELINE_MODEL) await this.d.forecasts.withdraw(topic);
      return this.set(spec, 'not-better', `not better than seasonal-naive: back-test MASE ${test.mase.toFixed(2)} ≥ 1 over ${horizon} held-out points; nothing published`, test.mase);
    }
    const fit = fitHoltWinters(series.values, season);
    const ahead = forecastHoltWinters(fit, horizon);
    const half = bandHalfWidths(fit.oneStepRmse, test.rmse, horizon);
    const trainedTo = series.from + series.values.length * spec.everyMs;
    const points: ForecastPoint[] = [];
    ahead.forEach((v, k) => {
      const t = trainedTo + k * spec.everyMs + spec.everyMs / 2; // the middle of the bucket it stands for
      if (t > now) points.push({ t, v, lo: v - half[k]!, hi: v + half[k]! });
    });
    if (points.length === 0) return this.set(spec, 'waiting', 'the history ends more than a horizon ago: no point of the forecast lies ahead of now');
    const forecast: Forecast = {
      topic,
      model: BASELINE_MODEL,
      issuedAt: now,
      validUntil: now + VALID_EVERIES * spec.everyMs,
      points,
      quality: { method: 'holt-winters', mase: test.mase, backtestPoints: horizon, trainedFrom: series.from, trainedTo },
    };
    await this.d.forecasts.put(forecast);
    return this.set(spec, 'published', `Holt-Winters, back-test MASE ${test.mase.toFixed(2)} against seasonal-naive over ${horizon} held-out points`, test.mase);
  }

  private set(spec: BaselineSpec, status: BaselineState, detail: string, mase?: number): BaselineStatus {
    const before = this.states.get(spec.topic);
    const state: BaselineStatus = { topic: spec.topic, status, detail, ...(mase !== undefined ? { mase } : {}), at: this.d.now() };
    this.states.set(spec.topic, state);
    // Said at the first run and when the state changes, not at every run.
    if (before?.at === null || before?.status !== status) this.d.log(`baseline forecast of ${spec.topic}: ${status}: ${detail}`);
    return state;
  }
}
