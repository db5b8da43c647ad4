/**
 * Holding the lease over time: the leader renews it every ttl/3, and trusts it only by its OWN
 * monotonic clock: a grant asked for at instant s is good until s + ttl − margin, whatever the
 * answer's delay (the database counted the ttl from a moment after s). Past that instant without a
 * renewal, the keeper steps down by itself: the database may have let another hub take over. A
 * renewal the database refuses is a loss at once.
 *
 * `lost` is called once per grant, with the reason; then the hub stops writing (the fence refuses
 * its writes anyway) and exits (src/hub/leadership/active-standby.ts).
 */
import type { PgLease } from './lease.js';

/** The part of PgLease the keeper uses (tests give a fake). */
export type LeaseRow = Pick<PgLease, 'tryAcquire' | 'renew' | 'release'>;

export interface LeaseTimings {
  /** How long one grant or renewal lasts, by the database's clock. Default 10 000 ms. */
  ttlMs: number;
  /** Kept in hand for clock rate differences and scheduling: the keeper steps down this early. Default ttl/5. */
  marginMs?: number;
}

export interface LeaseKeeperOptions extends LeaseTimings {
  /** Monotonic milliseconds (default performance.now). */
  monotonic?: () => number;
  lost: (reason: string) => void;
  log?: (message: string) => void;
}

export const DEFAULT_LEASE_TTL_MS = 10_000;

export class LeaseKeeper {
  private token: bigint | null = null;
  private validUntil = 0;
  private renewTimer: ReturnType<typeof setTimeout> | null = null;
  private expiryTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly mono: () => number;
  private readonly marginMs: number;

  public constructor(
    private readonly lease: LeaseRow,
    private readonly o: LeaseKeeperOptions,
  ) {
    this.mono = o.monotonic ?? (() => performance.now());
    this.marginMs = o.marginMs ?? Math.round(o.ttlMs / 5);
    if (!(this.marginMs >= 0 && this.marginMs < o.ttlMs)) throw new Error(`lease margin ${this.marginMs} ms must be within [0, ttl ${o.ttlMs} ms)`);
  }

  /** The token held now, or null (never had it, lost it, or past the monotonic deadline). */
  public get held(): bigint | null {
    return this.token !== null && this.mono() < this.validUntil ? this.token : null;
  }

  /** One try to take the lease; on success renewals start. The token, or null. */
  public async acquire(): Promise<bigint | null> {
    if (this.token !== null) return this.token;
    const asked = this.mono();
    const token = await this.lease.tryAcquire(this.o.ttlMs);
    if (token === null) return null;
    this.token = token;
    this.extend(asked);
    return token;
  }

  /** Gives the lease up (clean shutdown); no `lost` call. */
  public async release(): Promise<void> {
    const token = this.token;
    this.stop();
    if (token !== null) await this.lease.release(token);
  }

  /** Stops renewing without a word to the database (the lease then expires by itself). */
  public stop(): void {
    this.token = null;
    this.clearTimers();
  }

  private extend(asked: number): void {
    this.validUntil = asked + this.o.ttlMs - this.marginMs;
    if (this.expiryTimer) clearTimeout(this.expiryTimer);
    this.expiryTimer = setTimeout(() => this.lose(`no renewal confirmed within ${this.o.ttlMs - this.marginMs} ms (lease ttl ${this.o.ttlMs} ms less a margin of ${this.marginMs} ms)`), Math.max(0, this.validUntil - this.mono()));
    this.scheduleRenewal();
  }

  private scheduleRenewal(): void {
    if (this.renewTimer) clearTimeout(this.renewTimer);
    this.renewTimer = setTimeout(() => void this.renewOnce(), Math.max(1, Math.round(this.o.ttlMs / 3)));
  }

  private async renewOnce(): Promise<void> {
    this.renewTimer = null;
    const token = this.token;
    if (token === null) return;
    const asked = this.mono();
    let renewed: boolean;
    try {
      renewed = await this.lease.renew(token, this.o.ttlMs);
    } catch (e) {
      // The database is out of reach: keep trying until the monotonic deadline decides.
      this.o.log?.(`lease renewal failed: ${(e as Error).message}; retrying`);
      if (this.token === token) this.scheduleRenewal();
      return;
    }
    if (this.token !== token) return;
    if (!renewed) return this.lose(`the database refused the renewal of token ${token} (another hub holds the lease)`);
    this.extend(asked);
  }

  private lose(reason: string): void {
    if (this.token === null) return;
    this.stop();
    this.o.lost(reason);
  }

  private clearTimers(): void {
    if (this.renewTimer) clearTimeout(this.renewTimer);
    if (this.expiryTimer) clearTimeout(this.expiryTimer);
    this.renewTimer = null;
    this.expiryTimer = null;
  }
}
