import { describe, expect, it } from 'vitest';
import { ALERTS_TOPIC, Store } from './store.js';
import { RingBuffer } from './ring-buffer.js';
import type { PageAlert } from '../core/page/host-messages.js';

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

  it('keeps one source per topic: a value from another source starts the history afresh', () => {
    const s = new Store(() => 0);
    s.publish('a.b', 1, 1000, 'demo');
    s.publish('a.b', 2, 2000, 'demo');
    expect(s.get('a.b')).toMatchObject({ source: 'demo', history: [{ t: 1000, value: 1, source: 'demo' }, { t: 2000, value: 2, source: 'demo' }] });
    s.publish('a.b', 70, 1500, 'hub'); // older than the demo's last point: no line back in time either
    s.publish('a.b', 71, 3000, 'hub');
    expect(s.get('a.b')).toMatchObject({ value: 71, receivedAt: 3000, source: 'hub', history: [{ t: 1500, value: 70, source: 'hub' }, { t: 3000, value: 71, source: 'hub' }] });
    s.publish('a.b', 5, 4000); // the host's publish command is a third source
    expect(s.get('a.b')).toMatchObject({ source: 'host', history: [{ t: 4000, value: 5, source: 'host' }] });
    expect([...s.takeDirty()]).toEqual(['a.b']);
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

describe('Store and hub snapshots', () => {
  it('replaces values: new ones published, identical ones left alone, missing topics dropped', () => {
    const s = new Store(() => 0);
    s.publish('a.b', 1, 1000, 'hub'); // from the last connection: the reconnect's snapshot repeats it
    s.publish('c.d', 2, 1000, 'hub');
    s.takeDirty();
    const before = s.publishes;
    s.replaceValues([{ topic: 'a.b', value: 1, t: 1000 }, { topic: 'e.f', value: 3, t: 2000 }]);
    expect(s.publishes - before).toBe(1);
    expect(s.get('c.d')).toBeUndefined();
    expect(s.get('e.f')?.value).toBe(3);
    expect([...s.takeDirty()].sort()).toEqual(['c.d', 'e.f']);
    expect(s.topicNames().sort()).toEqual(['a.b', 'e.f']);
  });

  it('restarts the history of a topic the demo feed had from the snapshot value, even an equal one', () => {
    const s = new Store(() => 0);
    for (let i = 0; i < 5; i++) s.publish('a.b', 10 + i, 1000 * i, 'demo');
    s.publish('c.d', 1, 1000, 'demo');
    s.replaceValues([{ topic: 'a.b', value: 500, t: 2500 }, { topic: 'c.d', value: 1, t: 1000 }]);
    expect(s.get('a.b')).toMatchObject({ value: 500, receivedAt: 2500, source: 'hub', history: [{ t: 2500, value: 500, source: 'hub' }] });
    expect(s.get('c.d')).toMatchObject({ source: 'hub', history: [{ t: 1000, value: 1, source: 'hub' }] });
  });

  it('takes a snapshot\'s chart history at once, from the hub, in time order; later updates append', () => {
    const s = new Store(() => 0);
    for (let i = 0; i < 3; i++) s.publish('a.b', 10 + i, 1000 * i, 'demo'); // the demo feed's walk goes
    s.takeDirty();
    const before = s.publishes;
    s.replaceValues(
      [{ topic: 'a.b', value: { value: 4, unit: 'm' }, t: 40_000 }, { topic: 'c.d', value: 7, t: 5000 }],
      [{ topic: 'a.b', t: [10_000, 20_000, 30_000, 40_000], v: [1, 2, 3, 4] }, { topic: 'x.y', t: [1000], v: [1] }],
    );
    expect(s.publishes - before).toBe(2); // one update per topic
    expect([...s.takeDirty()].sort()).toEqual(['a.b', 'c.d']);
    expect(s.get('a.b')).toEqual({
      topic: 'a.b',
      value: { value: 4, unit: 'm' },
      receivedAt: 40_000,
      source: 'hub',
      history: [
        { t: 10_000, value: 1, source: 'hub' },
        { t: 20_000, value: 2, source: 'hub' },
        { t: 30_000, value: 3, source: 'hub' },
        { t: 40_000, value: { value: 4, unit: 'm' }, source: 'hub' }, // the latest value, whole, not twice
      ],
    });
    expect(s.get('x.y')).toBeUndefined(); // history of a topic the snapshot has no value for
    s.publish('a.b', 5, 50_000, 'hub');
    expect(s.get('a.b')!.history.map((h) => h.t)).toEqual([10_000, 20_000, 30_000, 40_000, 50_000]);
  });

  it('adds on a resync only the history points the page missed, never one twice, within its length', () => {
    const s = new Store(() => 0, 8);
    s.replaceValues([{ topic: 'a.b', value: 3, t: 3000 }], [{ topic: 'a.b', t: [1000, 2000, 3000], v: [1, 2, 3] }]);
    s.publish('a.b', 4, 4000, 'hub');
    // batches 5000..6000 lost (gap); 7000 applied while the snapshot is on its way
    s.publish('a.b', 7, 7000, 'hub');
    s.replaceValues([{ topic: 'a.b', value: 7, t: 7000 }], [{ topic: 'a.b', t: [2000, 4000, 6000, 7000], v: [2, 4, 6, 7] }]); // the hub's, thinned
    expect(s.get('a.b')!.history).toEqual([1000, 2000, 3000, 4000, 6000, 7000].map((t) => ({ t, value: t / 1000, source: 'hub' })));
    // Again, identical: nothing changes.
    s.replaceValues([{ topic: 'a.b', value: 7, t: 7000 }], [{ topic: 'a.b', t: [2000, 4000, 6000, 7000], v: [2, 4, 6, 7] }]);
    expect(s.get('a.b')!.history).toHaveLength(6);
    // More than the store keeps: the newest 8.
    s.replaceValues([{ topic: 'a.b', value: 20, t: 20_000 }], [{ topic: 'a.b', t: [10_000, 11_000, 12_000, 13_000, 14_000, 15_000], v: [10, 11, 12, 13, 14, 15] }]);
    expect(s.get('a.b')!.history.map((h) => h.t)).toEqual([6000, 7000, 10_000, 11_000, 12_000, 13_000, 14_000, 15_000, 20_000].slice(-8));
  });

  it('replaces alerts (cleared ones left out) and adds the wall’s marks', () => {
    const s = new Store(() => 0);
    s.raiseAlert(alert('old', 'info', 1));
    s.replaceAlerts([alert('x', 'minor', 2), alert('y', 'critical', 3), { ...alert('z', 'major', 4), state: 'cleared' }]);
    expect(s.activeAlerts().map((a) => a.id)).toEqual(['y', 'x']);
    s.setAlertMarker((a) => (a.id === 'y' ? { escalated: true, pendingAck: { operator: 'An', at: 5 } } : undefined));
    expect(s.get(ALERTS_TOPIC)!.value).toEqual([expect.objectContaining({ id: 'y', escalated: true, pendingAck: { operator: 'An', at: 5 } }), alert('x', 'minor', 2)]);
    s.setLate(['a.b']);
    expect(s.lateTopics.has('a.b')).toBe(true);
  });
});
