import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type PostgresCluster } from '../../../test/support/postgres-cluster.js';
import { FencedError, PgLease } from './lease.js';
import { LeaseKeeper } from './lease-keeper.js';

let cluster: PostgresCluster;
const pools: pg.Pool[] = [];
const keepers: LeaseKeeper[] = [];

beforeAll(async () => {
  cluster = await startPostgres();
});
afterEach(async () => {
  for (const k of keepers.splice(0)) k.stop();
  await Promise.all(pools.splice(0).map((p) => p.end()));
});
afterAll(async () => {
  await cluster?.cleanup();
});

function pool(url: string): pg.Pool {
  const p = new pg.Pool({ connectionString: url, max: 4 });
  pools.push(p);
  return p;
}

/** Hubs on one database, each with a pool of its own (as separate processes have). */
function hubs(n: number): { url: string; leases: PgLease[]; data: pg.Pool } {
  const url = cluster.database('lease');
  const leases = Array.from({ length: n }, (_, i) => new PgLease(pool(url), { holderId: `hub-${i}`, url: `http://10.0.0.${i + 1}:7400` }));
  return { url, leases, data: pool(url) };
}

/** A write as the store does it: BEGIN, the fence, the insert, COMMIT (ROLLBACK when the fence refuses). */
async function fencedWrite(data: pg.Pool, fence: (c: pg.PoolClient) => Promise<void>, value: string): Promise<void> {
  const client = await data.connect();
  try {
    await client.query('BEGIN');
    await fence(client);
    await client.query('INSERT INTO writes (value) VALUES ($1)', [value]);
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK');
    throw e;
  } finally {
    client.release();
  }
}

async function writes(data: pg.Pool): Promise<string[]> {
  return (await data.query('SELECT value FROM writes ORDER BY id')).rows.map((r: { value: string }) => r.value);
}

