import { describe, expect, it } from 'vitest';
import { FakeHubLink } from '../../../test/support/fake-hub-link.js';
import { EventBus } from './bus.js';
import { ClockSync } from './clock-sync.js';
import type { WallClientEvents } from './events.js';

describe('ClockSync', () => {
  it('takes the offset of the ping with the lowest round trip', async () => {
    // Local clock starts at 1000; the hub is 5000 ms ahead. Each ping: out delay, back delay.
    let local = 1_700_000_000_000;
    const HUB_AHEAD = 5000;
    const delays: [number, number][] = [[40, 10], [3, 3], [100, 5], [2, 30]];
    const link = new FakeHubLink();
    link.connected = true;
    let i = 0;
    link.autoReply = (_event, t0) => {
      const [out, back] = delays[i++]!;
      local += out;
      const hubTime = local + HUB_AHEAD;
      local += back;
      return { t0, hubTime };
    };
    const bus = new EventBus<WallClientEvents>();
    const clock = new ClockSync(link, bus, { samples: 4, sampleGapMs: 0, timeoutMs: 1000, resyncMs: 60_000 }, () => local);
    const result = await clock.sync();
    // Winner: [3, 3] → rtt 6, exact offset (symmetric).
    expect(result).toMatchObject({ rttMs: 6, offsetMs: HUB_AHEAD, samples: 4 });
    expect(clock.hubNow()).toBe(local + HUB_AHEAD);
    expect(clock.toLocal(local + HUB_AHEAD)).toBe(local);
    clock.destroy();
  });

  it('ignores lost, garbled and mismatched replies; resyncs on connect only', async () => {
    const link = new FakeHubLink();
    link.connected = true;
    let n = 0;
    link.autoReply = (_e, t0) => {
      n++;
      if (n === 1) throw new Error('timeout');
      if (n === 2) return { t0: 1, hubTime: 2e12 };
      if (n === 3) return 'pong';
      return { t0, hubTime: (t0 as number) + 250 };
    };
    const bus = new EventBus<WallClientEvents>();
    const now = Date.now;
    const clock = new ClockSync(link, bus, { samples: 4, sampleGapMs: 0, timeoutMs: 1000, resyncMs: 60_000 }, now);
    clock.init();
    const synced = new Promise((resolve) => bus.on('clock', resolve));
    bus.emit('state', { state: 'connected', attempt: 0, at: now() });
    const s = (await synced) as { samples: number; offsetMs: number };
    expect(s.samples).toBe(1);
    expect(Math.abs(s.offsetMs - 250)).toBeLessThanOrEqual(1);
    clock.destroy();
    expect(bus.listenerCount('state')).toBe(0);
  });

  it('syncs at once when a hub instant shows the hub clock stepped, not for instants the offset explains', async () => {
    let hubAhead = 0;
    const link = new FakeHubLink();
    link.connected = true;
    let pings = 0;
    link.autoReply = (_e, t0) => {
      pings++;
      return { t0, hubTime: (t0 as number) + hubAhead };
    };
    const bus = new EventBus<WallClientEvents>();
    const clock = new ClockSync(link, bus, { samples: 2, sampleGapMs: 0, timeoutMs: 1000, resyncMs: 60_000 }, Date.now);
    clock.init();
    await clock.sync();
    expect(Math.abs(clock.offsetMs)).toBeLessThanOrEqual(1);
    const command = (at: number) => ({ commandId: 'c1', layout: 'flood', at, localAt: at });
    // A command 30 s ahead (a long lead), a late list stamped 5 s behind (a slow link): no sync.
    bus.emit('layout', command(clock.hubNow() + 30_000) as never);
    bus.emit('late', { at: clock.hubNow() - 5_000, late: [] });
    expect(pings).toBe(2);
    // The hub's clock jumps an hour ahead: its next command's `at` shows it; the offset follows.
    hubAhead = 3_600_000;
    const synced = new Promise<{ offsetMs: number }>((resolve) => bus.on('clock', resolve));
    bus.emit('layout', command(Date.now() + hubAhead + 400) as never);
    expect(Math.abs((await synced).offsetMs - hubAhead)).toBeLessThanOrEqual(1);
    // And back: a late list stamped an hour behind the offset.
    hubAhead = 0;
    const back = new Promise<{ offsetMs: number }>((resolve) => bus.on('clock', resolve));
    bus.emit('late', { at: Date.now(), late: [] });
    expect(Math.abs((await back).offsetMs)).toBeLessThanOrEqual(1);
    clock.destroy();
  });
});
