/**
 * Every event of the wall client's bus, one comment each. Controllers talk to each other and to
 * their consumers only through these: the page's store and hub session subscribe to what each
 * needs (`client.bus.on(event, listener)`, keeping the disposer), as hls.js's users do with
 * `hls.on(Events.X, …)`. The one thing not on the bus is a question: the two-phase prepare, which
 * waits for the owner's answer (WallSink.onLayoutPrepare).
 */
import type { ConnectRefusal, LateTopics, Snapshot, TopicUpdate } from '../../core/protocol/protocol.js';
import type { Alert, AckRequest, AckResult } from '../../core/protocol/alerts.js';
import type { DegradedState } from '../../core/protocol/wall-health.js';
import type { TakeoverPrompt } from '../../core/protocol/automation.js';
import type { ThumbnailRate } from '../../core/protocol/thumbnail.js';
import type { ForecastEvent } from '../../core/protocol/forecasts.js';
import type { LayoutAbort, LayoutCommand } from '../../core/protocol/layout-commands.js';
import type { BusError } from './bus.js';

export type ConnectionState =
  /** An attempt is under way. */
  | 'connecting'
  /** Connected and authenticated. */
  | 'connected'
  /** The link failed or dropped; the next attempt is scheduled (`retryInMs`). */
  | 'reconnecting'
  /** The hub refused the token, role, protocol or identity; a slow retry is scheduled. */
  | 'refused'
  /** destroy() was called. */
  | 'closed';

export interface ConnectionStateEvent {
  state: ConnectionState;
  /** Failed attempts since the last successful connect. */
  attempt: number;
  /** Local time of the change. */
  at: number;
  retryInMs?: number;
  /** socket.io's disconnect reason or the connect error's message. */
  reason?: string;
  refusal?: ConnectRefusal;
}

export interface ClockSample {
  /** Hub time − local time (ms). */
  offsetMs: number;
  /** Round trip of the winning ping (ms). */
  rttMs: number;
  /** Pings answered in this sync. */
  samples: number;
  at: number;
}

export type AlertEventKind = 'raised' | 'updated' | 'acknowledged' | 'cleared';

/** An acknowledgement waiting for the hub's confirmation (persisted). */
export interface PendingAck extends AckRequest {
  attempts: number;
  createdAt: number;
  lastError?: string;
}

export interface WallClientEvents {
  /** The connection changed state. */
  state: ConnectionStateEvent;
  /** A snapshot arrived (on connect, or after a resync); it replaces what the wall knew. */
  snapshot: Snapshot;
  /** A batch of topic updates, in hub order. */
  updates: TopicUpdate[];
  /** An alert was raised, updated, acknowledged or cleared. */
  alert: { kind: AlertEventKind; alert: Alert };
  /** The hub's list of late topics changed. */
  late: LateTopics;
  /** A topic's forecast changed (null: withdrawn); only with the feature `forecasts` (checked). */
  forecast: ForecastEvent;
  /** Switch layout at hub time `at` (`localAt`: the same instant on this machine's clock). */
  layout: LayoutCommand & { localAt: number };
  /** Two-phase switch aborted by the hub: drop the scene prepared for `switchId`, keep the current one. */
  layoutAbort: LayoutAbort;
  /** Degraded mode: the hub's complete set of dead screens (checked; a malformed one is dropped). */
  degraded: DegradedState;
  /** A takeover rule asks an operator: the wall shows a banner until `takeoverPromptClosed` (checked). */
  takeoverPrompt: TakeoverPrompt;
  takeoverPromptClosed: { id: string };
  /** How often the hub wants thumbnails now (checked; a malformed one is dropped). */
  thumbnailRate: ThumbnailRate;
  /** A clock sync finished. */
  clock: ClockSample;
  /** A sequence gap was seen; a snapshot was requested. */
  resync: { expected: number; got: number };
  /** The pending acknowledgements changed (added, confirmed, rejected, retried). */
  acks: readonly PendingAck[];
  /** The hub committed an acknowledgement. */
  ackConfirmed: { ack: PendingAck; result: Extract<AckResult, { ok: true }> };
  /** The hub refused an acknowledgement for good; it left the queue. */
  ackRejected: { ack: PendingAck; result: Extract<AckResult, { ok: false }> };
  /** A listener threw, a payload was invalid, or storage failed. */
  error: BusError;
}
