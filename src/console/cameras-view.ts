/**
 * The project's cameras under the wall's windows: each camera's name and the gateway's state in words
 * (GET /api/cameras), with what a live one sends (codec, size, rate, transcoded or not) or why one is
 * not live. Read with the walls; a hub without cameras shows "—".
 */
import { CAMERA_STATE_WORDS, type CameraInfo, type CamerasAnswer } from '../core/protocol/cameras.js';
import type { Localized } from '../core/wall/model.js';
import { byId, h } from './dom.js';
import { LANG, clock, t } from './i18n.js';
import { guarded, type State } from './state.js';

const label = (l: Localized): string => (typeof l === 'string' ? l : LANG === 'en' ? (l.en ?? l.vi) : l.vi);

/** The hub's reasons (src/hub/cameras/camera-state.ts, gateway.ts) in Vietnamese; others are shown as given. */
const REASONS_VI: readonly [RegExp, (m: RegExpExecArray) => string][] = [
  [/^the camera refused the credentials \(RTSP 401\)$/, () => 'camera từ chối tên đăng nhập hoặc mật khẩu (RTSP 401)'],
  [/^connection refused$/, () => 'camera từ chối kết nối'],
  [/^no answer \(timeout\)$/, () => 'camera không trả lời (quá thời gian chờ)'],
  [/^the camera has no such stream \(RTSP 404\)$/, () => 'camera không có luồng này (RTSP 404)'],
  [/^unknown host name$/, () => 'không tìm thấy tên máy của camera'],
  [/^the stream ended$/, () => 'luồng hình đã dừng'],
  [/^no video for (\d+) s$/, (m) => `không có hình trong ${m[1]} giây`],
  [/^credential "(.*)" is not in camera-credentials\.json$/, (m) => `mục "${m[1]}" không có trong camera-credentials.json của hub`],
  [/^camera-credentials\.json refused: (.*)$/, (m) => `hub không dùng camera-credentials.json: ${m[1]}`],
];

function reason(error: string | null): string {
  if (!error || LANG === 'en') return error ?? '';
  for (const [pattern, say] of REASONS_VI) {
    const m = pattern.exec(error);
    if (m) return say(m);
  }
  return error;
}

function detail(c: CameraInfo): string {
  if (c.state === 'live' || c.state === 'stalled') {
    const size = c.width && c.height ? `${c.width}×${c.height}` : '';
    const fps = c.fps ? `${c.fps} ${t('hình/giây', 'fps')}` : '';
    const transcoded = c.transcoding ? t('chuyển mã H.265 → H.264', 'transcoded H.265 → H.264') : 'H.264';
    const viewers = `${c.viewers} ${t('người xem', c.viewers === 1 ? 'viewer' : 'viewers')}`;
    return [transcoded, size, fps, viewers].filter(Boolean).join(' · ');
  }
  return reason(c.error);
}

function cameraRow(c: CameraInfo): HTMLElement {
  const words = CAMERA_STATE_WORDS[c.state] ?? { vi: c.state, en: c.state };
  return h(
    'li',
    { class: `camera camera-${c.state}`, 'data-camera': c.id, 'data-state': c.state },
    h('strong', {}, label(c.title)),
    ' ',
    h('span', { class: 'camera-state' }, words[LANG]),
    ` ${t('từ', 'since')} ${clock(c.since)}`,
    h('div', { class: 'camera-detail' }, detail(c)),
  );
}

export function renderCameras(cameras: readonly CameraInfo[]): void {
  byId('cameras').replaceChildren(...(cameras.length ? cameras.map(cameraRow) : [h('li', {}, '—')]));
}

export const refreshCameras = (s: State): Promise<void> =>
  guarded(t('Camera', 'Cameras'), async () => {
    const r = await s.api.json<CamerasAnswer>('GET', '/api/cameras');
    renderCameras(r.cameras);
  });
