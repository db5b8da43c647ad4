/** The baseline forecaster's training series in PostgreSQL, as sqlite/baseline-sample-store.ts. */
import type { BaselineSample, BaselineSampleStore } from '../store.js';
import type { PgDb } from './pg-db.js';

/** Rows per INSERT statement (PostgreSQL takes at most 65535 parameters in one). */
const BATCH = 1000;

export class PgBaselineSampleStore implements BaselineSampleStore {
  public constructor(private readonly db: PgDb) {}

  public load(): Promise<BaselineSample[]> {
    return this.db.query<BaselineSample>('SELECT topic, bucket, sum, count FROM baseline_samples ORDER BY topic, bucket');
  }

  public async save(samples: readonly BaselineSample[], keepFrom: ReadonlyMap<string, number>): Promise<void> {
    await this.db.write(async (tx) => {
      for (let i = 0; i < samples.length; i += BATCH) {
        const part = samples.slice(i, i + BATCH);
        await tx.run(
          `INSERT INTO baseline_samples (topic, bucket, sum, count)
           VALUES ${part.map((_, j) => `($${j * 4 + 1}, $${j * 4 + 2}, $${j * 4 + 3}, $${j * 4 + 4})`).join(', ')}
           ON CONFLICT (topic, bucket) DO UPDATE SET sum = excluded.sum, count = excluded.count`,
          part.flatMap((s) => [s.topic, s.bucket, s.sum, s.count]),
        );
      }
      for (const [topic, from] of keepFrom) await tx.run('DELETE FROM baseline_samples WHERE topic = $1 AND bucket < $2', [topic, from]);
      await tx.run('DELETE FROM baseline_samples WHERE NOT (topic = ANY($1::text[]))', [[...keepFrom.keys()]]);
    });
  }
}
