// The PostgreSQL backend's own cases, on this file's own cluster (a database per test): acks exactly
// once when two transactions race (two pool clients, two hubs), the fence hook, the schema's
// migration, and the server gone and back. What both backends do: ../store.test.ts.
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '../../../core/protocol/alerts.js';
import { startPostgres, type PostgresCluster } from '../../../../test/support/postgres-cluster.js';
import { storageFault, StorageUnavailable } from '../storage-errors.js';
import type { Actor } from '../store-types.js';
import { PG_SCHEMA_VERSION } from './pg-schema.js';
import { PostgresStore, type PostgresStoreOptions } from './postgres-store.js';

const T = 1_750_000_000_000;
const lan: Actor = { name: 'Lan', role: 'wall', via: 'test-wall', channel: 'wall', node: 'node-1', window: 'w1', screen: 'r1c1' };
const binh: Actor = { ...lan, name: 'Bình', window: 'w2', screen: 'r1c2' };
const alert: Alert = { id: 'lu-1', severity: 'critical', sector: 'flood', area: 'Cà Mau', source: 'kttv', title: 'Lũ', message: '', state: 'active', raisedAt: T, updatedAt: T };

/** Resolves every caller once `count` of them wait: the transactions it is called in are all open at once. */
function barrier(count: number): () => Promise<void> {
  let waiting = 0;
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return () => {
    if (++waiting === count) open();
    return opened;
  };
}

