/**
 * One window's camera decoders: sources are ref-counted by URL, so a camera spanning several
 * screens of a window, or shown twice, is decoded once; and at most `budget` are decoded at a
 * time. Beyond the budget the lowest-priority cameras wait (their tiles show the "decoder budget
 * exceeded" placeholder) and take the next slot that frees, in priority order, first come first
 * served within a priority. A higher-priority camera arriving when the budget is full displaces
 * the lowest one. A tile that is not shown (hidden by degraded mode) gives its hold up without
 * letting go: a camera none of whose tiles is shown has no decoder and no place in the queue, and
 * when a tile shows it again it ranks as it did, arrival kept. docs/cameras.md describes the degradation.
 *
 * Generic over the source so it is tested without a DOM; the camera widget plugs in CameraSource.
 */
import { PRIORITIES, type Priority, type Size } from '../../core/wall/model.js';

/** What the pool needs from a decoder. */
export interface PooledSource {
  /** The largest tile size (device px) showing it, for capping the stream variant. */
  setMaxSize(size: Size): void;
  destroy(): void;
}

export interface LeaseOptions<S> {
  priority: Priority;
  /** Tile size in device px. */
  size: Size;
  /** Whether the tile is on screen (default true); see CameraLease.setShown. */
  shown?: boolean;
  /**
   * Called when the lease later gains a source or loses it to a higher-priority camera; not
   * during acquire() itself (read `lease.source` from its result), so a constructor can acquire.
   */
  onChange(source: S | null): void;
}

/** One tile's hold on a camera. `source` is null while the camera waits for a decoder slot. */
export interface CameraLease<S> {
  readonly url: string;
  readonly source: S | null;
  /** Whether the tile is on screen (LeaseOptions.shown at acquire). */
  readonly shown: boolean;
  setSize(size: Size): void;
  /**
   * The tile was hidden (false) or shown again (true). A camera with no shown tile frees its decoder
   * for the next waiting camera; shown again, it ranks with its original arrival, so it takes back a
   * slot from a later camera of equal or lower priority, as it would have held it all along.
   */
  setShown(shown: boolean): void;
  /** Idempotent. The last release of a URL frees its decoder for the next waiting camera. */
  release(): void;
}

export interface PoolSnapshot {
  budget: number;
  /** URLs being decoded, in priority order. */
  active: string[];
  /** URLs waiting for a slot, in the order they will get one. */
  waiting: string[];
  /** URLs none of whose tiles is shown: no decoder, not waiting either. */
  paused: string[];
}

interface Entry<S extends PooledSource> {
  url: string;
  /** Arrival order: breaks ties between equal priorities, first come first served. */
  seq: number;
  source: S | null;
  leases: Set<Lease<S>>;
}

class Lease<S extends PooledSource> implements CameraLease<S> {
  public released = false;
  public shown = true;
  /** False until acquire() returns: no callbacks into a half-built owner. */
  public acquired = false;
  public constructor(
    private readonly pool: CameraPool<S>,
    private readonly entry: Entry<S>,
    public size: Size,
    public readonly priority: Priority,
    public readonly onChange: (source: S | null) => void,
  ) {}
  public get url(): string {
    return this.entry.url;
  }
  public get source(): S | null {
    return this.released ? null : this.entry.source;
  }
  public setSize(size: Size): void {
    this.size = size;
    this.pool.resize(this.entry);
  }
  public setShown(shown: boolean): void {
    if (this.released || shown === this.shown) return;
    this.shown = shown;
    this.pool.resize(this.entry);
    this.pool.rebalance();
  }
  public release(): void {
    if (this.released) return;
    this.released = true;
    this.pool.drop(this.entry, this);
  }
}

const rank = (p: Priority): number => PRIORITIES.indexOf(p);
/** A camera wants a decoder while one of its tiles is shown. */
const wanted = <S extends PooledSource>(e: Entry<S>): boolean => [...e.leases].some((l) => l.shown);

export class CameraPool<S extends PooledSource> {
  private readonly entries = new Map<string, Entry<S>>();
  private seq = 0;

  public constructor(
    private readonly create: (url: string) => S,
    private budget: number,
  ) {}

  public acquire(url: string, options: LeaseOptions<S>): CameraLease<S> {
    let entry = this.entries.get(url);
    if (!entry) {
      entry = { url, seq: this.seq++, source: null, leases: new Set() };
      this.entries.set(url, entry);
    }
    const lease = new Lease(this, entry, options.size, options.priority, options.onChange);
    lease.shown = options.shown ?? true;
    entry.leases.add(lease);
    if (entry.source) this.resize(entry);
    else this.rebalance();
    lease.acquired = true;
    return lease;
  }

  public setBudget(budget: number): void {
    this.budget = Math.max(0, Math.floor(budget));
    this.rebalance();
  }

  public snapshot(): PoolSnapshot {
    const order = this.ordered();
    return {
      budget: this.budget,
      active: order.filter((e) => e.source).map((e) => e.url),
      waiting: order.filter((e) => !e.source).map((e) => e.url),
      paused: [...this.entries.values()].filter((e) => !wanted(e)).sort((a, b) => a.seq - b.seq).map((e) => e.url),
    };
  }

  /** Frees every decoder; leases still held see their source go. */
  public destroy(): void {
    for (const e of this.entries.values()) this.deactivate(e);
    this.entries.clear();
  }

  /** @internal Lease → pool: the largest size among a URL's shown tiles caps its variant. */
  public resize(entry: Entry<S>): void {
    if (!entry.source) return;
    let width = 0;
    let height = 0;
    for (const l of entry.leases) {
      if (!l.shown) continue;
      width = Math.max(width, l.size.width);
      height = Math.max(height, l.size.height);
    }
    entry.source.setMaxSize({ width, height });
  }

  /** @internal Lease → pool. */
  public drop(entry: Entry<S>, lease: Lease<S>): void {
    entry.leases.delete(lease);
    if (entry.leases.size > 0) {
      this.resize(entry);
      this.rebalance(); // its priority may have dropped
      return;
    }
    this.entries.delete(entry.url);
    if (entry.source) {
      const source = entry.source;
      entry.source = null;
      source.destroy();
    }
    this.rebalance();
  }

  /** Entries with a shown tile, by best priority among their shown tiles, then arrival. */
  private ordered(): Entry<S>[] {
    const best = (e: Entry<S>): number => Math.min(...[...e.leases].filter((l) => l.shown).map((l) => rank(l.priority)));
    return [...this.entries.values()].filter(wanted).sort((a, b) => best(a) - best(b) || a.seq - b.seq);
  }

  /**
   * @internal Frees decoders first (cameras past the budget, and cameras no tile shows), then starts
   * new ones, so the budget is never exceeded, even briefly.
   */
  public rebalance(): void {
    const order = this.ordered();
    const decode = new Set(order.slice(0, this.budget));
    for (const e of [...this.entries.values()]) if (!decode.has(e) && e.source) this.deactivate(e);
    for (const e of order) {
      // A change callback may have released leases meanwhile: skip entries that went away.
      if (!decode.has(e) || e.source || this.entries.get(e.url) !== e) continue;
      e.source = this.create(e.url);
      this.resize(e);
      this.notify(e);
    }
  }

  private deactivate(e: Entry<S>): void {
    if (!e.source) return;
    const source = e.source;
    e.source = null;
    this.notify(e);
    source.destroy();
  }

  private notify(e: Entry<S>): void {
    // Copy: a callback may release its lease (and so edit the set) while we iterate.
    for (const l of [...e.leases]) if (!l.released && l.acquired) l.onChange(e.source);
  }
}
