/**
 * The page's data: per topic the latest value and a bounded history, plus the active alerts.
 * Writers (hub client, local feed, host commands) call publish(); it only records and marks the
 * topic dirty. The scene drains the dirty set once per frame, so 10,000 publishes a second cost
 * the same widget work as 60.
 *
 * Active alerts are published as the pseudo-topic ALERTS_TOPIC (value: alerts sorted by severity,
 * then newest first), so ticker and alert-list receive them through the same update() path.
 */
import type { PageAlert } from '../core/host-api.js';
import { SEVERITIES } from '../core/model.js';
import { RingBuffer } from './ring-buffer.js';
import type { TopicData } from './widgets/widget.js';

export const ALERTS_TOPIC = 'alerts.active';

/** History entries kept per topic: one hour at one sample every 6 s, or a minute at 60 per s. */
export const DEFAULT_HISTORY = 600;

interface TopicState {
  value: unknown;
  receivedAt: number;
  history: RingBuffer<{ t: number; value: unknown }>;
  /** Snapshot handed to widgets; rebuilt lazily after a publish. */
  snapshot: TopicData | null;
}

export class Store {
  private readonly topics = new Map<string, TopicState>();
  private readonly alerts = new Map<string, PageAlert>();
  private dirty = new Set<string>();
  /** Publishes since creation; tests compare it with widget update counts. */
  public publishes = 0;

  public constructor(
    private readonly now: () => number,
    private readonly historyLength = DEFAULT_HISTORY,
  ) {}

  /** Records a value; `t` defaults to now (wall clock ms). O(1): no widget work happens here. */
  public publish(topic: string, value: unknown, t: number = this.now()): void {
    let s = this.topics.get(topic);
    if (!s) {
      s = { value, receivedAt: t, history: new RingBuffer(this.historyLength), snapshot: null };
      this.topics.set(topic, s);
    }
    s.value = value;
    s.receivedAt = t;
    s.history.push({ t, value });
    s.snapshot = null;
    this.dirty.add(topic);
    this.publishes++;
  }

  public get(topic: string): TopicData | undefined {
    const s = this.topics.get(topic);
    if (!s) return undefined;
    s.snapshot ??= { topic, value: s.value, receivedAt: s.receivedAt, history: s.history.toArray() };
    return s.snapshot;
  }

  /** Topics published since the last call; the caller (the scene, once per frame) owns them. */
  public takeDirty(): ReadonlySet<string> {
    const d = this.dirty;
    this.dirty = new Set();
    return d;
  }

  public raiseAlert(alert: PageAlert): void {
    this.alerts.set(alert.id, { ...alert });
    this.publishAlerts();
  }

  public clearAlert(id: string): void {
    if (this.alerts.delete(id)) this.publishAlerts();
  }

  /** Most severe first, then newest first. */
  public activeAlerts(): PageAlert[] {
    const rank = (a: PageAlert): number => SEVERITIES.indexOf(a.severity);
    return [...this.alerts.values()].sort((a, b) => rank(a) - rank(b) || b.raisedAt - a.raisedAt);
  }

  private publishAlerts(): void {
    this.publish(ALERTS_TOPIC, this.activeAlerts());
  }
}
