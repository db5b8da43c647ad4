/** The baseline forecaster's training series in the hub's SQLite file (table `baseline_samples`). */
import type Database from 'better-sqlite3';
import type { BaselineSample, BaselineSampleStore } from '../store.js';

export class SqliteBaselineSampleStore implements BaselineSampleStore {
  public constructor(private readonly db: Database.Database) {}

  public async load(): Promise<BaselineSample[]> {
    return this.db.prepare('SELECT topic, bucket, sum, count FROM baseline_samples ORDER BY topic, bucket').all() as BaselineSample[];
  }

  public async save(samples: readonly BaselineSample[], keepFrom: ReadonlyMap<string, number>): Promise<void> {
    const upsert = this.db.prepare(
      `INSERT INTO baseline_samples (topic, bucket, sum, count) VALUES (?, ?, ?, ?)
       ON CONFLICT(topic, bucket) DO UPDATE SET sum = excluded.sum, count = excluded.count`,
    );
    const prune = this.db.prepare('DELETE FROM baseline_samples WHERE topic = ? AND bucket < ?');
    const topics = [...keepFrom.keys()];
    this.db.transaction(() => {
      for (const s of samples) upsert.run(s.topic, s.bucket, s.sum, s.count);
      for (const [topic, from] of keepFrom) prune.run(topic, from);
      this.db.prepare(`DELETE FROM baseline_samples WHERE topic NOT IN (${topics.map(() => '?').join(', ')})`).run(...topics);
    })();
  }
}
