/**
 * The console's main view (docs/console.md "The wall as mounted"): every screen at its place on the
 * wall (GET /api/wall: bezel gaps, real aspect, rotation), scaled to the section's width, each
 * showing the crop of its window's latest thumbnail that is that screen, its id in a corner, and
 * in words what is wrong with it (its window disconnected, dead, never seen). Hovering or focusing
 * a screen says which window shows it and how that window is (#screen-info). A chosen source's
 * preview is drawn over it (wall-preview.ts).
 */
import type { WallPlanScreen } from '../core/protocol/wall-plan.js';
import { byId, h, replaceKeepingFocus } from './dom.js';
import { age, clock, t } from './i18n.js';
import { layoutTitle } from './layouts-view.js';
import { keyOf, type State } from './state.js';
import { cropDraw, cropRect, fitWall, scaledRect } from './wall-geometry.js';
import { renderLiveLine, renderPreview } from './wall-preview.js';

interface ScreenView {
  el: HTMLElement;
  canvas: HTMLCanvasElement;
  mark: HTMLElement;
  /** What the canvas holds now (picture URL and size): redrawn only when that changes. */
  drawn: string;
}

const views = new Map<string, ScreenView>();
/** Decoded thumbnails by object URL (an <img> that finished loading), and those still loading. */
const decoded = new Map<string, HTMLImageElement>();
const loading = new Set<string>();

export function renderWallCanvas(s: State): void {
  const box = byId('wall-canvas');
  const plan = s.plan;
  renderLiveLine(s);
  if (plan === null || plan.wall === null) {
    renderPreview(s, null, 0); // the bar still offers "Áp dụng"
    box.replaceChildren(h('p', { class: 'empty' }, plan === null ? t('Đang tải sơ đồ tường…', 'Loading the wall…') : t('Chưa vẽ được tường: máy chủ chưa nạp sơ đồ tường màn hình.', 'The wall cannot be drawn: the hub has no wall model (wall.yaml).')));
    views.clear();
    return;
  }
  // At most 60 % of the window's height: sources and alerts stay within reach at 1280 × 720.
  const { scale, height } = fitWall(plan.wall, box.clientWidth || 960, Math.max(200, window.innerHeight * 0.6));
  box.style.removeProperty('min-height');
  box.style.height = `${height}px`;
  const screens = plan.screens.map((screen) => renderScreen(s, screen, scale));
  const preview = renderPreview(s, plan, scale);
  if (box.children.length !== screens.length + 1 || screens.some((el, i) => box.children[i] !== el) || box.lastElementChild !== preview) {
    replaceKeepingFocus(box, ...screens, preview);
  }
}

function view(s: State, id: string): ScreenView {
  let v = views.get(id);
  if (!v) {
    const canvas = h('canvas', { 'aria-hidden': 'true' });
    const mark = h('span', { class: 'screen-mark' });
    const el = h('div', { class: 'screen', 'data-screen': id, tabindex: 0, role: 'img', 'aria-describedby': 'screen-info' }, canvas, h('span', { class: 'screen-id' }, id), mark);
    const show = (): void => {
      const plan = s.plan;
      const screen = plan?.screens.find((x) => x.id === id);
      byId('screen-info').textContent = screen ? screenInfo(s, screen) : '';
    };
    el.addEventListener('mouseenter', show);
    el.addEventListener('focus', show);
    v = { el, canvas, mark, drawn: '' };
    views.set(id, v);
  }
  return v;
}

function renderScreen(s: State, screen: WallPlanScreen, scale: number): HTMLElement {
  const v = view(s, screen.id);
  const r = scaledRect(screen.rect, scale);
  Object.assign(v.el.style, { left: `${r.x}px`, top: `${r.y}px`, width: `${r.width}px`, height: `${r.height}px` });
  const w = screen.window;
  const state = screen.dead ? 'dead' : !w ? 'unknown' : w.connected ? 'connected' : 'disconnected';
  v.el.dataset.state = state;
  v.el.dataset.window = w ? keyOf(w.node, w.window) : '';
  v.el.dataset.rotation = String(screen.rotation);
  const pictured = w ? s.thumbs.has(keyOf(w.node, w.window)) : false;
  v.mark.textContent = state === 'connected' && !pictured ? t('Chưa có ảnh', 'No picture yet') : markText(state);
  v.el.setAttribute('aria-label', `${t('Màn hình', 'Screen')} ${screen.id}${v.mark.textContent ? `: ${v.mark.textContent}` : ''}`);
  v.el.title = screenInfo(s, screen);
  drawPicture(s, v, screen, r, () => renderWallCanvas(s));
  return v.el;
}

