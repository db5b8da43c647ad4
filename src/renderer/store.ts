/**
 * The page's data: per topic the latest value and a bounded history, plus the active alerts.
 * Writers (hub client, local feed, host commands) call publish(); it only records and marks the
 * topic dirty. The scene drains the dirty set once per frame, so 10,000 publishes a second cost
 * the same widget work as 60.
 *
 * Active alerts are published as the pseudo-topic ALERTS_TOPIC (value: alerts sorted by severity,
 * then newest first), so ticker and alert-list receive them through the same update() path. Each
 * carries the wall's own marks (an ack waiting for the hub, escalated, selected) from a marker the
 * hub session sets; `refreshAlerts()` republishes when the marks change.
 *
 * A hub snapshot replaces what the store knew (docs/protocol.md rule 2): `replaceValues` drops
 * topics the snapshot lacks, `replaceAlerts` the alerts; `setLate` replaces the late list. A
 * snapshot's chart history (feature `history`) fills a topic's history at once, so a chart draws
 * its whole window right after a (re)connect instead of growing back from one point.
 *
 * Every value carries its source (the hub, the page's demo feed, the host). A topic's history holds
 * one source's values only: a value from another source than the topic's current one starts the
 * history afresh. A chart of a control room must never join the demo feed's invented walk to the
 * hub's real values (different ranges, different times: the line jumped at the right edge when the
 * hub's first snapshot arrived), and the rule holds whatever order the writers run in.
 */
import type { PageAlert } from '../core/page/host-messages.js';
import type { ValueSource } from '../core/page/debug-hook.js';
import { SEVERITIES } from '../core/wall/model.js';
import type { TopicHistory } from '../core/protocol/protocol.js';
import { RingBuffer } from './ring-buffer.js';
import type { Forecast } from '../core/protocol/forecasts.js';
import { ForecastBook } from './forecast-book.js';

export const ALERTS_TOPIC = 'alerts.active';

/**
 * The data a widget is given for one of its topics: the latest value and a bounded history.
 * `receivedAt` is wall-clock ms; `stale` is decided by the store from the tile's freshness.
 */
export interface TopicData {
  topic: string;
  value: unknown;
  receivedAt: number;
  /** Where the value and the whole history came from (the store keeps one source per topic). */
  source?: ValueSource;
  history: readonly { t: number; value: unknown; source?: ValueSource }[];
  /** The hub's current forecast of the topic, if any (feature `forecasts`; forecast-book.ts). */
  forecast?: Forecast;
}

/** What the wall adds to an alert it shows. */
export interface AlertMarks {
  /** An operator acknowledged it here; the hub has not confirmed yet. */
  pendingAck?: { operator: string; at: number };
  /** Critical, unacknowledged for longer than the escalation time: flashes. */
  escalated?: boolean;
  /** Chosen with the arrow keys (or touched last). */
  selected?: boolean;
}
export type WallAlert = PageAlert & AlertMarks;

/**
 * History entries kept per topic: one hour at one sample every 6 s, or a minute at 60 per s. The
 * hub sends at most as many per topic (LIMITS.historyPoints), so its history fits whole.
 */
export const DEFAULT_HISTORY = 600;

interface HistoryEntry {
  t: number;
  value: unknown;
  source: ValueSource;
}

interface TopicState {
  value: unknown;
  receivedAt: number;
  /** Where the value and every history entry came from (one source per topic, see publish). */
  source: ValueSource;
  history: RingBuffer<HistoryEntry>;
  /** Snapshot handed to widgets; rebuilt lazily after a publish. */
  snapshot: TopicData | null;
}

export class Store {
  private readonly topics = new Map<string, TopicState>();
  private readonly alerts = new Map<string, PageAlert>();
  private dirty = new Set<string>();
  private late: ReadonlySet<string> = new Set();
  private marker: ((alert: PageAlert) => AlertMarks | undefined) | null = null;
  /** Publishes since creation; tests compare it with widget update counts. */
  public publishes = 0;
  /** The hub's forecasts; a change marks the topic dirty, so its widgets redraw. */
  public readonly forecasts = new ForecastBook((topic) => {
    const s = this.topics.get(topic);
    if (s) s.snapshot = null;
    this.dirty.add(topic);
  });

  public constructor(
    private readonly now: () => number,
    private readonly historyLength = DEFAULT_HISTORY,
  ) {}

  /**
   * Records a value; `t` defaults to now (wall clock ms). O(1): no widget work happens here. A value
   * from another source than the topic's drops the topic's history first, so the history never
   * mixes sources (the hub's first value replaces the demo feed's past, the chart redraws from it).
   */
  public publish(topic: string, value: unknown, t: number = this.now(), source: ValueSource = 'host'): void {
    let s = this.topics.get(topic);
    if (!s) {
      s = { value, receivedAt: t, source, history: new RingBuffer(this.historyLength), snapshot: null };
      this.topics.set(topic, s);
    } else if (s.source !== source) {
      s.source = source;
      s.history = new RingBuffer(this.historyLength);
    }
    s.value = value;
    s.receivedAt = t;
    s.history.push({ t, value, source });
    s.snapshot = null;
    this.dirty.add(topic);
    this.publishes++;
  }

