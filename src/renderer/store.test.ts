import { describe, expect, it } from 'vitest';
import { ALERTS_TOPIC, Store } from './store.js';
import { RingBuffer } from './ring-buffer.js';
import type { PageAlert } from '../core/host-api.js';

function alert(id: string, severity: PageAlert['severity'], raisedAt: number): PageAlert {
  return { id, severity, title: id, message: '', sector: 's', area: 'a', source: 't', state: 'active', raisedAt, updatedAt: raisedAt };
}

describe('RingBuffer', () => {
  it('keeps the newest `capacity` items, oldest first', () => {
    const r = new RingBuffer<number>(3);
    for (let i = 1; i <= 5; i++) r.push(i);
    expect(r.toArray()).toEqual([3, 4, 5]);
    expect(r.length).toBe(3);
    expect(r.last()).toBe(5);
  });
});

describe('Store', () => {
  it('keeps the latest value and a bounded history', () => {
    const s = new Store(() => 0, 4);
    for (let i = 0; i < 10; i++) s.publish('a.b', i, i * 1000);
    const d = s.get('a.b')!;
    expect(d.value).toBe(9);
    expect(d.receivedAt).toBe(9000);
    expect(d.history.map((h) => h.value)).toEqual([6, 7, 8, 9]);
  });

  it('coalesces any number of publishes into one dirty mark per topic until drained', () => {
    const s = new Store(() => 0);
    for (let i = 0; i < 10_000; i++) s.publish(i % 2 ? 'a.b' : 'c.d', i);
    expect([...s.takeDirty()].sort()).toEqual(['a.b', 'c.d']);
    expect(s.takeDirty().size).toBe(0);
    expect(s.publishes).toBe(10_000);
  });

  it('returns the same snapshot until the next publish', () => {
    const s = new Store(() => 0);
    s.publish('a.b', 1);
    expect(s.get('a.b')).toBe(s.get('a.b'));
    const first = s.get('a.b');
    s.publish('a.b', 2);
    expect(s.get('a.b')).not.toBe(first);
  });

  it('publishes active alerts most severe first, then newest first', () => {
    const s = new Store(() => 0);
    s.raiseAlert(alert('old-minor', 'minor', 1));
    s.raiseAlert(alert('critical', 'critical', 2));
    s.raiseAlert(alert('new-minor', 'minor', 3));
    expect((s.get(ALERTS_TOPIC)!.value as PageAlert[]).map((a) => a.id)).toEqual(['critical', 'new-minor', 'old-minor']);
    s.clearAlert('critical');
    expect(s.activeAlerts().map((a) => a.id)).toEqual(['new-minor', 'old-minor']);
  });
});
