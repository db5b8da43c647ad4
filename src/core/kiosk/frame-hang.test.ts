import { describe, expect, it } from 'vitest';
import { FRAME_PROBE, FrameHangWatch, probedFrameUrl, unresponsiveCommand } from './frame-hang.js';

describe('frame hang watch', () => {
  it('calls a frame hung after two misses in a row, not after one or after misses an answer broke', () => {
    const w = new FrameHangWatch<string>(2);
    expect(w.miss('a')).toBe(false);
    w.answered('a');
    expect(w.miss('a')).toBe(false);
    expect(w.miss('a')).toBe(true);
    expect(w.miss('b')).toBe(false);
  });

  it('says it again after every further two misses while the frame stays hung', () => {
    const w = new FrameHangWatch<string>(2);
    expect([1, 2, 3, 4, 5, 6].map(() => w.miss('a'))).toEqual([false, true, false, true, false, true]);
  });

  it('forgets frames that are gone', () => {
    const w = new FrameHangWatch<string>(2);
    w.miss('a');
    w.miss('b');
    w.keepOnly(['b']);
    expect(w.miss('a')).toBe(false);
    expect(w.miss('b')).toBe(true);
  });

  it('probes http(s) frames only, every 15 s with 5 s to answer by default', () => {
    expect(['https://grafana.example/d/x', 'http://127.0.0.1:3000/', 'about:blank', 'chrome-error://chromewebdata/', 'app://wall/'].map(probedFrameUrl)).toEqual([true, true, false, false, false]);
    expect(FRAME_PROBE).toEqual({ everyMs: 15_000, timeoutMs: 5_000, misses: 2 });
  });

  it('tells the page the frame is unresponsive, with the wait in seconds', () => {
    expect(unresponsiveCommand('https://grafana.example/d/x')).toEqual({
      type: 'webFrameStatus', url: 'https://grafana.example/d/x', status: 'unresponsive', reason: 'no answer within 5 s, 2 times in a row',
    });
    expect(unresponsiveCommand('http://h/', { timeoutMs: 1500, misses: 3 }).reason).toBe('no answer within 1.5 s, 3 times in a row');
  });
});
