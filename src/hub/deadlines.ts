/**
 * Daily freshness deadlines: a topic shown by a tile with `freshness: { dailyDeadline: "HH:MM" }`
 * must be updated every day before that time in the wall's time zone (Sơn La's subsystems: 17:00,
 * Asia/Ho_Chi_Minh). Pure functions of the clock, so tests pass any instant.
 */
import type { Layout } from '../core/wall/model.js';
import type { LateTopic } from '../core/protocol/protocol.js';
import { dailyDeadlineMissedAt, minutesOfDay as minutesOf } from '../core/wall/freshness.js';

/**
 * Topic → earliest daily deadline among the tiles (of all layouts) that show it. A topic shown
 * with two deadlines must meet the earlier one.
 */
export function collectDeadlines(layouts: readonly Layout[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const layout of layouts) {
    for (const tile of layout.tiles) {
      const f = tile.freshness;
      if (!f || !('dailyDeadline' in f)) continue;
      for (const topic of tile.topics) {
        const prev = out.get(topic);
        if (prev === undefined || minutesOf(f.dailyDeadline) < minutesOf(prev)) out.set(topic, f.dailyDeadline);
      }
    }
  }
  return out;
}

/** Topic → smallest `maxAgeS` among the tiles that show it. */
export function collectMaxAges(layouts: readonly Layout[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const layout of layouts) {
    for (const tile of layout.tiles) {
      const f = tile.freshness;
      if (!f || !('maxAgeS' in f)) continue;
      for (const topic of tile.topics) out.set(topic, Math.min(out.get(topic) ?? Infinity, f.maxAgeS));
    }
  }
  return out;
}

/**
 * Whether a topic with `deadline` is late at `now`: today's deadline has passed and its last
 * update (null: never) was not today. Returns the late entry or null.
 */
export function lateness(topic: string, deadline: string, lastAt: number | null, now: number, tz: string): LateTopic | null {
  const lateSince = dailyDeadlineMissedAt(deadline, lastAt, now, tz);
  return lateSince === null ? null : { topic, deadline, lastAt, lateSince };
}

/** Every late topic at `now`, sorted by topic. */
export function lateTopics(
  deadlines: ReadonlyMap<string, string>,
  lastAt: (topic: string) => number | null,
  now: number,
  tz: string,
): LateTopic[] {
  const out: LateTopic[] = [];
  for (const [topic, deadline] of deadlines) {
    const late = lateness(topic, deadline, lastAt(topic), now, tz);
    if (late) out.push(late);
  }
  return out.sort((a, b) => a.topic.localeCompare(b.topic));
}
