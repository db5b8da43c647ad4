/**
 * The schedule as the director reads it (precedence.ts ScheduleSource): a schedule that throws (a
 * bug, a time zone the runtime lacks) answers "nothing" and is kept as a problem for GET
 * /api/schedule `problems`; the hub runs on.
 */
import type { ScheduledSwitch } from '../../core/automation/schedule.js';
import { automaticNow, type Automatic, type RotationNow, type ScheduleSource } from './precedence.js';

const MINUTE = 60_000;

export class GuardedSchedule {
  public problem: string | null = null;

  public constructor(private readonly src: ScheduleSource) {}

  /** What schedule or rotation says now (precedence.ts automaticNow). */
  public automatic(now: number): Automatic | null {
    return this.safely(() => automaticNow(this.src, now), null);
  }

  public next(now: number, limit: number): ScheduledSwitch[] {
    return this.safely(() => this.src.next(now, limit), []);
  }

  public rotation(now: number): RotationNow | null {
    return this.safely(() => this.src.rotation(now), null);
  }

  /** When the schedule next changes: its next occurrence, the rotation's next item, and the next minute while rotations exist (their hours open on one). */
  public wakes(now: number): number[] {
    const wakes: number[] = [];
    const next = this.next(now, 1)[0];
    if (next) wakes.push(next.at);
    const rotation = this.rotation(now);
    if (rotation) wakes.push(rotation.nextAt);
    if (this.src.hasRotations) wakes.push(Math.floor(now / MINUTE) * MINUTE + MINUTE);
    return wakes;
  }

  private safely<T>(f: () => T, fallback: T): T {
    try {
      return f();
    } catch (e) {
      this.problem = `the schedule could not be worked out: ${(e as Error).message}`;
      return fallback;
    }
  }
}
