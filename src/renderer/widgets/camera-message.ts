/**
 * What a camera tile's placeholder says, from its state alone (no pixi, so it is unit-tested).
 * "Mất tín hiệu từ hh:mm:ss" is for a camera that played and stopped: it names the last good
 * moment. A camera that never showed a frame has no such moment; once its watchdog gives up
 * waiting it says "Chưa có tín hiệu" (no signal yet), on the real wall as in a review render.
 */
import type { CameraState } from '../camera/freeze-watchdog.js';

export const CAMERA_TEXT = {
  live: { vi: 'TRỰC TIẾP', en: 'LIVE' },
  connecting: { vi: 'Đang kết nối…', en: 'Connecting…' },
  lost: { vi: 'Mất tín hiệu từ', en: 'No signal since' },
  never: { vi: 'Chưa có tín hiệu', en: 'No signal yet' },
  budget: { vi: 'Vượt ngân sách giải mã', en: 'Decoder budget exceeded' },
} as const satisfies Record<string, { vi: string; en: string }>;

export interface CameraMessageInput {
  state: CameraState | 'waiting' | 'paused';
  /** The camera has shown at least one frame (its texture exists). */
  played: boolean;
  /** Wall-clock ms of the last good frame, when frozen or recovering. */
  lostAt: number | null;
  lang: 'vi' | 'en';
  /** Formats `lostAt` in the wall's zone. */
  clock: (ms: number) => string;
}

/** The placeholder line ('' when the video speaks for itself). */
export function cameraMessage(m: CameraMessageInput): string {
  const localize = (t: { vi: string; en: string }, lang: 'vi' | 'en'): string => (lang === 'en' ? t.en : t.vi);
  if (m.state === 'waiting') return localize(CAMERA_TEXT.budget, m.lang);
  const down = m.state === 'frozen' || m.state === 'recovering';
  if (down && m.played && m.lostAt !== null) return `${localize(CAMERA_TEXT.lost, m.lang)} ${m.clock(m.lostAt)}`;
  if (m.played) return '';
  return localize(down ? CAMERA_TEXT.never : CAMERA_TEXT.connecting, m.lang);
}
