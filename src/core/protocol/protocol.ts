/**
 * The hub ↔ wall protocol, version 1: the handshake, topic data, the snapshot and the typed
 * socket.io event maps of namespace `/wall`. docs/protocol.md is the normative text; this file and
 * its neighbours are its type-level twin: alerts (alerts.ts), layout switching (layout-commands.ts),
 * health and degraded mode (wall-health.ts), thumbnails (thumbnail.ts), REST bodies
 * (rest-bodies.ts), the caps (limits.ts). protocol-validate.ts holds a runtime check per inbound
 * payload.
 *
 * Pure: no DOM, no Node, no socket.io import. The renderer and the hub meet here and nowhere else.
 * Times are milliseconds since the Unix epoch. "Hub time" is the hub's clock; walls convert with
 * the offset measured by clock sync. Text fields are plain text, always: never HTML.
 */
import type { JsonValue } from './limits.js';
import type { AckRequest, AckResult, Alert } from './alerts.js';
import type {
  LayoutAbort,
  LayoutCommand,
  LayoutPrepare,
  LayoutPrepared,
  LayoutRequest,
  LayoutSwitched,
} from './layout-commands.js';
import type { DegradedState, HealthReport } from './wall-health.js';
import type { Thumbnail, ThumbnailRate } from './thumbnail.js';
import type { TakeoverPrompt } from './automation.js';
import type { Forecast, ForecastEvent } from './forecasts.js';

/** Bumped on any incompatible change; a hub refuses walls that speak another version. */
export const PROTOCOL_VERSION = 1;

/** The socket.io namespace walls connect to. */
export const WALL_NAMESPACE = '/wall';

/** Engine.IO heartbeat: a dead link is noticed by either end within PING_INTERVAL + PING_TIMEOUT (9 s). */
export const PING_INTERVAL_MS = 4000;
export const PING_TIMEOUT_MS = 5000;

// ---------------------------------------------------------------------------------------------
// Handshake

/** Which wall window this connection renders (the window plan's ids). */
export interface WallIdentity {
  node: string;
  window: string;
  /** Screens the window shows; an ack names one of them. */
  screens: string[];
}

/**
 * Optional abilities a wall announces in its handshake. `two-phase-switch`: it answers
 * `layout:prepare` with `layout:prepared`, so the hub waits for it before committing a switch.
 * `history`: it takes the recent history of chart topics in its snapshots (`Snapshot.history`).
 * `forecasts`: it takes topics' forecasts (`Snapshot.forecasts`, `forecast` events; forecasts.ts).
 */
export const WALL_FEATURES = ['two-phase-switch', 'history', 'forecasts'] as const;
export type WallFeature = (typeof WALL_FEATURES)[number];

/** socket.io `auth` of the handshake. */
export interface HandshakeAuth {
  token: string;
  protocol: number;
  identity: WallIdentity;
  /** Optional abilities (an addition within version 1: absent means none). */
  features?: WallFeature[];
}

/** Why the hub refused a connection: `connect_error` carries `{ message: code, data }`. */
export type ConnectRefusal = 'unauthorized' | 'forbidden' | 'protocol-mismatch' | 'bad-handshake' | 'not-leader';
export interface ConnectErrorData {
  code: ConnectRefusal;
  /** The protocol version the hub speaks. */
  protocol: number;
  detail?: string;
  /**
   * With `not-leader` (a standby hub answered): the URL of the hub that leads now, where the wall
   * goes at once; null while no hub leads (between a leader's loss and a standby's takeover).
   */
  leader?: string | null;
}

// ---------------------------------------------------------------------------------------------
// Data

export interface TopicUpdate {
  topic: string;
  value: JsonValue;
  /** When the value was measured (source time), or when the hub received it. */
  t: number;
}

/** Topic updates in hub order. `seq` counts batches on this connection: each is the last + 1. */
export interface UpdateBatch {
  seq: number;
  updates: TopicUpdate[];
}

/**
 * The recent history of one chart topic, oldest first, in columns: `t[i]` (the updates' `t`,
 * strictly increasing) and `v[i]`, the number a chart draws (a value that is a number, or an
 * object's numeric `value`). Thinned by the hub to at most LIMITS.historyPoints over the longest
 * chart window (`windowS`) of the layouts that read the topic.
 */
export interface TopicHistory {
  topic: string;
  t: number[];
  v: number[];
}

