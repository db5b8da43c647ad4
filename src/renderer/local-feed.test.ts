import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Layout } from '../core/wall/model.js';
import type { Snapshot } from '../core/protocol/protocol.js';
import { EventBus } from './net/bus.js';
import type { WallClientEvents } from './net/events.js';
import { feedStore } from './session/store-feed.js';
import { startLocalFeed } from './local-feed.js';
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

  it('fills every topic with an invented past, marked demo, and walks on each period', () => {
    const { store, tick } = page(1_000_000);
    const chart = store.get(LINE)!;
    expect(chart.source).toBe('demo');
    expect(chart.history.length).toBe(120);
    expect(chart.history[0]!.t).toBe(1_000_000 - 600_000); // the chart's window
    expect(chart.history.every((h) => h.source === 'demo' && (h.value as number) >= 0 && (h.value as number) <= 5)).toBe(true);
    tick(3000);
    expect(store.get(LINE)!.history.length).toBe(123);
    expect(store.activeAlerts().length).toBeGreaterThan(0);
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
