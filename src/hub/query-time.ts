/**
 * Times in REST queries (`since`, `from`, `to`, `t`: ms since the epoch or ISO 8601, as their schemas
 * allow) and the tolerance the hub gives clocks that differ from its own.
 */

/** A query's time in ms; NaN when it is not a date (the schema let a malformed ISO date through). */
export function queryTimeMs(value: string): number {
  return /^\d+$/.test(value) ? Number(value) : Date.parse(value);
}

/** A time this far ahead of the hub's clock still counts as now (clocks differ). */
export const CLOCK_SKEW_MS = 60_000;
export const DAY_MS = 86_400_000;
