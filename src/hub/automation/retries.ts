/**
 * Retries of an automatic switch that aborted (docs/automation.md "Switch queue"): a schedule,
 * rotation, takeover or return switch that a window could not prepare in time, or refused to, is
 * tried again after 5 s, 15 s, then every 60 s, for as long as it is still what the precedence
 * wants and the wall does not show it. One retry waits at a time (the latest automatic switch's):
 * a newer automatic switch replaces it. While one waits, GET /api/schedule lists it in `problems`.
 */
import type { SwitchTarget } from '../../core/automation/model.js';
import { targetName } from './precedence.js';

/** The waits before the 2nd, 3rd and later tries; the last one repeats. */
export const RETRY_DELAYS_MS: readonly number[] = [5_000, 15_000, 60_000];

export interface FailedSwitch {
  target: SwitchTarget;
  /** What it was for, for people: `schedule "sang-ngay-thuong"`, `takeover "lu-khan-cap"`. */
  what: string;
  /** Tries made so far (1: the first one failed). */
  attempt: number;
  /** Why the last try did not happen. */
  error: string;
  /** Whether the switch is still what the precedence wants and the wall does not show it yet. */
  wanted: () => boolean;
  /** Runs the switch again (as try attempt + 1). */
  retry: () => void;
}

export interface RetryDeps {
  now: () => number;
  log: (message: string) => void;
  /** Consoles re-read GET /api/schedule (a retry came or went). */
  changed: () => void;
  /** An instant as people read it (the wall's zone). */
  time: (at: number) => string;
}

interface Pending {
  failed: FailedSwitch;
  at: number;
  timer: ReturnType<typeof setTimeout>;
}

export class SwitchRetries {
  private pending: Pending | null = null;

  public constructor(private readonly d: RetryDeps) {}

  /** `f` failed: try it again after the next wait (replacing any retry waiting). */
  public failed(f: FailedSwitch): void {
    this.clear();
    const delay = RETRY_DELAYS_MS[Math.min(f.attempt, RETRY_DELAYS_MS.length) - 1]!;
    const at = this.d.now() + delay;
    this.d.log(`automation: ${f.what}: the switch to ${targetName(f.target)} failed (${f.error}); try ${f.attempt + 1} at ${this.d.time(at)}`);
    const timer = setTimeout(() => {
      this.pending = null;
      if (f.wanted()) f.retry();
      else this.gaveUp(f);
      this.d.changed();
    }, delay);
    this.pending = { failed: f, at, timer };
    this.d.changed();
  }

  /** Drops a waiting retry that the precedence no longer wants (an operator switched, a takeover ended, …). */
  public recheck(): void {
    const p = this.pending;
    if (!p || p.failed.wanted()) return;
    this.clear();
    this.gaveUp(p.failed);
    this.d.changed();
  }

  /** A newer automatic switch was asked, or the hub stops: no retry waits any more. */
  public clear(): void {
    if (this.pending) clearTimeout(this.pending.timer);
    this.pending = null;
  }

  /** The waiting retry as a sentence for GET /api/schedule `problems`. */
  public problems(): string[] {
    const p = this.pending;
    if (!p) return [];
    const f = p.failed;
    return [`${f.what}: the switch to ${targetName(f.target)} failed (${f.error}); try ${f.attempt + 1} at ${this.d.time(p.at)}`];
  }

  private gaveUp(f: FailedSwitch): void {
    this.d.log(`automation: ${f.what}: no retry of the switch to ${targetName(f.target)}: it is no longer wanted`);
  }
}
