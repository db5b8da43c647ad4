/**
 * The bench's data feed generator (bench/lib/feed.mjs), which runs in the measured page or its
 * worker: the same seeded sequence for both pages, topics in turn, and the latency probe's markers
 * held on their topic until the page shows them.
 */
import { describe, expect, it } from 'vitest';
import { PROBE_BASE, feedGenerator } from '../../bench/lib/feed.mjs';

const topics = [
  { topic: 'a', min: 0, max: 10 },
  { topic: 'b', min: 0, max: 100 },
  { topic: 'c', min: 50, max: 60 },
];
const probe = { topic: 'b', everyMs: 250, base: PROBE_BASE, giveUpMs: 10_000 };

describe('bench feed generator', () => {
  it('gives every topic its turn, within its range, the same sequence for the same seed', () => {
    const one = feedGenerator({ topics, seed: 7, probe: null }).next(30, 1000).updates;
    const two = feedGenerator({ topics, seed: 7, probe: null }).next(30, 1000).updates;
    expect(one).toEqual(two);
    expect(one.map((u) => u.topic).slice(0, 6)).toEqual(['a', 'b', 'c', 'a', 'b', 'c']);
    for (const u of one) {
      const { min, max } = topics.find((t) => t.topic === u.topic)!;
      expect(u.value).toBeGreaterThanOrEqual(min);
      expect(u.value).toBeLessThanOrEqual(max);
      expect(u.t).toBe(1000);
    }
  });

  it('holds a marker on the probed topic until the page shows it, then issues the next no sooner than everyMs', () => {
    const gen = feedGenerator({ topics, seed: 7, probe });
    const first = gen.next(3, 1000);
    expect(first.marker).toEqual({ value: PROBE_BASE + 1, sentAt: 1000 });
    expect(first.updates.find((u) => u.topic === 'b')?.value).toBe(PROBE_BASE + 1);
    // Not shown yet: the same marker stays, however long (short of giving up).
    const waiting = gen.next(3, 2000);
    expect(waiting.marker).toBeNull();
    expect(waiting.updates.find((u) => u.topic === 'b')?.value).toBe(PROBE_BASE + 1);
    gen.seen(PROBE_BASE + 1);
    expect(gen.next(3, 2100).marker).toEqual({ value: PROBE_BASE + 2, sentAt: 2100 });
    gen.seen(PROBE_BASE + 2);
    expect(gen.next(3, 2200).marker).toBeNull(); // 100 ms after the last: too soon
    expect(gen.next(3, 2350).marker).toEqual({ value: PROBE_BASE + 3, sentAt: 2350 });
    expect(gen.lost()).toBe(0);
  });

  it('gives up on a marker never shown and counts it lost', () => {
    const gen = feedGenerator({ topics, seed: 7, probe });
    gen.next(3, 0);
    expect(gen.next(3, 9_999).marker).toBeNull();
    expect(gen.next(3, 10_000).marker).toEqual({ value: PROBE_BASE + 2, sentAt: 10_000 });
    expect(gen.lost()).toBe(1);
  });

  it('draws the page timer’s intervals around the period, in pairs that add up to two periods, the same for the same seed', () => {
    const factors = (seed: number): number[] => {
      const gen = feedGenerator({ topics, seed, probe: null });
      return Array.from({ length: 200 }, () => gen.intervalFactor());
    };
    const f = factors(7);
    expect(factors(7)).toEqual(f);
    expect(factors(8)).not.toEqual(f);
    for (let i = 0; i < f.length; i += 2) expect(f[i]! + f[i + 1]!).toBeCloseTo(2, 9);
    for (const x of f) {
      expect(x).toBeGreaterThanOrEqual(0.5);
      expect(x).toBeLessThanOrEqual(1.5);
    }
    // Spread over the range, not a fixed period: the phase against the frame varies.
    expect(Math.max(...f) - Math.min(...f)).toBeGreaterThan(0.8);
  });

  it('draws values independently of the intervals', () => {
    const plain = feedGenerator({ topics, seed: 7, probe: null });
    const timed = feedGenerator({ topics, seed: 7, probe: null });
    timed.intervalFactor();
    expect(timed.next(9, 1000)).toEqual(plain.next(9, 1000));
  });
});
