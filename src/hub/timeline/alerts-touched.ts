/**
 * The alerts a time range of the timeline concerns, by id, as the store keeps them now (raisedAt,
 * ackedAt, clearedAt tell how each was at any moment): those changed since `since`, those open now,
 * and any an alert or ack event of `events` names. For the replay (replay.ts) and the shift report
 * (report/routes.ts).
 */
import type { Alert } from '../../core/protocol/alerts.js';
import type { TimelineEvent } from '../../core/protocol/timeline.js';
import type { AlertService } from '../alerts.js';
import type { AlertStore } from '../storage/store.js';

export async function alertsTouched(store: AlertStore, open: AlertService, since: number, events: readonly TimelineEvent[]): Promise<Map<string, Alert>> {
  const alerts = new Map<string, Alert>();
  for (const a of [...(await store.list({ since, limit: 5000 })), ...open.open()]) alerts.set(a.id, a);
  for (const e of events) {
    if ((e.kind !== 'alert' && e.kind !== 'ack') || alerts.has(e.subject)) continue;
    const a = await store.get(e.subject);
    if (a) alerts.set(a.id, a);
  }
  return alerts;
}
