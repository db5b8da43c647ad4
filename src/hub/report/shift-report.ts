/**
 * The shift handover report's content (docs/timeline.md "Shift handover report"), from the
 * timeline of the shift and the alerts it touched: what was raised, acknowledged (by whom, how fast:
 * p50/p90 from raise to acknowledgement), cleared, and is still open at the end; layout switches
 * and takeovers; camera outages and late data; and a row per sector. Pure: report-html.ts draws it.
 */
import type { Alert } from '../../core/protocol/alerts.js';
import type { TimelineEvent } from '../../core/protocol/timeline.js';
import { severityRank } from '../../core/wall/vocabulary.js';

export interface ShiftReport {
  from: number;
  to: number;
  /** When it was made (hub time). */
  madeAt: number;
  raised: Alert[];
  acks: { alert: Alert; by: string; at: number; afterMs: number }[];
  /** Time from raise to acknowledgement over the shift's acks, ms (null without acks). */
  ackP50Ms: number | null;
  ackP90Ms: number | null;
  cleared: number;
  /** Alerts not cleared at the end of the shift, most severe first. */
  stillOpen: Alert[];
  switches: { at: number; layout: string; by: string | null; outcome: string }[];
  takeovers: { at: number; what: string; subject: string; by: string | null }[];
  cameraOutages: { camera: string; state: string; from: number; to: number | null }[];
  late: { topic: string; sector: string; lateSince: number; arrivedAt: number | null }[];
  sectors: { sector: string; raised: number; acknowledged: number; open: number; ackP50Ms: number | null; late: number }[];
}

/** The q-quantile (0..1) of `values`, nearest rank; null when empty. */
export function quantile(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** Whether `a` was open (raised, not cleared) at `t`. */
const openAt = (a: Alert, t: number): boolean => a.raisedAt <= t && (a.clearedAt === undefined || a.clearedAt > t);

const CAMERA_DOWN = new Set(['stalled', 'no-signal', 'error', 'offline', 'failed']);

/**
 * `events`: the timeline from `from` to `to` (camera and late events from earlier too); `alerts`: every alert the shift touched or that was
 * open at its end, by id (the store's current record: raisedAt, clearedAt, who acknowledged).
 */
export function buildShiftReport(o: { from: number; to: number; madeAt: number; events: readonly TimelineEvent[]; alerts: ReadonlyMap<string, Alert> }): ShiftReport {
  const { from, to, events, alerts } = o;
  const inShift = events.filter((e) => e.at >= from && e.at <= to);
  const alertOf = (e: TimelineEvent): Alert | undefined => alerts.get(e.subject);
  const raised = inShift.filter((e) => e.kind === 'alert' && e.what === 'raised').flatMap((e) => alertOf(e) ?? []);
  const acks = inShift
    .filter((e) => e.kind === 'ack' && e.what === 'acknowledged')
    .flatMap((e) => {
      const alert = alertOf(e);
      return alert ? [{ alert, by: e.actor ?? '?', at: e.at, afterMs: Math.max(0, e.at - alert.raisedAt) }] : [];
    });
  const times = acks.map((a) => a.afterMs);
  const stillOpen = [...alerts.values()].filter((a) => openAt(a, to)).sort((a, b) => severityRank(a.severity) - severityRank(b.severity) || a.raisedAt - b.raisedAt);
  const switches = inShift.filter((e) => e.kind === 'switch').map((e) => ({ at: e.at, layout: e.subject, by: e.actor, outcome: e.what }));
  const takeovers = inShift.filter((e) => e.kind === 'automation').map((e) => ({ at: e.at, what: e.what, subject: e.subject, by: e.actor }));

  const cameraOutages: ShiftReport['cameraOutages'] = [];
  const down = new Map<string, ShiftReport['cameraOutages'][number]>();
  // Outages and late data that began before the shift and went on into it count too (`events`
  // reaches back for these kinds): each is kept when it overlaps the shift.
  const upToEnd = events.filter((e) => e.at <= to);
  for (const e of upToEnd.filter((x) => x.kind === 'camera')) {
    const open = down.get(e.subject);
    if (CAMERA_DOWN.has(e.what)) {
      if (!open) {
        const outage = { camera: e.subject, state: e.what, from: e.at, to: null };
        down.set(e.subject, outage);
        cameraOutages.push(outage);
      }
    } else if (open && e.what === 'live') {
      open.to = e.at;
      down.delete(e.subject);
    }
  }

  const late: ShiftReport['late'] = [];
  const lateOpen = new Map<string, ShiftReport['late'][number]>();
  for (const e of upToEnd.filter((x) => x.kind === 'late')) {
    if (e.what === 'late') {
      const entry = { topic: e.subject, sector: e.sector ?? '', lateSince: e.at, arrivedAt: null };
      lateOpen.set(e.subject, entry);
      late.push(entry);
    } else if (e.what === 'arrived') {
      const entry = lateOpen.get(e.subject);
      if (entry) entry.arrivedAt = e.at;
      lateOpen.delete(e.subject);
    }
  }

  const overlaps = (start: number, end: number | null): boolean => start <= to && (end === null || end >= from);
  const outagesInShift = cameraOutages.filter((c) => overlaps(c.from, c.to));
  const lateInShift = late.filter((l) => overlaps(l.lateSince, l.arrivedAt));
  const sectorNames = new Set([...raised, ...stillOpen, ...acks.map((a) => a.alert)].map((a) => a.sector).concat(lateInShift.map((l) => l.sector)));
  const sectors = [...sectorNames].sort().map((sector) => {
    const sectorAcks = acks.filter((a) => a.alert.sector === sector).map((a) => a.afterMs);
    return {
      sector,
      raised: raised.filter((a) => a.sector === sector).length,
      acknowledged: sectorAcks.length,
      open: stillOpen.filter((a) => a.sector === sector).length,
      ackP50Ms: quantile(sectorAcks, 0.5),
      late: lateInShift.filter((l) => l.sector === sector).length,
    };
  });

  return {
    from, to, madeAt: o.madeAt, raised, acks,
    ackP50Ms: quantile(times, 0.5), ackP90Ms: quantile(times, 0.9),
    cleared: inShift.filter((e) => e.kind === 'alert' && e.what === 'cleared').length,
    stillOpen, switches, takeovers, cameraOutages: outagesInShift, late: lateInShift, sectors,
  };
}
