/**
 * The one vocabulary of the wall and the console (docs/formats.md "Vocabulary"): severity words,
 * colours and shapes, alert states, sector and layout names, in Vietnamese and English. Defined
 * here once so an operator reads the same word for the same thing on the wall, on the console and
 * in reports; a second table anywhere else is a bug (test/architecture/vocabulary.test.ts looks).
 */
import type { Localized, Severity } from './model.js';
import { SEVERITIES } from './model.js';

export type Lang = 'vi' | 'en';

/**
 * A shape per level, so colour-blind staff and grey photos still read the severity: the more
 * severe, the more corners point up. `glyph` is the same shape as a character for text (console).
 */
export type SeverityShape = 'triangle' | 'diamond' | 'square' | 'circle' | 'ring';

export interface SeverityTerm {
  vi: string;
  en: string;
  shape: SeverityShape;
  glyph: string;
  /** The theme colour this level is drawn in: `theme.severity[colorToken]` on the wall, class `sev-<token>` in the console. */
  colorToken: Severity;
}

export const SEVERITY_TERMS: Readonly<Record<Severity, SeverityTerm>> = {
  critical: { vi: 'Khẩn cấp', en: 'Critical', shape: 'triangle', glyph: '▲', colorToken: 'critical' },
  major: { vi: 'Nghiêm trọng', en: 'Major', shape: 'diamond', glyph: '◆', colorToken: 'major' },
  minor: { vi: 'Đáng chú ý', en: 'Minor', shape: 'square', glyph: '■', colorToken: 'minor' },
  // Not "Cảnh báo": that is every alert's name ("Không có cảnh báo"), it cannot also be one level.
  warning: { vi: 'Lưu ý', en: 'Warning', shape: 'circle', glyph: '●', colorToken: 'warning' },
  info: { vi: 'Thông tin', en: 'Info', shape: 'ring', glyph: '○', colorToken: 'info' },
};

/** "Khẩn cấp" / "Critical"; an unknown level (a newer hub) is shown as its id. */
export function severityName(severity: string, lang: Lang): string {
  const term = (SEVERITY_TERMS as Record<string, SeverityTerm | undefined>)[severity];
  return term ? term[lang] : severity;
}

/** Most severe first: the order of lists and the rank used to sort them. */
export function severityRank(severity: string): number {
  const i = (SEVERITIES as readonly string[]).indexOf(severity);
  return i < 0 ? SEVERITIES.length : i;
}

/** Alert states as operators say them (ISA-18.2: unacknowledged, acknowledged, resolved). */
export const ALERT_STATE_TERMS: Readonly<Record<'active' | 'acknowledged' | 'cleared', { vi: string; en: string }>> = {
  active: { vi: 'chưa xác nhận', en: 'unacknowledged' },
  acknowledged: { vi: 'đã xác nhận', en: 'acknowledged' },
  cleared: { vi: 'đã xử lý', en: 'resolved' },
};

export function alertStateName(state: string, lang: Lang): string {
  const term = (ALERT_STATE_TERMS as Record<string, { vi: string; en: string } | undefined>)[state];
  return term ? term[lang] : state;
}

/** A camera stream's state (docs/protocol.md health report), as the console counts them: "4 đang phát". */
export const STREAM_STATE_TERMS: Readonly<Record<'loading' | 'playing' | 'stalled' | 'no-signal' | 'error', { vi: string; en: string }>> = {
  loading: { vi: 'đang kết nối', en: 'connecting' },
  playing: { vi: 'đang phát', en: 'playing' },
  stalled: { vi: 'bị đứng hình', en: 'stalled' },
  'no-signal': { vi: 'mất tín hiệu', en: 'no signal' },
  error: { vi: 'lỗi', en: 'failed' },
};

export function streamStateName(state: string, lang: Lang): string {
  return Object.hasOwn(STREAM_STATE_TERMS, state) ? STREAM_STATE_TERMS[state as keyof typeof STREAM_STATE_TERMS][lang] : state;
}

/**
 * A camera on the gateway's HLS fallback (health report `streams[].fallback`, docs/cameras.md), as
 * the console counts them beside the stream states: "1 HLS dự phòng".
 */
export const CAMERA_FALLBACK_TERM = { vi: 'HLS dự phòng', en: 'on HLS fallback' } as const;

/**
 * The load-shedding steps a window gave up (health report `load.shed`, src/renderer/load-shedder.ts),
 * as the console lists them on the wall's card.
 */
export const SHED_STEP_TERMS = {
  'camera-uploads': { vi: 'camera làm mới chậm lại', en: 'cameras refreshed less often' },
  'chart-redraws': { vi: 'biểu đồ vẽ lại thưa hơn', en: 'charts redrawn less often' },
  animation: { vi: 'chuyển động giảm còn 2 khung/giây', en: 'animation down to 2 frames a second' },
} as const;

