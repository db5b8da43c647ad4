/**
 * Live data: the latest value of every topic, handed to walls through the fanout, written to the
 * store at most once a second (one transaction for everything that changed), and checked against
 * the daily deadlines of the loaded layouts. Chart topics also keep a recent history
 * (topic-history.ts), written in the same batches. When the set of late topics changes, walls get the
 * whole new list (`topics:late`).
 */
import { LIMITS } from '../core/protocol/limits.js';
import type { LateTopic, TopicHistory, TopicUpdate } from '../core/protocol/protocol.js';
import type { PublishRequest } from '../core/protocol/rest-bodies.js';
import { lateTopics } from './deadlines.js';
import type { UpdateFanout, WallNamespace } from './fanout.js';
import type { Metrics } from './metrics.js';
import type { HubStore } from './storage/store.js';
import type { StoredValue } from './storage/store-types.js';
import { storageFault } from './storage/storage-errors.js';
import { HistoryKeeper } from './topic-history.js';

export interface TopicInfo {
  topic: string;
  lastAt: number | null;
  receivedAt: number | null;
  value?: unknown;
  /** Daily deadline "HH:MM" from the layouts, if any. */
  deadline: string | null;
  late: boolean;
  lateSince: number | null;
  /** Smallest maxAgeS of the tiles showing it, if any. */
  maxAgeS: number | null;
  /** Older than maxAgeS (by receipt time), or never received. */
  stale: boolean;
}

export interface TopicOptions {
  /** Topic → daily deadline "HH:MM" (from the layouts' tiles). */
  deadlines: ReadonlyMap<string, string>;
  /** Topic → maxAgeS (from the layouts' tiles), reported in list(). */
  maxAges: ReadonlyMap<string, number>;
  timezone: string;
  /** Topic → seconds of history to keep (the longest chart window, collectHistoryWindows); none when absent. */
  historyWindows?: ReadonlyMap<string, number>;
  /** How often the last values and history changes go to disk (default 1000 ms). */
  flushMs: number;
  /** How often deadlines are checked (default 10 000 ms); they are also checked on every read. */
  lateCheckMs: number;
  /** Told once when the timed flush cannot write (database locked, disk full) and once when it can again. */
  log?: (message: string) => void;
}

export class TopicService {
  private readonly values = new Map<string, StoredValue>();
  private readonly dirty = new Set<string>();
  private late: LateTopic[] = [];
  private lateKey = '';
  private readonly timers: ReturnType<typeof setInterval>[] = [];
  private readonly recent: HistoryKeeper;
  /** The storage fault the last timed flush met, if any (logged once per fault). */
  private flushFault: string | null = null;
  /** The flush running now, if any. */
  private flushing: Promise<void> = Promise.resolve();

  public constructor(
    private readonly store: HubStore,
    private readonly fanout: UpdateFanout,
    private readonly ns: WallNamespace,
    private readonly metrics: Metrics,
    private readonly now: () => number,
    private readonly options: TopicOptions,
  ) {
    this.recent = new HistoryKeeper(options.historyWindows ?? new Map(), now);
  }

  public async init(): Promise<void> {
    for (const v of await this.store.topics.loadValues()) this.values.set(v.topic, v);
    const charted = new Set(this.options.historyWindows?.keys() ?? []);
    await this.store.topics.keepHistoryOf(charted);
    this.recent.restore(await this.store.topics.loadHistory());
    this.checkLate();
    this.timers.push(setInterval(() => void this.flushOrKeep(), this.options.flushMs));
    this.timers.push(setInterval(() => this.checkLate(), this.options.lateCheckMs));
    for (const t of this.timers) t.unref();
  }

  /** Whether publishing `updates` would take the hub past LIMITS.topics distinct topics. */
  public wouldExceedTopics(updates: PublishRequest['updates']): boolean {
    if (this.values.size + updates.length <= LIMITS.topics) return false;
    const fresh = new Set(updates.map((u) => u.topic).filter((t) => !this.values.has(t)));
    return this.values.size + fresh.size > LIMITS.topics;
  }

  private readonly listeners = new Set<(update: TopicUpdate) => void>();

