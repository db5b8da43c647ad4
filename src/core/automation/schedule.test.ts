import { describe, expect, it } from 'vitest';
import type { Layout } from '../wall/model.js';
import { NO_AUTOMATION, type Automation, type Rotation, type ScheduleEntry } from './model.js';
import { allEntries, currentEntry, nextOccurrences, occurrences, rotationAt } from './schedule.js';

const HCM = 'Asia/Ho_Chi_Minh'; // UTC+7, no DST
const utc = (iso: string): number => Date.parse(`${iso}Z`);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri'] as ScheduleEntry['days'];
const morning: ScheduleEntry = { id: 'morning', target: { layout: 'overview' }, at: '07:30', days: WEEKDAYS };

describe('schedule occurrences in the wall zone', () => {
  it('fires a weekday 07:30 entry at 07:30 in Ho Chi Minh City (00:30 UTC), not on Saturday or Sunday', () => {
    // Monday 7 December 2026 to Monday 14 December.
    const occ = occurrences([morning], utc('2026-12-07T00:00'), utc('2026-12-14T00:00'), HCM);
    expect(occ.map((o) => o.at)).toEqual([7, 8, 9, 10, 11].map((d) => utc(`2026-12-${String(d).padStart(2, '0')}T00:30`)));
    expect(occ[0]).toEqual({ entry: 'morning', target: { layout: 'overview' }, at: utc('2026-12-07T00:30'), local: '2026-12-07 07:30' });
    expect(occurrences([morning], utc('2026-12-12T00:00'), utc('2026-12-13T23:00'), HCM)).toEqual([]);
  });

  it('counts from exclusive, to inclusive', () => {
    const at = utc('2026-12-07T00:30');
    expect(occurrences([morning], at, at + HOUR, HCM)).toEqual([]);
    expect(occurrences([morning], at - 1, at, HCM).map((o) => o.at)).toEqual([at]);
  });

  it('puts a local time after midnight on the right day: 06:00 local Monday is Sunday 23:00 UTC', () => {
    const early: ScheduleEntry = { id: 'early', target: { layout: 'night' }, at: '06:00', days: ['mon'] };
    const occ = occurrences([early], utc('2026-12-06T00:00'), utc('2026-12-08T00:00'), HCM);
    expect(occ).toEqual([{ entry: 'early', target: { layout: 'night' }, at: utc('2026-12-06T23:00'), local: '2026-12-07 06:00' }]);
    const late: ScheduleEntry = { id: 'late', target: { layout: 'night' }, at: '23:59' };
    expect(occurrences([late], utc('2026-12-07T00:00'), utc('2026-12-08T00:00'), HCM).map((o) => o.local)).toEqual(['2026-12-07 23:59']);
  });

  it('keeps to a date range, inclusive at both ends, in local dates', () => {
    const tet: ScheduleEntry = { id: 'tet', target: { layout: 'holiday' }, at: '08:00', from: '2027-02-05', until: '2027-02-07' };
    const occ = occurrences([tet], utc('2027-02-01T00:00'), utc('2027-02-15T00:00'), HCM);
    expect(occ.map((o) => o.local)).toEqual(['2027-02-05 08:00', '2027-02-06 08:00', '2027-02-07 08:00']);
    const fromOnly: ScheduleEntry = { id: 'f', target: { layout: 'a' }, at: '08:00', from: '2027-02-14' };
    expect(occurrences([fromOnly], utc('2027-02-10T00:00'), utc('2027-02-16T00:00'), HCM).map((o) => o.local)).toEqual([
      '2027-02-14 08:00',
      '2027-02-15 08:00',
    ]);
  });

  it('fires a one-off `on` entry once, that local date only', () => {
    const visit: ScheduleEntry = { id: 'visit', target: { preset: 'delegation' }, at: '09:15', on: '2026-12-09' };
    const occ = occurrences([visit], utc('2026-12-01T00:00'), utc('2026-12-31T00:00'), HCM);
    expect(occ).toEqual([{ entry: 'visit', target: { preset: 'delegation' }, at: utc('2026-12-09T02:15'), local: '2026-12-09 09:15' }]);
  });

  it('sorts soonest first, ties in file order', () => {
    const a: ScheduleEntry = { id: 'a', target: { layout: 'a' }, at: '17:00' };
    const b: ScheduleEntry = { id: 'b', target: { layout: 'b' }, at: '08:00' };
    const c: ScheduleEntry = { id: 'c', target: { layout: 'c' }, at: '17:00' };
    const occ = occurrences([a, b, c], utc('2026-12-07T00:00'), utc('2026-12-07T12:00'), HCM);
    expect(occ.map((o) => o.entry)).toEqual(['b', 'a', 'c']);
  });
});

