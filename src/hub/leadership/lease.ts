/**
 * The leader lease of active/standby hubs: one row of `hub_lease` in the shared PostgreSQL, with a
 * fencing token that grows by one at every change of holder. A row and not an advisory lock: an
 * advisory lock belongs to one database session, and a pooled connection is not one.
 *
 * Every time is the DATABASE's (`clock_timestamp()`): hubs on different machines never compare
 * their own clocks. The row is taken only when it has expired (or is absent), in one statement, so
 * two hubs racing for it cannot both win. A write of the leader runs `fence(token)` inside its
 * transaction: the row is read FOR SHARE with the token it was granted, so a write from a hub that
 * lost the lease is refused (FencedError), and a takeover waits for a write already under way
 * (its UPDATE needs the row that the share lock holds until the write commits).
 *
 * How long a holder trusts its lease without asking again is lease-keeper.ts's business.
 */
import pg from 'pg';

export const LEASE_TABLE = 'hub_lease';

/** A write of a hub that no longer holds the lease (or never did with this token). */
export class FencedError extends Error {
  public constructor(
    public readonly lease: string,
    public readonly token: bigint,
  ) {
    super(`this hub no longer leads: lease "${lease}" is not held with token ${token} (another hub took over, or it expired); the write was not stored`);
    this.name = 'FencedError';
  }
}

/** What a queryable connection needs to offer (a pg.Pool, a pg.PoolClient, a pg.Client). */
export interface Queryable {
  query(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[]; rowCount: number | null }>;
}

/** The holder of the lease as the database has it now. */
export interface LeaseHolder {
  holder: string;
  /** The URL the holder advertised (`--advertise-url`): where walls and clients are sent. */
  url: string;
  token: bigint;
  /** Whether it is still in force by the database's clock. */
  live: boolean;
}

export interface LeaseIdentity {
  /** The lease's name (one per group of hubs sharing a database). Default `hub`. */
  name?: string;
  /** This hub's id: unique among the hubs of the group (host and pid make one). */
  holderId: string;
  /** The URL this hub serves on, as walls and clients reach it. */
  url: string;
}

export class PgLease {
  public readonly name: string;
  private ready: Promise<void> | null = null;

  public constructor(
    private readonly db: Queryable,
    private readonly me: LeaseIdentity,
  ) {
    this.name = me.name ?? 'hub';
  }

  public get holderId(): string {
    return this.me.holderId;
  }

  /** Creates the table when missing (once per object; concurrent callers share the one attempt). */
  public ensureTable(): Promise<void> {
    return (this.ready ??= (async () => {
      await this.db.query(`CREATE TABLE IF NOT EXISTS ${LEASE_TABLE} (
        name text PRIMARY KEY,
        holder text NOT NULL,
        url text NOT NULL,
        token bigint NOT NULL,
        expires_at timestamptz NOT NULL)`);
    })().catch((e: unknown) => {
      this.ready = null;
      throw e;
    }));
  }

  /**
   * Takes the lease for `ttlMs` when it has expired or was never taken: the new token, or null when
   * another hub holds it. One statement: of two hubs racing, the second finds the row taken.
   */
  public async tryAcquire(ttlMs: number): Promise<bigint | null> {
    await this.ensureTable();
    const r = await this.db.query(
      `INSERT INTO ${LEASE_TABLE} AS l (name, holder, url, token, expires_at)
       VALUES ($1, $2, $3, 1, clock_timestamp() + $4 * interval '1 millisecond')
       ON CONFLICT (name) DO UPDATE
         SET holder = EXCLUDED.holder, url = EXCLUDED.url, token = l.token + 1, expires_at = EXCLUDED.expires_at
         WHERE l.expires_at <= clock_timestamp()
       RETURNING token`,
      [this.name, this.me.holderId, this.me.url, ttlMs],
    );
    return r.rows.length ? BigInt(r.rows[0]!.token as string) : null;
  }

  /** Extends the lease held with `token` by `ttlMs` from now; false when it is not held so (any more). */
  public async renew(token: bigint, ttlMs: number): Promise<boolean> {
    const r = await this.db.query(
      `UPDATE ${LEASE_TABLE} SET expires_at = clock_timestamp() + $4 * interval '1 millisecond'
       WHERE name = $1 AND holder = $2 AND token = $3 AND expires_at > clock_timestamp()`,
      [this.name, this.me.holderId, token.toString(), ttlMs],
    );
    return r.rowCount === 1;
  }

  /** Gives the lease up at once (a clean shutdown), so a standby need not wait for it to expire. */
  public async release(token: bigint): Promise<void> {
    await this.db.query(
      `UPDATE ${LEASE_TABLE} SET expires_at = clock_timestamp() WHERE name = $1 AND holder = $2 AND token = $3`,
      [this.name, this.me.holderId, token.toString()],
    );
  }

  /** Who holds the lease, as the database has it; null before anyone took it. */
  public async holder(): Promise<LeaseHolder | null> {
    await this.ensureTable();
    const r = await this.db.query(
      `SELECT holder, url, token, expires_at > clock_timestamp() AS live FROM ${LEASE_TABLE} WHERE name = $1`,
      [this.name],
    );
    const row = r.rows[0];
    return row ? { holder: row.holder as string, url: row.url as string, token: BigInt(row.token as string), live: row.live as boolean } : null;
  }

  /**
   * The check a write transaction runs right after BEGIN (the store's `beforeWrite`): throws a
   * FencedError when the lease is no longer held with `token`; otherwise keeps the row share-locked
   * until the transaction ends, so no takeover happens in between.
   *
   * That lock must not outlive a leader paused in the middle of a write (its process stopped, its
   * machine frozen): the transaction's session is ended by the server once it has been idle in the
   * transaction for `pauseLimitMs` (`idle_in_transaction_session_timeout`, set for this transaction
   * only), which rolls the write back and lets a takeover through.
   */
  public fence(token: bigint, pauseLimitMs: number): (client: Queryable) => Promise<void> {
    const name = this.name;
    const limit = Math.max(1, Math.round(pauseLimitMs));
    return async (client) => {
      await client.query(`SET LOCAL idle_in_transaction_session_timeout = ${limit}`);
      const r = await client.query(
        `SELECT 1 FROM ${LEASE_TABLE} WHERE name = $1 AND token = $2 AND expires_at > clock_timestamp() FOR SHARE`,
        [name, token.toString()],
      );
      if (r.rows.length === 0) throw new FencedError(name, token);
    };
  }
}

/** A pool of its own for the lease (two connections: a renewal never queues behind the store's writes). */
export function leasePool(connectionString: string): pg.Pool {
  return new pg.Pool({ connectionString, max: 2, idleTimeoutMillis: 30_000, connectionTimeoutMillis: 5000 });
}
