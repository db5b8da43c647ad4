import { describe, expect, it } from 'vitest';
import { FreezeWatchdog, type FreezeWatchdogOptions, type RecoveryStep } from './freeze-watchdog.js';

const OPTS: FreezeWatchdogOptions = {
  freezeAfterMs: 5000,
  playlistStallMs: 0,
  backoff: { initialMs: 1000, factor: 2, maxMs: 8000, jitter: 0 },
  resetAfterLiveMs: 10_000,
};

/** A stand-in clock and camera: frames at 25 fps, a playlist segment every second. */
class FakeCamera {
  public now = 0;
  private frames = 0;
  private segment = 0;
  public readonly steps: { at: number; step: RecoveryStep }[] = [];
  public constructor(public readonly dog: FreezeWatchdog) {}

  /** Advances time in 40 ms ticks; `flowing` decides whether frames and segments arrive. */
  public run(ms: number, flowing: boolean): void {
    const end = this.now + ms;
    while (this.now < end) {
      this.now += 40;
      if (flowing) {
        this.frames++;
        this.dog.onFrame(this.now, { presentedFrames: this.frames, mediaTime: this.frames / 25 });
        if (this.now % 1000 === 0) this.dog.onPlaylist(this.now, ++this.segment, 1000);
      } else if (this.now % 1000 === 0) {
        this.dog.onPlaylist(this.now, this.segment, 1000); // polled, unchanged
      }
      const step = this.dog.tick(this.now);
      if (step) this.steps.push({ at: this.now, step });
    }
  }
}

