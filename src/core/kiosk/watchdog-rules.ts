/**
 * The renderer watchdog as a pure state machine, shared by the Electron main process and any other
 * shell: it is fed what happened to one window's page (loading, heartbeat, crashed, unresponsive,
 * a clock tick) and answers what to do, as data. Failures reload the page with exponential
 * backoff; a stable run forgets them; too many failures in a window of time is a crash loop: show
 * the fallback page, report it, and try again much later.
 */

export interface WatchdogConfig {
  /** No heartbeat for this long while running means the page is hung. Default 10 000 ms. */
  heartbeatTimeoutMs: number;
  /** Time from a (re)load to the first heartbeat. Default 30 000 ms. */
  startupGraceMs: number;
  /** After Electron reports the page unresponsive, wait this long for it to recover. Default 5 000 ms. */
  unresponsiveGraceMs: number;
  /** First reload delay; doubles with each failure. Default 1 000 ms. */
  backoffBaseMs: number;
  /** Largest reload delay. Default 60 000 ms. */
  backoffMaxMs: number;
  /** Running this long without trouble forgets earlier failures (backoff back to base). Default 120 000 ms. */
  stableMs: number;
  /** This many failures within `crashLoopWindowMs` is a crash loop. Default 5. */
  crashLoopCount: number;
  /** Default 300 000 ms. */
  crashLoopWindowMs: number;
  /** After a crash loop, reload again after this long (the fallback page shows meanwhile). Default 600 000 ms. */
  giveUpRetryMs: number;
}

export const DEFAULT_WATCHDOG_CONFIG: WatchdogConfig = {
  heartbeatTimeoutMs: 10_000,
  startupGraceMs: 30_000,
  unresponsiveGraceMs: 5_000,
  backoffBaseMs: 1_000,
  backoffMaxMs: 60_000,
  stableMs: 120_000,
  crashLoopCount: 5,
  crashLoopWindowMs: 300_000,
  giveUpRetryMs: 600_000,
};

export type WatchdogInput =
  /** Our page started (re)loading in the window's main frame. */
  | { type: 'loading'; at: number }
  | { type: 'heartbeat'; at: number }
  /** The renderer process went away, or the page failed to load. */
  | { type: 'crashed'; at: number; reason: string }
  | { type: 'unresponsive'; at: number }
  | { type: 'responsive'; at: number }
  /** A clock tick (about once a second): timeouts are noticed on ticks. */
  | { type: 'tick'; at: number };

export type WatchdogPhase = 'starting' | 'running' | 'hung' | 'reloading' | 'gave-up';

export type Trouble = 'crashed' | 'hung' | 'heartbeat-missed' | 'no-first-heartbeat';

export interface WatchdogState {
  phase: WatchdogPhase;
  /** When the current phase began. */
  since: number;
  lastHeartbeat: number;
  /** Times of failures not yet forgotten (within the crash-loop window, no stable run since). */
  failures: number[];
  /** Failures since the last stable run: the backoff exponent. */
  attempt: number;
  /** When a gave-up window tries again. */
  retryAt: number;
}

export interface WatchdogReport {
  kind: 'failure' | 'crash-loop' | 'recovered' | 'retry';
  trouble?: Trouble;
  detail: string;
  /** Failures counted towards a crash loop, this one included. */
  failures: number;
  at: number;
}

export interface WatchdogDecision {
  /** reload: reload the page after `afterMs`; wait: nothing to do; give-up: show the fallback page. */
  action: 'reload' | 'wait' | 'give-up';
  /** reload: delay before reloading; give-up: delay before the next try; wait: 0. */
  afterMs: number;
  /** The renderer is alive but stuck: kill it before reloading. */
  kill?: boolean;
  report?: WatchdogReport;
}

export interface WatchdogStep {
  state: WatchdogState;
  decision: WatchdogDecision;
}

export function initialWatchdogState(now: number): WatchdogState {
  return { phase: 'starting', since: now, lastHeartbeat: now, failures: [], attempt: 0, retryAt: 0 };
}

const WAIT: WatchdogDecision = { action: 'wait', afterMs: 0 };

/** The reload delay after `attempt` earlier failures: base × 2^attempt, capped. */
export function backoffMs(attempt: number, config: WatchdogConfig): number {
  return Math.min(config.backoffMaxMs, config.backoffBaseMs * 2 ** Math.min(attempt, 30));
}

