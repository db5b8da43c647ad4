import { describe, expect, it } from 'vitest';
import { cameraMessage, type CameraMessageInput } from './camera-message.js';

const base: CameraMessageInput = { state: 'connecting', played: false, lostAt: null, lang: 'vi', clock: () => '14:05:03' };
const say = (m: Partial<CameraMessageInput>): string => cameraMessage({ ...base, ...m });

describe('cameraMessage', () => {
  it('says "connecting" before the first frame', () => {
    expect(say({})).toBe('Đang kết nối…');
    expect(say({ lang: 'en' })).toBe('Connecting…');
  });

  it('says "no signal yet" for a camera that never played, not "no signal since"', () => {
    for (const state of ['frozen', 'recovering'] as const) {
      expect(say({ state, lostAt: 1000 })).toBe('Chưa có tín hiệu');
      expect(say({ state, lostAt: 1000, lang: 'en' })).toBe('No signal yet');
    }
  });

  it('names the last good moment for a camera that played and stopped', () => {
    expect(say({ state: 'frozen', played: true, lostAt: 1000 })).toBe('Mất tín hiệu từ 14:05:03');
    expect(say({ state: 'recovering', played: true, lostAt: 1000, lang: 'en' })).toBe('No signal since 14:05:03');
  });

  it('says nothing over live video, and names the budget for a waiting tile', () => {
    expect(say({ state: 'live', played: true })).toBe('');
    expect(say({ state: 'waiting' })).toBe('Vượt ngân sách giải mã');
  });
});