describe('FreezeWatchdog', () => {
  it('goes live on the first new frame and counts only new frames', () => {
    const dog = new FreezeWatchdog(OPTS, 0);
    expect(dog.snapshot().state).toBe('connecting');
    dog.onFrame(100, { presentedFrames: 1, mediaTime: 0.04 });
    dog.onFrame(120, { presentedFrames: 1, mediaTime: 0.04 }); // same frame again
    expect(dog.snapshot()).toMatchObject({ state: 'live', framesPresented: 1, frozenSince: null });
  });

  it('stays connecting until freezeAfterMs, then is frozen since the start', () => {
    const dog = new FreezeWatchdog(OPTS, 1000);
    expect(dog.tick(5999)).toBeNull();
    expect(dog.snapshot().state).toBe('connecting');
    expect(dog.tick(6000)).toBe('seek-live-edge');
    expect(dog.snapshot()).toMatchObject({ state: 'recovering', frozenSince: 1000, recoveries: 1 });
  });

  it('freezes freezeAfterMs after the last frame and reports that frame time', () => {
    const cam = new FakeCamera(new FreezeWatchdog(OPTS, 0));
    cam.run(3000, true);
    const lastFrame = cam.now;
    cam.run(4960, false);
    expect(cam.dog.snapshot().state).toBe('live');
    cam.run(40, false);
    // Playlist stalled since 3000 too; the earlier of the two is the last known good moment.
    expect(cam.dog.snapshot()).toMatchObject({ state: 'recovering', frozenSince: lastFrame });
    expect(cam.steps).toEqual([{ at: lastFrame + 5000, step: 'seek-live-edge' }]);
  });

  it('climbs the ladder with capped exponential backoff, then repeats the last step', () => {
    const cam = new FakeCamera(new FreezeWatchdog(OPTS, 0));
    cam.run(1000, true);
    cam.run(40_000, false);
    const t0 = 6000;
    expect(cam.steps.map((s) => s.step)).toEqual([
      'seek-live-edge', 'reload-source', 'new-player', 'new-player', 'new-player', 'new-player', 'new-player',
    ]);
    // Delays 1 s, 2 s, 4 s, then capped at 8 s.
    expect(cam.steps.map((s) => s.at - t0)).toEqual([0, 1000, 3000, 7000, 15_000, 23_000, 31_000]);
  });

  it('jitters each delay within ± jitter of the capped value', () => {
    const jittery = { ...OPTS, backoff: { ...OPTS.backoff, jitter: 0.25 } };
    const low = new FreezeWatchdog(jittery, 0, () => 0);
    const high = new FreezeWatchdog(jittery, 0, () => 0.999_999);
    for (const dog of [low, high]) expect(dog.tick(5000)).toBe('seek-live-edge');
    expect(low.tick(5749)).toBeNull();
    expect(low.tick(5750)).toBe('reload-source'); // 1000 × 0.75
    expect(high.tick(6249)).toBeNull();
    expect(high.tick(6250)).toBe('reload-source'); // 1000 × 1.25
  });

  it('goes live again when frames return, and restarts the ladder only after resetAfterLiveMs', () => {
    const cam = new FakeCamera(new FreezeWatchdog(OPTS, 0));
    cam.run(1000, true);
    cam.run(9000, false); // three steps: seek, reload, new player
    expect(cam.steps).toHaveLength(3);
    cam.run(2000, true);
    expect(cam.dog.snapshot()).toMatchObject({ state: 'live', frozenSince: null, recoveries: 3 });
    cam.run(6000, false); // flapped before the reset window: the ladder continues
    expect(cam.steps[3]?.step).toBe('new-player');
    cam.run(12_000, true); // stable long enough: back to the cheapest step next time
    const before = cam.steps.length;
    cam.run(6000, false);
    expect(cam.steps.slice(before).map((s) => s.step)).toEqual(['seek-live-edge', 'reload-source']);
  });

  it('treats a playlist that stops growing as frozen while buffered frames still play', () => {
    const dog = new FreezeWatchdog({ ...OPTS, playlistStallMs: 6000 }, 0);
    let frames = 0;
    for (let t = 40; t <= 12_000; t += 40) {
      dog.onFrame(t, { presentedFrames: ++frames, mediaTime: t / 1000 });
      dog.onPlaylist(t, t < 2000 ? Math.floor(t / 1000) : 1, 1000);
      if (t === 6960) expect(dog.snapshot().state).toBe('live');
      if (t === 7000) expect(dog.snapshot().state).toBe('frozen');
    }
    expect(dog.snapshot()).toMatchObject({ state: 'frozen', frozenSince: 1000 });
  });

  it('automatic stall window is 3 target durations when longer than freezeAfterMs', () => {
    const dog = new FreezeWatchdog(OPTS, 0);
    dog.onPlaylist(0, 10, 4000);
    for (let t = 40; t < 12_000; t += 40) dog.onFrame(t, { presentedFrames: t, mediaTime: t });
    expect(dog.snapshot().state).toBe('live');
    dog.onFrame(12_000, { presentedFrames: 12_000, mediaTime: 12 });
    expect(dog.snapshot()).toMatchObject({ state: 'frozen', frozenSince: 0 });
  });

  it('a fatal error freezes at once and skips the seek a dead player cannot do', () => {
    const dog = new FreezeWatchdog(OPTS, 0);
    dog.onFrame(100, { presentedFrames: 1, mediaTime: 0 });
    dog.onError(200, false);
    expect(dog.snapshot().state).toBe('live');
    dog.onError(300, true);
    expect(dog.snapshot()).toMatchObject({ state: 'frozen', errors: 2, frozenSince: 100 });
    expect(dog.tick(300)).toBe('reload-source');
  });

  it('a fatal error while connecting freezes without waiting out the startup window', () => {
    const dog = new FreezeWatchdog(OPTS, 0);
    dog.onError(50, true);
    expect(dog.snapshot()).toMatchObject({ state: 'frozen', frozenSince: 0 });
    expect(dog.tick(60)).toBe('reload-source');
  });

  it('an advancing playhead keeps a camera live while the page renders too slowly for frame callbacks', () => {
    const dog = new FreezeWatchdog(OPTS, 0);
    dog.onMediaTime(0, 10);
    expect(dog.tick(100)).toBeNull();
    dog.onFrame(100, { presentedFrames: 1, mediaTime: 10 });
    for (let t = 250; t <= 20_000; t += 250) {
      dog.onMediaTime(t, 10 + t / 1000); // playing, but no frame callback for 20 s
      expect(dog.tick(t)).toBeNull();
    }
    expect(dog.snapshot()).toMatchObject({ state: 'live', framesPresented: 1 });
    dog.tick(25_000); // the playhead stopped too: frozen since its last move
    expect(dog.snapshot()).toMatchObject({ state: 'recovering', frozenSince: 20_000 });
  });

  it('a seek is not playback: a jump of the playhead does not count as signal', () => {
    const dog = new FreezeWatchdog(OPTS, 0);
    dog.onFrame(100, { presentedFrames: 1, mediaTime: 1 });
    dog.onMediaTime(100, 1);
    dog.onMediaTime(4000, 30); // seek to the live edge of a dead stream
    expect(dog.tick(5100)).toBe('seek-live-edge');
    expect(dog.snapshot().frozenSince).toBe(100);
  });

  it('the playhead alone never makes a camera live before its first frame', () => {
    const dog = new FreezeWatchdog(OPTS, 0);
    for (let t = 0; t <= 4000; t += 250) dog.onMediaTime(t, t / 1000);
    expect(dog.tick(4000)).toBeNull();
    expect(dog.snapshot().state).toBe('connecting');
  });
});
