/**
 * The console's replay (docs/console.md "Replay", docs/timeline.md): a time scrubber over the hub's
 * timeline. At the chosen moment T (wall time) it draws the wall as it was, each screen with the
 * crop of its window's picture nearest before T (as the live canvas does), names the layout shown
 * and who switched to it, lists the alerts open at T as they were then, and the events 15 minutes
 * either side, T's own marked; sector and severity narrow the alerts. An alert's "Xem lại" opens it
 * at its raise (openAt). The shift report: a range, then the hub's HTML page downloaded as a file.
 * Hub text is inserted as text only (dom.ts).
 */
import type { Alert } from '../core/protocol/alerts.js';
import type { TimelineEvent } from '../core/protocol/timeline.js';
import { formatDate, zoneParts } from '../core/wall/format.js';
import { SEVERITIES } from '../core/wall/model.js';
import { alertStateName, sectorName, SECTOR_TERMS, severityName } from '../core/wall/vocabulary.js';
import { errorText } from './api.js';
import { wallTimeToMs } from './audit-view.js';
import { byId, h } from './dom.js';
import { clock, LANG, t, wallZone } from './i18n.js';
import { keyOf, type State } from './state.js';
import { cropDraw, cropRect, fitWall, scaledRect } from './wall-geometry.js';
import { eventText } from './replay-text.js';

interface ReplayAnswer {
  t: number;
  keptFrom: number;
  layout: { layout: string; at: number; by: string | null } | null;
  windows: { window: string; at: number; file: string }[];
  alerts: (Alert & { stateAt: 'active' | 'acknowledged' })[];
  events: TimelineEvent[];
}

const MINUTE = 60_000;
/** The scrubber's span back from now. */
const SPAN_MS = 12 * 3_600_000;

