/**
 * How alerts read on the wall, shared by ticker and alert-list: filtering by the tile's props,
 * ordering, and plain-text sanitising (the words themselves are core/wall/vocabulary.ts'). Alert text comes from integrations: it is shown as
 * the characters it is (pixi Text, never HTML), trimmed and with control characters removed so
 * a stray newline or bidi override cannot break a row.
 */
import { alertStateName, capitalise, severityRank } from '../../core/wall/vocabulary.js';
import { formatMoment } from '../../core/wall/format.js';
import type { PageAlert } from '../../core/page/host-messages.js';
import { ALERTS_TOPIC, type TopicData, type WallAlert } from '../store.js';

/** Control and bidi-override characters, replaced by a space. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]+/g;

export function plainText(s: unknown, max = 240): string {
  const t = String(s ?? '').replace(UNSAFE, ' ').replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/** The active alerts from a widget's data (with the wall's marks), filtered by `severities` and `sectors` props. */
export function alertsFrom(data: ReadonlyMap<string, TopicData>, props: Record<string, unknown>): WallAlert[] {
  const all = data.get(ALERTS_TOPIC)?.value;
  if (!Array.isArray(all)) return [];
  const sev = Array.isArray(props.severities) ? new Set(props.severities as string[]) : null;
  const sectors = Array.isArray(props.sectors) ? new Set(props.sectors as string[]) : null;
  return (all as WallAlert[]).filter(
    (a) => (!sev || sev.has(a.severity)) && (!sectors || sectors.has(a.sector)) && a.state !== 'cleared',
  );
}

/** Most severe first, then newest first (the store already sorts; kept here for other sources). */
export function sortAlerts(alerts: readonly PageAlert[]): PageAlert[] {
  return [...alerts].sort((a, b) => severityRank(a.severity) - severityRank(b.severity) || b.raisedAt - a.raisedAt);
}

/** What a widget compares to know an alert must be redrawn: content, state and the wall's marks. */
export function alertKey(a: WallAlert): string {
  return `${a.id}:${a.severity}:${a.updatedAt}:${a.state}:${a.acknowledgedBy ?? ''}:${a.pendingAck ? 'p' : ''}:${a.escalated ? 'e' : ''}:${a.selected ? 's' : ''}`;
}

/** The state line of an alert row: who acknowledged it and when, an acknowledgement on its way, or the open state (all words from core/wall/vocabulary.ts). */
export function ackStatus(a: WallAlert, lang: 'vi' | 'en', tz: string): string {
  if (a.state === 'acknowledged') {
    const who = plainText(a.acknowledgedBy ?? '', 100);
    const when = a.ackedAt !== undefined ? ` · ${shortTime(a.ackedAt, tz)}` : '';
    return `${capitalise(alertStateName('acknowledged', lang))}: ${who}${when}`;
  }
  if (a.pendingAck) {
    const who = plainText(a.pendingAck.operator, 100);
    return lang === 'vi' ? `Đang gửi xác nhận (${who})…` : `Sending acknowledgement (${who})…`;
  }
  // Every row says its state (ISA-18.2), an open alert too: the vocabulary's word for it.
  return capitalise(alertStateName(a.state, lang));
}

/** Escalated alerts blink: on for this many ms, off for as long. */
export const FLASH_MS = 500;
export function flashOn(nowMs: number): boolean {
  return Math.floor(nowMs / FLASH_MS) % 2 === 0;
}

/**
 * "14:05" in the wall's zone, "14:05 06/12" for another day than `nowMs`'s (an alert raised
 * yesterday must not read as today's). The page clock's day is close enough to the hub's for that.
 */
export function shortTime(ms: number, tz: string, nowMs: number = Date.now()): string {
  return formatMoment(ms, nowMs, tz);
}
