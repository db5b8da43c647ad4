import { describe, expect, it } from 'vitest';
import { backoffMs, settled, startState, step, type WebTileEvent, type WebTileState, type WebTimings } from './web-tile-state.js';

const T: WebTimings = { loadTimeoutMs: 1000, retryMinMs: 500, retryMaxMs: 4000, verdictGraceMs: 100, readyWaitMs: 900 };

/** Runs events at times; returns the last state and the times a navigation was asked for. */
function run(events: [number, WebTileEvent][], refreshS?: number): { s: WebTileState; navigations: number[]; fresh: number[] } {
  let s = startState(0);
  const navigations: number[] = [];
  const fresh: number[] = [];
  for (const [now, e] of events) {
    const r = step(s, e, now, T, refreshS);
    s = r.state;
    if (r.navigate) navigations.push(now);
    if (r.navigate && r.fresh) fresh.push(now);
  }
  return { s, navigations, fresh };
}

const tick: WebTileEvent = { type: 'tick' };

describe('web tile state', () => {
  it('backs off doubling from the minimum to the cap', () => {
    expect([1, 2, 3, 4, 5, 40].map((n) => backoffMs(n, T))).toEqual([500, 1000, 2000, 4000, 4000, 4000]);
  });

  it('shows a load once the grace for a host verdict has passed', () => {
    const { s } = run([[200, { type: 'load' }], [250, tick], [300, tick]]);
    expect(s.status).toBe('shown');
    expect(s.loads).toBe(1);
    expect(settled(s)).toBe(true);
    expect(run([[200, { type: 'load' }], [250, tick]]).s.status).toBe('loading');
  });

  it('a refusal after load (the browser fires load for refused pages) wins over the load', () => {
    const { s } = run([[200, { type: 'load' }], [250, { type: 'host', status: 'refused', reason: 'X-Frame-Options: DENY' }], [400, tick]]);
    expect(s).toMatchObject({ status: 'refused', reason: 'X-Frame-Options: DENY', failures: 1, retryAt: 750 });
  });

  it('times out a load that never fires, retries with backoff, and recovers', () => {
    const { s, navigations } = run([
      [999, tick],
      [1000, tick], // timeout → failed, retry at 1500
      [1499, tick],
      [1500, tick], // retry → loading
      [2500, tick], // timeout again → retry at 3500 (1000 later)
      [3500, tick], // retry
      [3600, { type: 'load' }],
      [3700, tick],
    ]);
    expect(navigations).toEqual([1500, 3500]);
    expect(s).toMatchObject({ status: 'shown', failures: 0, retryAt: null });
  });

  it('says failed with the reason between retries', () => {
    const { s } = run([[1000, tick]]);
    expect(s).toMatchObject({ status: 'failed', reason: 'timeout', retryAt: 1500 });
    const host = run([[10, { type: 'host', status: 'unreachable', reason: 'ERR_CONNECTION_REFUSED' }]]).s;
    expect(host).toMatchObject({ status: 'failed', reason: 'ERR_CONNECTION_REFUSED' });
    expect(run([[10, { type: 'host', status: 'sign-in-expired', reason: 'HTTP 401' }]]).s.status).toBe('sign-in-expired');
  });

  it('keeps a refusal on screen while retrying, until a load is shown', () => {
    const { s, navigations } = run([[10, { type: 'host', status: 'refused', reason: 'r' }], [510, tick], [600, { type: 'load' }], [650, tick]]);
    expect(navigations).toEqual([510]);
    expect(s.status).toBe('refused');
    expect(run([[10, { type: 'host', status: 'refused', reason: 'r' }], [510, tick], [600, { type: 'load' }], [700, tick]]).s.status).toBe('shown');
  });

  it('reloads every refreshS in place (still shown), and ignores a late load from a judged attempt', () => {
    const { s, navigations } = run([[100, { type: 'load' }], [200, tick], [30_199, tick], [30_200, tick], [30_300, tick]], 30);
    expect(navigations).toEqual([30_200]);
    expect(s).toMatchObject({ status: 'shown', loadingSince: 30_200 });
    const late = run([[1000, tick], [1100, { type: 'load' }], [1300, tick]]).s;
    expect(late.status).toBe('failed');
  });

  describe('a frame that stops answering (the host\'s unresponsive)', () => {
    const hung: WebTileEvent = { type: 'host', status: 'unresponsive', reason: 'no answer within 5 s, 2 times in a row' };
    const shownAt200: [number, WebTileEvent][] = [[100, { type: 'load' }], [200, tick]];

    it('is reloaded at once in a fresh iframe, says so until a load shows, then shows', () => {
      const { s, navigations, fresh } = run([...shownAt200, [1000, hung], [1001, tick], [1200, { type: 'load' }], [1250, tick]]);
      expect(navigations).toEqual([1001]);
      expect(fresh).toEqual([1001]);
      expect(s).toMatchObject({ status: 'unresponsive', reason: 'no answer within 5 s, 2 times in a row', hangs: 1, loadingSince: null });
      expect(settled(s)).toBe(true);
      const after = run([...shownAt200, [1000, hung], [1001, tick], [1200, { type: 'load' }], [1300, tick]]).s;
      expect(after).toMatchObject({ status: 'shown', reason: null, loads: 2, hangs: 1 });
    });

    it('takes one report per hang: repeats while reloading change nothing', () => {
      const { navigations, s } = run([...shownAt200, [1000, hung], [1001, tick], [1100, hung], [1101, tick], [1200, hung], [1201, tick]]);
      expect(navigations).toEqual([1001]);
      expect(s.hangs).toBe(1);
    });

    it('backs off like failed loads when it hangs again soon after showing', () => {
      const again = (at: number): [number, WebTileEvent][] => [[at, { type: 'load' }], [at + 100, tick], [at + 200, hung]];
      const { s, navigations } = run([
        ...shownAt200, [1000, hung], [1000, tick], // hang 1: at once
        ...again(1100), [1799, tick], [1800, tick], // hang 2 at 1300: after 500
        ...again(1900), [3100, tick], // hang 3 at 2100: after 1000
      ]);
      expect(navigations).toEqual([1000, 1800, 3100]);
      expect(s).toMatchObject({ status: 'unresponsive', hangs: 3, retryAt: null });
    });

    it('counts a hang after a long shown spell (the longest backoff) as a first one again', () => {
      const { s, navigations } = run([...shownAt200, [1000, hung], [1000, tick], [1100, { type: 'load' }], [1200, tick], [9000, hung], [9000, tick]]);
      expect(navigations).toEqual([1000, 9000]);
      expect(s.hangs).toBe(1);
    });

    it('reloads a frame hung while still loading too (its load would never come)', () => {
      const { s, fresh } = run([[300, hung], [300, tick]]);
      expect(fresh).toEqual([300]);
      expect(s).toMatchObject({ status: 'unresponsive', loadingSince: 300 });
    });

    it('retries of failed loads use a fresh iframe too; a refreshS reload keeps the frame', () => {
      expect(run([[1000, tick], [1500, tick]]).fresh).toEqual([1500]);
      const refreshed = run([...shownAt200, [10_200, tick]], 10);
      expect(refreshed.navigations).toEqual([10_200]);
      expect(refreshed.fresh).toEqual([]);
    });
  });
});