describe('daylight saving time (zones that have it)', () => {
  const halfPastTwo: ScheduleEntry = { id: 'x', target: { layout: 'a' }, at: '02:30' };

  it('fires a local time skipped by the spring jump at the first instant after the gap (Berlin 29 March 2026)', () => {
    // 02:00 CET → 03:00 CEST at 01:00 UTC: 02:30 does not exist that day.
    const occ = occurrences([halfPastTwo], utc('2026-03-28T12:00'), utc('2026-03-30T12:00'), 'Europe/Berlin');
    expect(occ.map((o) => [o.at, o.local])).toEqual([
      [utc('2026-03-29T01:00'), '2026-03-29 03:00'],
      [utc('2026-03-30T00:30'), '2026-03-30 02:30'],
    ]);
  });

  it('fires a repeated local time once, the first time (Berlin 25 October 2026)', () => {
    // 03:00 CEST → 02:00 CET: 02:30 happens at 00:30 UTC and again at 01:30 UTC.
    const occ = occurrences([halfPastTwo], utc('2026-10-24T12:00'), utc('2026-10-25T12:00'), 'Europe/Berlin');
    expect(occ.map((o) => o.at)).toEqual([utc('2026-10-25T00:30')]);
  });

  it('opens a rotation whose start is skipped at the first instant after the gap, and counts real time from there', () => {
    const nightly: Automation = { ...NO_AUTOMATION, rotations: [{ id: 'n', from: '02:30', to: '05:00', items: [{ target: { layout: 'a' }, durationS: 1800 }, { target: { layout: 'b' }, durationS: 1800 }] }] };
    const berlin = 'Europe/Berlin';
    expect(rotationAt(nightly, utc('2026-03-29T00:59'), berlin)).toBeNull(); // 01:59 CET
    expect(rotationAt(nightly, utc('2026-03-29T01:00'), berlin)).toMatchObject({ item: 0, windowStart: utc('2026-03-29T01:00') }); // 03:00 CEST
    expect(rotationAt(nightly, utc('2026-03-29T01:30'), berlin)).toMatchObject({ item: 1, since: utc('2026-03-29T01:30') });
    expect(rotationAt(nightly, utc('2026-03-29T03:00'), berlin)).toBeNull(); // 05:00 CEST: the end
  });

  it('does the same in New York (8 March and 1 November 2026)', () => {
    const ny = 'America/New_York';
    expect(occurrences([halfPastTwo], utc('2026-03-08T00:00'), utc('2026-03-08T12:00'), ny).map((o) => o.at)).toEqual([utc('2026-03-08T07:00')]);
    const one: ScheduleEntry = { id: 'one', target: { layout: 'a' }, at: '01:30' };
    expect(occurrences([one], utc('2026-11-01T00:00'), utc('2026-11-01T12:00'), ny).map((o) => o.at)).toEqual([utc('2026-11-01T05:30')]);
    // An ordinary summer day: EDT is UTC-4.
    expect(occurrences([one], utc('2026-07-01T00:00'), utc('2026-07-02T00:00'), ny).map((o) => o.at)).toEqual([utc('2026-07-01T05:30')]);
  });
});

