/**
 * The recent history of chart topics, so a wall that (re)connects draws its charts' whole window at
 * once instead of one point growing back over an hour (docs/protocol.md, feature `history`).
 *
 * Which topics and how far back: a topic read by a line, area or sparkline chart of any layout of
 * the project keeps the longest `windowS` of those charts (collectHistoryWindows). Bounded three
 * ways: by age (points older than the window are dropped), per topic (the window is thinned to
 * `perTopic` points: while the last point is closer than window / perTopic to the one before it, a
 * new point replaces it, so the newest value is always kept and the rest are a spacing apart) and in
 * total (perTopic is LIMITS.historyTotal shared among the chart topics, at most
 * LIMITS.historyPoints). Only the number a chart draws is kept, not the whole value.
 *
 * Durable like last values: changes are written to the store in batches (TopicService's flush),
 * one transaction; a crash loses at most the last flush interval of history.
 */
import type { Layout } from '../core/wall/model.js';
import { type TopicHistory } from '../core/protocol/protocol.js';
import { LIMITS } from '../core/protocol/limits.js';
import type { HistoryChange, HistoryPoint } from './storage/store-types.js';

/** Chart kinds that draw values over time; bars and gauges show only the latest value. */
const TIME_KINDS = new Set(['line', 'area', 'sparkline']);
/** A chart tile's window when its props do not say (src/core/files/schemas/widget-props.ts). */
const DEFAULT_WINDOW_S = 3600;

/** Topic → the longest window (seconds) of the time charts that read it, over all layouts. */
export function collectHistoryWindows(layouts: readonly Layout[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const layout of layouts) {
    for (const tile of layout.tiles) {
      if (tile.widget !== 'chart' || !TIME_KINDS.has(String(tile.props.kind ?? 'line'))) continue;
      const w = tile.props.windowS;
      const windowS = typeof w === 'number' && Number.isFinite(w) && w > 0 ? w : DEFAULT_WINDOW_S;
      for (const topic of tile.topics) out.set(topic, Math.max(out.get(topic) ?? 0, windowS));
    }
  }
  return out;
}

/**
 * The number a chart draws from a value: a finite number, or an object's numeric `value` (the same
 * rule as numericValue in src/renderer/widgets/chart/series.ts). Anything else is not history.
 */
export function chartNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (value && typeof value === 'object' && !Array.isArray(value) && 'value' in value) {
    const v = (value as { value: unknown }).value;
    return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
  }
  return undefined;
}

export class HistoryKeeper {
  private readonly series = new Map<string, HistoryPoint[]>();
  /** Per topic changed since the last take: the earliest t whose point changed (Infinity: only trimmed). */
  private readonly changed = new Map<string, number>();
  /** Points per topic: LIMITS.historyTotal shared among the chart topics, at most LIMITS.historyPoints. */
  public readonly perTopic: number;

  /** `windows`: topic → seconds (collectHistoryWindows). */
  public constructor(
    private readonly windows: ReadonlyMap<string, number>,
    private readonly now: () => number,
  ) {
    this.perTopic = Math.max(1, Math.min(LIMITS.historyPoints, Math.floor(LIMITS.historyTotal / Math.max(1, windows.size))));
  }

  /** Whether `topic` keeps a history at all. */
  public has(topic: string): boolean {
    return this.windows.has(topic);
  }

  /** Whether `topic` keeps a history and has no point in it yet. */
  public isEmpty(topic: string): boolean {
    return this.windows.has(topic) && (this.series.get(topic)?.length ?? 0) === 0;
  }

  /** The longest window of any topic (seconds), 0 without chart topics. */
  public get longestWindowS(): number {
    return Math.max(0, ...this.windows.values());
  }

  /** Takes back what the store kept (oldest first per topic); topics no chart reads any more are left out. */
  public restore(points: Iterable<{ topic: string } & HistoryPoint>): void {
    for (const p of points) {
      if (!this.windows.has(p.topic)) continue;
      const list = this.series.get(p.topic) ?? [];
      const last = list[list.length - 1];
      if (last && p.t <= last.t) continue;
      list.push({ t: p.t, v: p.v });
      this.series.set(p.topic, list);
    }
    for (const topic of this.series.keys()) this.trim(topic);
  }

  /**
   * Records an accepted update. A value a chart cannot draw, and one older than the topic's newest
   * point (an integration resending the past), are left out: the history stays in time order.
   */
  public record(topic: string, value: unknown, t: number): void {
    const windowS = this.windows.get(topic);
    const v = chartNumber(value);
    if (windowS === undefined || v === undefined) return;
    let list = this.series.get(topic);
    if (!list) this.series.set(topic, (list = []));
    const last = list[list.length - 1];
    if (last && t < last.t) return;
    const before = list[list.length - 2];
    const spacing = (windowS * 1000) / this.perTopic;
    // The last point stands in for everything since `before` until it is a spacing past it.
    if (last && (t === last.t || (before && last.t - before.t < spacing))) {
      this.markChanged(topic, last.t);
      list[list.length - 1] = { t, v };
    } else {
      this.markChanged(topic, t);
      list.push({ t, v });
    }
    this.trim(topic);
  }

  /** Drops points older than their window (also done on every record and read). */
  public prune(): void {
    for (const topic of this.series.keys()) this.trim(topic);
  }

  /** Every topic's history within its window, for a snapshot (topics without points left out). */
  public snapshot(): TopicHistory[] {
    const out: TopicHistory[] = [];
    let total = 0;
    for (const [topic, list] of this.series) {
      this.trim(topic);
      if (list.length === 0) continue;
      const room = LIMITS.historyTotal - total; // perTopic keeps this positive; a guard all the same
      if (room <= 0) break;
      const points = list.length > room ? list.slice(list.length - room) : list;
      total += points.length;
      out.push({ topic, t: points.map((p) => p.t), v: points.map((p) => p.v) });
    }
    return out;
  }

  /** One topic's points now (tests, REST). */
  public points(topic: string): HistoryPoint[] {
    this.trim(topic);
    return [...(this.series.get(topic) ?? [])];
  }

  /** What changed since the last call, for the store: per topic its first kept t and the points to rewrite. */
  public takeChanges(): HistoryChange[] {
    const out: HistoryChange[] = [];
    for (const [topic, from] of this.changed) {
      const list = this.series.get(topic) ?? [];
      out.push({ topic, keepFrom: list[0]?.t ?? Infinity, rewriteFrom: from, points: list.filter((p) => p.t >= from) });
    }
    this.changed.clear();
    return out;
  }

  /** Changes takeChanges gave that could not be stored: they are taken again next time. */
  public putBack(changes: readonly HistoryChange[]): void {
    for (const c of changes) this.markChanged(c.topic, c.rewriteFrom);
  }

  private markChanged(topic: string, t: number): void {
    this.changed.set(topic, Math.min(this.changed.get(topic) ?? Infinity, t));
  }

  /** Drops points older than the window, then the oldest past perTopic. */
  private trim(topic: string): void {
    const list = this.series.get(topic);
    const windowS = this.windows.get(topic);
    if (!list || windowS === undefined) return;
    const cutoff = this.now() - windowS * 1000;
    let drop = 0;
    while (drop < list.length && list[drop]!.t < cutoff) drop++;
    drop = Math.max(drop, list.length - this.perTopic);
    if (drop <= 0) return;
    list.splice(0, drop);
    if (!this.changed.has(topic)) this.changed.set(topic, Infinity);
  }
}
