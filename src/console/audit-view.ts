/**
 * The console's audit view (docs/console.md, "Audit"): who did what, when and from where, read from
 * GET /api/audit (newest first; `since` and `limit` asked of the hub), filtered in the page by
 * action, channel, actor, via, alert id and time range; attempts that did not happen are marked in
 * words (and a data attribute), not colour alone; exported as CSV built in the page (a Blob and an
 * object URL: a download needs no connect-src). It reads when its section is opened, on "Tải lại",
 * and while open whenever the console hears of an alert, switch or preset change (changed()).
 * Hub text is inserted as text only (dom.ts).
 */
import { zoneOffsetMs } from '../core/wall/format.js';
import type { Lang } from '../core/wall/vocabulary.js';
import { errorText, type Api } from './api.js';
import {
  AUDIT_ACTIONS, CHANNEL_CODES, NO_FILTER, actionName, auditCsv, auditTime, channelName, channelOf, commentOf, detailText, filterRows,
  isFailure, roleName, sourceName, type AuditFilter, type AuditRow,
} from './audit-rows.js';
import { byId, h } from './dom.js';

const LIMITS = [100, 500, 1000, 5000];

const WORDS = {
  vi: {
    action: 'Thao tác', channel: 'Nguồn', comment: 'Ghi chú', actor: 'Người thực hiện', via: 'Qua', alertId: 'Mã cảnh báo', from: 'Từ', until: 'Đến', limit: 'Tối đa',
    all: 'Tất cả', reload: 'Tải lại', export: 'Xuất CSV', time: 'Thời điểm', detail: 'Chi tiết', role: 'Vai trò',
    loading: 'Đang tải nhật ký…', failed: 'Không tải được nhật ký', failure: 'Thất bại', shown: (n: number, of: number) => `${n} / ${of} dòng`,
    empty: 'Không có dòng nào khớp bộ lọc.',
  },
  en: {
    action: 'Action', channel: 'Channel', comment: 'Comment', actor: 'Actor', via: 'Via', alertId: 'Alert id', from: 'From', until: 'Until', limit: 'At most',
    all: 'All', reload: 'Reload', export: 'Export CSV', time: 'Time', detail: 'Detail', role: 'Role',
    loading: 'Loading the audit trail…', failed: 'Could not load the audit trail', failure: 'Failed', shown: (n: number, of: number) => `${n} / ${of} rows`,
    empty: 'No row matches the filter.',
  },
};

/** A `datetime-local` value ("2026-12-07T14:05") read as the wall's zone; null when empty. */
export function wallTimeToMs(value: string, tz: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!m) return null;
  const asUtc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0));
  return asUtc - zoneOffsetMs(asUtc, tz);
}

export class AuditView {
  private rows: AuditRow[] = [];
  private readonly words: (typeof WORDS)[Lang];
  private readonly abort = new AbortController();
  private root: HTMLElement | null = null;
  private loading = false;
  private again = false;

  public constructor(
    private readonly api: Api,
    private readonly lang: Lang,
    private readonly tz: string,
  ) {
    this.words = WORDS[lang];
  }

