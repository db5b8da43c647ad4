/**
 * The audit trail in PostgreSQL (table `audit`), as sqlite/audit-log.ts: an entry of a change is
 * written by that change's transaction (`writeIn`), an entry standing alone by a transaction of its own.
 */
import type { JsonValue } from '../../../core/protocol/limits.js';
import type { AuditLog } from '../store.js';
import type { Actor, AuditAction, AuditEntry, AuditFilter } from '../store-types.js';
import type { PgDb, PgTx } from './pg-db.js';

type AuditRow = Omit<AuditEntry, 'detail' | 'alertId'> & { alert_id: string | null; detail: string | null };

/** `$n, $n+1, …` for `count` values starting at `from`. */
export const placeholders = (from: number, count: number): string => Array.from({ length: count }, (_, i) => `$${from + i}`).join(', ');

export class PgAuditLog implements AuditLog {
  public constructor(private readonly db: PgDb) {}

  public write(action: AuditAction, alertId: string | null, actor: Actor, at: number, detail: JsonValue): Promise<void> {
    return this.db.write((tx) => this.writeIn(tx, action, alertId, actor, at, detail));
  }

  /** Inside the transaction of the change it records. */
  public async writeIn(tx: PgTx, action: AuditAction, alertId: string | null, actor: Actor, at: number, detail: JsonValue): Promise<void> {
    await tx.run(
      `INSERT INTO audit (at, action, alert_id, actor, role, via, channel, node, "window", screen, detail)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [at, action, alertId, actor.name, actor.role, actor.via, actor.channel, actor.node ?? null, actor.window ?? null, actor.screen ?? null,
        detail === null ? null : JSON.stringify(detail)],
    );
  }

  /** Newest first. */
  public async list(f: AuditFilter = {}): Promise<AuditEntry[]> {
    const where = ['at >= $1'];
    const args: unknown[] = [f.since ?? 0];
    if (f.alertId !== undefined) {
      args.push(f.alertId);
      where.push(`alert_id = $${args.length}`);
    }
    for (const [column, values] of [['channel', f.channel], ['action', f.action]] as const) {
      if (!values?.length) continue;
      where.push(`${column} IN (${placeholders(args.length + 1, values.length)})`);
      args.push(...values);
    }
    args.push(f.limit ?? 500);
    const rows = await this.db.query<AuditRow>(`SELECT * FROM audit WHERE ${where.join(' AND ')} ORDER BY seq DESC LIMIT $${args.length}`, args);
    return rows.map(({ alert_id, detail, ...r }) => ({ ...r, alertId: alert_id, detail: detail ? (JSON.parse(detail) as JsonValue) : null }));
  }
}
