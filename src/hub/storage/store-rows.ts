/** SQLite rows of the hub's store and their conversion to protocol objects. */
import type { Alert, AlertAreas, AlertState } from '../../core/protocol/alerts.js';
import type { Severity } from '../../core/wall/model.js';
import type { AckRecord } from './store-types.js';

export interface AlertRow {
  id: string;
  severity: Severity;
  sector: string;
  area: string;
  source: string;
  title: string;
  message: string;
  state: AlertState;
  raised_at: number;
  updated_at: number;
  acknowledged_by: string | null;
  acked_at: number | null;
  cleared_at: number | null;
  /** Alert.areas as JSON (a CAP warning's shapes), or null. */
  areas: string | null;
}

export function toAlert(r: AlertRow): Alert {
  const a: Alert = {
    id: r.id,
    severity: r.severity,
    sector: r.sector,
    area: r.area,
    source: r.source,
    title: r.title,
    message: r.message,
    state: r.state,
    raisedAt: r.raised_at,
    updatedAt: r.updated_at,
  };
  if (r.acknowledged_by !== null) a.acknowledgedBy = r.acknowledged_by;
  if (r.acked_at !== null) a.ackedAt = r.acked_at;
  if (r.cleared_at !== null) a.clearedAt = r.cleared_at;
  if (r.areas !== null) a.areas = JSON.parse(r.areas) as AlertAreas;
  return a;
}

export interface AckRow {
  ack_id: string;
  alert_id: string;
  operator: string;
  screen: string | null;
  node: string | null;
  window: string | null;
  via: string;
  acked_at: number;
  committed_at: number;
  comment: string | null;
}
export const toAck = (r: AckRow): AckRecord => ({
  ackId: r.ack_id,
  alertId: r.alert_id,
  operator: r.operator,
  screen: r.screen,
  node: r.node,
  window: r.window,
  via: r.via,
  ackedAt: r.acked_at,
  committedAt: r.committed_at,
  comment: r.comment,
});
