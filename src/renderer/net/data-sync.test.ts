import { describe, expect, it, vi } from 'vitest';
import { FakeHubLink } from '../../../test/support/fake-hub-link.js';
import type { Snapshot } from '../../core/protocol/protocol.js';
import { EventBus } from './bus.js';
import { DataSync } from './data-sync.js';
import type { WallClientEvents } from './events.js';

const T = 1_750_000_000_000;
const snapshot = (seq: number, values: Snapshot['values'] = []): Snapshot => ({
  protocol: 1, hubTime: T, seq, layout: null, values, alerts: [], late: [],
});
const batch = (seq: number, value = seq) => ({ seq, updates: [{ topic: 'a.b', value, t: T }] });

function setUp() {
  const link = new FakeHubLink();
  link.connected = true;
  const bus = new EventBus<WallClientEvents>();
  const data = new DataSync(link, bus, 1000, (t) => t - 7);
  data.init();
  const updates: number[] = [];
  bus.on('updates', (u) => updates.push(...u.map((x) => x.value as number)));
  const errors: unknown[] = [];
  bus.on('error', (e) => errors.push(e));
  return { link, bus, data, updates, errors };
}

describe('DataSync', () => {
  it('applies batches in sequence after the snapshot and ignores ones it already has', () => {
    const { link, data, updates } = setUp();
    link.emit('updates', batch(1)); // before any snapshot: ignored
    link.emit('snapshot', snapshot(4));
    link.emit('updates', batch(4)); // covered by the snapshot
    link.emit('updates', batch(5));
    link.emit('updates', batch(6));
    expect(updates).toEqual([5, 6]);
    expect(data.seq).toBe(6);
    expect(link.sent).toEqual([]);
  });

  it('asks for a snapshot on a gap, again if none comes, and stops when it comes', async () => {
    vi.useFakeTimers();
    const { link, bus, updates } = setUp();
    const gaps: unknown[] = [];
    bus.on('resync', (g) => gaps.push(g));
    link.emit('snapshot', snapshot(0));
    link.emit('updates', batch(1));
    link.emit('updates', batch(3)); // 2 was lost
    expect(gaps).toEqual([{ expected: 2, got: 3 }]);
    expect(updates).toEqual([1, 3]); // newer values are applied meanwhile
    expect(link.sent).toEqual([{ event: 'snapshot:request', payload: { reason: 'gap', lastSeq: 1 } }]);
    link.emit('updates', batch(5)); // another gap while waiting: no second request
    expect(link.sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(link.sent).toHaveLength(2);
    link.emit('snapshot', snapshot(7));
    await vi.advanceTimersByTimeAsync(5000);
    expect(link.sent).toHaveLength(2);
    link.emit('updates', batch(8));
    expect(updates.at(-1)).toBe(8);
    vi.useRealTimers();
  });

  it('rejects invalid payloads with an error event; an invalid batch triggers a resync', () => {
    const { link, bus, errors } = setUp();
    const alerts: unknown[] = [];
    bus.on('alert', (a) => alerts.push(a));
    link.emit('snapshot', snapshot(0));
    link.emit('updates', { seq: 1, updates: [{ topic: 'a.b', value: 1, t: T, html: '<b>' }] });
    expect(link.sent).toEqual([{ event: 'snapshot:request', payload: { reason: 'gap', lastSeq: 0 } }]);
    link.emit('alert:raised', { id: 'x' });
    link.emit('alert:raised', {
      id: 'x', severity: 'major', sector: 'flood', area: 'a', source: 's', title: 'Ngập', message: '', state: 'active', raisedAt: T, updatedAt: T,
    });
    expect(alerts).toEqual([{ kind: 'raised', alert: expect.objectContaining({ id: 'x', title: 'Ngập' }) }]);
    expect(errors).toHaveLength(2);
  });

  it('converts layout commands to local time and forgets the sequence on disconnect', () => {
    const { link, bus, data } = setUp();
    const layouts: unknown[] = [];
    bus.on('layout', (l) => layouts.push(l));
    link.emit('layout:switch', { commandId: 'c1', layout: 'flood', at: T + 1500, issuedAt: T, by: 'Lan' });
    expect(layouts).toEqual([expect.objectContaining({ layout: 'flood', at: T + 1500, localAt: T + 1493 })]);
    link.emit('snapshot', snapshot(3));
    bus.emit('state', { state: 'reconnecting', attempt: 1, at: T });
    expect(data.seq).toBeNull();
    data.destroy();
    expect(link.listenerCount()).toBe(0);
  });
});
