/**
 * The REST API for integrations and operators (docs/protocol.md, "REST API"). Bodies, queries and
 * path ids are checked against their message schemas (rest-validate.ts); answers are JSON.
 */
import { INSECURE_WARNING } from './transport.js';
import { LIMITS } from '../core/protocol/limits.js';
import { PROTOCOL_VERSION } from '../core/protocol/protocol.js';
import { checkLayoutSwitch, checkPublishRequest, checkTopicsQuery } from '../core/protocol/rest-validate.js';
import type { WallsAnswer } from '../core/protocol/walls.js';
import type { AlertService } from './alerts.js';
import { checkedBody, HttpError, query, Router, sendJson, sendText, type RequestContext } from './http.js';
import type { LayoutService } from './layouts.js';
import type { MetricGauges, Metrics } from './metrics.js';
import type { SwitchCoordinator, SwitchOutcome } from './switch-coordinator.js';
import type { HubStore } from './storage/store.js';
import type { TopicService } from './topics.js';
import type { WallRegistry } from './walls.js';
import type { DeadScreenMonitor } from './dead-screens.js';
import { addAlertRoutes } from './rest-alerts.js';
import { requestActor } from './request-actor.js';
import type { FederationHandle } from './federation/setup.js';

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
  /** Leading an active/standby group at this advertised URL (HubOptions.groupUrl). */
  groupUrl?: string;
  /** The hub's federation side (docs/federation.md): /healthz and /metrics show it; a sub-centre forwards publishes. */
  federation: FederationHandle | null;
  /** The wall's IANA time zone (wall.yaml `timezone`): the console shows every time in it, not the browser's. */
  timezone: string;
}

const READERS = ['operator', 'editor', 'integration'] as const;
/** Duty staff: operators, and editors, who may do all an operator does (and change presets). */
const STAFF = ['operator', 'editor'] as const;

/**
 * A two-phase switch's answer (POST /api/layout, POST /api/presets/:id/activate), sent once every
 * window prepared and the commit went out, or the switch was aborted.
 */
export function sendSwitchOutcome(ctx: RequestContext, o: SwitchOutcome): void {
  if (o.ok) return sendJson(ctx.res, 202, { command: o.command, switch: o.record });
  if (o.code === 'unknown-layout') throw new HttpError(404, o.code, o.message);
  if (o.code === 'switch-superseded') throw new HttpError(409, o.code, o.message);
  throw new HttpError(409, o.code, o.message, o.record?.failed.map((f) => `${f.node}/${f.window}: ${f.error}`));
}

export function addRoutes(d: RestDeps): void {
  const r = d.router;

  r.add('GET', '/healthz', 'public', async ({ res }) => {
    const federation = await d.federation?.health();
    sendJson(res, 200, {
      ok: true,
      protocol: PROTOCOL_VERSION,
      hubTime: d.now(),
      uptimeS: Math.round((d.now() - d.startedAt) / 1000),
      walls: d.walls.connectedCount(),
      transport: d.transport,
      store: d.store.health(),
      ...(d.groupUrl ? { role: 'leader', leader: d.groupUrl } : {}),
      ...(federation ? { federation } : {}),
      ...(d.transport === 'insecure' ? { warning: INSECURE_WARNING } : {}),
    });
  });
  r.add('GET', '/metrics', 'public', async ({ res }) => {
    const federation = await d.federation?.health();
    sendText(res, 200, d.metrics.contentType, await d.metrics.render({ ...d.gauges(), ...(federation ? { federation } : {}) }));
  });
  r.add('GET', '/api', ['wall', 'operator', 'editor', 'integration'], ({ res, principal }) =>
    sendJson(res, 200, { protocol: PROTOCOL_VERSION, hubTime: d.now(), name: principal!.name, role: principal!.role, timezone: d.timezone }),
  );

  // Data
  r.add('POST', '/api/data', ['integration'], async (ctx) => {
    const req = await checkedBody(ctx, checkPublishRequest);
    if (d.topics.wouldExceedTopics(req.updates)) {
      throw new HttpError(409, 'topic-limit', `the hub keeps at most ${LIMITS.topics} distinct topics`);
    }
    const accepted = d.topics.publish(req.updates);
    // A sub-centre answers once the updates it forwards are stored for the province (docs/federation.md).
    await d.federation?.forwardUpdates?.(accepted);
    sendJson(ctx.res, 202, { accepted: accepted.length, hubTime: d.now() });
  });
  r.add('GET', '/api/topics', READERS, (ctx) =>
    sendJson(ctx.res, 200, { hubTime: d.now(), topics: d.topics.list(query(ctx, checkTopicsQuery).values === 'true') }),
  );

  addAlertRoutes(d, READERS, STAFF);

  // Layout and walls
  r.add('GET', '/api/layout', READERS, ({ res }) =>
    sendJson(res, 200, { current: d.layouts.currentCommand(), layouts: d.layouts.layouts }),
  );
  r.add('POST', '/api/layout', STAFF, async (ctx) => {
    const req = await checkedBody(ctx, checkLayoutSwitch);
    const actor = requestActor(ctx);
    if (!d.switches) {
      const result = await d.layouts.switchTo(req.layout, req.leadMs, actor);
      if (!result.ok) throw new HttpError(404, 'unknown-layout', result.message);
      return sendJson(ctx.res, 202, { command: result.command });
    }
    sendSwitchOutcome(ctx, await d.switches.request(req.layout, actor, req.leadMs));
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
