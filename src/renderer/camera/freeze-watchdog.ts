/**
 * Decides whether a camera is live or frozen, and which recovery step to take when. A pure state
 * machine: it is told the time with every input (monotonic ms) and owns no timer, no DOM and no
 * player, so it is tested with fake time and the camera source stays a thin adapter around it.
 *
 * Inputs: decoded-frame progress (requestVideoFrameCallback's presentedFrames / mediaTime),
 * playlist progress (the live playlist's last segment number) and player errors. A camera is live
 * while a new frame came within `freezeAfterMs`, its playlist grew within the stall window and the
 * player has not died. Otherwise it is frozen, and `tick()` hands out recovery steps up a ladder
 * (seek to the live edge → reload the source → a new player), spaced by a capped, jittered
 * exponential backoff that starts again once frames have flowed for `resetAfterLiveMs`.
 */
import type { BackoffConfig } from './camera-config.js';

export type CameraState = 'connecting' | 'live' | 'frozen' | 'recovering';

/** Cheapest first: a seek costs nothing, a reload refetches, a new player rebuilds MSE. */
export const RECOVERY_LADDER = ['seek-live-edge', 'reload-source', 'new-player'] as const;
export type RecoveryStep = (typeof RECOVERY_LADDER)[number];

export interface FreezeWatchdogOptions {
  freezeAfterMs: number;
  /** 0 = max(freezeAfterMs, 3 × target duration). */
  playlistStallMs: number;
  backoff: BackoffConfig;
  resetAfterLiveMs: number;
}

/** A presented frame as requestVideoFrameCallback describes it. */
export interface FrameProgress {
  presentedFrames: number;
  mediaTime: number;
}

export interface WatchdogSnapshot {
  state: CameraState;
  /** When the signal was last known good, while not live; null while live. */
  frozenSince: number | null;
  /** New frames seen since start. */
  framesPresented: number;
  /** Recovery steps taken since start. */
  recoveries: number;
  lastStep: RecoveryStep | null;
  errors: number;
}

export class FreezeWatchdog {
  private state: CameraState = 'connecting';
  private frozenSince: number | null = null;
  private lastFrameAt: number | null = null;
  private lastPresented = -1;
  private lastMediaTime = -1;
  private lastPlayhead = -1;
  private lastPlayheadAt = 0;
  private lastSegment: number | null = null;
  private lastPlaylistAt: number | null = null;
  private targetDurationMs = 0;
  /** Set by a fatal player error; a seek cannot help a dead player, so the ladder skips it. */
  private deadSince: number | null = null;
  private liveSince = 0;
  /** Steps taken in the current outage run (drives the ladder and the backoff). */
  private attempts = 0;
  private nextAttemptAt = 0;
  private framesPresented = 0;
  private recoveries = 0;
  private errors = 0;
  private lastStep: RecoveryStep | null = null;

  public constructor(
    private readonly options: FreezeWatchdogOptions,
    private readonly startedAt: number,
    private readonly random: () => number = Math.random,
  ) {}

  public onFrame(now: number, frame: FrameProgress): void {
    // A repeated callback for the same frame (same count and media time) is not progress.
    if (frame.presentedFrames === this.lastPresented && frame.mediaTime === this.lastMediaTime) return;
    this.lastPresented = frame.presentedFrames;
    this.lastMediaTime = frame.mediaTime;
    this.framesPresented++;
    this.lastFrameAt = now;
    this.deadSince = null;
    this.evaluate(now);
  }

  /**
   * The element's playback position, polled on a timer: while it advances the stream is alive even
   * when the page renders too slowly for frame callbacks (they run only when the page renders), so a
   * starved renderer is not mistaken for a dead camera. Counts as signal, not as a presented frame.
   */
  public onMediaTime(now: number, mediaTime: number): void {
    const elapsedS = (now - this.lastPlayheadAt) / 1000;
    const advance = mediaTime - this.lastPlayhead;
    // Playback moves at most ~2× real time (live catch-up); a bigger jump is a seek, not a frame.
    if (this.lastPlayhead >= 0 && advance > 0 && advance <= elapsedS * 2 + 0.5 && this.lastFrameAt !== null) {
      this.lastFrameAt = now;
    }
    if (advance !== 0) {
      this.lastPlayhead = mediaTime;
      this.lastPlayheadAt = now;
    }
  }

