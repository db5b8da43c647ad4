/**
 * A province's marks of what it applied from each sub-centre in PostgreSQL (table
 * `federation_applied`), as sqlite/federation-store.ts: a forwarded alert change and its mark are
 * one transaction.
 */
import type { Alert } from '../../../core/protocol/alerts.js';
import type { JsonValue } from '../../../core/protocol/limits.js';
import type { AppliedMark, FederationStore } from '../store.js';
import type { Actor, AuditAction } from '../store-types.js';
import type { PgAlertStore } from './alert-store.js';
import type { PgDb, PgTx } from './pg-db.js';

interface MarkRow {
  sub_centre: string;
  seq: number;
  origin_at: number;
  applied_at: number;
}

export class PgFederationStore implements FederationStore {
  public constructor(
    private readonly db: PgDb,
    private readonly alerts: PgAlertStore,
  ) {}

  public async loadApplied(): Promise<AppliedMark[]> {
    const rows = await this.db.query<MarkRow>('SELECT * FROM federation_applied ORDER BY sub_centre');
    return rows.map((r) => ({ subCentre: r.sub_centre, seq: r.seq, originAt: r.origin_at, appliedAt: r.applied_at }));
  }

  public markApplied(mark: AppliedMark): Promise<void> {
    return this.db.write((tx) => this.markIn(tx, mark));
  }

  public applyAlert(alert: Alert, action: AuditAction, actor: Actor, at: number, detail: JsonValue, mark: AppliedMark): Promise<void> {
    return this.db.write(async (tx) => {
      await this.alerts.saveIn(tx, alert, action, actor, at, detail);
      await this.markIn(tx, mark);
    });
  }

  private async markIn(tx: PgTx, m: AppliedMark): Promise<void> {
    await tx.run(
      `INSERT INTO federation_applied (sub_centre, seq, origin_at, applied_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (sub_centre) DO UPDATE SET seq = excluded.seq, origin_at = excluded.origin_at, applied_at = excluded.applied_at`,
      [m.subCentre, m.seq, m.originAt, m.appliedAt],
    );
  }
}
