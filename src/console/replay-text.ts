/**
 * A timeline event in words, as the console's replay lists it (docs/timeline.md): the same
 * vocabulary as the wall and the rest of the console (core/wall/vocabulary.ts). Pure.
 */
import type { TimelineEvent } from '../core/protocol/timeline.js';
import { sectorName, severityName, type Lang } from '../core/wall/vocabulary.js';

const WORDS = {
  vi: {
    raised: 'Cảnh báo phát sinh', updated: 'Cảnh báo thay đổi', cleared: 'Cảnh báo kết thúc', acknowledged: 'xác nhận', refused: 'bị từ chối xác nhận',
    switched: 'Chuyển bố cục sang', failed: 'Chuyển bố cục không thành công:', takeover: 'Tự động tiếp quản', 'takeover-return': 'Hết tiếp quản, trở lại',
    prompt: 'Đề xuất tiếp quản', 'prompt-expired': 'Đề xuất hết hạn', 'prompt-dismissed': 'Đề xuất bị bỏ qua', 'hold-release': 'Bỏ giữ bố cục',
    camera: 'Camera', late: 'Trễ hạn dữ liệu', arrived: 'Đã có dữ liệu', connected: 'kết nối', disconnected: 'mất kết nối', window: 'Cửa sổ',
    dead: 'Màn hình hỏng', cap: 'Bản tin CAP bị từ chối', none: 'không còn',
  },
  en: {
    raised: 'Alert raised', updated: 'Alert changed', cleared: 'Alert cleared', acknowledged: 'acknowledged', refused: 'was refused acknowledging',
    switched: 'Layout switched to', failed: 'Layout switch failed:', takeover: 'Automatic takeover', 'takeover-return': 'Takeover ended, back to',
    prompt: 'Takeover suggested', 'prompt-expired': 'Suggestion expired', 'prompt-dismissed': 'Suggestion dismissed', 'hold-release': 'Layout hold released',
    camera: 'Camera', late: 'Data late', arrived: 'Data arrived', connected: 'connected', disconnected: 'disconnected', window: 'Window',
    dead: 'Dead screens', cap: 'CAP message refused', none: 'none',
  },
} as const;

export function eventText(e: TimelineEvent, lang: Lang): string {
  const w = WORDS[lang];
  const detail = (typeof e.detail === 'object' && e.detail !== null && !Array.isArray(e.detail) ? e.detail : {}) as Record<string, unknown>;
  const title = typeof detail.title === 'string' ? detail.title : e.subject;
  const about = [e.severity ? severityName(e.severity, lang) : '', e.sector ? sectorName(e.sector, lang) : ''].filter(Boolean).join(', ');
  switch (e.kind) {
    case 'alert':
      return `${w[e.what as 'raised' | 'updated' | 'cleared'] ?? e.what}: ${title}${about ? ` (${about})` : ''}`;
    case 'ack':
      return `${e.actor ?? '?'} ${e.what === 'refused' ? w.refused : w.acknowledged}: ${title}`;
    case 'switch':
      return `${e.what === 'failed' ? w.failed : w.switched} ${e.subject}${e.actor ? ` (${e.actor})` : ''}`;
    case 'automation':
      return `${w[e.what as keyof typeof w] ?? e.what}: ${title}`;
    case 'camera':
      return `${w.camera} ${e.subject}: ${e.what}`;
    case 'late':
      return `${e.what === 'arrived' ? w.arrived : w.late}: ${e.subject}`;
    case 'wall':
      if (e.what === 'dead-screens') return `${w.dead}: ${(detail.deadScreens as string[] | undefined)?.join(', ') || w.none}`;
      return `${w.window} ${e.subject} ${e.what === 'connected' ? w.connected : w.disconnected}`;
    case 'cap':
      return w.cap;
    default:
      return `${e.kind} ${e.what} ${e.subject}`;
  }
}
