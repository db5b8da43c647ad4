/**
 * The console's language and time (issue 13, "Language and time"): Vietnamese unless the page is
 * opened with `?lang=en`, every time in the wall's zone (GET /api `timezone`) rather than the
 * browser's, and the hub's error codes (docs/protocol.md) as sentences. The words the wall also
 * uses (severities, states, sectors, layout titles) come from core/wall/vocabulary.ts, not here.
 */
import { formatAge, formatTime } from '../core/wall/format.js';
import type { Lang } from '../core/wall/vocabulary.js';

/** The page's language from its query: English only when asked for (`?lang=en`). */
export function langOf(search: string): Lang {
  return new URLSearchParams(search).get('lang') === 'en' ? 'en' : 'vi';
}

// Unit tests run without a page: there is no location, and the page's default applies.
export const LANG: Lang = langOf(globalThis.location?.search ?? '');

/** The console's own words: Vietnamese, or English with ?lang=en. */
export const t = (vi: string, en: string): string => (LANG === 'en' ? en : vi);

/** Until the hub says otherwise (GET /api), the zone the project ships with. */
let zone = 'Asia/Ho_Chi_Minh';

/** The wall's IANA zone from the hub; an unknown zone (an old browser) keeps the previous one. */
export function setTimeZone(tz: string | undefined): void {
  if (!tz) return;
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    zone = tz;
  } catch {
    // the browser does not know it: the default is closer than the browser's own zone
  }
}

/** The wall's zone as the hub gave it at login (the project's default until then). */
export function wallZone(): string {
  return zone;
}

/** Hub time as the operator reads it: 24 h clock in the wall's zone. */
export function clock(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  return formatTime(ms, zone, { seconds: true });
}

/** "12 giây trước" / "12 s ago": the wall's own words for an age (core/wall/format.ts). */
export function age(ms: number | null | undefined, now: number): string {
  if (ms === null || ms === undefined) return '—';
  return formatAge(now - ms, LANG);
}

/** socket.io's reasons a connection attempt failed, as the header's link status says them. */
const LINK_ERRORS: Readonly<Record<string, { vi: string; en: string }>> = {
  'websocket error': { vi: 'không mở được kết nối', en: 'could not connect' },
  'xhr poll error': { vi: 'không mở được kết nối', en: 'could not connect' },
  timeout: { vi: 'hub không trả lời', en: 'the hub did not answer' },
  unauthorized: { vi: 'mã truy cập không hợp lệ', en: 'the access token is not valid' },
  forbidden: { vi: 'vai trò không được phép', en: 'the role is not allowed' },
  'not-leader': { vi: 'hub này đang dự phòng', en: 'this hub is a standby' },
};

export const linkErrorText = (message: string): string => (Object.hasOwn(LINK_ERRORS, message) ? LINK_ERRORS[message]![LANG] : message);

