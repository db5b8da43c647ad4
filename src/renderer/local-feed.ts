/**
 * A local demo feed: values for every topic the layouts name, and now and then an alert, so a wall
 * looks alive without a hub (a review render, a demo before its hub answers). A topic of the demo
 * catalogue (src/core/demo, docs/topics.md) gets what the hub's demo publishes: the same
 * generator, so the same unit, range and shape (tides, rush hours, counters restarting at
 * midnight, maps by district), with a past replayed by that generator so charts and sparklines
 * run on into the live values without a jump. A topic outside the catalogue (a project's own)
 * random-walks within a range guessed from the tile (kpi/chart thresholds, min/max): that value is
 * invented, and the debug state says so (`demo.invented`). Topics given in a snapshot (`data`,
 * `wallrun render --data FILE`) are published once as given, by the host, and not generated.
 * Everything generated is published through the same store.publish as the hub, marked `demo`.
 *
 * With a hub as well, the feed runs only until the hub's first snapshot: main.ts ends it then, in
 * the same turn as the store applies it (so no demo value can follow), and the store starts the
 * history of every topic the snapshot carries afresh from the hub's value (a topic's history holds
 * one source, store.ts); topics the snapshot lacks are dropped. The page's walk and the hub's use
 * the same generator but not the same draws, so their values never agree point by point; a
 * control room must not show invented values as the past of real ones anyway.
 */
import { DemoFeeds } from '../core/demo/demo-feeds.js';
import { DEMO_TOPICS } from '../core/demo/demo-topics.js';
import type { DemoFeedDebugState } from '../core/page/debug-hook.js';
import type { Layout, Severity } from '../core/wall/model.js';
import type { Store } from './store.js';

const ALERT_SAMPLES: { severity: Severity; title: string; sector: string; area: string; district: string }[] = [
  { severity: 'critical', title: 'Ngập sâu 40 cm tại đường Lý Thường Kiệt', sector: 'flood', area: 'TP. Cà Mau', district: 'tp-ca-mau' },
  { severity: 'major', title: 'Ùn tắc kéo dài trên cầu Gành Hào', sector: 'traffic', area: 'Đầm Dơi', district: 'dam-doi' },
  { severity: 'minor', title: 'Mất tín hiệu camera ngã tư Phan Ngọc Hiển', sector: 'camera', area: 'TP. Cà Mau', district: 'tp-ca-mau' },
  { severity: 'warning', title: 'Mực nước sông Gành Hào tăng nhanh', sector: 'flood', area: 'Đầm Dơi', district: 'dam-doi' },
  { severity: 'info', title: 'Cập nhật số liệu giải ngân ngân sách', sector: 'finance', area: 'TP. Cà Mau', district: 'tp-ca-mau' },
];

/** The most past replayed for the catalogue's topics, as the hub's demo (demo.ts) seeds at most. */
const MAX_PAST_S = 2 * 86_400;

interface Walk {
  value: number;
  min: number;
  max: number;
  /** History to invent at start, so a chart over an hour starts with an hour of line. */
  pastS: number;
}

/** Samples invented per guessed topic at start (spread over the longest chart window showing it). */
const PAST_SAMPLES = 120;
/** At most this many past points per catalogue topic (under the store's 600, leaving room for live ones). */
const PAST_POINTS = 400;

function rangeFor(props: Record<string, unknown>): { min: number; max: number } {
  const min = typeof props.min === 'number' ? props.min : 0;
  const th = props.thresholds as { warning?: number; critical?: number } | undefined;
  const guess = Math.max(th?.warning ?? 0, th?.critical ?? 0) * 1.5;
  const max = typeof props.max === 'number' ? props.max : guess > min ? guess : min + 100;
  return { min, max };
}

/** Each topic the layouts' data tiles read, with the longest window (s) a tile shows it over. */
export function layoutTopics(layouts: readonly Layout[]): Map<string, { pastS: number; props: Record<string, unknown> }> {
  const topics = new Map<string, { pastS: number; props: Record<string, unknown> }>();
  for (const layout of layouts) {
    for (const tile of layout.tiles) {
      if (tile.widget === 'text' || tile.widget === 'camera') continue;
      const windowS = tile.widget === 'chart' ? (typeof tile.props.windowS === 'number' ? tile.props.windowS : 3600) : 60;
      for (const topic of tile.topics) {
        const known = topics.get(topic);
        if (known) known.pastS = Math.max(known.pastS, windowS);
        else topics.set(topic, { pastS: windowS, props: tile.props });
      }
    }
  }
  return topics;
}

export interface LocalFeed {
  /** Which topics the feed generates, and how (`wallrunDebug.state().demo`). */
  debugState(): DemoFeedDebugState;
  destroy(): void;
}

