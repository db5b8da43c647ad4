import { afterEach, describe, expect, it } from 'vitest';
import type { Layout } from '../core/wall/model.js';
import { LIMITS } from '../core/protocol/limits.js';
import { tempDir } from '../../test/support/hub-fixtures.js';
import { SqliteStore } from './storage/sqlite/sqlite-store.js';
import { collectHistoryWindows, HistoryKeeper } from './topic-history.js';

const T = 1_750_000_000_000;
const TOPIC = 'flood.water-level.song-ganh-hao';

type Tile = Layout['tiles'][number];
const chart = (id: string, topics: string[], props: Record<string, unknown>): Tile => ({
  id, widget: 'chart', cell: { col: 0, row: 0, colSpan: 1, rowSpan: 1 }, z: 0, topics, priority: 'normal', props,
});
const layout = (id: string, tiles: Tile[]): Layout => ({
  file: `layouts/${id}.yaml`, id, title: { vi: id, en: id }, theme: 'control-room-dark', subdivision: { columns: 1, rows: 1 }, tiles,
});

/** A keeper on a clock the test moves. */
function keeper(windows: [string, number][]) {
  const clock = { now: T };
  return { clock, h: new HistoryKeeper(new Map(windows), () => clock.now) };
}

describe('collectHistoryWindows', () => {
  it('keeps per topic the longest window of the time charts that read it, in any layout', () => {
    const windows = collectHistoryWindows([
      layout('a', [
        chart('c1', ['x.a', 'x.b'], { kind: 'line', windowS: 600 }),
        chart('c2', ['x.c'], { kind: 'bar', windowS: 99_999 }), // a bar shows the latest value only
        { ...chart('k', ['x.d'], {}), widget: 'kpi' },
      ]),
      layout('b', [chart('c3', ['x.a'], { kind: 'area', windowS: 7200 }), chart('c4', ['x.e'], { kind: 'sparkline' })]),
    ]);
    expect(Object.fromEntries(windows)).toEqual({ 'x.a': 7200, 'x.b': 600, 'x.e': 3600 });
  });
});

