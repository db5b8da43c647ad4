import type { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HOST_IPC } from '../core/page/host-ipc.js';
import type { PageEvent } from '../core/page/host-messages.js';
import type { WallPageConfig } from '../core/page/host-api.js';
import { WALL_PAGE_URL } from '../core/kiosk/kiosk-policy.js';

// The real 'electron' package cannot load outside Electron: a fake ipcMain stands in.
vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  return { ipcMain: new Emitter() };
});

const fakeIpcMain = (await import('electron')).ipcMain as unknown as EventEmitter;
const { checkIpc, installIpc } = await import('./ipc.js');

const OURS = 7;
const ready: PageEvent = { type: 'ready', windowId: 'node-1/w0', layout: 'overview', at: 1 };
const config = { initialLayout: 'overview' } as WallPageConfig;

/** An IpcMainEvent as Electron builds it, reduced to what the guard reads. */
function fakeEvent(webContentsId: number, url: string | null = WALL_PAGE_URL, parent: object | null = null): { sender: { id: number }; senderFrame: unknown; returnValue?: unknown } {
  return { sender: { id: webContentsId }, senderFrame: url === null ? null : { url, parent } };
}

describe('checkIpc (the guard)', () => {
  const ours = (id: number) => id === OURS;
  const main = { webContentsId: OURS, frameUrl: WALL_PAGE_URL, mainFrame: true };

  it('accepts our page on known channels with well-formed payloads', () => {
    expect(checkIpc(HOST_IPC.getConfig, main, [], ours)).toEqual({ ok: true, channel: HOST_IPC.getConfig });
    expect(checkIpc(HOST_IPC.event, main, [ready], ours)).toEqual({ ok: true, channel: HOST_IPC.event, event: ready });
    expect(checkIpc(HOST_IPC.heartbeat, main, [{ frames: 60 }], ours)).toEqual({ ok: true, channel: HOST_IPC.heartbeat, heartbeat: { frames: 60 } });
  });

  it('refuses unknown channels, foreign senders, subframes and other pages', () => {
    expect(checkIpc('wallrun:exec', main, [], ours)).toMatchObject({ ok: false, reason: expect.stringContaining('unknown channel') });
    expect(checkIpc(HOST_IPC.command, main, [{}], ours)).toMatchObject({ ok: false, reason: expect.stringContaining('unknown channel') });
    expect(checkIpc(HOST_IPC.event, { ...main, webContentsId: 8 }, [ready], ours)).toMatchObject({ ok: false, reason: expect.stringContaining('not one of our windows') });
    expect(checkIpc(HOST_IPC.event, { ...main, mainFrame: false }, [ready], ours)).toMatchObject({ ok: false, reason: 'sender is a subframe' });
    for (const frameUrl of ['https://example.com/', 'data:text/html,x', undefined]) {
      expect(checkIpc(HOST_IPC.event, { ...main, frameUrl }, [ready], ours)).toMatchObject({ ok: false, reason: expect.stringContaining('not our wall page') });
      expect(checkIpc(HOST_IPC.heartbeat, { ...main, frameUrl }, [{ frames: 1 }], ours).ok).toBe(false);
    }
    expect(checkIpc(HOST_IPC.getConfig, { ...main, webContentsId: 8 }, [], ours).ok).toBe(false);
    expect(checkIpc(HOST_IPC.getConfig, { ...main, mainFrame: false }, [], ours).ok).toBe(false);
  });

  it('answers get-config from our window even while its frame still reads as the previous document', () => {
    // Electron may report the pre-navigation frame (or none) while the preload runs (electron/electron#33575).
    expect(checkIpc(HOST_IPC.getConfig, { ...main, frameUrl: 'about:blank' }, [], ours).ok).toBe(true);
    expect(checkIpc(HOST_IPC.getConfig, { ...main, frameUrl: undefined, mainFrame: false }, [], ours).ok).toBe(true);
  });

  it('refuses payloads that are not the host-api shapes', () => {
    const bad: unknown[][] = [
      [],
      [ready, ready],
      [null],
      ['ready'],
      [{ type: 'exec', cmd: 'rm -rf /' }],
      [{ type: 'ready', windowId: 1, layout: 'x', at: 1 }],
      [{ type: 'error', code: 'nope', message: 'x' }],
      [{ type: 'error', code: 'uncaught', message: 'x'.repeat(5000) }],
      [{ type: 'fps', fps: Number.NaN, frame: 1 }],
    ];
    for (const args of bad) expect(checkIpc(HOST_IPC.event, main, args, ours).ok, JSON.stringify(args)).toBe(false);
    for (const hb of [null, {}, { frames: -1 }, { frames: '60' }, { frames: 1, extra: true }]) {
      expect(checkIpc(HOST_IPC.heartbeat, main, [hb], ours).ok, JSON.stringify(hb)).toBe(false);
    }
    expect(checkIpc(HOST_IPC.getConfig, main, ['please'], ours).ok).toBe(false);
  });
});

