import { describe, expect, it } from 'vitest';
import type { BaselineSpec } from '../../core/files/forecasts.js';
import type { BaselineSample, BaselineSampleStore } from '../storage/store.js';
import { BaselineSampler } from './samples.js';

const H = 3_600_000;
const START = Date.UTC(2026, 10, 1);
const SPEC: BaselineSpec = { topic: 'energy.load', method: 'holt-winters', horizonMs: 2 * H, everyMs: H, seasonMs: 4 * H, trainDays: 3 };

class Store implements BaselineSampleStore {
  public rows = new Map<string, BaselineSample>();
  public saves: { samples: BaselineSample[]; keepFrom: Map<string, number> }[] = [];
  public failNext = false;
  public async load(): Promise<BaselineSample[]> {
    return [...this.rows.values()];
  }
  public async save(samples: readonly BaselineSample[], keepFrom: ReadonlyMap<string, number>): Promise<void> {
    if (this.failNext) {
      this.failNext = false;
      throw new Error('disk full');
    }
    this.saves.push({ samples: [...samples], keepFrom: new Map(keepFrom) });
    for (const s of samples) this.rows.set(`${s.topic}@${s.bucket}`, s);
  }
}

function sampler(store = new Store()) {
  let now = START;
  const s = new BaselineSampler([SPEC], store, () => now);
  return { s, store, at: (t: number) => void (now = t) };
}

describe('baseline training buckets', () => {
  it('averages each bucket, fills a gap with the value a season before, ends at the last value', () => {
    const { s, at } = sampler();
    at(START + 12 * H + 10);
    for (let i = 0; i < 9; i++) if (i !== 5) s.record('energy.load', i * 10, START + i * H + 1);
    s.record('energy.load', 5, START + 1); // bucket 0: (0 + 5) / 2
    s.record('energy.load', { value: 100 }, START + 12 * H + 5); // the bucket still filling: left out
    s.record('other.topic', 1, START); // not a baseline topic
    s.record('energy.load', 'n/a', START); // not a number
    expect(s.series('energy.load')).toEqual({ from: START, everyMs: H, values: [2.5, 10, 20, 30, 40, 10, 60, 70, 80], observed: 8 });
  });

  it('keeps neither values older than trainDays nor values from far ahead of the clock', () => {
    const { s, at } = sampler();
    at(START + 4 * 24 * H);
    expect(s.record('energy.load', 1, START)).toBe(false);
    expect(s.record('energy.load', 1, START + 4 * 24 * H + 5 * H)).toBe(false);
    expect(s.record('energy.load', 1, START + 4 * 24 * H - H)).toBe(true);
  });

  it('writes the changed buckets with the age limit, and keeps them for the next flush when the store refuses', async () => {
    const { s, store, at } = sampler();
    at(START + 3 * H);
    s.record('energy.load', 4, START + 1);
    store.failNext = true;
    await expect(s.flush()).rejects.toThrow('disk full');
    s.record('energy.load', 6, START + H + 1);
    await s.flush();
    expect(store.saves).toHaveLength(1);
    expect(store.saves[0]!.samples.sort((a, b) => a.bucket - b.bucket)).toEqual([
      { topic: 'energy.load', bucket: START, sum: 4, count: 1 },
      { topic: 'energy.load', bucket: START + H, sum: 6, count: 1 },
    ]);
    expect(store.saves[0]!.keepFrom).toEqual(new Map([['energy.load', START + 3 * H - 3 * 24 * H]]));
    // A restarted hub reads them back.
    const again = sampler(store);
    again.at(START + 3 * H);
    await again.s.init();
    expect(again.s.series('energy.load')?.values).toEqual([4, 6]);
  });
});
