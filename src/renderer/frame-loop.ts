/**
 * The window's frame scheduler (no shared pixi Ticker): one requestAnimationFrame loop per page,
 * with a queue of work to run at the start of the next frame (scene swaps) and an fps meter.
 * Runs from init() to destroy(); pause() and resume() hold it while the WebGL context is lost.
 */
export class FrameLoop {
  public frame = 0;
  public fps = 0;
  private handle = 0;
  private running = false;
  private destroyed = false;
  private nextFrame: { notBefore: number; run: () => void }[] = [];
  private windowStart = 0;
  private windowFrames = 0;

  public constructor(
    /** `swapped`: work queued for this frame ran (a scene swap): it must be rendered now. */
    private readonly onFrame: (frame: number, swapped: boolean) => void,
    private readonly onFps: (fps: number, frame: number) => void,
    private readonly clock: () => number = () => Date.now(),
  ) {}

  public init(): void {
    this.resume();
  }

  /** Holds the loop (no frames, the queue kept): the GPU side is gone until resume(). */
  public pause(): void {
    this.running = false;
    cancelAnimationFrame(this.handle);
  }

  public resume(): void {
    if (this.running || this.destroyed) return;
    this.running = true;
    this.windowStart = performance.now();
    this.windowFrames = 0;
    this.handle = requestAnimationFrame(this.step);
  }

  /** No more frames; work queued for a next frame is dropped (its promises stay pending). */
  public destroy(): void {
    this.destroyed = true;
    this.pause();
    this.nextFrame = [];
  }

  /**
   * Runs `fn` first thing in the next frame, or in the first frame whose wall-clock time
   * (`clock()`) is at or after `notBefore`; resolves with that frame's number.
   */
  public atNextFrame(fn: () => void, notBefore = -Infinity): Promise<number> {
    return new Promise((resolve, reject) => {
      this.nextFrame.push({
        notBefore,
        run: () => {
          try {
            fn();
            resolve(this.frame);
          } catch (err) {
            reject(err as Error);
          }
        },
      });
    });
  }

  private readonly step = (): void => {
    if (!this.running) return;
    this.handle = requestAnimationFrame(this.step);
    this.frame++;
    const now = this.clock();
    const due = this.nextFrame.filter((q) => q.notBefore <= now);
    this.nextFrame = this.nextFrame.filter((q) => q.notBefore > now);
    for (const q of due) q.run();
    this.onFrame(this.frame, due.length > 0);
    this.windowFrames++;
    const t = performance.now();
    if (t - this.windowStart >= 1000) {
      this.fps = (this.windowFrames * 1000) / (t - this.windowStart);
      this.windowStart = t;
      this.windowFrames = 0;
      this.onFps(this.fps, this.frame);
    }
  };
}
