/**
 * Local wall-clock dates and times in an IANA zone turned into instants, with `Intl` only (no
 * time-zone library): the schedule's and rotation's arithmetic. DST rules (docs/automation.md):
 * a local time skipped by a jump forward resolves to the first instant after the gap; a local time
 * that happens twice (the hour repeated when clocks go back) resolves to the first.
 */
import { zoneOffsetMs, zoneParts } from '../wall/format.js';
import { WEEKDAYS, type Weekday } from './model.js';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

const two = (n: number): string => String(n).padStart(2, '0');

/** "HH:MM" with 00 ≤ HH ≤ 23 and 00 ≤ MM ≤ 59: "24:00" and "07:60" do not exist. */
export const CLOCK_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Minutes since local midnight of a valid "HH:MM". */
export function clockMinutes(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

/** Whether "YYYY-MM-DD" is a real calendar date (no 2026-02-30). */
export function isCalendarDate(date: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() + 1 === Number(m[2]) && d.getUTCDate() === Number(m[3]);
}

function dateUtcMidnight(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
}

function dateOfUtcMidnight(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}`;
}

/** The date `days` after (or before, when negative) local date `date`. */
export function addDays(date: string, days: number): string {
  return dateOfUtcMidnight(dateUtcMidnight(date) + days * DAY_MS);
}

/** `mon` … `sun` of a local date. */
export function weekdayOf(date: string): Weekday {
  return WEEKDAYS[(new Date(dateUtcMidnight(date)).getUTCDay() + 6) % 7]!;
}

/** The local date ("YYYY-MM-DD") of instant `ms` in zone `tz`. */
export function localDate(ms: number, tz: string): string {
  const p = zoneParts(ms, tz);
  return `${p.year}-${two(p.month)}-${two(p.day)}`;
}

/** "YYYY-MM-DD HH:MM" of instant `ms` in zone `tz`. */
export function localStamp(ms: number, tz: string): string {
  const p = zoneParts(ms, tz);
  return `${p.year}-${two(p.month)}-${two(p.day)} ${two(p.hour)}:${two(p.minute)}`;
}

/**
 * The instant at which the wall clock in `tz` reads `minutes` after midnight of local `date`.
 * Skipped (in a DST gap): the first instant after the gap. Repeated: the first of the two.
 */
export function localInstant(date: string, minutes: number, tz: string): number {
  // The local reading taken as if it were UTC; the real instant is this less the zone's offset.
  const naive = dateUtcMidnight(date) + minutes * MINUTE_MS;
  const before = zoneOffsetMs(naive - DAY_MS, tz);
  const after = zoneOffsetMs(naive + DAY_MS, tz);
  const candidates = [naive - before, naive - after].sort((a, b) => a - b);
  for (const at of candidates) if (at + zoneOffsetMs(at, tz) === naive) return at;
  // In a gap: offsets jump from `before` to `after` somewhere in (naive - after, naive - before].
  // Offsets change on whole minutes, so a search over minutes finds the first instant after it.
  let lo = Math.floor((naive - after) / MINUTE_MS);
  let hi = Math.ceil((naive - before) / MINUTE_MS);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (zoneOffsetMs(mid * MINUTE_MS, tz) === before) lo = mid;
    else hi = mid;
  }
  return hi * MINUTE_MS;
}
