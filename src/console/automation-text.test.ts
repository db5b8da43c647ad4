import { describe, expect, it } from 'vitest';
import type { ScheduleAnswer } from '../core/protocol/automation.js';
import { automationLines, hasAutomation, wallTime, type TargetNames } from './automation-text.js';

const TZ = 'Asia/Ho_Chi_Minh';
/** Wall time in Hồ Chí Minh City on Tuesday 8 December 2026. */
const at = (hhmm: string, day = 8): number => Date.parse(`2026-12-${String(day).padStart(2, '0')}T${hhmm}:00+07:00`);
const NAMES: TargetNames = { layout: (id) => ({ overview: 'Tổng quan', flood: 'Ngập lụt, triều cường' })[id] ?? id, preset: (id) => `kịch bản ${id}` };

/** A stand-in GET /api/schedule answer (the contract's ScheduleAnswer). */
function answer(over: Partial<ScheduleAnswer> = {}): ScheduleAnswer {
  return {
    hubTime: at('16:50'),
    timezone: TZ,
    now: { source: 'none', target: null, reason: '', since: null },
    hold: null,
    takeovers: [],
    prompts: [],
    next: [],
    rotation: null,
    queue: [],
    problems: [],
    ...over,
  };
}

describe('the "Tự động" panel’s sentences', () => {
  it('stays hidden while the hub has nothing automatic (a hold alone included)', () => {
    expect(hasAutomation(answer())).toBe(false);
    expect(hasAutomation(answer({ now: { source: 'hold', target: { layout: 'flood' }, reason: 'An', since: at('16:50') }, hold: { by: 'An', target: { layout: 'flood' }, since: at('16:50'), until: at('17:20') } }))).toBe(false);
    expect(hasAutomation(answer({ next: [{ entry: 'bao-cao-17h', target: { layout: 'overview' }, at: at('17:00'), local: '2026-12-08 17:00' }] }))).toBe(true);
  });

  it('says what runs now and why, with the source in the shared vocabulary and times in the wall’s zone', () => {
    const schedule = answer({ hubTime: at('17:05'), now: { source: 'schedule', target: { layout: 'overview' }, reason: 'bao-cao-17h', since: at('17:00') } });
    expect(automationLines(schedule, NAMES, 'vi').now).toBe('Lịch: Tổng quan (mục lịch "bao-cao-17h", từ 17:00)');
    expect(automationLines(schedule, NAMES, 'en').now).toBe('Schedule: Tổng quan (entry "bao-cao-17h", since 17:00)');
    const rotation = answer({
      hubTime: at('03:07', 9),
      now: { source: 'rotation', target: { preset: 'cams' }, reason: 'dem', since: at('03:05', 9) },
      rotation: { item: 1, target: { preset: 'cams' }, nextAt: at('03:10', 9) },
    });
    const r = automationLines(rotation, NAMES, 'vi');
    expect(r.now).toBe('Luân phiên: kịch bản cams ("dem", mục 2, từ 03:05)');
    expect(r.rotation).toBe('Mục 2: kịch bản cams, đến 03:10');
    expect(automationLines(answer(), NAMES, 'vi').now).toBe('Không có gì tự động: tường giữ bố cục đang hiện');
  });

  it('says the hold with its end, and "until released" without one; a date when the end is another day', () => {
    const hold = { by: 'Nguyễn An', target: { layout: 'flood' }, since: at('16:50'), until: at('17:20') };
    const held = answer({ now: { source: 'hold', target: hold.target, reason: hold.by, since: hold.since }, hold });
    const vi = automationLines(held, NAMES, 'vi');
    expect(vi.now).toBe('Giữ của người vận hành: Ngập lụt, triều cường (Nguyễn An chuyển tay, từ 16:50)');
    expect(vi.hold).toBe('Giữ Ngập lụt, triều cường (Nguyễn An chuyển tay lúc 16:50) đến 17:20; lịch và luân phiên chờ');
    expect(automationLines(answer({ hold: { ...hold, until: null } }), NAMES, 'en').hold).toBe(
      'Holding Ngập lụt, triều cường (Nguyễn An switched at 16:50) until released; schedule and rotation wait',
    );
    expect(wallTime(at('08:00', 9), at('16:50'), TZ)).toBe('09/12 08:00');
  });

  it('lists the next entries with their local date and time, takeovers, prompts and the queue', () => {
    const a = answer({
      next: [{ entry: 'bao-cao-17h', target: { layout: 'overview' }, at: at('17:00'), local: '2026-12-08 17:00' }],
      takeovers: [{ rule: 'lu-lut', alertId: 'a1', alerts: ['a1', 'a2'], target: { layout: 'flood' }, since: at('16:40'), returnOn: 'clear', switched: false }],
      prompts: [{ id: 'p1', rule: 'lu-lut', alertId: 'a3', title: 'Triều cường vượt báo động III', severity: 'critical', target: { layout: 'flood' }, createdAt: at('16:49'), expiresAt: at('16:51') }],
      queue: [{ target: { layout: 'overview' }, source: 'operator', reason: 'Nguyễn An', queuedAt: at('16:50') }],
    });
    const vi = automationLines(a, NAMES, 'vi');
    expect(vi.next).toEqual(['08/12 17:00 — Tổng quan (bao-cao-17h)']);
    expect(vi.takeovers).toEqual(['Quy tắc "lu-lut": Ngập lụt, triều cường từ 16:40 (2 cảnh báo), trở lại khi cảnh báo đã xử lý; chờ giới hạn tần suất chuyển']);
    expect(vi.prompts).toEqual([{ id: 'p1', severity: 'critical', text: '▲ Khẩn cấp: Triều cường vượt báo động III — đề xuất chuyển sang Ngập lụt, triều cường (quy tắc "lu-lut"); không ai xác nhận thì bỏ lúc 16:51' }]);
    expect(vi.queue).toEqual(['Tổng quan — Người vận hành, Nguyễn An, chờ từ 16:50']);
    const en = automationLines(a, NAMES, 'en');
    expect(en.takeovers[0]).toBe('Rule "lu-lut": Ngập lụt, triều cường since 16:40 (2 alerts), returns when the alert is resolved; waiting for the switch rate limit');
    expect(en.queue).toEqual(['Tổng quan — Operator, Nguyễn An, waiting since 16:50']);
  });
});
