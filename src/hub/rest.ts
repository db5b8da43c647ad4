/**
 * The REST API for integrations and operators (docs/protocol.md, "REST API"). Bodies, queries and
 * path ids are checked against their message schemas (rest-validate.ts); answers are JSON.
 */
import { INSECURE_WARNING } from './transport.js';
import { randomUUID } from 'node:crypto';
import { LIMITS } from '../core/protocol/limits.js';
import { PROTOCOL_VERSION } from '../core/protocol/protocol.js';
import type { Checked } from '../core/protocol/protocol-validate.js';
import {
  checkAlertsQuery,
  checkAuditQuery,
  checkClearAlert,
  checkId,
  checkLayoutSwitch,
  checkTopicsQuery, checkOperatorAck,   checkPublishRequest,
  checkRaiseAlert,
  checkUpdateAlert,
} from '../core/protocol/rest-validate.js';
import type { WallsAnswer } from '../core/protocol/walls.js';
import { actorOf } from './auth.js';
import type { AlertChange, AlertService } from './alerts.js';
import { HttpError, query, Router, sendJson, sendText, type RequestContext } from './http.js';
import type { LayoutService } from './layouts.js';
import type { MetricGauges, Metrics } from './metrics.js';
import type { SwitchCoordinator, SwitchOutcome } from './switch-coordinator.js';
import type { HubStore } from './storage/store.js';
import type { Actor, AlertFilter } from './storage/store-types.js';
import type { TopicService } from './topics.js';
import type { WallRegistry } from './walls.js';
import type { DeadScreenMonitor } from './dead-screens.js';

export interface RestDeps {
  router: Router;
  store: HubStore;
  topics: TopicService;
  alerts: AlertService;
  layouts: LayoutService;
  /** Two-phase switches; without it POST /api/layout switches in one phase. */
  switches?: SwitchCoordinator;
  walls: WallRegistry;
  /** Degraded mode: the screens the hub counts as dead (listed by GET /api/walls). */
  deadScreens?: DeadScreenMonitor;
  metrics: Metrics;
  gauges: () => MetricGauges;
  now: () => number;
  startedAt: number;
  /** `insecure`: plain HTTP on purpose; /healthz says so with a warning (transport.ts). */
  transport: 'tls' | 'insecure';
  /** The wall's IANA time zone (wall.yaml `timezone`): the console shows every time in it, not the browser's. */
  timezone: string;
}

const READERS = ['operator', 'editor', 'integration'] as const;
/** Duty staff: operators, and editors, who may do all an operator does (and change presets). */
const STAFF = ['operator', 'editor'] as const;

async function body<T>(ctx: RequestContext, checker: (v: unknown) => Checked<T>): Promise<T> {
  const r = checker(await ctx.body());
  if (!r.ok) throw new HttpError(400, 'invalid', 'the body does not match the API', r.errors);
  return r.value;
}

function alertId(ctx: RequestContext): string {
  const r = checkId(ctx.params.id);
  if (!r.ok) throw new HttpError(400, 'invalid', 'bad alert id', r.errors);
  return r.value;
}


function sendChange(ctx: RequestContext, change: AlertChange): void {
  if (!change.ok) throw new HttpError(change.status, change.code, change.message);
  sendJson(ctx.res, change.created ? 201 : 200, { alert: change.alert });
}

/** `?since=` (ms since the epoch or an ISO 8601 date, as its schema allows) in ms. */
function sinceMs(since: string | undefined): number | undefined {
  if (since === undefined) return undefined;
  const ms = /^\d+$/.test(since) ? Number(since) : Date.parse(since);
  if (!Number.isFinite(ms)) throw new HttpError(400, 'invalid', 'the query does not match the API', ['since: is not a date']);
  return ms;
}

/**
 * A two-phase switch's answer (POST /api/layout, POST /api/presets/:id/activate), sent once every
 * window prepared and the commit went out, or the switch was aborted.
 */
export function sendSwitchOutcome(ctx: RequestContext, o: SwitchOutcome): void {
  if (o.ok) return sendJson(ctx.res, 202, { command: o.command, switch: o.record });
  if (o.code === 'unknown-layout') throw new HttpError(404, o.code, o.message);
  if (o.code === 'switch-busy') throw new HttpError(409, o.code, o.message);
  throw new HttpError(409, o.code, o.message, o.record?.failed.map((f) => `${f.node}/${f.window}: ${f.error}`));
}

