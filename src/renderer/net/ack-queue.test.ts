import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Alert } from '../../core/protocol/alerts.js';
import { FakeHubLink } from '../../../test/support/fake-hub-link.js';
import { AckQueue, memoryStorage } from './ack-queue.js';
import { EventBus } from './bus.js';
import { DEFAULT_WALL_CLIENT_CONFIG } from './config.js';
import type { WallClientEvents } from './events.js';

const KEY = 'wallrun.acks.v1.node-1.w1';
const alert = (id: string): Alert => ({
  id, severity: 'major', sector: 'flood', area: 'Cà Mau', source: 's', title: 't', message: '', state: 'acknowledged',
  raisedAt: 1.7e12, updatedAt: 1.7e12,
});

function setUp(storage = memoryStorage()) {
  const link = new FakeHubLink();
  const bus = new EventBus<WallClientEvents>();
  const queue = new AckQueue(link, bus, storage, KEY, { ...DEFAULT_WALL_CLIENT_CONFIG.ack, retryBaseMs: 100, retryMaxMs: 400 }, Date.now, Date.now, () => 0);
  queue.init();
  const connect = () => {
    link.connected = true;
    bus.emit('state', { state: 'connected', attempt: 0, at: Date.now() });
  };
  return { link, bus, queue, storage, connect };
}

describe('AckQueue', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('persists an ack before sending, and removes it only when the hub confirms the commit', async () => {
    const { link, bus, queue, storage, connect } = setUp();
    const confirmed = vi.fn();
    bus.on('ackConfirmed', confirmed);
    const ack = queue.acknowledge('a-1', 'Lan', 'r1c1');
    expect(JSON.parse(storage.getItem(KEY)!)).toEqual([expect.objectContaining({ ackId: ack.ackId, alertId: 'a-1' })]);
    expect(link.requests).toHaveLength(0); // offline: nothing sent, nothing lost
    connect();
    expect(link.requests).toHaveLength(1);
    expect(link.requests[0]!.payload).toEqual({ ackId: ack.ackId, alertId: 'a-1', operator: 'Lan', screen: 'r1c1', at: ack.at });
    expect(queue.pending()).toHaveLength(1); // in flight is still pending
    link.requests[0]!.resolve({ ok: true, committed: true, duplicate: false, alert: alert('a-1') });
    await vi.waitFor(() => expect(confirmed).toHaveBeenCalledOnce());
    expect(queue.pending()).toHaveLength(0);
    expect(JSON.parse(storage.getItem(KEY)!)).toEqual([]);
  });

  it('retries with backoff after a timeout, a transient refusal or a garbled reply, keeping the same ackId', async () => {
    vi.useFakeTimers();
    const { link, queue, connect } = setUp();
    connect();
    const ack = queue.acknowledge('a-2', 'Lan', 'r1c1');
    link.requests[0]!.reject(new Error('operation has timed out'));
    await vi.advanceTimersByTimeAsync(99);
    expect(link.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(link.requests).toHaveLength(2);
    link.requests[1]!.resolve({ ok: false, reason: 'internal', permanent: false });
    await vi.advanceTimersByTimeAsync(200);
    expect(link.requests).toHaveLength(3);
    link.requests[2]!.resolve({ ok: 'yes' });
    await vi.advanceTimersByTimeAsync(400);
    expect(link.requests).toHaveLength(4);
    expect(new Set(link.requests.map((r) => (r.payload as { ackId: string }).ackId))).toEqual(new Set([ack.ackId]));
    expect(queue.pending()[0]).toMatchObject({ attempts: 4, lastError: expect.stringContaining('invalid reply') });
    link.requests[3]!.resolve({ ok: true, committed: true, duplicate: true, alert: alert('a-2') });
    await vi.advanceTimersByTimeAsync(0);
    expect(queue.pending()).toHaveLength(0);
  });

  it('drops an ack the hub refuses permanently, with an ackRejected event', async () => {
    const { link, bus, queue, connect } = setUp();
    const rejected = vi.fn();
    bus.on('ackRejected', rejected);
    connect();
    queue.acknowledge('gone', 'Lan', 'r1c1');
    link.requests[0]!.resolve({ ok: false, reason: 'unknown-alert', permanent: true, detail: 'no alert gone' });
    await vi.waitFor(() => expect(rejected).toHaveBeenCalledOnce());
    expect(queue.pending()).toHaveLength(0);
  });

  it('survives a reload: a new queue on the same storage sends what was pending, once per alert', async () => {
    const storage = memoryStorage();
    const first = setUp(storage);
    const ack = first.queue.acknowledge('a-3', 'Lan', 'r1c2');
    expect(first.queue.acknowledge('a-3', 'Bình', 'r1c1')).toBe(ack); // same alert: same pending ack
    first.queue.destroy();
    const second = setUp(storage);
    expect(second.queue.pending().map((a) => a.ackId)).toEqual([ack.ackId]);
    second.connect();
    expect(second.link.requests.map((r) => r.payload)).toEqual([expect.objectContaining({ ackId: ack.ackId, operator: 'Lan' })]);
  });

  it('drops unreadable stored entries, and refuses invalid new acks', () => {
    const storage = memoryStorage();
    storage.setItem(KEY, JSON.stringify([{ ackId: 'x' }, 42, { ackId: crypto.randomUUID(), alertId: 'a', operator: 'o', screen: 's', at: 1.7e12, attempts: 1, createdAt: 1 }]));
    const { queue, bus } = setUp(storage);
    expect(queue.pending()).toHaveLength(1);
    expect(() => queue.acknowledge('a b c', 'Lan', 'r1c1')).toThrow(/alertId/);
    expect(() => queue.acknowledge('ok', 'x'.repeat(500), 'r1c1')).toThrow(/operator/);
    queue.destroy();
    expect(bus.listenerCount()).toBe(0);
  });
});
