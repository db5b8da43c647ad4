import { describe, expect, it } from 'vitest';
import { startState, type WebTileState } from './web-tile-state.js';
import { webTileMessage } from './web-tile-message.js';

const at = (patch: Partial<WebTileState>): WebTileState => ({ ...startState(0), ...patch });

describe('web tile placeholder text', () => {
  it('says nothing while the page shows, and what is wrong otherwise, in Vietnamese', () => {
    expect(webTileMessage(at({ status: 'shown' }), 0, 'vi')).toBeNull();
    expect(webTileMessage(at({}), 0, 'vi')).toBe('Đang tải trang…');
    expect(webTileMessage(at({ status: 'refused', reason: 'X-Frame-Options: DENY' }), 0, 'vi')).toBe('Trang không cho phép nhúng (X-Frame-Options: DENY)');
    expect(webTileMessage(at({ status: 'sign-in-expired', reason: 'HTTP 401' }), 0, 'vi')).toBe('Phiên đăng nhập đã hết hạn');
  });

  it('counts down to the retry in whole seconds, with the reason', () => {
    const failed = at({ status: 'failed', reason: 'timeout', retryAt: 10_000 });
    expect(webTileMessage(failed, 1_500, 'vi')).toBe('Không tải được trang — thử lại sau 9 giây\n(hết thời gian chờ)');
    expect(webTileMessage({ ...failed, reason: 'HTTP 502' }, 9_900, 'en')).toBe('Could not load the page — retrying in 1 s\n(HTTP 502)');
  });

  it('says a hung page is being reloaded, or when, once it keeps hanging', () => {
    const hung = at({ status: 'unresponsive', reason: 'no answer within 5 s, 2 times in a row', retryAt: null });
    expect(webTileMessage(hung, 0, 'vi')).toBe('Trang không phản hồi — đang tải lại');
    expect(webTileMessage(hung, 0, 'en')).toBe('The page stopped responding — reloading');
    expect(webTileMessage({ ...hung, retryAt: 4_000 }, 1_000, 'vi')).toBe('Trang không phản hồi — tải lại sau 3 giây');
  });
});
