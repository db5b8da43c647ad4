/**
 * An operator's hold (docs/automation.md "Hold"): a committed manual switch holds the wall for
 * holdMinutes (null: until released), against schedule and rotation. Kept in the store at every
 * change (AutomationStore `automation_state`), so a restart does not end it early.
 */
import type { SwitchTarget } from '../../core/automation/model.js';
import type { Hold } from '../../core/protocol/automation.js';
import type { AutomationMemory } from './automation-memory.js';

const MINUTE = 60_000;

export interface HoldDeps {
  store: Pick<AutomationMemory, 'loadHold' | 'saveHold'>;
  /** automation.yaml `holdMinutes` (null: until released). */
  minutes: number | null;
  log: (message: string) => void;
  changed: () => void;
}

export class HoldKeeper {
  private hold: Hold | null;

  public constructor(private readonly d: HoldDeps) {
    this.hold = d.store.loadHold();
  }

  public get current(): Hold | null {
    return this.hold;
  }

  /** `by` switched the wall to `target` at `now`: the hold begins (or begins again). */
  public start(by: string, target: SwitchTarget, now: number): void {
    const minutes = this.d.minutes;
    this.set({ by, target, since: now, until: minutes === null ? null : now + minutes * MINUTE });
  }

  /** null: the hold ends. */
  public set(hold: Hold | null): void {
    this.hold = hold;
    this.d.store.saveHold(hold); // written behind; a failure is logged there
    this.d.changed();
  }
}
