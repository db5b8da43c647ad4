/**
 * Runtime checks of every inbound protocol payload, used by both ends: the hub checks what walls
 * and integrations send, the wall client checks what the hub sends. Hand-written combinators (no
 * code generation, so they run under a strict CSP in the page) that reject wrong types, unknown
 * fields and anything over LIMITS, and return the value with text normalized to NFC.
 *
 * Text is text: it is checked for length and control characters, never escaped or interpreted.
 * Whoever draws it draws plain text.
 */
import { SEVERITIES, type Severity } from './model.js';
import { TOPIC_PATTERN } from './schemas/common.js';
import {
  ALERT_STATES,
  LIMITS,
  STREAM_STATES,
  type AckRequest,
  type AckResult,
  type Alert,
  type ClearAlertRequest,
  type ClockPong,
  type HandshakeAuth,
  type HealthReport,
  type JsonValue,
  type LateTopic,
  type LateTopics,
  type LayoutCommand,
  type LayoutSwitched,
  type LayoutSwitchRequest,
  type OperatorAckRequest,
  type PublishRequest,
  type RaiseAlertRequest,
  type Snapshot,
  type SnapshotRequest,
  type TopicUpdate,
  type UpdateAlertRequest,
  type UpdateBatch,
} from './protocol.js';

export type Checked<T> = { ok: true; value: T } | { ok: false; errors: string[] };

const FAIL: unique symbol = Symbol('fail');
type Checker<T> = (v: unknown, at: string, errors: string[]) => T | typeof FAIL;
interface Optional<T> {
  optional: Checker<T>;
}
/** A checker per property; optional properties take `opt(...)`. */
type Shape<T> = {
  [K in keyof T]-?: object extends Pick<T, K> ? Optional<Exclude<T[K], undefined>> : Checker<T[K]>;
};

const MAX_ERRORS = 20;
function fail(errors: string[], at: string, message: string): typeof FAIL {
  if (errors.length < MAX_ERRORS) errors.push(`${at || 'payload'}: ${message}`);
  return FAIL;
}

/** Control characters other than tab and newline (and those too in single-line text). */
const CONTROL_MULTILINE = /[\u0000-\u0008\u000B-\u001F\u007F\u2028\u2029]/;
const CONTROL_LINE = /[\u0000-\u001F\u007F\u2028\u2029]/;

export function str(max: number, o: { pattern?: RegExp; multiline?: boolean; min?: number } = {}): Checker<string> {
  return (v, at, errors) => {
    if (typeof v !== 'string') return fail(errors, at, 'must be a string');
    if (v.length > max * 4) return fail(errors, at, `is longer than ${max} characters`);
    const s = v.normalize('NFC');
    if (s.length > max) return fail(errors, at, `is longer than ${max} characters`);
    if (s.length < (o.min ?? 1)) return fail(errors, at, 'must not be empty');
    if ((o.multiline ? CONTROL_MULTILINE : CONTROL_LINE).test(s)) return fail(errors, at, 'contains control characters');
    if (o.pattern && !o.pattern.test(s)) return fail(errors, at, `must match ${o.pattern.source}`);
    return s;
  };
}

export function num(min: number, max: number, integer = false): Checker<number> {
  return (v, at, errors) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) return fail(errors, at, 'must be a finite number');
    if (integer && !Number.isInteger(v)) return fail(errors, at, 'must be an integer');
    if (v < min || v > max) return fail(errors, at, `must be between ${min} and ${max}`);
    return v;
  };
}

export function oneOf<T extends string>(values: readonly T[]): Checker<T> {
  return (v, at, errors) =>
    typeof v === 'string' && (values as readonly string[]).includes(v)
      ? (v as T)
      : fail(errors, at, `must be one of ${values.join(', ')}`);
}

export function nullable<T>(c: Checker<T>): Checker<T | null> {
  return (v, at, errors) => (v === null ? null : c(v, at, errors));
}