  public get(topic: string): TopicData | undefined {
    const s = this.topics.get(topic);
    const forecast = this.forecasts.get(topic);
    if (!s) return forecast ? { topic, value: undefined, receivedAt: 0, history: [], forecast } : undefined;
    s.snapshot ??= { topic, value: s.value, receivedAt: s.receivedAt, source: s.source, history: s.history.toArray(), ...(forecast ? { forecast } : {}) };
    return s.snapshot;
  }

  /** Topics published since the last call; the caller (the scene, once per frame) owns them. */
  public takeDirty(): ReadonlySet<string> {
    const d = this.dirty;
    this.dirty = new Set();
    return d;
  }

  /**
   * Applies a hub snapshot's values: each topic gets its value (unless it has exactly that hub value
   * and time already), and topics the snapshot does not name are dropped. A topic whose history came
   * from elsewhere (the demo feed before the first snapshot) restarts from the hub's value. Widgets
   * see one update each.
   */
  public replaceValues(values: readonly { topic: string; value: unknown; t: number }[], history: readonly TopicHistory[] = []): void {
    const named = new Set<string>([ALERTS_TOPIC]);
    const past = new Map(history.map((h) => [h.topic, h]));
    for (const v of values) {
      named.add(v.topic);
      const h = past.get(v.topic);
      if (h && h.t.length > 0) {
        this.takeHistory(v, h);
        continue;
      }
      const s = this.topics.get(v.topic);
      if (s && s.source === 'hub' && s.receivedAt === v.t && Object.is(s.value, v.value)) continue;
      this.publish(v.topic, v.value, v.t, 'hub');
    }
    for (const topic of [...this.topics.keys()]) {
      if (named.has(topic)) continue;
      this.topics.delete(topic);
      this.dirty.add(topic);
    }
  }

  /**
   * A topic's history from a snapshot: the hub's points, the entries the page holds from the hub
   * already (a resync after a gap: they are the same values, and whole where the hub keeps only the
   * number a chart draws), and the snapshot's latest value, one entry per time, in time order, the
   * newest `historyLength` kept. So a reconnect draws the window at once and a resync adds only the
   * points the page missed, never one twice. History from another source (the demo feed) is dropped.
   */
  private takeHistory(latest: { topic: string; value: unknown; t: number }, h: TopicHistory): void {
    const s = this.topics.get(latest.topic);
    const byTime = new Map<number, HistoryEntry>();
    for (let i = 0; i < h.t.length; i++) byTime.set(h.t[i]!, { t: h.t[i]!, value: h.v[i], source: 'hub' });
    if (s?.source === 'hub') for (const e of s.history.toArray()) byTime.set(e.t, e);
    byTime.set(latest.t, { t: latest.t, value: latest.value, source: 'hub' });
    const entries = [...byTime.values()].sort((a, b) => a.t - b.t);
    const ring = new RingBuffer<HistoryEntry>(this.historyLength);
    for (const e of entries.slice(-this.historyLength)) ring.push(e);
    this.topics.set(latest.topic, { value: latest.value, receivedAt: latest.t, source: 'hub', history: ring, snapshot: null });
    this.dirty.add(latest.topic);
    this.publishes++;
  }

  /** Every topic with a value now (the alerts pseudo-topic excluded). */
  public topicNames(): string[] {
    return [...this.topics.keys()].filter((t) => t !== ALERTS_TOPIC);
  }

  /** Replaces the late list (topics whose daily deadline passed without data, per the hub). */
  public setLate(topics: Iterable<string>): void {
    this.late = new Set(topics);
  }

  public get lateTopics(): ReadonlySet<string> {
    return this.late;
  }

  /** Replaces every alert (a snapshot); cleared ones are left out. */
  public replaceAlerts(alerts: readonly PageAlert[]): void {
    this.alerts.clear();
    for (const a of alerts) if (a.state !== 'cleared') this.alerts.set(a.id, { ...a });
    this.publishAlerts();
  }

  public alert(id: string): PageAlert | undefined {
    return this.alerts.get(id);
  }

  /** The alerts as the hub sent them (no marks, unsorted). */
  public alertList(): PageAlert[] {
    return [...this.alerts.values()];
  }

  /** Sets what the wall adds to each alert (pending ack, escalated, selected) and republishes. */
  public setAlertMarker(marker: ((alert: PageAlert) => AlertMarks | undefined) | null): void {
    this.marker = marker;
    this.publishAlerts();
  }

  /** Republishes the alerts (their marks changed). */
  public refreshAlerts(): void {
    this.publishAlerts();
  }

  public raiseAlert(alert: PageAlert): void {
    this.alerts.set(alert.id, { ...alert });
    this.publishAlerts();
  }

  public clearAlert(id: string): void {
    if (this.alerts.delete(id)) this.publishAlerts();
  }

  /** Most severe first, then newest first; with the wall's marks. */
  public activeAlerts(): WallAlert[] {
    const rank = (a: PageAlert): number => SEVERITIES.indexOf(a.severity);
    const sorted = [...this.alerts.values()].sort((a, b) => rank(a) - rank(b) || b.raisedAt - a.raisedAt);
    const marker = this.marker;
    if (!marker) return sorted;
    return sorted.map((a) => {
      const marks = marker(a);
      return marks ? { ...a, ...marks } : a;
    });
  }

  private publishAlerts(): void {
    this.publish(ALERTS_TOPIC, this.activeAlerts());
  }
}
