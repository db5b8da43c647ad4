/** Rows of the hub's store (the same in both backends) and their conversion to protocol objects. */
import type { Alert, AlertAreas, AlertState } from '../../core/protocol/alerts.js';
import type { Severity } from '../../core/wall/model.js';
import type { CapAction, CapMessageRecord } from '../../core/protocol/cap.js';
import type { WallInfo } from '../../core/protocol/walls.js';
import type { JsonValue } from '../../core/protocol/limits.js';
import type { TimelineEvent, TimelineFilter, TimelineKind } from '../../core/protocol/timeline.js';
import type { AckCommand, AckRecord, Actor, StoredWindow } from './store-types.js';

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
  /** Alert.origin: the sub-centre that forwarded it (docs/federation.md), or null. */
  origin: string | null;
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
  if (r.origin !== null && r.origin !== undefined) a.origin = r.origin;
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

export interface WindowRow {
  node: string;
  window: string;
  screens: string;
  token: string;
  address: string | null;
  connected_at: number | null;
  gone_at: number | null;
  disconnect_reason: string | null;
  health: string | null;
  last_switch: string | null;
}

const json = <T>(s: string | null): T | null => (s === null ? null : (JSON.parse(s) as T));

export const toStoredWindow = (r: WindowRow): StoredWindow => ({
  node: r.node,
  window: r.window,
  screens: JSON.parse(r.screens) as string[],
  token: r.token,
  address: r.address,
  connectedAt: r.connected_at,
  goneAt: r.gone_at,
  disconnectReason: r.disconnect_reason,
  health: json<NonNullable<WallInfo['health']>>(r.health),
  lastSwitch: json<NonNullable<WallInfo['lastSwitch']>>(r.last_switch),
});

/** A window's row values from the registry's state (named as the statements' parameters). */
export const windowColumns = (w: WallInfo) => ({
  node: w.node,
  window: w.window,
  screens: JSON.stringify(w.screens),
  token: w.token,
  address: w.address,
  connectedAt: w.connectedAt,
  goneAt: w.connected ? null : w.disconnectedAt,
  disconnectReason: w.connected ? null : w.disconnectReason,
  health: w.health ? JSON.stringify(w.health) : null,
  lastSwitch: w.lastSwitch ? JSON.stringify(w.lastSwitch) : null,
});

export interface CapMessageRow {
  sender: string;
  identifier: string;
  sent: number;
  status: string;
  msg_type: string;
  action: CapAction;
  alert_id: string | null;
  received_at: number;
  via: string;
  summary: string;
}

type CapSummary = Omit<CapMessageRecord, 'sender' | 'identifier' | 'sent' | 'status' | 'msgType' | 'action' | 'alertId' | 'receivedAt' | 'via'>;

export const toCapRecord = (r: CapMessageRow): CapMessageRecord => ({
  sender: r.sender,
  identifier: r.identifier,
  sent: r.sent,
  status: r.status,
  msgType: r.msg_type,
  action: r.action,
  alertId: r.alert_id,
  receivedAt: r.received_at,
  via: r.via,
  ...(JSON.parse(r.summary) as CapSummary),
});

/** The acknowledgement a backend stores for `req` by `actor`, committed at `now` (both backends). */
export function ackRecord(req: AckCommand, actor: Actor, now: number): AckRecord {
  return {
    ackId: req.ackId,
    alertId: req.alertId,
    operator: actor.name,
    screen: actor.screen ?? null,
    node: actor.node ?? null,
    window: actor.window ?? null,
    via: actor.via,
    ackedAt: req.at,
    committedAt: now,
    comment: req.comment ?? null,
  };
}

/** SQL ordering alerts most severe first (the same text in SQLite and PostgreSQL). */
export const SEVERITY_ORDER_SQL = `CASE severity WHEN 'critical' THEN 0 WHEN 'major' THEN 1 WHEN 'minor' THEN 2 WHEN 'warning' THEN 3 ELSE 4 END`;

export interface TimelineRow {
  seq: number | string;
  at: number | string;
  kind: TimelineKind;
  subject: string;
  what: string;
  sector: string | null;
  severity: Severity | null;
  actor: string | null;
  detail: string;
}

export function toTimelineEvent(r: TimelineRow): TimelineEvent {
  return {
    seq: Number(r.seq), at: Number(r.at), kind: r.kind, subject: r.subject, what: r.what,
    sector: r.sector, severity: r.severity, actor: r.actor, detail: JSON.parse(r.detail) as JsonValue,
  };
}

/** The WHERE clause of a timeline read, with each backend's placeholder (`?` or `$n`). */
export function timelineWhere(f: TimelineFilter, placeholder: () => string): { sql: string; params: unknown[] } {
  const parts = [`at >= ${placeholder()}`, `at <= ${placeholder()}`];
  const params: unknown[] = [f.from, f.to];
  const anyOf = (column: string, values: readonly string[] | undefined): void => {
    if (!values?.length) return;
    parts.push(`${column} IN (${values.map(() => placeholder()).join(', ')})`);
    params.push(...values);
  };
  anyOf('kind', f.kinds);
  anyOf('sector', f.sectors);
  anyOf('severity', f.severities);
  return { sql: `WHERE ${parts.join(' AND ')}`, params };
}