export function arr<T>(item: Checker<T>, max: number, min = 0): Checker<T[]> {
  return (v, at, errors) => {
    if (!Array.isArray(v)) return fail(errors, at, 'must be an array');
    if (v.length > max) return fail(errors, at, `has more than ${max} items`);
    if (v.length < min) return fail(errors, at, `needs at least ${min} item(s)`);
    const out: T[] = [];
    let bad = false;
    for (let i = 0; i < v.length; i++) {
      const r = item(v[i], `${at}[${i}]`, errors);
      if (r === FAIL) {
        bad = true;
        if (errors.length >= MAX_ERRORS) break;
      } else out.push(r);
    }
    return bad ? FAIL : out;
  };
}

export function opt<T>(c: Checker<T>): Optional<T> {
  return { optional: c };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/** An object with exactly these properties (unknown ones are errors; optional ones may be absent or undefined). */
export function obj<T>(shape: Shape<T>): Checker<T> {
  const entries = Object.entries(shape) as [string, Checker<unknown> | Optional<unknown>][];
  return (v, at, errors) => {
    if (!isPlainObject(v)) return fail(errors, at, 'must be an object');
    let bad = false;
    for (const key of Object.keys(v)) {
      if (key in shape) continue;
      fail(errors, at ? `${at}.${key.slice(0, 40)}` : key.slice(0, 40), 'is not a known field');
      bad = true;
    }
    const out: Record<string, unknown> = {};
    for (const [key, c] of entries) {
      const path = at ? `${at}.${key}` : key;
      const value = v[key];
      if (typeof c !== 'function') {
        if (value === undefined) continue;
        const r = c.optional(value, path, errors);
        if (r === FAIL) bad = true;
        else out[key] = r;
      } else {
        if (value === undefined) {
          fail(errors, path, 'is required');
          bad = true;
          continue;
        }
        const r = c(value, path, errors);
        if (r === FAIL) bad = true;
        else out[key] = r;
      }
    }
    return bad ? FAIL : (out as T);
  };
}

/** Any JSON value within the value caps (depth, node count, string and key length). */
export const jsonValue: Checker<JsonValue> = (v, at, errors) => {
  let nodes = 0;
  const walk = (x: unknown, depth: number): JsonValue | typeof FAIL => {
    if (++nodes > LIMITS.valueNodes) return fail(errors, at, `has more than ${LIMITS.valueNodes} nodes`);
    if (x === null || typeof x === 'boolean') return x;
    if (typeof x === 'number') return Number.isFinite(x) ? x : fail(errors, at, 'contains a non-finite number');
    if (typeof x === 'string') {
      return x.length <= LIMITS.valueString ? x : fail(errors, at, `contains a string over ${LIMITS.valueString} characters`);
    }
    if (depth >= LIMITS.valueDepth) return fail(errors, at, `is nested deeper than ${LIMITS.valueDepth}`);
    if (Array.isArray(x)) {
      const out: JsonValue[] = [];
      for (const item of x) {
        const r = walk(item, depth + 1);
        if (r === FAIL) return FAIL;
        out.push(r);
      }
      return out;
    }
    if (!isPlainObject(x)) return fail(errors, at, 'is not JSON data');
    const out: Record<string, JsonValue> = {};
    for (const [k, item] of Object.entries(x)) {
      if (k.length > LIMITS.valueString || k === '__proto__') return fail(errors, at, 'has an unacceptable key');
      const r = walk(item, depth + 1);
      if (r === FAIL) return FAIL;
      out[k] = r;
    }
    return out;
  };
  return walk(v, 0);
};

/** Runs a checker at the top level. */
export function check<T>(c: Checker<T>, v: unknown): Checked<T> {
  const errors: string[] = [];
  const r = c(v, '', errors);
  return r === FAIL ? { ok: false, errors: errors.length ? errors : ['payload: is invalid'] } : { ok: true, value: r };
}

// ---------------------------------------------------------------------------------------------
// Field checkers

const TOPIC = new RegExp(TOPIC_PATTERN);
/** Ids made by integrations and walls: letters, digits and `._:-`, starting with a letter or digit. */
export const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;
const LOWER_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Any instant from 2000 to 2200, in ms. */
const time = num(946_684_800_000, 7_258_118_400_000);

export const topicName = str(LIMITS.topic, { pattern: TOPIC });
export const id = str(LIMITS.id, { pattern: ID });
export const uuid = str(36, { pattern: UUID });
const sector = str(LIMITS.name, { pattern: LOWER_ID });
const name = str(LIMITS.name);
const title = str(LIMITS.title);
const message = str(LIMITS.message, { multiline: true, min: 0 });
const severity = oneOf<Severity>(SEVERITIES);
const seq = num(0, Number.MAX_SAFE_INTEGER, true);

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
const layoutCommand = obj<LayoutCommand>({ commandId: id, layout: id, at: time, issuedAt: time, by: name });
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
    }),
    v,
  );
