/**
 * Namespace `/wall`: who may connect (a wall token, protocol version, a well-formed identity), the
 * snapshot on every (re)connect and on request, and the events walls send (ack, clock ping,
 * health, layout switched). Every inbound payload is checked before use; a bad one is dropped
 * (or refused through the ack reply) and never reaches the store.
 */
import type { ExtendedError } from 'socket.io';
import { PROTOCOL_VERSION, type ConnectErrorData, type ConnectRefusal, type Snapshot } from '../core/protocol/protocol.js';
import type { AckResult } from '../core/protocol/alerts.js';
import {
  checkAckRequest,
  checkClockPing,
  checkHandshakeAuth,
  checkHealthReport,
  checkLayoutPrepared,
  checkLayoutRequest,
  checkLayoutSwitched,
  checkSnapshotRequest,
} from '../core/protocol/protocol-validate.js';
import type { AlertService } from './alerts.js';
import type { DeadScreenMonitor } from './dead-screens.js';
import type { TokenRegistry } from './auth.js';
import type { OperatorRegistry } from './operators.js';
import type { UpdateFanout, WallNamespace, WallSocket } from './fanout.js';
import type { LayoutService } from './layouts.js';
import type { Metrics } from './metrics.js';
import type { SwitchCoordinator } from './switch-coordinator.js';
import type { TopicService } from './topics.js';
import { FORECAST_ROOM, type ForecastService } from './forecasts.js';
import type { WallRegistry } from './walls.js';
import type { Actor } from './storage/store-types.js';

export interface WallNamespaceDeps {
  ns: WallNamespace;
  tokens: TokenRegistry;
  /** Read at each use: a token reload replaces the directory (src/hub/server.ts). */
  operators: OperatorRegistry;
  fanout: UpdateFanout;
  topics: TopicService;
  forecasts: ForecastService;
  alerts: AlertService;
  layouts: LayoutService;
  walls: WallRegistry;
  /** Two-phase layout switches; without it `layout:prepared` and `layout:request` are ignored. */
  switches?: SwitchCoordinator;
  /** Dead screens (degraded mode); without it no `degraded` event is sent. */
  deadScreens?: DeadScreenMonitor;
  metrics: Metrics;
  now: () => number;
  log: (message: string) => void;
}

/** Snapshots on request are at least this far apart; a request sooner is served when the interval ends. */
const SNAPSHOT_MIN_INTERVAL_MS = 200;

