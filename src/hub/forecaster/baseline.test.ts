import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BaselineSpec, ForecastsConfig } from '../../core/files/forecasts.js';
import { checkForecastPoints, type Forecast } from '../../core/protocol/forecasts.js';
import type { BaselineSample, BaselineSampleStore } from '../storage/store.js';
import { BASELINE_MODEL, BaselineForecaster, type ForecastSink } from './baseline.js';
import { seasonalSeries } from '../../../test/support/synthetic-series.js';
import { BaselineSampler } from './samples.js';

const H = 3_600_000;
/** Midnight UTC: the clock runs from here. */
const START = Date.UTC(2026, 10, 1);
const spec = (topic: string): BaselineSpec => ({ topic, method: 'holt-winters', horizonMs: 24 * H, everyMs: H, seasonMs: 24 * H, trainDays: 14 });

class MemorySamples implements BaselineSampleStore {
  public rows: BaselineSample[] = [];
  public async load(): Promise<BaselineSample[]> {
    return this.rows;
  }
  public async save(samples: readonly BaselineSample[]): Promise<void> {
    this.rows.push(...samples);
  }
}

class Sink implements ForecastSink {
  public readonly byTopic = new Map<string, Forecast>();
  public puts = 0;
  public get(topic: string): Forecast | undefined {
    return this.byTopic.get(topic);
  }
  public async put(f: Forecast): Promise<void> {
    this.puts++;
    this.byTopic.set(f.topic, f);
  }
  public async withdraw(topic: string): Promise<boolean> {
    return this.byTopic.delete(topic);
  }
}

function setup(config: ForecastsConfig) {
  let now = START;
  const clock = { now: () => now, set: (t: number) => void (now = t) };
  const sampler = new BaselineSampler(config.baseline, new MemorySamples(), clock.now);
  const sink = new Sink();
  const logs: string[] = [];
  const forecaster = new BaselineForecaster({ config, sampler, forecasts: sink, now: clock.now, log: (m) => logs.push(m) });
  /** Hourly values published at the middle of each hour from START, the clock then just after the last hour. */
  const feed = (topic: string, values: readonly number[]): void => {
    clock.set(START + values.length * H + 60_000);
    values.forEach((v, i) => sampler.record(topic, v, START + i * H + H / 2));
  };
  return { clock, sampler, sink, logs, forecaster, feed };
}

