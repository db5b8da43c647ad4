// Hubs of an active/standby group as separate processes on one real PostgreSQL (the lease), as
// `wallrun hub --store … --advertise-url …` runs them: one leads, the other stands by naming it;
// a stopped (SIGSTOP) leader is replaced and, resumed, exits with the lost-lease code; a killed
// leader is replaced by the standby. The store itself is the STORE backend's business: here the
// leader's hub data stays in its data folder.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LOST_LEASE_EXIT_CODE } from '../../src/hub/leadership/active-standby.js';
import { startPostgres, type PostgresCluster } from '../support/postgres-cluster.js';
import { memoryStorage } from '../../src/renderer/net/ack-queue.js';
import { WallClient } from '../../src/renderer/net/wall-client.js';
import { IDENTITY, TOKENS, api, nextEvent, rawWall, until } from '../support/hub-fixtures.js';
import { RecordingSink } from '../support/recording-sink.js';
import { hubGroup, type GroupHub } from '../support/standby-hub-process.js';

const TTL_MS = 1500;

let cluster: PostgresCluster;
beforeAll(async () => {
  cluster = await startPostgres();
});
afterAll(async () => {
  await cluster?.cleanup();
});

describe('active/standby hub processes on one PostgreSQL', () => {
  const group = hubGroup(TTL_MS);
  const start = (store: string): Promise<GroupHub> => group.start(store);
  afterEach(() => group.stopAll());

  it('one leads, one stands by naming it; a paused leader is replaced and, resumed, exits with the lost-lease code', async () => {
    const store = cluster.database('standby');
    const a = await start(store);
    await a.line(/^wallrun hub leading on/);
    const b = await start(store);
    await b.line(/^wallrun hub standing by on/);
    expect((await api(b.url, 'GET', '/healthz', null)).body).toMatchObject({ role: 'standby', leader: a.url });
    const refused = rawWall(b.url);
    const err = await nextEvent<Error & { data: { leader: string } }>(refused, 'connect_error');
    refused.disconnect();
    expect(err.data.leader).toBe(a.url);

    a.signal('SIGSTOP');
    const stoppedAt = performance.now();
    await b.line(/^wallrun hub leading on/, 3 * TTL_MS + 5000);
    const takeoverMs = performance.now() - stoppedAt;
    // Within the lease plus one standby poll (ttl/3), with slack for two busy cores.
    expect(takeoverMs).toBeLessThan(TTL_MS + TTL_MS / 3 + 2000);
    const wall = rawWall(b.url);
    await nextEvent(wall, 'snapshot');
    wall.disconnect();

    a.signal('SIGCONT');
    expect(await a.exited).toBe(LOST_LEASE_EXIT_CODE);
    expect(a.output()).toMatch(/lost the lease/);
    // The new leader goes on.
    expect((await api(b.url, 'GET', '/healthz', null)).body).toMatchObject({ ok: true, role: 'leader', leader: b.url });
  });

  it('a killed leader is replaced by the standby; a hub restarted after it stands by', async () => {
    const store = cluster.database('standby');
    const a = await start(store);
    await a.line(/^wallrun hub leading on/);
    const b = await start(store);
    await b.line(/^wallrun hub standing by on/);
    a.signal('SIGKILL');
    await a.exited;
    await b.line(/^wallrun hub leading on/, 3 * TTL_MS + 5000);
    const again = await start(store);
    await again.line(/^wallrun hub standing by on/);
    await until(async () => (await api(again.url, 'GET', '/healthz', null)).body.leader === b.url, 'the restarted hub naming the new leader');
  });

  it('a clean stop of the leader hands over without waiting for the lease to expire', async () => {
    const store = cluster.database('standby');
    const a = await start(store);
    await a.line(/^wallrun hub leading on/);
    const b = await start(store);
    await b.line(/^wallrun hub standing by on/);
    a.signal('SIGTERM');
    expect(await a.exited).toBe(0);
    const stoppedAt = performance.now();
    await b.line(/^wallrun hub leading on/);
    // The lease was released: the next standby poll (ttl/3) takes it, no ttl to wait out.
    expect(performance.now() - stoppedAt).toBeLessThan(TTL_MS);
  });

  it('a wall given both hubs goes from the standby to the leader at once, and after the leader\'s SIGKILL to the new one with a fresh snapshot', async () => {
    const store = cluster.database('standby');
    const a = await start(store);
    await a.line(/^wallrun hub leading on/);
    const b = await start(store);
    await b.line(/^wallrun hub standing by on/);
    const sink = new RecordingSink();
    // The standby first in its list: it is refused there and sent to the leader.
    const client = new WallClient({
      url: [b.url, a.url],
      token: TOKENS.wall,
      identity: IDENTITY,
      sink,
      storage: memoryStorage(),
      config: { reconnect: { baseMs: 100, maxMs: 1000 } },
    });
    client.init();
    try {
      await nextEvent(sink, 'snapshot');
      expect(client.connected).toBe(true);
      const states = (): string[] => sink.states.map((st) => `${st.state}${st.reason ? `: ${st.reason}` : ''}`);
      expect(states()).toContain(`reconnecting: not-leader: ${b.url} is a standby; the leader is ${a.url}`);
      const before = sink.snapshots.length;

      a.signal('SIGKILL');
      const killedAt = performance.now();
      await b.line(/^wallrun hub leading on/, 3 * TTL_MS + 5000);
      const leadingMs = performance.now() - killedAt;
      await until(() => sink.snapshots.length > before && client.connected, 'the wall on the new leader', 3 * TTL_MS + 5000);
      const wallMs = performance.now() - killedAt;
      // The wall is on b, taking live data there.
      expect((await api(b.url, 'POST', '/api/data', TOKENS.integration, { updates: [{ topic: 'flood.level', value: 2.5 }] })).status).toBe(202);
      await until(() => sink.values.get('flood.level') === 2.5, 'live data from the new leader');
      process.stdout.write(`failover (lease ttl ${TTL_MS} ms): standby leading ${Math.round(leadingMs)} ms, wall on it ${Math.round(wallMs)} ms after the leader's SIGKILL\n`);
      expect(wallMs).toBeLessThan(TTL_MS + TTL_MS / 3 + 1000 + 2000);
    } finally {
      client.destroy();
    }
  });
});
