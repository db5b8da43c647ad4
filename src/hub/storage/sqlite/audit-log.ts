/**
 * The audit trail in the hub's SQLite file (table `audit`): who raised, updated, acknowledged or
 * cleared an alert, switched the layout or changed a preset, and from where (`channel`). Each entry
 * is written inside the transaction of the change it records (alert-store.ts, layout-store.ts,
 * preset-store.ts), so a change is never on disk without its entry. Attempts that did not happen
 * (`layout:failed`, `ack:refused`) change nothing else and are written alone.
 */
import type Database from 'better-sqlite3';
import type { JsonValue } from '../../../core/protocol/limits.js';
import type { AuditLog } from '../store.js';
import type { Actor, AuditAction, AuditEntry, AuditFilter } from '../store-types.js';

type AuditRow = Omit<AuditEntry, 'detail' | 'alertId'> & { alert_id: string | null; detail: string | null };

export class SqliteAuditLog implements AuditLog {
  public constructor(private readonly db: Database.Database) {}

  public async write(action: AuditAction, alertId: string | null, actor: Actor, at: number, detail: JsonValue): Promise<void> {
    this.writeNow(action, alertId, actor, at, detail);
  }

  /** Inside the transaction of the change it records (the other parts call it). */
  public writeNow(action: AuditAction, alertId: string | null, actor: Actor, at: number, detail: JsonValue): void {
    this.db
      .prepare(
        `INSERT INTO audit (at, action, alert_id, actor, role, via, channel, node, window, screen, detail)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(at, action, alertId, actor.name, actor.role, actor.via, actor.channel, actor.node ?? null, actor.window ?? null,
        actor.screen ?? null, detail === null ? null : JSON.stringify(detail));
  }

  /** Newest first. */
  public async list(f: AuditFilter = {}): Promise<AuditEntry[]> {
    const where = ['at >= ?'];
    const args: unknown[] = [f.since ?? 0];
    if (f.alertId !== undefined) {
      where.push('alert_id = ?');
      args.push(f.alertId);
    }
    for (const [column, values] of [['channel', f.channel], ['action', f.action]] as const) {
      if (!values?.length) continue;
      where.push(`${column} IN (${values.map(() => '?').join(', ')})`);
      args.push(...values);
    }
    const rows = this.db
      .prepare(`SELECT * FROM audit WHERE ${where.join(' AND ')} ORDER BY seq DESC LIMIT ?`)
      .all(...args, f.limit ?? 500) as AuditRow[];
    return rows.map(({ alert_id, detail, ...r }) => ({ ...r, alertId: alert_id, detail: detail ? (JSON.parse(detail) as JsonValue) : null }));
  }
}
