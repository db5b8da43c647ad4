import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HOST_IPC } from '../core/page/host-ipc.js';
import { WALL_PAGE_URL } from '../core/kiosk/kiosk-policy.js';

// The real 'electron' package cannot load outside Electron: a fake ipcMain with invoke handlers stands in.
type Handler = (event: unknown, ...args: unknown[]) => Promise<unknown>;
const handlers = new Map<string, Handler>();
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, h: Handler) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, h);
    },
    removeHandler: (channel: string) => handlers.delete(channel),
  },
}));

const { checkCaptureIpc, installPageCapture } = await import('./page-capture.js');

const OURS = 7;
const request = { width: 640, height: 180, quality: 0.9 };

/** A window's webContents as capturePage uses it: a NativeImage stand-in that records the resize and encode. */
function fakeContents(id: number) {
  const calls: string[] = [];
  const image = {
    resize: (o: { width: number; height: number; quality: string }) => {
      calls.push(`resize ${o.width}x${o.height} ${o.quality}`);
      return { getSize: () => ({ width: o.width, height: o.height }), toJPEG: (q: number) => (calls.push(`jpeg ${q}`), Buffer.from('JPEG!')) };
    },
  };
  return { id, calls, capturePage: () => (calls.push('capture'), Promise.resolve(image)) };
}

const invoke = (contents: ReturnType<typeof fakeContents>, args: unknown[], url: string | undefined = WALL_PAGE_URL, parent: object | null = null) =>
  handlers.get(HOST_IPC.capturePage)!({ sender: contents, senderFrame: url === undefined ? null : { url, parent } }, ...args);

describe('page capture in Electron main', () => {
  const log = vi.fn<(m: string) => void>();
  let dispose: () => void;
  beforeEach(() => {
    dispose = installPageCapture({ isOurs: (id) => id === OURS, log });
  });
  afterEach(() => {
    dispose();
    vi.clearAllMocks();
  });

  it("answers our wall page with the window's picture resized to the request, as base64 JPEG", async () => {
    const contents = fakeContents(OURS);
    await expect(invoke(contents, [request])).resolves.toEqual({ data: Buffer.from('JPEG!').toString('base64'), width: 640, height: 180 });
    expect(contents.calls).toEqual(['capture', 'resize 640x180 good', 'jpeg 90']);
    expect(log).not.toHaveBeenCalled();
  });

  it('refuses other windows, subframes, other pages and malformed requests, without capturing', async () => {
    const foreign = fakeContents(99);
    await expect(invoke(foreign, [request])).rejects.toThrow('page capture refused');
    const ours = fakeContents(OURS);
    await expect(invoke(ours, [request], WALL_PAGE_URL, { url: WALL_PAGE_URL })).rejects.toThrow();
    await expect(invoke(ours, [request], 'https://grafana.example/')).rejects.toThrow();
    for (const bad of [[], [request, request], [null], [{ ...request, width: 0 }], [{ ...request, height: 99_999 }], [{ ...request, quality: 2 }], [{ width: 1.5, height: 2, quality: 0.5 }]]) {
      await expect(invoke(ours, bad), JSON.stringify(bad)).rejects.toThrow();
    }
    expect(foreign.calls).toEqual([]);
    expect(ours.calls).toEqual([]);
    expect(log.mock.calls[0]![0]).toMatch(/refused wallrun:capture-page from webContents 99: sender 99 is not one of our windows/);
    expect(log.mock.calls[1]![0]).toMatch(/sender is a subframe/);
    expect(log.mock.calls[2]![0]).toMatch(/not our wall page/);
  });

  it('stops answering on dispose', () => {
    dispose();
    expect(handlers.has(HOST_IPC.capturePage)).toBe(false);
    dispose = () => undefined;
  });

  it('checkCaptureIpc returns the checked request', () => {
    expect(checkCaptureIpc({ webContentsId: OURS, frameUrl: WALL_PAGE_URL, mainFrame: true }, [request], (id) => id === OURS)).toEqual(request);
  });
});
