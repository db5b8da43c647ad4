/**
 * The browser shell's watchdog: wires one WallWindow to the pure watchdog rules
 * (src/core/kiosk/watchdog-rules.ts), as src/main/watchdog.ts does for Electron. A crash of the
 * window's current page (playwright's `crash`, forwarded by WallWindow for whichever page it shows)
 * is a crash. The heartbeat is liveness, not frame rate: the page's timer beat (wall-page.ts, once
 * a second, like Electron's preload), its `fps` events and `ready`. A starved machine holds frames
 * back for seconds (a software GPU process behind busy cores) while the page's main thread still
 * runs its timers: that page is slow, not dead, and reloading it would only make it slower. A page
 * whose beats stop is hung. One that beats but has presented no frame for `FROZEN_MS` is frozen
 * (its picture is stuck however alive its script is): its beats stop counting, so it is reloaded
 * like a hung one. A page still loading that beats has its startup grace renewed (up to
 * `LOADING_CAP_MS`), so a slow load on a starved machine is not cut short and started again. The
 * window's events are read on each tick (once a second), so a heartbeat
 * counts at tick time.
 *
 * What the rules decide is carried out by the hooks (window-recovery.ts in the shell): a reload
 * opens a fresh page on `currentLayout`, the layout the window last reported; a give-up shows the
 * crash-loop page until the rules' retry.
 */
import type { PageEvent } from '../core/page/host-messages.js';
import {
  DEFAULT_WATCHDOG_CONFIG,
  initialWatchdogState,
  watchdogStep,
  type WatchdogConfig,
  type WatchdogDecision,
  type WatchdogInput,
  type WatchdogReport,
  type WatchdogState,
} from '../core/kiosk/watchdog-rules.js';

/** What the watchdog needs of a WallWindow (a fake in the unit test). */
export interface WatchedWindow {
  readonly events: readonly PageEvent[];
  /** Liveness beats from the page's timer so far, and the animation frames they counted (absent: none). */
  readonly heartbeats?: number;
  readonly heartbeatFrames?: number;
  /** Calls `listener` when the window's current page crashes; returns the disposer. */
  onCrash(listener: () => void): () => void;
}

export interface BrowserWatchdogHooks {
  /** Show the wall page again, starting on `layout` (undefined: the configured first layout). */
  reload(layout: string | undefined): Promise<unknown>;
  /** The page is alive but stuck: end it now rather than at the (backed-off) reload. */
  kill?(): Promise<unknown>;
  /** Crash loop: show the fallback page until the rules' retry at `retryAt` (epoch ms). */
  giveUp?(report: WatchdogReport, retryAt: number): Promise<unknown>;
  report?(report: WatchdogReport): void;
}

const TICK_MS = 1000;
/** A page that beats but presents no frame for this long is frozen, not slow. */
export const FROZEN_MS = 60_000;
/**
 * A page that beats while it loads (its timer runs, its bundle and first scene are slow: a starved
 * machine) has its startup grace renewed until this long after the load; one that is silent is
 * reloaded after the grace as before.
 */
export const LOADING_CAP_MS = 120_000;

export class BrowserWatchdog {
  private state: WatchdogState;
  private seen = 0;
  private seenBeats = 0;
  private seenFrames = 0;
  /** When the page last presented a frame (fps or ready event, or frames counted by a beat). */
  private lastFrameAt: number;
  /**
   * Whether the current page said `ready` (or sent fps): timer beats count only from then on. A
   * page's timer runs from its first script, but loading its bundle, fonts and first scene can hold
   * the main thread for many seconds on a starved machine: that is the startup grace's to judge
   * (no first heartbeat within 30 s), not the running page's 10 s heartbeat timeout.
   */
  private started = false;
  /** When the current page started loading (its startup grace is renewed while it beats, up to LOADING_CAP_MS). */
  private loadStartedAt: number;
  private layout: string | undefined;
  private tickTimer: ReturnType<typeof setInterval> | undefined;
  private reloadTimer: ReturnType<typeof setTimeout> | undefined;
  private destroyed = false;
  private offCrash: (() => void) | undefined;
  private readonly onCrash = (): void => this.feed({ type: 'crashed', at: this.now(), reason: 'renderer crashed' });

