// Types of feed.mjs's pure part, for its test (test/bench/feed.test.ts).
export interface FeedTopic {
  topic: string;
  min: number;
  max: number;
}
export interface FeedUpdate {
  topic: string;
  value: number;
  t: number;
}
export interface FeedProbe {
  topic: string;
  everyMs: number;
  base: number;
  giveUpMs: number;
}
export const PROBE_BASE: number;
export function feedGenerator(options: { topics: FeedTopic[]; seed: number; probe: FeedProbe | null }): {
  next(n: number, now: number): { updates: FeedUpdate[]; marker: { value: number; sentAt: number } | null };
  seen(value: number): void;
  lost(): number;
  /** The page timer's next interval as a factor of its period (0.5–1.5, in pairs adding up to 2). */
  intervalFactor(): number;
};
export function startFeed(page: unknown, options: Record<string, unknown>): Promise<void>;
export function feedCount(page: unknown): Promise<Record<string, number>>;
export function stopFeed(page: unknown): Promise<void>;
