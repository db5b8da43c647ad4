/**
 * The wall windows the hub has seen and the last layout switch, in the hub's SQLite file (tables
 * `wall_windows` and `switch_state`, schema step 3). Without them a restarted hub would know no
 * window until it connects, so a window (or a whole node) that never comes back after the restart
 * would never be counted dead (docs/protocol.md, "7. Degraded mode"), and operators would lose
 * the last switch's record.
 *
 * A window's row is written when it connects, disconnects, reports other dark screens or reports a
 * layout switch: a few writes per window per day, not one per health report.
 */
import type Database from 'better-sqlite3';
import type { SwitchRecord, WallInfo } from '../../../core/protocol/walls.js';
import type { WallStore } from '../store.js';
import type { StoredWindow } from '../store-types.js';
import { toStoredWindow, windowColumns, type WindowRow } from '../store-rows.js';

export class SqliteWallStore implements WallStore {
  public constructor(private readonly db: Database.Database) {}

  public async loadWindows(): Promise<StoredWindow[]> {
    const rows = this.db.prepare('SELECT * FROM wall_windows ORDER BY node, window').all() as WindowRow[];
    return rows.map(toStoredWindow);
  }

  /** Upserts a window's row from the registry's state. */
  public async saveWindow(w: WallInfo): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO wall_windows (node, window, screens, token, address, connected_at, gone_at, disconnect_reason, health, last_switch)
         VALUES (@node, @window, @screens, @token, @address, @connectedAt, @goneAt, @disconnectReason, @health, @lastSwitch)
         ON CONFLICT(node, window) DO UPDATE SET screens = excluded.screens, token = excluded.token, address = excluded.address,
           connected_at = excluded.connected_at, gone_at = excluded.gone_at, disconnect_reason = excluded.disconnect_reason,
           health = excluded.health, last_switch = excluded.last_switch`,
      )
      .run(windowColumns(w));
  }

  /** Forgets every window (a demo starts its own windows afresh each run). */
  public async clearWindows(): Promise<void> {
    this.db.prepare('DELETE FROM wall_windows').run();
  }

  public async deleteWindow(node: string, window: string): Promise<void> {
    this.db.prepare('DELETE FROM wall_windows WHERE node = ? AND window = ?').run(node, window);
  }

  public async loadSwitch(): Promise<SwitchRecord | null> {
    const r = this.db.prepare('SELECT record FROM switch_state WHERE id = 1').get() as { record: string } | undefined;
    return r ? (JSON.parse(r.record) as SwitchRecord) : null;
  }

  public async saveSwitch(record: SwitchRecord): Promise<void> {
    this.db
      .prepare('INSERT INTO switch_state (id, record) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET record = excluded.record')
      .run(JSON.stringify(record));
  }
}
