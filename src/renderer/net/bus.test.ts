import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.js';
import { EventBus, type BusError } from './bus.js';
import { mergeWallClientConfig } from './config.js';
import { uuidV4 } from './uuid.js';

describe('EventBus', () => {
  it('returns a disposer, and turns a throwing listener into an error event without stopping the others', () => {
    const bus = new EventBus<{ tick: number; error: BusError }>();
    const got: number[] = [];
    const errors: BusError[] = [];
    bus.on('error', (e) => errors.push(e));
    bus.on('tick', () => {
      throw new Error('bad widget');
    });
    const off = bus.on('tick', (n) => got.push(n));
    bus.emit('tick', 1);
    off();
    bus.emit('tick', 2);
    expect(got).toEqual([1]);
    expect(errors.map((e) => e.source)).toEqual(['tick', 'tick']);
    bus.clear();
    expect(bus.listenerCount()).toBe(0);
  });
});

describe('backoff, config, uuid', () => {
  it('doubles from base to max, scaled down by at most the jitter', () => {
    const o = { baseMs: 500, maxMs: 10_000, jitter: 0.5 };
    expect([0, 1, 2, 3, 4, 5, 10].map((a) => backoffDelay(a, o, () => 0))).toEqual([500, 1000, 2000, 4000, 8000, 10_000, 10_000]);
    expect(backoffDelay(3, o, () => 1)).toBe(2000);
    expect(backoffDelay(3, o, () => 0.999)).toBeGreaterThanOrEqual(2000);
  });

  it('merges config slices and names contradictions', () => {
    expect(mergeWallClientConfig({ reconnect: { baseMs: 100 } }).reconnect).toMatchObject({ baseMs: 100, maxMs: 10_000 });
    expect(() => mergeWallClientConfig({ reconnect: { baseMs: 20_000 } })).toThrow(/reconnect\.maxMs.*reconnect\.baseMs/);
  });

  it('makes v4 UUIDs', () => {
    expect(uuidV4()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
