import { describe, expect, it } from 'vitest';
import { severityName } from '../core/wall/vocabulary.js';
import { AUDIT_ACTIONS as HUB_ACTIONS, AUDIT_CHANNELS } from '../core/protocol/audit.js';
import {
  AUDIT_ACTIONS, CHANNEL_CODES, NO_FILTER, actionName, auditCsv, channelName, commentOf, detailText, filterRows, isFailure, roleName, sourceName,
  type AuditRow,
} from './audit-rows.js';
import { wallTimeToMs } from './audit-view.js';

const TZ = 'Asia/Ho_Chi_Minh';
const AT = Date.UTC(2026, 11, 7, 0, 5, 9); // 07:05:09 in Hồ Chí Minh

const row = (over: Partial<AuditRow> = {}): AuditRow => ({
  seq: 1, at: AT, action: 'ack', alertId: 'a-1', actor: 'Nguyễn Thị Lan', role: 'operator', via: 'Nguyễn Thị Lan', channel: 'console',
  node: null, window: null, screen: null, detail: { ackId: 'k' }, ...over,
});

describe('audit rows', () => {
  it('names the channel in words, with the wall window and screen; an older hub\'s row by its role', () => {
    expect(sourceName(row({ role: 'wall', channel: 'wall', node: 'node-1', window: 'w1', screen: 'r1c2' }), 'vi')).toBe('màn hình tường node-1/w1 · r1c2');
    expect(sourceName(row(), 'vi')).toBe('bàn điều khiển');
    expect(sourceName(row({ role: 'integration', channel: 'rest' }), 'en')).toBe('REST');
    expect(sourceName(row({ channel: 'hub' }), 'vi')).toBe('hub');
    expect(channelName('schedule', 'vi')).toBe('lịch');
    expect(channelName('pager', 'vi')).toBe('pager'); // a newer hub's channel: its code
    const { channel: _none, ...old } = row({ role: 'wall' });
    expect(sourceName(old, 'vi')).toBe('màn hình tường');
    expect(sourceName({ ...old, role: 'operator' }, 'vi')).toBe('REST');
  });

  it('has words for every action and channel the hub records, in both languages', () => {
    expect(AUDIT_ACTIONS).toEqual([...HUB_ACTIONS]);
    expect(CHANNEL_CODES).toEqual([...AUDIT_CHANNELS]);
    expect(actionName('layout:failed', 'vi')).toBe('Chuyển bố cục không thành');
    expect(actionName('ack:refused', 'en')).toBe('Acknowledgement refused');
  });

  it('marks attempts that did not happen, not a clear that gives a reason', () => {
    expect(isFailure(row())).toBe(false);
    expect(isFailure(row({ action: 'layout:failed', detail: { code: 'switch-busy', reason: 'x' } }))).toBe(true);
    expect(isFailure(row({ action: 'ack:refused', detail: { code: 'unknown-alert' } }))).toBe(true);
    expect(isFailure(row({ action: 'clear', detail: { reason: 'Đã xử lý' } }))).toBe(false);
    expect(isFailure(row({ action: 'something-new', detail: { ok: false } }))).toBe(true);
  });

  it('says a failure\'s code in words and the windows that failed; the comment apart', () => {
    const failed = { code: 'switch-aborted', reason: 'node-2/w7 could not prepare', layout: 'flood', failed: [{ node: 'node-2', window: 'w7', error: 'hết giờ' }] };
    expect(detailText(failed, 'vi', TZ)).toBe(
      'lỗi: Đã huỷ lần chuyển vì có cửa sổ không chuẩn bị được · lý do: node-2/w7 could not prepare · bố cục: flood · cửa sổ không chuẩn bị được: node-2/w7: hết giờ',
    );
    expect(detailText({ code: 'switch-busy' }, 'en', TZ)).toBe('error: The hub is preparing another switch; try again in a moment');
    const acked = row({ detail: { ackId: 'k', comment: 'Đã gọi đội 3\ndòng 2' } });
    expect(commentOf(acked)).toBe('Đã gọi đội 3\ndòng 2');
    expect(detailText(acked.detail, 'vi', TZ)).toBe('mã xác nhận: k');
    expect(commentOf(row({ detail: null }))).toBe('');
  });

  it('filters by action, channel, actor (case-insensitive part), via, alert id and time range', () => {
    const rows = [row(), row({ seq: 2, action: 'raise', actor: 'he-thong-thuy-van', via: 'he-thong-thuy-van', channel: 'rest', at: AT - 60_000 })];
    expect(filterRows(rows, { ...NO_FILTER, action: 'raise' }).map((r) => r.seq)).toEqual([2]);
    expect(filterRows(rows, { ...NO_FILTER, channel: 'console' }).map((r) => r.seq)).toEqual([1]);
    expect(filterRows(rows, { ...NO_FILTER, actor: 'nguyễn thị' }).map((r) => r.seq)).toEqual([1]);
    expect(filterRows(rows, { ...NO_FILTER, via: 'he-thong-thuy-van' }).map((r) => r.seq)).toEqual([2]);
    expect(filterRows(rows, { ...NO_FILTER, alertId: 'zzz' })).toEqual([]);
    expect(filterRows(rows, { ...NO_FILTER, from: AT - 1000 }).map((r) => r.seq)).toEqual([1]);
    expect(filterRows(rows, { ...NO_FILTER, until: AT - 1000 }).map((r) => r.seq)).toEqual([2]);
  });

  it('writes CSV with the wall zone time, channel, comment, quoting and defused formulas', () => {
    const csv = auditCsv([row({ actor: '=HYPERLINK("x")', detail: { note: 'a, b', comment: 'Đã xử lý, "xong"' } })], 'vi', TZ);
    expect(csv.startsWith('\uFEFFThời điểm,Thao tác,Người thực hiện,Vai trò,Nguồn,Cửa sổ · màn hình,Qua,Cảnh báo,Kết quả,Ghi chú,')).toBe(true);
    const line = csv.split('\r\n')[1]!;
    const prefix = '07/12/2026 07:05:09,Xác nhận cảnh báo,"\'=HYPERLINK(""x"")",trực ban,bàn điều khiển,,Nguyễn Thị Lan,a-1,thành công,"Đã xử lý, ""xong""",';
    expect(line.slice(0, prefix.length)).toBe(prefix);
    expect(line).toContain(',"note: a, b",ack,console,');
    expect(line.endsWith(`,${AT}`)).toBe(true);
    const failed = auditCsv([row({ action: 'layout:failed', channel: 'wall', node: 'node-1', window: 'w1', detail: { code: 'switch-busy' } })], 'en', TZ);
    expect(failed.split('\r\n')[1]).toContain(',Layout switch failed,Nguyễn Thị Lan,operator,wall screen,node-1/w1,Nguyễn Thị Lan,a-1,failed,,');
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