function markText(state: string): string {
  if (state === 'dead') return t('Màn hình hỏng', 'Dead screen');
  if (state === 'disconnected') return t('Mất kết nối', 'Disconnected');
  if (state === 'unknown') return t('Chưa có cửa sổ nào báo', 'No window reported it');
  return '';
}

/** Draws the screen's crop of its window's thumbnail when the picture or the box changed. */
function drawPicture(s: State, v: ScreenView, screen: WallPlanScreen, box: { width: number; height: number }, loaded: () => void): void {
  const w = screen.window;
  const thumb = w ? s.thumbs.get(keyOf(w.node, w.window)) : undefined;
  if (!thumb || !screen.picture) return;
  const img = decoded.get(thumb.url);
  if (!img) {
    // One decode per picture, whatever the number of screens in it; the canvas keeps the last one meanwhile.
    if (loading.has(thumb.url)) return;
    loading.add(thumb.url);
    const next = new Image();
    const settle = (): void => {
      loading.delete(thumb.url);
      // Older pictures' images are let go (their URLs are revoked by refresh.ts).
      for (const url of decoded.keys()) if (![...s.thumbs.values()].some((x) => x.url === url)) decoded.delete(url);
    };
    next.addEventListener('load', () => {
      decoded.set(thumb.url, next);
      settle();
      loaded();
    });
    next.addEventListener('error', settle);
    next.src = thumb.url;
    return;
  }
  const key = `${thumb.url} ${box.width}x${box.height}`;
  if (v.drawn === key) return;
  v.canvas.width = box.width;
  v.canvas.height = box.height;
  const ctx = v.canvas.getContext('2d');
  if (!ctx) return;
  const crop = cropRect(screen.picture, { width: img.naturalWidth, height: img.naturalHeight });
  const d = cropDraw(box, screen.picture.turn);
  ctx.save();
  ctx.translate(d.centre.x, d.centre.y);
  ctx.rotate(d.radians);
  ctx.drawImage(img, crop.x, crop.y, crop.width, crop.height, -d.drawWidth / 2, -d.drawHeight / 2, d.drawWidth, d.drawHeight);
  ctx.restore();
  v.drawn = key;
  v.el.dataset.at = String(thumb.info.at);
  v.el.dataset.receivedAt = String(thumb.info.receivedAt);
}

/** What the hover or focus says of a screen: its window, the window's health, its picture's age. */
export function screenInfo(s: State, screen: WallPlanScreen): string {
  const now = Date.now() + s.hubOffsetMs;
  const head = `${t('Màn hình', 'Screen')} ${screen.id} (${screen.node})`;
  const w = screen.window;
  if (!w) return `${head}: ${t('chưa có cửa sổ nào báo hiển thị màn hình này', 'no window has reported showing it')}${screen.dead ? ` · ${markText('dead')}` : ''}`;
  const info = s.walls.find((x) => x.node === w.node && x.window === w.window);
  const health = info?.health ?? null;
  const thumb = s.thumbs.get(keyOf(w.node, w.window));
  const parts = [
    `${t('cửa sổ', 'window')} ${w.node}/${w.window}`,
    w.connected ? t('đang kết nối', 'connected') : t('mất kết nối', 'disconnected'),
    health ? t(`${Math.round(health.fps)} khung hình/giây`, `${Math.round(health.fps)} frames per second`) : '',
    health?.layout ? `${t('bố cục', 'layout')} ${layoutTitle(s, health.layout)}` : '',
    thumb ? t(`ảnh lúc ${clock(thumb.info.at)} (${age(thumb.info.at, now)})`, `picture at ${clock(thumb.info.at)} (${age(thumb.info.at, now)})`) : t('chưa có ảnh', 'no picture yet'),
    screen.dead ? markText('dead') : '',
  ];
  return `${head}: ${parts.filter(Boolean).join(' · ')}`;
}
