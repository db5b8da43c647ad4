/**
 * The automation's durable state (table `automation_state`, docs/automation.md "Restart"): the last
 * schedule or rotation occurrence the hub applied, so that a restarted hub applies an occurrence it
 * missed while down once (and not one it already applied), and an operator's hold, so that a
 * restart does not end it early.
 */
import type Database from 'better-sqlite3';
import type { Hold } from '../../core/protocol/automation.js';

/** An applied occurrence: `key` names it (entry id and instant, or rotation, item and start). */
export interface AppliedOccurrence {
  key: string;
  /** The schedule entry's or rotation's id. */
  id: string;
  at: number;
}

export class AutomationStore {
  public constructor(private readonly db: Database.Database) {}

  public loadApplied(): AppliedOccurrence | null {
    return this.read<AppliedOccurrence>('applied');
  }

  public saveApplied(applied: AppliedOccurrence): void {
    this.write('applied', applied);
  }

  public loadHold(): Hold | null {
    return this.read<Hold>('hold');
  }

  /** null: no hold in force. */
  public saveHold(hold: Hold | null): void {
    if (hold) this.write('hold', hold);
    else this.db.prepare("DELETE FROM automation_state WHERE key = 'hold'").run();
  }

  private read<T>(key: 'applied' | 'hold'): T | null {
    const r = this.db.prepare('SELECT value FROM automation_state WHERE key = ?').get(key) as { value: string } | undefined;
    return r ? (JSON.parse(r.value) as T) : null;
  }

  private write(key: 'applied' | 'hold', value: object): void {
    this.db
      .prepare('INSERT INTO automation_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
      .run(key, JSON.stringify(value));
  }
}