/** "2026-12-07T14:05:09" in the wall's zone, for a datetime-local input. */
export function localInput(ms: number, tz: string = wallZone()): string {
  const p = zoneParts(ms, tz);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${p.year}-${two(p.month)}-${two(p.day)}T${two(p.hour)}:${two(p.minute)}:${two(p.second)}`;
}

export class ReplayView {
  private t = 0;
  private seq = 0;
  private readonly pictures = new Map<string, string>();

  public constructor(private readonly s: State) {}

  public init(): void {
    const on = (id: string, ev: string, fn: () => void): void => byId(id).addEventListener(ev, fn);
    const sectors = h('select', { id: 'replay-sector' }, h('option', { value: '' }, t('Mọi lĩnh vực', 'All sectors')), ...Object.keys(SECTOR_TERMS).map((k) => h('option', { value: k }, sectorName(k, LANG))));
    const severities = h('select', { id: 'replay-severity' }, h('option', { value: '' }, t('Mọi mức độ', 'All severities')), ...SEVERITIES.map((k) => h('option', { value: k }, severityName(k, LANG))));
    const step = (label: string, ms: number): HTMLButtonElement => {
      const b = h('button', { type: 'button', 'data-step': ms }, label);
      b.addEventListener('click', () => void this.show(this.t + ms));
      return b;
    };
    byId('replay').replaceChildren(
      h('div', { class: 'replay-bar' },
        h('label', {}, t('Thời điểm', 'Moment'), h('input', { id: 'replay-at', type: 'datetime-local', step: 1 })),
        step('−10′', -10 * MINUTE), step('−1′', -MINUTE), step('+1′', MINUTE), step('+10′', 10 * MINUTE),
        h('input', { id: 'replay-scrub', type: 'range', step: MINUTE, 'aria-label': t('Thanh thời gian (12 giờ qua)', 'Time scrubber (last 12 hours)') }),
        sectors, severities),
      h('p', { id: 'replay-line', role: 'status' }),
      h('div', { id: 'replay-canvas', class: 'wall-canvas' }),
      h('h3', {}, t('Cảnh báo đang mở lúc đó', 'Alerts open then')), h('ul', { id: 'replay-alerts' }),
      h('h3', {}, t('Diễn biến quanh thời điểm', 'Events around the moment')), h('ol', { id: 'replay-events' }),
      h('h3', {}, t('Báo cáo giao ca', 'Shift handover report')),
      h('form', { id: 'report-form' },
        h('label', {}, t('Từ', 'From'), h('input', { id: 'report-from', type: 'datetime-local', required: true })),
        h('label', {}, t('Đến', 'To'), h('input', { id: 'report-to', type: 'datetime-local', required: true })),
        h('button', { type: 'submit' }, t('Tải báo cáo (HTML)', 'Download the report (HTML)')),
        h('span', { id: 'report-status', role: 'status' })),
    );
    on('replay-at', 'change', () => {
      const ms = wallTimeToMs(byId<HTMLInputElement>('replay-at').value, wallZone());
      if (ms !== null) void this.show(ms);
    });
    on('replay-scrub', 'input', () => void this.show(Number(byId<HTMLInputElement>('replay-scrub').value)));
    on('replay-sector', 'change', () => void this.show(this.t));
    on('replay-severity', 'change', () => void this.show(this.t));
    byId('report-form').addEventListener('submit', (e) => {
      e.preventDefault();
      void this.report();
    });
    byId<HTMLDetailsElement>('replay-section').addEventListener('toggle', () => {
      if (byId<HTMLDetailsElement>('replay-section').open && this.t === 0) void this.show(this.hubNow() - MINUTE);
    });
  }

  /** Opens the section at `ms` (an alert's raise). */
  public openAt(ms: number): void {
    const section = byId<HTMLDetailsElement>('replay-section');
    section.open = true;
    void this.show(ms);
    section.scrollIntoView({ block: 'start' });
  }

  private hubNow(): number {
    return Date.now() + this.s.hubOffsetMs;
  }

  private async show(ms: number): Promise<void> {
    const now = this.hubNow();
    this.t = Math.min(Math.round(ms), now);
    const seq = ++this.seq;
    const scrub = byId<HTMLInputElement>('replay-scrub');
    Object.assign(scrub, { min: String(now - SPAN_MS), max: String(now), value: String(this.t) });
    byId<HTMLInputElement>('replay-at').value = localInput(this.t);
    const q = new URLSearchParams({ t: String(this.t) });
    const sector = byId<HTMLSelectElement>('replay-sector').value;
    const severity = byId<HTMLSelectElement>('replay-severity').value;
    if (sector) q.set('sector', sector);
    if (severity) q.set('severity', severity);
    const line = byId('replay-line');
    try {
      const r = await this.s.api.json<ReplayAnswer>('GET', `/api/replay?${q}`);
      if (seq !== this.seq) return; // a later moment was asked meanwhile
      document.body.dataset.replayAt = String(r.t);
      line.textContent = `${t('Tường lúc', 'The wall at')} ${clock(r.t)} ${formatDate(r.t, wallZone())}: ${
        r.layout ? `${t('bố cục', 'layout')} ${r.layout.layout} (${t('từ', 'since')} ${clock(r.layout.at)}${r.layout.by ? `, ${r.layout.by}` : ''})` : t('chưa ghi nhận lần chuyển bố cục nào', 'no layout switch recorded')
      }`;
      line.dataset.layout = r.layout?.layout ?? '';
      this.renderAlerts(r);
      this.renderEvents(r);
      await this.renderWall(r, seq);
    } catch (e) {
      if (seq === this.seq) line.textContent = `${t('Không xem lại được', 'Cannot replay')}: ${errorText(e)}`;
    }
  }

  private renderAlerts(r: ReplayAnswer): void {
    byId('replay-alerts').replaceChildren(
      ...(r.alerts.length === 0 ? [h('li', { class: 'empty' }, t('Không có cảnh báo nào đang mở.', 'No alert was open.'))] : []),
      ...r.alerts.map((a) => h('li', { 'data-alert-id': a.id, 'data-state': a.stateAt, 'data-severity': a.severity },
        `${severityName(a.severity, LANG)} · ${a.title} · ${a.area} · ${sectorName(a.sector, LANG)} · ${alertStateName(a.stateAt, LANG)}`)),
    );
  }

  private renderEvents(r: ReplayAnswer): void {
    let marked = false;
    byId('replay-events').replaceChildren(...r.events.map((e) => {
      const current = !marked && e.at >= r.t;
      marked ||= current;
      return h('li', { 'data-kind': e.kind, 'data-what': e.what, ...(current ? { 'aria-current': 'time' } : {}) }, `${clock(e.at)} · ${eventText(e, LANG)}`);
    }));
  }

  /** The screens as mounted, each with its window's picture at T (fetched with the token). */
  private async renderWall(r: ReplayAnswer, seq: number): Promise<void> {
    const box = byId('replay-canvas');
    const plan = this.s.plan;
    if (!plan?.wall) return void box.replaceChildren(h('p', { class: 'empty' }, t('Chưa có sơ đồ tường.', 'No wall model.')));
    const { scale, height } = fitWall(plan.wall, box.clientWidth || 960, 360);
    box.style.height = `${height}px`;
    const byWindow = new Map(r.windows.map((w) => [w.window, w]));
    const screens = await Promise.all(plan.screens.map(async (screen) => {
      const rect = scaledRect(screen.rect, scale);
      const canvas = h('canvas', { width: Math.max(1, Math.round(rect.width)), height: Math.max(1, Math.round(rect.height)) });
      const pic = screen.window ? byWindow.get(keyOf(screen.window.node, screen.window.window)) : undefined;
      const el = h('div', { class: 'screen', 'data-screen': screen.id, 'data-at': pic?.at ?? '' },
        canvas, h('span', { class: 'screen-id' }, screen.id), pic ? null : h('span', { class: 'screen-mark' }, t('Không có ảnh lúc đó', 'No picture then')));
      // Through the CSSOM: the console's CSP allows no style attribute.
      Object.assign(el.style, { left: `${rect.x}px`, top: `${rect.y}px`, width: `${rect.width}px`, height: `${rect.height}px` });
      if (pic && screen.picture) await this.draw(canvas, pic.file, screen.picture);
      return el;
    }));
    if (seq === this.seq) box.replaceChildren(...screens);
  }

  private async draw(canvas: HTMLCanvasElement, file: string, picture: NonNullable<NonNullable<State['plan']>['screens'][number]['picture']>): Promise<void> {
    let url = this.pictures.get(file);
    if (!url) {
      url = URL.createObjectURL(await this.s.api.blob(`/api/timeline/thumbnail?file=${encodeURIComponent(file)}`));
      this.pictures.set(file, url);
    }
    const img = new Image();
    img.src = url;
    await img.decode();
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    const crop = cropRect(picture, { width: img.naturalWidth, height: img.naturalHeight });
    const d = cropDraw(canvas, picture.turn);
    ctx.translate(d.centre.x, d.centre.y);
    ctx.rotate(d.radians);
    ctx.drawImage(img, crop.x, crop.y, crop.width, crop.height, -d.drawWidth / 2, -d.drawHeight / 2, d.drawWidth, d.drawHeight);
  }

  /** The hub's report page for the range, saved as a file (a download needs no CSP change). */
  private async report(): Promise<void> {
    const from = wallTimeToMs(byId<HTMLInputElement>('report-from').value, wallZone());
    const to = wallTimeToMs(byId<HTMLInputElement>('report-to').value, wallZone());
    const status = byId('report-status');
    if (from === null || to === null) return void (status.textContent = t('Chọn thời điểm bắt đầu và kết thúc ca.', 'Choose the start and end of the shift.'));
    try {
      const page = await this.s.api.blob(`/api/report?from=${from}&to=${to}&lang=${LANG}`);
      const a = h('a', { href: URL.createObjectURL(page), download: `bao-cao-giao-ca-${localInput(from).slice(0, 16).replace(/[:T]/g, '-')}.html` });
      a.click();
      status.textContent = t('Đã tải báo cáo.', 'Report downloaded.');
    } catch (e) {
      status.textContent = `${t('Không lập được báo cáo', 'Cannot make the report')}: ${errorText(e)}`;
    }
  }
}
