/**
 * The automation's durable state (table `automation_state`, docs/automation.md "Restart"): the last
 * schedule or rotation occurrence the hub applied, so that a restarted hub applies an occurrence it
 * missed while down once (and not one it already applied), and an operator's hold, so that a
 * restart does not end it early; and the takeover in force and the open takeover prompts (table
 * `takeover_state`, one JSON row written by src/hub/automation/takeovers.ts), so that a restarted hub
 * resumes them.
 */
import type Database from 'better-sqlite3';
import type { SwitchTarget, TakeoverRule } from '../../core/automation/model.js';
import type { Hold, TakeoverPrompt } from '../../core/protocol/automation.js';

/** An applied occurrence: `key` names it (entry id and instant, or rotation, item and start). */
export interface AppliedOccurrence {
  key: string;
  /** The schedule entry's or rotation's id. */
  id: string;
  at: number;
  /** Its switch was asked and has not committed yet (it aborted; retries.ts): a restarted hub asks it again. */
  unfinished?: true;
}

/** The takeover in force as stored: its rule as it was (a changed automation.yaml may have dropped it). */
export interface StoredTakeover {
  rule: TakeoverRule;
  alerts: string[];
  first: string;
  since: number;
  switchAt: number;
  switched: boolean;
  operatorSwitched: boolean;
  before: SwitchTarget | null;
  confirmedBy: string | null;
}

/** An open prompt as stored: the wire prompt with its alerts, and its rule as it was. */
export interface StoredPrompt extends TakeoverPrompt {
  alerts: string[];
  ruleSnapshot: TakeoverRule;
}

export interface TakeoverState {
  inForce: StoredTakeover | null;
  prompts: StoredPrompt[];
  /** The last takeover switch (the rate limit, minIntervalS); null: none yet. */
  lastSwitchAt: number | null;
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

  public loadTakeovers(): TakeoverState | null {
    const r = this.db.prepare('SELECT state FROM takeover_state WHERE id = 1').get() as { state: string } | undefined;
    return r ? (JSON.parse(r.state) as TakeoverState) : null;
  }

  public saveTakeovers(state: TakeoverState): void {
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
