/**
 * The console's per-window details below the wall canvas (wall-canvas.ts): one card per wall window (its thumbnail, screens, connection, last
 * health report and the watchdog's recoveries), drawn from the hub's list of walls and the
 * thumbnails received; a window with a thumbnail the list does not know yet still shows.
 */
import type { ThumbnailInfo } from '../core/protocol/console-protocol.js';
import type { LoadReport, WatchdogHistory } from '../core/protocol/wall-health.js';
import type { WallInfo } from '../core/protocol/walls.js';
import { CAMERA_FALLBACK_TERM, SHED_STEP_TERMS, streamStateName } from '../core/wall/vocabulary.js';
import { byId, h } from './dom.js';
import { LANG, age, clock, t } from './i18n.js';
import { layoutTitle } from './layouts-view.js';
import { renderWallCanvas } from './wall-canvas.js';
import { keyOf, type State } from './state.js';

export function renderWalls(s: State): void {
  const now = Date.now() + s.hubOffsetMs;
  const known = new Set(s.walls.map((w) => keyOf(w.node, w.window)));
  // Windows with a thumbnail the wall list does not know yet still show.
  const extra = [...s.thumbs.values()].filter((t) => !known.has(keyOf(t.info.node, t.info.window)));
  const cards = [
    ...s.walls.map((w) => wallCard(s, w, now)),
    ...extra.map((t) => wallCard(s, { node: t.info.node, window: t.info.window, screens: t.info.screens } as WallInfo, now)),
  ];
  byId('walls').replaceChildren(...cards);
  renderWallCanvas(s);
}

/** One <img> per window, kept across redraws (no reload, no flicker): only its source changes. */
const images = new Map<string, HTMLImageElement>();
function thumbImage(key: string, thumb: { url: string; info: ThumbnailInfo }): HTMLImageElement {
  let img = images.get(key);
  if (!img) {
    img = h('img', { alt: t(`Ảnh ${key}`, `Picture of ${key}`) });
    images.set(key, img);
  }
  if (img.getAttribute('src') !== thumb.url) {
    img.src = thumb.url;
    img.width = thumb.info.width;
    img.height = thumb.info.height;
    img.dataset.at = String(thumb.info.at);
    img.dataset.receivedAt = String(thumb.info.receivedAt);
  }
  return img;
}

/** The shell watchdog's troubles (core/kiosk/watchdog-rules.ts `Trouble`). */
const TROUBLES: Readonly<Record<string, { vi: string; en: string }>> = {
  crashed: { vi: 'trình duyệt bị sập', en: 'browser crashed' },
  hung: { vi: 'trang bị treo', en: 'page hung' },
  'heartbeat-missed': { vi: 'mất nhịp báo sống', en: 'heartbeat missed' },
  'no-first-heartbeat': { vi: 'không khởi động được', en: 'never started' },
};

/** socket.io's reasons a window's link dropped (docs/protocol.md "disconnectReason"); others are shown as given. */
const DISCONNECT_REASONS: Readonly<Record<string, { vi: string; en: string }>> = {
  'ping timeout': { vi: 'không trả lời ping', en: 'ping timeout' },
  'transport close': { vi: 'đường truyền bị đóng', en: 'connection closed' },
  'transport error': { vi: 'lỗi đường truyền', en: 'connection error' },
  'server namespace disconnect': { vi: 'hub ngắt kết nối', en: 'disconnected by the hub' },
  'client namespace disconnect': { vi: 'cửa sổ tự ngắt kết nối', en: 'the window disconnected' },
  'server shutting down': { vi: 'hub đang tắt', en: 'the hub is shutting down' },
};

const disconnectReason = (r: string): string => (Object.hasOwn(DISCONNECT_REASONS, r) ? DISCONNECT_REASONS[r]![LANG] : r);

