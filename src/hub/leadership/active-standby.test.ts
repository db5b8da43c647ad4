import { afterEach, describe, expect, it } from 'vitest';
import { TOKENS, api, nextEvent, rawWall, testHub, until, type RawWallSocket } from '../../../test/support/hub-fixtures.js';
import { ActiveStandby, LOST_LEASE_EXIT_CODE, type LeaderHub } from './active-standby.js';
import type { LeaseHolder } from './lease.js';
import { startStandbyFront } from './standby-front.js';

/** The lease row as a test sets it: who holds it, whether this hub may take it, whether renewals pass. */
class FakeLease {
  public grantable = false;
  public renewable = true;
  public otherLeader: string | null = 'http://10.9.9.9:7400';
  public released: bigint[] = [];
  public renewals = 0;
  public tries = 0;
  /** The database out of reach: every call fails with this. */
  public down: string | null = null;
  private next = 41n;
  public tryAcquire(): Promise<bigint | null> {
    this.tries += 1;
    if (this.down) return Promise.reject(new Error(this.down));
    return Promise.resolve(this.grantable ? (this.next += 1n) : null);
  }
  public renew(): Promise<boolean> {
    this.renewals += 1;
    return Promise.resolve(this.renewable);
  }
  public release(token: bigint): Promise<void> {
    this.released.push(token);
    return Promise.resolve();
  }
  public holder(): Promise<LeaseHolder | null> {
    return Promise.resolve(this.otherLeader ? { holder: 'other', url: this.otherLeader, token: 41n, live: true } : null);
  }
}

