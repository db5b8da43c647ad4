// The console's CAP list: what each row says, in Vietnamese by default, an Exercise in words.
import { describe, expect, it } from 'vitest';
import type { CapMessageRecord } from '../core/protocol/cap.js';
import { capCells } from './cap-view.js';

const m: CapMessageRecord = {
  sender: 'kttv-khanhhoa@vnmha.gov.vn', identifier: 'X-1', sent: 0, status: 'Exercise', msgType: 'Alert', action: 'stored', alertId: null,
  receivedAt: 1, via: 'feed:kttv', note: 'not-actual', event: 'Sạt lở đất', headline: 'DIỄN TẬP: sạt lở', severity: 'Extreme',
  urgency: 'Immediate', certainty: 'Observed', areaDesc: 'Khánh Vĩnh', language: 'vi-VN', expires: null,
};

describe('capCells', () => {
  it('says what the hub did, the status in words', () => {
    expect(capCells(m, 'vi', () => '10:00:00')).toEqual([
      '10:00:00', 'Diễn tập', 'Alert', 'Extreme · DIỄN TẬP: sạt lở', 'Khánh Vĩnh', 'kttv-khanhhoa@vnmha.gov.vn',
      'Chỉ lưu, không lên tường (không phải tin thật)',
    ]);
    expect(capCells({ ...m, status: 'Actual', action: 'created', note: null, headline: null }, 'en', () => 't')).toEqual([
      't', 'Actual', 'Alert', 'Extreme · Sạt lở đất', 'Khánh Vĩnh', 'kttv-khanhhoa@vnmha.gov.vn', 'Alert raised',
    ]);
  });
});
