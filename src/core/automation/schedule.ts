/**
 * When the schedule switches the wall (docs/automation.md): entries of automation.yaml and of the
 * layouts' own `schedule:` resolved to instants in the wall's IANA zone, the entry in force at an
 * instant, and the rotation in force. Pure: the hub passes its clock.
 * CONTRACT STUB (to be implemented): signatures are fixed, bodies are not.
 */
import type { Layout } from '../wall/model.js';
import type { Automation, ScheduleEntry, SwitchTarget } from './model.js';

/** One occurrence of a schedule entry (the same shape as the wire's ScheduledSwitch, src/core/protocol/automation.ts). */
export interface ScheduledSwitch {
  entry: string;
  target: SwitchTarget;
  at: number;
  local: string;
}

/** automation.yaml's entries plus each layout's `schedule:` (ids `layout:<layoutId>#<n>`). */
export function allEntries(automation: Automation, layouts: readonly Layout[]): ScheduleEntry[] {
  void automation;
  void layouts;
  throw new Error('not implemented');
}

/** Every occurrence of `entries` with from < at <= to, soonest first (ties: file order). */
export function occurrences(entries: readonly ScheduleEntry[], from: number, to: number, timezone: string): ScheduledSwitch[] {
  void entries;
  void from;
  void to;
  void timezone;
  throw new Error('not implemented');
}

/** The latest occurrence at or before `now` (looking back 8 days), or null: what the schedule says the wall shows now. */
export function currentEntry(entries: readonly ScheduleEntry[], now: number, timezone: string): ScheduledSwitch | null {
  void entries;
  void now;
  void timezone;
  throw new Error('not implemented');
}

/** The rotation in force at `now`: its item, since when it shows and when the next item starts; null outside every rotation's hours. */
export function rotationAt(
  automation: Automation,
  now: number,
  timezone: string,
): { rotation: string; item: number; target: SwitchTarget; since: number; nextAt: number } | null {
  void automation;
  void now;
  void timezone;
  throw new Error('not implemented');
}
