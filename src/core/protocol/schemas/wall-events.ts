/**
 * The schemas of every payload on namespace `/wall` (docs/protocol.md "Events"), one per message:
 * hub → wall (checked by the wall client) and wall → hub (checked by the hub). Pure data; the
 * validators are generated from them at build time (src/shell/build-validators.ts).
 */
import { ALERT_STATES } from '../alerts.js';
import { LIMITS } from '../limits.js';
import { WALL_FEATURES } from '../protocol.js';
import { THUMBNAIL_LIMITS, THUMBNAIL_MAX_BASE64, THUMBNAIL_MIMES, THUMBNAIL_RATE_MS } from '../thumbnail.js';
import { CAMERA_FALLBACKS, CAMERA_PATHS, SHED_STEPS, STREAM_STATES } from '../wall-health.js';
import {
  array,
  boolean,
  cameraSource,
  count,
  detail,
  id,
  jsonValue,
  message,
  name,
  nullable,
  number,
  object,
  oneOf,
  sector,
  seq,
  severity,
  text,
  time,
  title,
  topicName,
  uuid,
  wireLabel,
  type Schema,
} from './fields.js';

const topicUpdate = object({ topic: topicName, value: jsonValue, t: time });
/** CAP's order: [lat, lon] (GeoJSON's is [lon, lat]). */
const latLon: Schema = { type: 'array', items: [number(-90, 90), number(-180, 180)], minItems: 2, maxItems: 2, additionalItems: false };
const alertAreas = object({
  polygons: array(array(latLon, LIMITS.alertPolygonPoints, 4), LIMITS.alertPolygons),
  circles: array(object({ lat: number(-90, 90), lon: number(-180, 180), radiusKm: number(0, 20_000) }), LIMITS.alertCircles),
});
export const alert = object(
  {
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
    acknowledgedBy: name,
    ackedAt: time,
    clearedAt: time,
    areas: alertAreas,
    origin: id,
  },
  ['acknowledgedBy', 'ackedAt', 'clearedAt', 'areas', 'origin'],
);
const cameraChoice = object({ tile: id, source: cameraSource, label: wireLabel }, ['label']);
const presetRef = object({ id, version: number(1, Number.MAX_SAFE_INTEGER, true), cameras: array(cameraChoice, LIMITS.presetCameras) });
const layoutCommand = object({ commandId: id, layout: id, at: time, issuedAt: time, by: name, preset: presetRef }, ['preset']);
const hex64 = text(64, { pattern: '^[0-9a-f]{64}$' });
const operatorDirectory = object({
  salt: text(64, { pattern: '^[0-9a-f]{16,64}$' }),
  operators: array(object({ name, credentials: array(hex64, LIMITS.credentials, 1) }), LIMITS.operators),
});
/** Times strictly increasing, as many values as times, each topic once: checked after the schema (schema-check.ts). */
const topicHistory = object({
  topic: topicName,
  t: array(time, LIMITS.historyPoints),
  v: array(number(-Number.MAX_VALUE, Number.MAX_VALUE), LIMITS.historyPoints),
});
const finite = number(-Number.MAX_VALUE, Number.MAX_VALUE);
/** Points in time order, every t after issuedAt, lo ≤ v ≤ hi: checked after the schema (forecasts.ts). */
export const forecastPoint = object({ t: time, v: finite, lo: finite, hi: finite }, ['lo', 'hi']);
const forecast = object({
  topic: topicName,
  model: name,
  issuedAt: time,
  validUntil: time,
  points: array(forecastPoint, LIMITS.forecastPoints, 1),
  quality: object({ method: name, mase: number(0, Number.MAX_VALUE), backtestPoints: count, trainedFrom: time, trainedTo: time }),
}, ['quality']);
const lateTopic = object({ topic: topicName, deadline: text(5, { pattern: '^\\d\\d:\\d\\d$' }), lastAt: nullable(time), lateSince: time });
const watchdogHistory = object({
  recoveries: count,
  last: nullable(object({ trouble: text(40), detail, at: time })),
});

/** What an automatic switch shows: a layout or a preset (src/core/automation/model.ts SwitchTarget). */
const switchTarget = { anyOf: [object({ layout: id }), object({ preset: id })] };