describe('the entry in force', () => {
  const report: ScheduleEntry = { id: 'report', target: { layout: 'report' }, at: '17:00', days: WEEKDAYS };

  it('is the latest occurrence at or before now', () => {
    const entries = [morning, report];
    expect(currentEntry(entries, utc('2026-12-07T00:29'), HCM)?.entry).toBe('report'); // Monday 07:29: Friday's 17:00
    expect(currentEntry(entries, utc('2026-12-07T00:29'), HCM)?.at).toBe(utc('2026-12-04T10:00'));
    expect(currentEntry(entries, utc('2026-12-07T00:30'), HCM)?.entry).toBe('morning');
    expect(currentEntry(entries, utc('2026-12-07T09:59'), HCM)?.entry).toBe('morning');
    expect(currentEntry(entries, utc('2026-12-07T10:00'), HCM)?.entry).toBe('report');
    // Sunday: still Friday's report view.
    expect(currentEntry(entries, utc('2026-12-13T05:00'), HCM)?.local).toBe('2026-12-11 17:00');
  });

  it('looks back 8 days: a weekly entry is found a week later, an older one-off is not', () => {
    const weekly: ScheduleEntry = { id: 'weekly', target: { layout: 'a' }, at: '08:00', days: ['mon'] };
    expect(currentEntry([weekly], utc('2026-12-13T23:00'), HCM)?.local).toBe('2026-12-07 08:00');
    const once: ScheduleEntry = { id: 'once', target: { layout: 'a' }, at: '08:00', on: '2026-12-01' };
    expect(currentEntry([once], utc('2026-12-08T00:00'), HCM)?.entry).toBe('once');
    expect(currentEntry([once], utc('2026-12-10T00:00'), HCM)).toBeNull();
    expect(currentEntry([], utc('2026-12-10T00:00'), HCM)).toBeNull();
  });

  it('takes the first in file order when two fire at the same instant', () => {
    const a: ScheduleEntry = { id: 'a', target: { layout: 'a' }, at: '08:00' };
    const b: ScheduleEntry = { id: 'b', target: { layout: 'b' }, at: '08:00' };
    expect(currentEntry([a, b], utc('2026-12-07T02:00'), HCM)?.entry).toBe('a');
  });

  it('lists the next occurrences, reaching a one-off months away', () => {
    const later: ScheduleEntry = { id: 'later', target: { layout: 'a' }, at: '08:00', on: '2027-06-01' };
    const next = nextOccurrences([later, report], utc('2026-12-07T00:00'), HCM, 3);
    expect(next.map((o) => o.local)).toEqual(['2026-12-07 17:00', '2026-12-08 17:00', '2026-12-09 17:00']);
    expect(nextOccurrences([later], utc('2026-12-07T00:00'), HCM).map((o) => o.local)).toEqual(['2027-06-01 08:00']);
    expect(nextOccurrences([later], utc('2027-06-01T01:00'), HCM)).toEqual([]);
  });

  it('crosses the new year in the wall’s zone (31 December 23:30 local is 16:30 UTC)', () => {
    const eve: ScheduleEntry = { id: 'eve', target: { layout: 'a' }, at: '23:30', days: ['thu', 'fri'] };
    expect(nextOccurrences([eve], utc('2026-12-31T12:00'), HCM, 2).map((o) => [o.local, o.at])).toEqual([
      ['2026-12-31 23:30', utc('2026-12-31T16:30')],
      ['2027-01-01 23:30', utc('2027-01-01T16:30')],
    ]);
    expect(currentEntry([eve], utc('2027-01-02T00:00'), HCM)?.local).toBe('2027-01-01 23:30');
  });
});

