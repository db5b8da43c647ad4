/**
 * Above and over the wall canvas: the live line (what the wall shows, by title, and how old the
 * pictures are) and a chosen source's preview: its tiles as labelled boxes over the screens,
 * marked "Xem trước: <title>", with "Áp dụng" (runs the switch) and "Huỷ xem trước".
 */
import type { WallPlanAnswer } from '../core/protocol/wall-plan.js';
import { localized } from '../core/wall/vocabulary.js';
import { byId, h, replaceKeepingFocus } from './dom.js';
import { LANG, age, t } from './i18n.js';
import { layoutTitle, reportedLayouts } from './layouts-view.js';
import type { State } from './state.js';
import { scaledRect } from './wall-geometry.js';

/** Widget types as the console names them on a preview tile. */
const WIDGETS: Readonly<Record<string, { vi: string; en: string }>> = {
  camera: { vi: 'Camera', en: 'Camera' },
  chart: { vi: 'Biểu đồ', en: 'Chart' },
  kpi: { vi: 'Chỉ số', en: 'KPI' },
  ticker: { vi: 'Dòng chữ chạy', en: 'Ticker' },
  'alert-list': { vi: 'Danh sách cảnh báo', en: 'Alert list' },
  clock: { vi: 'Đồng hồ', en: 'Clock' },
  text: { vi: 'Văn bản', en: 'Text' },
  image: { vi: 'Hình ảnh', en: 'Image' },
  map: { vi: 'Bản đồ', en: 'Map' },
};
const widgetName = (w: string): string => (Object.hasOwn(WIDGETS, w) ? WIDGETS[w]![LANG] : w);

/** "Đang hiển thị: <layout or preset> · ảnh cũ nhất: 2 giây trước". */
export function renderLiveLine(s: State): void {
  const line = byId('wall-live');
  const live = s.current?.layout ?? reportedLayouts(s.walls)[0]?.layout ?? null;
  const preset = s.current?.preset ? s.presetTitles.get(s.current.preset.id) ?? s.current.preset.id : null;
  const what = live ? `${layoutTitle(s, live)}${preset ? ` · ${t('kịch bản', 'preset')} ${preset}` : ''}` : '—';
  // The oldest picture of a connected window: how far behind the canvas may be.
  const connected = new Set(s.walls.filter((w) => w.connected).map((w) => `${w.node}/${w.window}`));
  const times = [...s.thumbs.entries()].filter(([key]) => connected.has(key)).map(([, x]) => x.info.at);
  const now = Date.now() + s.hubOffsetMs;
  const pictures = times.length ? t(`ảnh cũ nhất: ${age(Math.min(...times), now)}`, `oldest picture: ${age(Math.min(...times), now)}`) : t('chưa có ảnh', 'no pictures yet');
  line.dataset.layout = live ?? '';
  line.replaceChildren(t('Đang hiển thị: ', 'On the wall: '), h('strong', { id: 'wall-live-title' }, what), ` · ${pictures}`);
}

const layer = h('div', { class: 'preview-layer' });

/** The preview bar above the canvas and the tiles' layer over it (empty without a preview). */
export function renderPreview(s: State, plan: WallPlanAnswer | null, scale: number): HTMLElement {
  const bar = byId('preview-bar');
  const p = s.preview;
  const layout = p ? plan?.layouts.find((l) => l.id === p.layout) : undefined;
  bar.hidden = !p;
  layer.hidden = !p;
  if (!p) {
    bar.replaceChildren();
    layer.replaceChildren();
    return layer;
  }
  const apply = h('button', { type: 'button', id: 'preview-apply', disabled: s.busy !== null }, t('Áp dụng', 'Apply'));
  apply.addEventListener('click', () => {
    s.preview = null;
    s.previewChanged();
    p.apply();
  });
  const cancel = h('button', { type: 'button', id: 'preview-cancel' }, t('Huỷ xem trước', 'Cancel preview'));
  cancel.addEventListener('click', () => {
    s.preview = null;
    s.previewChanged();
  });
  const kind = p.kind === 'preset' ? t('kịch bản', 'preset') : t('bố cục', 'layout');
  bar.dataset.preview = `${p.kind}:${p.id}`;
  replaceKeepingFocus(bar, h('strong', { id: 'preview-title' }, t(`Xem trước: ${p.title}`, `Preview: ${p.title}`)), ` (${kind}${p.kind === 'preset' ? `, ${t('bố cục', 'layout')} ${layoutTitle(s, p.layout)}` : ''}) `, apply, cancel);
  layer.dataset.layout = p.layout;
  layer.replaceChildren(
    h('span', { class: 'preview-banner' }, t(`Xem trước: ${p.title}`, `Preview: ${p.title}`)),
    ...(layout?.tiles ?? []).map((tile) => {
      const r = scaledRect(tile.rect, scale);
      const title = tile.title ? localized(tile.title, LANG) : '';
      const el = h('div', { class: 'preview-tile', 'data-tile': tile.id, 'data-widget': tile.widget }, h('span', {}, title ? `${widgetName(tile.widget)} · ${title}` : widgetName(tile.widget)));
      Object.assign(el.style, { left: `${r.x}px`, top: `${r.y}px`, width: `${r.width}px`, height: `${r.height}px` });
      return el;
    }),
    ...(layout ? [] : [h('p', { class: 'empty' }, t('Hub không có sơ đồ của bố cục này.', 'The hub has no plan of this layout.'))]),
  );
  return layer;
}