describe('installIpc with a fake ipcMain', () => {
  const log = vi.fn<(m: string) => void>();
  const onEvent = vi.fn<(id: number, e: PageEvent) => void>();
  const onHeartbeat = vi.fn();
  let dispose: () => void;

  beforeEach(() => {
    dispose = installIpc({ isOurs: (id) => id === OURS, getConfig: () => config, onEvent, onHeartbeat, log });
  });
  afterEach(() => {
    dispose();
    vi.clearAllMocks();
  });

  it('passes messages from our window to main', () => {
    const sync = fakeEvent(OURS);
    fakeIpcMain.emit(HOST_IPC.getConfig, sync);
    expect(sync.returnValue).toBe(config);
    fakeIpcMain.emit(HOST_IPC.event, fakeEvent(OURS), ready);
    fakeIpcMain.emit(HOST_IPC.heartbeat, fakeEvent(OURS), { frames: 58 });
    expect(onEvent).toHaveBeenCalledWith(OURS, ready);
    expect(onHeartbeat).toHaveBeenCalledWith(OURS, { frames: 58 });
    expect(log).not.toHaveBeenCalled();
  });

  it('logs and drops the rest, and never leaves a synchronous sender waiting', () => {
    const foreign = fakeEvent(99);
    fakeIpcMain.emit(HOST_IPC.getConfig, foreign);
    expect(foreign.returnValue).toBeNull();
    const sub = fakeEvent(OURS, WALL_PAGE_URL, { url: WALL_PAGE_URL });
    fakeIpcMain.emit(HOST_IPC.getConfig, sub);
    expect(sub.returnValue).toBeNull();
    fakeIpcMain.emit(HOST_IPC.event, fakeEvent(OURS, WALL_PAGE_URL, { url: WALL_PAGE_URL }), ready);
    fakeIpcMain.emit(HOST_IPC.event, fakeEvent(OURS), { type: 'ready' });
    fakeIpcMain.emit(HOST_IPC.heartbeat, fakeEvent(99), { frames: 1 });
    expect(onEvent).not.toHaveBeenCalled();
    expect(onHeartbeat).not.toHaveBeenCalled();
    expect(log.mock.calls.map(([m]) => m)).toEqual([
      expect.stringMatching(/dropped wallrun:get-config from webContents 99: .*not one of our windows/),
      expect.stringMatching(/dropped wallrun:get-config from webContents 7: sender is a subframe/),
      expect.stringMatching(/dropped wallrun:event .*subframe/),
      expect.stringMatching(/dropped wallrun:event .*bad event: windowId/),
      expect.stringMatching(/dropped wallrun:heartbeat from webContents 99/),
    ]);
  });

  it('registers only the inbound channels and removes them on dispose', () => {
    expect(fakeIpcMain.eventNames().sort()).toEqual([HOST_IPC.event, HOST_IPC.getConfig, HOST_IPC.heartbeat].sort());
    dispose();
    expect(fakeIpcMain.eventNames()).toEqual([]);
    dispose = () => undefined;
  });
});
