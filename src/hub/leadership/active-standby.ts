/**
 * One hub process of an active/standby group (docs/scaling.md "Active and standby hubs"): it asks
 * for the lease; while another hub holds it, it runs the standby front on its port (it answers
 * who leads) and asks again every ttl/3; once it wins, it closes the front and starts the full
 * hub on the same port with the store's writes fenced by its token. A leader that loses the lease
 * stops at once (`lost`): the caller exits with LOST_LEASE_EXIT_CODE and its service manager
 * restarts it, as a standby. Only the leader runs the hub, so only it drives walls, runs the
 * automation and the demo feeds.
 */
import type { LeaseHolder } from './lease.js';
import { LeaseKeeper, type LeaseRow } from './lease-keeper.js';
import type { StandbyFront } from './standby-front.js';

/** The exit status of a hub that lost the lease while leading (EX_TEMPFAIL: restart me, as a standby). */
export const LOST_LEASE_EXIT_CODE = 75;

/** The running full hub, as this module needs it. */
export interface LeaderHub {
  readonly url: string;
  destroy(): Promise<void>;
}

export interface ActiveStandbyOptions {
  lease: LeaseRow & { holder(): Promise<LeaseHolder | null> };
  ttlMs: number;
  marginMs?: number;
  /** Opens the standby front on the hub's port; `leader()` is read at every request. */
  startFront: (leader: () => string | null) => Promise<StandbyFront>;
  /** Starts the full hub on the hub's port, its store's writes fenced with `token`. */
  startLeader: (token: bigint) => Promise<LeaderHub>;
  /** The hub lost the lease while leading, or could not start as leader: the process must end with `exitCode`. */
  ended: (reason: string, exitCode: number) => void;
  log: (message: string) => void;
  monotonic?: () => number;
}

export type Role = 'starting' | 'standby' | 'leader' | 'stopped';

export class ActiveStandby {
  private role: Role = 'starting';
  private front: StandbyFront | null = null;
  private hub: LeaderHub | null = null;
  private leaderUrl: string | null = null;
  private pollTimer: ReturnType<typeof setTimeout> | null = null;
  private lastFailure: string | null = null;
  private readonly keeper: LeaseKeeper;

  public constructor(private readonly o: ActiveStandbyOptions) {
    this.keeper = new LeaseKeeper(o.lease, {
      ttlMs: o.ttlMs,
      ...(o.marginMs !== undefined ? { marginMs: o.marginMs } : {}),
      ...(o.monotonic ? { monotonic: o.monotonic } : {}),
      lost: (reason) => this.lose(reason),
      log: o.log,
    });
  }

  public get currentRole(): Role {
    return this.role;
  }

  /** The leader's URL as last read from the lease (this hub's own while it leads). */
  public get leader(): string | null {
    return this.leaderUrl;
  }

  /** The full hub while this process leads. */
  public get leaderHub(): LeaderHub | null {
    return this.hub;
  }

  /** First try for the lease; resolves once this process is either standing by or leading. */
  public async start(): Promise<void> {
    await this.tryLead();
  }

  /** Clean stop (SIGTERM): the hub or the front closes; a held lease is given up so a standby takes over at once. */
  public async stop(): Promise<void> {
    if (this.role === 'stopped') return;
    this.role = 'stopped';
    this.clearPoll();
    const hub = this.hub;
    this.hub = null;
    await hub?.destroy();
    await this.keeper.release().catch((e: unknown) => this.o.log(`lease release failed: ${(e as Error).message} (it expires by itself)`));
    await this.closeFront();
  }

  private async tryLead(): Promise<void> {
    this.pollTimer = null;
    if (this.role === 'stopped' || this.role === 'leader') return;
    let token: bigint | null = null;
    try {
      token = await this.keeper.acquire();
      if (token === null) {
        const holder = await this.o.lease.holder();
        this.leaderUrl = holder?.live ? holder.url : null;
      }
    } catch (e) {
      const message = (e as Error).message;
      // Said once per cause, not at every try (every ttl/3) of an outage.
      if (message !== this.lastFailure) this.o.log(`lease: the database did not answer (${message}); standing by, trying every ${Math.round(this.o.ttlMs / 3)} ms`);
      this.lastFailure = message;
      this.leaderUrl = null;
    }
    if (token !== null || this.leaderUrl !== null) this.lastFailure = null;
    if (this.isStopped()) {
      if (token !== null) await this.keeper.release().catch(() => undefined);
      return;
    }
    if (token !== null) return this.lead(token);
    if (!this.front) {
      this.front = await this.o.startFront(() => this.leaderUrl);
      this.o.log(`standing by on ${this.front.url}; the hub leading now: ${this.leaderUrl ?? 'none'}`);
    }
    this.role = 'standby';
    this.pollTimer = setTimeout(() => {
      this.tryLead().catch((e: unknown) => {
        // Only the front can throw here (its port taken meanwhile): the process cannot serve.
        this.role = 'stopped';
        this.o.ended(`standing by failed: ${(e as Error).message}`, 1);
      });
    }, Math.max(1, Math.round(this.o.ttlMs / 3)));
  }

  private async lead(token: bigint): Promise<void> {
    this.o.log(`took the lease (token ${token}): starting as the leading hub`);
    await this.closeFront();
    try {
      const hub = await this.o.startLeader(token);
      if (this.isStopped()) {
        // Stopped, or the lease went while the hub started (lose() said so; what it began is fenced): take it down.
        await hub.destroy();
        return;
      }
      this.hub = hub;
      this.leaderUrl = hub.url;
      this.role = 'leader';
    } catch (e) {
      await this.keeper.release().catch(() => undefined);
      this.role = 'stopped';
      this.o.ended(`the hub did not start as leader: ${(e as Error).message}`, 1);
    }
  }

  private lose(reason: string): void {
    if (this.role === 'stopped') return;
    this.role = 'stopped';
    this.clearPoll();
    const hub = this.hub;
    this.hub = null;
    this.o.log(`lost the lease: ${reason}; stopping (the fence refuses any write still under way)`);
    // Closing the sockets and timers stops the hub acting at once; the exit follows its destroy.
    void (hub?.destroy() ?? Promise.resolve())
      .catch((e: unknown) => this.o.log(`close after losing the lease failed: ${(e as Error).message}`))
      .finally(() => this.o.ended(`lost the lease: ${reason}`, LOST_LEASE_EXIT_CODE));
  }

  /** Read through a method: the role changes while this object awaits. */
  private isStopped(): boolean {
    return this.role === 'stopped';
  }

  private async closeFront(): Promise<void> {
    const front = this.front;
    this.front = null;
    await front?.close();
  }

  private clearPoll(): void {
    if (this.pollTimer) clearTimeout(this.pollTimer);
    this.pollTimer = null;
  }
}