/** A topic whose daily deadline passed today without an update. */
export interface LateTopic {
  topic: string;
  /** "HH:MM" in the wall's time zone. */
  deadline: string;
  /** When the hub last received an update of the topic (hub time), or null if never. */
  lastAt: number | null;
  /** Today's deadline instant. */
  lateSince: number;
}

/** The complete list of late topics (replaces the previous one). */
export interface LateTopics {
  at: number;
  late: LateTopic[];
}

export interface ClockPong {
  /** The client's send time, echoed. */
  t0: number;
  hubTime: number;
}

/**
 * Who may acknowledge on a wall: the operators' names, each with the salted digests of the
 * credentials that identify them at a screen (PINs, badge ids, operator tokens). A wall checks
 * what is typed or scanned against it, offline too, and sends only the name. Digests are
 * `sha256hex(salt + ":" + sha256hex(secret))` (src/core/protocol/operators.ts); secrets never travel.
 */
export interface OperatorDirectory {
  /** Random per directory (hex); a new one each time the hub loads its files. */
  salt: string;
  operators: { name: string; credentials: string[] }[];
}

/** A wall asks for a new snapshot (after a sequence gap, or for any reason). */
export interface SnapshotRequest {
  reason: 'gap' | 'manual';
  lastSeq: number;
}

/** Sent on every (re)connect and on request; replaces everything the wall knew. */
export interface Snapshot {
  protocol: number;
  hubTime: number;
  /** The seq of the last batch already included; the next batch has seq + 1. */
  seq: number;
  layout: LayoutCommand | null;
  values: TopicUpdate[];
  /** Alerts that are not cleared (active and acknowledged). */
  alerts: Alert[];
  late: LateTopic[];
  /**
   * The operator directory, when the hub has one (operators.json or operator tokens). A wall
   * keeps the last one it got, so it can check a PIN while the hub is away.
   */
  operators?: OperatorDirectory;
  /**
   * Recent history of the chart topics that have one (an addition within version 1), only to
   * walls that announced the feature `history`: at most LIMITS.historyPoints per topic and
   * LIMITS.historyTotal in all. A topic's latest value is in `values`, not necessarily here.
   */
  history?: TopicHistory[];
  /** Every topic's current forecast (an addition within version 1), only to walls that announced `forecasts`. */
  forecasts?: Forecast[];
}

// ---------------------------------------------------------------------------------------------
// socket.io event maps (namespace /wall)

export interface ServerToClientEvents {
  snapshot: (snapshot: Snapshot) => void;
  updates: (batch: UpdateBatch) => void;
  'alert:raised': (alert: Alert) => void;
  'alert:updated': (alert: Alert) => void;
  'alert:acknowledged': (alert: Alert) => void;
  'alert:cleared': (alert: Alert) => void;
  'layout:switch': (command: LayoutCommand) => void;
  'layout:prepare': (prepare: LayoutPrepare) => void;
  'layout:abort': (abort: LayoutAbort) => void;
  'topics:late': (late: LateTopics) => void;
  /** A topic's new forecast, or null when withdrawn: only to walls that announced `forecasts`. */
  forecast: (event: ForecastEvent) => void;
  /** The complete set of dead screens: after every snapshot and whenever it changes. */
  degraded: (state: DegradedState) => void;
  /** How often to send thumbnails: fast while a console is open (thumbnail.ts). */
  'thumbnail:rate': (rate: ThumbnailRate) => void;
  /** A takeover rule in `confirm` mode asks an operator (docs/automation.md): the wall shows a banner until closed. */
  'takeover:prompt': (prompt: TakeoverPrompt) => void;
  /** The prompt was confirmed, dismissed, expired or its alerts are done: the banner goes. */
  'takeover:prompt-closed': (closed: { id: string }) => void;
}

export interface ClientToServerEvents {
  /** What the window shows, downscaled, every few seconds (src/core/protocol/thumbnail.ts). */
  thumbnail: (thumbnail: Thumbnail) => void;
  /** Replies (socket.io acknowledgement) only after the ack is committed, or with a refusal. */
  ack: (request: AckRequest, reply: (result: AckResult) => void) => void;
  'clock:ping': (t0: number, reply: (pong: ClockPong) => void) => void;
  health: (report: HealthReport) => void;
  'snapshot:request': (request: SnapshotRequest) => void;
  'layout:switched': (report: LayoutSwitched) => void;
  'layout:prepared': (report: LayoutPrepared) => void;
  'layout:request': (request: LayoutRequest) => void;
}