  /** Calls `fn` with every accepted update (the baseline forecaster's sampler); returns the way to stop. */
  public onPublished(fn: (update: TopicUpdate) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Accepts checked updates (`t` defaults to now) and queues them for the walls. */
  public publish(updates: PublishRequest['updates']): TopicUpdate[] {
    const receivedAt = this.now();
    const out: TopicUpdate[] = [];
    let touchedDeadline = false;
    for (const u of updates) {
      const update: TopicUpdate = { topic: u.topic, value: u.value, t: u.t ?? receivedAt };
      this.values.set(u.topic, { ...update, receivedAt });
      this.dirty.add(u.topic);
      this.recent.record(u.topic, u.value, update.t);
      for (const fn of this.listeners) fn(update);
      if (this.options.deadlines.has(u.topic)) touchedDeadline = true;
      out.push(update);
    }
    this.fanout.push(out);
    this.metrics.countUpdates(out.length);
    if (touchedDeadline && this.late.length) this.checkLate();
    return out;
  }

  /** Latest value of every topic, for snapshots. */
  public latest(): TopicUpdate[] {
    return [...this.values.values()].map(({ topic, value, t }) => ({ topic, value, t }));
  }

  /** The recent history of every chart topic that has one (pruned to its window), for snapshots. */
  public history(): TopicHistory[] {
    return this.recent.snapshot();
  }

  /**
   * Seeds the history of the chart topics that have none yet with `past` (the demo's invented
   * past): only the history; values, walls and deadlines are not touched. Returns how many topics
   * were seeded.
   */
  public seedHistory(past: (sink: (updates: readonly TopicUpdate[]) => void) => void): number {
    const empty = new Set<string>();
    for (const topic of this.options.historyWindows?.keys() ?? []) if (this.recent.isEmpty(topic)) empty.add(topic);
    if (empty.size === 0) return 0;
    past((updates) => {
      for (const u of updates) if (empty.has(u.topic)) this.recent.record(u.topic, u.value, u.t);
    });
    return empty.size;
  }

  /** The keeper itself, for tests and diagnostics. */
  public get historyKeeper(): HistoryKeeper {
    return this.recent;
  }

  /** The late topics now (checked against the clock first). */
  public currentLate(): LateTopic[] {
    this.checkLate();
    return this.late;
  }

  /** Every topic that has a value or a deadline, with its lateness now. */
  public list(withValues: boolean): TopicInfo[] {
    this.checkLate();
    const late = new Map(this.late.map((l) => [l.topic, l]));
    const now = this.now();
    return this.names().sort().map((topic) => {
      const v = this.values.get(topic);
      const l = late.get(topic);
      const maxAgeS = this.options.maxAges.get(topic) ?? null;
      const info: TopicInfo = {
        topic,
        lastAt: v?.t ?? null,
        receivedAt: v?.receivedAt ?? null,
        deadline: this.options.deadlines.get(topic) ?? null,
        late: l !== undefined,
        lateSince: l?.lateSince ?? null,
        maxAgeS,
        stale: maxAgeS !== null && (!v || now - v.receivedAt > maxAgeS * 1000),
      };
      if (withValues && v) info.value = v.value;
      return info;
    });
  }

  public count(): number {
    return this.names().length;
  }

  private names(): string[] {
    return [...new Set([...this.values.keys(), ...this.options.deadlines.keys(), ...this.options.maxAges.keys()])];
  }

  /** Recomputes the late list; pushes it to walls when it changed. */
  public checkLate(): void {
    const late = lateTopics(this.options.deadlines, (t) => this.values.get(t)?.receivedAt ?? null, this.now(), this.options.timezone);
    const key = late.map((l) => `${l.topic}@${l.lateSince}`).join('|');
    if (key === this.lateKey) return;
    this.late = late;
    this.lateKey = key;
    this.ns.emit('topics:late', { at: this.now(), late });
  }

  /** Writes what changed since the last flush; one flush at a time (a timed one still running is waited for). */
  public flushToStore(): Promise<void> {
    const run = this.flushing.then(() => this.flushNow());
    this.flushing = run.catch(() => undefined);
    return run;
  }

  private async flushNow(): Promise<void> {
    this.recent.prune();
    const history = this.recent.takeChanges();
    const dirty = [...this.dirty];
    this.dirty.clear();
    try {
      await this.store.topics.saveHistory(history);
      const changed: StoredValue[] = [];
      for (const topic of dirty) {
        const v = this.values.get(topic);
        if (v) changed.push(v);
      }
      if (changed.length > 0) await this.store.topics.saveValues(changed);
    } catch (e) {
      // Not written: keep it for the next flush, so a locked or full database loses no value.
      this.recent.putBack(history);
      for (const topic of dirty) this.dirty.add(topic);
      throw e;
    }
  }

  /** The timed flush: a storage fault keeps the values in memory and is logged once, not thrown. */
  private async flushOrKeep(): Promise<void> {
    try {
      await this.flushToStore();
      if (this.flushFault !== null) this.options.log?.('topic values are stored again');
      this.flushFault = null;
    } catch (e) {
      const fault = storageFault(e);
      if (!fault) return void this.options.log?.(`topic values not stored: ${(e as Error).message}`);
      if (this.flushFault === null) this.options.log?.(`topic values are kept in memory until they can be stored: ${fault.message}`);
      this.flushFault = fault.message;
    }
  }

  /** Stops the timers and writes what is not stored yet; safe to call twice. */
  public async destroy(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    this.timers.length = 0;
    await this.flushToStore();
  }
}
