import { describe, expect, it } from 'vitest';
import { UploadScheduler, type FrameUploadable } from './upload-scheduler.js';

class FakeCamera implements FrameUploadable {
  public uploads = 0;
  public hasFrame = true;
  public constructor(public readonly name: string) {}
  public uploadFrame(): boolean {
    if (!this.hasFrame) return false;
    this.uploads++;
    return true;
  }
}

function cameras(n: number): FakeCamera[] {
  return Array.from({ length: n }, (_, i) => new FakeCamera(`c${i + 1}`));
}

describe('UploadScheduler', () => {
  it('uploads at most `limit` cameras per frame, round-robin, so every camera moves', () => {
    const cams = cameras(5);
    const s = new UploadScheduler(2);
    const perFrame: string[][] = [];
    for (let frame = 1; frame <= 10; frame++) {
      for (const c of cams) s.request(c); // every camera has a new frame in every rendered frame
      const before = cams.map((c) => c.uploads);
      expect(s.flush(frame)).toBe(2);
      perFrame.push(cams.filter((c, i) => c.uploads > before[i]!).map((c) => c.name));
    }
    expect(perFrame.slice(0, 3)).toEqual([['c1', 'c2'], ['c3', 'c4'], ['c1', 'c5']]);
    expect(cams.map((c) => c.uploads)).toEqual([4, 4, 4, 4, 4]); // 20 uploads shared evenly
    expect(s.snapshot()).toMatchObject({ limit: 2, frames: 10, uploads: 20, maxPerFrame: 2, pending: 3 });
  });

  it('a camera left out goes ahead of one just uploaded, whatever order the requests come in', () => {
    const [a, b, c] = cameras(3);
    const s = new UploadScheduler(1);
    const order: string[] = [];
    const flush = (frame: number): void => {
      const before = [a!, b!, c!].map((x) => x.uploads);
      s.flush(frame);
      order.push(...[a!, b!, c!].filter((x, i) => x.uploads > before[i]!).map((x) => x.name));
    };
    // Frame callbacks always come in the order a, b, c, and every camera has a new frame each frame.
    for (let frame = 1; frame <= 6; frame++) {
      s.request(a!);
      s.request(b!);
      s.request(c!);
      flush(frame);
    }
    expect(order).toEqual(['c1', 'c2', 'c3', 'c1', 'c2', 'c3']);
  });

  it('runs once per frame however many tiles call it', () => {
    const cams = cameras(4);
    const s = new UploadScheduler(1);
    for (const c of cams) s.request(c);
    for (let tile = 0; tile < 4; tile++) s.flush(1000); // four tiles tick in the same frame
    expect(cams.reduce((n, c) => n + c.uploads, 0)).toBe(1);
    s.flush(1016);
    expect(cams.reduce((n, c) => n + c.uploads, 0)).toBe(2);
  });

  it('0 means no cap', () => {
    const cams = cameras(12);
    const s = new UploadScheduler(0);
    for (const c of cams) s.request(c);
    expect(s.flush(1)).toBe(12);
    expect(s.snapshot()).toMatchObject({ limit: 0, maxPerFrame: 12, pending: 0 });
  });

  it('skips a cancelled camera and one whose element has no frame, without spending the budget', () => {
    const [a, b, c] = cameras(3);
    const s = new UploadScheduler(1);
    s.request(a!);
    s.request(b!);
    s.request(c!);
    s.cancel(a!); // its element was emptied (new player) or it was destroyed
    b!.hasFrame = false;
    expect(s.flush(1)).toBe(1);
    expect([a!.uploads, b!.uploads, c!.uploads]).toEqual([0, 0, 1]);
    expect(s.snapshot().pending).toBe(0); // b is not retried: its next frame callback asks again
  });

  it('under load shedding uploads each camera at most once per pace, the newest frame when its turn comes', () => {
    const [a, b] = cameras(2);
    let now = 0;
    let pace = 250;
    const s = new UploadScheduler(0, () => pace, () => now);
    // 60 frames at 60 fps, both cameras with a new frame in every one: one second.
    for (let frame = 1; frame <= 60; frame++, now += 1000 / 60) {
      s.request(a!);
      s.request(b!);
      s.flush(frame);
    }
    expect([a!.uploads, b!.uploads]).toEqual([4, 4]);
    expect(s.snapshot().pending, 'a paced camera waits, it is not dropped').toBe(2);
    pace = 0; // shedding over: every new frame again
    s.flush(61);
    expect([a!.uploads, b!.uploads]).toEqual([5, 5]);
  });
});

