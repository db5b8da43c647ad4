import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../core/protocol/protocol.js';
import type { Alert } from '../../core/protocol/alerts.js';
import { EventBus } from '../net/bus.js';
import type { PendingAck, WallClientEvents } from '../net/events.js';
import { Store } from '../store.js';
import { feedStore } from './store-feed.js';

const alert = (id: string, state: Alert['state'] = 'active'): Alert => ({
  id, severity: 'critical', sector: 'flood', area: 'TP. Cà Mau', source: 's', title: id, message: '', state, raisedAt: 1, updatedAt: 1,
});
const snapshot = (over: Partial<Snapshot> = {}): Snapshot => ({ protocol: 1, hubTime: 10, seq: 0, layout: null, values: [], alerts: [], late: [], ...over });
const ack: PendingAck = { ackId: 'k1', alertId: 'x', operator: 'An', screen: 'r1c1', at: 5, attempts: 1, createdAt: 5 };

function setup() {
  const store = new Store(() => 0);
  const bus = new EventBus<WallClientEvents>();
  const off = feedStore(bus, store);
  return { store, bus, off };
}

describe('store feed (the hub bus → the store)', () => {
  it('a snapshot replaces values, alerts and the late list', () => {
    const { store, bus } = setup();
    store.publish('old.topic', 1, 1);
    store.raiseAlert(alert('old'));
    bus.emit('snapshot', snapshot({
      values: [{ topic: 'a.b', value: 2, t: 5 }],
      alerts: [alert('x'), alert('y', 'acknowledged')],
      late: [{ topic: 'a.b', deadline: '17:00', lastAt: null, lateSince: 3 }],
    }));
    expect(store.get('old.topic')).toBeUndefined();
    expect(store.get('a.b')).toMatchObject({ value: 2, receivedAt: 5 });
    expect(store.activeAlerts().map((a) => a.id).sort()).toEqual(['x', 'y']);
    expect([...store.lateTopics]).toEqual(['a.b']);
    bus.emit('late', { at: 6, late: [] });
    expect([...store.lateTopics]).toEqual([]);
  });

  it('takes the snapshot\'s forecasts, then each forecast event; the topic redraws each time', () => {
    const { store, bus } = setup();
    const f = (topic: string, v: number) => ({ topic, model: 'm', issuedAt: 1, validUntil: 9e12, points: [{ t: 100, v }] });
    bus.emit('snapshot', snapshot({ values: [{ topic: 'a.b', value: 2, t: 5 }], forecasts: [f('a.b', 3), f('c.d', 4)] }));
    store.takeDirty();
    expect(store.get('a.b')?.forecast?.points[0]?.v).toBe(3);
    expect(store.get('c.d')).toMatchObject({ value: undefined, forecast: { topic: 'c.d' } });
    bus.emit('forecast', { topic: 'a.b', forecast: f('a.b', 7) });
    expect(store.get('a.b')?.forecast?.points[0]?.v).toBe(7);
    bus.emit('forecast', { topic: 'a.b', forecast: null });
    expect(store.get('a.b')?.forecast).toBeUndefined();
    expect([...store.takeDirty()]).toEqual(['a.b']);
    bus.emit('snapshot', snapshot({ values: [{ topic: 'a.b', value: 2, t: 5 }] }));
    expect(store.get('c.d')).toBeUndefined();
  });

  it('applies updates and alert events; a cleared alert leaves the wall', () => {
    const { store, bus } = setup();
    bus.emit('updates', [{ topic: 'a.b', value: 1, t: 2 }, { topic: 'a.b', value: 3, t: 4 }]);
    expect(store.get('a.b')?.history.map((h) => h.value)).toEqual([1, 3]);
    bus.emit('alert', { kind: 'raised', alert: alert('x') });
    bus.emit('alert', { kind: 'acknowledged', alert: { ...alert('x', 'acknowledged'), acknowledgedBy: 'An' } });
    expect(store.activeAlerts()).toEqual([expect.objectContaining({ id: 'x', state: 'acknowledged', acknowledgedBy: 'An' })]);
    bus.emit('alert', { kind: 'cleared', alert: alert('x', 'cleared') });
    expect(store.activeAlerts()).toEqual([]);
  });

  it('shows a committed acknowledgement at once; a cleared one does not come back', () => {
    const { store, bus } = setup();
    bus.emit('alert', { kind: 'raised', alert: alert('x') });
    bus.emit('ackConfirmed', { ack, result: { ok: true, committed: true, duplicate: false, alert: { ...alert('x', 'acknowledged'), acknowledgedBy: 'An' } } });
    expect(store.alert('x')).toMatchObject({ state: 'acknowledged', acknowledgedBy: 'An' });
    store.clearAlert('x');
    bus.emit('ackConfirmed', { ack, result: { ok: true, committed: true, duplicate: false, alert: alert('x', 'cleared') } });
    expect(store.alert('x')).toBeUndefined();
  });

  it('the disposer takes every listener off the bus', () => {
    const { bus, off } = setup();
    expect(bus.listenerCount()).toBe(6);
    off();
    expect(bus.listenerCount()).toBe(0);
  });
});
