/**
 * When a tile's data counts as stale (its age reads through core/wall/format.ts formatAge). A pure
 * function of the wall clock, so it is unit-tested without a page.
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
