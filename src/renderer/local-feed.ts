/**
 * A local demo feed: plausible values for every topic the layouts name, and now and then an
 * alert, so a wall looks alive without a hub. Values random-walk within a range guessed from the
 * tile (kpi/chart thresholds, min/max); it publishes through the same store.publish as the hub,
 * marked as source `demo`. Returns the feed; its destroy() ends it.
 *
 * With a hub as well, the feed runs only until the hub's first snapshot: main.ts ends it then, in
 * the same turn as the store applies it (so no demo value can follow), and the store starts the history of every topic the snapshot
 * carries afresh from the hub's value (a topic's history holds one source, store.ts); topics the
 * snapshot lacks are dropped. So charts redraw from the hub's values alone and grow from there,
 * rather than joining this invented walk to the hub's (another range, another walk: the line used
 * to jump at the right edge). Seeding this feed from the hub's generator (src/hub/demo/demo-feeds.ts)
 * would not make the two agree: the hub's walk depends on its start time and random draws, which a
 * page without a connection cannot know; and a control room must not show invented values as the
 * past of real ones anyway.
 */
import type { Layout, Severity } from '../core/wall/model.js';
import type { Store } from './store.js';

const ALERT_SAMPLES: { severity: Severity; title: string; sector: string }[] = [
  { severity: 'critical', title: 'Ngập sâu 40 cm tại đường Lý Thường Kiệt', sector: 'flood' },
  { severity: 'major', title: 'Ùn tắc kéo dài trên cầu Gành Hào', sector: 'traffic' },
  { severity: 'minor', title: 'Mất tín hiệu camera ngã tư Phan Ngọc Hiển', sector: 'camera' },
  { severity: 'warning', title: 'Mực nước sông Gành Hào tăng nhanh', sector: 'flood' },
  { severity: 'info', title: 'Cập nhật số liệu giải ngân ngân sách', sector: 'finance' },
];

interface Walk {
  value: number;
  min: number;
  max: number;
  /** History to invent at start, so a chart over an hour starts with an hour of line. */
  pastS: number;
}

/** Samples invented per topic at start (spread over the longest chart window showing it). */
const PAST_SAMPLES = 120;

function rangeFor(props: Record<string, unknown>): { min: number; max: number } {
  const min = typeof props.min === 'number' ? props.min : 0;
  const th = props.thresholds as { warning?: number; critical?: number } | undefined;
  const guess = Math.max(th?.warning ?? 0, th?.critical ?? 0) * 1.5;
  const max = typeof props.max === 'number' ? props.max : guess > min ? guess : min + 100;
  return { min, max };
}

export function startLocalFeed(
  store: Store,
  layouts: readonly Layout[],
  now: () => number,
  periodMs = 1000,
): { destroy(): void } {
  const walks = new Map<string, Walk>();
  for (const layout of layouts) {
    for (const tile of layout.tiles) {
      if (tile.widget === 'text' || tile.widget === 'camera') continue;
      const windowS = tile.widget === 'chart' && typeof tile.props.windowS === 'number' ? tile.props.windowS : tile.widget === 'chart' ? 3600 : 60;
      for (const topic of tile.topics) {
        const known = walks.get(topic);
        if (known) {
          known.pastS = Math.max(known.pastS, windowS);
          continue;
        }
        const { min, max } = rangeFor(tile.props);
        walks.set(topic, { min, max, pastS: windowS, value: min + (max - min) * (0.3 + 0.4 * Math.random()) });
      }
    }
  }
  // An invented past, so charts have a line from the first frame.
  const t0 = now();
  for (let k = PAST_SAMPLES; k > 0; k--) {
    for (const [topic, w] of walks) store.publish(topic, walk(w), t0 - (k * w.pastS * 1000) / PAST_SAMPLES, 'demo');
  }
  let alertNo = 0;
  const timer = setInterval(() => {
    step(now());
    if (Math.random() < 0.15) raiseAlert();
  }, periodMs);
  raiseAlert();
  raiseAlert();

  function walk(w: Walk): number {
    const span = w.max - w.min;
    w.value = Math.min(w.max, Math.max(w.min, w.value + (Math.random() - 0.5) * span * 0.05));
    return Math.round(w.value * 100) / 100;
  }

  function step(t: number): void {
    for (const [topic, w] of walks) store.publish(topic, walk(w), t, 'demo');
  }

  function raiseAlert(): void {
    const sample = ALERT_SAMPLES[alertNo % ALERT_SAMPLES.length]!;
    alertNo++;
    const t = now();
    store.raiseAlert({
      id: `demo-${alertNo}`,
      severity: sample.severity,
      title: sample.title,
      message: `${sample.title} (dữ liệu mô phỏng)`,
      sector: sample.sector,
      area: 'TP. Cà Mau',
      source: 'demo',
      state: 'active',
      raisedAt: t,
      updatedAt: t,
    });
    if (alertNo > 8) store.clearAlert(`demo-${alertNo - 8}`);
  }

  return { destroy: () => clearInterval(timer) };
}
