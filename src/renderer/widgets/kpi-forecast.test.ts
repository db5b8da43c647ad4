import { describe, expect, it } from 'vitest';
import { horizonTime, kpiForecastLine, parseKpiForecast } from './kpi-forecast.js';
import { dashes } from './chart/draw-forecast.js';

const TZ = 'Asia/Ho_Chi_Minh'; // UTC+7
const at = (iso: string): number => Date.parse(iso);

describe('KPI forecast line', () => {
  it('takes the next HH:MM in the wall zone, or a span ahead', () => {
    expect(horizonTime({ at: '17:00' }, at('2026-12-07T08:00:00Z'), TZ)).toBe(at('2026-12-07T10:00:00Z'));
    expect(horizonTime({ at: '17:00' }, at('2026-12-07T11:00:00Z'), TZ)).toBe(at('2026-12-08T10:00:00Z'));
    expect(horizonTime({ inS: 3600 }, 1000, TZ)).toBe(3_601_000);
    expect(parseKpiForecast({ at: '25:00' })).toBeUndefined();
    expect(parseKpiForecast({ inS: 60 })).toEqual({ inS: 60 });
  });

  it('reads "dự báo 17:00: 62 %" at the level the value would reach; stale forecasts are marked and neutral', () => {
    const now = at('2026-12-07T08:00:00Z');
    const f = { topic: 'x', model: 'm', issuedAt: now - 1000, validUntil: now + 3_600_000, points: [{ t: now + 3_600_000, v: 50 }, { t: now + 3 * 3_600_000, v: 74 }] };
    const o = { now, tz: TZ, lang: 'vi' as const, decimals: 0, unit: '%', thresholds: { warning: 60, direction: 'above' as const } };
    expect(kpiForecastLine({ at: '17:00' }, f, o)).toEqual({ text: 'dự báo 17:00: 62%', level: 'warning', stale: false });
    expect(kpiForecastLine({ at: '17:00' }, { ...f, validUntil: now - 1 }, o)).toEqual({ text: 'dự báo cũ 17:00: 62%', level: 'normal', stale: true });
    expect(kpiForecastLine({ at: '20:00' }, f, { ...o, lang: 'en' }).text).toBe('forecast 20:00: –');
    expect(kpiForecastLine({ at: '17:00' }, undefined, o).text).toBe('dự báo 17:00: –');
  });

  it('cuts a polyline into dashes that run on across corners', () => {
    const d = dashes([{ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 10, y: 10 }], 4, 2);
    expect(d).toEqual([[0, 0, 4, 0], [6, 0, 10, 0], [10, 2, 10, 6], [10, 8, 10, 10]]);
  });
});
