/**
 * The hub ↔ wall protocol, version 1: the typed socket.io event maps of namespace `/wall` and the
 * JSON bodies of the hub's REST API. docs/protocol.md is the normative text; this file is its
 * type-level twin, and src/core/protocol/protocol-validate.ts holds a runtime check per inbound payload.
 *
 * Pure: no DOM, no Node, no socket.io import. The renderer and the hub meet here and nowhere else.
 * Times are milliseconds since the Unix epoch. "Hub time" is the hub's clock; walls convert with
 * the offset measured by clock sync. Text fields are plain text, always: never HTML.
 */
import type { Severity } from '../wall/model.js';
import type { Thumbnail } from './console-protocol.js';

/** Bumped on any incompatible change; a hub refuses walls that speak another version. */
export const PROTOCOL_VERSION = 1;

/** The socket.io namespace walls connect to. */
export const WALL_NAMESPACE = '/wall';

/** Engine.IO heartbeat: a dead link is noticed by either end within PING_INTERVAL + PING_TIMEOUT (9 s). */
export const PING_INTERVAL_MS = 4000;
export const PING_TIMEOUT_MS = 5000;

/** Caps every receiver enforces; a payload over any of them is rejected whole. */
export const LIMITS = {
  /** Alert ids, ack ids, command ids, node/window/screen ids. */
  id: 64,
  topic: 128,
  title: 200,
  message: 2000,
  /** Operator names, sector, area, source, token names. */
  name: 100,
  /** Topic values: nesting depth, number of nodes, length of any string or key inside. */
  valueDepth: 8,
  valueNodes: 2000,
  valueString: 2000,
  /** Updates in one REST publish and in one `updates` batch on the wire. */
  publishBatch: 1000,
  wireBatch: 5000,
  /** Distinct topics a hub keeps (a publish adding more is refused). */
  topics: 10000,
  /** Alerts and values carried by one snapshot. */
  snapshotAlerts: 5000,
  snapshotValues: 20000,
  screens: 64,
  streams: 128,
  /** Operators in the directory a snapshot carries, and credentials (PINs, badges, tokens) per operator. */
  operators: 500,
  credentials: 8,
  /** Presets the hub keeps; camera tiles one preset may re-point; length of a camera source. */
  presets: 200,
  presetCameras: 64,
  cameraSource: 2000,
  /**
   * Chart history a hub keeps and a snapshot carries (feature `history`): points per topic (as many
   * as a wall page keeps per topic, src/renderer/store.ts DEFAULT_HISTORY) and points in all. At
   * about 24 bytes a point as JSON, a snapshot's history stays near 200 KB at most (the shipped
   * project's 33 chart topics: ~170 KB), once per connection.
   */
  historyPoints: 600,
  historyTotal: 8000,
} as const;

/** JSON data as topics carry it. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

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
 */