describe('PgLease (PostgreSQL)', () => {
  it('grants the lease to exactly one of several hubs racing for it, and names the holder and its URL', async () => {
    const { leases } = hubs(5);
    await leases[0]!.ensureTable();
    const tokens = await Promise.all(leases.map((l) => l.tryAcquire(30_000)));
    const winners = tokens.map((t, i) => (t === null ? -1 : i)).filter((i) => i >= 0);
    expect(winners).toHaveLength(1);
    expect(tokens[winners[0]!]).toBe(1n);
    const holder = await leases[3]!.holder();
    expect(holder).toEqual({ holder: `hub-${winners[0]}`, url: `http://10.0.0.${winners[0]! + 1}:7400`, token: 1n, live: true });
    // A second round while it is held: nobody else gets it.
    expect(await Promise.all(leases.map((l) => l.tryAcquire(30_000)))).toEqual([null, null, null, null, null]);
  });

  it('lets a standby take over once the leader stops renewing, with a greater token', async () => {
    const { leases } = hubs(2);
    const [a, b] = leases as [PgLease, PgLease];
    const first = await a.tryAcquire(300);
    expect(first).toBe(1n);
    // b polls as a standby does until the lease expires by the database's clock.
    let second: bigint | null = null;
    await expect.poll(async () => (second = await b.tryAcquire(300)), { timeout: 5000, interval: 50 }).not.toBeNull();
    expect(second).toBe(2n);
    expect(await a.renew(first!, 300)).toBe(false);
    expect((await b.holder())!.holder).toBe('hub-1');
  });

  it('a renewal keeps the lease; a released lease is taken at once', async () => {
    const { leases } = hubs(2);
    const [a, b] = leases as [PgLease, PgLease];
    const t = (await a.tryAcquire(30_000))!;
    expect(await a.renew(t, 30_000)).toBe(true);
    expect(await b.tryAcquire(30_000)).toBeNull();
    await a.release(t);
    expect(await b.tryAcquire(30_000)).toBe(t + 1n);
  });

  it('tokens strictly increase over many changes of holder', async () => {
    const { leases } = hubs(3);
    const seen: bigint[] = [];
    for (let i = 0; i < 12; i++) {
      const l = leases[i % 3]!;
      const t = await l.tryAcquire(30_000);
      expect(t).not.toBeNull();
      seen.push(t!);
      await l.release(t!);
    }
    for (let i = 1; i < seen.length; i++) expect(seen[i]! > seen[i - 1]!).toBe(true);
  });

  it('a paused old leader resumed after losing the lease: its fenced write is refused and nothing is written', async () => {
    const { leases, data } = hubs(2);
    const [a, b] = leases as [PgLease, PgLease];
    await data.query('CREATE TABLE writes (id serial PRIMARY KEY, value text NOT NULL)');
    // The old leader: a keeper whose renewal timer never runs (as if its process were stopped).
    const frozen = new LeaseKeeper(a, { ttlMs: 300, lost: () => undefined, monotonic: () => 0 });
    keepers.push(frozen);
    const old = (await frozen.acquire())!;
    (frozen as unknown as { clearTimers(): void }).clearTimers();
    await fencedWrite(data, a.fence(old, 5000), 'old leader, in time');
    let taken: bigint | null = null;
    await expect.poll(async () => (taken = await b.tryAcquire(30_000)), { timeout: 5000, interval: 50 }).not.toBeNull();
    // Resumed: its clock says nothing passed, the keeper still believes; the fence decides.
    expect(frozen.held).toBe(old);
    const refused = await fencedWrite(data, a.fence(old, 5000), 'old leader, after the takeover').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(FencedError);
    await fencedWrite(data, b.fence(taken!, 5000), 'new leader');
    expect(await writes(data)).toEqual(['old leader, in time', 'new leader']);
  });

  it('a takeover waits for the old leader\'s write in progress, which then commits first', async () => {
    const { leases, data } = hubs(2);
    const [a, b] = leases as [PgLease, PgLease];
    await data.query('CREATE TABLE writes (id serial PRIMARY KEY, value text NOT NULL)');
    const old = (await a.tryAcquire(400))!;
    const client = await data.connect();
    await client.query('BEGIN');
    await a.fence(old, 30_000)(client);
    await client.query('INSERT INTO writes (value) VALUES ($1)', ['in flight']);
    // The lease expires by the database's clock while the write is open.
    await expect.poll(async () => !(await b.holder())!.live, { timeout: 5000, interval: 50 }).toBe(true);
    let takenAt: number | null = null;
    const takeover = b.tryAcquire(30_000).then((t) => {
      takenAt = Date.now();
      return t;
    });
    // The takeover's statement waits on the row lock the fenced write holds.
    await expect
      .poll(async () => (await data.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'INSERT INTO hub_lease%'`)).rows[0].n, { timeout: 5000, interval: 20 })
      .toBe(1);
    expect(takenAt).toBeNull();
    await client.query('COMMIT');
    client.release();
    expect(await takeover).toBe(old + 1n);
    expect(await writes(data)).toEqual(['in flight']);
  });
});

describe('PgLease: a leader paused in the middle of a write', () => {
  it('holds a takeover off no longer than the pause limit; its write is rolled back', async () => {
    const { leases, data } = hubs(2);
    const [a, b] = leases as [PgLease, PgLease];
    await data.query('CREATE TABLE writes (id serial PRIMARY KEY, value text NOT NULL)');
    const old = (await a.tryAcquire(300))!;
    const client = await data.connect();
    client.on('error', () => undefined); // the server ends the session: pg says so here, unheard it would throw
    await client.query('BEGIN');
    await a.fence(old, 800)(client);
    await client.query('INSERT INTO writes (value) VALUES ($1)', ['written, then the process stopped']);
    // The process stops here. The lease expires; the standby's takeover waits on the row lock…
    await expect.poll(async () => !(await b.holder())!.live, { timeout: 5000, interval: 50 }).toBe(true);
    const asked = performance.now();
    const taken = await b.tryAcquire(30_000);
    // …until the server ends the idle transaction: at most the pause limit after it went idle.
    expect(taken).toBe(old + 1n);
    expect(performance.now() - asked).toBeLessThan(800 + 2000);
    // Resumed, the old leader's COMMIT finds its session gone: nothing of its write is stored.
    await expect(client.query('COMMIT')).rejects.toThrow();
    client.release(true);
    expect(await writes(data)).toEqual([]);
  });
});

describe('LeaseKeeper (PostgreSQL)', () => {
  it('renews every ttl/3 while the database answers, and steps down when a renewal is refused', async () => {
    const { leases } = hubs(2);
    const [a, b] = leases as [PgLease, PgLease];
    const lost: string[] = [];
    const keeper = new LeaseKeeper(a, { ttlMs: 600, lost: (r) => lost.push(r) });
    keepers.push(keeper);
    const token = (await keeper.acquire())!;
    // Held across several ttls: the renewals happened.
    const until = Date.now() + 1800;
    await expect.poll(async () => ((await b.tryAcquire(600)) === null ? Date.now() > until : 'taken'), { timeout: 5000, interval: 100 }).toBe(true);
    expect(keeper.held).toBe(token);
    // Someone forces the row away (an operator's UPDATE): the next renewal is refused.
    await pools[0]!.query(`UPDATE hub_lease SET holder = 'other', token = token + 1`);
    await expect.poll(() => lost.length, { timeout: 3000 }).toBe(1);
    expect(lost[0]).toMatch(/refused the renewal/);
    expect(keeper.held).toBeNull();
  });

  it('steps down by its own clock when the database stops answering renewals', async () => {
    let renewals = 0;
    const lost: string[] = [];
    const silent = {
      tryAcquire: () => Promise.resolve(7n),
      renew: () => {
        renewals += 1;
        return new Promise<boolean>(() => undefined); // never answers
      },
      release: () => Promise.resolve(),
    };
    const keeper = new LeaseKeeper(silent, { ttlMs: 300, marginMs: 60, lost: (r) => lost.push(r) });
    keepers.push(keeper);
    const start = performance.now();
    expect(await keeper.acquire()).toBe(7n);
    await expect.poll(() => lost.length, { timeout: 3000 }).toBe(1);
    expect(performance.now() - start).toBeLessThan(300);
    expect(renewals).toBe(1);
    expect(lost[0]).toMatch(/no renewal confirmed within 240 ms/);
  });
});
