/**
 * The REST routes of alerts, acknowledgements and the audit trail (docs/protocol.md, "REST API"):
 * part of rest.ts's API, apart for size. Every change names who made it and from where
 * (request-actor.ts), for the audit.
 */
import { randomUUID } from 'node:crypto';
import type { Role } from '../core/protocol/rest-bodies.js';
import {
  checkAlertsQuery,
  checkAuditQuery,
  checkClearAlert,
  checkId,
  checkOperatorAck,
  checkRaiseAlert,
  checkUpdateAlert,
} from '../core/protocol/rest-validate.js';
import type { AlertChange, AlertService } from './alerts.js';
import { ownedBySubCentre } from './federation/ownership.js';
import { checkedBody, HttpError, query, sendJson, type RequestContext, type Router } from './http.js';
import { queryTimeMs } from './query-time.js';
import { requestActor } from './request-actor.js';
import type { HubStore } from './storage/store.js';
import type { Actor, AlertFilter } from './storage/store-types.js';

export interface AlertRouteDeps {
  router: Router;
  store: HubStore;
  alerts: AlertService;
  now: () => number;
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
  const ms = queryTimeMs(since);
  if (!Number.isFinite(ms)) throw new HttpError(400, 'invalid', 'the query does not match the API', ['since: is not a date']);
  return ms;
}

/** `readers` may read alerts; `staff` (operators, editors) may also acknowledge and read the audit. */
export function addAlertRoutes(d: AlertRouteDeps, readers: readonly Role[], staff: readonly Role[]): void {
  const r = d.router;
  r.add('GET', '/api/alerts', readers, async (ctx) => {
    const q = query(ctx, checkAlertsQuery);
    const filter: AlertFilter = { limit: Number(q.limit ?? 500) };
    const since = sinceMs(q.since);
    if (q.severity) filter.severity = q.severity;
    if (q.sector) filter.sector = q.sector;
    if (q.state) filter.state = q.state;
    if (since !== undefined) filter.since = since;
    sendJson(ctx.res, 200, { hubTime: d.now(), alerts: await d.store.alerts.list(filter) });
  });
  r.add('POST', '/api/alerts', ['integration', ...staff], async (ctx) => {
    const body = await checkedBody(ctx, checkRaiseAlert);
    sendChange(ctx, await d.alerts.raise(body, requestActor(ctx)));
  });
  r.add('GET', '/api/alerts/:id', readers, async (ctx) => {
    const id = alertId(ctx);
    const alert = await d.store.alerts.get(id);
    if (!alert) throw new HttpError(404, 'unknown-alert', `no alert ${id}`);
    const [ack, audit] = await Promise.all([d.store.alerts.getAck(id), d.store.audit.list({ alertId: id })]);
    sendJson(ctx.res, 200, { alert, ack: ack ?? null, audit });
  });
  r.add('PATCH', '/api/alerts/:id', ['integration', ...staff], async (ctx) => {
    const id = alertId(ctx);
    const body = await checkedBody(ctx, checkUpdateAlert);
    sendChange(ctx, await d.alerts.update(id, body, requestActor(ctx)));
  });
  r.add('POST', '/api/alerts/:id/clear', ['integration', ...staff], async (ctx) => {
    const id = alertId(ctx);
    const body = await checkedBody(ctx, checkClearAlert);
    sendChange(ctx, await d.alerts.clear(id, body, requestActor(ctx)));
  });
  r.add('POST', '/api/alerts/:id/ack', staff, async (ctx) => {
    const id = alertId(ctx);
    const req = await checkedBody(ctx, checkOperatorAck);
    const actor: Actor = { ...requestActor(ctx), screen: req.screen ?? null };
    const owned = await d.store.alerts.get(id);
    if (owned?.origin !== undefined) {
      // Audited as any refused ack (ack:refused), answered with its own code.
      const refusal = ownedBySubCentre(owned);
      await d.alerts.refuse({ ackId: req.ackId ?? randomUUID(), alertId: id }, actor, { ok: false, reason: 'forbidden', permanent: true, detail: refusal.message });
      throw new HttpError(refusal.status, refusal.code, refusal.message);
    }
    const comment = req.comment?.trim();
    const ack = { ackId: req.ackId ?? randomUUID(), alertId: id, at: d.now(), ...(comment ? { comment } : {}) };
    // Answered only after the awaited commit: a 200 means stored; a store that failed answers as any write (503/507 with its code).
    const result = await d.alerts.acknowledge(ack, actor, { throwStorageFaults: true });
    if (result.ok) return sendJson(ctx.res, 200, result);
    const status = result.reason === 'unknown-alert' ? 404 : result.reason === 'internal' ? 503 : 409;
    throw new HttpError(status, result.reason, result.detail ?? result.reason);
  });
  r.add('GET', '/api/audit', staff, async (ctx) => {
    const q = query(ctx, checkAuditQuery);
    const since = sinceMs(q.since);
    sendJson(ctx.res, 200, {
      audit: await d.store.audit.list({
        ...(q.alertId !== undefined ? { alertId: q.alertId } : {}),
        ...(q.channel ? { channel: q.channel } : {}),
        ...(q.action ? { action: q.action } : {}),
        ...(since !== undefined ? { since } : {}),
        limit: Number(q.limit ?? 500),
      }),
    });
  });
}
