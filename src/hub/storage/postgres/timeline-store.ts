/** The timeline in PostgreSQL, as sqlite/timeline-store.ts. */
import type { NewTimelineEvent, TimelineEvent, TimelineFilter } from '../../../core/protocol/timeline.js';
import type { TimelineStore } from '../store.js';
import { timelineWhere, toTimelineEvent, type TimelineRow } from '../store-rows.js';
import type { PgDb } from './pg-db.js';

/** Rows per INSERT (8 parameters each; PostgreSQL takes at most 65535 in one statement). */
const BATCH = 1000;

export class PgTimelineStore implements TimelineStore {
  public constructor(private readonly db: PgDb) {}

  public async append(events: readonly NewTimelineEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.db.write(async (tx) => {
      for (let i = 0; i < events.length; i += BATCH) {
        const part = events.slice(i, i + BATCH);
        await tx.run(
          `INSERT INTO timeline (at, kind, subject, what, sector, severity, actor, detail)
           VALUES ${part.map((_, j) => `(${Array.from({ length: 8 }, (_x, k) => `$${j * 8 + k + 1}`).join(', ')})`).join(', ')}`,
          part.flatMap((e) => [e.at, e.kind, e.subject, e.what, e.sector, e.severity, e.actor, JSON.stringify(e.detail)]),
        );
      }
    });
  }

  public async list(f: TimelineFilter): Promise<TimelineEvent[]> {
    let n = 0;
    const { sql, params } = timelineWhere(f, () => `$${++n}`);
    const rows = await this.db.query<TimelineRow>(`SELECT * FROM timeline ${sql} ORDER BY at, seq LIMIT $${++n}`, [...params, f.limit ?? 1000]);
    return rows.map(toTimelineEvent);
  }

  public async prune(before: number): Promise<number> {
    return this.db.write((tx) => tx.run('DELETE FROM timeline WHERE at < $1', [before]));
  }

  public async oldest(): Promise<number | null> {
    const [row] = await this.db.query<{ at: string | null }>('SELECT MIN(at) AS at FROM timeline');
    return row?.at == null ? null : Number(row.at);
  }
}
