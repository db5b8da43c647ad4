import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Layout } from '../core/wall/model.js';
import type { Snapshot } from '../core/protocol/protocol.js';
import { EventBus } from './net/bus.js';
import type { WallClientEvents } from './net/events.js';
import { feedStore } from './session/store-feed.js';
import { layoutTopics, startLocalFeed } from './local-feed.js';
import { DEMO_TOPICS, DISTRICTS } from '../core/demo/demo-topics.js';
import { seededRandom } from '../core/demo/seeded-random.js';
import { loadLayout } from '../core/files/validate.js';
import { Store } from './store.js';

const LINE = 'flood.water-level.song-ganh-hao';
const KPI = 'traffic.flow.ca-mau.total';
const ONLY_DEMO = 'environment.aqi.ca-mau.tp-ca-mau';
const layout: Layout = {
  id: 'demo',
  title: 'Demo',
  theme: 'dark',
  tiles: [
    { id: 'chart', widget: 'chart', topics: [LINE], props: { kind: 'line', min: 0, max: 5, windowS: 600 } },
    { id: 'kpi', widget: 'kpi', topics: [KPI], props: { max: 100 } },
    { id: 'aqi', widget: 'kpi', topics: [ONLY_DEMO], props: {} },
  ],
} as unknown as Layout;

/**
 * The page's wiring (main.ts, session/hub-session.ts): the hub's bus feeds the store, and the first
 * snapshot ends the feed in the same turn as the store applies it.
 */
function page(start: number) {
  let now = start;
  const store = new Store(() => now);
  const feed = startLocalFeed(store, [layout], () => now, 1000);
  const bus = new EventBus<WallClientEvents>();
  feedStore(bus, store);
  let snapshots = 0;
  bus.on('snapshot', () => void (++snapshots === 1 && feed.destroy()));
  return { store, bus, tick: (ms: number) => ((now += ms), vi.advanceTimersByTime(ms)) };
}

const snapshot = (values: Snapshot['values']): Snapshot => ({ protocol: 1, hubTime: 0, seq: 0, layout: null, values, alerts: [], late: [] });