/** What the shell's watchdog did to the window (it crashed or hung and was brought back). */
function watchdogText(w: WatchdogHistory | undefined): string {
  if (!w || (w.recoveries === 0 && !w.last)) return '—';
  const trouble = w.last && Object.hasOwn(TROUBLES, w.last.trouble) ? TROUBLES[w.last.trouble]![LANG] : w.last?.trouble;
  const last = w.last ? t(`; gần nhất: ${trouble} lúc ${clock(w.last.at)} (${w.last.detail})`, `; last: ${trouble} at ${clock(w.last.at)} (${w.last.detail})`) : '';
  return `${t(`${w.recoveries} lần`, `${w.recoveries} times`)}${last}`;
}

/** The window's load shedding: none, or its level, the steps given up and the frame time that caused it. */
function loadText(load: LoadReport | undefined): string {
  if (!load) return '—';
  if (load.level === 0) return t('không', 'none');
  const steps = load.shed.map((step) => (Object.hasOwn(SHED_STEP_TERMS, step) ? SHED_STEP_TERMS[step][LANG] : step)).join(', ');
  return t(`bậc ${load.level}: ${steps} (khung hình ${load.frameMs} ms)`, `level ${load.level}: ${steps} (frames ${load.frameMs} ms)`);
}

function wallCard(s: State, w: WallInfo, now: number): HTMLElement {
  const thumb = s.thumbs.get(keyOf(w.node, w.window));
  const health = w.health ?? null;
  const streams = new Map<string, number>();
  for (const st of health?.streams ?? []) streams.set(st.state, (streams.get(st.state) ?? 0) + 1);
  // Cameras playing the gateway's HLS because their low-latency path was refused (seconds behind).
  const onFallback = (health?.streams ?? []).filter((st) => st.fallback).length;
  const lastSeen = health?.receivedAt ?? w.connectedAt ?? w.disconnectedAt ?? null;
  const row = (label: string, value: string): Node[] => [h('dt', {}, label), h('dd', {}, value)];
  return h(
    'article',
    { class: 'wall', 'data-node': w.node, 'data-window': w.window, 'data-connected': String(w.connected ?? false) },
    h('h3', {}, `${w.node} / ${w.window}`),
    thumb ? thumbImage(keyOf(w.node, w.window), thumb) : h('p', { class: 'no-thumb' }, t('Chưa có ảnh', 'No picture yet')),
    h(
      'dl',
      {},
      ...row(t('Màn hình', 'Screens'), (w.screens ?? []).join(', ')),
      ...row(t('Kết nối', 'Connection'), w.connected ? t('đang kết nối', 'connected') : `${t('mất kết nối', 'disconnected')}${w.disconnectReason ? ` (${disconnectReason(w.disconnectReason)})` : ''}`),
      ...row(t('Thấy lần cuối', 'Last seen'), age(lastSeen, now)),
      ...row(t('Bố cục', 'Layout'), health?.layout ? layoutTitle(s, health.layout) : '—'),
      // fps counts the page's frames; changedFps those that drew something new (an idle window draws none).
      ...row(t('Khung hình/giây', 'Frames per second'), health ? `${Math.round(health.fps)}${health.changedFps !== undefined ? ` (${t('vẽ mới', 'redrawn')} ${Math.round(health.changedFps)})` : ''}` : '—'),
      ...row(t('Giảm tải', 'Load shedding'), loadText(health?.load)),
      ...row(t('Bộ nhớ', 'Memory'), health?.memory ? `${Math.round(health.memory.usedMB)} MB${health.memory.limitMB ? ` / ${Math.round(health.memory.limitMB)} MB` : ''}` : '—'),
      ...row(t('Camera, trang nhúng', 'Cameras, web pages'), streams.size ? [...[...streams].map(([k, n]) => `${n} ${streamStateName(k, LANG)}`), ...(onFallback ? [`${onFallback} ${CAMERA_FALLBACK_TERM[LANG]}`] : [])].join(', ') : '—'),
      ...row(t('Tự khôi phục', 'Self-recovery'), watchdogText(health?.watchdog)),
      ...row(t('Ảnh lúc', 'Picture at'), thumb ? clock(thumb.info.at) : '—'),
    ),
  );
}
