/**
 * Alerts and acknowledgements in PostgreSQL (tables `alerts`, `acks`), as sqlite/alert-store.ts:
 * each change in one transaction with its audit entry.
 *
 * Acknowledgements exactly once, with several hubs or pool clients at once: the ack's transaction
 * first locks the alert's row (SELECT … FOR UPDATE), so a second ack of the same alert waits for
 * the first to commit and then finds its record (`duplicate`); `acks.alert_id` and `acks.ack_id`
 * are UNIQUE besides, and an insert that meets either (ON CONFLICT DO NOTHING) answers from the row
 * that won. `acknowledge` resolves after COMMIT was answered: the ack reply is sent after that.
 */
import type { Alert } from '../../../core/protocol/alerts.js';
import type { JsonValue } from '../../../core/protocol/limits.js';
import type { AlertStore } from '../store.js';
import { SEVERITY_ORDER_SQL, ackRecord, toAck, toAlert, type AckRow, type AlertRow } from '../store-rows.js';
import type { AckCommand, AckOutcome, AckRecord, Actor, AlertFilter, AuditAction } from '../store-types.js';
import { placeholders, type PgAuditLog } from './audit-log.js';
import type { PgDb, PgTx } from './pg-db.js';


export class PgAlertStore implements AlertStore {
  public constructor(
    private readonly db: PgDb,
    private readonly audit: PgAuditLog,
  ) {}

  public async get(id: string): Promise<Alert | undefined> {
    const [r] = await this.db.query<AlertRow>('SELECT * FROM alerts WHERE id = $1', [id]);
    return r && toAlert(r);
  }

  public save(alert: Alert, action: AuditAction, actor: Actor, at: number, detail: JsonValue = null): Promise<void> {
    return this.db.write((tx) => this.saveIn(tx, alert, action, actor, at, detail));
  }

  /** The statements of `save`, inside the caller's transaction (federation-store.ts adds its mark to it). */
  public async saveIn(tx: PgTx, alert: Alert, action: AuditAction, actor: Actor, at: number, detail: JsonValue): Promise<void> {
    const a = { acknowledgedBy: null, ackedAt: null, clearedAt: null, origin: null, ...alert };
    await tx.run(
      `INSERT INTO alerts (id, severity, sector, area, source, title, message, state, raised_at, updated_at,
         acknowledged_by, acked_at, cleared_at, areas, origin)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
       ON CONFLICT (id) DO UPDATE SET severity = excluded.severity, sector = excluded.sector, area = excluded.area,
         source = excluded.source, title = excluded.title, message = excluded.message, state = excluded.state,
         raised_at = excluded.raised_at, updated_at = excluded.updated_at, acknowledged_by = excluded.acknowledged_by,
         acked_at = excluded.acked_at, cleared_at = excluded.cleared_at, areas = excluded.areas, origin = excluded.origin`,
      [a.id, a.severity, a.sector, a.area, a.source, a.title, a.message, a.state, a.raisedAt, a.updatedAt, a.acknowledgedBy, a.ackedAt, a.clearedAt,
        alert.areas ? JSON.stringify(alert.areas) : null, a.origin],
    );
    await this.audit.writeIn(tx, action, alert.id, actor, at, detail);
  }

  /** Records an acknowledgement once per alert; resolves after COMMIT was answered. */
  public acknowledge(req: AckCommand, actor: Actor, now: number): Promise<AckOutcome> {
    return this.db.write(async (tx): Promise<AckOutcome> => {
      const [row] = await tx.rows<AlertRow>('SELECT * FROM alerts WHERE id = $1 FOR UPDATE', [req.alertId]);
      const earlier = await this.earlier(tx, req);
      if (earlier) return earlier;
      if (!row) return { kind: 'unknown-alert' };
      const record = ackRecord(req, actor, now);
      const inserted = await tx.run(
        `INSERT INTO acks (ack_id, alert_id, operator, screen, node, "window", via, acked_at, committed_at, comment)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING`,
        [record.ackId, record.alertId, record.operator, record.screen, record.node, record.window, record.via, record.ackedAt, record.committedAt, record.comment],
      );
      if (inserted === 0) return (await this.earlier(tx, req)) ?? { kind: 'ack-id-reused' };
      const [updated] = await tx.rows<AlertRow>(
        `UPDATE alerts SET state = CASE WHEN state = 'cleared' THEN 'cleared' ELSE 'acknowledged' END,
           acknowledged_by = $1, acked_at = $2, updated_at = $3 WHERE id = $4 RETURNING *`,
        [actor.name, req.at, now, req.alertId],
      );
      const detail = { ackId: req.ackId, ackedAt: req.at, ...(record.comment !== null ? { comment: record.comment } : {}) };
      await this.audit.writeIn(tx, 'ack', req.alertId, actor, now, detail);
      return { kind: 'committed', alert: toAlert(updated!), record };
    });
  }

  public async getAck(alertId: string): Promise<AckRecord | undefined> {
    const [r] = await this.db.query<AckRow>('SELECT * FROM acks WHERE alert_id = $1', [alertId]);
    return r && toAck(r);
  }

  /** Most severe first, then newest raised first. */
  public async list(f: AlertFilter = {}): Promise<Alert[]> {
    const where: string[] = [];
    const args: unknown[] = [];
    const inList = (column: string, values: readonly string[]): void => {
      where.push(`${column} IN (${placeholders(args.length + 1, values.length)})`);
      args.push(...values);
    };
    if (f.severity?.length) inList('severity', f.severity);
    if (f.sector?.length) inList('sector', f.sector);
    if (f.state?.length) inList('state', [...new Set<string>(f.state.flatMap((s) => (s === 'open' ? ['active', 'acknowledged'] : [s])))]);
    if (f.since !== undefined) {
      args.push(f.since);
      where.push(`updated_at >= $${args.length}`);
    }
    args.push(Math.min(f.limit ?? 500, Number.MAX_SAFE_INTEGER));
    const sql = `SELECT * FROM alerts ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${SEVERITY_ORDER_SQL}, raised_at DESC LIMIT $${args.length}`;
    return (await this.db.query<AlertRow>(sql, args)).map(toAlert);
  }

  public async countAcks(): Promise<number> {
    const [r] = await this.db.query<{ n: number }>('SELECT COUNT(*) AS n FROM acks');
    return r!.n;
  }

  /** The answer to an ack met earlier: the alert's ack (duplicate) or its ackId used for another alert. */
  private async earlier(tx: PgTx, req: AckCommand): Promise<AckOutcome | null> {
    const [existing] = await tx.rows<AckRow>('SELECT * FROM acks WHERE alert_id = $1', [req.alertId]);
    if (existing) {
      const [alert] = await tx.rows<AlertRow>('SELECT * FROM alerts WHERE id = $1', [req.alertId]);
      return { kind: 'duplicate', alert: toAlert(alert!), record: toAck(existing) };
    }
    const reused = await tx.rows('SELECT 1 FROM acks WHERE ack_id = $1', [req.ackId]);
    return reused.length ? { kind: 'ack-id-reused' } : null;
  }
}
