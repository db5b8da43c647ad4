import { describe, expect, it } from 'vitest';
import type { FederationHealth } from '../core/protocol/federation-health.js';
import { federationCards } from './federation-view.js';

const NOW = 1_750_000_000_000;
const hhmm = (ms: number): string => `@${(NOW - ms) / 1000}s`;

describe('the console federation card', () => {
  const province: FederationHealth = {
    role: 'province',
    id: 'son-la',
    subCentres: [
      { id: 'moc-chau', link: { up: false, since: NOW - 90_000 }, backlog: 12, lagMs: 95_000, applied: { seq: 41, originAt: NOW - 95_000, appliedAt: NOW - 60_000 }, appliedCount: 41 },
      { id: 'yen-chau', link: { up: true, since: NOW - 5_000 }, backlog: 0, lagMs: 0, applied: null, appliedCount: 0 },
    ],
  };

  it("shows each sub-centre's link, what waits, the lag and the last applied, in Vietnamese and English", () => {
    expect(federationCards(province, 'vi', hhmm)).toEqual([
      { title: 'Trung tâm moc-chau', up: false, rows: [['Liên kết', 'mất kết nối từ @90s'], ['Tin chờ áp dụng', '12'], ['Độ trễ', 'chậm 1 phút'], ['Áp dụng lần cuối', '#41, @60s']] },
      { title: 'Trung tâm yen-chau', up: true, rows: [['Liên kết', 'đang kết nối từ @5s'], ['Tin chờ áp dụng', '0'], ['Độ trễ', 'đã cập nhật'], ['Áp dụng lần cuối', '—']] },
    ]);
    const en = federationCards(province, 'en', hhmm);
    expect(en.map((c) => c.title)).toEqual(['Sub-centre moc-chau', 'Sub-centre yen-chau']);
    expect(en[0]!.rows.map(([k]) => k)).toEqual(['Link', 'Messages waiting', 'Lag', 'Last applied']);
    expect(en[0]!.rows.map(([, v]) => v)).toEqual(['disconnected since @90s', '12', '1 min behind', '#41, @60s']);
    expect(en[1]!.rows[2]![1]).toBe('up to date');
  });

  it("shows a sub-centre's link to the province and what its stream keeps", () => {
    const sub: FederationHealth = { role: 'sub-centre', id: 'moc-chau', province: { up: true, since: NOW - 1000 }, stream: { name: 'WALLRUN_FWD_MOC_CHAU', messages: 700, bytes: 205_395, lastSeq: 700 } };
    expect(federationCards(sub, 'en', hhmm)).toEqual([
      { title: 'Sub-centre moc-chau → province', up: true, rows: [['Link to the province', 'connected since @1s'], ['Messages kept', '700 (201 KB)'], ['Last message', '#700']] },
    ]);
  });
});
