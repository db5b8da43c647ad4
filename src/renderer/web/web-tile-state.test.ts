import { describe, expect, it } from 'vitest';
import { backoffMs, settled, startState, step, type WebTileEvent, type WebTileState, type WebTimings } from './web-tile-state.js';

const T: WebTimings = { loadTimeoutMs: 1000, retryMinMs: 500, retryMaxMs: 4000, verdictGraceMs: 100, readyWaitMs: 900 };

/** Runs events at times; returns the last state and the times a navigation was asked for. */
function run(events: [number, WebTileEvent][], refreshS?: number): { s: WebTileState; navigations: number[] } {
  let s = startState(0);
  const navigations: number[] = [];
  for (const [now, e] of events) {
    const r = step(s, e, now, T, refreshS);
    s = r.state;
    if (r.navigate) navigations.push(now);
  }
  return { s, navigations };
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
});
