/**
 * Counters of the hub, rendered in the Prometheus text exposition format (version 0.0.4) at
 * `GET /metrics`. Gauges that are state (walls connected, open alerts) are read when scraped.
 */
import { SEVERITIES } from '../core/wall/model.js';

/** State read at scrape time. */
export interface MetricGauges {
  wallsConnected: number;
  alertsOpenBySeverity: Record<string, number>;
  acksStored: number;
  topicsKnown: number;
  topicsLate: number;
  /** Two-phase layout switches (switch-coordinator.ts). */
  switches?: { committed: number; aborted: number; last: { state: string; skewMs: number | null; latencyMs: number | null } | null };
}

const WINDOW_S = 10;

export class Metrics {
  public updatesTotal = 0;
  /** Update batches not sent to a congested wall (it resyncs from a snapshot). */
  public batchesDropped = 0;
  public acksCommitted = 0;
  public ackDuplicates = 0;
  public ackRefused = 0;
  public snapshotsSent = 0;
  public connectsRefused = new Map<string, number>();
  public alertsRaised = new Map<string, number>();
  public restRequests = new Map<string, number>();
  /** Updates per whole second, the last WINDOW_S seconds. */
  private readonly perSecond = new Map<number, number>();

  public constructor(private readonly now: () => number) {}

  public countUpdates(n: number): void {
    this.updatesTotal += n;
    const s = Math.floor(this.now() / 1000);
    this.perSecond.set(s, (this.perSecond.get(s) ?? 0) + n);
    if (this.perSecond.size > WINDOW_S + 2) {
      for (const k of this.perSecond.keys()) if (k <= s - WINDOW_S) this.perSecond.delete(k);
    }
  }

  /** Mean updates per second over the last WINDOW_S complete seconds. */
  public updatesPerSecond(): number {
    const s = Math.floor(this.now() / 1000);
    let sum = 0;
    for (const [k, n] of this.perSecond) if (k < s && k >= s - WINDOW_S) sum += n;
    return sum / WINDOW_S;
  }

  public increment(map: Map<string, number>, key: string): void {
    map.set(key, (map.get(key) ?? 0) + 1);
  }

  public render(g: MetricGauges): string {
    const out: string[] = [];
    const metric = (name: string, type: 'gauge' | 'counter', help: string, samples: [string, number][]): void => {
      out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
      for (const [labels, v] of samples) out.push(`${name}${labels} ${Number.isFinite(v) ? v : 0}`);
    };
    const labelled = (label: string, m: ReadonlyMap<string, number> | Record<string, number>, keys?: readonly string[]): [string, number][] => {
      const get = (k: string): number => (m instanceof Map ? m.get(k) : (m as Record<string, number>)[k]) ?? 0;
      const all = keys ?? (m instanceof Map ? [...m.keys()] : Object.keys(m));
      return all.map((k) => [`{${label}="${k.replace(/["\\\n]/g, '_')}"}`, get(k)]);
    };
    metric('wallrun_walls_connected', 'gauge', 'Wall windows connected to namespace /wall.', [['', g.wallsConnected]]);
    metric('wallrun_topic_updates_total', 'counter', 'Topic updates accepted.', [['', this.updatesTotal]]);
    metric('wallrun_topic_updates_per_second', 'gauge', `Topic updates per second, mean of the last ${WINDOW_S} s.`, [
      ['', this.updatesPerSecond()],
    ]);
    metric('wallrun_update_batches_dropped_total', 'counter', 'Update batches skipped for congested walls.', [['', this.batchesDropped]]);
    metric('wallrun_topics_known', 'gauge', 'Topics with a value or a deadline.', [['', g.topicsKnown]]);
    metric('wallrun_topics_late', 'gauge', 'Topics past their daily deadline without an update today.', [['', g.topicsLate]]);
    metric('wallrun_alerts_open', 'gauge', 'Alerts not cleared, by severity.', labelled('severity', g.alertsOpenBySeverity, SEVERITIES));
    metric('wallrun_alerts_raised_total', 'counter', 'Alerts raised, by severity.', labelled('severity', this.alertsRaised, SEVERITIES));
    metric('wallrun_acks_total', 'counter', 'Acknowledgements committed by this process.', [['', this.acksCommitted]]);
    metric('wallrun_acks_stored', 'gauge', 'Acknowledgements in the store.', [['', g.acksStored]]);
    metric('wallrun_ack_duplicates_total', 'counter', 'Acknowledgements of alerts already acknowledged.', [['', this.ackDuplicates]]);
    metric('wallrun_ack_refused_total', 'counter', 'Acknowledgements refused.', [['', this.ackRefused]]);
    metric('wallrun_snapshots_sent_total', 'counter', 'Snapshots sent to walls.', [['', this.snapshotsSent]]);
    metric('wallrun_connects_refused_total', 'counter', 'Wall connections refused, by reason.', labelled('reason', this.connectsRefused));
    if (g.switches) {
      const s = g.switches;
      metric('wallrun_layout_switches_total', 'counter', 'Layout switches, by outcome.', [['{outcome="committed"}', s.committed], ['{outcome="aborted"}', s.aborted]]);
      metric('wallrun_layout_switch_skew_ms', 'gauge', 'Last committed switch: max - min of the windows\' swap times (hub ms).', [['', s.last?.skewMs ?? NaN]]);
      metric('wallrun_layout_switch_latency_ms', 'gauge', 'Last committed switch: request to the last window\'s swap (hub ms).', [['', s.last?.latencyMs ?? NaN]]);
    }
    metric('wallrun_rest_requests_total', 'counter', 'REST requests, by status code.', labelled('status', this.restRequests));
    return `${out.join('\n')}\n`;
  }
}
