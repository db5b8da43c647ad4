import { describe, expect, it } from 'vitest';
import { FRAME_PROBE, FrameHangWatch, FrameProber, probedFrameUrl, unresponsiveCommand } from './frame-hang.js';

/** A shell stand-in: frames by URL whose probes answer, hang or fail as a test says; timers fired by hand. */
function stand(frames: string[]) {
  const answers = new Map<string, 'answer' | 'hang' | 'fail'>();
  const timers: (() => void)[] = [];
  const reports: string[] = [];
  let runs = 0;
  const prober = new FrameProber<string>({
    frames: () => frames,
    url: (f) => f,
    run: (f) => {
      runs++;
      const a = answers.get(f) ?? 'answer';
      return a === 'answer' ? Promise.resolve('complete') : a === 'fail' ? Promise.reject(new Error('Execution context was destroyed')) : new Promise(() => undefined);
    },
    report: (c) => reports.push(`${c.url} ${c.status}`),
    after: (_ms, fn) => void timers.push(fn),
  }, { everyMs: 1000, timeoutMs: 500, misses: 2 });
  /** One round: probes started, answers delivered, then the timeouts fire. */
  const round = async (): Promise<void> => {
    prober.round();
    await new Promise((r) => setImmediate(r));
    for (const fn of timers.splice(0)) fn();
  };
  return { answers, reports, round, runs: () => runs };
}

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

  describe('the prober', () => {
    it('reports a frame that stops answering after two rounds, and only that frame', async () => {
      const s = stand(['https://a.example/d', 'https://b.example/d', 'about:blank']);
      await s.round();
      s.answers.set('https://a.example/d', 'hang');
      await s.round();
      expect(s.reports).toEqual([]);
      await s.round();
      expect(s.reports).toEqual(['https://a.example/d unresponsive']);
    });

    it('does not pile probes onto a hung frame, and counts each round it stays hung', async () => {
      const s = stand(['https://a.example/d']);
      s.answers.set('https://a.example/d', 'hang');
      for (let i = 0; i < 4; i++) await s.round();
      expect(s.runs()).toBe(1);
      expect(s.reports).toHaveLength(2);
    });

    it('never calls a frame that navigates (its probe cannot run) hung', async () => {
      const s = stand(['https://a.example/d']);
      s.answers.set('https://a.example/d', 'fail');
      for (let i = 0; i < 4; i++) await s.round();
      expect(s.reports).toEqual([]);
    });
  });
});
