/** Each topic's current forecast in the hub's SQLite file (table `topic_forecasts`, the Forecast as JSON). */
import type Database from 'better-sqlite3';
import type { Forecast } from '../../../core/protocol/forecasts.js';
import type { ForecastStore } from '../store.js';

export class SqliteForecastStore implements ForecastStore {
  public constructor(private readonly db: Database.Database) {}

  public async load(): Promise<Forecast[]> {
    const rows = this.db.prepare('SELECT forecast FROM topic_forecasts ORDER BY topic').all() as { forecast: string }[];
    return rows.map((r) => JSON.parse(r.forecast) as Forecast);
  }

  public async save(forecast: Forecast): Promise<void> {
    this.db
      .prepare('INSERT INTO topic_forecasts (topic, forecast) VALUES (?, ?) ON CONFLICT(topic) DO UPDATE SET forecast = excluded.forecast')
      .run(forecast.topic, JSON.stringify(forecast));
  }

  public async drop(topic: string): Promise<boolean> {
    return this.db.prepare('DELETE FROM topic_forecasts WHERE topic = ?').run(topic).changes > 0;
  }
}