describe('HistoryKeeper', () => {
  it('keeps every point while they are sparser than window / points, newest last', () => {
    const { clock, h } = keeper([[TOPIC, 3600]]);
    for (let i = 0; i < 10; i++) h.record(TOPIC, 1 + i / 10, T + i * 60_000);
    clock.now = T + 9 * 60_000;
    expect(h.points(TOPIC)).toEqual(Array.from({ length: 10 }, (_, i) => ({ t: T + i * 60_000, v: 1 + i / 10 })));
    expect(h.snapshot()).toEqual([{ topic: TOPIC, t: h.points(TOPIC).map((p) => p.t), v: h.points(TOPIC).map((p) => p.v) }]);
  });

  it('thins a dense topic to at most LIMITS.historyPoints over its window, keeping the newest value', () => {
    const { clock, h } = keeper([[TOPIC, 60]]);
    expect(h.perTopic).toBe(LIMITS.historyPoints);
    const spacing = 60_000 / LIMITS.historyPoints;
    for (let i = 0; i <= 6000; i++) {
      clock.now = T + i * 10; // 100 updates a second for a minute
      h.record(TOPIC, { value: i }, clock.now);
    }
    const points = h.points(TOPIC);
    expect(points.length).toBeLessThanOrEqual(LIMITS.historyPoints);
    expect(points.length).toBeGreaterThan(LIMITS.historyPoints * 0.9);
    expect(points[points.length - 1]).toEqual({ t: T + 60_000, v: 6000 });
    for (let i = 1; i < points.length - 1; i++) expect(points[i]!.t - points[i - 1]!.t).toBeGreaterThanOrEqual(spacing);
    expect(points[0]!.t).toBeGreaterThanOrEqual(clock.now - 60_000);
  });

  it('shares LIMITS.historyTotal among many chart topics', () => {
    const topics = Array.from({ length: 100 }, (_, i) => `x.t${i}`);
    const { clock, h } = keeper(topics.map((t) => [t, 86_400]));
    expect(h.perTopic).toBe(LIMITS.historyTotal / 100);
    for (let i = 0; i < 500; i++) {
      clock.now = T + i * 200_000; // for longer than the window
      for (const t of topics) h.record(t, i, clock.now);
    }
    const snap = h.snapshot();
    expect(snap).toHaveLength(100);
    for (const s of snap) {
      expect(s.t.length).toBeLessThanOrEqual(h.perTopic);
      expect(s.t.length).toBeGreaterThan(h.perTopic * 0.8); // updates every 200 s, so points 1000 s apart rather than 864
    }
    expect(snap.reduce((n, s) => n + s.t.length, 0)).toBeLessThanOrEqual(LIMITS.historyTotal);
    // Whatever comes in denser (here: a store written under other layouts), the cap holds.
    const dense = new HistoryKeeper(new Map(topics.map((t) => [t, 86_400])), () => clock.now);
    dense.restore(topics.flatMap((topic) => Array.from({ length: 300 }, (_, i) => ({ topic, t: clock.now - i * 1000, v: i })).reverse()));
    const all = dense.snapshot();
    for (const s of all) expect(s.t).toHaveLength(dense.perTopic);
    expect(all.reduce((n, s) => n + s.t.length, 0)).toBe(LIMITS.historyTotal);
    expect(all[0]!.t[all[0]!.t.length - 1]).toBe(clock.now); // the newest are kept
  });

  it('drops points older than the window, and topics whose points all aged out', () => {
    const { clock, h } = keeper([[TOPIC, 600], ['x.other', 60]]);
    h.record(TOPIC, 1, T);
    h.record(TOPIC, 2, T + 300_000);
    h.record('x.other', 5, T + 300_000);
    clock.now = T + 300_000 + 61_000;
    expect(h.points(TOPIC)).toEqual([{ t: T, v: 1 }, { t: T + 300_000, v: 2 }]);
    expect(h.snapshot().map((s) => s.topic)).toEqual([TOPIC]);
    clock.now = T + 600_001;
    expect(h.points(TOPIC)).toEqual([{ t: T + 300_000, v: 2 }]);
  });

  it('leaves out topics no chart reads, values a chart cannot draw, and values older than the newest point', () => {
    const { h } = keeper([[TOPIC, 3600]]);
    h.record('x.not-charted', 1, T);
    h.record(TOPIC, 'cao', T);
    h.record(TOPIC, { level: 2 }, T);
    h.record(TOPIC, 2, T + 1000);
    h.record(TOPIC, 1, T + 500); // resent past: not inserted
    h.record(TOPIC, 3, T + 1000); // the same time again: replaces
    expect(h.points('x.not-charted')).toEqual([]);
    expect(h.points(TOPIC)).toEqual([{ t: T + 1000, v: 3 }]);
  });

  describe('in the store', () => {
    const cleanups: (() => void)[] = [];
    afterEach(() => {
      for (const c of cleanups.splice(0)) c();
    });
    const openStore = (dir: string) => {
      const s = SqliteStore.open(dir);
      cleanups.unshift(() => void s.destroy());
      return s;
    };

    it('survives a restart: what was flushed comes back, thinned and pruned points stay gone', async () => {
      const tmp = tempDir();
      cleanups.push(() => tmp.remove());
      const { clock, h } = keeper([[TOPIC, 60], ['x.b', 3600]]);
      let store = openStore(tmp.dir);
      // Flushed in batches, as TopicService does every second; dense enough to be thinned and old enough to be pruned.
      for (let i = 0; i <= 1200; i++) {
        clock.now = T + i * 50;
        h.record(TOPIC, i, clock.now);
        if (i % 20 === 0) h.record('x.b', 5000 - i, clock.now);
        if (i % 20 === 7) await store.topics.saveHistory(h.takeChanges());
      }
      h.prune();
      await store.topics.saveHistory(h.takeChanges());
      await store.destroy();

      store = openStore(tmp.dir);
      const again = new HistoryKeeper(new Map([[TOPIC, 60], ['x.b', 3600]]), () => clock.now);
      again.restore((await store.topics.loadHistory()));
      expect(again.points(TOPIC)).toEqual(h.points(TOPIC));
      expect(again.points('x.b')).toEqual(h.points('x.b'));
      expect(again.points(TOPIC).length).toBeLessThanOrEqual(LIMITS.historyPoints);
      expect(again.points(TOPIC)[0]!.t).toBeGreaterThanOrEqual(clock.now - 60_000);

      // The layouts changed: x.b is no longer charted, so its rows go.
      await store.topics.keepHistoryOf(new Set([TOPIC]));
      expect((await store.topics.loadHistory()).some((p) => p.topic === 'x.b')).toBe(false);
      expect((await store.topics.loadHistory()).filter((p) => p.topic === TOPIC)).toHaveLength(h.points(TOPIC).length);
    });
  });
});
