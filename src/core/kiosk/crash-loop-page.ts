/**
 * What a wall window shows once the watchdog rules give up on it (crash loop), in both shells:
 * Electron main (src/main/windows.ts) and the browser shell (src/shell/window-recovery.ts). The
 * page itself is fallbackPageHtml's: static, no script, every text escaped, nothing fetched. It is
 * read by whoever walks past the wall, so it says in both languages what failed and whom to call.
 */
import type { FallbackPage } from './kiosk-options.js';
import type { WatchdogReport } from './watchdog-rules.js';
import type { PlannedWindow } from '../displays/window-plan.js';

/** Same colours as the wall's dark theme, so a paused window does not flash white in the room. */
const BACKGROUND = '#101418';

/**
 * The fallback page of `window` after `report` (a crash loop); `retryAt` is when the watchdog
 * loads the wall page again (epoch ms), shown as the wall PC's local time.
 */
export function crashLoopPage(window: Pick<PlannedWindow, 'id' | 'screens'>, report: WatchdogReport, retryAt: number): FallbackPage {
  const screens = window.screens.map((s) => s.screenId).join(', ') || '–';
  return {
    title: 'Cửa sổ màn hình bị lỗi / Wall window failed',
    lines: [
      `Cửa sổ / Window: ${window.id}`,
      `Màn hình / Screens: ${screens}`,
      `Lỗi cuối / Last error: ${report.detail}`,
      `Thử lại lúc / Retrying at: ${clockTime(retryAt)}`,
      'Vui lòng gọi kỹ thuật viên / Please call the technician',
    ],
    background: BACKGROUND,
  };
}

/** HH:MM:SS in local time, without Intl (its output differs between ICU builds). */
function clockTime(at: number): string {
  const d = new Date(at);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}
