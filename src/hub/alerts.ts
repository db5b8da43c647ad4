/**
 * Alert life cycle: raise → (update)* → acknowledge → clear, each step stored with its audit entry
 * in one transaction and then broadcast to every wall. Called by REST (integrations, operators)
 * and by the wall namespace (acks made on the wall).
 */
import { randomUUID } from 'node:crypto';
import type { AckResult, Alert, AlertAreas } from '../core/protocol/alerts.js';
import type { ClearAlertRequest, RaiseAlertRequest, UpdateAlertRequest } from '../core/protocol/rest-bodies.js';
import type { WallNamespace } from './fanout.js';
import type { Metrics } from './metrics.js';
import type { HubStore } from './storage/store.js';
import type { AckCommand, Actor } from './storage/store-types.js';

/** A change may carry a CAP warning's shapes (src/hub/cap/); REST bodies never do. */
type WithAreas = { areas?: AlertAreas | undefined };

/** Outcome of a REST-side change: the alert, or why not. */
export type AlertChange =
  | { ok: true; alert: Alert; created: boolean }
  | { ok: false; status: 404 | 409; code: string; message: string };

/** What happened to an alert (the wall event's name without `alert:`). */
export type AlertChangeKind = 'raised' | 'updated' | 'acknowledged' | 'cleared';
export type AlertListener = (kind: AlertChangeKind, alert: Alert) => void;

export class AlertService {
  private readonly listeners: AlertListener[] = [];

  public constructor(
    private readonly store: HubStore,
    private readonly ns: WallNamespace,
    private readonly metrics: Metrics,
    private readonly now: () => number,
  ) {}

  /**
   * `listener` hears every committed change after the walls were told (the automation's takeover
   * rules); a listener that throws is logged by the caller's `log`, never undoes the change.
   */
  public onChange(listener: AlertListener): void {
    this.listeners.push(listener);
  }

  private changed(kind: AlertChangeKind, alert: Alert): void {
    for (const listener of this.listeners) {
      try {
        listener(kind, alert);
      } catch (e) {
        process.stderr.write(`hub: alert listener failed: ${(e as Error).message}\n`);
      }
    }
  }

  /**
   * Raises a new alert. Raising an id that is open (active or acknowledged) updates it instead,
   * so an integration may repeat a raise safely; a cleared id is not reused (409).
   */
  public raise(req: RaiseAlertRequest & WithAreas, actor: Actor): AlertChange {
    const now = this.now();
    const existing = req.id !== undefined ? this.store.alerts.get(req.id) : undefined;
    if (existing?.state === 'cleared') {
      return { ok: false, status: 409, code: 'alert-cleared', message: `alert ${req.id} was cleared; raise it with a new id` };
    }
    if (existing) {
      const { id: _id, sector: _sector, source: _source, ...changes } = req;
      return this.update(existing.id, changes, actor);
    }
    const alert: Alert = {
      id: req.id ?? randomUUID(),
      severity: req.severity,
      sector: req.sector,
      area: req.area,
      source: req.source ?? actor.name,
      title: req.title,
      message: req.message ?? '',
      state: 'active',
      raisedAt: now,
      updatedAt: now,
      ...(req.areas ? { areas: req.areas } : {}),
    };
    this.store.alerts.save(alert, 'raise', actor, now, { severity: alert.severity, title: alert.title });
    this.metrics.alertsRaised.inc({ severity: alert.severity });
    this.ns.emit('alert:raised', alert);
    this.changed('raised', alert);
    return { ok: true, alert, created: true };
  }

  public update(id: string, req: UpdateAlertRequest & WithAreas, actor: Actor): AlertChange {
    const existing = this.store.alerts.get(id);
    if (!existing) return { ok: false, status: 404, code: 'unknown-alert', message: `no alert ${id}` };
    if (existing.state === 'cleared') return { ok: false, status: 409, code: 'alert-cleared', message: `alert ${id} is cleared` };
    const now = this.now();
    const { areas, ...changes } = req;
    const alert: Alert = { ...existing, ...changes, updatedAt: now };
    if ('areas' in req) {
      if (areas) alert.areas = areas;
      else delete alert.areas;
    }
    this.store.alerts.save(alert, 'update', actor, now, { ...changes });
    this.ns.emit('alert:updated', alert);
    this.changed('updated', alert);
    return { ok: true, alert, created: false };
  }

  public clear(id: string, req: ClearAlertRequest, actor: Actor): AlertChange {
    const existing = this.store.alerts.get(id);
    if (!existing) return { ok: false, status: 404, code: 'unknown-alert', message: `no alert ${id}` };
    if (existing.state === 'cleared') return { ok: true, alert: existing, created: false };
    const now = this.now();
    const alert: Alert = { ...existing, state: 'cleared', clearedAt: now, updatedAt: now };
    this.store.alerts.save(alert, 'clear', actor, now, req.reason !== undefined ? { reason: req.reason } : null);
    this.ns.emit('alert:cleared', alert);
    this.changed('cleared', alert);
    return { ok: true, alert, created: false };
  }

  /**
   * Records an acknowledgement (one per alert) and broadcasts it. The result is built after the
   * transaction committed; a duplicate is confirmed too, without a second record or audit entry.
   * A refusal is audited (`ack:refused`).
   */
  public acknowledge(req: AckCommand, actor: Actor): AckResult {
    let outcome;
    try {
      outcome = this.store.alerts.acknowledge(req, actor, this.now());
    } catch (e) {
      return this.refuse(req, actor, { ok: false, reason: 'internal', permanent: false, detail: (e as Error).message.slice(0, 200) });
    }
    switch (outcome.kind) {
      case 'committed':
        this.metrics.acksCommitted.inc();
        this.ns.emit('alert:acknowledged', outcome.alert);
        this.changed('acknowledged', outcome.alert);
        return { ok: true, committed: true, duplicate: false, alert: outcome.alert };
      case 'duplicate':
        this.metrics.ackDuplicates.inc();
        return { ok: true, committed: true, duplicate: true, alert: outcome.alert };
      case 'unknown-alert':
        return this.refuse(req, actor, { ok: false, reason: 'unknown-alert', permanent: true, detail: `no alert ${req.alertId}` });
      case 'ack-id-reused':
        return this.refuse(req, actor, { ok: false, reason: 'invalid', permanent: true, detail: `ackId ${req.ackId} was used for another alert` });
    }
  }

  /**
   * An acknowledgement the hub refuses (here, or in the wall namespace: a screen the window does not
   * show, an operator not in the directory): counted, and audited as `ack:refused` with the code and
   * reason, so the trail shows attempts as well as acks. The audit write is best effort: a refusal
   * is answered whatever the store says (it may be the store that failed).
   */
  public refuse(req: { ackId: string; alertId: string }, actor: Actor, refusal: Extract<AckResult, { ok: false }>): AckResult {
    this.metrics.ackRefused.inc();
    try {
      this.store.audit.write('ack:refused', req.alertId, actor, this.now(), { code: refusal.reason, reason: refusal.detail ?? refusal.reason, ackId: req.ackId });
    } catch {
      // see above: the refusal is answered regardless
    }
    return refusal;
  }

  /** Alerts not cleared, for snapshots. */
  public open(): Alert[] {
    return this.store.alerts.list({ state: ['open'], limit: 5000 });
  }
}