  /** `lastSegment`: the live playlist's last media sequence number; any change counts as progress. */
  public onPlaylist(now: number, lastSegment: number, targetDurationMs: number): void {
    this.targetDurationMs = targetDurationMs;
    if (lastSegment !== this.lastSegment) {
      this.lastSegment = lastSegment;
      this.lastPlaylistAt = now;
    }
    this.evaluate(now);
  }

  /** Non-fatal errors are counted only: hls.js retries them itself. */
  public onError(now: number, fatal: boolean): void {
    this.errors++;
    if (fatal && this.deadSince === null) this.deadSince = now;
    this.evaluate(now);
  }

  /** Call periodically (a few times a second); returns the recovery step due now, if any. */
  public tick(now: number): RecoveryStep | null {
    this.evaluate(now);
    if (this.state !== 'frozen' && this.state !== 'recovering') return null;
    if (now < this.nextAttemptAt) return null;
    let index = Math.min(this.attempts, RECOVERY_LADDER.length - 1);
    if (this.deadSince !== null && index === 0) index = 1;
    const step = RECOVERY_LADDER[index] ?? 'new-player';
    this.attempts++;
    this.recoveries++;
    this.lastStep = step;
    this.state = 'recovering';
    this.nextAttemptAt = now + this.backoffMs(this.attempts);
    // The rebuilt player gets a fresh chance; if it dies too, its own error says so.
    this.deadSince = null;
    return step;
  }

  public snapshot(): WatchdogSnapshot {
    return {
      state: this.state,
      frozenSince: this.frozenSince,
      framesPresented: this.framesPresented,
      recoveries: this.recoveries,
      lastStep: this.lastStep,
      errors: this.errors,
    };
  }

  /** Delay after the n-th step (n ≥ 1): initial × factor^(n-1), capped, then ± jitter. */
  private backoffMs(n: number): number {
    const { initialMs, factor, maxMs, jitter } = this.options.backoff;
    const base = Math.min(maxMs, initialMs * factor ** (n - 1));
    return Math.max(0, Math.round(base * (1 + jitter * (2 * this.random() - 1))));
  }

  private stallWindowMs(): number {
    const { playlistStallMs, freezeAfterMs } = this.options;
    return playlistStallMs > 0 ? playlistStallMs : Math.max(freezeAfterMs, 3 * this.targetDurationMs);
  }

  private evaluate(now: number): void {
    const { freezeAfterMs, resetAfterLiveMs } = this.options;
    const frameOk = this.lastFrameAt !== null && now - this.lastFrameAt < freezeAfterMs;
    // Before the first playlist arrives there is nothing to judge it by.
    const playlistOk = this.lastPlaylistAt === null || now - this.lastPlaylistAt < this.stallWindowMs();
    const healthy = frameOk && playlistOk && this.deadSince === null;
    if (healthy) {
      if (this.state !== 'live') {
        this.state = 'live';
        this.liveSince = now;
        this.frozenSince = null;
      }
      if (this.attempts > 0 && now - this.liveSince >= resetAfterLiveMs) this.attempts = 0;
      return;
    }
    const startupOver = now - this.startedAt >= freezeAfterMs || this.deadSince !== null;
    if (this.state === 'live' || (this.state === 'connecting' && startupOver)) {
      this.state = 'frozen';
      this.frozenSince = this.lastGood(frameOk, playlistOk);
      this.nextAttemptAt = now;
    }
  }

  /** The earliest "last known good" among the failing conditions. */
  private lastGood(frameOk: boolean, playlistOk: boolean): number {
    const times: number[] = [];
    if (!frameOk) times.push(this.lastFrameAt ?? this.startedAt);
    if (!playlistOk && this.lastPlaylistAt !== null) times.push(this.lastPlaylistAt);
    if (this.deadSince !== null) times.push(this.lastFrameAt ?? this.deadSince);
    return times.length > 0 ? Math.min(...times) : this.startedAt;
  }
}