/** Hub → wall. */
export const HUB_TO_WALL = {
  snapshot: object(
    {
      protocol: number(1, 1000, true),
      hubTime: time,
      seq,
      layout: nullable(layoutCommand),
      values: array(topicUpdate, LIMITS.snapshotValues),
      alerts: array(alert, LIMITS.snapshotAlerts),
      late: array(lateTopic, LIMITS.snapshotValues),
      operators: operatorDirectory,
      history: array(topicHistory, LIMITS.historyTotal),
      forecasts: array(forecast, LIMITS.forecastTopics),
    },
    ['operators', 'history', 'forecasts'],
  ),
  operatorDirectory,
  forecastEvent: object({ topic: topicName, forecast: nullable(forecast) }),
  updateBatch: object({ seq, updates: array(topicUpdate, LIMITS.wireBatch) }),
  alert,
  layoutCommand,
  layoutPrepare: object({ switchId: id, layout: id, preset: presetRef, deadline: time, by: name }, ['preset']),
  layoutAbort: object({ switchId: id, reason: detail }),
  lateTopics: object({ at: time, late: array(lateTopic, LIMITS.snapshotValues) }),
  degradedState: object({ at: time, deadScreens: array(id, LIMITS.screens * 16) }),
  thumbnailRate: object({ everyMs: number(THUMBNAIL_RATE_MS.min, THUMBNAIL_RATE_MS.max, true) }),
  takeoverPrompt: object(
    {
      id,
      rule: id,
      alertId: id,
      title,
      severity,
      target: switchTarget,
      createdAt: time,
      expiresAt: time,
      alerts: array(id, LIMITS.snapshotAlerts),
    },
    ['alerts'],
  ),
  takeoverPromptClosed: object({ id }),
  clockPong: object({ t0: number(0, Number.MAX_SAFE_INTEGER), hubTime: time }),
  ackResult: {
    if: { type: 'object', properties: { ok: { const: true } }, required: ['ok'] },
    then: object({ ok: { const: true }, committed: { const: true }, duplicate: boolean, alert }),
    else: object(
      { ok: { const: false }, reason: oneOf(['invalid', 'unknown-alert', 'forbidden', 'internal']), permanent: boolean, detail },
      ['detail'],
    ),
  },
} satisfies Record<string, Schema>;

/** Wall → hub (and the console's handshake on `/console`, which sends nothing else). */
export const WALL_TO_HUB = {
  /** `/console` connect `auth`: the token, possibly empty (a console not logged in yet: refused as unauthorized). */
  consoleHandshake: object({ token: text(512, { min: 0 }) }, ['token']),
  handshakeAuth: object(
    {
      token: text(512),
      protocol: number(0, 1000, true),
      identity: object({ node: id, window: id, screens: array(id, LIMITS.screens) }),
      features: array(oneOf(WALL_FEATURES), 16),
    },
    ['features'],
  ),
  ackRequest: object({ ackId: uuid, alertId: id, operator: name, screen: id, at: time }),
  clockPing: number(0, Number.MAX_SAFE_INTEGER),
  watchdogHistory,
  healthReport: object(
    {
      at: time,
      layout: nullable(id),
      fps: number(0, 1000),
      changedFps: number(0, 1000),
      memory: object({ usedMB: number(0, 1e7), limitMB: number(0, 1e7) }, ['limitMB']),
      streams: array(object({ tile: id, state: oneOf(STREAM_STATES), since: time, path: oneOf(CAMERA_PATHS), fallback: oneOf(CAMERA_FALLBACKS) }, ['path', 'fallback']), LIMITS.streams),
      deadScreens: array(id, LIMITS.screens),
      watchdog: watchdogHistory,
      load: object({ level: number(0, SHED_STEPS.length, true), shed: array(oneOf(SHED_STEPS), SHED_STEPS.length), frameMs: number(0, 1e7) }),
    },
    ['changedFps', 'memory', 'deadScreens', 'watchdog', 'load'],
  ),
  snapshotRequest: object({ reason: oneOf(['gap', 'manual']), lastSeq: seq }),
  layoutSwitched: object({ commandId: nullable(id), layout: id, at: time }),
  layoutPrepared: object({ switchId: id, ok: boolean, error: detail }, ['error']),
  layoutRequest: object({ layout: id }),
  thumbnail: object({
    window: id,
    screens: array(id, LIMITS.screens),
    mime: oneOf(THUMBNAIL_MIMES),
    data: {
      ...text(THUMBNAIL_MAX_BASE64, { pattern: '^(?:[A-Za-z0-9+/]{4})*$|^(?:[A-Za-z0-9+/]{4})*[A-Za-z0-9+/]{2}(?:==|[A-Za-z0-9+/]=)$' }),
      description: 'the image, base64 (no data: prefix), padded',
      'x-messages': { maxLength: `is over ${THUMBNAIL_LIMITS.bytes} bytes`, pattern: 'must be base64 (A–Z a–z 0–9 + /, padded)' },
    },
    at: time,
    width: number(1, THUMBNAIL_LIMITS.px, true),
    height: number(1, THUMBNAIL_LIMITS.px, true),
  }),
} satisfies Record<string, Schema>;
