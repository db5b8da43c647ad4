/** The timeline in the hub's SQLite file (table `timeline`): appended in batches, read by time, pruned by age. */
import type Database from 'better-sqlite3';
import type { NewTimelineEvent, TimelineEvent, TimelineFilter } from '../../../core/protocol/timeline.js';
import type { TimelineStore } from '../store.js';
import { timelineWhere, toTimelineEvent, type TimelineRow } from '../store-rows.js';

export class SqliteTimelineStore implements TimelineStore {
  public constructor(private readonly db: Database.Database) {}

  public async append(events: readonly NewTimelineEvent[]): Promise<void> {
    if (events.length === 0) return;
    const insert = this.db.prepare('INSERT INTO timeline (at, kind, subject, what, sector, severity, actor, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    this.db.transaction(() => {
      for (const e of events) insert.run(e.at, e.kind, e.subject, e.what, e.sector, e.severity, e.actor, JSON.stringify(e.detail));
    })();
  }

  public async list(f: TimelineFilter): Promise<TimelineEvent[]> {
    const { sql, params } = timelineWhere(f, () => '?');
    const rows = this.db.prepare(`SELECT * FROM timeline ${sql} ORDER BY at, seq LIMIT ?`).all(...params, f.limit ?? 1000) as TimelineRow[];
    return rows.map(toTimelineEvent);
  }

  public async prune(before: number): Promise<number> {
    return this.db.prepare('DELETE FROM timeline WHERE at < ?').run(before).changes;
  }

  public async oldest(): Promise<number | null> {
    const row = this.db.prepare('SELECT MIN(at) AS at FROM timeline').get() as { at: number | null };
    return row.at;
  }
}

