import { describe, expect, it } from 'vitest';
import { SEVERITIES } from './model.js';
import { ALERT_STATE_TERMS, SEVERITY_TERMS, alertStateName, layoutName, sectorName, severityName, severityRank } from './vocabulary.js';

describe('the one vocabulary', () => {
  it('five severity levels, each with its own word in both languages, colour and shape', () => {
    for (const key of ['vi', 'en', 'shape', 'glyph'] as const) {
      expect(new Set(SEVERITIES.map((s) => SEVERITY_TERMS[s][key])).size).toBe(5);
    }
    for (const s of SEVERITIES) expect(SEVERITY_TERMS[s].colorToken).toBe(s);
    expect(severityName('critical', 'vi')).toBe('Khẩn cấp');
    expect(severityName('critical', 'en')).toBe('Critical');
    expect(severityName('future-level', 'vi')).toBe('future-level');
  });
  it('severity rank is most severe first, unknown last', () => {
    expect(SEVERITIES.map(severityRank)).toEqual([0, 1, 2, 3, 4]);
    expect(severityRank('x')).toBe(5);
  });
  it('alert states as operators say them', () => {
    expect(alertStateName('active', 'vi')).toBe('chưa xác nhận');
    expect(alertStateName('acknowledged', 'vi')).toBe('đã xác nhận');
    expect(alertStateName('cleared', 'vi')).toBe('đã xử lý');
    expect(alertStateName('cleared', 'en')).toBe('resolved');
    expect(Object.keys(ALERT_STATE_TERMS)).toEqual(['active', 'acknowledged', 'cleared']);
  });
  it('sectors and layouts by name, ids when unnamed', () => {
    expect(sectorName('flood', 'vi')).toBe('Ngập lụt');
    expect(sectorName('traffic', 'en')).toBe('Traffic');
    expect(sectorName('toString', 'vi')).toBe('toString');
    expect(layoutName({ id: 'flood', title: { vi: 'Ngập lụt', en: 'Floods' } }, 'en')).toBe('Floods');
    expect(layoutName({ id: 'flood' }, 'vi')).toBe('flood');
  });
});
