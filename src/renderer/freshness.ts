/**
 * When a tile's data counts as stale, and how its age reads. Pure functions of the wall clock, so
 * they are unit-tested without a page.
 */
import type { Freshness } from '../core/wall/model.js';
import { dailyDeadlineMissedAt } from '../core/wall/freshness.js';

/**
 * Whether data last updated at `lastUpdate` (null: never) is stale at `now`.
 * - maxAgeS: older than that; with no data at all, counted from `since` (when the tile appeared),
 *   so a feed that never starts is flagged after the same delay.
 * - dailyDeadline "HH:MM": late once today's deadline (wall time zone) has passed without an
 *   update today.
 */
export function isStale(
  freshness: Freshness | undefined,
  lastUpdate: number | null,
  now: number,
  tz: string,
  since: number,
): boolean {
  if (!freshness) return false;
  if ('maxAgeS' in freshness) return now - (lastUpdate ?? since) > freshness.maxAgeS * 1000;
  return dailyDeadlineMissedAt(freshness.dailyDeadline, lastUpdate, now, tz) !== null;
}

/** "3 phút trước" / "3 min ago"; "chưa có dữ liệu" / "no data yet" for null. */
export function formatAge(ageMs: number | null, lang: 'vi' | 'en'): string {
  if (ageMs === null) return lang === 'vi' ? 'chưa có dữ liệu' : 'no data yet';
  const s = Math.max(0, Math.floor(ageMs / 1000));
  const units: [number, string, string][] = [
    [86400, 'ngày', 'd'],
    [3600, 'giờ', 'h'],
    [60, 'phút', 'min'],
    [1, 'giây', 's'],
  ];
  for (const [size, vi, en] of units) {
    if (s >= size) {
      const n = Math.floor(s / size);
      return lang === 'vi' ? `${n} ${vi} trước` : `${n} ${en} ago`;
    }
  }
  return lang === 'vi' ? 'vừa xong' : 'just now';
}
