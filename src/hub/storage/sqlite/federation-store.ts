/**
 * A province's marks of what it applied from each sub-centre (table `federation_applied`,
 * docs/federation.md). A forwarded alert change and its mark are one transaction.
 */
import type Database from 'better-sqlite3';
import type { Alert } from '../../../core/protocol/alerts.js';
import type { JsonValue } from '../../../core/protocol/limits.js';
import type { AppliedMark, FederationStore } from '../store.js';
import type { Actor, AuditAction } from '../store-types.js';
import type { SqliteAlertStore } from './alert-store.js';

interface MarkRow {
  sub_centre: string;
  seq: number;
  origin_at: number;
  applied_at: number;
}

export class SqliteFederationStore implements FederationStore {
  public constructor(
    private readonly db: Database.Database,
    private readonly alerts: SqliteAlertStore,
  ) {}

  public async loadApplied(): Promise<AppliedMark[]> {
    const rows = this.db.prepare('SELECT * FROM federation_applied ORDER BY sub_centre').all() as MarkRow[];
    return rows.map((r) => ({ subCentre: r.sub_centre, seq: r.seq, originAt: r.origin_at, appliedAt: r.applied_at }));
  }

  public async markApplied(mark: AppliedMark): Promise<void> {
    this.markNow(mark);
  }

  public async applyAlert(alert: Alert, action: AuditAction, actor: Actor, at: number, detail: JsonValue, mark: AppliedMark): Promise<void> {
    this.db.transaction(() => {
      this.alerts.saveNow(alert, action, actor, at, detail);
      this.markNow(mark);
    })();
  }

  private markNow(m: AppliedMark): void {
    this.db
      .prepare(
        `INSERT INTO federation_applied (sub_centre, seq, origin_at, applied_at) VALUES (?, ?, ?, ?)
         ON CONFLICT(sub_centre) DO UPDATE SET seq = excluded.seq, origin_at = excluded.origin_at, applied_at = excluded.applied_at`,
      )
      .run(m.subCentre, m.seq, m.originAt, m.appliedAt);
  }
}
