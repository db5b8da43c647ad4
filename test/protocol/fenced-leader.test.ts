// A hub that lost the lease while paused (its renewals frozen) and goes on as if it led: with the
// PostgreSQL store fenced by its token, none of its writes is stored. Real hubs in process on a
// real PostgreSQL; the old leader's lease is never renewed, the new one took it after expiry.
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../src/core/protocol/protocol.js';
import { PgLease } from '../../src/hub/leadership/lease.js';
import { IDENTITY, TOKENS, api, nextEvent, rawWall, testHub } from '../support/hub-fixtures.js';
import { startPostgres, type PostgresCluster } from '../support/postgres-cluster.js';

let cluster: PostgresCluster;
beforeAll(async () => {
  cluster = await startPostgres();
});
afterAll(async () => {
  await cluster?.cleanup();
});

describe('a deposed leader on the fenced PostgreSQL store', () => {
  const cleanups: (() => Promise<unknown> | unknown)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('writes nothing once another hub took the lease: REST and wall writes refused as transient, the new leader stores them', async () => {
    const store = cluster.database('fenced');
    const pools = [new pg.Pool({ connectionString: store, max: 2 }), new pg.Pool({ connectionString: store, max: 2 })];
    cleanups.push(() => Promise.all(pools.map((p) => p.end())));
    const [leaseA, leaseB] = [new PgLease(pools[0]!, { holderId: 'hub-a', url: 'http://a' }), new PgLease(pools[1]!, { holderId: 'hub-b', url: 'http://b' })];
    const tokenA = (await leaseA.tryAcquire(400))!;
    const a = await testHub({ store, storeBeforeWrite: leaseA.fence(tokenA, 5000), layouts: [] });
    cleanups.push(() => a.cleanup());
    const raised = await api(a.url, 'POST', '/api/alerts', TOKENS.integration, { id: 'before', severity: 'major', sector: 'flood', area: 'Cà Mau', title: 'Lũ' });
    expect(raised.status).toBe(201);

    // a is paused (no renewal); the lease expires by the database's clock and b takes it.
    let tokenB: bigint | null = null;
    await expect.poll(async () => (tokenB = await leaseB.tryAcquire(30_000)), { timeout: 5000, interval: 50 }).not.toBeNull();
    const b = await testHub({ store, storeBeforeWrite: leaseB.fence(tokenB!, 5000), layouts: [] });
    cleanups.push(() => b.cleanup());

    // a, resumed, goes on as if it led.
    const refused = await api(a.url, 'POST', '/api/alerts', TOKENS.integration, { id: 'from-the-old-leader', severity: 'major', sector: 'flood', area: 'Cà Mau', title: 'Lũ' });
    expect(refused.status).toBe(503);
    expect(refused.body.error.code).toBe('storage-unavailable');
    expect(refused.body.error.message).toMatch(/this hub may not write: .*not held with token/);
    const wall = rawWall(a.url);
    cleanups.push(() => wall.disconnect());
    await nextEvent(wall, 'snapshot');
    const ack = { ackId: '6f1c7d3e-4b2a-4c8e-9f00-0123456789ab', alertId: 'before', operator: 'Trần Văn Bình', screen: IDENTITY.screens[0]!, at: Date.now() };
    const onA = await wall.timeout(5000).emitWithAck('ack', ack);
    expect(onA).toMatchObject({ ok: false, permanent: false });

    // Nothing of a's is in the database; the same ack through b is stored, once.
    const rows = async (sql: string): Promise<unknown[]> => (await pools[1]!.query(sql)).rows;
    expect(await rows(`SELECT id FROM alerts ORDER BY id`)).toEqual([{ id: 'before' }]);
    expect(await rows(`SELECT ack_id FROM acks`)).toEqual([]);
    const onB = rawWall(b.url, { token: TOKENS.wall, protocol: PROTOCOL_VERSION, identity: IDENTITY });
    cleanups.push(() => onB.disconnect());
    await nextEvent(onB, 'snapshot');
    expect(await onB.timeout(5000).emitWithAck('ack', ack)).toMatchObject({ ok: true, committed: true, duplicate: false });
    expect(await rows(`SELECT ack_id FROM acks`)).toEqual([{ ack_id: ack.ackId }]);
  });
});
