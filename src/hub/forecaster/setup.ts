/**
 * The baseline forecaster as the hub runs it: the sampler fed by every publish (TopicService's
 * listener), its buckets written to the store every `flushMs` (default 60 s) and at stop, and the
 * forecaster's runs. Refuses, before anything starts, a config that has the baseline forecast a
 * hazard topic (forecasts.yaml reports it at its line; a caller passing HubOptions.forecasts gets
 * this error).
 */
import { hazardOf, NO_FORECASTS, type ForecastsConfig } from '../../core/files/forecasts.js';
import type { ForecastService } from '../forecasts.js';
import type { BaselineSampleStore } from '../storage/store.js';
import type { TopicService } from '../topics.js';
import { BaselineForecaster } from './baseline.js';
import { BaselineSampler } from './samples.js';

export interface BaselineSetup {
  forecaster: BaselineForecaster;
  sampler: BaselineSampler;
  /** Runs once now, then on its timers. */
  start(): void;
  destroy(): Promise<void>;
}

/** Throws when the config has the baseline forecast a hazard topic: called before any service starts. */
export function refuseHazardBaseline(config: ForecastsConfig | undefined): void {
  for (const spec of config?.baseline ?? []) {
    const hazard = hazardOf(spec.topic, config!.hazards);
    if (hazard !== undefined) throw new Error(`forecasts: baseline topic "${spec.topic}" is a hazard topic (hazards: "${hazard}"): only a model may forecast it (PUT /api/forecasts)`);
  }
}

export async function setUpBaseline(d: {
  config: ForecastsConfig | undefined;
  store: BaselineSampleStore;
  topics: TopicService;
  forecasts: ForecastService;
  now: () => number;
  log: (message: string) => void;
  flushMs?: number;
}): Promise<BaselineSetup> {
  refuseHazardBaseline(d.config);
  const config = d.config ?? NO_FORECASTS;
  const sampler = new BaselineSampler(config.baseline, d.store, d.now);
  await sampler.init();
  const forecaster = new BaselineForecaster({ config, sampler, forecasts: d.forecasts, now: d.now, log: d.log });
  const stopListening = config.baseline.length ? d.topics.onPublished((u) => {
        if (sampler.record(u.topic, u.value, u.t)) forecaster.nudge(u.topic);
      }) : () => undefined;
  let timer: NodeJS.Timeout | undefined;
  const flush = (): Promise<void> => sampler.flush().catch((e: unknown) => d.log(`baseline samples not stored (kept for the next try): ${(e as Error).message}`));
  return {
    forecaster,
    sampler,
    start: () => {
      if (config.baseline.length === 0) return;
      forecaster.start();
      timer = setInterval(() => void flush(), d.flushMs ?? 60_000);
      timer.unref();
    },
    destroy: async () => {
      stopListening();
      if (timer) clearInterval(timer);
      await forecaster.destroy();
      if (config.baseline.length) await flush();
    },
  };
}