  /** Draws the filter bar into #audit and loads when #audit-section opens. */
  public init(): void {
    const section = byId<HTMLDetailsElement>('audit-section');
    this.root = byId('audit');
    const w = this.words;
    const on = { signal: this.abort.signal };
    const select = (name: string, options: [string, string][]): HTMLSelectElement =>
      h('select', { name, id: `audit-${name}` }, ...options.map(([v, t]) => h('option', { value: v }, t)));
    const label = (text: string, control: HTMLElement): HTMLLabelElement => h('label', {}, text, control);
    const form = h(
      'form',
      { id: 'audit-filter' },
      label(w.action, select('action', [['', w.all], ...AUDIT_ACTIONS.map((a): [string, string] => [a, actionName(a, this.lang)])])),
      label(w.channel, select('channel', [['', w.all], ...CHANNEL_CODES.map((c): [string, string] => [c, channelName(c, this.lang)])])),
      label(w.actor, h('input', { name: 'actor', type: 'search', autocomplete: 'off' })),
      label(w.via, select('via', [['', w.all]])),
      label(w.alertId, h('input', { name: 'alertId', type: 'search', autocomplete: 'off', spellcheck: 'false' })),
      label(w.from, h('input', { name: 'from', type: 'datetime-local' })),
      label(w.until, h('input', { name: 'until', type: 'datetime-local' })),
      label(w.limit, select('limit', LIMITS.map((n): [string, string] => [String(n), String(n)]))),
      h('button', { type: 'submit', id: 'audit-reload' }, w.reload),
      h('button', { type: 'button', id: 'audit-export' }, w.export),
    );
    (form.querySelector('select[name="limit"]') as HTMLSelectElement).value = '500';
    this.root.replaceChildren(form, h('p', { id: 'audit-count', role: 'status' }), h('div', { id: 'audit-table' }));
    form.addEventListener('input', () => this.draw(), on);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.load();
    }, on);
    byId('audit-export').addEventListener('click', () => this.exportCsv(), on);
    section.addEventListener('toggle', () => {
      if (section.open) void this.load();
    }, on);
    if (section.open) void this.load();
  }

  public destroy(): void {
    this.abort.abort();
    this.root?.replaceChildren();
    this.root = null;
  }

  private field(name: string): string {
    return (this.root?.querySelector<HTMLInputElement | HTMLSelectElement>(`#audit-filter [name="${name}"]`)?.value ?? '').trim();
  }

  private filter(): AuditFilter {
    return {
      ...NO_FILTER,
      action: this.field('action'),
      channel: this.field('channel'),
      actor: this.field('actor'),
      via: this.field('via'),
      alertId: this.field('alertId'),
      from: wallTimeToMs(this.field('from'), this.tz),
      until: wallTimeToMs(this.field('until'), this.tz),
    };
  }

  /**
   * Something the audit records happened (an alert, a switch, a preset): re-read while the section
   * is open; a burst of events while a read is in flight costs one more read, not one per event.
   */
  public changed(): void {
    if (!this.root || !byId<HTMLDetailsElement>('audit-section').open) return;
    if (this.loading) this.again = true;
    else void this.load();
  }

  /** Reads the hub's page: `since` from the "from" field, `limit` as chosen. */
  public async load(): Promise<void> {
    if (!this.root) return;
    if (this.loading) {
      this.again = true;
      return;
    }
    this.loading = true;
    const count = byId('audit-count');
    count.textContent = this.words.loading;
    const params = new URLSearchParams({ limit: this.field('limit') || '500' });
    const from = this.filter().from;
    if (from !== null) params.set('since', String(from));
    try {
      const r = await this.api.json<{ audit: AuditRow[] }>('GET', `/api/audit?${params}`);
      this.rows = r.audit;
      this.fillVia();
      this.draw();
      this.root?.setAttribute('data-loaded', String(Date.now()));
    } catch (e) {
      count.textContent = `${this.words.failed}: ${errorText(e)}`;
    } finally {
      this.loading = false;
      if (this.again) {
        this.again = false;
        void this.load();
      }
    }
  }

  /** The via filter lists the vias the page holds (keeping the one chosen). */
  private fillVia(): void {
    const via = byId<HTMLSelectElement>('audit-via');
    const chosen = via.value;
    const vias = [...new Set(this.rows.map((r) => r.via))].sort();
    via.replaceChildren(h('option', { value: '' }, this.words.all), ...vias.map((v) => h('option', { value: v }, v)));
    via.value = vias.includes(chosen) ? chosen : '';
  }

  private draw(): void {
    if (!this.root) return;
    const w = this.words;
    const shown = filterRows(this.rows, this.filter());
    byId('audit-count').textContent = w.shown(shown.length, this.rows.length);
    const columns = [w.time, w.action, w.actor, w.role, w.channel, w.via, w.alertId, w.comment, w.detail];
    const head = h('tr', {}, ...columns.map((t) => h('th', { scope: 'col' }, t)));
    const body = shown.map((r) => {
      const failed = isFailure(r);
      return h(
        'tr',
        { 'data-seq': r.seq, 'data-action': r.action, 'data-channel': channelOf(r), 'data-failed': failed ? 'true' : null },
        h('td', { class: 'audit-at' }, auditTime(r.at, this.tz)),
        h('td', { class: 'audit-action' }, actionName(r.action, this.lang), failed ? h('span', { class: 'audit-failure' }, ` · ${w.failure}`) : null),
        h('td', { class: 'audit-actor' }, r.actor),
        h('td', { class: 'audit-role', 'data-role': r.role }, roleName(r.role, this.lang)),
        h('td', { class: 'audit-source' }, sourceName(r, this.lang)),
        h('td', { class: 'audit-via' }, r.via),
        h('td', { class: 'audit-alert' }, r.alertId ?? ''),
        h('td', { class: 'audit-comment' }, commentOf(r)),
        h('td', { class: 'audit-detail' }, detailText(r.detail, this.lang, this.tz)),
      );
    });
    byId('audit-table').replaceChildren(
      shown.length ? h('table', {}, h('thead', {}, head), h('tbody', {}, ...body)) : h('p', {}, w.empty),
    );
  }

  /** The rows shown, as a CSV file the browser downloads (the object URL is released after the click). */
  private exportCsv(): void {
    const csv = auditCsv(filterRows(this.rows, this.filter()), this.lang, this.tz);
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    const stamp = auditTime(Date.now(), this.tz).replace(/[/: ]/g, '-');
    const a = h('a', { href: url, download: `wallrun-nhat-ky-${stamp}.csv`, hidden: true });
    document.body.append(a);
    a.click();
    a.remove();
    // Released a little later: Chromium reads the URL after click() returns.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}