export const checkUpdateBatch = (v: unknown): Checked<UpdateBatch> =>
  check(obj<UpdateBatch>({ seq, updates: arr(topicUpdate, LIMITS.wireBatch) }), v);
export const checkAlert = (v: unknown): Checked<Alert> => check(alert, v);
export const checkLayoutCommand = (v: unknown): Checked<LayoutCommand> => check(layoutCommand, v);
export const checkLateTopics = (v: unknown): Checked<LateTopics> =>
  check(obj<LateTopics>({ at: time, late: arr(lateTopic, LIMITS.snapshotValues) }), v);
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
    }),
    v,
  );
export const checkAckRequest = (v: unknown): Checked<AckRequest> =>
  check(obj<AckRequest>({ ackId: uuid, alertId: id, operator: name, screen: id, at: time }), v);
export const checkClockPing = (v: unknown): Checked<number> => check(num(0, Number.MAX_SAFE_INTEGER), v);
export const checkHealthReport = (v: unknown): Checked<HealthReport> =>
  check(
    obj<HealthReport>({
      at: time,
      layout: nullable(id),
      fps: num(0, 1000),
      memory: obj<HealthReport['memory']>({ usedMB: num(0, 1e7), limitMB: opt(num(0, 1e7)) }),
      streams: arr(obj({ tile: id, state: oneOf(STREAM_STATES), since: time }), LIMITS.streams),
    }),
    v,
  );
export const checkSnapshotRequest = (v: unknown): Checked<SnapshotRequest> =>
  check(obj<SnapshotRequest>({ reason: oneOf(['gap', 'manual'] as const), lastSeq: seq }), v);
export const checkLayoutSwitched = (v: unknown): Checked<LayoutSwitched> =>
  check(obj<LayoutSwitched>({ commandId: nullable(id), layout: id, at: time }), v);

// ---------------------------------------------------------------------------------------------
// REST bodies

export const checkPublishRequest = (v: unknown): Checked<PublishRequest> =>
  check(
    obj<PublishRequest>({
      updates: arr(obj<PublishRequest['updates'][number]>({ topic: topicName, value: jsonValue, t: opt(time) }), LIMITS.publishBatch, 1),
    }),
    v,
  );
export const checkRaiseAlert = (v: unknown): Checked<RaiseAlertRequest> =>
  check(
    obj<RaiseAlertRequest>({ id: opt(id), severity, sector, area: name, source: opt(name), title, message: opt(message) }),
    v,
  );
export const checkUpdateAlert = (v: unknown): Checked<UpdateAlertRequest> =>
  check(obj<UpdateAlertRequest>({ severity: opt(severity), area: opt(name), title: opt(title), message: opt(message) }), v);
export const checkOperatorAck = (v: unknown): Checked<OperatorAckRequest> =>
  check(obj<OperatorAckRequest>({ ackId: opt(uuid), screen: opt(id) }), v);
export const checkClearAlert = (v: unknown): Checked<ClearAlertRequest> =>
  check(obj<ClearAlertRequest>({ reason: opt(message) }), v);
export const checkLayoutSwitch = (v: unknown): Checked<LayoutSwitchRequest> =>
  check(obj<LayoutSwitchRequest>({ layout: id, leadMs: opt(num(200, 60_000, true)) }), v);