  public constructor(
    private readonly win: WatchedWindow,
    private readonly hooks: BrowserWatchdogHooks,
    private readonly config: WatchdogConfig = DEFAULT_WATCHDOG_CONFIG,
    private readonly now: () => number = Date.now,
  ) {
    this.state = initialWatchdogState(now());
    this.lastFrameAt = now();
    this.loadStartedAt = now();
  }

  public get phase(): WatchdogState['phase'] {
    return this.state.phase;
  }

  /** The layout the window last reported (undefined before its first `ready`). */
  public get currentLayout(): string | undefined {
    return this.layout;
  }

  public init(): this {
    this.offCrash = this.win.onCrash(this.onCrash);
    this.tickTimer = setInterval(() => this.tick(), TICK_MS);
    return this;
  }

  public destroy(): void {
    this.destroyed = true;
    clearInterval(this.tickTimer);
    clearTimeout(this.reloadTimer);
    this.offCrash?.();
  }

  /** Reads the events since the last tick, then feeds the tick. */
  public tick(): void {
    const seen = this.scan();
    if (seen === 'heartbeat') this.feed({ type: 'heartbeat', at: this.now() });
    // Alive while it loads: the startup grace starts again, up to LOADING_CAP_MS after the load.
    else if (seen === 'loading-alive' && this.state.phase === 'starting' && this.now() - this.loadStartedAt < LOADING_CAP_MS) this.feed({ type: 'loading', at: this.now() });
    this.feed({ type: 'tick', at: this.now() });
  }

  /** Takes in the events since the last scan: a heartbeat, a timer beat of a page still loading, or nothing. */
  private scan(): 'heartbeat' | 'loading-alive' | null {
    const fresh = this.win.events.slice(this.seen);
    this.seen = this.win.events.length;
    const beats = this.win.heartbeats ?? 0;
    const frames = this.win.heartbeatFrames ?? 0;
    let beat = beats > this.seenBeats;
    let framed = frames > this.seenFrames;
    this.seenBeats = beats;
    this.seenFrames = frames;
    for (const e of fresh) {
      if (e.type === 'ready') this.layout = e.layout;
      else if (e.type === 'layoutSwitched') this.layout = e.to;
      if (e.type === 'fps' || e.type === 'ready') beat = framed = this.started = true;
    }
    const now = this.now();
    if (framed) this.lastFrameAt = now;
    if (!beat) return null;
    if (!this.started) return 'loading-alive';
    return now - this.lastFrameAt < FROZEN_MS ? 'heartbeat' : null;
  }

  private feed(input: WatchdogInput): void {
    if (this.destroyed) return;
    const step = watchdogStep(this.state, input, this.config);
    this.state = step.state;
    this.apply(step.decision);
  }

  private apply(decision: WatchdogDecision): void {
    if (decision.report) this.hooks.report?.(decision.report);
    if (decision.action === 'wait') return;
    if (decision.kill) void this.hooks.kill?.().catch(() => undefined);
    clearTimeout(this.reloadTimer);
    if (decision.action === 'give-up') {
      const report = decision.report ?? { kind: 'crash-loop', detail: 'crash loop', failures: 0, at: this.now() };
      // A fallback that fails to show changes nothing the rules can act on: they retry anyway.
      void this.hooks.giveUp?.(report, this.now() + decision.afterMs).catch(() => undefined);
      return;
    }
    this.reloadTimer = setTimeout(() => void this.reload(), decision.afterMs);
  }

  private async reload(): Promise<void> {
    if (this.destroyed) return;
    try {
      // Events the old page sent must not count as the new one's heartbeat.
      this.scan();
      this.started = false;
      this.loadStartedAt = this.now();
      this.lastFrameAt = this.now();
      this.feed({ type: 'loading', at: this.now() });
      await this.hooks.reload(this.layout);
    } catch {
      // A failed reload shows up as no first heartbeat: the rules order another.
    }
  }
}
