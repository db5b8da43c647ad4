/**
 * CAP 1.2 messages in PostgreSQL, as sqlite/cap-store.ts: `cap_messages`, one row per message taken
 * (keyed by sender, identifier, sent: a replay is refused by the key), and `cap_alerts`, per CAP
 * alert its identity, when it expires and the `sent` of the message it shows.
 */
import type { CapMessageRecord } from '../../../core/protocol/cap.js';
import type { CapStore } from '../store.js';
import { toCapRecord, type CapMessageRow } from '../store-rows.js';
import type { PgDb } from './pg-db.js';

export class PgCapStore implements CapStore {
  public constructor(private readonly db: PgDb) {}

  public async findMessage(sender: string, identifier: string, sent: number): Promise<CapMessageRecord | undefined> {
    const [r] = await this.db.query<CapMessageRow>('SELECT * FROM cap_messages WHERE sender = $1 AND identifier = $2 AND sent = $3', [sender, identifier, sent]);
    return r && toCapRecord(r);
  }

  public async alertOfMessage(sender: string, identifier: string): Promise<string | null> {
    const [r] = await this.db.query<{ alert_id: string }>(
      'SELECT alert_id FROM cap_messages WHERE sender = $1 AND identifier = $2 AND alert_id IS NOT NULL ORDER BY received_at DESC LIMIT 1',
      [sender, identifier],
    );
    return r?.alert_id ?? null;
  }

  public async record(m: CapMessageRecord): Promise<void> {
    const { sender, identifier, sent, status, msgType, action, alertId, receivedAt, via, ...summary } = m;
    await this.db.write((tx) =>
      tx.run(
        `INSERT INTO cap_messages (sender, identifier, sent, status, msg_type, action, alert_id, received_at, via, summary)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [sender, identifier, sent, status, msgType, action, alertId, receivedAt, via, JSON.stringify(summary)],
      ),
    );
  }

  public async track(alertId: string, sender: string, identifier: string, expiresAt: number | null, sent: number): Promise<void> {
    await this.db.write((tx) =>
      tx.run(
        `INSERT INTO cap_alerts (alert_id, sender, identifier, expires_at, last_sent) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (alert_id) DO UPDATE SET expires_at = excluded.expires_at, last_sent = excluded.last_sent`,
        [alertId, sender, identifier, expiresAt, sent],
      ),
    );
  }

  public async lastSent(alertId: string): Promise<number | null> {
    const [r] = await this.db.query<{ last_sent: number }>('SELECT last_sent FROM cap_alerts WHERE alert_id = $1', [alertId]);
    return r?.last_sent ?? null;
  }

  public async untrack(alertId: string): Promise<void> {
    await this.db.write((tx) => tx.run('UPDATE cap_alerts SET expires_at = NULL WHERE alert_id = $1', [alertId]));
  }

  public async due(now: number): Promise<string[]> {
    return (await this.db.query<{ alert_id: string }>('SELECT alert_id FROM cap_alerts WHERE expires_at IS NOT NULL AND expires_at <= $1', [now])).map((r) => r.alert_id);
  }

  /** Newest first. */
  public async list(limit = 200): Promise<CapMessageRecord[]> {
    return (await this.db.query<CapMessageRow>('SELECT * FROM cap_messages ORDER BY received_at DESC, seq DESC LIMIT $1', [limit])).map(toCapRecord);
  }
}
