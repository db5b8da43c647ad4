import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PageEvent } from '../core/page/host-messages.js';
import { DEFAULT_WATCHDOG_CONFIG, backoffMs, type WatchdogReport } from '../core/kiosk/watchdog-rules.js';
import { BrowserWatchdog, FROZEN_MS, LOADING_CAP_MS } from './browser-watchdog.js';

function fakeWindow() {
  const crash = new Set<() => void>();
  const events: PageEvent[] = [];
  return {
    events,
    heartbeats: 0,
    heartbeatFrames: 0,
    /** One timer beat from the page, with the frames it counted. */
    beat(frames: number) {
      this.heartbeats += 1;
      this.heartbeatFrames += frames;
    },
    onCrash: (l: () => void) => {
      crash.add(l);
      return () => crash.delete(l);
    },
    crash: () => {
      for (const l of crash) l();
    },
    listeners: () => crash.size,
  };
}

describe('BrowserWatchdog', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const setup = (config = DEFAULT_WATCHDOG_CONFIG) => {
    const win = fakeWindow();
    const reports: WatchdogReport[] = [];
    const hooks = {
      reload: vi.fn(async (_layout: string | undefined) => undefined),
      kill: vi.fn(async () => undefined),
      giveUp: vi.fn(async (_report: WatchdogReport, _retryAt: number) => undefined),
      report: (r: WatchdogReport) => reports.push(r),
    };
    const dog = new BrowserWatchdog(win, hooks, config, () => Date.now()).init();
    return { win, reports, hooks, dog };
  };

  it('reloads a crashed page after the backoff, and reports it recovered', async () => {
    const { win, reports, hooks, dog } = setup();
    win.events.push({ type: 'ready', windowId: 'w', layout: 'one', at: 0 });
    win.events.push({ type: 'layoutSwitched', from: 'one', to: 'two', at: 0, frame: 5 });
    win.crash();
    expect(dog.phase).toBe('reloading');
    expect(reports).toEqual([expect.objectContaining({ kind: 'failure', trouble: 'crashed' })]);
    await vi.advanceTimersByTimeAsync(DEFAULT_WATCHDOG_CONFIG.backoffBaseMs - 1);
    expect(hooks.reload).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(hooks.reload).toHaveBeenCalledTimes(1);
    expect(hooks.reload).toHaveBeenCalledWith('two');
    expect(hooks.kill).not.toHaveBeenCalled();
    expect(dog.currentLayout).toBe('two');
    expect(dog.phase).toBe('starting');
    win.events.push({ type: 'ready', windowId: 'w', layout: 'two', at: 0 });
    await vi.advanceTimersByTimeAsync(1000);
    expect(dog.phase).toBe('running');
    expect(reports.at(-1)).toMatchObject({ kind: 'recovered' });
    dog.destroy();
    expect(win.listeners()).toBe(0);
  });

  it('treats stopped fps events as a hang: kills the renderer and reloads', async () => {
    const { win, reports, hooks, dog } = setup();
    win.events.push({ type: 'ready', windowId: 'w', layout: 'one', at: 0 });
    // fps once a second for 5 s: running.
    for (let i = 0; i < 5; i++) {
      win.events.push({ type: 'fps', fps: 60, frame: i * 60 });
      await vi.advanceTimersByTimeAsync(1000);
    }
    expect(dog.phase).toBe('running');
    expect(hooks.reload).not.toHaveBeenCalled();
    // Then nothing: hung once the heartbeat timeout passes.
    await vi.advanceTimersByTimeAsync(DEFAULT_WATCHDOG_CONFIG.heartbeatTimeoutMs);
    expect(reports).toContainEqual(expect.objectContaining({ kind: 'failure', trouble: 'heartbeat-missed' }));
    expect(hooks.kill).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(DEFAULT_WATCHDOG_CONFIG.backoffBaseMs);
    expect(hooks.reload).toHaveBeenCalledTimes(1);
    dog.destroy();
  });

  it('keeps a starved page that beats on time while its frames come seconds apart (slow, not dead)', async () => {
    const { win, reports, hooks, dog } = setup();
    win.events.push({ type: 'ready', windowId: 'w', layout: 'one', at: 0 });
    await vi.advanceTimersByTimeAsync(1000);
    // 2 minutes of a starved GPU process: one frame every 15 s (no fps event), a timer beat every second.
    for (let s = 1; s <= 120; s++) {
      win.beat(s % 15 === 0 ? 1 : 0);
      await vi.advanceTimersByTimeAsync(1000);
    }
    expect(dog.phase).toBe('running');
    expect(reports).toEqual([]);
    expect(hooks.kill).not.toHaveBeenCalled();
    expect(hooks.reload).not.toHaveBeenCalled();
    dog.destroy();
  });

  it('reloads a page that beats but has presented no frame for FROZEN_MS (frozen, not slow)', async () => {
    const { win, reports, hooks, dog } = setup();
    win.events.push({ type: 'ready', windowId: 'w', layout: 'one', at: 0 });
    await vi.advanceTimersByTimeAsync(1000);
    const frozenFrom = Date.now();
    while (reports.length === 0 && Date.now() - frozenFrom < FROZEN_MS * 2) {
      win.beat(0);
      await vi.advanceTimersByTimeAsync(1000);
    }
    expect(reports).toEqual([expect.objectContaining({ kind: 'failure', trouble: 'heartbeat-missed' })]);
    expect(Date.now() - frozenFrom).toBeGreaterThanOrEqual(FROZEN_MS);
    expect(Date.now() - frozenFrom).toBeLessThanOrEqual(FROZEN_MS + DEFAULT_WATCHDOG_CONFIG.heartbeatTimeoutMs + 2000);
    expect(hooks.kill).toHaveBeenCalledTimes(1);
    dog.destroy();
  });

  it('treats stopped timer beats as a hang, however recent the last frame', async () => {
    const { win, reports, dog } = setup();
    win.events.push({ type: 'ready', windowId: 'w', layout: 'one', at: 0 });
    for (let i = 0; i < 5; i++) {
      win.beat(60);
      await vi.advanceTimersByTimeAsync(1000);
    }
    expect(dog.phase).toBe('running');
    await vi.advanceTimersByTimeAsync(DEFAULT_WATCHDOG_CONFIG.heartbeatTimeoutMs);
    expect(reports).toEqual([expect.objectContaining({ kind: 'failure', trouble: 'heartbeat-missed' })]);
    dog.destroy();
  });

  it('does not count timer beats before the page said ready: loading stays under the startup grace', async () => {
    const { win, reports, dog } = setup();
    // The timer beats from the page's first script; its bundle and first scene take 20 s.
    for (let s = 0; s < 20; s++) {
      if (s < 2) win.beat(1);
      await vi.advanceTimersByTimeAsync(1000);
    }
    expect(dog.phase).toBe('starting');
    expect(reports).toEqual([]);
    win.events.push({ type: 'ready', windowId: 'w', layout: 'one', at: 0 });
    await vi.advanceTimersByTimeAsync(1000);
    expect(dog.phase).toBe('running');
    dog.destroy();
  });

  it('renews the startup grace of a page that beats while it loads, up to LOADING_CAP_MS; a silent one is reloaded after the grace', async () => {
    const { win, reports, dog } = setup();
    const loadedAt = Date.now();
    for (let s = 0; s < 90; s++) {
      win.beat(0);
      await vi.advanceTimersByTimeAsync(1000);
    }
    expect(reports).toEqual([]);
    expect(dog.phase).toBe('starting');
    while (reports.length === 0 && Date.now() - loadedAt < LOADING_CAP_MS + DEFAULT_WATCHDOG_CONFIG.startupGraceMs + 5000) {
      win.beat(0);
      await vi.advanceTimersByTimeAsync(1000);
    }
    expect(reports).toEqual([expect.objectContaining({ kind: 'failure', trouble: 'no-first-heartbeat' })]);
    expect(Date.now() - loadedAt).toBeGreaterThanOrEqual(LOADING_CAP_MS);
    dog.destroy();
  });

  it('catches every crash of the window, each through the crash path', async () => {
    const { win, reports, hooks, dog } = setup();
    for (let i = 1; i <= 2; i++) {
      win.events.push({ type: 'ready', windowId: 'w', layout: 'one', at: 0 });
      await vi.advanceTimersByTimeAsync(1000);
      expect(dog.phase).toBe('running');
      win.crash();
      expect(reports.filter((r) => r.kind === 'failure' && r.trouble === 'crashed')).toHaveLength(i);
      await vi.advanceTimersByTimeAsync(backoffMs(i - 1, DEFAULT_WATCHDOG_CONFIG));
      expect(hooks.reload).toHaveBeenCalledTimes(i);
    }
    expect(reports.some((r) => r.trouble === 'heartbeat-missed')).toBe(false);
    dog.destroy();
  });

  it('gives up after a crash loop: the fallback until the retry, then the wall page again', async () => {
    const config = { ...DEFAULT_WATCHDOG_CONFIG, crashLoopCount: 2 };
    const { win, reports, hooks, dog } = setup(config);
    win.events.push({ type: 'ready', windowId: 'w', layout: 'one', at: 0 });
    await vi.advanceTimersByTimeAsync(1000);
    win.crash();
    await vi.advanceTimersByTimeAsync(config.backoffBaseMs);
    win.events.push({ type: 'ready', windowId: 'w', layout: 'one', at: 0 });
    await vi.advanceTimersByTimeAsync(1000);
    const crashedAt = Date.now();
    win.crash();
    expect(dog.phase).toBe('gave-up');
    expect(reports.at(-1)).toMatchObject({ kind: 'crash-loop', trouble: 'crashed' });
    expect(hooks.giveUp).toHaveBeenCalledWith(reports.at(-1), crashedAt + config.giveUpRetryMs);
    expect(hooks.reload).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(config.giveUpRetryMs - 1000);
    expect(hooks.reload).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(reports.at(-1)).toMatchObject({ kind: 'retry' });
    await vi.advanceTimersByTimeAsync(1); // the retry's reload runs on a 0 ms timer
    expect(hooks.reload).toHaveBeenCalledTimes(2);
    expect(hooks.reload).toHaveBeenLastCalledWith('one');
    dog.destroy();
  });

  it('does nothing after stop', async () => {
    const { win, hooks, dog } = setup();
    dog.destroy();
    win.crash();
    await vi.advanceTimersByTimeAsync(DEFAULT_WATCHDOG_CONFIG.startupGraceMs * 2);
    expect(hooks.reload).not.toHaveBeenCalled();
  });
});
