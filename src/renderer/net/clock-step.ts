/**
 * Notices a clock stepped between clock syncs (the hub machine's NTP, an operator's `date -s`, a
 * wall PC's clock): without it the offset stays wrong for up to `resyncMs` (60 s), and what is
 * judged in hub time goes wrong with it: a layout command's `at` an hour ahead holds the swap for a
 * minute; values stamped an hour behind the offset show as stale (test/faults/hub-faketime.slow.test.ts).
 *
 * The instants the hub stamps with its own clock as it sends them (a command's `at`, a snapshot's
 * `hubTime`, `topics:late.at`) are checked against hubNow(); one further off than a late message
 * could explain starts a sync at once. Topic updates carry the publisher's time when it gave one
 * (an old measurement, a feed with its own clock), so they are a weaker sign: a value stamped far
 * from hubNow() starts a sync too, but a sync that finds no step doubles the wait before the next
 * such one (up to `maxGapMs`), so such a publisher costs a sync a minute at most.
 */
import type { TopicUpdate } from '../../core/protocol/protocol.js';
import type { EventBus } from './bus.js';
import type { ClockSample, WallClientEvents } from './events.js';

/** A hub instant further than this from hubNow() means a clock was stepped; wider than any delay a starved page adds. */
export const CLOCK_STEP_MS = 10_000;
/** How far ahead a layout command's `at` may legitimately be (layoutSwitch leadMs ≤ 60 s). */
const MAX_SWITCH_LEAD_MS = 60_000;
/** The first wait between syncs started by topic updates. */
const MIN_UPDATE_GAP_MS = 1000;

export interface ClockStepTarget {
  hubNow(): number;
  offsetMs: number;
  /** Starts a sync now; null when one is under way or the link is down. */
  resyncNow(): Promise<ClockSample | null> | null;
}

export class ClockStepWatch {
  private updateGapMs = MIN_UPDATE_GAP_MS;
  private lastUpdateSyncAt = -Infinity;

  public constructor(
    private readonly clock: ClockStepTarget,
    private readonly maxGapMs: number,
    private readonly monotonic: () => number = () => performance.now(),
  ) {}

  /** Subscribes to the hub's stamped events on `bus`; returns the disposers. */
  public watch(bus: EventBus<WallClientEvents>): (() => void)[] {
    return [
      bus.on('layout', (command) => this.checkHubInstant(command.at, MAX_SWITCH_LEAD_MS)),
      bus.on('snapshot', (snapshot) => this.checkHubInstant(snapshot.hubTime, 0)),
      bus.on('late', (late) => this.checkHubInstant(late.at, 0)),
      bus.on('updates', (updates) => this.checkUpdates(updates)),
    ];
  }

  /** `hubTime`: an instant the hub stamped as it sent it (up to `aheadMs` ahead). */
  public checkHubInstant(hubTime: number, aheadMs: number): void {
    const off = hubTime - this.clock.hubNow();
    if (off < -CLOCK_STEP_MS || off > aheadMs + CLOCK_STEP_MS) void this.clock.resyncNow();
  }

  /** A batch of topic updates: one stamped more than CLOCK_STEP_MS from hubNow() may mean a step. */
  public checkUpdates(updates: readonly TopicUpdate[]): void {
    const hubNow = this.clock.hubNow();
    const stepped = updates.some((u) => Math.abs(u.t - hubNow) > CLOCK_STEP_MS);
    const mono = this.monotonic();
    if (!stepped || mono - this.lastUpdateSyncAt < this.updateGapMs) return;
    const before = this.clock.offsetMs;
    const sync = this.clock.resyncNow();
    if (!sync) return;
    this.lastUpdateSyncAt = mono;
    void sync.then((s) => {
      if (!s) return;
      const found = Math.abs(s.offsetMs - before) >= CLOCK_STEP_MS;
      this.updateGapMs = found ? MIN_UPDATE_GAP_MS : Math.min(this.updateGapMs * 2, this.maxGapMs);
    });
  }
}
