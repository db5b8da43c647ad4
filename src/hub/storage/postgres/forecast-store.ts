/** Each topic's current forecast in PostgreSQL, as sqlite/forecast-store.ts (table `topic_forecasts`). */
import type { Forecast } from '../../../core/protocol/forecasts.js';
import type { ForecastStore } from '../store.js';
import type { PgDb } from './pg-db.js';

export class PgForecastStore implements ForecastStore {
  public constructor(private readonly db: PgDb) {}

  public async load(): Promise<Forecast[]> {
    const rows = await this.db.query<{ forecast: string }>('SELECT forecast FROM topic_forecasts ORDER BY topic');
    return rows.map((r) => JSON.parse(r.forecast) as Forecast);
  }

  public async save(forecast: Forecast): Promise<void> {
    await this.db.write((tx) =>
      tx.run('INSERT INTO topic_forecasts (topic, forecast) VALUES ($1, $2) ON CONFLICT (topic) DO UPDATE SET forecast = excluded.forecast', [forecast.topic, JSON.stringify(forecast)]),
    );
  }

  public async drop(topic: string): Promise<boolean> {
    const gone = await this.db.write((tx) => tx.rows<{ topic: string }>('DELETE FROM topic_forecasts WHERE topic = $1 RETURNING topic', [topic]));
    return gone.length > 0;
  }
}
