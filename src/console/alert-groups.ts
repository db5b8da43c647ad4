/**
 * Repeats of the same alarm shown once (DESIGN.md "Severity and alarms": repeats grouped with a
 * count, not listed N times). Alerts are "the same thing raised again" when an integration raised
 * them under different ids with the same title, area, sector and severity; the hub already merges a
 * raise of an open id into that alert, so this is what is left. Pure: no page, unit-tested.
 */
import type { Alert } from '../core/protocol/alerts.js';

/** The identity of a repeat: what the operator reads as "the same alarm". */
export function repeatKey(alert: Pick<Alert, 'title' | 'area' | 'sector' | 'severity'>): string {
  // JSON of an array: no separator a title could contain can make two different alarms collide.
  return JSON.stringify([alert.severity, alert.sector, alert.area, alert.title]);
}

export interface AlertGroup {
  key: string;
  /** Newest first (raisedAt, then id so the order is stable). */
  members: Alert[];
  /** The newest member: its title, message and id stand for the group. */
  newest: Alert;
  /** When the first of them was raised. */
  firstAt: number;
  /** The members not yet acknowledged (those an acknowledgement of the row acknowledges). */
  active: Alert[];
}

const newestFirst = (a: Alert, b: Alert): number => b.raisedAt - a.raisedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The alerts as rows: one per repeat key, in the order each key was first met. */
export function groupRepeats(alerts: readonly Alert[]): AlertGroup[] {
  const byKey = new Map<string, Alert[]>();
  for (const alert of alerts) {
    const key = repeatKey(alert);
    const members = byKey.get(key);
    if (members) members.push(alert);
    else byKey.set(key, [alert]);
  }
  return [...byKey].map(([key, list]) => {
    const members = [...list].sort(newestFirst);
    return {
      key,
      members,
      newest: members[0]!,
      firstAt: Math.min(...members.map((m) => m.raisedAt)),
      active: members.filter((m) => m.state === 'active'),
    };
  });
}