/** The hub's error codes (docs/protocol.md) as a sentence; the hub's own message follows as the detail. */
const ERROR_TERMS: Readonly<Record<string, { vi: string; en: string }>> = {
  unauthorized: { vi: 'Mã truy cập không hợp lệ', en: 'The access token is not valid' },
  forbidden: { vi: 'Vai trò của bạn không được làm việc này', en: 'Your role may not do this' },
  invalid: { vi: 'Yêu cầu không hợp lệ', en: 'The request is not valid' },
  'bad-json': { vi: 'Yêu cầu không hợp lệ', en: 'The request is not valid' },
  'body-too-large': { vi: 'Nội dung gửi đi quá lớn', en: 'What was sent is too large' },
  'not-found': { vi: 'Không tìm thấy', en: 'Not found' },
  'unknown-layout': { vi: 'Hub không có bố cục này', en: 'The hub has no such layout' },
  'unknown-preset': { vi: 'Không có kịch bản này', en: 'There is no such preset' },
  'unknown-alert': { vi: 'Không có cảnh báo này', en: 'There is no such alert' },
  'alert-cleared': { vi: 'Cảnh báo này đã được xử lý', en: 'This alert is already resolved' },
  'switch-busy': { vi: 'Hub đang chuẩn bị một lần chuyển khác, hãy thử lại sau giây lát', en: 'The hub is preparing another switch; try again in a moment' },
  'switch-superseded': { vi: 'Một yêu cầu chuyển mới hơn đã thay yêu cầu này trong hàng đợi', en: 'A newer switch request replaced this one in the queue' },
  'unknown-prompt': { vi: 'Đề xuất này không còn (đã được xác nhận, bỏ qua hoặc hết hạn)', en: 'This suggestion is gone (confirmed, dismissed or expired)' },
  'switch-aborted': { vi: 'Đã huỷ lần chuyển vì có cửa sổ không chuẩn bị được', en: 'The switch was aborted: a window could not prepare' },
  'version-conflict': { vi: 'Người khác đã sửa kịch bản này trước', en: 'Someone else changed this preset first' },
  'preset-stale': { vi: 'Kịch bản đã đổi kể từ khi bạn mở nó', en: 'The preset changed since you opened it' },
  'preset-limit': { vi: 'Đã đủ số kịch bản tối đa', en: 'The most presets the hub keeps are there' },
  'topic-limit': { vi: 'Hub đã đủ số chủ đề tối đa', en: 'The hub keeps no more topics' },
  'owned-by-sub-centre': { vi: 'Cảnh báo này thuộc trung tâm cấp dưới: hãy xác nhận hoặc xử lý tại đó', en: 'This alert belongs to a sub-centre: acknowledge or resolve it there' },
  'federation-unavailable': { vi: 'Đã lưu tại đây nhưng chưa chuyển được lên tỉnh: máy chủ NATS tại chỗ không trả lời', en: 'Kept here but not passed on to the province: the local NATS server does not answer' },
  ambiguous: { vi: 'Có nhiều máy cùng tên cửa sổ này', en: 'Several nodes have this window' },
  internal: { vi: 'Hub gặp lỗi nội bộ', en: 'The hub failed internally' },
  http: { vi: 'Hub trả lời lỗi', en: 'The hub answered with an error' },
};

/** The framing sentence of an error code in `lang`; an unknown code (a newer hub) is named as it is. */
export function errorSentenceIn(code: string, lang: Lang): string {
  if (Object.hasOwn(ERROR_TERMS, code)) return ERROR_TERMS[code]![lang];
  return lang === 'en' ? `The hub reported "${code}"` : `Hub báo lỗi "${code}"`;
}

/** The framing sentence of an error code in the page's language. */
export const errorSentence = (code: string): string => errorSentenceIn(code, LANG);

/** A failure to reach the hub at all (fetch rejects with a TypeError). */
export const NETWORK_ERROR = (): string => t('Không liên lạc được với hub', 'Cannot reach the hub');

/** The page's fixed words (index.html is written in Vietnamese), in English for ?lang=en. */
const PAGE_EN: Readonly<Record<string, string>> = {
  title: 'wallrun — operator console',
  '#logout': 'Log out',
  '#login h2': 'Log in',
  'label[for=token]': 'Access token of an operator or a shift lead (editor)',
  '#login-form button[type=submit]': 'Log in',
  '#presets-section h2': 'Presets',
  '#preset-new': 'New preset',
  '#layouts-section h2': 'Layouts',
  '#walls-section h2': 'The wall',
  '#walls-section h3': 'Windows',
  '#cameras-heading': 'Cameras',
  '#alerts-section h2': 'Alerts',
  '#automation-section h2': 'Automation',
  '#cap-section h2': 'CAP messages',
  '#replay-section h2': 'Replay and shift report',
};

/** Sets the page's language and, in English, its fixed words. */
export function localisePage(): void {
  document.documentElement.lang = LANG;
  if (LANG !== 'en') return;
  for (const [selector, text] of Object.entries(PAGE_EN)) {
    const el = document.querySelector(selector);
    if (el) el.textContent = text;
  }
  // "Hiện tại: <strong>…</strong>": only the leading text node is the page's word.
  const current = document.getElementById('current-layout')?.previousSibling;
  if (current) current.textContent = 'Now: ';
}