/** The words of a tile's freshness badge (the age itself is core/wall/format.ts formatAge). */
export const FRESHNESS_TERMS = {
  late: { vi: 'Trễ hạn', en: 'Late' },
} as const;

/** A vocabulary word at the start of a line: "đã xác nhận" → "Đã xác nhận". */
export function capitalise(s: string): string {
  return s.charAt(0).toLocaleUpperCase('vi') + s.slice(1);
}

/** The IOC sectors alerts and layouts name (docs/topics.md); others are shown as their id. */
export const SECTOR_TERMS: Readonly<Record<string, { vi: string; en: string }>> = {
  flood: { vi: 'Ngập lụt', en: 'Flooding' },
  traffic: { vi: 'Giao thông', en: 'Traffic' },
  environment: { vi: 'Môi trường', en: 'Environment' },
  security: { vi: 'An ninh trật tự', en: 'Public order' },
  epidemic: { vi: 'Dịch bệnh', en: 'Epidemics' },
  health: { vi: 'Y tế', en: 'Health' },
  emergency: { vi: 'Cứu hộ cứu nạn', en: 'Emergency response' },
  'public-service': { vi: 'Dịch vụ công', en: 'Public services' },
  'socio-economy': { vi: 'Kinh tế – xã hội', en: 'Socio-economy' },
  // The sectors of CAP 1.2 warnings (src/hub/cap/cap-mapping.ts, docs/automation.md "CAP").
  weather: { vi: 'Thời tiết', en: 'Weather' },
  geohazard: { vi: 'Thiên tai địa chất', en: 'Geohazards' },
  safety: { vi: 'An toàn', en: 'Safety' },
  fire: { vi: 'Cháy nổ', en: 'Fire' },
  infrastructure: { vi: 'Hạ tầng', en: 'Infrastructure' },
  hazmat: { vi: 'Hoá chất, phóng xạ', en: 'Hazardous materials' },
  other: { vi: 'Khác', en: 'Other' },
};

export function sectorName(sector: string, lang: Lang): string {
  return Object.hasOwn(SECTOR_TERMS, sector) ? SECTOR_TERMS[sector]![lang] : sector;
}

/**
 * Why the wall shows what it shows (docs/automation.md "Precedence"), as the console's "Tự động"
 * panel and any wall text say it: the wire's AutomationSource ids, plus `operator` for a queued
 * switch an operator asked for.
 */
export const AUTOMATION_SOURCE_TERMS: Readonly<Record<'takeover' | 'hold' | 'schedule' | 'rotation' | 'none' | 'operator', { vi: string; en: string }>> = {
  takeover: { vi: 'Tiếp quản do cảnh báo', en: 'Alert takeover' },
  hold: { vi: 'Giữ của người vận hành', en: "Operator's hold" },
  schedule: { vi: 'Lịch', en: 'Schedule' },
  rotation: { vi: 'Luân phiên', en: 'Rotation' },
  none: { vi: 'Không có gì tự động', en: 'Nothing automatic' },
  operator: { vi: 'Người vận hành', en: 'Operator' },
};

export function automationSourceName(source: string, lang: Lang): string {
  return Object.hasOwn(AUTOMATION_SOURCE_TERMS, source) ? AUTOMATION_SOURCE_TERMS[source as keyof typeof AUTOMATION_SOURCE_TERMS][lang] : source;
}

/** A Localized text in the wall's language (English falls back to Vietnamese). */
export function localized(text: Localized | undefined, lang: Lang): string {
  if (text === undefined) return '';
  if (typeof text === 'string') return text;
  return lang === 'en' ? (text.en ?? text.vi) : text.vi;
}

/** A layout as people name it: its title in the language, its id when it has none. */
export function layoutName(layout: { id: string; title?: Localized }, lang: Lang): string {
  return localized(layout.title, lang) || layout.id;
}

/**
 * The wall's banner while a takeover rule waits for an operator (docs/automation.md "Takeover"):
 * `target` is the layout's or preset's name as people call it; `more` the other prompts open.
 */
export function takeoverPromptText(target: string, alertTitle: string, more: number, lang: Lang): string {
  const extra = more > 0 ? (lang === 'en' ? ` (+${more} more)` : ` (và ${more} đề xuất khác)`) : '';
  return lang === 'en'
    ? `Suggested switch to ${target}: confirm on the console · ${alertTitle}${extra}`
    : `Đề xuất chuyển sang ${target}: xác nhận trên bàn điều khiển · ${alertTitle}${extra}`;
}

/** A preset named on the wall, which knows presets by id only. */
export function presetName(id: string, lang: Lang): string {
  return lang === 'en' ? `preset ${id}` : `kịch bản ${id}`;
}
