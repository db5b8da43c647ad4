/**
 * Alert life cycle: raise → (update)* → acknowledge → clear, each step stored with its audit entry
 * in one transaction and then broadcast to every wall. Called by REST (integrations, operators)
 * and by the wall namespace (acks made on the wall).
 *
 * The store is asynchronous (storage/store.ts): the changes of one alert run one at a time (each
 * reads the alert, then writes it: two at once would write over each other; different alerts go
 * on side by side), and every answer is built after the awaited commit. The open alerts (snapshots, /metrics) are kept in memory, read at start (init).
 */
import { randomUUID } from 'node:crypto';
import type { AckResult, Alert, AlertAreas } from '../core/protocol/alerts.js';
import type { ClearAlertRequest, RaiseAlertRequest, UpdateAlertRequest } from '../core/protocol/rest-bodies.js';
import type { WallNamespace } from './fanout.js';
import type { Metrics } from './metrics.js';
import { storageFault } from './storage/storage-errors.js';
import type { AppliedMark, HubStore } from './storage/store.js';
import type { AckCommand, Actor } from './storage/store-types.js';
import { severityRank } from '../core/wall/vocabulary.js';
import { ownedBySubCentre } from './federation/ownership.js';

/** A change may carry a CAP warning's shapes (src/hub/cap/); REST bodies never do. */
type WithAreas = { areas?: AlertAreas | undefined };

/** Outcome of a REST-side change: the alert, or why not. */
export type AlertChange =
  | { ok: true; alert: Alert; created: boolean }
  | { ok: false; status: 404 | 409; code: string; message: string };

/** What happened to an alert (the wall event's name without `alert:`). */
export type AlertChangeKind = 'raised' | 'updated' | 'acknowledged' | 'cleared';
export type AlertListener = (kind: AlertChangeKind, alert: Alert) => void;

/**
 * A sub-centre's forwarder (federation/forwarder.ts): awaited after the commit and before the
 * change is answered, so an accepted change is on its way to the province; a throw fails the answer.
 */
export type AlertForwarder = (kind: AlertChangeKind, alert: Alert, actor: Actor) => Promise<void>;

/** At most this many open alerts go into a snapshot. */
const SNAPSHOT_ALERTS = 5000;

export class AlertService {
  private readonly listeners: AlertListener[] = [];
  /** Alerts not cleared, by id, as stored. */
  private readonly openAlerts = new Map<string, Alert>();
  private acksStored = 0;
  /** Per alert id, the last change asked; the next change of that alert waits for it. */
  private readonly tails = new Map<string, Promise<unknown>>();
  private forward: AlertForwarder | null = null;
  /** Acks committed here whose forward to the province failed (forwarded when repeated). */
  private readonly ackNotForwarded = new Set<string>();

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
  /** Reads the open alerts and the number of acknowledgements from the store (before the hub serves). */
  public async init(): Promise<void> {
    for (const a of await this.store.alerts.list({ state: ['open'], limit: Number.MAX_SAFE_INTEGER })) this.openAlerts.set(a.id, a);
    this.acksStored = await this.store.alerts.countAcks();
  }

  public onChange(listener: AlertListener): void {
    this.listeners.push(listener);
  }

  /** A sub-centre hub forwards every committed change (federation/forwarder.ts). */
  public forwardWith(forward: AlertForwarder): void {
    this.forward = forward;
  }

  /**
   * A province hub applies a sub-centre's change (federation/applier.ts): the whole alert as the
   * sub-centre has it after the change, stored with the applied mark in one transaction, then told to
   * the walls like a change made here.
   */
  public applyForwarded(kind: AlertChangeKind, alert: Alert, actor: Actor, mark: AppliedMark): Promise<void> {
    return this.serial(alert.id, async () => {
      const action = { raised: 'raise', updated: 'update', acknowledged: 'ack', cleared: 'clear' } as const;
      const detail = { origin: alert.origin ?? null, ...(kind === 'acknowledged' ? { acknowledgedBy: alert.acknowledgedBy ?? null, ackedAt: alert.ackedAt ?? null } : {}) };
      await this.store.federation.applyAlert(alert, action[kind], actor, this.now(), detail, mark);
      if (kind === 'raised') this.metrics.alertsRaised.inc({ severity: alert.severity });
      this.ns.emit(`alert:${kind}`, alert);
      this.changed(kind, alert);
    });
  }