export function addRoutes(d: RestDeps): void {
  const r = d.router;

  r.add('GET', '/healthz', 'public', ({ res }) =>
    sendJson(res, 200, {
      ok: true,
      protocol: PROTOCOL_VERSION,
      hubTime: d.now(),
      uptimeS: Math.round((d.now() - d.startedAt) / 1000),
      walls: d.walls.connectedCount(),
      transport: d.transport,
      ...(d.transport === 'insecure' ? { warning: INSECURE_WARNING } : {}),
    }),
  );
  r.add('GET', '/metrics', 'public', async ({ res }) => sendText(res, 200, d.metrics.contentType, await d.metrics.render(d.gauges())));
  r.add('GET', '/api', ['wall', 'operator', 'editor', 'integration'], ({ res, principal }) =>
    sendJson(res, 200, { protocol: PROTOCOL_VERSION, hubTime: d.now(), name: principal!.name, role: principal!.role, timezone: d.timezone }),
  );

  // Data
  r.add('POST', '/api/data', ['integration'], async (ctx) => {
    const req = await body(ctx, checkPublishRequest);
    if (d.topics.wouldExceedTopics(req.updates)) {
      throw new HttpError(409, 'topic-limit', `the hub keeps at most ${LIMITS.topics} distinct topics`);
    }
    const accepted = d.topics.publish(req.updates);
    sendJson(ctx.res, 202, { accepted: accepted.length, hubTime: d.now() });
  });
  r.add('GET', '/api/topics', READERS, (ctx) =>
    sendJson(ctx.res, 200, { hubTime: d.now(), topics: d.topics.list(query(ctx, checkTopicsQuery).values === 'true') }),
  );

  // Alerts
  r.add('GET', '/api/alerts', READERS, (ctx) => {
    const q = query(ctx, checkAlertsQuery);
    const filter: AlertFilter = { limit: Number(q.limit ?? 500) };
    const since = sinceMs(q.since);
    if (q.severity) filter.severity = q.severity;
    if (q.sector) filter.sector = q.sector;
    if (q.state) filter.state = q.state;
    if (since !== undefined) filter.since = since;
    sendJson(ctx.res, 200, { hubTime: d.now(), alerts: d.store.alerts.list(filter) });
  });
  r.add('POST', '/api/alerts', ['integration', ...STAFF], async (ctx) => {
    sendChange(ctx, d.alerts.raise(await body(ctx, checkRaiseAlert), actorOf(ctx.principal)));
  });
  r.add('GET', '/api/alerts/:id', READERS, (ctx) => {
    const id = alertId(ctx);
    const alert = d.store.alerts.get(id);
    if (!alert) throw new HttpError(404, 'unknown-alert', `no alert ${id}`);
    sendJson(ctx.res, 200, { alert, ack: d.store.alerts.getAck(id) ?? null, audit: d.store.audit.list({ alertId: id }) });
  });
  r.add('PATCH', '/api/alerts/:id', ['integration', ...STAFF], async (ctx) => {
    const id = alertId(ctx);
    sendChange(ctx, d.alerts.update(id, await body(ctx, checkUpdateAlert), actorOf(ctx.principal)));
  });
  r.add('POST', '/api/alerts/:id/clear', ['integration', ...STAFF], async (ctx) => {
    const id = alertId(ctx);
    sendChange(ctx, d.alerts.clear(id, await body(ctx, checkClearAlert), actorOf(ctx.principal)));
  });
  r.add('POST', '/api/alerts/:id/ack', STAFF, async (ctx) => {
    const id = alertId(ctx);
    const req = await body(ctx, checkOperatorAck);
    const actor: Actor = { ...actorOf(ctx.principal), screen: req.screen ?? null };
    const comment = req.comment?.trim();
    const ack = { ackId: req.ackId ?? randomUUID(), alertId: id, at: d.now(), ...(comment ? { comment } : {}) };
    const result = d.alerts.acknowledge(ack, actor);
    if (result.ok) return sendJson(ctx.res, 200, result);
    const status = result.reason === 'unknown-alert' ? 404 : result.reason === 'internal' ? 503 : 409;
    throw new HttpError(status, result.reason, result.detail ?? result.reason);
  });
  r.add('GET', '/api/audit', STAFF, (ctx) => {
    const q = query(ctx, checkAuditQuery);
    const since = sinceMs(q.since);
    sendJson(ctx.res, 200, {
      audit: d.store.audit.list({
        ...(q.alertId !== undefined ? { alertId: q.alertId } : {}),
        ...(since !== undefined ? { since } : {}),
        limit: Number(q.limit ?? 500),
      }),
    });
  });

  // Layout and walls
  r.add('GET', '/api/layout', READERS, ({ res }) =>
    sendJson(res, 200, { current: d.layouts.currentCommand(), layouts: d.layouts.layouts }),
  );
  r.add('POST', '/api/layout', STAFF, async (ctx) => {
    const req = await body(ctx, checkLayoutSwitch);
    if (!d.switches) {
      const result = d.layouts.switchTo(req.layout, req.leadMs, actorOf(ctx.principal));
      if (!result.ok) throw new HttpError(404, 'unknown-layout', result.message);
      return sendJson(ctx.res, 202, { command: result.command });
    }
    sendSwitchOutcome(ctx, await d.switches.request(req.layout, actorOf(ctx.principal), req.leadMs));
  });
  r.add('GET', '/api/walls', READERS, ({ res }) =>
    sendJson(res, 200, {
      hubTime: d.now(),
      walls: d.walls.list(),
      lastSwitch: d.switches?.last ?? null,
      deadScreens: d.deadScreens?.current().deadScreens ?? [],
    } satisfies WallsAnswer),
  );
}
