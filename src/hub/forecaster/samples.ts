/**
 * The baseline topics' training series: every value published to a topic of forecasts.yaml's
 * `baseline` is added to its `every` bucket (sum and count), and `trainDays` of buckets are kept —
 * 336 rows for an hourly topic over 14 days — in memory and in the store (baseline_samples), written
 * in batches and pruned by age. The chart history cannot serve: it keeps ≤ 600 points over a chart
 * window only, too little for a daily season.
 */
import type { BaselineSpec } from '../../core/files/forecasts.js';
import type { BaselineSample, BaselineSampleStore } from '../storage/store.js';
import { chartNumber } from '../topic-history.js';

interface Bucket {
  sum: number;
  count: number;
}

const DAY_MS = 86_400_000;

/** An evenly spaced series of bucket means, `from` the first bucket kept. */
export interface TrainingSeries {
  /** Start of the first bucket (hub time). */
  from: number;
  everyMs: number;
  values: number[];
  /** Buckets that had values (the rest were filled in). */
  observed: number;
}

export class BaselineSampler {
  private readonly buckets = new Map<string, Map<number, Bucket>>();
  private readonly dirty = new Map<string, Set<number>>();
  private readonly specs: Map<string, BaselineSpec>;

  public constructor(specs: readonly BaselineSpec[], private readonly store: BaselineSampleStore, private readonly now: () => number) {
    this.specs = new Map(specs.map((s) => [s.topic, s]));
    for (const topic of this.specs.keys()) this.buckets.set(topic, new Map());
  }

  public async init(): Promise<void> {
    for (const s of await this.store.load()) this.buckets.get(s.topic)?.set(s.bucket, { sum: s.sum, count: s.count });
  }

  /** Adds a published value to its bucket: whether it was kept (values of other topics, non-numbers and values older than trainDays are not). */
  public record(topic: string, value: unknown, t: number): boolean {
    const spec = this.specs.get(topic);
    const v = chartNumber(value);
    if (!spec || v === undefined) return false;
    const bucket = Math.floor(t / spec.everyMs) * spec.everyMs;
    // Older than trainDays, or ahead of the hub's clock by more than a bucket (a publisher's clock
    // far off): not kept, so the buckets stay bounded by trainDays.
    if (bucket < this.keepFrom(spec) || bucket > this.now() + spec.everyMs) return false;
    const kept = this.buckets.get(topic)!;
    const b = kept.get(bucket) ?? { sum: 0, count: 0 };
    b.sum += v;
    b.count += 1;
    kept.set(bucket, b);
    let changed = this.dirty.get(topic);
    if (!changed) this.dirty.set(topic, (changed = new Set()));
    changed.add(bucket);
    return true;
  }

  private keepFrom(spec: BaselineSpec): number {
    return Math.floor((this.now() - spec.trainDays * DAY_MS) / spec.everyMs) * spec.everyMs;
  }

  /**
   * The topic's whole buckets (the one still filling left out), from its first kept one to its last
   * with values: the mean of each, a bucket without values between them taking the one a season
   * before it (else the one before it), so a short outage does not bend the season. Nothing is
   * invented after the last value: a topic that went silent ends its series there. Empty before the
   * first value.
   */
  public series(topic: string): TrainingSeries | undefined {
    const spec = this.specs.get(topic);
    const kept = this.buckets.get(topic);
    if (!spec || !kept) return undefined;
    const from = this.keepFrom(spec);
    const buckets = [...kept.keys()].filter((b) => b >= from).sort((a, b) => a - b);
    const end = Math.floor(this.now() / spec.everyMs) * spec.everyMs; // the bucket still filling
    const whole = buckets.filter((b) => b < end);
    if (whole.length === 0) return { from: end, everyMs: spec.everyMs, values: [], observed: 0 };
    const first = whole[0]!;
    const last = whole[whole.length - 1]!;
    const seasonSteps = Math.round(spec.seasonMs / spec.everyMs);
    const values: number[] = [];
    for (let b = first; b <= last; b += spec.everyMs) {
      const here = kept.get(b);
      if (here && here.count > 0) values.push(here.sum / here.count);
      else values.push(values.length >= seasonSteps ? values[values.length - seasonSteps]! : values[values.length - 1]!);
    }
    return { from: first, everyMs: spec.everyMs, values, observed: whole.length };
  }

  /** Writes the buckets changed since the last flush and prunes by age; kept for the next one if it fails. */
  public async flush(): Promise<void> {
    const samples: BaselineSample[] = [];
    for (const [topic, changed] of this.dirty) {
      const kept = this.buckets.get(topic)!;
      for (const bucket of changed) {
        const b = kept.get(bucket);
        if (b) samples.push({ topic, bucket, ...b });
      }
    }
    const keepFrom = new Map<string, number>();
    for (const [topic, spec] of this.specs) {
      const from = this.keepFrom(spec);
      keepFrom.set(topic, from);
      const kept = this.buckets.get(topic)!;
      for (const bucket of kept.keys()) if (bucket < from) kept.delete(bucket);
    }
    const taken = new Map(this.dirty);
    this.dirty.clear();
    try {
      await this.store.save(samples, keepFrom);
    } catch (e) {
      for (const [topic, changed] of taken) {
        const now = this.dirty.get(topic);
        this.dirty.set(topic, new Set([...changed, ...(now ?? [])]));
      }
      throw e;
    }
  }
}
