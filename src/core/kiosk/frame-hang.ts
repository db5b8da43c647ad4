/**
 * "A frame that stops painting is reloaded" (issue 14), decided without reading the frame's pixels
 * (the page cannot: the dashboard is another origin) and without reloading healthy static pages (a
 * dashboard may paint nothing new for minutes): a frame is hung when its renderer stops answering.
 * Every `everyMs` the shell runs a trivial script in each web tile's frame (playwright's
 * frame.evaluate, Electron's webFrameMain.executeJavaScript) and waits at most `timeoutMs`; a frame
 * that misses `misses` probes in a row is reported to the page as `webFrameStatus` 'unresponsive',
 * and again after each further `misses` misses while it stays hung (the page ignores repeats while
 * it is reloading). Pure: the shells own the timers. See docs/security.md, "Web tiles".
 */
import type { HostCommand } from '../page/host-messages.js';

export interface FrameProbeTimings {
  /** Probe each frame this often. */
  everyMs: number;
  /** A probe not answered within this is a miss. */
  timeoutMs: number;
  /** Consecutive misses that make a frame hung. */
  misses: number;
}

export const FRAME_PROBE: FrameProbeTimings = { everyMs: 15_000, timeoutMs: 5_000, misses: 2 };

/** Consecutive missed probes per frame (any key the shell holds its frames by). */
export class FrameHangWatch<K> {
  private readonly missed = new Map<K, number>();

  public constructor(private readonly misses = FRAME_PROBE.misses) {}

  /** The frame answered: its count starts again. */
  public answered(frame: K): void {
    this.missed.delete(frame);
  }

  /** The frame missed a probe; true when this miss makes it (still) hung: report it now. */
  public miss(frame: K): boolean {
    const n = (this.missed.get(frame) ?? 0) + 1;
    this.missed.set(frame, n);
    return n % Math.max(1, this.misses) === 0;
  }

  /** Forgets frames no longer there (detached, replaced by the page). */
  public keepOnly(frames: Iterable<K>): void {
    const keep = new Set(frames);
    for (const k of [...this.missed.keys()]) if (!keep.has(k)) this.missed.delete(k);
  }
}

/** What a shell gives the prober: its frames and how to reach them. */
export interface ProbeTarget<F> {
  /** The wall page's tile frames now (children of the wall page; those at http(s) URLs are probed). */
  frames(): readonly F[];
  url(frame: F): string;
  /** Runs a trivial script in the frame: resolves when it answers, rejects when it cannot run (navigating, gone). */
  run(frame: F): Promise<unknown>;
  report(command: Extract<HostCommand, { type: 'webFrameStatus' }>, frame: F): void;
  /** Calls `fn` after `ms` (the shell's timer). */
  after(ms: number, fn: () => void): void;
}

/**
 * One probe of every frame per `round()` (the shell calls it every `everyMs`). A probe still
 * unanswered at the next round is another miss, without piling a second one onto the hung frame;
 * a probe that cannot run (the frame navigates or is gone) is neither an answer nor a miss; a late
 * answer still counts (slow is not hung).
 */
export class FrameProber<F> {
  private readonly watch: FrameHangWatch<F>;
  private readonly inFlight = new Set<F>();

  public constructor(private readonly target: ProbeTarget<F>, private readonly t: FrameProbeTimings = FRAME_PROBE) {
    this.watch = new FrameHangWatch<F>(t.misses);
  }

  public round(): void {
    const frames = this.target.frames().filter((f) => probedFrameUrl(this.target.url(f)));
    this.watch.keepOnly(frames);
    for (const f of [...this.inFlight]) if (!frames.includes(f)) this.inFlight.delete(f);
    for (const f of frames) {
      if (this.inFlight.has(f)) {
        this.miss(f);
        continue;
      }
      this.inFlight.add(f);
      let settled = false;
      const done = (answered: boolean): void => {
        settled = true;
        this.inFlight.delete(f);
        if (answered) this.watch.answered(f);
      };
      this.target.run(f).then(() => done(true), () => done(false));
      this.target.after(this.t.timeoutMs, () => {
        if (!settled) this.miss(f);
      });
    }
  }

  private miss(f: F): void {
    const url = this.target.url(f);
    if (!probedFrameUrl(url)) return; // gone or navigated away meanwhile
    if (this.watch.miss(f)) this.target.report(unresponsiveCommand(url, this.t), f);
  }
}

/** Whether a frame at `url` is a web tile's page to probe (http or https; not about:blank, not ours). */
export function probedFrameUrl(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

/** What the page is told about a hung frame: its URL as it stands now, and why. */
export function unresponsiveCommand(url: string, t: Pick<FrameProbeTimings, 'timeoutMs' | 'misses'> = FRAME_PROBE): Extract<HostCommand, { type: 'webFrameStatus' }> {
  const s = Math.round(t.timeoutMs / 100) / 10;
  return { type: 'webFrameStatus', url, status: 'unresponsive', reason: `no answer within ${s} s, ${t.misses} times in a row` };
}
