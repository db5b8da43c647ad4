/**
 * The audit trail in the hub's SQLite file (table `audit`): who raised, updated, acknowledged or
 * cleared an alert, switched the layout or changed a preset. Each entry is written inside the
 * transaction of the change it records (alert-store.ts, layout-store.ts, preset-store.ts), so a
 * change is never on disk without its entry.
 */
import type Database from 'better-sqlite3';
import type { JsonValue } from '../../core/protocol/limits.js';
import type { Actor, AuditAction, AuditEntry } from './store-types.js';

type AuditRow = Omit<AuditEntry, 'detail' | 'alertId'> & { alert_id: string | null; detail: string | null };

export class AuditLog {
  public constructor(private readonly db: Database.Database) {}

  public write(action: AuditAction, alertId: string | null, actor: Actor, at: number, detail: JsonValue): void {
    this.db
      .prepare(
        `INSERT INTO audit (at, action, alert_id, actor, role, via, node, window, screen, detail)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(at, action, alertId, actor.name, actor.role, actor.via, actor.node ?? null, actor.window ?? null,
        actor.screen ?? null, detail === null ? null : JSON.stringify(detail));
  }

  /** Newest first. */
  public list(f: { alertId?: string; since?: number; limit?: number } = {}): AuditEntry[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM audit WHERE (@alertId IS NULL OR alert_id = @alertId) AND at >= @since ORDER BY seq DESC LIMIT @limit`,
      )
      .all({ alertId: f.alertId ?? null, since: f.since ?? 0, limit: f.limit ?? 500 }) as AuditRow[];
    return rows.map(({ alert_id, detail, ...r }) => ({ ...r, alertId: alert_id, detail: detail ? (JSON.parse(detail) as JsonValue) : null }));
  }
}
