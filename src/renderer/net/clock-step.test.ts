import { describe, expect, it } from 'vitest';
import { CLOCK_STEP_MS, ClockStepWatch, type ClockStepTarget } from './clock-step.js';
import type { ClockSample } from './events.js';

/** A clock whose sync finds `hubAhead` (the hub's true offset); counts the syncs. */
function fakeClock(): ClockStepTarget & { hubAhead: number; syncs: number; busy: boolean } {
  const c = {
    offsetMs: 0,
    hubAhead: 0,
    syncs: 0,
    busy: false,
    hubNow: () => 1_800_000_000_000 + c.offsetMs,
    resyncNow: (): Promise<ClockSample | null> | null => {
      if (c.busy) return null;
      c.syncs++;
      c.offsetMs = c.hubAhead;
      return Promise.resolve({ offsetMs: c.hubAhead, rttMs: 1, samples: 8, at: 0 });
    },
  };
  return c;
}

describe('ClockStepWatch', () => {
  it('syncs on a hub instant the offset cannot explain, not on a long lead or a late message', () => {
    const clock = fakeClock();
    const watch = new ClockStepWatch(clock, 60_000, () => 0);
    watch.checkHubInstant(clock.hubNow() + 60_000, 60_000); // the longest switch lead
    watch.checkHubInstant(clock.hubNow() - CLOCK_STEP_MS + 1, 0); // a message held up 10 s
    expect(clock.syncs).toBe(0);
    watch.checkHubInstant(clock.hubNow() + 3_600_000, 60_000);
    watch.checkHubInstant(clock.hubNow() - 3_600_000, 0);
    expect(clock.syncs).toBe(2);
    clock.busy = true;
    watch.checkHubInstant(clock.hubNow() + 3_600_000, 0); // a sync under way: no second one
    expect(clock.syncs).toBe(2);
  });

  it('syncs on updates stamped far from hub time; a publisher with its own clock backs the checks off', async () => {
    const clock = fakeClock();
    let mono = 0;
    const watch = new ClockStepWatch(clock, 60_000, () => mono);
    const t0 = clock.hubNow();
    watch.checkUpdates([{ topic: 'a', value: 1, t: t0 }, { topic: 'a', value: 2, t: t0 - 5_000 }]);
    expect(clock.syncs).toBe(0);
    // The hub stepped an hour ahead: its next value is stamped an hour after hubNow().
    clock.hubAhead = 3_600_000;
    watch.checkUpdates([{ topic: 'a', value: 3, t: t0 + 3_600_000 }]);
    expect(clock.syncs).toBe(1);
    await Promise.resolve();
    // Stepped back: the next value is an hour behind hubNow().
    clock.hubAhead = 0;
    mono += 1000;
    watch.checkUpdates([{ topic: 'a', value: 4, t: t0 }]);
    expect(clock.syncs).toBe(2);
    await Promise.resolve();
    // A publisher that sends its own times, 20 s off (no step): one sync, then the wait doubles each time.
    const syncsAt: number[] = [];
    for (mono = 2000; mono < 40_000; mono += 500) {
      const before = clock.syncs;
      watch.checkUpdates([{ topic: 'b', value: mono, t: clock.hubNow() + 2 * CLOCK_STEP_MS }]);
      if (clock.syncs > before) syncsAt.push(mono);
      await Promise.resolve();
    }
    expect(syncsAt).toEqual([2000, 4000, 8000, 16_000, 32_000]);
  });
});
