/**
 * Alerts and their acknowledgements in the hub's SQLite file (tables `alerts`, `acks`), each change
 * in one transaction with its audit entry.
 *
 * Acknowledgements are idempotent: `acks.alert_id` is UNIQUE, so an alert acknowledged twice (a
 * retry after a lost reply, or two operators) is one record and one audit entry. `acknowledge`
 * returns after the transaction committed (synchronous=FULL: on disk), so the ack reply is sent
 * after that, never before.
 */
import type Database from 'better-sqlite3';
import type { Alert } from '../../../core/protocol/alerts.js';
import type { JsonValue } from '../../../core/protocol/limits.js';
import type { SqliteAuditLog } from './audit-log.js';
import type { AlertStore } from '../store.js';
import { SEVERITY_ORDER_SQL, ackRecord, toAck, toAlert, type AckRow, type AlertRow } from '../store-rows.js';
import type { AckCommand, AckOutcome, AckRecord, Actor, AlertFilter, AuditAction } from '../store-types.js';

export class SqliteAlertStore implements AlertStore {
  public constructor(
    private readonly db: Database.Database,
    private readonly audit: SqliteAuditLog,
  ) {}

  public async get(id: string): Promise<Alert | undefined> {
    return this.getNow(id);
  }

  private getNow(id: string): Alert | undefined {
    const r = this.db.prepare('SELECT * FROM alerts WHERE id = ?').get(id) as AlertRow | undefined;
    return r && toAlert(r);
  }

  /** Inserts or replaces an alert row and writes the audit entry, in one transaction. */
  public async save(alert: Alert, action: AuditAction, actor: Actor, at: number, detail: JsonValue = null): Promise<void> {
    this.db.transaction(() => this.saveNow(alert, action, actor, at, detail))();
  }

  /** The statements of `save`, inside the caller's transaction (federation-store.ts adds its mark to it). */
  public saveNow(alert: Alert, action: AuditAction, actor: Actor, at: number, detail: JsonValue): void {
    this.db
      .prepare(
        `INSERT INTO alerts (id, severity, sector, area, source, title, message, state, raised_at, updated_at,
           acknowledged_by, acked_at, cleared_at, areas, origin)
         VALUES (@id, @severity, @sector, @area, @source, @title, @message, @state, @raisedAt, @updatedAt,
           @acknowledgedBy, @ackedAt, @clearedAt, @areas, @origin)
         ON CONFLICT(id) DO UPDATE SET severity = excluded.severity, sector = excluded.sector, area = excluded.area,
           source = excluded.source, title = excluded.title, message = excluded.message, state = excluded.state,
           raised_at = excluded.raised_at, updated_at = excluded.updated_at, acknowledged_by = excluded.acknowledged_by,
           acked_at = excluded.acked_at, cleared_at = excluded.cleared_at, areas = excluded.areas, origin = excluded.origin`,
      )
      .run({ acknowledgedBy: null, ackedAt: null, clearedAt: null, origin: null, ...alert, areas: alert.areas ? JSON.stringify(alert.areas) : null });
    this.audit.writeNow(action, alert.id, actor, at, detail);
  }

  /**
   * Records an acknowledgement once per alert. Returns after the transaction committed (with
   * synchronous=FULL, on disk), so the caller may confirm it to the wall.
   */
  public async acknowledge(req: AckCommand, actor: Actor, now: number): Promise<AckOutcome> {
    return this.db.transaction((): AckOutcome => {
      const existing = this.db.prepare('SELECT * FROM acks WHERE alert_id = ?').get(req.alertId) as AckRow | undefined;
      if (existing) return { kind: 'duplicate', alert: this.getNow(req.alertId)!, record: toAck(existing) };
      if (this.db.prepare('SELECT 1 FROM acks WHERE ack_id = ?').get(req.ackId)) return { kind: 'ack-id-reused' };
      const row = this.db.prepare('SELECT * FROM alerts WHERE id = ?').get(req.alertId) as AlertRow | undefined;
      if (!row) return { kind: 'unknown-alert' };
      const record = ackRecord(req, actor, now);
      this.db
        .prepare(
          `INSERT INTO acks (ack_id, alert_id, operator, screen, node, window, via, acked_at, committed_at, comment)
           VALUES (@ackId, @alertId, @operator, @screen, @node, @window, @via, @ackedAt, @committedAt, @comment)`,
        )
        .run(record);
      this.db
        .prepare(
          `UPDATE alerts SET state = CASE WHEN state = 'cleared' THEN 'cleared' ELSE 'acknowledged' END,
             acknowledged_by = ?, acked_at = ?, updated_at = ? WHERE id = ?`,
        )
        .run(actor.name, req.at, now, req.alertId);
      const detail = { ackId: req.ackId, ackedAt: req.at, ...(record.comment !== null ? { comment: record.comment } : {}) };
      this.audit.writeNow('ack', req.alertId, actor, now, detail);
      return { kind: 'committed', alert: this.getNow(req.alertId)!, record };
    })();
  }

  public async getAck(alertId: string): Promise<AckRecord | undefined> {
    const r = this.db.prepare('SELECT * FROM acks WHERE alert_id = ?').get(alertId) as AckRow | undefined;
    return r && toAck(r);
  }

  /** Most severe first, then newest raised first. */
  public async list(f: AlertFilter = {}): Promise<Alert[]> {
    const where: string[] = [];
    const args: unknown[] = [];
    const inList = (column: string, values: readonly string[]): void => {
      where.push(`${column} IN (${values.map(() => '?').join(', ')})`);
      args.push(...values);
    };
    if (f.severity?.length) inList('severity', f.severity);
    if (f.sector?.length) inList('sector', f.sector);
    if (f.state?.length) {
      const states = new Set<string>(f.state.flatMap((s) => (s === 'open' ? ['active', 'acknowledged'] : [s])));
      inList('state', [...states]);
    }
    if (f.since !== undefined) {
      where.push('updated_at >= ?');
      args.push(f.since);
    }
    const sql =
      `SELECT * FROM alerts ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ` +
      `ORDER BY ${SEVERITY_ORDER_SQL}, raised_at DESC LIMIT ?`;
    args.push(f.limit ?? 500);
    return (this.db.prepare(sql).all(...args) as AlertRow[]).map(toAlert);
  }

  public async countAcks(): Promise<number> {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM acks').get() as { n: number }).n;
  }
}
