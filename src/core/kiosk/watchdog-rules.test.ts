import { describe, expect, it } from 'vitest';
import {
  DEFAULT_WATCHDOG_CONFIG as C,
  backoffMs,
  initialWatchdogState,
  watchdogStep,
  type WatchdogDecision,
  type WatchdogInput,
  type WatchdogState,
} from './watchdog-rules.js';

/** Feeds inputs in order; returns the final state and every decision. */
function run(inputs: WatchdogInput[], state: WatchdogState = initialWatchdogState(0)): { state: WatchdogState; decisions: WatchdogDecision[] } {
  const decisions: WatchdogDecision[] = [];
  for (const input of inputs) {
    const step = watchdogStep(state, input, C);
    state = step.state;
    decisions.push(step.decision);
  }
  return { state, decisions };
}

/** A healthy page: loading at `at`, then heartbeats every second for `forMs`. */
function healthy(at: number, forMs: number): WatchdogInput[] {
  const out: WatchdogInput[] = [{ type: 'loading', at }];
  for (let t = at + 1000; t <= at + forMs; t += 1000) out.push({ type: 'heartbeat', at: t }, { type: 'tick', at: t });
  return out;
}

describe('watchdog rules', () => {
  it('leaves a healthy page alone', () => {
    const { state, decisions } = run(healthy(0, 60_000));
    expect(state.phase).toBe('running');
    expect(decisions.every((d) => d.action === 'wait' && !d.report)).toBe(true);
  });

  it('reloads a crashed renderer with doubling delays: 1 s, 2 s, 4 s …, capped', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 20].map((a) => backoffMs(a, C))).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000]);
    let state = initialWatchdogState(0);
    const delays: number[] = [];
    // Crashes 40 s apart: 4 failures stay under the crash-loop count within 5 minutes.
    for (let i = 0; i < 4; i++) {
      const t = i * 40_000;
      const r = run([{ type: 'loading', at: t }, { type: 'heartbeat', at: t + 1000 }, { type: 'crashed', at: t + 2000, reason: 'crashed' }], state);
      state = r.state;
      const d = r.decisions.at(-1)!;
      expect(d).toMatchObject({ action: 'reload', kill: false, report: { kind: 'failure', trouble: 'crashed', detail: 'crashed' } });
      delays.push(d.afterMs);
    }
    expect(delays).toEqual([1000, 2000, 4000, 8000]);
    expect(state.phase).toBe('reloading');
  });

  it('reports recovery on the first heartbeat after a reload, and forgets failures after a stable run', () => {
    const r1 = run([...healthy(0, 2000), { type: 'crashed', at: 3000, reason: 'oom' }, { type: 'loading', at: 4000 }, { type: 'heartbeat', at: 5000 }]);
    expect(r1.decisions.at(-1)!.report).toMatchObject({ kind: 'recovered' });
    expect(r1.state.attempt).toBe(1);
    const r2 = run(healthy(5000, C.stableMs + 2000).slice(1), r1.state);
    expect(r2.state).toMatchObject({ phase: 'running', attempt: 0, failures: [] });
    const r3 = run([{ type: 'crashed', at: 200_000, reason: 'crashed' }], r2.state);
    expect(r3.decisions[0]!.afterMs).toBe(C.backoffBaseMs);
  });

  it('gives up after K failures within the window, shows the fallback, and tries again later', () => {
    let state = initialWatchdogState(0);
    let last: WatchdogDecision | undefined;
    for (let i = 0; i < C.crashLoopCount; i++) {
      const r = run([{ type: 'loading', at: i * 1000 }, { type: 'crashed', at: i * 1000 + 500, reason: 'crashed' }], state);
      state = r.state;
      last = r.decisions.at(-1);
    }
    expect(last).toMatchObject({ action: 'give-up', afterMs: C.giveUpRetryMs, report: { kind: 'crash-loop', failures: C.crashLoopCount } });
    expect(state.phase).toBe('gave-up');
    // The fallback page loading, late heartbeats and crashes change nothing.
    const idle = run([{ type: 'loading', at: 6000 }, { type: 'heartbeat', at: 7000 }, { type: 'crashed', at: 8000, reason: 'x' }, { type: 'tick', at: 60_000 }], state);
    expect(idle.decisions.every((d) => d.action === 'wait')).toBe(true);
    const retry = run([{ type: 'tick', at: state.retryAt }], idle.state);
    expect(retry.decisions[0]).toMatchObject({ action: 'reload', afterMs: 0, report: { kind: 'retry' } });
    expect(retry.state).toMatchObject({ phase: 'reloading', attempt: 0, failures: [] });
  });

  it('failures spread wider than the window are not a crash loop', () => {
    let state = initialWatchdogState(0);
    const actions: string[] = [];
    for (let i = 0; i < C.crashLoopCount + 3; i++) {
      const t = i * (C.crashLoopWindowMs / (C.crashLoopCount - 1) + 1000);
      const r = run([{ type: 'loading', at: t }, { type: 'crashed', at: t + 10, reason: 'crashed' }], state);
      state = r.state;
      actions.push(r.decisions.at(-1)!.action);
    }
    expect(actions.every((a) => a === 'reload')).toBe(true);
  });

  it('a hung renderer gets a grace period, then is killed and reloaded', () => {
    const recovers = run([...healthy(0, 3000), { type: 'unresponsive', at: 4000 }, { type: 'tick', at: 5000 }, { type: 'responsive', at: 6000 }, { type: 'heartbeat', at: 6500 }, { type: 'tick', at: 7000 }]);
    expect(recovers.decisions.slice(-5).map((d) => d.action)).toEqual(['wait', 'wait', 'wait', 'wait', 'wait']);
    expect(recovers.state.phase).toBe('running');
    expect(recovers.decisions.at(-5)!.afterMs).toBe(C.unresponsiveGraceMs);
    const stuck = run([...healthy(0, 3000), { type: 'unresponsive', at: 4000 }, { type: 'tick', at: 4000 + C.unresponsiveGraceMs }]);
    expect(stuck.decisions.at(-1)).toMatchObject({ action: 'reload', kill: true, report: { trouble: 'hung' } });
  });

  it('a missed heartbeat beyond the timeout is a hang', () => {
    const r = run([...healthy(0, 5000), { type: 'tick', at: 5000 + C.heartbeatTimeoutMs - 1 }, { type: 'tick', at: 5000 + C.heartbeatTimeoutMs }]);
    expect(r.decisions.at(-2)!.action).toBe('wait');
    expect(r.decisions.at(-1)).toMatchObject({ action: 'reload', kill: true, report: { trouble: 'heartbeat-missed' } });
  });

  it('a page that never sends its first heartbeat is reloaded after the start-up grace', () => {
    const r = run([{ type: 'loading', at: 0 }, { type: 'tick', at: C.startupGraceMs - 1 }, { type: 'tick', at: C.startupGraceMs }]);
    expect(r.decisions.map((d) => d.action)).toEqual(['wait', 'wait', 'reload']);
    expect(r.decisions.at(-1)!.report?.trouble).toBe('no-first-heartbeat');
  });

  it('an ordered reload that never starts is ordered again', () => {
    const r = run([{ type: 'crashed', at: 0, reason: 'crashed' }, { type: 'tick', at: 1000 }, { type: 'tick', at: C.backoffMaxMs + C.startupGraceMs }]);
    expect(r.decisions.map((d) => d.action)).toEqual(['reload', 'wait', 'reload']);
  });
});