export function startLocalFeed(
  store: Store,
  layouts: readonly Layout[],
  now: () => number,
  periodMs = 1000,
  snapshot: Readonly<Record<string, unknown>> = {},
  /** Every draw of the feed (seededRandom for a frozen wall, whose periodMs is Infinity: no live ticks). */
  random: () => number = Math.random,
): LocalFeed {
  const t0 = now();
  const given = new Set(Object.keys(snapshot));
  for (const [topic, value] of Object.entries(snapshot)) store.publish(topic, value, t0, 'host');

  const wanted = layoutTopics(layouts);
  const catalogued = new Set(DEMO_TOPICS.map((t) => t.topic));
  const fromCatalogue = new Set([...wanted.keys()].filter((t) => catalogued.has(t) && !given.has(t)));
  const walks = new Map<string, Walk>();
  for (const [topic, { pastS, props }] of wanted) {
    if (catalogued.has(topic) || given.has(topic)) continue;
    const { min, max } = rangeFor(props);
    walks.set(topic, { min, max, pastS, value: min + (max - min) * (0.3 + 0.4 * random()) });
  }

  const openByDistrict = new Map<string, number>();
  const feeds = new DemoFeeds(t0, random);
  feeds.alertsByDistrict = () => Object.fromEntries(openByDistrict);
  const publishFeeds = (updates: readonly { topic: string; value: unknown; t: number }[]): void => {
    for (const u of updates) if (fromCatalogue.has(u.topic)) store.publish(u.topic, u.value, u.t, 'demo');
  };
  // The catalogue's past, by its own generator: the live ticks that follow continue the same walks.
  // The replay is dense near its end; each topic keeps PAST_POINTS evenly over its own window, so
  // the store's history (600 per topic) spans the whole chart rather than its last hour.
  const pastS = Math.min(MAX_PAST_S, Math.max(0, ...[...fromCatalogue].map((t) => wanted.get(t)!.pastS)));
  const lastPast = new Map<string, number>();
  const publishPast = (updates: readonly { topic: string; value: unknown; t: number }[]): void => {
    for (const u of updates) {
      if (!fromCatalogue.has(u.topic)) continue;
      const windowMs = Math.min(MAX_PAST_S, wanted.get(u.topic)!.pastS) * 1000;
      const last = lastPast.get(u.topic);
      if (u.t < t0 - windowMs || (last !== undefined && u.t - last < windowMs / PAST_POINTS)) continue;
      lastPast.set(u.topic, u.t);
      store.publish(u.topic, u.value, u.t, 'demo');
    }
  };
  if (fromCatalogue.size > 0) feeds.replay(t0 - pastS * 1000, t0, publishPast);
  // An invented past for the guessed topics, so their charts have a line from the first frame.
  for (let k = PAST_SAMPLES; k > 0; k--) {
    for (const [topic, w] of walks) store.publish(topic, walk(w), t0 - (k * w.pastS * 1000) / PAST_SAMPLES, 'demo');
  }

  let alertNo = 0;
  const open: { id: string; district: string }[] = [];
  raiseAlert();
  raiseAlert();
  step(t0);
  const timer = Number.isFinite(periodMs)
    ? setInterval(() => {
        step(now());
        if (random() < 0.15) raiseAlert();
      }, periodMs)
    : undefined;

  function walk(w: Walk): number {
    const span = w.max - w.min;
    w.value = Math.min(w.max, Math.max(w.min, w.value + (random() - 0.5) * span * 0.05));
    return Math.round(w.value * 100) / 100;
  }

  function step(t: number): void {
    publishFeeds(feeds.tick(t));
    for (const [topic, w] of walks) store.publish(topic, walk(w), t, 'demo');
  }

  function raiseAlert(): void {
    const sample = ALERT_SAMPLES[alertNo % ALERT_SAMPLES.length]!;
    alertNo++;
    const t = now();
    const id = `demo-${alertNo}`;
    store.raiseAlert({
      id,
      severity: sample.severity,
      title: sample.title,
      message: `${sample.title} (dữ liệu mô phỏng)`,
      sector: sample.sector,
      area: sample.area,
      source: 'demo',
      state: 'active',
      raisedAt: t,
      updatedAt: t,
    });
    open.push({ id, district: sample.district });
    openByDistrict.set(sample.district, (openByDistrict.get(sample.district) ?? 0) + 1);
    if (open.length > 8) {
      const gone = open.shift()!;
      store.clearAlert(gone.id);
      openByDistrict.set(gone.district, openByDistrict.get(gone.district)! - 1);
    }
  }

  let running = true;
  return {
    debugState: () => ({
      running,
      catalogue: [...fromCatalogue].sort(),
      invented: [...walks.keys()].sort(),
      snapshot: [...given].sort(),
    }),
    destroy: () => {
      running = false;
      clearInterval(timer);
    },
  };
}
