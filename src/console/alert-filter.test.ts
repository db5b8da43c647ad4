import { describe, expect, it } from 'vitest';
import type { Alert } from '../core/protocol/alerts.js';
import { allAlerts, filterAlerts, foldText, matchesSearch, presentValues, sortGroups, type AlertCriteria } from './alert-filter.js';
import { groupRepeats } from './alert-groups.js';

const alert = (id: string, raisedAt: number, over: Partial<Alert> = {}): Alert => ({
  id, severity: 'major', sector: 'flood', area: 'TP. Cà Mau', source: 'test', title: id, message: '', state: 'active', raisedAt, updatedAt: raisedAt, ...over,
});

const ALERTS = [
  alert('ngap', 100, { severity: 'critical', title: 'Ngập sâu đường Lý Thường Kiệt', area: 'Phường 5' }),
  alert('trieu', 200, { severity: 'major', title: 'Triều cường', message: 'Mực nước vượt báo động II', area: 'Sông Gành Hào' }),
  alert('ket-xe', 300, { severity: 'minor', sector: 'traffic', title: 'Ùn tắc', area: 'Đầm Dơi', state: 'acknowledged' }),
  alert('mua', 400, { severity: 'info', title: 'Mưa lớn', area: 'TP. Cà Mau' }),
];
const ids = (c: Partial<AlertCriteria>): string[] => filterAlerts(ALERTS, { ...allAlerts(), ...c }).map((a) => a.id);

describe('alert filter', () => {
  it('shows every open alert by default', () => {
    expect(ids({})).toEqual(['ngap', 'trieu', 'ket-xe', 'mua']);
    expect(filterAlerts([alert('gone', 1, { state: 'cleared' })], allAlerts())).toEqual([]);
  });

  it('keeps the ticked severities, the sector, the area and the state chosen', () => {
    expect(ids({ severities: new Set(['critical', 'info']) })).toEqual(['ngap', 'mua']);
    expect(ids({ severities: new Set() })).toEqual([]);
    expect(ids({ sector: 'traffic' })).toEqual(['ket-xe']);
    expect(ids({ area: 'TP. Cà Mau' })).toEqual(['mua']);
    expect(ids({ state: 'active' })).toEqual(['ngap', 'trieu', 'mua']);
    expect(ids({ state: 'acknowledged' })).toEqual(['ket-xe']);
    expect(ids({ state: 'acknowledged', sector: 'flood' })).toEqual([]);
  });

  it('searches title, message and area without diacritics or case, every word', () => {
    expect(foldText('Ngập sâu ĐƯỜNG Đầm Dơi')).toBe('ngap sau duong dam doi');
    expect(ids({ search: 'ngap' })).toEqual(['ngap']);
    expect(ids({ search: 'NGẬP' })).toEqual(['ngap']);
    expect(ids({ search: 'bao dong' })).toEqual(['trieu']); // in the message
    expect(ids({ search: 'dam doi' })).toEqual(['ket-xe']); // in the area, đ typed as d
    expect(ids({ search: 'ca mau mua' })).toEqual(['mua']); // every word, anywhere
    expect(ids({ search: '  ' })).toHaveLength(4);
    expect(matchesSearch({ title: 'Ngập', message: '', area: '' }, 'ngapx')).toBe(false);
  });

  it('lists the sectors and areas present once each, in Vietnamese order', () => {
    expect(presentValues(ALERTS, 'sector')).toEqual(['flood', 'traffic']);
    expect(presentValues(ALERTS, 'area')).toEqual(['Đầm Dơi', 'Phường 5', 'Sông Gành Hào', 'TP. Cà Mau']);
  });
});

describe('alert sort', () => {
  const twice = [...ALERTS, alert('ngap-2', 500, { severity: 'critical', title: 'Ngập sâu đường Lý Thường Kiệt', area: 'Phường 5' }), alert('mua-2', 50, { severity: 'critical', title: 'Sạt lở', area: 'An Giang' })];
  const order = (sort: AlertCriteria['sort']): string[] => sortGroups(groupRepeats(twice), sort).map((g) => g.newest.id);

  it('by severity puts the most severe first, then the newest (a repeat by its latest raise)', () => {
    expect(order('severity')).toEqual(['ngap-2', 'mua-2', 'trieu', 'ket-xe', 'mua']);
  });

  it('by time: newest by the latest raise, oldest by the first raise', () => {
    expect(order('newest')).toEqual(['ngap-2', 'mua', 'ket-xe', 'trieu', 'mua-2']);
    expect(order('oldest')).toEqual(['mua-2', 'ngap-2', 'trieu', 'ket-xe', 'mua']);
  });

  it('by area in Vietnamese order, then severity', () => {
    expect(order('area')).toEqual(['mua-2', 'ket-xe', 'ngap-2', 'trieu', 'mua']);
  });
});