  /** Runs `change` after the changes of alert `id` asked before it (whatever they ended with); null: a new alert, nothing to wait for. */
  private serial<T>(id: string | null, change: () => Promise<T>): Promise<T> {
    if (id === null) return change();
    const before = this.tails.get(id) ?? Promise.resolve();
    const run = before.then(change, change);
    const tail = run.catch(() => undefined);
    this.tails.set(id, tail);
    void tail.then(() => {
      if (this.tails.get(id) === tail) this.tails.delete(id);
    });
    return run;
  }

  private remember(alert: Alert): void {
    if (alert.state === 'cleared') this.openAlerts.delete(alert.id);
    else this.openAlerts.set(alert.id, alert);
  }

  private changed(kind: AlertChangeKind, alert: Alert): void {
    this.remember(alert);
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
  public raise(req: RaiseAlertRequest & WithAreas, actor: Actor): Promise<AlertChange> {
    return this.serial(req.id ?? null, () => this.raiseNow(req, actor));
  }

  private async raiseNow(req: RaiseAlertRequest & WithAreas, actor: Actor): Promise<AlertChange> {
    const existing = req.id !== undefined ? await this.store.alerts.get(req.id) : undefined;
    const now = this.now();
    if (existing?.state === 'cleared') {
      return { ok: false, status: 409, code: 'alert-cleared', message: `alert ${req.id} was cleared; raise it with a new id` };
    }
    if (existing) {
      const { id: _id, sector: _sector, source: _source, ...changes } = req;
      return this.updateNow(existing.id, changes, actor);
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
    await this.store.alerts.save(alert, 'raise', actor, now, { severity: alert.severity, title: alert.title });
    this.metrics.alertsRaised.inc({ severity: alert.severity });
    this.ns.emit('alert:raised', alert);
    this.changed('raised', alert);
    await this.forward?.('raised', alert, actor);
    return { ok: true, alert, created: true };
  }

  public update(id: string, req: UpdateAlertRequest & WithAreas, actor: Actor): Promise<AlertChange> {
    return this.serial(id, () => this.updateNow(id, req, actor));
  }

  private async updateNow(id: string, req: UpdateAlertRequest & WithAreas, actor: Actor): Promise<AlertChange> {
    const existing = await this.store.alerts.get(id);
    if (!existing) return { ok: false, status: 404, code: 'unknown-alert', message: `no alert ${id}` };
    if (existing.origin !== undefined) return ownedBySubCentre(existing);
    if (existing.state === 'cleared') return { ok: false, status: 409, code: 'alert-cleared', message: `alert ${id} is cleared` };
    const now = this.now();
    const { areas, ...changes } = req;
    const alert: Alert = { ...existing, ...changes, updatedAt: now };
    if ('areas' in req) {
      if (areas) alert.areas = areas;
      else delete alert.areas;
    }
    await this.store.alerts.save(alert, 'update', actor, now, { ...changes });
    this.ns.emit('alert:updated', alert);
    this.changed('updated', alert);
    await this.forward?.('updated', alert, actor);
    return { ok: true, alert, created: false };
  }

  public clear(id: string, req: ClearAlertRequest, actor: Actor): Promise<AlertChange> {
    return this.serial(id, async () => {
      const existing = await this.store.alerts.get(id);
      if (!existing) return { ok: false, status: 404, code: 'unknown-alert', message: `no alert ${id}` };
      if (existing.origin !== undefined) return ownedBySubCentre(existing);
      if (existing.state === 'cleared') return { ok: true, alert: existing, created: false };
      const now = this.now();
      const alert: Alert = { ...existing, state: 'cleared', clearedAt: now, updatedAt: now };
      await this.store.alerts.save(alert, 'clear', actor, now, req.reason !== undefined ? { reason: req.reason } : null);
      this.ns.emit('alert:cleared', alert);
      this.changed('cleared', alert);
      await this.forward?.('cleared', alert, actor);
      return { ok: true, alert, created: false };
    });
  }

  /**
   * Records an acknowledgement (one per alert) and broadcasts it. The result is built after the
   * awaited transaction committed; a duplicate is confirmed too, without a second record or audit
   * entry. A refusal is audited (`ack:refused`); a store that failed is a transient refusal
   * (`internal`, not permanent: the wall keeps the ack queued and sends it again).
   */
  public acknowledge(req: AckCommand, actor: Actor, o: { throwStorageFaults?: boolean } = {}): Promise<AckResult> {
    return this.serial(req.alertId, () => this.acknowledgeNow(req, actor, o.throwStorageFaults ?? false));
  }

  /** `throwStorageFaults`: a store that failed rejects (after the refusal's audit), for REST to answer 503/507 with its code. */
  private async acknowledgeNow(req: AckCommand, actor: Actor, throwStorageFaults: boolean): Promise<AckResult> {
    const owned = this.openAlerts.get(req.alertId);
    if (owned?.origin !== undefined) {
      return this.refuse(req, actor, { ok: false, reason: 'forbidden', permanent: true, detail: ownedBySubCentre(owned).message });
    }
    let outcome;
    try {
      outcome = await this.store.alerts.acknowledge(req, actor, this.now());
    } catch (e) {
      const fault = storageFault(e);
      const refusal = await this.refuse(req, actor, { ok: false, reason: 'internal', permanent: false, detail: (fault?.message ?? (e as Error).message).slice(0, 200) });
      if (fault && throwStorageFaults) throw e;
      return refusal;
    }
    switch (outcome.kind) {
      case 'committed':
        this.acksStored += 1;
        this.metrics.acksCommitted.inc();
        this.ns.emit('alert:acknowledged', outcome.alert);
        this.changed('acknowledged', outcome.alert);
        return (await this.forwardAck(outcome.alert, actor, throwStorageFaults)) ?? { ok: true, committed: true, duplicate: false, alert: outcome.alert };
      case 'duplicate':
        this.metrics.ackDuplicates.inc();
        if (this.ackNotForwarded.has(req.alertId)) {
          const failed = await this.forwardAck(outcome.alert, actor, throwStorageFaults);
          if (failed) return failed;
        }
        return { ok: true, committed: true, duplicate: true, alert: outcome.alert };
      case 'unknown-alert':
        return this.refuse(req, actor, { ok: false, reason: 'unknown-alert', permanent: true, detail: `no alert ${req.alertId}` });
      case 'ack-id-reused':
        return this.refuse(req, actor, { ok: false, reason: 'invalid', permanent: true, detail: `ackId ${req.ackId} was used for another alert` });
    }
  }

  /**
   * A sub-centre forwards a committed ack; when that fails the ack is answered as a transient
   * refusal (REST: the 503 thrown), so the wall or client sends it again, and the repeat (a
   * duplicate here) forwards it then.
   */
  private async forwardAck(alert: Alert, actor: Actor, rethrow: boolean): Promise<AckResult | null> {
    if (!this.forward) return null;
    try {
      await this.forward('acknowledged', alert, actor);
      this.ackNotForwarded.delete(alert.id);
      return null;
    } catch (e) {
      this.ackNotForwarded.add(alert.id);
      if (rethrow) throw e;
      return { ok: false, reason: 'internal', permanent: false, detail: (e as Error).message.slice(0, 200) };
    }
  }

  /**
   * An acknowledgement the hub refuses (here, or in the wall namespace: a screen the window does not
   * show, an operator not in the directory): counted, and audited as `ack:refused` with the code and
   * reason, so the trail shows attempts as well as acks. The audit write is best effort: a refusal
   * is answered whatever the store says (it may be the store that failed).
   */
  public async refuse(req: { ackId: string; alertId: string }, actor: Actor, refusal: Extract<AckResult, { ok: false }>): Promise<AckResult> {
    this.metrics.ackRefused.inc();
    try {
      await this.store.audit.write('ack:refused', req.alertId, actor, this.now(), { code: refusal.reason, reason: refusal.detail ?? refusal.reason, ackId: req.ackId });
    } catch {
      // see above: the refusal is answered regardless
    }
    return refusal;
  }

  /** Alerts not cleared, for snapshots: most severe first, then newest raised first (as the store lists them). */
  public open(): Alert[] {
    return [...this.openAlerts.values()]
      .sort((a, b) => severityRank(a.severity) - severityRank(b.severity) || b.raisedAt - a.raisedAt)
      .slice(0, SNAPSHOT_ALERTS);
  }

  /** An open alert's state (active or acknowledged), null when it is cleared or unknown. */
  public openState(id: string): Alert['state'] | null {
    return this.openAlerts.get(id)?.state ?? null;
  }

  /** Open alerts by severity and acknowledgements stored, for /metrics. */
  public counts(): { openBySeverity: Record<string, number>; acksStored: number } {
    const openBySeverity: Record<string, number> = {};
    for (const a of this.openAlerts.values()) openBySeverity[a.severity] = (openBySeverity[a.severity] ?? 0) + 1;
    return { openBySeverity, acksStored: this.acksStored };
  }
}