export function setUpWallNamespace(d: WallNamespaceDeps): void {
  const { ns, metrics } = d;

  ns.use((socket, next) => {
    const refuse = (code: ConnectRefusal, detail: string): void => {
      metrics.connectsRefused.inc({ reason: code });
      const err = new Error(code) as ExtendedError;
      const data: ConnectErrorData = { code, protocol: PROTOCOL_VERSION, detail };
      err.data = data;
      next(err);
    };
    const auth = socket.handshake.auth as Record<string, unknown> | undefined;
    const principal = d.tokens.verify(auth?.token);
    if (!principal) return refuse('unauthorized', 'missing or unknown token');
    if (principal.role !== 'wall') return refuse('forbidden', `a ${principal.role} token cannot connect as a wall`);
    if (auth?.protocol !== PROTOCOL_VERSION) {
      return refuse('protocol-mismatch', `hub speaks protocol ${PROTOCOL_VERSION}, wall sent ${String(auth?.protocol)}`);
    }
    const checked = checkHandshakeAuth(auth);
    if (!checked.ok) return refuse('bad-handshake', checked.errors.join('; '));
    const { identity } = checked.value;
    if (principal.node !== undefined && principal.node !== identity.node) {
      return refuse('forbidden', `this token is for node ${principal.node}`);
    }
    socket.data = { principal, identity, seq: 0, snapshotIndex: 0, connectedAt: d.now(), features: checked.value.features ?? [] };
    next();
  });

  ns.on('connection', (socket: WallSocket) => {
    const { identity, principal } = socket.data;
    d.walls.onConnect(identity, principal.name, socket.handshake.address ?? null);
    d.log(`wall ${identity.node}/${identity.window} connected (${identity.screens.join(', ')})`);
    const wantsHistory = socket.data.features?.includes('history') ?? false;
    const wantsForecasts = socket.data.features?.includes('forecasts') ?? false;
    if (wantsForecasts) void socket.join(FORECAST_ROOM);
    let lastSnapshotAt = 0;
    const sendSnapshot = (): void => {
      lastSnapshotAt = d.now();
      const seq = d.fanout.onSnapshot(socket);
      const snapshot: Snapshot = {
        protocol: PROTOCOL_VERSION,
        hubTime: d.now(),
        seq,
        layout: d.layouts.currentCommand(),
        values: d.topics.latest(),
        alerts: d.alerts.open(),
        late: d.topics.currentLate(),
        ...(d.operators.directory ? { operators: d.operators.directory } : {}),
        // Only to walls that asked: an older wall refuses a snapshot with a field it does not know.
        ...(wantsHistory ? { history: d.topics.history() } : {}),
        ...(wantsForecasts ? { forecasts: d.forecasts.forWalls() } : {}),
      };
      metrics.snapshotsSent.inc();
      socket.emit('snapshot', snapshot);
    };
    sendSnapshot();
    d.deadScreens?.check();
    d.deadScreens?.sendTo(socket);

    socket.on('ack', (raw: unknown, reply: unknown) => {
      if (typeof reply !== 'function') return; // an ack without a reply channel cannot be confirmed
      const respond = reply as (r: AckResult) => void;
      const checked = checkAckRequest(raw);
      if (!checked.ok) {
        metrics.ackRefused.inc();
        return respond({ ok: false, reason: 'invalid', permanent: true, detail: checked.errors.join('; ').slice(0, 500) });
      }
      const req = checked.value;
      const actor: Actor = { name: req.operator, role: 'wall', via: principal.name, channel: 'wall', node: identity.node, window: identity.window, screen: req.screen };
      // A well-formed ack refused here is audited (ack:refused) like one the store refuses; a malformed one is not: it names nothing reliably.
      if (!identity.screens.includes(req.screen)) {
        return void d.alerts.refuse(req, actor, { ok: false, reason: 'forbidden', permanent: true, detail: `screen ${req.screen} is not shown by this window` }).then(respond);
      }
      if (!d.operators.mayAcknowledge(req.operator)) {
        return void d.alerts.refuse(req, actor, { ok: false, reason: 'forbidden', permanent: true, detail: 'the operator is not in the hub\'s operator directory' }).then(respond);
      }
      // The reply goes after the awaited commit (acknowledge never rejects: a store failure is a transient refusal).
      void d.alerts.acknowledge(req, actor).then(respond);
    });

    socket.on('clock:ping', (t0: unknown, reply: unknown) => {
      if (typeof reply !== 'function' || !checkClockPing(t0).ok) return;
      (reply as (p: { t0: number; hubTime: number }) => void)({ t0: t0 as number, hubTime: d.now() });
    });

    socket.on('health', (raw: unknown) => {
      const checked = checkHealthReport(raw);
      if (checked.ok) d.walls.onHealth(identity, checked.value);
      if (checked.ok) d.deadScreens?.check();
    });

    let deferred: ReturnType<typeof setTimeout> | null = null;
    socket.on('snapshot:request', (raw: unknown) => {
      if (!checkSnapshotRequest(raw).ok || deferred) return;
      const wait = lastSnapshotAt + SNAPSHOT_MIN_INTERVAL_MS - d.now();
      if (wait <= 0) return sendSnapshot();
      deferred = setTimeout(() => {
        deferred = null;
        if (socket.connected) sendSnapshot();
      }, wait);
    });

    socket.on('layout:switched', (raw: unknown) => {
      const checked = checkLayoutSwitched(raw);
      if (!checked.ok) return;
      d.walls.onSwitched(identity, checked.value);
      d.switches?.onSwitched(identity, checked.value);
    });

    socket.on('layout:prepared', (raw: unknown) => {
      const checked = checkLayoutPrepared(raw);
      if (checked.ok) d.switches?.onPrepared(socket, checked.value);
    });

    // A wall's local hotkey: the whole wall switches, through the same two phases as REST.
    socket.on('layout:request', (raw: unknown) => {
      const checked = checkLayoutRequest(raw);
      if (!checked.ok || !d.switches) return;
      const actor: Actor = { name: `${identity.node}/${identity.window}`, role: 'wall', via: principal.name, channel: 'wall', node: identity.node, window: identity.window };
      void d.switches.request(checked.value.layout, actor).then((o) => {
        if (!o.ok) d.log(`wall ${identity.node}/${identity.window} asked for "${checked.value.layout}": ${o.code}: ${o.message}`);
      });
    });

    socket.on('disconnect', (reason) => {
      if (deferred) clearTimeout(deferred);
      d.switches?.onDisconnect(socket);
      d.walls.onDisconnect(identity, reason);
      d.deadScreens?.check();
      d.log(`wall ${identity.node}/${identity.window} disconnected (${reason})`);
    });
  });
}