describe('the baseline forecaster', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('waits for two seasons and the horizon, then publishes Holt-Winters with its back-tested MASE and a band', async () => {
    const { forecaster, sink, feed, clock, logs } = setup({ hazards: [], baseline: [spec('energy.load.total')] });
    const series = seasonalSeries(14);
    feed('energy.load.total', series.slice(0, 50));
    expect(await forecaster.run('energy.load.total')).toMatchObject({ status: 'waiting', detail: expect.stringContaining('50 of 72 points') });
    expect(sink.puts).toBe(0);
    expect(logs).toEqual([expect.stringMatching(/^baseline forecast of energy\.load\.total: waiting: waiting for history: 50 of 72 points/)]);

    feed('energy.load.total', series);
    const status = await forecaster.run('energy.load.total');
    expect(status.status).toBe('published');
    const f = sink.get('energy.load.total')!;
    expect(f.model).toBe(BASELINE_MODEL);
    expect(f.quality).toEqual({ method: 'holt-winters', mase: status.mase, backtestPoints: 24, trainedFrom: START, trainedTo: START + 14 * 24 * H });
    expect(f.quality!.mase).toBeLessThan(1);
    console.log(`baseline forecaster, 14 days of a seasonal series: published with back-test MASE ${f.quality!.mase.toFixed(3)}`);
    const errors: string[] = [];
    checkForecastPoints(f.points, errors, clock.now());
    expect(errors).toEqual([]);
    expect(f.points).toHaveLength(24);
    const widths = f.points.map((p) => p.hi! - p.lo!);
    expect(widths[23]!).toBeGreaterThanOrEqual(widths[0]!);
    // Close to the truth it was made from (sine + trend, noise σ 1.5): within the band mostly.
    const truth = (t: number) => 50 + 0.05 * ((t - START - H / 2) / H) + 10 * Math.sin((2 * Math.PI * ((t - START - H / 2) / H)) / 24);
    expect(f.points.filter((p) => truth(p.t) >= p.lo! && truth(p.t) <= p.hi!).length).toBeGreaterThanOrEqual(20);
    expect(logs).toContain(`baseline forecast of energy.load.total: published: ${status.detail}`);
  });

  it('runs at start, then a few seconds after each bucket closes, and stops with destroy', async () => {
    vi.useFakeTimers();
    const { forecaster, sink, feed, clock } = setup({ hazards: [], baseline: [spec('energy.load.total')] });
    feed('energy.load.total', seasonalSeries(14)); // the clock is now a minute into the hour
    const startedAt = clock.now();
    forecaster.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(sink.get('energy.load.total')?.issuedAt).toBe(startedAt);
    // 59 minutes later the hour has closed; 5 s after it the topic runs again.
    clock.set(startedAt + 59 * 60_000 + 5_000);
    await vi.advanceTimersByTimeAsync(59 * 60_000 + 5_000);
    expect(sink.puts).toBe(2);
    expect(sink.get('energy.load.total')?.issuedAt).toBe(startedAt + 59 * 60_000 + 5_000);
    clock.set(clock.now() + H);
    await vi.advanceTimersByTimeAsync(H);
    expect(sink.puts).toBe(3);
    await forecaster.destroy();
    await vi.advanceTimersByTimeAsync(3 * H);
    expect(sink.puts).toBe(3);
  });

  it('waits while most of the series would be filled in rather than observed', async () => {
    const { forecaster, sink, feed } = setup({ hazards: [], baseline: [spec('energy.load.total')] });
    const series = seasonalSeries(14);
    // The first day, then nothing until the last three days: 4 of 14 days observed.
    feed('energy.load.total', series.map((v, i) => (i < 24 || i >= 11 * 24 ? v : Number.NaN)));
    expect(await forecaster.run('energy.load.total')).toMatchObject({ status: 'waiting', detail: expect.stringContaining('only 96 of the 336 buckets') });
    expect(sink.puts).toBe(0);
  });

  it('refuses a hazard topic at run time even when the config slipped past the checks: nothing published', async () => {
    const { forecaster, sink, feed } = setup({ hazards: ['flood.water-level.*'], baseline: [spec('flood.water-level.cau-rong')] });
    feed('flood.water-level.cau-rong', seasonalSeries(14));
    expect(await forecaster.run('flood.water-level.cau-rong')).toMatchObject({ status: 'refused', detail: expect.stringContaining('only a model may forecast it') });
    expect(sink.puts).toBe(0);
    expect(forecaster.status()).toEqual([expect.objectContaining({ topic: 'flood.water-level.cau-rong', status: 'refused' })]);
  });

  it('does not overwrite a model\'s forecast that is still current, and does once it is stale', async () => {
    const { forecaster, sink, feed, clock } = setup({ hazards: [], baseline: [spec('energy.load.total')] });
    feed('energy.load.total', seasonalSeries(14));
    const model: Forecast = { topic: 'energy.load.total', model: 'evn-load-model', issuedAt: clock.now(), validUntil: clock.now() + 6 * H, points: [{ t: clock.now() + 12 * H, v: 70 }] };
    sink.byTopic.set(model.topic, model);
    expect(await forecaster.run('energy.load.total')).toMatchObject({ status: 'model-current' });
    expect(sink.get('energy.load.total')).toBe(model);
    clock.set(clock.now() + 7 * H); // the model's forecast is stale now
    expect((await forecaster.run('energy.load.total')).status).toBe('published');
    expect(sink.get('energy.load.total')!.model).toBe(BASELINE_MODEL);
  });

  it('publishes nothing when its back-test is no better than seasonal-naive, and withdraws its own earlier forecast', async () => {
    const { forecaster, sink, feed } = setup({ hazards: [], baseline: [spec('energy.load.total')] });
    const series = seasonalSeries(14);
    feed('energy.load.total', series.slice(0, 13 * 24));
    expect((await forecaster.run('energy.load.total')).status).toBe('published');
    // The last day jumps by 40: Holt-Winters, trained before it, misses it by far more than the naive scale.
    feed('energy.load.total', [...series.slice(0, 13 * 24), ...series.slice(13 * 24).map((v) => v + 40)]);
    const status = await forecaster.run('energy.load.total');
    expect(status).toMatchObject({ status: 'not-better', detail: expect.stringContaining('nothing published') });
    expect(status.mase!).toBeGreaterThanOrEqual(1);
    expect(sink.get('energy.load.total')).toBeUndefined();
  });
});
