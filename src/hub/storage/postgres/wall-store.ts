/**
 * The wall windows seen, the last layout switch and the automation's state in PostgreSQL, as
 * sqlite/wall-store.ts and sqlite/automation-store.ts: small rows upserted whole, each write one
 * transaction.
 */
import type { Hold } from '../../../core/protocol/automation.js';
import type { SwitchRecord, WallInfo } from '../../../core/protocol/walls.js';
import type { AutomationStore, WallStore } from '../store.js';
import { toStoredWindow, windowColumns, type WindowRow } from '../store-rows.js';
import type { AppliedOccurrence, StoredWindow, TakeoverState } from '../store-types.js';
import type { PgDb } from './pg-db.js';

export class PgWallStore implements WallStore {
  public constructor(private readonly db: PgDb) {}

  public async loadWindows(): Promise<StoredWindow[]> {
    return (await this.db.query<WindowRow>('SELECT * FROM wall_windows ORDER BY node, "window"')).map(toStoredWindow);
  }

  public async saveWindow(w: WallInfo): Promise<void> {
    const c = windowColumns(w);
    await this.db.write((tx) =>
      tx.run(
        `INSERT INTO wall_windows (node, "window", screens, token, address, connected_at, gone_at, disconnect_reason, health, last_switch)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (node, "window") DO UPDATE SET screens = excluded.screens, token = excluded.token, address = excluded.address,
           connected_at = excluded.connected_at, gone_at = excluded.gone_at, disconnect_reason = excluded.disconnect_reason,
           health = excluded.health, last_switch = excluded.last_switch`,
        [c.node, c.window, c.screens, c.token, c.address, c.connectedAt, c.goneAt, c.disconnectReason, c.health, c.lastSwitch],
      ),
    );
  }

  public async clearWindows(): Promise<void> {
    await this.db.write((tx) => tx.run('DELETE FROM wall_windows'));
  }

  public async deleteWindow(node: string, window: string): Promise<void> {
    await this.db.write((tx) => tx.run('DELETE FROM wall_windows WHERE node = $1 AND "window" = $2', [node, window]));
  }

  public async loadSwitch(): Promise<SwitchRecord | null> {
    const [r] = await this.db.query<{ record: string }>('SELECT record FROM switch_state WHERE id = 1');
    return r ? (JSON.parse(r.record) as SwitchRecord) : null;
  }

  public async saveSwitch(record: SwitchRecord): Promise<void> {
    await this.db.write((tx) =>
      tx.run('INSERT INTO switch_state (id, record) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET record = excluded.record', [JSON.stringify(record)]),
    );
  }
}

export class PgAutomationStore implements AutomationStore {
  public constructor(private readonly db: PgDb) {}

  public loadApplied(): Promise<AppliedOccurrence | null> {
    return this.read<AppliedOccurrence>('applied');
  }

  public saveApplied(applied: AppliedOccurrence): Promise<void> {
    return this.write('applied', applied);
  }

  public loadHold(): Promise<Hold | null> {
    return this.read<Hold>('hold');
  }

  public async saveHold(hold: Hold | null): Promise<void> {
    if (hold) return this.write('hold', hold);
    await this.db.write((tx) => tx.run("DELETE FROM automation_state WHERE key = 'hold'"));
  }

  public async loadTakeovers(): Promise<TakeoverState | null> {
    const [r] = await this.db.query<{ state: string }>('SELECT state FROM takeover_state WHERE id = 1');
    return r ? (JSON.parse(r.state) as TakeoverState) : null;
  }

  public async saveTakeovers(state: TakeoverState): Promise<void> {
    await this.db.write((tx) =>
      tx.run('INSERT INTO takeover_state (id, state) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET state = excluded.state', [JSON.stringify(state)]),
    );
  }

  private async read<T>(key: 'applied' | 'hold'): Promise<T | null> {
    const [r] = await this.db.query<{ value: string }>('SELECT value FROM automation_state WHERE key = $1', [key]);
    return r ? (JSON.parse(r.value) as T) : null;
  }

  private async write(key: 'applied' | 'hold', value: object): Promise<void> {
    await this.db.write((tx) =>
      tx.run('INSERT INTO automation_state (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, JSON.stringify(value)]),
    );
  }
}
