/**
 * What a web tile's placeholder says (the contract's wording): Vietnamese, English with the page's
 * lang. Pure, so the wording is tested without pixi.
 */
import type { WebTileState } from './web-tile-state.js';

/** What the placeholder says for a state (Vietnamese, English with the page's lang). */
export function webTileMessage(s: WebTileState, now: number, lang: 'vi' | 'en'): string | null {
  const t = (vi: string, en: string): string => (lang === 'en' ? en : vi);
  if (s.status === 'shown') return null;
  if (s.status === 'loading') return t('Đang tải trang…', 'Loading page…');
  if (s.status === 'refused') return t(`Trang không cho phép nhúng (${s.reason ?? ''})`, `The page does not allow embedding (${s.reason ?? ''})`);
  if (s.status === 'sign-in-expired') return t('Phiên đăng nhập đã hết hạn', 'Sign-in expired');
  const inS = s.retryAt === null ? 0 : Math.max(0, Math.ceil((s.retryAt - now) / 1000));
  if (s.status === 'unresponsive') {
    // Reloaded at once the first time; a page that keeps hanging waits its backoff first.
    return inS > 0
      ? t(`Trang không phản hồi — tải lại sau ${inS} giây`, `The page stopped responding — reloading in ${inS} s`)
      : t('Trang không phản hồi — đang tải lại', 'The page stopped responding — reloading');
  }
  const why = s.reason === 'timeout' ? t('hết thời gian chờ', 'timed out') : s.reason;
  return `${t(`Không tải được trang — thử lại sau ${inS} giây`, `Could not load the page — retrying in ${inS} s`)}${why ? `\n(${why})` : ''}`;
}