describe('layouts’ own schedule', () => {
  it('joins automation.yaml’s entries with ids layout:<id>#<n>', () => {
    const layout = { id: 'overview', schedule: [{ at: '07:30', days: ['mon'] }, { at: '12:00' }] } as unknown as Layout;
    const automation: Automation = { ...NO_AUTOMATION, schedule: [morning] };
    expect(allEntries(automation, [layout, { id: 'plain' } as unknown as Layout])).toEqual([
      morning,
      { id: 'layout:overview#1', target: { layout: 'overview' }, at: '07:30', days: ['mon'] },
      { id: 'layout:overview#2', target: { layout: 'overview' }, at: '12:00' },
    ]);
  });
});

describe('rotation', () => {
  const night: Rotation = {
    id: 'night',
    from: '22:00',
    to: '06:00',
    items: [
      { target: { layout: 'traffic' }, durationS: 600 },
      { target: { preset: 'cameras' }, durationS: 300 },
    ],
  };
  const automation: Automation = { ...NO_AUTOMATION, rotations: [night] };

  it('is out of force outside its hours', () => {
    expect(rotationAt(automation, utc('2026-12-07T14:59'), HCM)).toBeNull(); // 21:59 local
    expect(rotationAt(automation, utc('2026-12-07T23:00'), HCM)).toBeNull(); // 06:00 local: the end is exclusive
  });

  it('cycles its items with their durations, counting from the window start', () => {
    const start = utc('2026-12-07T15:00'); // 22:00 local
    expect(rotationAt(automation, start, HCM)).toEqual({
      rotation: 'night', item: 0, target: { layout: 'traffic' }, since: start, nextAt: start + 600_000, windowStart: start,
    });
    expect(rotationAt(automation, start + 600_000, HCM)).toMatchObject({ item: 1, target: { preset: 'cameras' }, since: start + 600_000, nextAt: start + 900_000 });
    expect(rotationAt(automation, start + 900_000 + 1, HCM)).toMatchObject({ item: 0, since: start + 900_000 });
  });

  it('goes on across midnight and stops at the window end', () => {
    const start = utc('2026-12-07T15:00');
    const afterMidnight = utc('2026-12-07T17:20'); // 00:20 local, 140 min = 9 cycles of 15 min + 5 min
    expect(rotationAt(automation, afterMidnight, HCM)).toMatchObject({ item: 0, since: start + 9 * 900_000, windowStart: start });
    // 8 h = 32 cycles exactly, so the last item of the last cycle ends at 06:00; the one before is cut at the end.
    const nearEnd = utc('2026-12-07T22:59'); // 05:59 local
    expect(rotationAt(automation, nearEnd, HCM)).toMatchObject({ item: 1, nextAt: utc('2026-12-07T23:00') });
  });

  it('keeps to its days, counted on the day its window opens', () => {
    const fridays: Automation = { ...NO_AUTOMATION, rotations: [{ ...night, days: ['fri'] }] };
    expect(rotationAt(fridays, utc('2026-12-11T16:00'), HCM)).toMatchObject({ rotation: 'night' }); // Friday 23:00
    expect(rotationAt(fridays, utc('2026-12-11T20:00'), HCM)).toMatchObject({ rotation: 'night' }); // Saturday 03:00
    expect(rotationAt(fridays, utc('2026-12-12T16:00'), HCM)).toBeNull(); // Saturday 23:00
  });

  it('between two in force, takes the one that opened last', () => {
    const lunch: Rotation = { id: 'lunch', from: '11:30', to: '13:00', items: [{ target: { layout: 'x' }, durationS: 60 }] };
    const day: Rotation = { id: 'day', from: '08:00', to: '18:00', items: [{ target: { layout: 'y' }, durationS: 60 }] };
    const both: Automation = { ...NO_AUTOMATION, rotations: [lunch, day] };
    expect(rotationAt(both, utc('2026-12-07T05:00'), HCM)).toMatchObject({ rotation: 'lunch' }); // 12:00
    expect(rotationAt(both, utc('2026-12-07T07:00'), HCM)).toMatchObject({ rotation: 'day' }); // 14:00
  });
});
