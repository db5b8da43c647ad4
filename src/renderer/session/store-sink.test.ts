import { describe, expect, it } from 'vitest';
import type { Alert } from '../../core/protocol/alerts.js';
import type { OperatorDirectory, Snapshot } from '../../core/protocol/protocol.js';
import { Store } from '../store.js';
import { StoreSink } from './store-sink.js';

const alert = (id: string, state: Alert['state'] = 'active'): Alert => ({
  id, severity: 'critical', sector: 'flood', area: 'TP. Cà Mau', source: 's', title: id, message: '', state, raisedAt: 1, updatedAt: 1,
});
const directory: OperatorDirectory = { salt: '0123456789abcdef', operators: [{ name: 'An', credentials: ['a'.repeat(64)] }] };
const snapshot = (over: Partial<Snapshot> = {}): Snapshot => ({ protocol: 1, hubTime: 10, seq: 0, layout: null, values: [], alerts: [], late: [], ...over });

function setup() {
  const store = new Store(() => 0);
  const seen = { operators: [] as OperatorDirectory[], layouts: [] as string[], first: 0 };
  const sink = new StoreSink({
    store,
    onOperators: (d) => void seen.operators.push(d),
    onLayout: (c) => void seen.layouts.push(c.commandId),
    onConnection: () => undefined,
    onPending: () => undefined,
    prepare: async () => ({ ok: true }),
    abort: () => undefined,
    onFirstSnapshot: () => void seen.first++,
  });
  return { store, sink, seen };
}

describe('store sink', () => {
  it('a snapshot replaces values, alerts and the late list, and hands on operators and layout', () => {
    const { store, sink, seen } = setup();
    store.publish('old.topic', 1, 1);
    store.raiseAlert(alert('old'));
    sink.onSnapshot(snapshot({
      values: [{ topic: 'a.b', value: 2, t: 5 }],
      alerts: [alert('x'), alert('y', 'acknowledged')],
      late: [{ topic: 'a.b', deadline: '17:00', lastAt: null, lateSince: 3 }],
      layout: { commandId: 'c1', layout: 'flood', at: 9, issuedAt: 8, by: 'Lan' },
      operators: directory,
    }));
    expect(store.get('old.topic')).toBeUndefined();
    expect(store.get('a.b')).toMatchObject({ value: 2, receivedAt: 5 });
    expect(store.activeAlerts().map((a) => a.id).sort()).toEqual(['x', 'y']);
    expect([...store.lateTopics]).toEqual(['a.b']);
    expect(seen).toEqual({ operators: [directory], layouts: ['c1'], first: 1 });
    sink.onSnapshot(snapshot());
    expect(seen.first).toBe(1);
  });

  it('applies updates and alert events; a cleared alert leaves the wall', () => {
    const { store, sink } = setup();
    sink.onUpdates([{ topic: 'a.b', value: 1, t: 2 }, { topic: 'a.b', value: 3, t: 4 }]);
    expect(store.get('a.b')?.history.map((h) => h.value)).toEqual([1, 3]);
    sink.onAlert({ kind: 'raised', alert: alert('x') });
    sink.onAlert({ kind: 'acknowledged', alert: { ...alert('x', 'acknowledged'), acknowledgedBy: 'An' } });
    expect(store.activeAlerts()).toEqual([expect.objectContaining({ id: 'x', state: 'acknowledged', acknowledgedBy: 'An' })]);
    sink.onAlert({ kind: 'cleared', alert: alert('x', 'cleared') });
    expect(store.activeAlerts()).toEqual([]);
  });
});
