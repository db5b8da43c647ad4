/**
 * Runtime checks of every inbound payload on namespace `/wall`, used by both ends: the hub checks
 * what walls send, the wall client checks what the hub sends (REST bodies: rest-validate.ts). Each
 * runs the validator generated at build time from its message's JSON Schema (schemas/wall-events.ts;
 * no code is compiled at run time, the page's CSP forbids eval): wrong types, unknown fields and
 * anything over LIMITS are rejected, each error naming its field, and the value comes back with
 * text normalised to NFC.
 *
 * Text is text: it is checked for length and control characters, never escaped or interpreted.
 * Whoever draws it draws plain text.
 */
import * as generated from './generated/validators.js';
import { checkUpdateValues } from './json-value.js';
import { checkForecastPoints, type ForecastEvent } from './forecasts.js';
import { LIMITS } from './limits.js';
import { fail, runCheck, type Checked, type CompiledCheck } from './schema-check.js';
import type { ProtocolMessage } from './schemas/index.js';
import type { ClockPong, HandshakeAuth, LateTopics, OperatorDirectory, Snapshot, SnapshotRequest, TopicHistory, UpdateBatch } from './protocol.js';
import type { AckRequest, AckResult, Alert } from './alerts.js';
import type { LayoutAbort, LayoutCommand, LayoutPrepare, LayoutPrepared, LayoutRequest, LayoutSwitched } from './layout-commands.js';
import type { Thumbnail, ThumbnailRate } from './thumbnail.js';
import type { TakeoverPrompt } from './automation.js';
import type { DegradedState, HealthReport, WatchdogHistory } from './wall-health.js';

export type { Checked } from './schema-check.js';

const validators = generated as unknown as Record<ProtocolMessage, CompiledCheck>;

/** The check of message `name`, then `after` (what its schema cannot say). */
export function checker<T>(name: ProtocolMessage, after?: (value: T, errors: string[]) => void): (v: unknown) => Checked<T> {
  const validate = validators[name];
  return (v) => runCheck(name, validate, v, after);
}

/**
 * A snapshot's history: as many values as times, times strictly increasing (a chart draws them in
 * order), each topic once, LIMITS.historyTotal points in all. Relations between items, which JSON
 * Schema cannot express.
 */
function checkHistory(history: readonly TopicHistory[], errors: string[]): void {
  const seen = new Set<string>();
  let points = 0;
  for (const [i, h] of history.entries()) {
    const at = `history[${i}]`;
    if (h.v.length !== h.t.length) return void fail(errors, `${at}.v`, `must have as many items as t (${h.t.length})`);
    for (let k = 1; k < h.t.length; k++) if (h.t[k]! <= h.t[k - 1]!) return void fail(errors, `${at}.t[${k}]`, 'must be later than the item before');
    if (seen.has(h.topic)) return void fail(errors, `${at}.topic`, 'names a topic listed before');
    seen.add(h.topic);
    points += h.t.length;
  }
  if (points > LIMITS.historyTotal) fail(errors, 'history', `has more than ${LIMITS.historyTotal} points in all`);
}

// ---------------------------------------------------------------------------------------------
// Hub → wall

export const checkSnapshot = checker<Snapshot>('snapshot', (s, e) => {
  checkUpdateValues(s.values, 'values', e);
  if (s.history) checkHistory(s.history, e);
  for (const [i, f] of (s.forecasts ?? []).entries()) checkForecastPoints(f.points, e, undefined, `forecasts[${i}].points`);
});
/** A `forecast` event: its points in time order, each band around its value. */
export const checkForecastEvent = checker<ForecastEvent>('forecastEvent', (f, e) => {
  if (f.forecast) checkForecastPoints(f.forecast.points, e, undefined, 'forecast.points');
});
export const checkOperatorDirectory = checker<OperatorDirectory>('operatorDirectory');
export const checkUpdateBatch = checker<UpdateBatch>('updateBatch', (b, e) => checkUpdateValues(b.updates, 'updates', e));
export const checkAlert = checker<Alert>('alert');
export const checkLayoutCommand = checker<LayoutCommand>('layoutCommand');
export const checkLayoutPrepare = checker<LayoutPrepare>('layoutPrepare');
export const checkLayoutAbort = checker<LayoutAbort>('layoutAbort');
export const checkLateTopics = checker<LateTopics>('lateTopics');
export const checkDegradedState = checker<DegradedState>('degradedState');
export const checkThumbnailRate = checker<ThumbnailRate>('thumbnailRate');
export const checkTakeoverPrompt = checker<TakeoverPrompt>('takeoverPrompt');
export const checkTakeoverPromptClosed = checker<{ id: string }>('takeoverPromptClosed');
export const checkClockPong = checker<ClockPong>('clockPong');
export const checkAckResult = checker<AckResult>('ackResult');

// ---------------------------------------------------------------------------------------------
// Wall → hub

export const checkHandshakeAuth = checker<HandshakeAuth>('handshakeAuth');
export const checkConsoleHandshake = checker<{ token?: string }>('consoleHandshake');
export const checkAckRequest = checker<AckRequest>('ackRequest');
export const checkClockPing = checker<number>('clockPing');
export const checkWatchdogHistory = checker<WatchdogHistory>('watchdogHistory');
export const checkHealthReport = checker<HealthReport>('healthReport');
export const checkSnapshotRequest = checker<SnapshotRequest>('snapshotRequest');
export const checkLayoutSwitched = checker<LayoutSwitched>('layoutSwitched');
export const checkLayoutPrepared = checker<LayoutPrepared>('layoutPrepared');
export const checkLayoutRequest = checker<LayoutRequest>('layoutRequest');
/** Checks a `thumbnail` payload: shape, ids, mime, base64 and the size cap (not the image bytes). */
export const checkThumbnail = checker<Thumbnail>('thumbnail');
