// The hub on a PostgreSQL store (its own cluster, a database per test), end to end: a hub process
// taking acks from a wall and over REST is SIGKILLed mid-burst and started again on the same
// database: every acknowledged ack is stored once, with one audit entry. And with PostgreSQL down,
// a wall's ack is refused as transient (503 storage-unavailable over REST), kept queued by the wall,
// and stored once when the server is back.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WallClient } from '../../src/renderer/net/wall-client.js';
import { fileStorage } from '../support/file-storage.js';
import { IDENTITY, TOKENS, TOKEN_SPECS, api, nextBusEvent, nextEvent, tempDir, testHub, until } from '../support/hub-fixtures.js';
import { buildHubEntry, spawnHub, type HubProcess } from '../support/hub-process.js';
import { startPostgres, type PostgresCluster } from '../support/postgres-cluster.js';
import { RecordingSink } from '../support/recording-sink.js';

const ALERTS = 120;
const WALL_ACKS = 100; // alerts 0..99 acknowledged on the wall, 100..119 over REST

async function rows<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const c = new pg.Client(url);
  await c.connect();
  try {
    return (await c.query<T>(sql)).rows;
  } finally {
    await c.end();
  }
}

describe('hub on PostgreSQL', () => {
  let cluster: PostgresCluster;
  const hubs: HubProcess[] = [];
  const clients: WallClient[] = [];
  const cleanups: (() => Promise<void> | void)[] = [];
  beforeAll(async () => {
    [cluster] = await Promise.all([startPostgres(), buildHubEntry()]);
  }, 60_000);
  afterAll(async () => {
    await cluster?.cleanup();
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await Promise.all(hubs.splice(0).map((h) => h.stop()));
    for (const c of cleanups.splice(0)) await c();
  });
  const wall = (url: string, storageFile: string) => {
    const sink = new RecordingSink();
    const client = new WallClient({
      url, token: TOKENS.wall, identity: IDENTITY, sink, storage: fileStorage(storageFile),
      config: { reconnect: { baseMs: 100, maxMs: 400 }, ack: { retryBaseMs: 100, retryMaxMs: 400, timeoutMs: 2000 } },
    });
    clients.push(client);
    client.init();
    return { client, sink };
  };

  it('stores every acknowledged ack once when the hub is SIGKILLed mid-burst and started again on the same database', async () => {
    const tmp = tempDir();
    cleanups.push(() => tmp.remove());
    const store = cluster.database('kill');
    const start = async (port = 0): Promise<HubProcess> => {
      const hub = await spawnHub({ port, dataDir: path.join(tmp.dir, 'hub'), store, tokens: TOKEN_SPECS, flushMs: 100 });
      hubs.push(hub);
      return hub;
    };
    const hub1 = await start();
    const ids = Array.from({ length: ALERTS }, (_, i) => `lu-${i}`);
    for (const id of ids) expect((await api(hub1.url, 'POST', '/api/alerts', TOKENS.integration, { id, severity: 'major', sector: 'flood', area: 'Cà Mau', title: `Lũ ${id}` })).status).toBe(201);
    const w = wall(hub1.url, path.join(tmp.dir, 'wall-storage.json'));
    await nextEvent(w.sink, 'snapshot');
    const confirmed = new Set<string>();
    w.client.bus.on('ackConfirmed', ({ ack }) => void confirmed.add(ack.ackId));

    // The burst: the wall's acks queued at once, the REST acks sent at once; the hub dies once some have committed.
    const wallAcks = ids.slice(0, WALL_ACKS).map((id) => w.client.acknowledge(id, 'Lê Thị Hoa', 'r1c1'));
    const restAckIds = new Map(ids.slice(WALL_ACKS).map((id) => [id, randomUUID()]));
    const restAck = (base: string, id: string) => api(base, 'POST', `/api/alerts/${id}/ack`, TOKENS.operator, { ackId: restAckIds.get(id) }).catch(() => ({ status: 0 }));
    const restBurst = Promise.all(ids.slice(WALL_ACKS).map((id) => restAck(hub1.url, id)));
    await until(() => confirmed.size >= 5, 'some wall acks committed');
    await hub1.kill();
    const restBefore = await restBurst;
    expect(confirmed.size).toBeLessThan(WALL_ACKS); // killed mid-burst: some were still queued

    const hub2 = await start(hub1.port);
    await until(() => w.client.pendingAcks().length === 0, 'the wall delivered its queue', 20_000);
    // REST callers retry what got no 200 (same ackId): stored once either way.
    const restAfter = await Promise.all(ids.slice(WALL_ACKS).map((id) => restAck(hub2.url, id)));
    expect(restAfter.map((r) => r.status)).toEqual(Array(ALERTS - WALL_ACKS).fill(200));
    expect(restBefore.every((r) => r.status === 200 || r.status === 0)).toBe(true); // answered 200, or no answer (killed): never an error

    const stored = await rows<{ alert_id: string; ack_id: string }>(store, 'SELECT alert_id, ack_id FROM acks ORDER BY alert_id');
    expect(stored).toHaveLength(ALERTS);
    expect(new Set(stored.map((r) => r.alert_id))).toEqual(new Set(ids));
    const byAlert = new Map(stored.map((r) => [r.alert_id, r.ack_id]));
    for (const a of wallAcks) expect(byAlert.get(a.alertId)).toBe(a.ackId);
    for (const [id, ackId] of restAckIds) expect(byAlert.get(id)).toBe(ackId);
    expect(await rows(store, "SELECT alert_id FROM audit WHERE action = 'ack' GROUP BY alert_id HAVING COUNT(*) > 1")).toEqual([]);
    expect(await rows<{ n: string }>(store, "SELECT COUNT(*) AS n FROM audit WHERE action = 'ack'")).toEqual([{ n: String(ALERTS) }]);
    expect((await api(hub2.url, 'GET', '/api/alerts?state=acknowledged&limit=500', TOKENS.operator)).body.alerts).toHaveLength(ALERTS);
  }, 60_000);

  it('leaves an alert acknowledged when updates race its ack (the changes of one alert run one at a time)', async () => {
    const store = cluster.database('race');
    const hub = await testHub({ store });
    cleanups.push(() => hub.cleanup());
    expect((await api(hub.url, 'POST', '/api/alerts', TOKENS.integration, { id: 'lu-1', severity: 'major', sector: 'flood', area: 'Cà Mau', title: 'Lũ' })).status).toBe(201);
    const updates = Array.from({ length: 20 }, (_, i) => api(hub.url, 'PATCH', '/api/alerts/lu-1', TOKENS.integration, { message: `mực nước ${i}` }));
    const ack = api(hub.url, 'POST', '/api/alerts/lu-1/ack', TOKENS.operator, {});
    expect((await Promise.all([...updates, ack])).map((r) => r.status)).toEqual([...Array(20).fill(200), 200]);
    const detail = await api(hub.url, 'GET', '/api/alerts/lu-1', TOKENS.operator);
    expect(detail.body.alert).toMatchObject({ state: 'acknowledged', acknowledgedBy: 'Nguyễn Thị Lan' });
    expect(detail.body.ack).toMatchObject({ operator: 'Nguyễn Thị Lan' });
    expect(await rows(store, "SELECT state FROM alerts WHERE id = 'lu-1'")).toEqual([{ state: 'acknowledged' }]);
  });

  it('refuses acks as transient while PostgreSQL is down (the wall keeps them queued; REST 503 storage-unavailable), and stores them once it is back', async () => {
    const store = cluster.database('down');
    const hub = await testHub({ store });
    cleanups.push(() => hub.cleanup());
    expect((await api(hub.url, 'POST', '/api/alerts', TOKENS.integration, { id: 'lu-1', severity: 'critical', sector: 'flood', area: 'Cà Mau', title: 'Lũ' })).status).toBe(201);
    expect((await api(hub.url, 'POST', '/api/alerts', TOKENS.integration, { id: 'lu-2', severity: 'major', sector: 'flood', area: 'Bạc Liêu', title: 'Lũ' })).status).toBe(201);
    const tmp = tempDir();
    cleanups.push(() => tmp.remove());
    const w = wall(hub.url, path.join(tmp.dir, 'wall-storage.json'));
    await nextEvent(w.sink, 'snapshot');

    await cluster.stop();
    try {
      const rest = await api(hub.url, 'POST', '/api/alerts/lu-2/clear', TOKENS.integration, {});
      expect(rest.status).toBe(503);
      expect(rest.body.error.code).toBe('storage-unavailable');
      expect(rest.headers.get('retry-after')).toBe('5');
      const health = await api(hub.url, 'GET', '/healthz', null);
      expect([health.status, health.body.store.backend, health.body.store.reachable]).toEqual([200, 'postgres', false]);
      expect(health.body.store.problem).toMatch(/cannot be reached|terminating connection/);
      const restAck = await api(hub.url, 'POST', '/api/alerts/lu-2/ack', TOKENS.operator, {});
      expect([restAck.status, restAck.body.error.code, restAck.headers.get('retry-after')]).toEqual([503, 'storage-unavailable', '5']);
      const pending = w.client.acknowledge('lu-1', 'Lê Thị Hoa', 'r1c1');
      await until(() => w.client.pendingAcks()[0]?.lastError?.startsWith('internal: the hub\'s PostgreSQL store cannot take the change now'), 'refused as transient');
      expect(w.client.pendingAcks().map((a) => a.ackId)).toEqual([pending.ackId]);
      const confirmed = nextBusEvent(w.client.bus, 'ackConfirmed', () => true, 20_000);
      await cluster.start();
      expect((await confirmed).ack.ackId).toBe(pending.ackId);
    } finally {
      await cluster.start().catch(() => undefined);
    }
    expect(await rows(store, 'SELECT alert_id FROM acks')).toEqual([{ alert_id: 'lu-1' }]);
    expect((await api(hub.url, 'GET', '/healthz', null)).body.store).toEqual({ backend: 'postgres', reachable: true, problem: null });
    expect((await api(hub.url, 'POST', '/api/alerts/lu-2/clear', TOKENS.integration, {})).status).toBe(200);
  }, 60_000);
});
