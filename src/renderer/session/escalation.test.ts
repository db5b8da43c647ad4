import { describe, expect, it } from 'vitest';
import type { WallAlert } from '../store.js';
import { Escalation, escalatedIds } from './escalation.js';

const alert = (id: string, severity: WallAlert['severity'], raisedAt: number, extra: Partial<WallAlert> = {}): WallAlert => ({
  id, severity, title: id, message: '', sector: 'flood', area: 'a', source: 's', state: 'active', raisedAt, updatedAt: raisedAt, ...extra,
});

describe('escalation', () => {
  it('escalates critical alerts left unacknowledged for the configured time, and nothing else', () => {
    const alerts = [
      alert('c-old', 'critical', 0),
      alert('c-new', 'critical', 30_000),
      alert('major', 'major', 0),
      alert('c-acked', 'critical', 0, { state: 'acknowledged', acknowledgedBy: 'An' }),
      alert('c-pending', 'critical', 0, { pendingAck: { operator: 'An', at: 1 } }),
    ];
    expect([...escalatedIds(alerts, 60_000, 60)]).toEqual(['c-old']);
    expect([...escalatedIds(alerts, 90_000, 60)].sort()).toEqual(['c-new', 'c-old']);
    expect(escalatedIds(alerts, 1e9, 0).size).toBe(0); // 0: never
  });

  it('beeps on each new escalation and then as a reminder while any stays escalated', () => {
    let beeps = 0;
    const e = new Escalation(60, { beep: () => void beeps++ }, 30_000);
    const a = [alert('x', 'critical', 0)];
    expect(e.update(a, 59_000)).toBe(false);
    expect(e.update(a, 60_000)).toBe(true);
    expect(beeps).toBe(1);
    e.update(a, 70_000);
    expect(beeps).toBe(1);
    e.update(a, 90_000);
    expect(beeps).toBe(2);
    e.update([...a, alert('y', 'critical', 35_000)], 95_000);
    expect(beeps).toBe(3);
    expect(e.update([], 96_000)).toBe(true);
    expect(e.has('x')).toBe(false);
  });
});