export const WALL_FEATURES = ['two-phase-switch', 'history'] as const;
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
export type ConnectRefusal = 'unauthorized' | 'forbidden' | 'protocol-mismatch' | 'bad-handshake';
export interface ConnectErrorData {
  code: ConnectRefusal;
  /** The protocol version the hub speaks. */
  protocol: number;
  detail?: string;
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

// ---------------------------------------------------------------------------------------------
// Alerts

export const ALERT_STATES = ['active', 'acknowledged', 'cleared'] as const;
export type AlertState = (typeof ALERT_STATES)[number];

export interface Alert {
  id: string;
  severity: Severity;
  /** Lowercase id of the IOC sector, e.g. `flood`, `traffic`, `health`. */
  sector: string;
  /** Where, as people say it: "TP. Cà Mau", "Sông Gành Hào". */
  area: string;
  /** The integration (or operator) that raised it. */
  source: string;
  title: string;
  message: string;
  state: AlertState;
  raisedAt: number;
  updatedAt: number;
  acknowledgedBy?: string;
  ackedAt?: number;
  clearedAt?: number;
}

/** Alert events, hub → walls; each carries the whole alert after the change. */
export const ALERT_EVENTS = ['alert:raised', 'alert:updated', 'alert:acknowledged', 'alert:cleared'] as const;
export type AlertEventName = (typeof ALERT_EVENTS)[number];

/** An acknowledgement made on the wall. `ackId` is a UUID made there once and kept across retries. */
export interface AckRequest {
  ackId: string;
  alertId: string;
  operator: string;
  screen: string;
  /** When the operator acknowledged, on the wall's clock converted to hub time when known. */
  at: number;
}

export type AckRefusal = 'invalid' | 'unknown-alert' | 'forbidden' | 'internal';

/**
 * The hub's reply to `ack`, sent only after the record is committed. `duplicate`: the alert had
 * been acknowledged already (by this ack or another); it is still one record. A refusal with
 * `permanent: true` will never succeed (the wall drops it); otherwise the wall retries.
 */
export type AckResult =
  | { ok: true; committed: true; duplicate: boolean; alert: Alert }
  | { ok: false; reason: AckRefusal; permanent: boolean; detail?: string };

// ---------------------------------------------------------------------------------------------
// Layout, clock, health

/** A caption in Vietnamese, optionally English: how camera labels travel. */
export interface WireLabel {
  vi: string;
  en?: string;
}

/** One camera tile of a preset's layout showing another camera of the project than its file says. */
export interface CameraChoice {
  /** A camera tile of the layout. */
  tile: string;
  /** The camera's HLS source, one of the project's cameras (src/core/protocol/presets.ts, cameraCatalogue). */
  source: string;
  /** Its caption, from the catalogue. */
  label?: WireLabel;
}

/** The preset a layout command shows: its layout with these camera tiles re-pointed. */
export interface PresetRef {
  id: string;
  /** The preset's version when it was activated; a later edit does not change a wall showing it. */
  version: number;
  cameras: CameraChoice[];
}

/** Switch every wall to `layout` on the first frame at or after hub time `at`. */
export interface LayoutCommand {
  commandId: string;
  layout: string;
  at: number;
  issuedAt: number;
  /** Name of the operator who asked. */
  by: string;
  /** Activated through a preset: the layout shows the preset's cameras. Absent: the layout as its file says. */
  preset?: PresetRef;
}

/**
 * Two-phase switch, phase 1 (hub → every two-phase window): build `layout` hidden now (streams
 * started) and answer `layout:prepared` before hub time `deadline`. Phase 2 is `layout:switch`
 * (the commit, `commandId` = `switchId`) or `layout:abort`.
 */
export interface LayoutPrepare {
  switchId: string;
  layout: string;
  /** As in LayoutCommand: build the layout with the preset's cameras. */
  preset?: PresetRef;
  /** Hub time by which the hub wants every answer; later, it aborts. */
  deadline: number;
  by: string;
}

/** A window's answer to `layout:prepare`: the scene is built and hidden (ok) or cannot be. */
export interface LayoutPrepared {
  switchId: string;
  ok: boolean;
  /** Why not (plain text), when `ok` is false. */
  error?: string;
}

/** Two-phase switch aborted: drop the prepared scene, keep the current layout. */
export interface LayoutAbort {
  switchId: string;
  reason: string;
}

/** A wall asks the hub to switch the whole wall (a local hotkey while connected). */
export interface LayoutRequest {
  layout: string;
}

/** A wall's report that it swapped scenes. */
export interface LayoutSwitched {
  commandId: string | null;
  layout: string;
  /** Hub time of the first frame showing the layout. */
  at: number;
}

export interface ClockPong {
  /** The client's send time, echoed. */
  t0: number;
  hubTime: number;
}

export const STREAM_STATES = ['loading', 'playing', 'stalled', 'no-signal', 'error'] as const;
export type StreamState = (typeof STREAM_STATES)[number];

export interface StreamHealth {
  tile: string;
  state: StreamState;
  /** Since when (wall clock) the stream is in this state. */
  since: number;
}

/**
 * What the window's shell watchdog did to it (src/core/kiosk/watchdog-history.ts): how many times its
 * page was replaced after a failure, and the last failure. A page cannot see its own crash; its
 * shell tells the next page, which reports it.
 */
export interface WatchdogHistory {
  recoveries: number;
  last: { trouble: string; detail: string; at: number } | null;
}

export interface HealthReport {
  at: number;
  layout: string | null;
  fps: number;
  /** JavaScript heap of the page, where the browser tells it (Chromium's performance.memory). */
  memory?: { usedMB: number; limitMB?: number };
  streams: StreamHealth[];
  /**
   * Screens of this window's node its shell found dark (display check: missing at start-up or
   * unplugged since), usually screens no window shows. Optional (an addition within version 1);
   * the hub counts them dead until a report leaves them out, unless a live window shows them.
   */
  deadScreens?: string[];
  /** The shell watchdog's recoveries of this window (optional, an addition within version 1). */
  watchdog?: WatchdogHistory;
}

/**
 * The screens the hub counts as dead: shown only by windows gone for more than its grace period,
 * or reported dark in a health report of their node's windows (src/hub/dead-screens.ts). Walls re-plan their layout around them
 * (degraded mode, src/core/wall/degraded.ts). The complete set each time; empty when all are alive.
 */
export interface DegradedState {
  at: number;
  deadScreens: string[];
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
  /** The complete set of dead screens: after every snapshot and whenever it changes. */
  degraded: (state: DegradedState) => void;
}

export interface ClientToServerEvents {
  /** What the window shows, downscaled, every few seconds (src/core/protocol/console-protocol.ts). */
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

// ---------------------------------------------------------------------------------------------
// REST bodies (JSON)

/**
 * `editor`: an operator who may also change presets (docs/console.md "Presets"); every route and
 * console action open to operators is open to editors.
 */
export const ROLES = ['wall', 'operator', 'editor', 'integration'] as const;
export type Role = (typeof ROLES)[number];

/** POST /api/data */
export interface PublishRequest {
  updates: { topic: string; value: JsonValue; t?: number }[];
}

/** POST /api/alerts. Raising an id that is active again updates it. */
export interface RaiseAlertRequest {
  id?: string;
  severity: Severity;
  sector: string;
  area: string;
  source?: string;
  title: string;
  message?: string;
}

/** PATCH /api/alerts/:id */
export interface UpdateAlertRequest {
  severity?: Severity;
  area?: string;
  title?: string;
  message?: string;
}

/** POST /api/alerts/:id/ack (operator token; the operator is the token's name). */
export interface OperatorAckRequest {
  ackId?: string;
  screen?: string;
}

/** POST /api/alerts/:id/clear */
export interface ClearAlertRequest {
  reason?: string;
}

/** POST /api/layout */
/** PUT /api/presets/:id: create (version 0) or replace (the version the edit started from). */
export interface PresetSaveRequest {
  title: WireLabel;
  layout: string;
  /** Tile and source only: the hub fills in each camera's caption from the catalogue. */
  cameras: { tile: string; source: string }[];
  version: number;
}

/** POST /api/presets/:id/activate */
export interface PresetActivateRequest {
  leadMs?: number;
}

export interface LayoutSwitchRequest {
  layout: string;
  /** How far ahead of now the walls switch together (default 1500 ms, 200 to 60000). */
  leadMs?: number;
}

/** Error body of every REST failure. */
export interface ApiError {
  error: { code: string; message: string; details?: string[] };
}
