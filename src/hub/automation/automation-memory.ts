/**
 * The automation's stored state (storage/store.ts AutomationStore: the last applied occurrence, an
 * operator's hold, the takeover in force and the open prompts) held in memory for the director,
 * which decides synchronously: read once before the hub serves (`load`), and written behind at
 * every change, in order (write-behind.ts): a store that is down is logged, never stops the wall.
 */
import type { Hold } from '../../core/protocol/automation.js';
import type { AutomationStore } from '../storage/store.js';
import type { AppliedOccurrence, TakeoverState } from '../storage/store-types.js';
import { WriteBehind } from '../write-behind.js';

export class AutomationMemory {
  private readonly writes: WriteBehind;

  private constructor(
    private readonly store: AutomationStore,
    log: (message: string) => void,
    private applied: AppliedOccurrence | null,
    private hold: Hold | null,
    private takeovers: TakeoverState | null,
  ) {
    this.writes = new WriteBehind(log);
  }

  public static async load(store: AutomationStore, log: (message: string) => void): Promise<AutomationMemory> {
    const [applied, hold, takeovers] = await Promise.all([store.loadApplied(), store.loadHold(), store.loadTakeovers()]);
    return new AutomationMemory(store, log, applied, hold, takeovers);
  }

  public loadApplied(): AppliedOccurrence | null {
    return this.applied;
  }

  public saveApplied(applied: AppliedOccurrence): void {
    this.applied = applied;
    this.writes.run(`automation: could not store the applied occurrence ${applied.key}`, () => this.store.saveApplied(applied));
  }

  public loadHold(): Hold | null {
    return this.hold;
  }

  /** null: no hold in force. */
  public saveHold(hold: Hold | null): void {
    this.hold = hold;
    this.writes.run('automation: could not store the hold', () => this.store.saveHold(hold));
  }

  public loadTakeovers(): TakeoverState | null {
    return this.takeovers;
  }

  public saveTakeovers(state: TakeoverState): void {
    this.takeovers = state;
    this.writes.run('automation: could not store the takeovers', () => this.store.saveTakeovers(state));
  }

  /** Resolves once the writes asked so far have ended (the hub's stop waits for it). */
  public settled(): Promise<void> {
    return this.writes.settled();
  }
}
