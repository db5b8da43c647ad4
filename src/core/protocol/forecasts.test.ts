import { describe, expect, it } from 'vitest';
import { checkForecastPoints, forecastAt, forecastStale } from './forecasts.js';

describe('forecast points', () => {
  const pts = [{ t: 1000, v: 1, lo: 0, hi: 2 }, { t: 2000, v: 3, lo: 2, hi: 6 }];

  it('interpolates value and band between points, and nothing outside the span', () => {
    expect(forecastAt(pts, 1500)).toEqual({ t: 1500, v: 2, lo: 1, hi: 4 });
    expect(forecastAt(pts, 1000)).toEqual(pts[0]);
    expect(forecastAt(pts, 2000)).toEqual(pts[1]);
    expect(forecastAt(pts, 999)).toBeUndefined();
    expect(forecastAt(pts, 2001)).toBeUndefined();
    expect(forecastAt([{ t: 5, v: 1 }, { t: 15, v: 2 }], 10)).toEqual({ t: 10, v: 1.5 });
  });

  it('names each broken rule by point and field', () => {
    const errors: string[] = [];
    checkForecastPoints([{ t: 10, v: 1 }, { t: 10, v: 1 }, { t: 20, v: 5, lo: 1, hi: 2 }, { t: 30, v: 1, lo: 3, hi: 2 }, { t: 40, v: 1, hi: 2 }], errors, 15);
    expect(errors).toEqual([
      'points[0].t: is in the past: a forecast point must lie ahead of now (hub time)',
      'points[1].t: must be later than the point before',
      'points[1].t: is in the past: a forecast point must lie ahead of now (hub time)',
      'points[2].v: lies outside its band lo..hi',
      'points[3].lo: is greater than hi',
      'points[4].lo: is missing: give both ends of the band or neither',
    ]);
  });

  it('is stale past its validity or once its last point is behind now', () => {
    expect(forecastStale({ validUntil: 5000, points: pts }, 1500)).toBe(false);
    expect(forecastStale({ validUntil: 1200, points: pts }, 1500)).toBe(true);
    expect(forecastStale({ validUntil: 9000, points: pts }, 2500)).toBe(true);
  });
});
