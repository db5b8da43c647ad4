/**
 * Escalation of critical alerts nobody has acknowledged: after `afterS` seconds (hub time since it
 * was raised) such an alert flashes on the ticker and the alert list, and the wall beeps, then
 * beeps again every `reminderMs` while any alert stays escalated. An acknowledgement queued on
 * this wall (pending) stops it as soon as it is made, before the hub confirms.
 */
import type { WallAlert } from '../store.js';

/** Ids of the alerts that are escalated at hub time `now`. */
export function escalatedIds(alerts: readonly WallAlert[], now: number, afterS: number): Set<string> {
  const out = new Set<string>();
  if (!(afterS > 0)) return out;
  for (const a of alerts) {
    if (a.severity === 'critical' && a.state === 'active' && !a.pendingAck && now - a.raisedAt >= afterS * 1000) out.add(a.id);
  }
  return out;
}

export interface Sounder {
  beep(): void;
}

export class Escalation {
  private ids = new Set<string>();
  private lastBeepAt = -Infinity;

  public constructor(
    private readonly afterS: number,
    private readonly sounder: Sounder,
    private readonly reminderMs = 30_000,
  ) {}

  public has(id: string): boolean {
    return this.ids.has(id);
  }

  public get escalated(): ReadonlySet<string> {
    return this.ids;
  }

  /** Re-evaluates at hub time `now`; beeps on a new escalation and as a reminder. Returns whether the set changed. */
  public update(alerts: readonly WallAlert[], now: number): boolean {
    const next = escalatedIds(alerts, now, this.afterS);
    const added = [...next].some((id) => !this.ids.has(id));
    const changed = added || next.size !== this.ids.size;
    this.ids = next;
    if (next.size > 0 && (added || now - this.lastBeepAt >= this.reminderMs)) {
      this.lastBeepAt = now;
      this.sounder.beep();
    }
    return changed;
  }
}
