import { describe, expect, it } from 'vitest';
import { timeTicks } from './time-ticks.js';
import { formatTime } from './format.js';

const HCM = 'Asia/Ho_Chi_Minh';
const DAY = 86_400_000;
/** 2026-12-07 13:05 in Hồ Chí Minh City. */
const NOW = Date.UTC(2026, 11, 7, 6, 5);

describe('time axis ticks from the window', () => {
  it('a day: hours, on round local hours', () => {
    const r = timeTicks(NOW - DAY, NOW, HCM, 'vi', 8);
    expect(r.unit).toBe('hour');
    expect(r.ticks.length).toBeLessThanOrEqual(8);
    expect(r.labels).toEqual(['15:00', '18:00', '21:00', '00:00', '03:00', '06:00', '09:00', '12:00']);
  });
  it('an hour: minutes', () => {
    const r = timeTicks(NOW - 3_600_000, NOW, HCM, 'vi', 6);
    expect(r.unit).toBe('minute');
    expect(r.labels[0]).toBe('12:10');
    expect(new Set(r.labels).size).toBe(r.labels.length);
  });
  it('30 days: days as dd/MM at local midnight, never a repeated clock time', () => {
    const r = timeTicks(NOW - 30 * DAY, NOW, HCM, 'vi', 8);
    expect(r.unit).toBe('day');
    expect(r.ticks.length).toBeLessThanOrEqual(8);
    expect(r.ticks.length).toBeGreaterThanOrEqual(4);
    for (const l of r.labels) expect(l).toMatch(/^\d\d\/\d\d$/);
    expect(new Set(r.labels).size).toBe(r.labels.length);
    // Local midnight is 17:00 UTC the day before.
    for (const t of r.ticks) expect(new Date(t).getUTCHours()).toBe(17);
  });
  it('a year: months, on the 1st', () => {
    const vi = timeTicks(NOW - 365 * DAY, NOW, HCM, 'vi', 6);
    expect(vi.unit).toBe('month');
    expect(vi.labels).toEqual(['01/2026', '03/2026', '05/2026', '07/2026', '09/2026', '11/2026']);
    const en = timeTicks(NOW - 365 * DAY, NOW, HCM, 'en', 6);
    expect(en.labels[0]).toBe('Jan 2026');
  });
  it('never more ticks than room for, however long the window', () => {
    for (const days of [1, 7, 30, 90, 365, 3650]) {
      for (const max of [1, 2, 3, 5, 12]) {
        const r = timeTicks(NOW - days * DAY, NOW, HCM, 'vi', max);
        expect(r.ticks.length).toBeLessThanOrEqual(max);
        expect(r.ticks.length).toBeGreaterThan(0);
      }
    }
  });
  it('ticks on local round times across a daylight-saving change and in half-hour zones', () => {
    // Paris springs forward at 02:00 on 29 March 2026: no 02:00 tick, the others stay round.
    const paris = timeTicks(Date.UTC(2026, 2, 28, 20), Date.UTC(2026, 2, 29, 8), 'Europe/Paris', 'en', 7);
    expect(paris.labels).toEqual(['22:00', '00:00', '04:00', '06:00', '08:00', '10:00']);
    const days = timeTicks(Date.UTC(2026, 2, 21, 12), Date.UTC(2026, 2, 31, 12), 'Europe/Paris', 'en', 12);
    expect(days.labels[0]).toBe('22/03');
    for (const t of days.ticks) expect(formatTime(t, 'Europe/Paris')).toBe('00:00');
    const kolkata = timeTicks(Date.UTC(2026, 2, 28, 20), Date.UTC(2026, 2, 29, 8), 'Asia/Kolkata', 'en', 12);
    expect(kolkata.labels[0]).toBe('02:00');
  });
});

