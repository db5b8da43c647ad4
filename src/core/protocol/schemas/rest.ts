/**
 * The schemas of the hub's REST bodies, queries and path ids (docs/protocol.md "REST API",
 * rest-bodies.ts), one per message. A query is checked as an object of its parameters
 * (rest-validate.ts queryObject): a list parameter as an array of its comma-separated values, any
 * other as one string. Pure data, composed of the same fields as the `/wall`
 * payloads (fields.ts), so a field is checked the same way whichever door it comes in.
 */
import { ALERT_STATES } from '../alerts.js';
import { AUDIT_ACTIONS, AUDIT_CHANNELS } from '../audit.js';
import { LIMITS } from '../limits.js';
import { TIMELINE_KINDS } from '../timeline.js';
import { forecastPoint } from './wall-events.js';
import { PRESET_ID, PRESET_ID_MAX } from '../presets.js';
import { SEVERITIES } from '../../wall/model.js';
import { array, cameraSource, id, jsonValue, message, name, number, object, oneOf, sector, severity, text, time, title, topicName, uuid, wireLabel, type Schema } from './fields.js';

const leadMs = number(200, 60_000, true);
/** `?limit=`: 1 to 5000, default 500. */
const limit = { ...text(4, { pattern: '^(?:[1-9][0-9]{0,2}|[1-4][0-9]{3}|5000)$' }), 'x-messages': { pattern: 'must be 1 to 5000' } };
/** `?since=`: ms since the epoch, or an ISO 8601 date (and time). */
const since = {
  ...text(40, { pattern: '^(?:[0-9]{1,16}|[0-9]{4}-[0-9]{2}-[0-9]{2}(?:T[0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\\.[0-9]{1,3})?)?(?:Z|[+-][0-9]{2}:[0-9]{2})?)?)$' }),
  'x-messages': { pattern: 'must be ms since the epoch or an ISO 8601 date' },
};

export const REST = {
  /** PUT /api/forecasts/:topic: the relations between points are checked after the schema (forecasts.ts). */
  forecastPublish: object(
    {
      points: array(forecastPoint, LIMITS.forecastPoints, 1),
      model: name,
      issuedAt: time,
      validS: number(60, LIMITS.forecastValidS),
    },
    ['model', 'issuedAt', 'validS'],
  ),
  /** A topic name in a path (`/api/forecasts/:topic`). */
  topicName,
  publishRequest: object({ updates: array(object({ topic: topicName, value: jsonValue, t: time }, ['t']), LIMITS.publishBatch, 1) }),
  raiseAlert: object({ id, severity, sector, area: name, source: name, title, message }, ['id', 'source', 'message']),
  updateAlert: object({ severity, area: name, title, message }, ['severity', 'area', 'title', 'message']),
  /** `comment`: plain text, several lines allowed; the hub trims it and keeps it only when not empty. */
  operatorAck: object({ ackId: uuid, screen: id, comment: text(LIMITS.ackComment, { multiline: true, min: 0 }) }, ['ackId', 'screen', 'comment']),
  clearAlert: object({ reason: message }, ['reason']),
  presetSave: object({
    title: wireLabel,
    layout: id,
    cameras: array(object({ tile: id, source: cameraSource }), LIMITS.presetCameras),
    version: number(0, Number.MAX_SAFE_INTEGER, true),
  }),
  presetActivate: object({ leadMs }, ['leadMs']),
  layoutSwitch: object({ layout: id, leadMs }, ['leadMs']),
  /** An id in a path (`/api/alerts/:id`, `/api/walls/:window/thumbnail`). */
  id,
  /** A preset id in a path (`/api/presets/:id`): a lowercase slug. */
  presetId: { ...text(PRESET_ID_MAX, { pattern: PRESET_ID.source }), 'x-messages': { pattern: 'must be lowercase letters, digits and single hyphens' } },
  /** GET /api/alerts?severity=&sector=&state=&since=&limit= */
  alertsQuery: object(
    {
      severity: array(oneOf(SEVERITIES), SEVERITIES.length * 4),
      sector: array(text(LIMITS.name), 100),
      state: array(oneOf([...ALERT_STATES, 'open']), 16),
      since,
      limit,
    },
    ['severity', 'sector', 'state', 'since', 'limit'],
  ),
  /** GET /api/audit?alertId=&channel=&action=&since=&limit= */
  auditQuery: object(
    { alertId: id, channel: array(oneOf(AUDIT_CHANNELS), AUDIT_CHANNELS.length * 4), action: array(oneOf(AUDIT_ACTIONS), AUDIT_ACTIONS.length * 4), since, limit },
    ['alertId', 'channel', 'action', 'since', 'limit'],
  ),
  /** GET /api/timeline?from=&to=&kind=&sector=&severity=&limit= (from and to: ms or ISO 8601, as `since`) */
  timelineQuery: object(
    {
      from: since,
      to: since,
      kind: array(oneOf(TIMELINE_KINDS), TIMELINE_KINDS.length * 4),
      sector: array(text(LIMITS.name), 100),
      severity: array(oneOf(SEVERITIES), SEVERITIES.length * 4),
      limit,
    },
    ['kind', 'sector', 'severity', 'limit'],
  ),
  /** GET /api/report?from=&to=&lang=&format= (the shift handover report; from and to as `since`) */
  reportQuery: object({ from: since, to: since, lang: oneOf(['vi', 'en']), format: oneOf(['html', 'json']) }, ['lang', 'format']),
  /** GET /api/replay?t=&sector=&severity= (t: ms or ISO 8601, as `since`) */
  replayQuery: object(
    { t: since, sector: array(text(LIMITS.name), 100), severity: array(oneOf(SEVERITIES), SEVERITIES.length * 4) },
    ['sector', 'severity'],
  ),
  /** GET /api/timeline/thumbnail?file= (a file the timeline named) */
  timelineThumbnailQuery: object({ file: text(200, { pattern: '^\\d{4}-\\d{2}-\\d{2}/\\d+_[A-Za-z0-9.:-]+_[A-Za-z0-9.:-]+\\.(?:jpg|png|webp)$' }) }),
  /** GET /api/topics?values=true */
  topicsQuery: object({ values: oneOf(['true', 'false']) }, ['values']),
  /** GET /api/walls/:window/thumbnail?node= */
  thumbnailQuery: object({ node: id }, ['node']),
  /** DELETE /api/presets/:id?version=N: the version the deletion started from. */
  presetDeleteQuery: object({
    version: { ...text(15, { pattern: '^[1-9][0-9]{0,14}$' }), 'x-messages': { pattern: 'say which version you delete: ?version=N (GET /api/presets)' } },
  }),
} satisfies Record<string, Schema>;
