/**
 * The console's list of CAP 1.2 messages (docs/console.md, docs/automation.md "CAP"): every message
 * the hub took, from GET /api/cap/messages, newest first, with what the hub did with it. Exercise,
 * Test, System and Draft messages appear only here (never as alerts), marked in words and with a
 * data attribute, not colour alone. Read when the section opens, and while open when alerts change.
 * Hub text is inserted as text only (dom.ts).
 */
import type { CapMessageRecord, CapMessagesAnswer } from '../core/protocol/cap.js';
import type { Lang } from '../core/wall/vocabulary.js';
import { errorText, type Api } from './api.js';
import { byId, h } from './dom.js';

const STATUS: Record<string, Record<Lang, string>> = {
  Actual: { vi: 'Thật', en: 'Actual' },
  Exercise: { vi: 'Diễn tập', en: 'Exercise' },
  Test: { vi: 'Thử nghiệm', en: 'Test' },
  System: { vi: 'Hệ thống', en: 'System' },
  Draft: { vi: 'Bản nháp', en: 'Draft' },
};
const ACTION: Record<string, Record<Lang, string>> = {
  created: { vi: 'Đã phát cảnh báo', en: 'Alert raised' },
  updated: { vi: 'Đã cập nhật cảnh báo', en: 'Alert updated' },
  cleared: { vi: 'Đã kết thúc cảnh báo', en: 'Alert cleared' },
  stored: { vi: 'Chỉ lưu, không lên tường', en: 'Stored, not on the wall' },
  duplicate: { vi: 'Trùng lặp', en: 'Duplicate' },
};
const NOTE: Record<string, Record<Lang, string>> = {
  'not-actual': { vi: 'không phải tin thật', en: 'not an actual warning' },
  'not-alert': { vi: 'tin phản hồi hoặc báo lỗi', en: 'an Ack or Error message' },
  expired: { vi: 'đã hết hạn khi nhận', en: 'expired on arrival' },
  'nothing-to-cancel': { vi: 'không có cảnh báo nào để huỷ', en: 'nothing open to cancel' },
  'alert-cleared': { vi: 'cảnh báo đã kết thúc trước đó', en: 'its alert was cleared already' },
  superseded: { vi: 'cũ hơn bản tin đang hiển thị', en: 'older than the message shown' },
};
const WORDS = {
  vi: { received: 'Nhận lúc', status: 'Trạng thái', type: 'Loại', headline: 'Nội dung', area: 'Khu vực', sender: 'Nơi gửi', outcome: 'Xử lý', empty: 'Chưa nhận bản tin CAP nào.', failed: 'Không tải được bản tin CAP', reload: 'Tải lại' },
  en: { received: 'Received', status: 'Status', type: 'Type', headline: 'Content', area: 'Area', sender: 'Sender', outcome: 'Outcome', empty: 'No CAP message received yet.', failed: 'Could not load the CAP messages', reload: 'Reload' },
};

const word = (table: Record<string, Record<Lang, string>>, code: string, lang: Lang): string => (Object.hasOwn(table, code) ? table[code]![lang] : code);

/** One row's cells, in the column order of the table (pure: tested without a page). */
export function capCells(m: CapMessageRecord, lang: Lang, time: (ms: number) => string): string[] {
  const outcome = word(ACTION, m.action, lang) + (m.note ? ` (${word(NOTE, m.note, lang)})` : '');
  return [
    time(m.receivedAt),
    word(STATUS, m.status, lang),
    m.msgType,
    [m.severity, m.headline ?? m.event].filter(Boolean).join(' · ') || '—',
    m.areaDesc ?? '—',
    m.sender,
    outcome,
  ];
}

export class CapView {
  private loading = false;
  private readonly words: (typeof WORDS)[Lang];

  public constructor(
    private readonly api: Api,
    private readonly lang: Lang,
    private readonly time: (ms: number) => string,
  ) {
    this.words = WORDS[lang];
  }

  public init(): void {
    const section = byId<HTMLDetailsElement>('cap-section');
    section.addEventListener('toggle', () => {
      if (section.open) void this.load();
    });
  }

  /** Alerts changed (a CAP message may have made one): re-read while the section is open. */
  public changed(): void {
    if (byId<HTMLDetailsElement>('cap-section').open && !this.loading) void this.load();
  }

  public async load(): Promise<void> {
    const root = byId('cap-messages');
    this.loading = true;
    try {
      const answer = await this.api.json<CapMessagesAnswer>('GET', '/api/cap/messages?limit=200');
      root.replaceChildren(this.table(answer.messages));
    } catch (e) {
      root.replaceChildren(h('p', { role: 'alert' }, `${this.words.failed}: ${errorText(e)}`));
    } finally {
      this.loading = false;
    }
  }

  private table(messages: CapMessageRecord[]): HTMLElement {
    const w = this.words;
    if (messages.length === 0) return h('p', {}, w.empty);
    const head = h('tr', {}, ...[w.received, w.status, w.type, w.headline, w.area, w.sender, w.outcome].map((t) => h('th', { scope: 'col' }, t)));
    const rows = messages.map((m) =>
      h('tr', { 'data-status': m.status, 'data-action': m.action }, ...capCells(m, this.lang, this.time).map((c) => h('td', {}, c))),
    );
    return h('table', {}, h('thead', {}, head), h('tbody', {}, ...rows));
  }
}
