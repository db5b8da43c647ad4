import { describe, expect, it } from 'vitest';
import type { SwitchRecord, SwitchWindow, WallInfo } from '../core/protocol/walls.js';
import { onlyBusy, switchReport, windowFailure } from './switch-report.js';

const wall = (window: string, connected: boolean, layout: string | null = null): WallInfo =>
  ({ node: 'node-1', window, screens: [], token: 'wall', connected, connections: connected ? 1 : 0, address: null, connectedAt: null, disconnectedAt: null, disconnectReason: null, health: layout ? { layout } : null, lastSwitch: null }) as unknown as WallInfo;

const record = (state: SwitchRecord['state'], windows: Partial<SwitchWindow>[], extra: Partial<SwitchRecord> = {}): SwitchRecord => ({
  switchId: 's1',
  layout: 'flood',
  by: 'an',
  state,
  requestedAt: 0,
  failed: [],
  windows: windows.map((w) => ({ node: 'node-1', window: 'w0', prepare: 'ok', ...w })),
  skewMs: null,
  latencyMs: null,
  ...extra,
});

describe('switch report', () => {
  it('counts only windows that reported the switch, of every window the hub knows, disconnected ones included', () => {
    const r = record('committed', [{ window: 'w0', switchedAt: 5 }, { window: 'w1', switchedAt: 6 }]);
    const walls = [wall('w0', true), wall('w1', true), wall('w2', false)];
    const report = switchReport(r, walls, 'vi');
    expect(report).toMatchObject({ phase: 'partial', done: 2, total: 3 });
    expect(report.lines).toEqual(['đã chuyển trên 2/3 cửa sổ', 'node-1/w2: mất kết nối, chưa nhận lệnh']);
  });

  it('says done only when every window reported, and names a window still silent', () => {
    const walls = [wall('w0', true), wall('w1', true)];
    expect(switchReport(record('committed', [{ window: 'w0', switchedAt: 5 }, { window: 'w1', switchedAt: 6 }]), walls, 'en')).toMatchObject({ phase: 'done', lines: ['switched on all 2/2 windows'] });
    const silent = switchReport(record('committed', [{ window: 'w0', switchedAt: 5 }, { window: 'w1' }]), walls, 'vi');
    expect(silent).toMatchObject({ phase: 'partial', done: 1, total: 2 });
    expect(silent.lines[1]).toBe('node-1/w1: chưa báo đã chuyển');
  });

  it('counts a window that connected after the commit once it reports showing the layout', () => {
    const r = record('committed', [{ window: 'w0', switchedAt: 5 }]);
    expect(switchReport(r, [wall('w0', true), wall('w1', true, 'overview')], 'vi')).toMatchObject({ done: 1, total: 2 });
    expect(switchReport(r, [wall('w0', true), wall('w1', true, 'flood')], 'vi')).toMatchObject({ phase: 'done', done: 2, total: 2 });
  });

  it('says preparing with how many windows are ready', () => {
    const r = record('preparing', [{ window: 'w0', prepare: 'ok' }, { window: 'w1', prepare: 'pending' }]);
    expect(switchReport(r, [], 'vi')).toMatchObject({ phase: 'preparing', lines: ['đang chuẩn bị: 1/2 cửa sổ sẵn sàng'] });
  });

  it('gives an abort its reasons in Vietnamese, window by window', () => {
    const r = record('aborted', [
      { window: 'w0', prepare: 'failed', error: 'switch-busy: a layout switch is under way' },
      { window: 'w1', prepare: 'timeout', error: 'no answer within 10000 ms' },
      { window: 'w2', prepare: 'disconnected', error: 'disconnected while preparing' },
      { window: 'w3', prepare: 'ok' },
    ]);
    expect(switchReport(r, [], 'vi').lines).toEqual([
      'không chuyển được, tường giữ bố cục cũ',
      'node-1/w0: cửa sổ đang bận một lần chuyển khác',
      'node-1/w1: không trả lời trong 10 giây',
      'node-1/w2: mất kết nối khi đang chuẩn bị',
    ]);
    const hub = record('aborted', [], { reason: 'the hub is shutting down' });
    expect(switchReport(hub, [], 'vi').lines[1]).toBe('hub đang tắt');
  });

  it("keeps an unknown window error as the window's own detail", () => {
    expect(windowFailure({ prepare: 'failed', error: 'out of memory' }, 'vi')).toBe('cửa sổ báo lỗi (out of memory)');
  });

  it('knows when an abort came only from busy windows (worth one retry)', () => {
    expect(onlyBusy(record('aborted', [{ prepare: 'failed', error: 'switch-busy: a layout switch is under way' }, { window: 'w1', prepare: 'ok' }]))).toBe(true);
    expect(onlyBusy(record('aborted', [{ prepare: 'failed', error: 'switch-busy: x' }, { window: 'w1', prepare: 'timeout' }]))).toBe(false);
  });
});
