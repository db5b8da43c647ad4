import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeSocketFactory, type FakeWallSocket } from '../../../test/support/fake-wall-socket.js';
import type { Snapshot } from '../../core/protocol/protocol.js';
import { memoryStorage } from './ack-queue.js';
import { EventBus } from './bus.js';
import { mergeWallClientConfig } from './config.js';
import { ConnectionController } from './connection.js';
import type { ConnectionStateEvent, WallClientEvents } from './events.js';
import { WallClient } from './wall-client.js';

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('ConnectionController', () => {
  let connection: ConnectionController | null = null;
  afterEach(() => {
    connection?.destroy();
    connection = null;
  });

  it('retries an unreachable hub with exponential backoff and jitter, and stops on destroy', async () => {
    const bus = new EventBus<WallClientEvents>();
    const states: ConnectionStateEvent[] = [];
    bus.on('state', (s) => states.push(s));
    const jitters = [0, 0.5, 1, 0.25];
    let j = 0;
    connection = new ConnectionController({
      url: `http://127.0.0.1:${await closedPort()}`,
      token: 't'.repeat(30),
      identity: { node: 'node-1', window: 'w1', screens: ['r1c1'] },
      config: mergeWallClientConfig({ reconnect: { baseMs: 20, maxMs: 100, jitter: 0.5 } }),
      bus,
      now: Date.now,
      random: () => jitters[j++ % jitters.length]!,
    });
    connection.init();
    await expect.poll(() => states.filter((s) => s.state === 'reconnecting').length, { timeout: 10_000 }).toBeGreaterThanOrEqual(4);
    const retries = states.filter((s) => s.state === 'reconnecting').slice(0, 4);
    // ceilings 20, 40, 80, 100 (max) scaled by 1 − 0.5·random
    expect(retries.map((s) => s.retryInMs)).toEqual([20, 30, 40, 88]);
    expect(retries.map((s) => s.attempt)).toEqual([1, 2, 3, 4]);
    expect(connection.connected).toBe(false);
    connection.destroy();
    expect(states.at(-1)!.state).toBe('closed');
    expect(connection.currentState).toBe('closed');
    // No retry left scheduled and no socket left open.
    expect((connection as unknown as { retryTimer: unknown; socket: unknown }).retryTimer).toBeNull();
    expect((connection as unknown as { socket: unknown }).socket).toBeNull();
  });
});

const A = 'https://hub-a.ioc:7400';
const B = 'https://hub-b.ioc:7400';
const C = 'https://hub-c.ioc:7400';

/** What each hub answers a handshake with, by URL (checked at each attempt). */
type Answer = 'accept' | 'silent' | { refuse: string; data?: Record<string, unknown> } | { drop: string };

