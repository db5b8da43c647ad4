// The "done when" (issue 18): two hubs on one PostgreSQL; the leader SIGKILLed during a
// burst of acknowledgements from a wall; the wall fails over to the new leader, resends what is
// pending with the same ackIds, and every acknowledgement is stored exactly once (0 lost, 0
// duplicated), as the new leader and the audit trail say.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { memoryStorage } from '../../src/renderer/net/ack-queue.js';
import { WallClient } from '../../src/renderer/net/wall-client.js';
import { startPostgres, type PostgresCluster } from '../support/postgres-cluster.js';
import { IDENTITY, TOKENS, api, nextEvent, until } from '../support/hub-fixtures.js';
import { RecordingSink } from '../support/recording-sink.js';
import { hubGroup, type GroupHub } from '../support/standby-hub-process.js';

const TTL_MS = 1500;
const ALERTS = 40;

let cluster: PostgresCluster;
beforeAll(async () => {
  cluster = await startPostgres();
});
afterAll(async () => {
  await cluster?.cleanup();
});

describe('failover during an ack burst (2 hubs on one PostgreSQL)', () => {
  const group = hubGroup(TTL_MS);
  const start = (store: string): Promise<GroupHub> => group.start(store);
  afterEach(() => group.stopAll());

  it('0 acks lost, 0 duplicated, the wall on the new leader', async () => {
    const store = cluster.database('failover');
    const a = await start(store);
    await a.line(/^wallrun hub leading on/);
    const b = await start(store);
    await b.line(/^wallrun hub standing by on/);
    const ids: string[] = [];
    for (let i = 0; i < ALERTS; i++) {
      const r = await api(a.url, 'POST', '/api/alerts', TOKENS.integration, { id: `flood-${i}`, severity: 'major', sector: 'flood', area: 'Cà Mau', title: `Ngập ${i}` });
      expect(r.status).toBe(201);
      ids.push(r.body.alert.id);
    }

    const sink = new RecordingSink();
    const confirmed: { ackId: string; alertId: string; duplicate: boolean }[] = [];
    const client = new WallClient({
      url: [a.url, b.url],
      token: TOKENS.wall,
      identity: IDENTITY,
      sink,
      storage: memoryStorage(),
      config: { reconnect: { baseMs: 100, maxMs: 1000 }, ack: { timeoutMs: 2000, retryBaseMs: 100, retryMaxMs: 1000 } },
    });
    client.bus.on('ackConfirmed', ({ ack, result }) => confirmed.push({ ackId: ack.ackId, alertId: ack.alertId, duplicate: result.duplicate }));
    const rejected: string[] = [];
    client.bus.on('ackRejected', ({ ack, result }) => rejected.push(`${ack.alertId}: ${result.reason}`));
    client.init();
    try {
      await nextEvent(sink, 'snapshot');
      // The burst: every alert acknowledged at once; the leader dies once a few are confirmed.
      const ackIds = new Map(ids.map((id) => [id, client.acknowledge(id, 'Trần Văn Bình', IDENTITY.screens[0]!).ackId]));
      await until(() => confirmed.length >= 3, 'the first confirmations');
      a.signal('SIGKILL');
      const killedAt = performance.now();
      const atKill = { confirmed: confirmed.length, pending: client.pendingAcks().length };
      // The kill fell inside the burst: some confirmed, some still waiting.
      expect(atKill.pending).toBeGreaterThan(0);
      await b.line(/^wallrun hub leading on/, 3 * TTL_MS + 5000);
      await until(() => client.pendingAcks().length === 0, 'every ack confirmed', 30_000);
      const doneMs = performance.now() - killedAt;

      expect(rejected).toEqual([]);
      // Each alert confirmed to the wall, with the ackId the wall made.
      expect(new Set(confirmed.map((c) => c.alertId))).toEqual(new Set(ids));
      for (const c of confirmed) expect(c.ackId).toBe(ackIds.get(c.alertId));
      // The new leader has exactly one acknowledgement per alert, with that ackId, and one audit entry each.
      for (const id of ids) {
        const r = await api(b.url, 'GET', `/api/alerts/${id}`, TOKENS.operator);
        expect(r.status).toBe(200);
        expect(r.body.ack?.ackId).toBe(ackIds.get(id));
        expect(r.body.alert.state).toBe('acknowledged');
      }
      const audit = await api(b.url, 'GET', `/api/audit?action=ack&limit=5000`, TOKENS.operator);
      const acked = audit.body.audit.map((e: { alertId: string }) => e.alertId).sort();
      expect(acked).toEqual([...ids].sort());
      expect(client.connected).toBe(true);
      process.stdout.write(
        `failover during an ack burst: ${ALERTS} acks, ${atKill.confirmed} confirmed and ${atKill.pending} pending at the kill, ` +
          `${confirmed.filter((c) => c.duplicate).length} confirmed as duplicates by the new leader, all stored once; last ack confirmed ${Math.round(doneMs)} ms after the kill\n`,
      );
    } finally {
      client.destroy();
    }
  });
});
