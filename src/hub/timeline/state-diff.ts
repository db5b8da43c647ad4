/**
 * What the timeline records by watching state rather than hearing of changes: cameras, late topics
 * and wall windows are read every few seconds and each difference from the last reading becomes an
 * event. Pure: the recorder reads, this compares.
 */
import type { CameraInfo } from '../../core/protocol/cameras.js';
import type { LateTopic } from '../../core/protocol/protocol.js';
import type { NewTimelineEvent } from '../../core/protocol/timeline.js';
import type { WallInfo } from '../../core/protocol/walls.js';

/** A topic's sector, as the topic names say it (docs/topics.md): its first segment. */
export const topicSector = (topic: string): string => topic.split('.')[0] ?? topic;

const event = (at: number, e: Omit<NewTimelineEvent, 'at' | 'severity' | 'actor'> & Partial<NewTimelineEvent>): NewTimelineEvent => ({ at, severity: null, actor: null, ...e });

/** Each camera whose state changed since `before` (id → state), at the time it changed. */
export function cameraChanges(before: ReadonlyMap<string, string>, now: readonly CameraInfo[]): NewTimelineEvent[] {
  return now
    .filter((c) => before.get(c.id) !== c.state)
    .map((c) => event(c.since, { kind: 'camera', subject: c.id, what: c.state, sector: 'cameras', detail: { title: c.title, error: c.error ?? null, from: before.get(c.id) ?? null } }));
}

/** Topics that went late, and late topics whose data came (no longer on the list). */
export function lateChanges(before: ReadonlyMap<string, LateTopic>, now: readonly LateTopic[], at: number): NewTimelineEvent[] {
  const current = new Map(now.map((l) => [l.topic, l]));
  const out: NewTimelineEvent[] = [];
  for (const l of now) {
    if (!before.has(l.topic)) out.push(event(l.lateSince, { kind: 'late', subject: l.topic, what: 'late', sector: topicSector(l.topic), detail: { deadline: l.deadline, lastAt: l.lastAt } }));
  }
  for (const [topic, l] of before) {
    if (!current.has(topic)) out.push(event(at, { kind: 'late', subject: topic, what: 'arrived', sector: topicSector(topic), detail: { deadline: l.deadline, lateSince: l.lateSince } }));
  }
  return out;
}

/** Windows that connected or disconnected, and changes of the dead screens. */
export function wallChanges(before: ReadonlyMap<string, boolean>, now: readonly WallInfo[], deadBefore: readonly string[], deadNow: readonly string[], at: number): NewTimelineEvent[] {
  const out: NewTimelineEvent[] = [];
  for (const w of now) {
    const id = `${w.node}/${w.window}`;
    const was = before.get(id);
    if (was === w.connected) continue;
    if (was === undefined && !w.connected) continue; // known from a former run, still away: nothing happened now
    const when = w.connected ? (w.connectedAt ?? at) : (w.disconnectedAt ?? at);
    out.push(event(when, { kind: 'wall', subject: id, what: w.connected ? 'connected' : 'disconnected', sector: 'wall', detail: { screens: w.screens, reason: w.disconnectReason } }));
  }
  const key = (s: readonly string[]): string => [...s].sort().join(',');
  if (key(deadBefore) !== key(deadNow)) {
    out.push(event(at, { kind: 'wall', subject: 'screens', what: 'dead-screens', sector: 'wall', detail: { deadScreens: [...deadNow].sort(), before: [...deadBefore].sort() } }));
  }
  return out;
}
