/**
 * The audit trail as the console shows and exports it (docs/console.md, "Audit"): the hub's rows
 * (GET /api/audit, docs/protocol.md), the words for actions and channels in both languages, the
 * client-side filter and the CSV. Pure: no DOM, so the view (audit-view.ts) only draws.
 */
import { AUDIT_CHANNELS, AUDIT_FAILURES, type AuditAction, type AuditChannel, type AuditEntry } from '../core/protocol/audit.js';
import { formatDate, formatTime } from '../core/wall/format.js';
import { sectorName, severityName, type Lang } from '../core/wall/vocabulary.js';
import { errorSentenceIn } from './i18n.js';

/**
 * A row as the console reads it: the hub's AuditEntry, with the action, channel and detail left
 * open, since a newer hub may record actions or channels this console has no words for (shown by
 * their code), and an older one sends no channel.
 */
export type AuditRow = Omit<AuditEntry, 'action' | 'channel' | 'detail'> & { action: string; channel?: string; detail: unknown };

export interface AuditFilter {
  action: string;
  channel: string;
  actor: string;
  via: string;
  alertId: string;
  /** ms, inclusive; null: unbounded. */
  from: number | null;
  until: number | null;
}

export const NO_FILTER: AuditFilter = { action: '', channel: '', actor: '', via: '', alertId: '', from: null, until: null };

const ACTIONS: Record<AuditAction, Record<Lang, string>> = {
  raise: { vi: 'Phát cảnh báo', en: 'Raised' },
  update: { vi: 'Cập nhật cảnh báo', en: 'Updated' },
  ack: { vi: 'Xác nhận cảnh báo', en: 'Acknowledged' },
  clear: { vi: 'Kết thúc cảnh báo', en: 'Cleared' },
  layout: { vi: 'Chuyển bố cục', en: 'Layout switch' },
  'preset:save': { vi: 'Lưu kịch bản', en: 'Preset saved' },
  'preset:delete': { vi: 'Xoá kịch bản', en: 'Preset deleted' },
  'layout:failed': { vi: 'Chuyển bố cục không thành', en: 'Layout switch failed' },
  'ack:refused': { vi: 'Xác nhận bị từ chối', en: 'Acknowledgement refused' },
  'cap:refused': { vi: 'Bản tin CAP bị từ chối', en: 'CAP message refused' },
};

/** The actions the hub records, in the order the filter lists them. */
export const AUDIT_ACTIONS = Object.keys(ACTIONS);

/** An action's words; an action this console does not know yet shows as its code. */
export function actionName(action: string, lang: Lang): string {
  return Object.hasOwn(ACTIONS, action) ? ACTIONS[action as AuditAction][lang] : action;
}

const CHANNELS: Record<AuditChannel, Record<Lang, string>> = {
  console: { vi: 'bàn điều khiển', en: 'console' },
  rest: { vi: 'REST', en: 'REST' },
  wall: { vi: 'màn hình tường', en: 'wall screen' },
  schedule: { vi: 'lịch', en: 'schedule' },
  hub: { vi: 'hub', en: 'hub' },
};

/** The channels the filter lists, in the hub's order. */
export const CHANNEL_CODES: readonly string[] = AUDIT_CHANNELS;

/** Where a row came from, as a code: the hub's, or for an older hub's row the guess its migration makes (by role). */
export const channelOf = (row: AuditRow): string => row.channel ?? (row.role === 'wall' ? 'wall' : 'rest');

/** A channel's words; one this console does not know yet shows as its code. */
export function channelName(channel: string, lang: Lang): string {
  return Object.hasOwn(CHANNELS, channel) ? CHANNELS[channel as AuditChannel][lang] : channel;
}

/** Which wall window and screen: "node-1/w1 · r1c2", or '' for a row not made on a wall. */
export const placeName = (row: AuditRow): string => (row.node ? `${row.node}/${row.window ?? '?'}${row.screen ? ` · ${row.screen}` : ''}` : '');

/** The channel in words, and for a wall screen which one: "màn hình tường node-1/w1 · r1c2". */
export function sourceName(row: AuditRow, lang: Lang): string {
  return [channelName(channelOf(row), lang), placeName(row)].filter(Boolean).join(' ');
}

/**
 * An attempt that did not happen: the hub's failure actions (`layout:failed`, `ack:refused`), or a
 * newer hub's row that says so in `detail` (`ok: false`, outcome "failed"/"aborted").
 */
export function isFailure(row: AuditRow): boolean {
  if ((AUDIT_FAILURES as readonly string[]).includes(row.action)) return true;
  const d = row.detail;
  if (!d || typeof d !== 'object' || Array.isArray(d)) return false;
  const o = d as Record<string, unknown>;
  return o.ok === false || o.outcome === 'failed' || o.outcome === 'aborted';
}

/** An acknowledgement's comment (`detail.comment`), or ''. */
export function commentOf(row: AuditRow): string {
  const c = (row.detail as { comment?: unknown } | null)?.comment;
  return typeof c === 'string' ? c : '';
}

const ROLES: Record<string, Record<Lang, string>> = {
  operator: { vi: 'trực ban', en: 'operator' },
  editor: { vi: 'trưởng ca', en: 'editor' },
  integration: { vi: 'tích hợp', en: 'integration' },
  wall: { vi: 'màn hình tường', en: 'wall' },
};

/** A role's words; an unknown role shows as its code. */
export function roleName(role: string, lang: Lang): string {
  return ROLES[role]?.[lang] ?? role;
}

