/**
 * Runtime checks of the hub's REST bodies, queries and path ids (rest-bodies.ts), as
 * the hub applies them to what integrations, operators and editors send. Validators generated from
 * the schemas of schemas/rest.ts, which share their fields with the `/wall` payloads
 * (protocol-validate.ts), so a field is checked the same way whichever door it comes in.
 */
import { checkUpdateValues } from './json-value.js';
import { checkForecastPoints, FORECAST_LIMITS, type ForecastPublish } from './forecasts.js';
import { checker } from './protocol-validate.js';
import type { Checked } from './schema-check.js';
import { PROTOCOL_SCHEMAS, type ProtocolMessage, type Schema } from './schemas/index.js';
import type {
  AlertsQuery,
  AuditQuery,
  TimelineQuery,
  ReportQuery,
  ReplayQuery,
  TimelineThumbnailQuery,
  PresetDeleteQuery,
  ThumbnailQuery,
  TopicsQuery,
  ClearAlertRequest,
  LayoutSwitchRequest,
  OperatorAckRequest,
  PresetActivateRequest,
  PresetSaveRequest,
  PublishRequest,
  RaiseAlertRequest,
  UpdateAlertRequest,
} from './rest-bodies.js';

export const checkPublishRequest = checker<PublishRequest>('publishRequest', (p, e) => checkUpdateValues(p.updates, 'updates', e));
export const checkRaiseAlert = checker<RaiseAlertRequest>('raiseAlert');
export const checkUpdateAlert = checker<UpdateAlertRequest>('updateAlert');
export const checkOperatorAck = checker<OperatorAckRequest>('operatorAck');
export const checkClearAlert = checker<ClearAlertRequest>('clearAlert');
export const checkPresetSave = checker<PresetSaveRequest>('presetSave');
export const checkPresetActivate = checker<PresetActivateRequest>('presetActivate');
export const checkLayoutSwitch = checker<LayoutSwitchRequest>('layoutSwitch');
/** An id in a path (`/api/alerts/:id`, `/api/walls/:window/thumbnail`). */
export const checkId = checker<string>('id');
export const checkPresetId = checker<string>('presetId');
/** A topic name in a path (`/api/forecasts/:topic`). */
export const checkTopicName = checker<string>('topicName');
/** PUT /api/forecasts/:topic: the schema, then the points' order and bands; their times against the clock: checkForecastTimes. */
export const checkForecastPublish = checker<ForecastPublish>('forecastPublish', (f, e) => checkForecastPoints(f.points, e));
/** The hub's clock checks of a forecast publish (hub time `now`): points ahead of now, issuedAt not ahead. */
export function checkForecastTimes(f: ForecastPublish, now: number): string[] {
  const errors: string[] = [];
  checkForecastPoints(f.points, errors, now);
  if (f.issuedAt !== undefined && f.issuedAt > now + FORECAST_LIMITS.issuedSkewMs) errors.push('issuedAt: is in the future (hub time)');
  return [...new Set(errors)];
}

/**
 * A query's parameters as the object its schema describes: a list parameter (schema type array)
 * as all its values, comma lists split and trimmed, empty ones dropped (absent when none is left);
 * any other parameter as its one value, or as all of them when repeated (which its schema refuses).
 * Built with Object.fromEntries, so a parameter named `__proto__` is an own key, refused as unknown.
 */
export function queryObject(name: ProtocolMessage, params: Iterable<[string, string]>): Record<string, string | string[]> {
  const properties = ((PROTOCOL_SCHEMAS[name] as Schema).properties ?? {}) as Record<string, Schema>;
  const all = new Map<string, string[]>();
  for (const [key, value] of params) all.set(key, [...(all.get(key) ?? []), value]);
  const entries: [string, string | string[]][] = [];
  for (const [key, values] of all) {
    const isList = Object.hasOwn(properties, key) && properties[key]!.type === 'array';
    if (!isList) entries.push([key, values.length === 1 ? values[0]! : values]);
    else {
      const items = values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
      if (items.length) entries.push([key, items]);
    }
  }
  return Object.fromEntries(entries);
}

function queryChecker<T>(name: ProtocolMessage): (params: Iterable<[string, string]>) => Checked<T> {
  const check = checker<T>(name);
  return (params) => check(queryObject(name, params));
}
export const checkAlertsQuery = queryChecker<AlertsQuery>('alertsQuery');
export const checkAuditQuery = queryChecker<AuditQuery>('auditQuery');
export const checkTimelineQuery = queryChecker<TimelineQuery>('timelineQuery');
export const checkReportQuery = queryChecker<ReportQuery>('reportQuery');
export const checkReplayQuery = queryChecker<ReplayQuery>('replayQuery');
export const checkTimelineThumbnailQuery = queryChecker<TimelineThumbnailQuery>('timelineThumbnailQuery');
export const checkTopicsQuery = queryChecker<TopicsQuery>('topicsQuery');
export const checkThumbnailQuery = queryChecker<ThumbnailQuery>('thumbnailQuery');
export const checkPresetDeleteQuery = queryChecker<PresetDeleteQuery>('presetDeleteQuery');
