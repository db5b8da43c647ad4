import { describe, expect, it } from 'vitest';
import type { Alert } from '../core/protocol/alerts.js';
import { groupRepeats, repeatKey } from './alert-groups.js';

const alert = (id: string, raisedAt: number, over: Partial<Alert> = {}): Alert => ({
  id, severity: 'major', sector: 'flood', area: 'TP. Cà Mau', source: 'test', title: 'Ngập sâu', message: '', state: 'active', raisedAt, updatedAt: raisedAt, ...over,
});

describe('repeats of one alarm', () => {
  it('are the same title, area, sector and severity; any of them different is another alarm', () => {
    const a = alert('a', 1);
    expect(repeatKey(alert('b', 2, { message: 'khác', source: 'other', state: 'acknowledged' }))).toBe(repeatKey(a));
    for (const change of [{ title: 'Ngập' }, { area: 'Cà Mau' }, { sector: 'traffic' }, { severity: 'minor' as const }]) {
      expect(repeatKey(alert('c', 1, change))).not.toBe(repeatKey(a));
    }
  });

  it('cannot be faked by a title that holds what would separate the fields', () => {
    expect(repeatKey(alert('a', 1, { title: 'A|B', area: 'C' }))).not.toBe(repeatKey(alert('b', 1, { title: 'A', area: 'B|C' })));
  });

  it('form one group, newest first, with the first time and the members still unacknowledged', () => {
    const groups = groupRepeats([
      alert('old', 100, { state: 'acknowledged', acknowledgedBy: 'Lan' }),
      alert('other', 150, { title: 'Ùn tắc', sector: 'traffic' }),
      alert('new', 300),
      alert('mid', 200),
    ]);
    expect(groups.map((g) => g.members.map((m) => m.id))).toEqual([['new', 'mid', 'old'], ['other']]);
    expect(groups[0]).toMatchObject({ firstAt: 100, newest: { id: 'new' } });
    expect(groups[0]!.active.map((m) => m.id)).toEqual(['new', 'mid']);
    expect(groups[1]).toMatchObject({ firstAt: 150, newest: { id: 'other' } });
  });

  it('of none are no rows', () => {
    expect(groupRepeats([])).toEqual([]);
  });
});
