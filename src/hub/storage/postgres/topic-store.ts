/**
 * Topic values in PostgreSQL, as sqlite/topic-store.ts: the last value of each topic
 * (`topic_values`) and the chart topics' recent history (`topic_history`), written in batches, each
 * batch one transaction.
 */
import type { JsonValue } from '../../../core/protocol/limits.js';
import type { TopicStore } from '../store.js';
import type { HistoryChange, HistoryPoint, StoredValue } from '../store-types.js';
import type { PgDb } from './pg-db.js';

/** Rows per INSERT statement (PostgreSQL takes at most 65535 parameters in one). */
const BATCH = 1000;

export class PgTopicStore implements TopicStore {
  public constructor(private readonly db: PgDb) {}

  public async loadValues(): Promise<StoredValue[]> {
    const rows = await this.db.query<{ topic: string; value: string; t: number; received_at: number }>('SELECT topic, value, t, received_at FROM topic_values');
    return rows.map((r) => ({ topic: r.topic, value: JSON.parse(r.value) as JsonValue, t: r.t, receivedAt: r.received_at }));
  }

  /** Upserts the latest value of each topic in one transaction. */
  public async saveValues(values: Iterable<StoredValue>): Promise<void> {
    const all = [...values];
    if (all.length === 0) return;
    await this.db.write(async (tx) => {
      for (let i = 0; i < all.length; i += BATCH) {
        const part = all.slice(i, i + BATCH);
        await tx.run(
          `INSERT INTO topic_values (topic, value, t, received_at)
           VALUES ${part.map((_, j) => `($${j * 4 + 1}, $${j * 4 + 2}, $${j * 4 + 3}, $${j * 4 + 4})`).join(', ')}
           ON CONFLICT (topic) DO UPDATE SET value = excluded.value, t = excluded.t, received_at = excluded.received_at`,
          part.flatMap((u) => [u.topic, JSON.stringify(u.value), u.t, u.receivedAt]),
        );
      }
    });
  }

  /** Every kept history point, oldest first per topic. */
  public loadHistory(): Promise<({ topic: string } & HistoryPoint)[]> {
    return this.db.query<{ topic: string } & HistoryPoint>('SELECT topic, t, v FROM topic_history ORDER BY topic, t');
  }

  /** Applies history changes in one transaction. */
  public async saveHistory(changes: readonly HistoryChange[]): Promise<void> {
    if (changes.length === 0) return;
    await this.db.write(async (tx) => {
      for (const c of changes) {
        if (!Number.isFinite(c.keepFrom)) {
          await tx.run('DELETE FROM topic_history WHERE topic = $1', [c.topic]);
          continue;
        }
        await tx.run('DELETE FROM topic_history WHERE topic = $1 AND t < $2', [c.topic, c.keepFrom]);
        if (!Number.isFinite(c.rewriteFrom)) continue;
        await tx.run('DELETE FROM topic_history WHERE topic = $1 AND t >= $2', [c.topic, c.rewriteFrom]);
        for (let i = 0; i < c.points.length; i += BATCH) {
          const part = c.points.slice(i, i + BATCH);
          await tx.run(
            `INSERT INTO topic_history (topic, t, v) VALUES ${part.map((_, j) => `($1, $${j * 2 + 2}, $${j * 2 + 3})`).join(', ')}`,
            [c.topic, ...part.flatMap((p) => [p.t, p.v])],
          );
        }
      }
    });
  }

  /** Forgets the history of topics no chart reads any more. */
  public async keepHistoryOf(topics: ReadonlySet<string>): Promise<void> {
    await this.db.write((tx) => tx.run('DELETE FROM topic_history WHERE NOT (topic = ANY($1::text[]))', [[...topics]]));
  }
}
