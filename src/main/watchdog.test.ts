import { EventEmitter } from 'node:events';
import type { BrowserWindow } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WALL_PAGE_URL } from '../core/kiosk/kiosk-policy.js';
import { DEFAULT_WATCHDOG_CONFIG as C, backoffMs } from '../core/kiosk/watchdog-rules.js';
import { WindowWatchdog, type WindowReport } from './watchdog.js';

/** A BrowserWindow reduced to the events and calls the watchdog uses. */
class FakeWindow extends EventEmitter {
  public readonly webContents = Object.assign(new EventEmitter(), { forcefullyCrashRenderer: vi.fn() });
  public isDestroyed(): boolean {
    return false;
  }
  /** What Electron emits when the wall page (re)loads. */
  public load(): void {
    this.webContents.emit('did-start-navigation', { url: WALL_PAGE_URL, isMainFrame: true, isSameDocument: false });
  }
  public crash(reason = 'crashed'): void {
    this.webContents.emit('render-process-gone', {}, { reason, exitCode: 139 });
  }
}

describe('WindowWatchdog (Electron events → rules → actions)', () => {
  let win: FakeWindow;
  let dog: WindowWatchdog;
  const reports: WindowReport[] = [];
  const reload = vi.fn();
  const giveUp = vi.fn();

  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000 });
    win = new FakeWindow();
    reload.mockImplementation(() => win.load());
    dog = new WindowWatchdog(win as unknown as BrowserWindow, 'node-1/w0', { reload, giveUp, report: (r) => reports.push(r) });
    dog.init();
    win.load();
  });
  afterEach(() => {
    dog.destroy();
    vi.useRealTimers();
    vi.clearAllMocks();
    reports.length = 0;
  });

  it('reloads after a crash with backoff and reports it with the window id', async () => {
    dog.heartbeat();
    win.crash();
    expect(reports).toMatchObject([{ kind: 'failure', trouble: 'crashed', windowId: 'node-1/w0', detail: 'renderer crashed (exit code 139)' }]);
    await vi.advanceTimersByTimeAsync(C.backoffBaseMs - 1);
    expect(reload).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(reload).toHaveBeenCalledOnce();
    expect(win.webContents.forcefullyCrashRenderer).not.toHaveBeenCalled();
    dog.heartbeat();
    expect(reports.at(-1)).toMatchObject({ kind: 'recovered' });
  });

  it('ignores a clean exit and aborted loads', () => {
    win.crash('clean-exit');
    win.webContents.emit('did-fail-load', {}, -3, 'ERR_ABORTED', WALL_PAGE_URL, true);
    expect(reports).toEqual([]);
    win.webContents.emit('did-fail-load', {}, -6, 'ERR_FILE_NOT_FOUND', WALL_PAGE_URL, true);
    expect(reports).toMatchObject([{ trouble: 'crashed', detail: 'load failed: ERR_FILE_NOT_FOUND (-6)' }]);
  });

  it('kills and reloads a page whose heartbeat stopped', async () => {
    dog.heartbeat();
    await vi.advanceTimersByTimeAsync(C.heartbeatTimeoutMs + 1000);
    expect(reports).toMatchObject([{ trouble: 'heartbeat-missed' }]);
    expect(win.webContents.forcefullyCrashRenderer).toHaveBeenCalledOnce();
    await vi.advanceTimersByTimeAsync(C.backoffBaseMs);
    expect(reload).toHaveBeenCalledOnce();
  });

  it('kills a renderer that stays unresponsive past the grace period', async () => {
    dog.heartbeat();
    win.emit('unresponsive');
    await vi.advanceTimersByTimeAsync(C.unresponsiveGraceMs + 1000);
    expect(reports).toMatchObject([{ trouble: 'hung' }]);
    expect(win.webContents.forcefullyCrashRenderer).toHaveBeenCalled();
  });

  it('after a crash loop shows the fallback, then tries again later', async () => {
    for (let i = 0; i < C.crashLoopCount; i++) {
      win.crash();
      if (i < C.crashLoopCount - 1) await vi.advanceTimersByTimeAsync(backoffMs(i, C)); // reloaded, crashes at once
    }
    expect(giveUp).toHaveBeenCalledOnce();
    expect(giveUp.mock.calls[0]![0]).toMatchObject({ kind: 'crash-loop' });
    expect(reload).toHaveBeenCalledTimes(C.crashLoopCount - 1);
    await vi.advanceTimersByTimeAsync(C.giveUpRetryMs + 10);
    expect(reload).toHaveBeenCalledTimes(C.crashLoopCount);
    expect(reports.at(-1)).toMatchObject({ kind: 'retry', windowId: 'node-1/w0' });
  });

  it('stops listening and timing on destroy', async () => {
    dog.destroy();
    win.crash();
    await vi.advanceTimersByTimeAsync(C.startupGraceMs * 2);
    expect(reports).toEqual([]);
    expect(win.webContents.listenerCount('render-process-gone')).toBe(0);
    expect(win.listenerCount('unresponsive')).toBe(0);
  });
});
