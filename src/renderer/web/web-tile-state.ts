/**
 * A web tile's state machine, pure (no DOM, no timers: the frame controller feeds it events and
 * the time, and does what it says). Unit-tested.
 *
 *   loading ──load + grace──► shown ──refreshS──► (reload in place, still shown)
 *      │ timeout / host verdict        │ host verdict / reload timeout
 *      ▼                               ▼
 *   failed | refused | sign-in-expired ──backoff──► retry (failed shows "loading" again)
 *
 * A page that refuses framing still fires `load` (the browser shows its own error page), and the
 * host's verdict from the response headers (`webFrameStatus`) may arrive just after it; so a load
 * is trusted only after `verdictGraceMs` without a verdict.
 *
 * A frame whose renderer stopped answering (the host's 'unresponsive', core/kiosk/frame-hang.ts) is
 * reloaded at once in a fresh iframe (a new `src` on the hung frame never commits: its process
 * cannot), then after a backoff if it hangs again soon; "unresponsive" stays up until a load is shown.
 * Every retry uses a fresh iframe for the same reason; a `refreshS` reload keeps the frame.
 */
import type { WebFrameStatus } from '../../core/page/host-messages.js';

export type WebTileStatus = 'loading' | 'shown' | 'refused' | 'sign-in-expired' | 'failed' | 'unresponsive';
/** What the host decided from the frame's response (core/page/host-messages.ts, the one list). */
export type HostFrameStatus = WebFrameStatus;

export interface WebTimings {
  /** A load that has not fired `load` after this is a failure ("hết thời gian chờ"). */
  loadTimeoutMs: number;
  /** First retry delay after a failure; doubles per consecutive failure up to retryMaxMs. */
  retryMinMs: number;
  retryMaxMs: number;
  /** How long after `load` a host verdict may still arrive before the page is shown. */
  verdictGraceMs: number;
  /** The tile is ready for a layout switch at the latest after this, still loading (below the scene's 8 s). */
  readyWaitMs: number;
}

export const WEB_TIMINGS: WebTimings = {
  loadTimeoutMs: 20_000,
  retryMinMs: 5_000,
  retryMaxMs: 300_000,
  verdictGraceMs: 400,
  readyWaitMs: 6_000,
};

export interface WebTileState {
  status: WebTileStatus;
  /** Why the tile is not shown: the host's reason, or 'timeout'; null when shown or loading. */
  reason: string | null;
  /** Wall ms the status began. */
  since: number;
  /** Consecutive failed attempts (0 once a load is shown). */
  failures: number;
  /** A navigation under way since (null: none). */
  loadingSince: number | null;
  /** `load` fired; shown at this time unless a verdict comes first. */
  verdictBy: number | null;
  /** The next navigation (retry) at; null: none planned. */
  retryAt: number | null;
  /** The next refresh (refreshS) at; null: none. */
  refreshAt: number | null;
  /** Loads shown so far (refreshes included). */
  loads: number;
  /** Hangs in a row (the host's 'unresponsive' without a long shown spell between): the reload's backoff. */
  hangs: number;
}

export type WebTileEvent =
  | { type: 'load' }
  | { type: 'host'; status: HostFrameStatus; reason: string }
  | { type: 'tick' };

export interface Step {
  state: WebTileState;
  /** Navigate the frame to its URL now (a retry or a refresh). */
  navigate: boolean;
  /** With navigate: in a fresh iframe (a retry: the old frame's process may be hung). */
  fresh: boolean;
}

/** The delay before retry number `failures` (1, 2, …): min × 2^(n−1), capped. */
export function backoffMs(failures: number, t: Pick<WebTimings, 'retryMinMs' | 'retryMaxMs'>): number {
  const n = Math.max(1, failures);
  return Math.min(t.retryMaxMs, t.retryMinMs * 2 ** Math.min(30, n - 1));
}

/** A tile whose frame has just been given its URL at `now`. */
export function startState(now: number): WebTileState {
  return { status: 'loading', reason: null, since: now, failures: 0, loadingSince: now, verdictBy: null, retryAt: null, refreshAt: null, loads: 0, hangs: 0 };
}

const HOST_STATUS: Record<HostFrameStatus, WebTileStatus> = {
  refused: 'refused',
  'sign-in-expired': 'sign-in-expired',
  'http-error': 'failed',
  unreachable: 'failed',
  unresponsive: 'unresponsive',
};

/** Whether the tile is settled for a layout switch: shown, or showing why not. */
export function settled(s: WebTileState): boolean {
  return s.status !== 'loading';
}

export function step(s: WebTileState, e: WebTileEvent, now: number, t: WebTimings, refreshS?: number): Step {
  const to = (patch: Partial<WebTileState>, navigate = false, fresh = false): Step => {
    const next = { ...s, ...patch };
    if (next.status !== s.status) next.since = now;
    return { state: next, navigate, fresh };
  };
  const same: Step = { state: s, navigate: false, fresh: false };
  const fail = (status: WebTileStatus, reason: string): Step => {
    const failures = s.failures + 1;
    return to({ status, reason, failures, loadingSince: null, verdictBy: null, retryAt: now + backoffMs(failures, t), refreshAt: null });
  };
  if (e.type === 'host' && e.status === 'unresponsive') {
    // Said again while the frame is being reloaded: one hang, one reload.
    if (s.status === 'unresponsive') return same;
    // Shown for longer than the longest backoff: a new hang, not the last one again.
    const hangs = s.status === 'shown' && now - s.since >= t.retryMaxMs ? 1 : s.hangs + 1;
    const retryAt = now + (hangs <= 1 ? 0 : backoffMs(hangs - 1, t));
    return to({ status: 'unresponsive', reason: e.reason, hangs, loadingSince: null, verdictBy: null, retryAt, refreshAt: null });
  }
  if (e.type === 'host') return fail(HOST_STATUS[e.status], e.reason);
  if (e.type === 'load') {
    // A load with no navigation of ours under way is a late one from an attempt already judged.
    if (s.loadingSince === null) return same;
    return to({ loadingSince: null, verdictBy: now + t.verdictGraceMs });
  }
  // tick
  if (s.verdictBy !== null && now >= s.verdictBy) {
    const refreshAt = refreshS && refreshS > 0 ? now + refreshS * 1000 : null;
    return to({ status: 'shown', reason: null, failures: 0, verdictBy: null, retryAt: null, refreshAt, loads: s.loads + 1 });
  }
  if (s.loadingSince !== null && now - s.loadingSince >= t.loadTimeoutMs) return fail('failed', 'timeout');
  if (s.retryAt !== null && now >= s.retryAt) {
    // A failed tile says it is loading again; a refusal or a hang keeps its reason up until a load is shown.
    const status = s.status === 'failed' ? 'loading' : s.status;
    return to({ status, retryAt: null, loadingSince: now, verdictBy: null, ...(status === 'loading' ? { reason: null } : {}) }, true, true);
  }
  if (s.status === 'shown' && s.refreshAt !== null && now >= s.refreshAt && s.loadingSince === null && s.verdictBy === null) {
    return to({ refreshAt: null, loadingSince: now }, true);
  }
  return same;
}

/** The page config's `web` slice (overrides of WEB_TIMINGS); anything not a positive number is ignored. */
export function webTimings(raw: Readonly<Record<string, unknown>> | undefined): WebTimings {
  const t: WebTimings = { ...WEB_TIMINGS };
  for (const key of Object.keys(t) as (keyof WebTimings)[]) {
    const v = raw?.[key];
    if (typeof v === 'number' && Number.isFinite(v) && v >= 0) t[key] = v;
  }
  return t;
}
