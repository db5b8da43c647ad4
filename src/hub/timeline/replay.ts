/**
 * `GET /api/replay?t=[&sector=][&severity=]` (operator, editor; docs/timeline.md "Replay"): the wall
 * as it was at hub time `t`, from the timeline and the alerts' records: the layout it showed (the
 * last switch at or before t), each window's picture nearest before t (within PICTURE_WINDOW_MS), the
 * alerts open at t (acknowledged or not, as they were then), and the events around t. A time outside
 * the kept window, or in the future, is refused naming `t`.
 */
import type { Alert } from '../../core/protocol/alerts.js';
import { checkReplayQuery } from '../../core/protocol/rest-validate.js';
import type { Role } from '../../core/protocol/rest-bodies.js';
import type { TimelineEvent, TimelineSettings } from '../../core/protocol/timeline.js';
import { severityRank } from '../../core/wall/vocabulary.js';
import { HttpError, query, sendJson, type Router } from '../http.js';
import { CLOCK_SKEW_MS, DAY_MS, queryTimeMs } from '../query-time.js';
import { keptFrom } from './routes.js';
import { alertsTouched } from './alerts-touched.js';
import type { AlertService } from '../alerts.js';
import type { HubStore } from '../storage/store.js';

/** A picture older than this at t is not "the wall at t". */
const PICTURE_WINDOW_MS = 10 * 60_000;
/** Events shown around t, each side. */
export const AROUND_MS = 15 * 60_000;
/** How far back the last switch before t is looked for. */
const LAYOUT_LOOKBACK_MS = 7 * DAY_MS;

/** An alert as it was at t (state and acknowledgement then), or null when it was not open. */
export function alertAt(a: Alert, t: number): (Alert & { stateAt: 'active' | 'acknowledged' }) | null {
  if (a.raisedAt > t || (a.clearedAt !== undefined && a.clearedAt <= t)) return null;
  const acked = a.ackedAt !== undefined && a.ackedAt <= t;
  return { ...a, stateAt: acked ? 'acknowledged' : 'active' };
}

export interface ReplayDeps {
  router: Router;
  store: HubStore;
  alerts: AlertService;
  settings: TimelineSettings;
  now: () => number;
  roles: readonly Role[];
}

export function addReplayRoute(d: ReplayDeps): void {
  d.router.add('GET', '/api/replay', d.roles, async (ctx) => {
    const q = query(ctx, checkReplayQuery);
    const now = d.now();
    const t = queryTimeMs(q.t);
    const since = await keptFrom(d.store.timeline, d.settings, now);
    const errors: string[] = [];
    if (!Number.isFinite(t)) errors.push('t: is not a date');
    else if (t > now + CLOCK_SKEW_MS) errors.push('t: is in the future (hub time)');
    else if (t < since) errors.push(`t: is before the kept window (the timeline holds events from ${new Date(since).toISOString()})`);
    if (errors.length) throw new HttpError(400, 'invalid', 'the query does not match the API', errors);

    const keep = (e: { sector: string | null; severity: string | null }): boolean =>
      (!q.sector || (e.sector !== null && q.sector.includes(e.sector))) && (!q.severity || (e.severity !== null && (q.severity as string[]).includes(e.severity)));
    const [switches, pictures, around] = await Promise.all([
      d.store.timeline.list({ from: t - LAYOUT_LOOKBACK_MS, to: t, kinds: ['switch'], limit: 100_000 }),
      d.store.timeline.list({ from: t - PICTURE_WINDOW_MS, to: t, kinds: ['thumbnail'], limit: 100_000 }),
      d.store.timeline.list({ from: t - AROUND_MS, to: t + AROUND_MS, kinds: ['alert', 'ack', 'switch', 'automation', 'cap', 'camera', 'late', 'wall'], limit: 5000 }),
    ]);
    const lastSwitch = [...switches].reverse().find((e) => e.what === 'switched') ?? null;
    const windows = new Map<string, TimelineEvent>();
    for (const p of pictures) windows.set(p.subject, p); // oldest first: the last one per window wins
    const candidates = await alertsTouched(d.store.alerts, d.alerts, t, around);
    const alerts = [...candidates.values()]
      .flatMap((a) => alertAt(a, t) ?? [])
      .filter(keep)
      .sort((a, b) => severityRank(a.severity) - severityRank(b.severity) || b.raisedAt - a.raisedAt);
    sendJson(ctx.res, 200, {
      hubTime: now,
      t,
      keptFrom: since,
      layout: lastSwitch ? { layout: lastSwitch.subject, at: lastSwitch.at, by: lastSwitch.actor } : null,
      windows: [...windows.values()].map((p) => ({ window: p.subject, at: p.at, ...(p.detail as object) })),
      alerts,
      events: around.filter((e) => keep(e) || e.kind === 'switch' || e.kind === 'wall' || e.kind === 'camera'),
    });
  });
}