/** The detail keys the hub writes, in words (others show as their key). */
const DETAIL_KEYS: Record<string, Record<Lang, string>> = {
  severity: { vi: 'mức', en: 'severity' },
  sector: { vi: 'lĩnh vực', en: 'sector' },
  title: { vi: 'tiêu đề', en: 'title' },
  ackId: { vi: 'mã xác nhận', en: 'ack id' },
  ackedAt: { vi: 'xác nhận lúc', en: 'acknowledged at' },
  layout: { vi: 'bố cục', en: 'layout' },
  at: { vi: 'hiệu lực lúc', en: 'effective at' },
  commandId: { vi: 'mã lệnh', en: 'command id' },
  switchId: { vi: 'mã lần chuyển', en: 'switch id' },
  preset: { vi: 'kịch bản', en: 'preset' },
  presetVersion: { vi: 'phiên bản kịch bản', en: 'preset version' },
  version: { vi: 'phiên bản', en: 'version' },
  cameras: { vi: 'số camera', en: 'cameras' },
  code: { vi: 'lỗi', en: 'error' },
  reason: { vi: 'lý do', en: 'reason' },
  failed: { vi: 'cửa sổ không chuẩn bị được', en: 'windows that failed' },
  error: { vi: 'lỗi', en: 'error' },
};

/** The windows of an aborted switch: "node-2/w7: why; node-3/w1: why". */
function failedWindows(v: unknown): string | null {
  if (!Array.isArray(v)) return null;
  return v.map((w: { node?: unknown; window?: unknown; error?: unknown }) => `${String(w.node)}/${String(w.window)}: ${String(w.error)}`).join('; ');
}

function detailValue(key: string, v: unknown, lang: Lang, tz: string): string {
  if (key === 'severity' && typeof v === 'string') return severityName(v, lang);
  if (key === 'sector' && typeof v === 'string') return sectorName(v, lang);
  if (key === 'code' && typeof v === 'string') return errorSentenceIn(v, lang);
  if (key === 'failed') return failedWindows(v) ?? JSON.stringify(v);
  if (/At$|^at$/.test(key) && typeof v === 'number' && Number.isFinite(v)) return auditTime(v, tz);
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/**
 * `detail` as one line of text: "key: value · key: value", keys in words, times in the wall's zone.
 * The comment is left out: it has a column of its own (commentOf).
 */
export function detailText(detail: unknown, lang: Lang, tz: string): string {
  if (detail === null || detail === undefined) return '';
  if (typeof detail !== 'object' || Array.isArray(detail)) return JSON.stringify(detail);
  return Object.entries(detail as Record<string, unknown>)
    .filter(([k]) => k !== 'comment')
    .map(([k, v]) => `${DETAIL_KEYS[k]?.[lang] ?? k}: ${detailValue(k, v, lang, tz)}`)
    .join(' · ');
}

/** "07/12/2026 14:05:09" in the wall's zone. */
export function auditTime(ms: number, tz: string): string {
  return `${formatDate(ms, tz)} ${formatTime(ms, tz, { seconds: true })}`;
}

const has = (text: string | null, part: string): boolean => part === '' || (text ?? '').toLocaleLowerCase('vi').includes(part.toLocaleLowerCase('vi'));

export function filterRows(rows: readonly AuditRow[], f: AuditFilter): AuditRow[] {
  return rows.filter(
    (r) =>
      (f.action === '' || r.action === f.action) &&
      (f.channel === '' || channelOf(r) === f.channel) &&
      (f.via === '' || r.via === f.via) &&
      has(r.actor, f.actor.trim()) &&
      has(r.alertId, f.alertId.trim()) &&
      (f.from === null || r.at >= f.from) &&
      (f.until === null || r.at <= f.until),
  );
}

const HEADERS: Record<Lang, string[]> = {
  vi: ['Thời điểm', 'Thao tác', 'Người thực hiện', 'Vai trò', 'Nguồn', 'Cửa sổ · màn hình', 'Qua', 'Cảnh báo', 'Kết quả', 'Ghi chú', 'Chi tiết', 'Mã thao tác', 'Mã nguồn', 'Thời điểm (ms)'],
  en: ['Time', 'Action', 'Actor', 'Role', 'Channel', 'Window · screen', 'Via', 'Alert', 'Result', 'Comment', 'Detail', 'Action code', 'Channel code', 'Time (ms)'],
};

/** One CSV field (RFC 4180): quoted where it holds a comma, quote or line break; a leading =+-@ is defused for spreadsheets. */
function field(v: string): string {
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The rows as CSV (CRLF lines, a BOM so spreadsheets read the Vietnamese as UTF-8). */
export function auditCsv(rows: readonly AuditRow[], lang: Lang, tz: string): string {
  const ok = lang === 'vi' ? ['thành công', 'thất bại'] : ['ok', 'failed'];
  const lines = [HEADERS[lang], ...rows.map((r) => [
    auditTime(r.at, tz), actionName(r.action, lang), r.actor, roleName(r.role, lang), channelName(channelOf(r), lang), placeName(r),
    r.via, r.alertId ?? '', isFailure(r) ? ok[1]! : ok[0]!, commentOf(r), detailText(r.detail, lang, tz), r.action, channelOf(r), String(r.at),
  ])];
  return `\uFEFF${lines.map((l) => l.map(field).join(',')).join('\r\n')}\r\n`;
}
