/**
 * The automation's durable state (table `automation_state`, docs/automation.md "Restart"): the last
 * schedule or rotation occurrence the hub applied, so that a restarted hub applies an occurrence it
 * missed while down once (and not one it already applied), and an operator's hold, so that a
 * restart does not end it early; and the takeover in force and the open takeover prompts (table
 * `takeover_state`, one JSON row written by src/hub/automation/takeovers.ts), so that a restarted hub
 * resumes them.
 */
import type Database from 'better-sqlite3';
import type { Hold } from '../../../core/protocol/automation.js';
import type { AutomationStore } from '../store.js';
import type { AppliedOccurrence, TakeoverState } from '../store-types.js';

export class SqliteAutomationStore implements AutomationStore {
  public constructor(private readonly db: Database.Database) {}

  public async loadApplied(): Promise<AppliedOccurrence | null> {
    return this.read<AppliedOccurrence>('applied');
  }

  public async saveApplied(applied: AppliedOccurrence): Promise<void> {
    this.write('applied', applied);
  }

  public async loadHold(): Promise<Hold | null> {
    return this.read<Hold>('hold');
  }

  /** null: no hold in force. */
  public async saveHold(hold: Hold | null): Promise<void> {
    if (hold) this.write('hold', hold);
    else this.db.prepare("DELETE FROM automation_state WHERE key = 'hold'").run();
  }

  public async loadTakeovers(): Promise<TakeoverState | null> {
    const r = this.db.prepare('SELECT state FROM takeover_state WHERE id = 1').get() as { state: string } | undefined;
    return r ? (JSON.parse(r.state) as TakeoverState) : null;
  }

  public async saveTakeovers(state: TakeoverState): Promise<void> {
    this.db
      .prepare('INSERT INTO takeover_state (id, state) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET state = excluded.state')
      .run(JSON.stringify(state));
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