describe('ConnectionController with several hubs (an active/standby group)', () => {
  let connection: ConnectionController | null = null;
  afterEach(() => {
    connection?.destroy();
    connection = null;
  });

  function group(urls: string | string[], answers: Record<string, Answer>, reconnect: Record<string, number> = { baseMs: 20, maxMs: 80, jitter: 0 }) {
    const bus = new EventBus<WallClientEvents>();
    const states: ConnectionStateEvent[] = [];
    bus.on('state', (s) => states.push(s));
    const { factory, sockets } = fakeSocketFactory((s) => {
      const answer = answers[s.url.replace(/\/wall$/, '')] ?? { drop: 'transport close' };
      queueMicrotask(() => {
        if (answer === 'accept') s.accept();
        else if (answer === 'silent') return;
        else if ('refuse' in answer) s.refuse(answer.refuse, answer.data);
        else s.drop(answer.drop);
      });
    });
    connection = new ConnectionController({
      url: urls,
      token: 't'.repeat(30),
      identity: { node: 'node-1', window: 'w1', screens: ['r1c1'] },
      config: mergeWallClientConfig({ reconnect }),
      bus,
      now: Date.now,
      random: () => 0,
      factory,
    });
    connection.init();
    const hubsTried = (): string[] => sockets.map((s) => s.url.replace(/\/wall$/, ''));
    return { connection, states, sockets, hubsTried, answers };
  }

  it('tries the hubs in order, each failure moving on to the next after the backoff', async () => {
    const g = group([A, `${B}/`, C], { [A]: { drop: 'transport close' }, [B]: { refuse: 'boom' }, [C]: 'accept' });
    await expect.poll(() => g.connection.connected).toBe(true);
    expect(g.hubsTried()).toEqual([A, B, C]);
    expect(g.connection.hubUrl).toBe(C);
    expect(g.states.filter((s) => s.state === 'reconnecting').map((s) => s.retryInMs)).toEqual([20, 40]);
    // The link to C dies: the next attempt goes round to A.
    g.answers[A] = 'accept';
    g.sockets.at(-1)!.drop('ping timeout');
    await expect.poll(() => g.hubsTried().length).toBe(4);
    await expect.poll(() => g.connection.connected).toBe(true);
    expect(g.hubsTried().at(-1)).toBe(A);
  });

  it('a standby naming a leader of the list: the next attempt goes there at once', async () => {
    const g = group([A, B, C], { [A]: { refuse: 'not-leader', data: { leader: `${C}/` } }, [C]: 'accept' });
    await expect.poll(() => g.connection.connected).toBe(true);
    expect(g.hubsTried()).toEqual([A, C]);
    const redirect = g.states.find((s) => s.state === 'reconnecting')!;
    expect(redirect.retryInMs).toBe(0);
    expect(redirect.reason).toBe(`not-leader: ${A} is a standby; the leader is ${C}`);
    expect(redirect.refusal).toBeUndefined();
  });

  it('never follows a leader outside its list, nor a standby naming none: the next hub after the backoff', async () => {
    const g = group([A, B], { [A]: { refuse: 'not-leader', data: { leader: 'https://evil.example:7400' } }, [B]: { refuse: 'not-leader', data: { leader: null } } });
    await expect.poll(() => g.hubsTried().length, { timeout: 5000 }).toBeGreaterThanOrEqual(3);
    expect(g.hubsTried().slice(0, 3)).toEqual([A, B, A]);
    const [first, second] = g.states.filter((s) => s.state === 'reconnecting');
    expect(first!.reason).toBe(`not-leader: ${A} is a standby and it names https://evil.example:7400, which is not one of this wall's hubs`);
    expect(first!.retryInMs).toBe(20);
    expect(second!.reason).toBe(`not-leader: ${B} is a standby and no hub leads at the moment`);
    expect(second!.retryInMs).toBe(40);
    expect(g.connection.connected).toBe(false);
  });

  it('two standbys naming each other during a takeover fall back to the backoff instead of spinning', async () => {
    const g = group([A, B], { [A]: { refuse: 'not-leader', data: { leader: B } }, [B]: { refuse: 'not-leader', data: { leader: A } } });
    await expect.poll(() => g.states.filter((s) => s.state === 'reconnecting' && s.retryInMs! > 0).length, { timeout: 5000 }).toBeGreaterThanOrEqual(2);
    const delays = g.states.filter((s) => s.state === 'reconnecting').map((s) => s.retryInMs);
    // A → B at once, B → A at once, then the backoff's first step (a redirect is not a failure;
    // the list has been gone round on their word).
    expect(delays.slice(0, 3)).toEqual([0, 0, 20]);
    // Once one of them leads, the wall gets there.
    g.answers[A] = 'accept';
    g.answers[B] = { refuse: 'not-leader', data: { leader: A } };
    await expect.poll(() => g.connection.connected, { timeout: 5000 }).toBe(true);
    expect(g.connection.hubUrl).toBe(A);
  });

  it('while a hub answers not-leader (a takeover under way) the retries stay within standbyRetryMs, and the backoff is whole again after a connect', async () => {
    const g = group([A, B], { [A]: { drop: 'transport close' }, [B]: { drop: 'transport close' } }, { baseMs: 20, maxMs: 5000, jitter: 0, standbyRetryMs: 50 });
    // Plain failures first: the backoff grows past standbyRetryMs.
    await expect.poll(() => g.states.filter((s) => s.state === 'reconnecting').length, { timeout: 5000 }).toBeGreaterThanOrEqual(3);
    g.answers[B] = { refuse: 'not-leader', data: { leader: null } };
    await expect.poll(() => g.states.filter((s) => s.reason?.startsWith('not-leader')).length, { timeout: 5000 }).toBeGreaterThanOrEqual(2);
    const delays = g.states.filter((s) => s.state === 'reconnecting').map((s) => s.retryInMs!);
    const firstStandby = g.states.filter((s) => s.state === 'reconnecting').findIndex((s) => s.reason?.startsWith('not-leader'));
    expect(delays.slice(0, 3)).toEqual([20, 40, 80]);
    expect(delays.slice(firstStandby).every((d) => d <= 50)).toBe(true);
    g.answers[A] = 'accept';
    await expect.poll(() => g.connection.connected, { timeout: 5000 }).toBe(true);
    g.answers[A] = { drop: 'transport close' };
    g.answers[B] = { drop: 'transport close' };
    const seen = g.states.length;
    g.sockets.at(-1)!.drop('transport close');
    await expect.poll(() => g.states.slice(seen).filter((s) => s.state === 'reconnecting').length, { timeout: 5000 }).toBeGreaterThanOrEqual(3);
    expect(g.states.slice(seen).filter((s) => s.state === 'reconnecting').map((s) => s.retryInMs).slice(0, 3)).toEqual([20, 40, 80]);
  });

  it('a refusal of the token stays on the same hub (refused state, slow retry)', async () => {
    const g = group([A, B], { [A]: { refuse: 'unauthorized' } });
    await expect.poll(() => g.states.some((s) => s.state === 'refused')).toBe(true);
    expect(g.connection.hubUrl).toBe(A);
  });
});

