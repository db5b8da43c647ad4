import { describe, expect, it } from 'vitest';
import type { ConnectionStateEvent } from '../net/events.js';
import { ConnectionStatus } from './connection-status.js';

const TZ = 'Asia/Ho_Chi_Minh';
const at = (hh: number, mm: number, ss: number): number => Date.UTC(2025, 5, 2, hh - 7, mm, ss);
const ev = (state: ConnectionStateEvent['state'], t: number, extra: Partial<ConnectionStateEvent> = {}): ConnectionStateEvent => ({ state, attempt: 0, at: t, ...extra });

describe('connection badge text', () => {
  it('connecting → connected → disconnected since the loss → reconnecting → connected', () => {
    const s = new ConnectionStatus('vi', TZ);
    expect(s.read()).toEqual({ kind: 'connecting', text: 'Đang kết nối…', since: null });
    expect(s.apply(ev('connected', at(9, 0, 0)))).toBe(true);
    expect(s.read()).toEqual({ kind: 'connected', text: 'Đã kết nối', since: null });
    s.apply(ev('reconnecting', at(14, 5, 3), { reason: 'transport close' }));
    expect(s.read()).toEqual({ kind: 'disconnected', text: 'Mất kết nối từ 14:05:03', since: at(14, 5, 3) });
    s.apply(ev('connecting', at(14, 5, 4)));
    expect(s.read().text).toBe('Đang kết nối lại… · mất kết nối từ 14:05:03');
    s.apply(ev('reconnecting', at(14, 5, 9)));
    expect(s.read().text).toBe('Mất kết nối từ 14:05:03'); // still since the first loss
    s.apply(ev('connected', at(14, 6, 0)));
    expect(s.read().kind).toBe('connected');
  });

  it('says why the hub refused, in English too', () => {
    const s = new ConnectionStatus('en', TZ);
    s.apply(ev('refused', at(8, 0, 0), { refusal: 'unauthorized' }));
    expect(s.read()).toEqual({ kind: 'refused', text: 'Hub refused the connection (unauthorized)', since: at(8, 0, 0) });
    expect(s.apply(ev('refused', at(8, 0, 30), { refusal: 'unauthorized' }))).toBe(false);
  });
});
