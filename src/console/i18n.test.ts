import { describe, expect, it } from 'vitest';
import { ApiError, errorText } from './api.js';
import { age, clock, langOf, linkErrorText, setTimeZone } from './i18n.js';

describe('console language and time', () => {
  it('is Vietnamese unless the page asks for English', () => {
    expect(langOf('')).toBe('vi');
    expect(langOf('?lang=en')).toBe('en');
    expect(langOf('?lang=fr')).toBe('vi');
  });

  it('frames a hub error as a sentence for its code and keeps the hub detail', () => {
    const detail = 'node-1/w0 could not prepare "overview": switch-busy';
    expect(errorText(new ApiError(409, 'switch-aborted', detail))).toBe(`Đã huỷ lần chuyển vì có cửa sổ không chuẩn bị được (${detail})`);
    expect(errorText(new ApiError(409, 'switch-busy', 'switch s1 is being prepared'))).toMatch(/^Hub đang chuẩn bị một lần chuyển khác/);
    expect(errorText(new ApiError(418, 'teapot', 'short and stout'))).toBe('Hub báo lỗi "teapot" (short and stout)');
    expect(errorText(new TypeError('Failed to fetch'))).toBe('Không liên lạc được với hub (Failed to fetch)');
  });

  it("shows times in the wall's zone, keeping the last good zone when given an unknown one", () => {
    const midnightUtc = Date.UTC(2026, 11, 7, 0, 0, 5);
    setTimeZone('Asia/Ho_Chi_Minh');
    expect(clock(midnightUtc)).toBe('07:00:05');
    setTimeZone('Europe/Berlin');
    expect(clock(midnightUtc)).toBe('01:00:05');
    setTimeZone('Not/A_Zone');
    expect(clock(midnightUtc)).toBe('01:00:05');
    expect(clock(null)).toBe('—');
  });

  it('says ages and link failures in words, as the wall does', () => {
    expect(age(1000, 13_000)).toBe('12 giây trước');
    expect(age(null, 13_000)).toBe('—');
    expect(linkErrorText('websocket error')).toBe('không mở được kết nối');
    expect(linkErrorText('something new')).toBe('something new');
  });
});