function fail(s: WatchdogState, at: number, trouble: Trouble, detail: string, c: WatchdogConfig): WatchdogStep {
  const failures = [...s.failures.filter((t) => at - t < c.crashLoopWindowMs), at];
  const kill = trouble !== 'crashed';
  if (failures.length >= c.crashLoopCount) {
    return {
      state: { ...s, phase: 'gave-up', since: at, failures, retryAt: at + c.giveUpRetryMs },
      decision: {
        action: 'give-up',
        afterMs: c.giveUpRetryMs,
        kill,
        report: { kind: 'crash-loop', trouble, detail: `${failures.length} failures in ${c.crashLoopWindowMs / 1000} s; last: ${detail}`, failures: failures.length, at },
      },
    };
  }
  const afterMs = backoffMs(s.attempt, c);
  return {
    state: { ...s, phase: 'reloading', since: at, failures, attempt: s.attempt + 1 },
    decision: { action: 'reload', afterMs, kill, report: { kind: 'failure', trouble, detail, failures: failures.length, at } },
  };
}

/** A run that stayed healthy long enough forgets the failures before it. */
function settle(s: WatchdogState, at: number, c: WatchdogConfig): WatchdogState {
  if (s.phase === 'running' && at - s.since >= c.stableMs && (s.attempt > 0 || s.failures.length > 0)) {
    return { ...s, failures: [], attempt: 0 };
  }
  return s;
}

/** One input → the next state and what to do. Never throws; inputs that do not apply are waited out. */
export function watchdogStep(s: WatchdogState, input: WatchdogInput, c: WatchdogConfig = DEFAULT_WATCHDOG_CONFIG): WatchdogStep {
  const at = input.at;
  switch (input.type) {
    case 'loading':
      if (s.phase === 'gave-up') return { state: s, decision: WAIT };
      return { state: { ...s, phase: 'starting', since: at, lastHeartbeat: at }, decision: WAIT };
    case 'heartbeat': {
      if (s.phase === 'reloading' || s.phase === 'gave-up') return { state: s, decision: WAIT };
      if (s.phase === 'running') return { state: settle({ ...s, lastHeartbeat: at }, at, c), decision: WAIT };
      const state: WatchdogState = { ...s, phase: 'running', since: at, lastHeartbeat: at };
      if (s.phase === 'starting' && s.attempt > 0) {
        const report: WatchdogReport = { kind: 'recovered', detail: `running again after ${s.attempt} reload(s)`, failures: s.failures.length, at };
        return { state, decision: { action: 'wait', afterMs: 0, report } };
      }
      return { state, decision: WAIT };
    }
    case 'crashed':
      if (s.phase === 'reloading' || s.phase === 'gave-up') return { state: s, decision: WAIT };
      return fail(s, at, 'crashed', input.reason, c);
    case 'unresponsive':
      if (s.phase !== 'running' && s.phase !== 'starting') return { state: s, decision: WAIT };
      return { state: { ...s, phase: 'hung', since: at }, decision: { action: 'wait', afterMs: c.unresponsiveGraceMs } };
    case 'responsive':
      if (s.phase !== 'hung') return { state: s, decision: WAIT };
      return { state: { ...s, phase: 'running', since: at, lastHeartbeat: at }, decision: WAIT };
    case 'tick':
      return onTick(s, at, c);
  }
}

function onTick(s: WatchdogState, at: number, c: WatchdogConfig): WatchdogStep {
  switch (s.phase) {
    case 'gave-up':
      if (at < s.retryAt) return { state: s, decision: WAIT };
      return {
        state: { ...s, phase: 'reloading', since: at, failures: [], attempt: 0 },
        decision: { action: 'reload', afterMs: 0, report: { kind: 'retry', detail: 'trying the wall page again after a crash loop', failures: 0, at } },
      };
    case 'hung':
      if (at - s.since < c.unresponsiveGraceMs) return { state: s, decision: WAIT };
      return fail(s, at, 'hung', `unresponsive for ${Math.round((at - s.since) / 1000)} s`, c);
    case 'running':
      if (at - s.lastHeartbeat >= c.heartbeatTimeoutMs) {
        return fail(s, at, 'heartbeat-missed', `no heartbeat for ${Math.round((at - s.lastHeartbeat) / 1000)} s`, c);
      }
      return { state: settle(s, at, c), decision: WAIT };
    case 'starting':
      if (at - s.since >= c.startupGraceMs) {
        return fail(s, at, 'no-first-heartbeat', `no heartbeat within ${Math.round(c.startupGraceMs / 1000)} s of loading`, c);
      }
      return { state: s, decision: WAIT };
    case 'reloading':
      // The reload was ordered but never started (the window's load failed silently): order it again.
      if (at - s.since >= c.backoffMaxMs + c.startupGraceMs) {
        return fail(s, at, 'no-first-heartbeat', 'the ordered reload never started', c);
      }
      return { state: s, decision: WAIT };
  }
}