describe('WallClient failing over between hubs (fake sockets)', () => {
  const T = 1_750_000_000_000;
  const snapshot = (seq: number, value: number): Snapshot => ({
    protocol: 1, hubTime: T, seq, layout: null, values: [{ topic: 'flood.level', value, t: T }], alerts: [], late: [],
  });
  let client: WallClient | null = null;
  afterEach(() => {
    client?.destroy();
    client = null;
  });

  it('resyncs from the new leader\'s snapshot and resends the pending ack with the same ackId, confirmed once', async () => {
    const answers: Record<string, 'accept' | 'not-leader' | 'down'> = { [A]: 'accept', [B]: 'not-leader', [C]: 'down' };
    const { factory, sockets } = fakeSocketFactory((s) =>
      queueMicrotask(() => {
        const hub = s.url.replace(/\/wall$/, '');
        if (answers[hub] === 'accept') s.accept();
        else if (answers[hub] === 'not-leader') s.refuse('not-leader', { leader: C });
        else s.drop('transport close');
      }),
    );
    const storage = memoryStorage();
    client = new WallClient({
      url: [A, B, C],
      token: 't'.repeat(30),
      identity: { node: 'node-1', window: 'w1', screens: ['r1c1'] },
      storage,
      config: { reconnect: { baseMs: 10, maxMs: 40, jitter: 0 }, ack: { retryBaseMs: 10, retryMaxMs: 40 } },
      random: () => 0,
      socketFactory: factory,
    });
    const snapshots: number[] = [];
    client.bus.on('snapshot', (s) => snapshots.push(s.values[0]!.value as number));
    const confirmed: string[] = [];
    client.bus.on('ackConfirmed', (c) => confirmed.push(c.ack.ackId));
    client.init();
    await expect.poll(() => client!.connected).toBe(true);
    const onA = sockets[0]!;
    onA.push('snapshot', snapshot(0, 1.1));
    const ack = client.acknowledge('flood-1', 'op-lan', 'r1c1');
    const ackRequests = (s: FakeWallSocket) => s.requests.filter((r) => r.event === 'ack');
    await expect.poll(() => ackRequests(onA).length).toBe(1);

    // Hub A dies with the ack unanswered; B stands by naming C, which has just taken over.
    answers[A] = 'down';
    answers[C] = 'accept';
    onA.drop('transport close');
    await expect.poll(() => client!.connected).toBe(true);
    const onC = sockets.at(-1)!;
    expect(onC.url).toBe(`${C}/wall`);
    expect(sockets.map((s) => s.url.replace(/\/wall$/, ''))).toEqual([A, B, C]);
    onC.push('snapshot', snapshot(0, 2.2));
    expect(snapshots).toEqual([1.1, 2.2]);
    await expect.poll(() => ackRequests(onC).length, { timeout: 5000 }).toBe(1);
    const resent = ackRequests(onC)[0]!;
    expect((resent.payload as { ackId: string }).ackId).toBe(ack.ackId);
    expect(client.pendingAcks().map((a) => a.ackId)).toEqual([ack.ackId]);
    resent.reply({
      ok: true, committed: true, duplicate: false,
      alert: { id: 'flood-1', severity: 'major', sector: 'flood', area: 'Cà Mau', source: 's', title: 't', message: '', state: 'acknowledged', raisedAt: T, updatedAt: T },
    });
    await expect.poll(() => confirmed).toEqual([ack.ackId]);
    expect(client.pendingAcks()).toEqual([]);
    expect(JSON.parse([...storage.map.values()][0]!)).toEqual([]);
  });
});
