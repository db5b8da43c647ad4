/**
 * Runtime checks of every inbound payload on namespace `/wall`, used by both ends: the hub checks
 * what walls send, the wall client checks what the hub sends (REST bodies: rest-validate.ts). Built
 * from the combinators of json-checks.ts and the field checkers of field-checks.ts: wrong types,
 * unknown fields and anything over LIMITS are rejected, and the value comes back with text
 * normalized to NFC.
 *
 * Text is text: it is checked for length and control characters, never escaped or interpreted.
 * Whoever draws it draws plain text.
 */
export { check, jsonValue, type Checked } from './json-checks.js';
import {
  arr,
  check,
  fail,
  FAIL,
  isPlainObject,
  jsonValue,
  nullable,
  num,
  obj,
  oneOf,
  opt,
  str,
  type Checked,
  type Checker,
} from './json-checks.js';
import { cameraSource, id, name, seq, sector, severity, time, title, message, topicName, uuid, wireLabel } from './field-checks.js';
import { LIMITS } from './limits.js';
import {
  WALL_FEATURES,
  type ClockPong,
  type HandshakeAuth,
  type LateTopic,
  type LateTopics,
  type OperatorDirectory,
  type Snapshot,
  type SnapshotRequest,
  type TopicHistory,
  type TopicUpdate,
  type UpdateBatch,
} from './protocol.js';
import { ALERT_STATES, type AckRequest, type AckResult, type Alert } from './alerts.js';
import type {
  CameraChoice,
  LayoutAbort,
  LayoutCommand,
  LayoutPrepare,
  LayoutPrepared,
  LayoutRequest,
  LayoutSwitched,
  PresetRef,
} from './layout-commands.js';
import { STREAM_STATES, type DegradedState, type HealthReport, type WatchdogHistory } from './wall-health.js';

const topicUpdate = obj<TopicUpdate>({ topic: topicName, value: jsonValue, t: time });
export const alert = obj<Alert>({
  id,
  severity,
  sector,
  area: name,
  source: name,
  title,
  message,
  state: oneOf(ALERT_STATES),
  raisedAt: time,
  updatedAt: time,
  acknowledgedBy: opt(name),
  ackedAt: opt(time),
  clearedAt: opt(time),
});
const cameraChoice = obj<CameraChoice>({ tile: id, source: cameraSource, label: opt(wireLabel) });
const presetRef = obj<PresetRef>({ id, version: num(1, Number.MAX_SAFE_INTEGER, true), cameras: arr(cameraChoice, LIMITS.presetCameras) });
const layoutCommand = obj<LayoutCommand>({ commandId: id, layout: id, at: time, issuedAt: time, by: name, preset: opt(presetRef) });
const hex64 = str(64, { pattern: /^[0-9a-f]{64}$/ });
const operatorDirectory = obj<OperatorDirectory>({
  salt: str(64, { pattern: /^[0-9a-f]{16,64}$/ }),
  operators: arr(obj<OperatorDirectory['operators'][number]>({ name, credentials: arr(hex64, LIMITS.credentials, 1) }), LIMITS.operators),
});
const topicHistoryShape = obj<TopicHistory>({
  topic: topicName,
  t: arr(time, LIMITS.historyPoints),
  v: arr(num(-Number.MAX_VALUE, Number.MAX_VALUE), LIMITS.historyPoints),
});
/** One topic's history: as many values as times, times strictly increasing (a chart draws them in order). */
const topicHistory: Checker<TopicHistory> = (x, at, e) => {
  const h = topicHistoryShape(x, at, e);
  if (h === FAIL) return FAIL;
  if (h.v.length !== h.t.length) return fail(e, `${at}.v`, `must have as many items as t (${h.t.length})`);
  for (let i = 1; i < h.t.length; i++) if (h.t[i]! <= h.t[i - 1]!) return fail(e, `${at}.t[${i}]`, 'must be later than the item before');
  return h;
};
/** A snapshot's history: each topic once, LIMITS.historyTotal points in all. */
const snapshotHistory: Checker<TopicHistory[]> = (x, at, e) => {
  const list = arr(topicHistory, LIMITS.historyTotal)(x, at, e);
  if (list === FAIL) return FAIL;
  const seen = new Set<string>();
  let points = 0;
  for (const [i, h] of list.entries()) {
    if (seen.has(h.topic)) return fail(e, `${at}[${i}].topic`, 'names a topic listed before');
    seen.add(h.topic);
    points += h.t.length;
  }
  return points > LIMITS.historyTotal ? fail(e, at, `has more than ${LIMITS.historyTotal} points in all`) : list;
};
const lateTopic = obj<LateTopic>({ topic: topicName, deadline: str(5, { pattern: /^\d\d:\d\d$/ }), lastAt: nullable(time), lateSince: time });

// ---------------------------------------------------------------------------------------------
// Hub → wall

export const checkSnapshot = (v: unknown): Checked<Snapshot> =>
  check(
    obj<Snapshot>({
      protocol: num(1, 1000, true),
      hubTime: time,
      seq,
      layout: nullable(layoutCommand),
      values: arr(topicUpdate, LIMITS.snapshotValues),
      alerts: arr(alert, LIMITS.snapshotAlerts),
      late: arr(lateTopic, LIMITS.snapshotValues),
      operators: opt(operatorDirectory),
      history: opt(snapshotHistory),
    }),
    v,
  );