describe('ActiveStandby (fake lease, real front and hub on one port)', () => {
  const cleanups: (() => Promise<unknown> | unknown)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function group(lease: FakeLease, ttlMs = 600) {
    // The port is picked by the front first, then the leader takes the same one.
    let port = 0;
    const ended: { reason: string; code: number }[] = [];
    const tokens: bigint[] = [];
    const logs: string[] = [];
    const node = new ActiveStandby({
      lease,
      ttlMs,
      startFront: async (leader) => {
        const front = await startStandbyFront({ transport: { insecure: true }, port, host: '127.0.0.1', leader });
        port = front.port;
        return front;
      },
      startLeader: async (token): Promise<LeaderHub> => {
        tokens.push(token);
        const hub = await testHub({ port });
        return { url: hub.url, destroy: () => hub.cleanup() };
      },
      ended: (reason, code) => ended.push({ reason, code }),
      log: (m) => logs.push(m),
    });
    cleanups.push(() => node.stop());
    await node.start();
    return { node, ended, tokens, logs, port: () => port };
  }

  it('stands by on its port naming the leader, then takes over on the same port when the lease is free', async () => {
    const lease = new FakeLease();
    const g = await group(lease);
    expect(g.node.currentRole).toBe('standby');
    const base = `http://127.0.0.1:${g.port()}`;
    expect((await api(base, 'GET', '/healthz', null)).body).toMatchObject({ role: 'standby', leader: 'http://10.9.9.9:7400' });
    // The leader moves: the standby reads the lease again at its next try.
    lease.otherLeader = 'http://10.9.9.8:7400';
    await until(async () => (await api(base, 'GET', '/healthz', null)).body.leader === 'http://10.9.9.8:7400', 'the new leader named');
    const refused: RawWallSocket = rawWall(base);
    cleanups.push(() => refused.disconnect());
    expect((await nextEvent<Error>(refused, 'connect_error')).message).toBe('not-leader');

    lease.grantable = true;
    await until(() => g.node.currentRole === 'leader', 'the takeover');
    expect(g.tokens).toEqual([42n]);
    expect(g.node.leaderHub!.url).toBe(base);
    // The full hub answers on the port: a wall gets its snapshot, REST takes writes.
    const wall = rawWall(base);
    cleanups.push(() => wall.disconnect());
    await nextEvent(wall, 'snapshot');
    expect((await api(base, 'POST', '/api/data', TOKENS.integration, { updates: [{ topic: 'flood.level', value: 1 }] })).status).toBe(202);
    expect((await api(base, 'GET', '/healthz', null)).body.role).toBeUndefined();
    // It keeps the lease: renewals go on.
    await until(() => lease.renewals >= 2, 'two renewals');
    expect(g.ended).toEqual([]);
  });

  it('a leader that loses the lease stops the hub at once and ends with the lost-lease exit code', async () => {
    const lease = new FakeLease();
    lease.grantable = true;
    const g = await group(lease);
    expect(g.node.currentRole).toBe('leader');
    const base = g.node.leaderHub!.url;
    const wall = rawWall(base);
    cleanups.push(() => wall.disconnect());
    await nextEvent(wall, 'snapshot');
    const dropped = nextEvent(wall, 'disconnect');
    lease.renewable = false;
    await until(() => g.ended.length === 1, 'the end');
    expect(g.ended[0]!.code).toBe(LOST_LEASE_EXIT_CODE);
    expect(g.ended[0]!.reason).toMatch(/refused the renewal of token 42/);
    await dropped;
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
    expect(g.node.leaderHub).toBeNull();
  });

  it('a clean stop of the leader gives the lease up so a standby need not wait for it to expire', async () => {
    const lease = new FakeLease();
    lease.grantable = true;
    const g = await group(lease, 30_000);
    expect(g.node.currentRole).toBe('leader');
    await g.node.stop();
    expect(lease.released).toEqual([42n]);
    expect(g.ended).toEqual([]);
  });

  it('a slow start as leader (its event loop held past the lease\'s margin) still leads while renewals pass', async () => {
    const lease = new FakeLease();
    lease.grantable = true;
    let clock = 0;
    const ended: { reason: string; code: number }[] = [];
    const node = new ActiveStandby({
      lease,
      ttlMs: 30_000,
      monotonic: () => clock,
      startFront: () => Promise.reject(new Error('not expected')),
      startLeader: () => {
        clock += 60_000; // as if the start had held the process for two ttls
        return Promise.resolve({ url: 'http://127.0.0.1:1', destroy: () => Promise.resolve() });
      },
      ended: (reason, code) => ended.push({ reason, code }),
      log: () => undefined,
    });
    cleanups.push(() => node.stop());
    await node.start();
    expect(node.currentRole).toBe('leader');
    expect(ended).toEqual([]);
  });

  it('a hub that fails to start as leader gives the lease back and ends with status 1', async () => {
    const lease = new FakeLease();
    lease.grantable = true;
    const ended: { reason: string; code: number }[] = [];
    const node = new ActiveStandby({
      lease,
      ttlMs: 30_000,
      startFront: () => Promise.reject(new Error('not expected')),
      startLeader: () => Promise.reject(new Error('PostgreSQL refused the connection')),
      ended: (reason, code) => ended.push({ reason, code }),
      log: () => undefined,
    });
    await node.start();
    expect(ended).toEqual([{ reason: 'the hub did not start as leader: PostgreSQL refused the connection', code: 1 }]);
    expect(lease.released).toEqual([42n]);
  });

  it('with the database out of reach it stands by naming no leader, says so once, and leads once it is back', async () => {
    const lease = new FakeLease();
    lease.down = 'connect ECONNREFUSED 10.0.0.9:5432';
    const g = await group(lease);
    expect(g.node.currentRole).toBe('standby');
    const base = `http://127.0.0.1:${g.port()}`;
    expect((await api(base, 'GET', '/healthz', null)).body).toMatchObject({ role: 'standby', leader: null });
    expect((await api(base, 'GET', '/api/alerts', TOKENS.operator)).body).toMatchObject({ error: { code: 'not-leader' }, leader: null });
    await until(() => lease.tries >= 4, 'several tries');
    expect(g.logs.filter((l) => l.includes('did not answer'))).toEqual([
      'lease: the database did not answer (connect ECONNREFUSED 10.0.0.9:5432); standing by, trying every 200 ms',
    ]);
    lease.down = null;
    lease.grantable = true;
    await until(() => g.node.currentRole === 'leader', 'the lead once the database is back');
    expect(g.ended).toEqual([]);
  });
});
