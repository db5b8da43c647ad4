import { describe, expect, it } from 'vitest';
import { isStale } from './freshness.js';

const TZ = 'Asia/Ho_Chi_Minh'; // UTC+7, no DST
/** Wall-clock ms of a local time in Hồ Chí Minh City. */
const local = (iso: string): number => Date.parse(`${iso}+07:00`);

describe('freshness', () => {
  it('maxAgeS: stale once the newest data is older than the limit', () => {
    const now = 100_000;
    expect(isStale({ maxAgeS: 60 }, now - 59_000, now, TZ, 0)).toBe(false);
    expect(isStale({ maxAgeS: 60 }, now - 61_000, now, TZ, 0)).toBe(true);
  });

  it('maxAgeS without any data counts from when the tile appeared', () => {
    expect(isStale({ maxAgeS: 60 }, null, 100_000, TZ, 50_000)).toBe(false);
    expect(isStale({ maxAgeS: 60 }, null, 200_000, TZ, 50_000)).toBe(true);
  });

  it('dailyDeadline: late only after the deadline, when not updated today (wall time zone)', () => {
    const f = { dailyDeadline: '17:00' };
    expect(isStale(f, local('2025-03-03T09:00:00'), local('2025-03-03T16:59:00'), TZ, 0)).toBe(false);
    expect(isStale(f, local('2025-03-03T09:00:00'), local('2025-03-03T17:01:00'), TZ, 0)).toBe(false);
    expect(isStale(f, local('2025-03-02T18:00:00'), local('2025-03-03T17:01:00'), TZ, 0)).toBe(true);
    expect(isStale(f, null, local('2025-03-03T17:00:00'), TZ, 0)).toBe(true);
    // 23:30 UTC on the 2nd is already the 3rd in Hồ Chí Minh City: updated "today".
    expect(isStale(f, Date.parse('2025-03-02T23:30:00Z'), local('2025-03-03T18:00:00'), TZ, 0)).toBe(false);
  });
});
