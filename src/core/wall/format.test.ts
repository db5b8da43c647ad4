import { describe, expect, it } from 'vitest';
import { formatAge, formatAny, formatDate, formatDayMonth, formatMoment, formatMonth, formatNumber, formatTime, formatValue, zoneOffsetMs } from './format.js';

const HCM = 'Asia/Ho_Chi_Minh';
/** 2026-12-07 06:05:09 UTC = 13:05:09 in Hồ Chí Minh City. */
const T = Date.UTC(2026, 11, 7, 6, 5, 9);

describe('numbers in the wall language', () => {
  it('Vietnamese: decimal comma, thousands dot', () => {
    expect(formatValue(1305, 0, 'hộ', 'vi')).toBe('1.305 hộ');
    expect(formatValue(1.12, 2, 'm', 'vi')).toBe('1,12 m');
    expect(formatNumber(1234567.891, 1, 'vi')).toBe('1.234.567,9');
    expect(formatValue(87, 0, '%', 'vi')).toBe('87%');
  });
  it('English: decimal point, thousands comma', () => {
    expect(formatValue(1305, 0, 'hộ', 'en')).toBe('1,305 hộ');
    expect(formatValue(1.12, 2, 'm', 'en')).toBe('1.12 m');
  });
  it('no number reads as a dash, a rounded negative zero as zero', () => {
    expect(formatValue(Number.NaN, 1, 'm', 'vi')).toBe('–');
    expect(formatNumber(-0.01, 1, 'vi')).toBe('0,0');
  });
  it('values of unknown type keep their decimals, text stays text', () => {
    expect(formatAny(1.12, 'vi')).toBe('1,12');
    expect(formatAny(12000, 'vi')).toBe('12.000');
    expect(formatAny('0912 345 678', 'vi')).toBe('0912 345 678');
    expect(formatAny(0.1 + 0.2, 'vi')).toBe('0,3');
    expect(formatAny(1305.25, 'en')).toBe('1,305.25');
  });
});

describe('dates and times in the wall zone', () => {
  it('24-hour clock in the zone, not the machine', () => {
    expect(formatTime(T, HCM)).toBe('13:05');
    expect(formatTime(T, HCM, { seconds: true })).toBe('13:05:09');
    expect(formatTime(T, 'Europe/Paris')).toBe('07:05');
    expect(formatTime(Date.UTC(2026, 11, 7, 17, 0), HCM)).toBe('00:00');
  });
  it('dates day first, month as 12/2026 or Dec 2026', () => {
    expect(formatDayMonth(T, HCM)).toBe('07/12');
    expect(formatDate(T, HCM)).toBe('07/12/2026');
    expect(formatDayMonth(Date.UTC(2026, 11, 6, 20), HCM)).toBe('07/12');
    expect(formatMonth(T, HCM, 'vi')).toBe('12/2026');
    expect(formatMonth(T, HCM, 'en')).toBe('Dec 2026');
  });
  it('a moment of another day carries its date', () => {
    expect(formatMoment(T - 3_600_000, T, HCM)).toBe('12:05');
    expect(formatMoment(T - 86_400_000, T, HCM)).toBe('13:05 06/12');
  });
  it('zone offsets, daylight saving included', () => {
    expect(zoneOffsetMs(T, HCM)).toBe(7 * 3_600_000);
    expect(zoneOffsetMs(Date.UTC(2026, 6, 1), 'Europe/Paris')).toBe(2 * 3_600_000);
    expect(zoneOffsetMs(Date.UTC(2026, 0, 1), 'Europe/Paris')).toBe(3_600_000);
  });
});

describe('ages', () => {
  it('formats ages in Vietnamese and English', () => {
    expect(formatAge(180_000, 'vi')).toBe('3 phút trước');
    expect(formatAge(180_000, 'en')).toBe('3 min ago');
    expect(formatAge(5_000, 'vi')).toBe('5 giây trước');
    expect(formatAge(2 * 3600_000, 'vi')).toBe('2 giờ trước');
    expect(formatAge(null, 'vi')).toBe('chưa có dữ liệu');
    expect(formatAge(0, 'vi')).toBe('vừa xong');
  });});
