import { describe, expect, it } from 'vitest';
import type { WallAlert } from '../store.js';
import { FLOOD_COUNT, floodOf, groupAlerts, hiddenCount, rowsThatFit } from './alert-groups.js';

const T0 = Date.UTC(2026, 11, 6, 3, 0);

function alert(id: string, severity: WallAlert['severity'], title: string, raisedAt: number, area = 'TP. Cà Mau'): WallAlert {
  return { id, severity, sector: 'flood', area, source: 'test', title, message: '', state: 'active', raisedAt, updatedAt: raisedAt };
}

describe('groupAlerts', () => {
  it('groups repeats of one alarm into one row led by the newest, with a count', () => {
    const groups = groupAlerts([
      alert('a', 'major', 'Mực nước vượt báo động 2', T0),
      alert('b', 'major', 'Mực nước vượt báo động 2', T0 + 60_000),
      alert('c', 'major', 'Mực nước vượt báo động 2', T0 + 30_000),
      alert('d', 'major', 'Mực nước vượt báo động 2', T0, 'Năm Căn'),
    ]);
    expect(groups.map((g) => [g.lead.id, g.count])).toEqual([['b', 3], ['d', 1]]);
  });

  it('orders most severe first, newest first within a level', () => {
    const groups = groupAlerts([
      alert('old-minor', 'minor', 'x', T0),
      alert('old-critical', 'critical', 'y', T0),
      alert('new-minor', 'minor', 'z', T0 + 1000),
      alert('new-critical', 'critical', 'w', T0 + 1000),
    ]);
    expect(groups.map((g) => g.lead.id)).toEqual(['new-critical', 'old-critical', 'new-minor', 'old-minor']);
  });

  it('marks a group escalated or selected when any member is', () => {
    const [g] = groupAlerts([alert('a', 'critical', 'x', T0), { ...alert('b', 'critical', 'x', T0 - 5), escalated: true, selected: true }]);
    expect(g).toMatchObject({ count: 2, escalated: true, selected: true });
  });
});

describe('floodOf', () => {
  const burst = (n: number, spacingMs: number): WallAlert[] =>
    Array.from({ length: n }, (_, i) => alert(`f${i}`, i % 2 ? 'major' : 'critical', `t${i}`, T0 - i * spacingMs));

  it('is none at the threshold and a summary by level above it', () => {
    expect(floodOf(burst(FLOOD_COUNT, 10_000), T0)).toBeNull();
    expect(floodOf(burst(FLOOD_COUNT + 2, 10_000), T0)).toEqual({ count: 12, bySeverity: { critical: 6, major: 6 } });
  });

  it('counts only the last ten minutes', () => {
    // 20 alerts 70 s apart: only 9 of them in the last ten minutes.
    expect(floodOf(burst(20, 70_000), T0)).toBeNull();
    expect(floodOf(burst(20, 50_000), T0)?.count).toBe(13);
  });
});

describe('rowsThatFit', () => {
  it('shows every row when all fit, else leaves room for the "+N more" line', () => {
    expect(rowsThatFit(3, 300, 100, 50)).toBe(3);
    expect(rowsThatFit(10, 1000, 130, 60)).toBe(7);
    expect(rowsThatFit(10, 40, 130, 60)).toBe(0);
  });

  it('counts the alerts of groups left out', () => {
    const groups = groupAlerts([alert('a', 'critical', 'x', T0), alert('b', 'minor', 'y', T0), alert('c', 'minor', 'y', T0 - 1)]);
    expect(hiddenCount(groups, 1)).toBe(2);
    expect(hiddenCount(groups, 2)).toBe(0);
  });
});
