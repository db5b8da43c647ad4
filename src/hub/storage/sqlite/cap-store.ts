/**
 * CAP 1.2 messages in the hub's SQLite file (src/hub/cap/): `cap_messages`, one row per message
 * taken (keyed by sender, identifier, sent: a replay is found here and answered `duplicate`), and
 * `cap_alerts`, per wallrun alert made from CAP its identity, when it expires and the `sent` of the
 * message it shows (an older one arriving late does not overwrite it).
 */
import type Database from 'better-sqlite3';
import type { CapMessageRecord } from '../../../core/protocol/cap.js';
import { toCapRecord as toRecord, type CapMessageRow as MessageRow } from '../store-rows.js';
import type { CapStore } from '../store.js';

export class SqliteCapStore implements CapStore {
  public constructor(private readonly db: Database.Database) {}

  public async findMessage(sender: string, identifier: string, sent: number): Promise<CapMessageRecord | undefined> {
    const r = this.db.prepare('SELECT * FROM cap_messages WHERE sender = ? AND identifier = ? AND sent = ?').get(sender, identifier, sent) as
      | MessageRow
      | undefined;
    return r && toRecord(r);
  }

  /** The wallrun alert a message (any of its sent times) made or changed, if any. */
  public async alertOfMessage(sender: string, identifier: string): Promise<string | null> {
    const r = this.db
      .prepare('SELECT alert_id FROM cap_messages WHERE sender = ? AND identifier = ? AND alert_id IS NOT NULL ORDER BY received_at DESC LIMIT 1')
      .get(sender, identifier) as { alert_id: string } | undefined;
    return r?.alert_id ?? null;
  }

  public async record(m: CapMessageRecord): Promise<void> {
    const { sender, identifier, sent, status, msgType, action, alertId, receivedAt, via, ...summary } = m;
    this.db
      .prepare(
        `INSERT INTO cap_messages (sender, identifier, sent, status, msg_type, action, alert_id, received_at, via, summary)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(sender, identifier, sent, status, msgType, action, alertId, receivedAt, via, JSON.stringify(summary));
  }

  /** Remembers (or moves) when a CAP alert ends (null: it has no end) and the `sent` of the message now shown. */
  public async track(alertId: string, sender: string, identifier: string, expiresAt: number | null, sent: number): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO cap_alerts (alert_id, sender, identifier, expires_at, last_sent) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(alert_id) DO UPDATE SET expires_at = excluded.expires_at, last_sent = excluded.last_sent`,
      )
      .run(alertId, sender, identifier, expiresAt, sent);
  }

  /** The `sent` of the message a CAP alert shows, if it is one. */
  public async lastSent(alertId: string): Promise<number | null> {
    const r = this.db.prepare('SELECT last_sent FROM cap_alerts WHERE alert_id = ?').get(alertId) as { last_sent: number } | undefined;
    return r?.last_sent ?? null;
  }

  public async untrack(alertId: string): Promise<void> {
    this.db.prepare('UPDATE cap_alerts SET expires_at = NULL WHERE alert_id = ?').run(alertId);
  }

  /** CAP alerts whose end has come (expires_at ≤ now). */
  public async due(now: number): Promise<string[]> {
    return (this.db.prepare('SELECT alert_id FROM cap_alerts WHERE expires_at IS NOT NULL AND expires_at <= ?').all(now) as { alert_id: string }[]).map(
      (r) => r.alert_id,
    );
  }

  /** Newest first. */
  public async list(limit = 200): Promise<CapMessageRecord[]> {
    return (this.db.prepare('SELECT * FROM cap_messages ORDER BY received_at DESC, rowid DESC LIMIT ?').all(limit) as MessageRow[]).map(toRecord);
  }
}
