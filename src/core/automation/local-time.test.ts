import { describe, expect, it } from 'vitest';
import { addDays, CLOCK_TIME, isCalendarDate, localInstant, weekdayOf } from './local-time.js';

describe('local dates and times', () => {
  it('accepts only clock times that exist', () => {
    for (const ok of ['00:00', '07:30', '23:59']) expect(CLOCK_TIME.test(ok)).toBe(true);
    for (const bad of ['24:00', '07:60', '7:30', '07:5', '25:00', '']) expect(CLOCK_TIME.test(bad)).toBe(false);
  });

  it('accepts only calendar dates that exist', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    for (const bad of ['2027-02-29', '2026-13-01', '2026-04-31', '2026-4-1', 'soon']) expect(isCalendarDate(bad)).toBe(false);
  });

  it('steps days across months and years and names weekdays', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(weekdayOf('2026-12-07')).toBe('mon');
    expect(weekdayOf('2026-12-13')).toBe('sun');
  });

  it('turns a local reading into an instant in zones east and west of UTC', () => {
    expect(localInstant('2026-12-07', 7 * 60 + 30, 'Asia/Ho_Chi_Minh')).toBe(Date.parse('2026-12-07T00:30Z'));
    expect(localInstant('2026-12-07', 0, 'America/New_York')).toBe(Date.parse('2026-12-07T05:00Z'));
    expect(localInstant('2026-12-07', 0, 'Asia/Kolkata')).toBe(Date.parse('2026-12-06T18:30Z'));
  });
});