describe('local demo feed and the hub', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('fills every topic with the demo catalogue\'s past over its chart window, marked demo, and goes on each period', () => {
    const { store, tick } = page(1_000_000);
    const chart = store.get(LINE)!;
    expect(chart.source).toBe('demo');
    expect(chart.history.length).toBeGreaterThan(40);
    expect(chart.history[0]!.t).toBe(1_000_000 - 600_000); // the chart's window
    // The catalogue's range for this tide gauge (docs/topics.md), not one guessed from the tile.
    const spec = DEMO_TOPICS.find((t) => t.topic === LINE)!;
    expect(chart.history.every((h) => h.source === 'demo' && (h.value as number) >= spec.min && (h.value as number) <= spec.max)).toBe(true);
    const before = chart.history.length;
    tick(15_000);
    expect(store.get(LINE)!.history.length).toBeGreaterThan(before);
    expect(store.activeAlerts().length).toBeGreaterThan(0);
  });

  it('runs the past into the live values without a jump (sparklines continuous at their right end)', () => {
    const { store, tick } = page(1_000_000);
    for (let i = 0; i < 120; i++) tick(1000);
    const spec = DEMO_TOPICS.find((t) => t.topic === KPI)!;
    const values = store.get(KPI)!.history.map((h) => h.value as number);
    expect(values.length).toBeGreaterThan(40);
    // Rush-hour flow: the profile of the hour plus a few percent of noise, from the past into the live ticks.
    for (let i = 1; i < values.length; i++) expect(Math.abs(values[i]! - values[i - 1]!), `step ${i}`).toBeLessThanOrEqual((spec.max - spec.min) * 0.2);
  });

  it('spreads a long chart window\'s past over the whole window, within the store\'s history', () => {
    const store = new Store(() => 1_000_000_000);
    const twoDays = { ...layout, tiles: [{ id: 'c', widget: 'chart', topics: [LINE], props: { kind: 'line', windowS: 172_800 } }] } as unknown as Layout;
    const feed = startLocalFeed(store, [twoDays], () => 1_000_000_000, 1000);
    feed.destroy();
    const h = store.get(LINE)!.history;
    expect(h[0]!.t).toBeLessThan(1_000_000_000 - 170_000_000);
    expect(h.length).toBeGreaterThan(300);
    expect(h.length).toBeLessThan(600);
  });

  it('gives maps their districts, says which topics are invented, and shows a snapshot as given', () => {
    let now = 1_000_000;
    const store = new Store(() => now);
    const map = 'flood.inundation.ca-mau.by-district';
    const own = 'my-province.own-topic';
    const given = 'flood.rainfall.u-minh';
    const mine = {
      ...layout,
      tiles: [
        ...layout.tiles,
        { id: 'map', widget: 'map', topics: [map], props: {} },
        { id: 'own', widget: 'kpi', topics: [own], props: { max: 10 } },
        { id: 'given', widget: 'kpi', topics: [given], props: {} },
      ],
    } as unknown as Layout;
    const feed = startLocalFeed(store, [mine], () => now, 1000, { [given]: 42.5 });
    expect(Object.keys(store.get(map)!.value as object).sort()).toEqual([...DISTRICTS].sort());
    expect(feed.debugState()).toEqual({
      running: true,
      catalogue: [LINE, ONLY_DEMO, map, KPI].sort(),
      invented: [own],
      snapshot: [given],
    });
    expect(store.get(own)!.source).toBe('demo');
    expect(store.get(given)).toMatchObject({ value: 42.5, source: 'host' });
    now += 5000;
    vi.advanceTimersByTime(5000);
    expect(store.get(given)!.history).toHaveLength(1); // not generated over
    feed.destroy();
    expect(feed.debugState().running).toBe(false);
  });

  it('invents nothing for the shipped layouts: every topic they read is in the demo catalogue', () => {
    const root = join(import.meta.dirname, '../..');
    const shipped = readdirSync(join(root, 'layouts')).map((f) => {
      const r = loadLayout({ path: `layouts/${f}`, bytes: new Uint8Array(readFileSync(join(root, 'layouts', f))) });
      if (!r.ok) throw new Error(`layouts/${f} must load`);
      return r.value;
    });
    const feed = startLocalFeed(new Store(() => 1_000_000), shipped, () => 1_000_000, 1000);
    const state = feed.debugState();
    feed.destroy();
    expect(state.invented).toEqual([]);
    expect(state.catalogue).toEqual([...layoutTopics(shipped).keys()].sort());
  });

  it('a frozen feed (seeded, no live ticks) publishes the same values and alerts every time, and nothing later', () => {
    const run = () => {
      const store = new Store(() => 1_000_000);
      const feed = startLocalFeed(store, [layout], () => 1_000_000, Infinity, {}, seededRandom(1));
      const seen = { line: store.get(LINE), kpi: store.get(KPI), alerts: store.activeAlerts() };
      vi.advanceTimersByTime(60_000);
      expect(store.get(KPI)).toEqual(seen.kpi); // no tick came
      feed.destroy();
      return seen;
    };
    const first = run();
    expect(first.line?.history.length).toBeGreaterThan(10);
    expect(run()).toEqual(first);
  });

  it('the first snapshot stops the feed and leaves only the hub’s values in every history', () => {
    const { store, bus, tick } = page(1_000_000);
    tick(5000);
    const hubT = 1_000_000 - 30_000; // older than the feed's newest points: a hub value from before
    bus.emit('snapshot', snapshot([{ topic: LINE, value: 4.2, t: hubT }, { topic: KPI, value: 9000, t: 1_004_000 }]));
    expect(store.get(LINE)).toMatchObject({ value: 4.2, receivedAt: hubT, source: 'hub', history: [{ t: hubT, value: 4.2, source: 'hub' }] });
    expect(store.get(KPI)).toMatchObject({ source: 'hub', history: [{ t: 1_004_000, value: 9000, source: 'hub' }] });
    expect(store.get(ONLY_DEMO)).toBeUndefined(); // the hub does not carry it: gone, not left at a demo value
    expect(store.activeAlerts()).toEqual([]); // the demo's alerts too

    // The feed is stopped: later periods add nothing; hub updates append to the hub's history.
    const publishes = store.publishes;
    tick(10_000);
    expect(store.publishes).toBe(publishes);
    bus.emit('updates', [{ topic: LINE, value: 4.3, t: 1_016_000 }]);
    expect(store.get(LINE)!.history.map((h) => [h.value, h.source])).toEqual([[4.2, 'hub'], [4.3, 'hub']]);
    // A reconnect's snapshot repeating the hub's value keeps the hub's history.
    bus.emit('snapshot', snapshot([{ topic: LINE, value: 4.3, t: 1_016_000 }, { topic: KPI, value: 9000, t: 1_004_000 }]));
    expect(store.get(LINE)!.history.length).toBe(2);
  });
});
