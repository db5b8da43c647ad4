/**
 * The audit trail as the console shows and exports it (docs/console.md, "Audit"): the hub's rows
 * (GET /api/audit, docs/protocol.md), the words for actions and sources in both languages, the
 * client-side filter and the CSV. Pure: no DOM, so the view (audit-view.ts) only draws.
 */
import type { AuditAction, AuditEntry } from '../core/protocol/audit.js';
import { formatDate, formatTime } from '../core/wall/format.js';
import { sectorName, severityName, type Lang } from '../core/wall/vocabulary.js';

/** One row of GET /api/audit. */
/**
 * A row as the console reads it: the hub's AuditEntry, with the action and detail left open, since
 * a newer hub may record actions this console has no words for (shown by their code).
 */
export type AuditRow = Omit<AuditEntry, 'action' | 'detail'> & { action: string; detail: unknown };

export interface AuditFilter {
  action: string;
  actor: string;
  via: string;
  alertId: string;
  /** ms, inclusive; null: unbounded. */
  from: number | null;
  until: number | null;
}

export const NO_FILTER: AuditFilter = { action: '', actor: '', via: '', alertId: '', from: null, until: null };

const ACTIONS: Record<AuditAction, Record<Lang, string>> = {
  raise: { vi: 'Phát cảnh báo', en: 'Raised' },
  update: { vi: 'Cập nhật cảnh báo', en: 'Updated' },
  ack: { vi: 'Xác nhận cảnh báo', en: 'Acknowledged' },
  clear: { vi: 'Kết thúc cảnh báo', en: 'Cleared' },
  layout: { vi: 'Chuyển bố cục', en: 'Layout switch' },
  'preset:save': { vi: 'Lưu kịch bản', en: 'Preset saved' },
  'preset:delete': { vi: 'Xoá kịch bản', en: 'Preset deleted' },
};

/** The actions the hub records, in the order the filter lists them. */
export const AUDIT_ACTIONS = Object.keys(ACTIONS);

/** An action's words; an action this console does not know yet shows as its code. */
export function actionName(action: string, lang: Lang): string {
  return Object.hasOwn(ACTIONS, action) ? ACTIONS[action as AuditAction][lang] : action;
}

/**
 * Where it came from, in words: a wall screen (node/window, screen), the demo or schedule, an
 * integration over REST, or the console / REST as a person (the hub does not tell those apart yet).
 */
export function sourceName(row: AuditRow, lang: Lang): string {
  const vi = lang === 'vi';
  if (row.node) {
    const where = `${row.node}/${row.window ?? '?'}${row.screen ? ` · ${row.screen}` : ''}`;
    return `${vi ? 'Màn hình tường' : 'Wall screen'} ${where}`;
  }
  if (row.via === 'demo') return vi ? 'Mô phỏng (demo)' : 'Demo';
  if (row.via === 'schedule' || row.role === 'schedule') return vi ? 'Lịch tự động' : 'Schedule';
  if (row.role === 'integration') return vi ? 'Hệ thống tích hợp (REST)' : 'Integration (REST)';
  if (row.role === 'operator' || row.role === 'editor') return vi ? 'Bàn điều khiển / REST' : 'Console / REST';
  return row.via;
}

/** A failed attempt: the hub marks it in `detail` (`ok: false`, an `error`, a `reason` or outcome "failed"/"aborted"). */
export function isFailure(row: AuditRow): boolean {
  const d = row.detail;
  if (!d || typeof d !== 'object' || Array.isArray(d)) return false;
  const o = d as Record<string, unknown>;
  return o.ok === false || o.error !== undefined || o.reason !== undefined || o.outcome === 'failed' || o.outcome === 'aborted';
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
  preset: { vi: 'kịch bản', en: 'preset' },
  presetVersion: { vi: 'phiên bản kịch bản', en: 'preset version' },
  version: { vi: 'phiên bản', en: 'version' },
  cameras: { vi: 'số camera', en: 'cameras' },
  reason: { vi: 'lý do', en: 'reason' },
  error: { vi: 'lỗi', en: 'error' },
};

function detailValue(key: string, v: unknown, lang: Lang, tz: string): string {
  if (key === 'severity' && typeof v === 'string') return severityName(v, lang);
  if (key === 'sector' && typeof v === 'string') return sectorName(v, lang);
  if (/At$|^at$/.test(key) && typeof v === 'number' && Number.isFinite(v)) return auditTime(v, tz);
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** `detail` as one line of text: "key: value · key: value", keys in words, times in the wall's zone. */
export function detailText(detail: unknown, lang: Lang, tz: string): string {
  if (detail === null || detail === undefined) return '';
  if (typeof detail !== 'object' || Array.isArray(detail)) return JSON.stringify(detail);
  return Object.entries(detail as Record<string, unknown>)
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
      (f.via === '' || r.via === f.via) &&
      has(r.actor, f.actor.trim()) &&
      has(r.alertId, f.alertId.trim()) &&
      (f.from === null || r.at >= f.from) &&
      (f.until === null || r.at <= f.until),
  );
}

const HEADERS: Record<Lang, string[]> = {
  vi: ['Thời điểm', 'Thao tác', 'Người thực hiện', 'Vai trò', 'Nguồn', 'Qua', 'Cảnh báo', 'Kết quả', 'Chi tiết', 'Mã thao tác', 'Thời điểm (ms)'],
  en: ['Time', 'Action', 'Actor', 'Role', 'Source', 'Via', 'Alert', 'Result', 'Detail', 'Action code', 'Time (ms)'],
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
    auditTime(r.at, tz), actionName(r.action, lang), r.actor, roleName(r.role, lang), sourceName(r, lang), r.via, r.alertId ?? '',
    isFailure(r) ? ok[1]! : ok[0]!, detailText(r.detail, lang, tz), r.action, String(r.at),
  ])];
  return `\uFEFF${lines.map((l) => l.map(field).join(',')).join('\r\n')}\r\n`;
}
