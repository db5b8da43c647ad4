/**
 * The clock controller: keeps this machine's offset to the hub clock, NTP-style. On every connect
 * and then every `resyncMs`, it sends `samples` pings one after another; each gives
 * offset = hubTime − (t0 + t1) / 2, and the sample with the lowest round trip wins (its error is
 * at most half its round trip). Layout switches use it to swap on the same frame everywhere.
 * A clock stepped between syncs starts one at once (clock-step.ts).
 */
import { checkClockPong } from '../../core/protocol/protocol-validate.js';
import type { EventBus } from './bus.js';
import type { ClockConfig } from './config.js';
import type { ClockSample, WallClientEvents } from './events.js';
import type { HubLink } from './hub-link.js';
import { ClockStepWatch } from './clock-step.js';

export class ClockSync {
  private offset = 0;
  private best: ClockSample | null = null;
  private generation = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private inFlight = false;
  private readonly disposers: (() => void)[] = [];

  public constructor(
    private readonly link: HubLink,
    private readonly bus: EventBus<WallClientEvents>,
    private readonly config: ClockConfig,
    private readonly now: () => number,
  ) {}

  public init(): void {
    this.disposers.push(
      this.bus.on('state', (s) => {
        this.cancel();
        if (s.state === 'connected') void this.sync();
      }),
      ...new ClockStepWatch(this, this.config.resyncMs).watch(this.bus),
    );
  }

  /** Starts a sync now (a clock was stepped); null when one is under way or the link is down. */
  public resyncNow(): Promise<ClockSample | null> | null {
    if (this.inFlight || !this.link.connected) return null;
    this.cancel();
    return this.sync();
  }

  /** Hub time now (local time until the first sync). */
  public hubNow(): number {
    return this.now() + this.offset;
  }

  /** The local instant of hub time `hubTime`. */
  public toLocal(hubTime: number): number {
    return hubTime - this.offset;
  }

  public get offsetMs(): number {
    return this.offset;
  }

  /** The last completed sync, or null before the first. */
  public get lastSync(): ClockSample | null {
    return this.best;
  }

  /** Runs one sync now; resolves with its result (null if no ping was answered or it was cancelled). */
  public async sync(): Promise<ClockSample | null> {
    const gen = ++this.generation;
    this.inFlight = true;
    try {
      return await this.run(gen);
    } finally {
      if (gen === this.generation) this.inFlight = false;
    }
  }

  private async run(gen: number): Promise<ClockSample | null> {
    let best: { offsetMs: number; rttMs: number } | null = null;
    let answered = 0;
    for (let i = 0; i < this.config.samples; i++) {
      if (gen !== this.generation || !this.link.connected) return null;
      if (i > 0 && this.config.sampleGapMs > 0) await new Promise((r) => setTimeout(r, this.config.sampleGapMs));
      const t0 = this.now();
      let reply: unknown;
      try {
        reply = await this.link.request('clock:ping', t0, this.config.timeoutMs);
      } catch {
        continue; // a lost sample
      }
      const t1 = this.now();
      const pong = checkClockPong(reply);
      if (!pong.ok || pong.value.t0 !== t0) continue;
      answered += 1;
      const rttMs = t1 - t0;
      if (!best || rttMs < best.rttMs) best = { offsetMs: pong.value.hubTime - (t0 + t1) / 2, rttMs };
    }
    if (gen !== this.generation) return null;
    this.inFlight = false; // before the `clock` event: its listeners may see the next step
    if (best) {
      this.offset = best.offsetMs;
      this.best = { ...best, samples: answered, at: this.now() };
      this.bus.emit('clock', this.best);
    }
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.link.connected) void this.sync();
    }, this.config.resyncMs);
    return this.best && best ? this.best : null;
  }

  public destroy(): void {
    this.cancel();
    for (const d of this.disposers.splice(0)) d();
  }

  private cancel(): void {
    this.generation += 1;
    this.inFlight = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
