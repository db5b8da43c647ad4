/**
 * When the schedule switches the wall (docs/automation.md): entries of automation.yaml and of the
 * layouts' own `schedule:` resolved to instants in the wall's IANA zone, the entry in force at an
 * instant, and the rotation in force. Pure: the hub passes its clock.
 */
import type { Layout } from '../wall/model.js';
import { addDays, clockMinutes, localDate, localInstant, localStamp, weekdayOf } from './local-time.js';
import type { Automation, Rotation, ScheduleEntry, SwitchTarget, Weekday } from './model.js';

const DAY_MS = 86_400_000;
/** How far back `currentEntry` looks: a weekly entry is always found. */
export const LOOK_BACK_MS = 8 * DAY_MS;

/** One occurrence of a schedule entry (the same shape as the wire's ScheduledSwitch, src/core/protocol/automation.ts). */
export interface ScheduledSwitch {
  entry: string;
  target: SwitchTarget;
  at: number;
  local: string;
}

/** automation.yaml's entries plus each layout's `schedule:` (ids `layout:<layoutId>#<n>`, n from 1). */
export function allEntries(automation: Automation, layouts: readonly Layout[]): ScheduleEntry[] {
  const fromLayouts = layouts.flatMap((layout) =>
    (layout.schedule ?? []).map(
      (s, i): ScheduleEntry => ({
        id: `layout:${layout.id}#${i + 1}`,
        target: { layout: layout.id },
        at: s.at,
        ...(s.days ? { days: s.days as Weekday[] } : {}),
      }),
    ),
  );
  return [...automation.schedule, ...fromLayouts];
}

/** Whether `entry` fires on local date `date` (its days, its date range, or its one date). */
export function firesOn(entry: ScheduleEntry, date: string): boolean {
  if (entry.on !== undefined) return entry.on === date;
  if (entry.from !== undefined && date < entry.from) return false;
  if (entry.until !== undefined && date > entry.until) return false;
  return entry.days === undefined || entry.days.includes(weekdayOf(date));
}

/** The occurrences on local `date` of `entries`, unsorted, with their file index for ties. */
function occurrencesOn(entries: readonly ScheduleEntry[], date: string, timezone: string): { occ: ScheduledSwitch; index: number }[] {
  const out: { occ: ScheduledSwitch; index: number }[] = [];
  entries.forEach((entry, index) => {
    if (!firesOn(entry, date)) return;
    const at = localInstant(date, clockMinutes(entry.at), timezone);
    out.push({ occ: { entry: entry.id, target: entry.target, at, local: localStamp(at, timezone) }, index });
  });
  return out;
}

function soonestFirst(a: { occ: ScheduledSwitch; index: number }, b: { occ: ScheduledSwitch; index: number }): number {
  return a.occ.at - b.occ.at || a.index - b.index;
}

/** Every occurrence of `entries` with from < at <= to, soonest first (ties: file order). */
export function occurrences(entries: readonly ScheduleEntry[], from: number, to: number, timezone: string): ScheduledSwitch[] {
  if (to <= from || entries.length === 0) return [];
  // One local day either side: a local date's times may fall outside its UTC day.
  const last = addDays(localDate(to, timezone), 1);
  const found: { occ: ScheduledSwitch; index: number }[] = [];
  for (let date = addDays(localDate(from, timezone), -1); date <= last; date = addDays(date, 1)) {
    for (const o of occurrencesOn(entries, date, timezone)) if (o.occ.at > from && o.occ.at <= to) found.push(o);
  }
  return found.sort(soonestFirst).map((o) => o.occ);
}

/**
 * The first `limit` occurrences after `after` (exclusive), looking ahead at most `horizonDays`
 * local days: GET /api/schedule's `next`, where a one-off entry may be months away.
 */
export function nextOccurrences(
  entries: readonly ScheduleEntry[],
  after: number,
  timezone: string,
  limit = 10,
  horizonDays = 400,
): ScheduledSwitch[] {
  const found: { occ: ScheduledSwitch; index: number }[] = [];
  const start = addDays(localDate(after, timezone), -1);
  for (let day = 0; day <= horizonDays && entries.length > 0; day++) {
    for (const o of occurrencesOn(entries, addDays(start, day), timezone)) if (o.occ.at > after) found.push(o);
    // Local dates follow each other in time, so after a full day past the limit nothing sooner can come.
    if (found.length >= limit && day >= 2) break;
  }
  return found.sort(soonestFirst).slice(0, limit).map((o) => o.occ);
}

/** The latest occurrence at or before `now` (looking back 8 days), or null: what the schedule says the wall shows now. */
export function currentEntry(entries: readonly ScheduleEntry[], now: number, timezone: string): ScheduledSwitch | null {
  const past = occurrences(entries, now - LOOK_BACK_MS, now, timezone);
  const latest = past[past.length - 1];
  if (!latest) return null;
  // Several entries at the same instant: the first in file order wins.
  return past.find((o) => o.at === latest.at) ?? latest;
}

/** The window of `rotation` that opened on local `date`, if it runs that day: [start, end). */
function windowOn(rotation: Rotation, date: string, timezone: string): { start: number; end: number } | null {
  if (rotation.days !== undefined && !rotation.days.includes(weekdayOf(date))) return null;
  const from = clockMinutes(rotation.from);
  const to = clockMinutes(rotation.to);
  // `to` at or before `from`: the window crosses midnight (equal: a whole day).
  const endDate = to <= from ? addDays(date, 1) : date;
  return { start: localInstant(date, from, timezone), end: localInstant(endDate, to, timezone) };
}

/**
 * The rotation in force at `now`: its item, since when it shows and when the next item starts;
 * null outside every rotation's hours. `windowStart` is when its hours began (a schedule entry
 * firing later beats it). Items count from the window's start; several in force: the one that
 * opened last (ties: file order).
 */
export function rotationAt(
  automation: Automation,
  now: number,
  timezone: string,
): { rotation: string; item: number; target: SwitchTarget; since: number; nextAt: number; windowStart: number } | null {
  let best: { rotation: Rotation; start: number; end: number } | null = null;
  const today = localDate(now, timezone);
  for (const rotation of automation.rotations) {
    const cycleMs = rotation.items.reduce((sum, item) => sum + item.durationS * 1000, 0);
    if (cycleMs <= 0) continue;
    for (const date of [addDays(today, -1), today]) {
      const w = windowOn(rotation, date, timezone);
      if (!w || now < w.start || now >= w.end) continue;
      if (!best || w.start > best.start) best = { rotation, ...w };
    }
  }
  if (!best) return null;
  const { rotation, start, end } = best;
  const cycleMs = rotation.items.reduce((sum, item) => sum + item.durationS * 1000, 0);
  let since = start + Math.floor((now - start) / cycleMs) * cycleMs;
  for (let item = 0; item < rotation.items.length; item++) {
    const durationMs = rotation.items[item]!.durationS * 1000;
    if (now < since + durationMs || item === rotation.items.length - 1) {
      return { rotation: rotation.id, item, target: rotation.items[item]!.target, since, nextAt: Math.min(since + durationMs, end), windowStart: start };
    }
    since += durationMs;
  }
  return null;
}
