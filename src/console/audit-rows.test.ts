import { describe, expect, it } from 'vitest';
import { severityName } from '../core/wall/vocabulary.js';
import { NO_FILTER, auditCsv, detailText, filterRows, isFailure, roleName, sourceName, type AuditRow } from './audit-rows.js';
import { wallTimeToMs } from './audit-view.js';

const TZ = 'Asia/Ho_Chi_Minh';
const AT = Date.UTC(2026, 11, 7, 0, 5, 9); // 07:05:09 in Hồ Chí Minh

const row = (over: Partial<AuditRow> = {}): AuditRow => ({
  seq: 1, at: AT, action: 'ack', alertId: 'a-1', actor: 'Nguyễn Thị Lan', role: 'operator', via: 'Nguyễn Thị Lan',
  node: null, window: null, screen: null, detail: { ackId: 'k' }, ...over,
});

describe('audit rows', () => {
  it('names the source: wall screen, integration, console / REST, demo', () => {
    expect(sourceName(row({ role: 'wall', node: 'node-1', window: 'w1', screen: 'r1c2' }), 'vi')).toBe('Màn hình tường node-1/w1 · r1c2');
    expect(sourceName(row({ role: 'integration' }), 'vi')).toBe('Hệ thống tích hợp (REST)');
    expect(sourceName(row(), 'en')).toBe('Console / REST');
    expect(sourceName(row({ via: 'demo', role: 'integration' }), 'vi')).toBe('Mô phỏng (demo)');
  });

  it('marks failures the hub records in detail', () => {
    expect(isFailure(row())).toBe(false);
    expect(isFailure(row({ detail: { reason: 'switch-busy' } }))).toBe(true);
    expect(isFailure(row({ detail: { ok: false } }))).toBe(true);
  });

  it('filters by action, actor (case-insensitive part), via, alert id and time range', () => {
    const rows = [row(), row({ seq: 2, action: 'raise', actor: 'he-thong-thuy-van', via: 'he-thong-thuy-van', at: AT - 60_000 })];
    expect(filterRows(rows, { ...NO_FILTER, action: 'raise' }).map((r) => r.seq)).toEqual([2]);
    expect(filterRows(rows, { ...NO_FILTER, actor: 'nguyễn thị' }).map((r) => r.seq)).toEqual([1]);
    expect(filterRows(rows, { ...NO_FILTER, via: 'he-thong-thuy-van' }).map((r) => r.seq)).toEqual([2]);
    expect(filterRows(rows, { ...NO_FILTER, alertId: 'zzz' })).toEqual([]);
    expect(filterRows(rows, { ...NO_FILTER, from: AT - 1000 }).map((r) => r.seq)).toEqual([1]);
    expect(filterRows(rows, { ...NO_FILTER, until: AT - 1000 }).map((r) => r.seq)).toEqual([2]);
  });

  it('writes CSV with the wall zone time, quoting and defused formulas', () => {
    const csv = auditCsv([row({ actor: '=HYPERLINK("x")', detail: { note: 'a, b' } })], 'vi', TZ);
    expect(csv.startsWith('\uFEFFThời điểm,')).toBe(true);
    const line = csv.split('\r\n')[1]!;
    const prefix = '07/12/2026 07:05:09,Xác nhận cảnh báo,"\'=HYPERLINK(""x"")",trực ban,';
    expect(line.slice(0, prefix.length)).toBe(prefix);
    expect(line).toContain(',"note: a, b",ack,');
    expect(line.endsWith(`,${AT}`)).toBe(true);
  });

  it('says detail keys, severities and times in words', () => {
    expect(detailText({ severity: 'critical', ackedAt: AT, foo: 1 }, 'vi', TZ)).toBe(`mức: ${severityName('critical', 'vi')} · xác nhận lúc: 07/12/2026 07:05:09 · foo: 1`);
    expect(roleName('wall', 'vi')).toBe('màn hình tường');
    expect(roleName('robot', 'vi')).toBe('robot');
  });

  it('reads a datetime-local value in the wall zone', () => {
    expect(wallTimeToMs('2026-12-07T07:05:09', TZ)).toBe(AT);
    expect(wallTimeToMs('', TZ)).toBeNull();
  });
});
