import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Priority, Size } from '../../core/wall/model.js';
import { CameraPool, type CameraLease, type PooledSource } from './camera-pool.js';

class FakeSource implements PooledSource {
  public static live = 0;
  public maxSize: Size | null = null;
  public destroyed = false;
  public constructor(public readonly url: string) {
    FakeSource.live++;
  }
  public setMaxSize(size: Size): void {
    this.maxSize = size;
  }
  public destroy(): void {
    this.destroyed = true;
    FakeSource.live--;
  }
}

function setup(budget: number) {
  const created: FakeSource[] = [];
  const pool = new CameraPool((url) => {
    const s = new FakeSource(url);
    created.push(s);
    return s;
  }, budget);
  const changes: { tile: string; url: string | null }[] = [];
  const take = (tile: string, url: string, priority: Priority = 'normal', size = { width: 640, height: 360 }) =>
    pool.acquire(url, { priority, size, onChange: (s) => changes.push({ tile, url: s?.url ?? null }) });
  return { pool, created, changes, take };
}

beforeEach(() => {
  FakeSource.live = 0;
});

describe('CameraPool', () => {
  it('decodes a URL once however many tiles show it, and frees it on the last release', () => {
    const { pool, created, take } = setup(4);
    const a = take('a', 'cam1', 'normal', { width: 1920, height: 1080 });
    const b = take('b', 'cam1', 'normal', { width: 3840, height: 1080 });
    expect(created).toHaveLength(1);
    expect(a.source).toBe(b.source);
    expect(created[0]?.maxSize).toEqual({ width: 3840, height: 1080 });
    b.release();
    b.release(); // idempotent
    expect(created[0]?.maxSize).toEqual({ width: 1920, height: 1080 });
    expect(created[0]?.destroyed).toBe(false);
    a.release();
    expect(created[0]?.destroyed).toBe(true);
    expect(pool.snapshot()).toEqual({ budget: 4, active: [], waiting: [], paused: [] });
  });

  it('beyond the budget, later cameras of equal priority wait and take the next freed slot', () => {
    const { pool, take, changes } = setup(2);
    const leases = ['c1', 'c2', 'c3', 'c4'].map((u) => take(u, u));
    expect(leases.map((l) => l.source !== null)).toEqual([true, true, false, false]);
    expect(FakeSource.live).toBe(2);
    expect(pool.snapshot()).toMatchObject({ active: ['c1', 'c2'], waiting: ['c3', 'c4'] });
    changes.length = 0;
    leases[0]?.release();
    expect(changes).toEqual([{ tile: 'c3', url: 'c3' }]);
    expect(leases[2]?.source?.url).toBe('c3');
    expect(FakeSource.live).toBe(2);
  });

  it('the lowest priority waits; a higher-priority arrival displaces it', () => {
    const { pool, take, changes } = setup(2);
    const low = take('low', 'l', 'low');
    take('n', 'n', 'normal');
    changes.length = 0;
    const crit = take('crit', 'k', 'critical');
    expect(crit.source?.url).toBe('k');
    expect(low.source).toBeNull();
    expect(changes).toEqual([{ tile: 'low', url: null }]); // the acquirer reads lease.source instead
    expect(pool.snapshot()).toMatchObject({ active: ['k', 'n'], waiting: ['l'] });
    expect(FakeSource.live).toBe(2);
  });

  it('a camera takes the best priority among its tiles', () => {
    const { take } = setup(1);
    const n = take('n', 'n', 'normal');
    const low = take('low', 'x', 'low');
    expect(low.source).toBeNull();
    const high = take('high', 'x', 'high'); // the same camera, now wanted by a high tile
    expect(high.source?.url).toBe('x');
    expect(low.source?.url).toBe('x');
    expect(n.source).toBeNull();
    high.release(); // back to low: n (normal) wins the slot again
    expect(n.source?.url).toBe('n');
    expect(low.source).toBeNull();
  });

  it('budget changes apply at once and never exceed the budget mid-way', () => {
    const { pool, take } = setup(3);
    const peak: number[] = [];
    const leases: CameraLease<FakeSource>[] = [];
    for (const u of ['a', 'b', 'c', 'd']) leases.push(take(u, u));
    pool.setBudget(1);
    peak.push(FakeSource.live);
    pool.setBudget(0);
    peak.push(FakeSource.live);
    pool.setBudget(4);
    expect(peak).toEqual([1, 0]);
    expect(leases.every((l) => l.source !== null)).toBe(true);
  });

  it('never calls back into a lease that acquire() has not returned yet', () => {
    const { take, changes } = setup(1);
    const a = take('a', 'a');
    expect(a.source?.url).toBe('a');
    expect(changes).toEqual([]);
  });

  it('a lease released inside a change callback does not disturb the others', () => {
    const { pool, created } = setup(1);
    const first = pool.acquire('a', { priority: 'normal', size: { width: 1, height: 1 }, onChange: () => {} });
    let second: CameraLease<FakeSource> | null = null;
    second = pool.acquire('b', {
      priority: 'normal',
      size: { width: 1, height: 1 },
      onChange: (s) => {
        if (s) second?.release();
      },
    });
    first.release(); // b gets the slot and immediately gives it back
    expect(created.map((s) => [s.url, s.destroyed])).toEqual([
      ['a', true],
      ['b', true],
    ]);
    expect(pool.snapshot()).toEqual({ budget: 1, active: [], waiting: [], paused: [] });
  });

  describe('with timers', () => {
    beforeEach(() => vi.useFakeTimers());
    afterEach(() => vi.useRealTimers());

    it('a tile released later (after a layout swap) hands its slot over without a gap', () => {
      const { take } = setup(1);
      const oldScene = take('old', 'cam');
      const newScene = take('new', 'cam');
      const other = take('other', 'elsewhere');
      setTimeout(() => oldScene.release(), 500);
      vi.advanceTimersByTime(500);
      expect(newScene.source?.url).toBe('cam'); // same decoder kept: no reconnect on a swap
      expect(other.source).toBeNull();
      newScene.release();
      expect(other.source?.url).toBe('elsewhere');
    });
  });

  describe('hidden tiles (degraded mode)', () => {
    it('a hidden tile frees its decoder for the next waiting camera, and takes it back when shown', () => {
      const { pool, take, changes, created } = setup(2);
      const [a, b, c] = ['a', 'b', 'c'].map((u) => take(u, u));
      expect(pool.snapshot()).toEqual({ budget: 2, active: ['a', 'b'], waiting: ['c'], paused: [] });
      changes.length = 0;
      b!.setShown(false);
      expect(changes).toEqual([{ tile: 'b', url: null }, { tile: 'c', url: 'c' }]); // freed before started
      expect(created.find((s) => s.url === 'b')?.destroyed).toBe(true);
      expect(b!.source).toBeNull();
      expect(FakeSource.live).toBe(2);
      expect(pool.snapshot()).toEqual({ budget: 2, active: ['a', 'c'], waiting: [], paused: ['b'] });
      changes.length = 0;
      b!.setShown(true); // arrival kept: b ranks above c again, as before it was hidden
      expect(changes).toEqual([{ tile: 'c', url: null }, { tile: 'b', url: 'b' }]);
      expect(FakeSource.live).toBe(2);
      expect(pool.snapshot()).toEqual({ budget: 2, active: ['a', 'b'], waiting: ['c'], paused: [] });
      expect([a, b, c].map((l) => l!.source?.url ?? null)).toEqual(['a', 'b', null]);
    });

    it('a camera keeps its decoder while any of its tiles is shown, capped to the shown tiles', () => {
      const { pool, take, created } = setup(1);
      const big = take('big', 'cam', 'normal', { width: 1920, height: 1080 });
      const small = take('small', 'cam', 'normal', { width: 480, height: 270 });
      big.setShown(false);
      expect(small.source?.url).toBe('cam');
      expect(created).toHaveLength(1);
      expect(created[0]?.maxSize).toEqual({ width: 480, height: 270 });
      small.setShown(false);
      expect(created[0]?.destroyed).toBe(true);
      expect(pool.snapshot()).toEqual({ budget: 1, active: [], waiting: [], paused: ['cam'] });
      small.setShown(true);
      expect(created).toHaveLength(2);
      expect(created[1]?.maxSize).toEqual({ width: 480, height: 270 });
    });

    it('ranks a camera by its shown tiles only', () => {
      const { take } = setup(1);
      const n = take('n', 'n', 'normal');
      const crit = take('crit', 'x', 'critical');
      const low = take('low', 'x', 'low');
      expect(n.source).toBeNull();
      crit.setShown(false); // x is now wanted by a low tile only: n wins the slot
      expect(n.source?.url).toBe('n');
      expect(low.source).toBeNull();
      crit.setShown(true);
      expect(low.source?.url).toBe('x');
      expect(n.source).toBeNull();
    });

    it('a tile acquired hidden (a scene built while degraded) takes no slot from a shown camera', () => {
      const { pool, take, changes, created } = setup(1);
      const oldHidden = take('old-low', 'low');
      const spare = take('spare', 'spare');
      oldHidden.setShown(false);
      expect(spare.source?.url).toBe('spare');
      changes.length = 0;
      const newHidden = pool.acquire('low', { priority: 'normal', size: { width: 1, height: 1 }, shown: false, onChange: () => {} });
      expect(newHidden.shown).toBe(false);
      expect(newHidden.source).toBeNull();
      expect(changes).toEqual([]); // spare was not displaced, not even for a moment
      expect(created.map((s) => [s.url, s.destroyed])).toEqual([['low', true], ['spare', false]]);
      expect(pool.snapshot()).toEqual({ budget: 1, active: ['spare'], waiting: [], paused: ['low'] });
    });

    it('a hidden waiting camera leaves the queue; released hidden, it is gone', () => {
      const { pool, take } = setup(1);
      take('a', 'a');
      const w = take('w', 'w');
      w.setShown(false);
      w.setShown(false); // idempotent
      expect(pool.snapshot()).toEqual({ budget: 1, active: ['a'], waiting: [], paused: ['w'] });
      w.release();
      w.setShown(true); // after release: no effect
      expect(pool.snapshot()).toEqual({ budget: 1, active: ['a'], waiting: [], paused: [] });
    });
  });

  it('destroy frees every decoder', () => {
    const { pool, take } = setup(3);
    const a = take('a', 'a');
    take('b', 'b');
    pool.destroy();
    expect(FakeSource.live).toBe(0);
    expect(a.source).toBeNull();
  });
});