export const checkOperatorDirectory = (v: unknown): Checked<OperatorDirectory> => check(operatorDirectory, v);
export const checkUpdateBatch = (v: unknown): Checked<UpdateBatch> =>
  check(obj<UpdateBatch>({ seq, updates: arr(topicUpdate, LIMITS.wireBatch) }), v);
export const checkAlert = (v: unknown): Checked<Alert> => check(alert, v);
export const checkLayoutCommand = (v: unknown): Checked<LayoutCommand> => check(layoutCommand, v);
export const checkLayoutPrepare = (v: unknown): Checked<LayoutPrepare> =>
  check(obj<LayoutPrepare>({ switchId: id, layout: id, preset: opt(presetRef), deadline: time, by: name }), v);
export const checkLayoutAbort = (v: unknown): Checked<LayoutAbort> =>
  check(obj<LayoutAbort>({ switchId: id, reason: str(LIMITS.message, { multiline: true }) }), v);
export const checkLateTopics = (v: unknown): Checked<LateTopics> =>
  check(obj<LateTopics>({ at: time, late: arr(lateTopic, LIMITS.snapshotValues) }), v);
export const checkDegradedState = (v: unknown): Checked<DegradedState> =>
  check(obj<DegradedState>({ at: time, deadScreens: arr(id, LIMITS.screens * 16) }), v);
export const checkClockPong = (v: unknown): Checked<ClockPong> =>
  check(obj<ClockPong>({ t0: num(0, Number.MAX_SAFE_INTEGER), hubTime: time }), v);

const ackOk = obj<{ ok: true; committed: true; duplicate: boolean; alert: Alert }>({
  ok: (v, at, e) => (v === true ? true : fail(e, at, 'must be true')),
  committed: (v, at, e) => (v === true ? true : fail(e, at, 'must be true')),
  duplicate: (v, at, e) => (typeof v === 'boolean' ? v : fail(e, at, 'must be a boolean')),
  alert,
});
const ackRefused = obj<Extract<AckResult, { ok: false }>>({
  ok: (v, at, e) => (v === false ? false : fail(e, at, 'must be false')),
  reason: oneOf(['invalid', 'unknown-alert', 'forbidden', 'internal'] as const),
  permanent: (v, at, e) => (typeof v === 'boolean' ? v : fail(e, at, 'must be a boolean')),
  detail: opt(str(LIMITS.message, { multiline: true })),
});
export const checkAckResult = (v: unknown): Checked<AckResult> =>
  check<AckResult>((x, at, e) => (isPlainObject(x) && x.ok === true ? ackOk(x, at, e) : ackRefused(x, at, e)), v);

// ---------------------------------------------------------------------------------------------
// Wall → hub

export const checkHandshakeAuth = (v: unknown): Checked<HandshakeAuth> =>
  check(
    obj<HandshakeAuth>({
      token: str(512),
      protocol: num(0, 1000, true),
      identity: obj({ node: id, window: id, screens: arr(id, LIMITS.screens) }),
      features: opt(arr(oneOf(WALL_FEATURES), 16)),
    }),
    v,
  );
export const checkAckRequest = (v: unknown): Checked<AckRequest> =>
  check(obj<AckRequest>({ ackId: uuid, alertId: id, operator: name, screen: id, at: time }), v);
export const checkClockPing = (v: unknown): Checked<number> => check(num(0, Number.MAX_SAFE_INTEGER), v);
export const watchdogHistory = obj<WatchdogHistory>({
  recoveries: num(0, Number.MAX_SAFE_INTEGER, true),
  last: nullable(obj<NonNullable<WatchdogHistory['last']>>({ trouble: str(40), detail: str(LIMITS.message, { multiline: true }), at: time })),
});
export const checkHealthReport = (v: unknown): Checked<HealthReport> =>
  check(
    obj<HealthReport>({
      at: time,
      layout: nullable(id),
      fps: num(0, 1000),
      memory: opt(obj<NonNullable<HealthReport['memory']>>({ usedMB: num(0, 1e7), limitMB: opt(num(0, 1e7)) })),
      streams: arr(obj({ tile: id, state: oneOf(STREAM_STATES), since: time }), LIMITS.streams),
      deadScreens: opt(arr(id, LIMITS.screens)),
      watchdog: opt(watchdogHistory),
    }),
    v,
  );
export const checkSnapshotRequest = (v: unknown): Checked<SnapshotRequest> =>
  check(obj<SnapshotRequest>({ reason: oneOf(['gap', 'manual'] as const), lastSeq: seq }), v);
export const checkLayoutSwitched = (v: unknown): Checked<LayoutSwitched> =>
  check(obj<LayoutSwitched>({ commandId: nullable(id), layout: id, at: time }), v);

export const checkLayoutPrepared = (v: unknown): Checked<LayoutPrepared> =>
  check(
    obj<LayoutPrepared>({
      switchId: id,
      ok: (x, at, e) => (typeof x === 'boolean' ? x : fail(e, at, 'must be a boolean')),
      error: opt(str(LIMITS.message, { multiline: true })),
    }),
    v,
  );
export const checkLayoutRequest = (v: unknown): Checked<LayoutRequest> => check(obj<LayoutRequest>({ layout: id }), v);
