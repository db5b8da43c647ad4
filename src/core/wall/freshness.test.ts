import { describe, expect, it } from 'vitest';
import { dailyDeadlineMissedAt, minutesOfDay, zonedDayAndMinutes } from './freshness.js';

const TZ = 'Asia/Ho_Chi_Minh'; // UTC+7, no DST
/** An instant given as Hồ Chí Minh City wall time on 2 June 2025. */
const hcm = (hh: number, mm: number, day = 2): number => Date.UTC(2025, 5, day, hh - 7, mm);

describe('daily deadlines (shared by hub and page)', () => {
  it('reads local day and minutes in the wall time zone', () => {
    expect(zonedDayAndMinutes(hcm(17, 5), TZ)).toEqual({ day: '2025-06-02', minutes: 17 * 60 + 5 });
    expect(zonedDayAndMinutes(Date.parse('2025-03-02T23:30:00Z'), TZ)).toEqual({ day: '2025-03-03', minutes: 6 * 60 + 30 });
    expect(zonedDayAndMinutes(Date.parse('2025-03-02T23:30:00Z'), 'UTC')).toEqual({ day: '2025-03-02', minutes: 23 * 60 + 30 });
  });

  it('parses HH:MM', () => {
    expect(minutesOfDay('17:00')).toBe(1020);
    expect(minutesOfDay('00:05')).toBe(5);
  });

  it('is late after the deadline without an update today, from the deadline instant', () => {
    expect(dailyDeadlineMissedAt('17:00', null, hcm(16, 59), TZ)).toBeNull();
    expect(dailyDeadlineMissedAt('17:00', null, hcm(17, 0), TZ)).toBe(hcm(17, 0));
    expect(dailyDeadlineMissedAt('17:00', null, hcm(17, 42) + 13_500, TZ)).toBe(hcm(17, 0));
    expect(dailyDeadlineMissedAt('17:00', hcm(9, 0), hcm(17, 30), TZ)).toBeNull();
    expect(dailyDeadlineMissedAt('17:00', hcm(16, 0, 1), hcm(17, 30), TZ)).toBe(hcm(17, 0));
    expect(dailyDeadlineMissedAt('17:00', hcm(16, 0, 1), hcm(0, 5, 3), TZ)).toBeNull(); // a new day: not due yet
  });
});