describe('PostgresStore', () => {
  let cluster: PostgresCluster;
  const stores: PostgresStore[] = [];
  beforeAll(async () => {
    cluster = await startPostgres();
  }, 60_000);
  afterAll(async () => {
    await cluster?.cleanup();
  });
  afterEach(async () => {
    for (const s of stores.splice(0)) await s.destroy();
  });
  const open = async (o: PostgresStoreOptions): Promise<PostgresStore> => {
    const s = await PostgresStore.open(o);
    stores.push(s);
    return s;
  };
  const count = async (url: string, sql: string): Promise<number> => {
    const c = new pg.Client(url);
    await c.connect();
    try {
      return Number((await c.query<{ n: string }>(sql)).rows[0]!.n);
    } finally {
      await c.end();
    }
  };

  it('keeps one ack when two acks of one alert race from two pool clients: the other is a duplicate', async () => {
    const url = cluster.database();
    const both = barrier(2);
    let racing = false;
    const store = await open({ url, beforeWrite: async () => (racing ? both() : undefined) });
    await store.alerts.save(alert, 'raise', { ...lan, role: 'integration' }, T);
    racing = true;
    const outcomes = await Promise.all([
      store.alerts.acknowledge({ ackId: 'k-lan', alertId: 'lu-1', at: T + 1 }, lan, T + 2),
      store.alerts.acknowledge({ ackId: 'k-binh', alertId: 'lu-1', at: T + 1 }, binh, T + 2),
    ]);
    expect(outcomes.map((o) => o.kind).sort()).toEqual(['committed', 'duplicate']);
    const winner = outcomes.find((o) => o.kind === 'committed')! as Extract<(typeof outcomes)[number], { kind: 'committed' }>;
    expect(outcomes.find((o) => o.kind === 'duplicate')).toMatchObject({ record: { ackId: winner.record.ackId }, alert: { state: 'acknowledged', acknowledgedBy: winner.record.operator } });
    expect(await count(url, 'SELECT COUNT(*) AS n FROM acks')).toBe(1);
    expect(await count(url, "SELECT COUNT(*) AS n FROM audit WHERE action = 'ack'")).toBe(1);
  });

  it('keeps one ack when two hubs (two pools) acknowledge one alert at once, retries included', async () => {
    const url = cluster.database();
    const both = barrier(2);
    const a = await open({ url });
    await a.alerts.save(alert, 'raise', { ...lan, role: 'integration' }, T);
    const [hubA, hubB] = [await open({ url, beforeWrite: () => both() }), await open({ url, beforeWrite: () => both() })];
    const outcomes = await Promise.all([
      hubA.alerts.acknowledge({ ackId: 'k-1', alertId: 'lu-1', at: T + 1 }, lan, T + 2),
      hubB.alerts.acknowledge({ ackId: 'k-1', alertId: 'lu-1', at: T + 1 }, lan, T + 2), // the same ack resent to the other hub
    ]);
    expect(outcomes.map((o) => o.kind).sort()).toEqual(['committed', 'duplicate']);
    expect(await count(url, 'SELECT COUNT(*) AS n FROM acks')).toBe(1);
    expect(await count(url, "SELECT COUNT(*) AS n FROM audit WHERE action = 'ack'")).toBe(1);
  });

  it('writes nothing when the fence hook throws, and reports it as storage-unavailable (503)', async () => {
    const url = cluster.database();
    let fenced = false;
    const store = await open({ url, beforeWrite: async (client) => {
      await client.query('SELECT 1'); // the hook runs inside the transaction, on its client
      if (fenced) throw new Error('the lease of this hub ended (token 7, now 8)');
    } });
    await store.alerts.save(alert, 'raise', { ...lan, role: 'integration' }, T);
    fenced = true;
    const refused = await store.alerts.acknowledge({ ackId: 'k', alertId: 'lu-1', at: T + 1 }, lan, T + 2).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(StorageUnavailable);
    expect(storageFault(refused)).toMatchObject({ status: 503, code: 'storage-unavailable', message: expect.stringContaining('the lease of this hub ended') });
    await expect(store.alerts.save({ ...alert, id: 'lu-2' }, 'raise', lan, T)).rejects.toBeInstanceOf(StorageUnavailable);
    await expect(store.presets.save({ id: 'p', title: { vi: 'P' }, layout: 'flood', cameras: [] }, 0, lan, T)).rejects.toBeInstanceOf(StorageUnavailable);
    expect(await count(url, 'SELECT COUNT(*) AS n FROM acks')).toBe(0);
    expect(await count(url, 'SELECT COUNT(*) AS n FROM alerts')).toBe(1);
    expect(await count(url, 'SELECT COUNT(*) AS n FROM presets')).toBe(0);
    expect(await count(url, "SELECT COUNT(*) AS n FROM audit WHERE action != 'raise'")).toBe(0);
    fenced = false;
    expect(await store.alerts.acknowledge({ ackId: 'k', alertId: 'lu-1', at: T + 1 }, lan, T + 2)).toMatchObject({ kind: 'committed' });
  });

  it('migrates in numbered steps recorded in schema_version, once, even with two hubs starting at once; refuses a newer schema', async () => {
    const url = cluster.database();
    await Promise.all([open({ url }), open({ url })]);
    expect(await count(url, 'SELECT COUNT(*) AS n FROM schema_version')).toBe(PG_SCHEMA_VERSION);
    expect(await count(url, 'SELECT MAX(version) AS n FROM schema_version')).toBe(PG_SCHEMA_VERSION);
    await open({ url });
    expect(await count(url, 'SELECT COUNT(*) AS n FROM schema_version')).toBe(PG_SCHEMA_VERSION);
    await count(url, `INSERT INTO schema_version (version, applied_at) VALUES (${PG_SCHEMA_VERSION + 1}, 0) RETURNING 1 AS n`);
    await expect(PostgresStore.open({ url })).rejects.toThrow(`schema version ${PG_SCHEMA_VERSION + 1}; this hub knows up to ${PG_SCHEMA_VERSION}`);
  });

  it('names an unreachable server at start without the password', async () => {
    const url = `postgres://wallrun:hemmelig-123@127.0.0.1:1/wallrun`;
    const e = (await PostgresStore.open({ url }).catch((x: unknown) => x)) as Error;
    expect(e.message).toMatch(/^cannot use the PostgreSQL store postgres:\/\/wallrun:\*\*\*@127\.0\.0\.1:1\/wallrun: the server .* cannot be reached/);
    expect(e.message).not.toContain('hemmelig');
  });

  it('refuses writes as storage-unavailable while the server is down, and writes again once it is back', async () => {
    const url = cluster.database();
    const store = await open({ url });
    await store.alerts.save(alert, 'raise', lan, T);
    await cluster.stop();
    try {
      const e = await store.alerts.acknowledge({ ackId: 'k', alertId: 'lu-1', at: T }, lan, T).catch((x: unknown) => x);
      expect(storageFault(e)).toMatchObject({ status: 503, code: 'storage-unavailable' });
    } finally {
      await cluster.start();
    }
    expect(await store.alerts.acknowledge({ ackId: 'k', alertId: 'lu-1', at: T }, lan, T)).toMatchObject({ kind: 'committed' });
    expect(await store.alerts.countAcks()).toBe(1);
  }, 30_000);
});
