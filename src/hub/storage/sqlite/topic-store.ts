/**
 * Topic values in the hub's SQLite file: the last value of each topic (table `topic_values`) and
 * the recent history of chart topics (table `topic_history`), both written in batches by
 * src/hub/topics.ts, so a restarted hub serves the same snapshot and charts as before.
 */
import type Database from 'better-sqlite3';
import type { JsonValue } from '../../../core/protocol/limits.js';
import type { TopicStore } from '../store.js';
import type { HistoryChange, HistoryPoint, StoredValue } from '../store-types.js';

export class SqliteTopicStore implements TopicStore {
  public constructor(private readonly db: Database.Database) {}

  public async loadValues(): Promise<StoredValue[]> {
    const rows = this.db.prepare('SELECT topic, value, t, received_at FROM topic_values').all() as {
      topic: string;
      value: string;
      t: number;
      received_at: number;
    }[];
    return rows.map((r) => ({ topic: r.topic, value: JSON.parse(r.value) as JsonValue, t: r.t, receivedAt: r.received_at }));
  }

  /** Upserts the latest value of each topic in one transaction. */
  public async saveValues(values: Iterable<StoredValue>): Promise<void> {
    const stmt = this.db.prepare(
      `INSERT INTO topic_values (topic, value, t, received_at) VALUES (?, ?, ?, ?)
       ON CONFLICT(topic) DO UPDATE SET value = excluded.value, t = excluded.t, received_at = excluded.received_at`,
    );
    this.db.transaction(() => {
      for (const u of values) stmt.run(u.topic, JSON.stringify(u.value), u.t, u.receivedAt);
    })();
  }

  /** Every kept history point, oldest first per topic. */
  public async loadHistory(): Promise<({ topic: string } & HistoryPoint)[]> {
    return this.db.prepare('SELECT topic, t, v FROM topic_history ORDER BY topic, t').all() as ({ topic: string } & HistoryPoint)[];
  }

  /** Applies history changes in one transaction (written in batches, like last values). */
  public async saveHistory(changes: readonly HistoryChange[]): Promise<void> {
    if (changes.length === 0) return;
    const dropAll = this.db.prepare('DELETE FROM topic_history WHERE topic = ?');
    const dropBefore = this.db.prepare('DELETE FROM topic_history WHERE topic = ? AND t < ?');
    const dropFrom = this.db.prepare('DELETE FROM topic_history WHERE topic = ? AND t >= ?');
    const insert = this.db.prepare('INSERT INTO topic_history (topic, t, v) VALUES (?, ?, ?)');
    this.db.transaction(() => {
      for (const c of changes) {
        if (!Number.isFinite(c.keepFrom)) {
          dropAll.run(c.topic);
          continue;
        }
        dropBefore.run(c.topic, c.keepFrom);
        if (!Number.isFinite(c.rewriteFrom)) continue;
        dropFrom.run(c.topic, c.rewriteFrom);
        for (const p of c.points) insert.run(c.topic, p.t, p.v);
      }
    })();
  }

  /** Forgets the history of topics no chart reads any more (the project's layouts changed). */
  public async keepHistoryOf(topics: ReadonlySet<string>): Promise<void> {
    const stored = this.db.prepare('SELECT DISTINCT topic FROM topic_history').all() as { topic: string }[];
    const drop = this.db.prepare('DELETE FROM topic_history WHERE topic = ?');
    this.db.transaction(() => {
      for (const { topic } of stored) if (!topics.has(topic)) drop.run(topic);
    })();
  }
}
