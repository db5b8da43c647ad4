/**
 * The whole main process (main.ts and everything it wires) against a stand-in for Electron's main
 * API, so start-up, window plan, IPC, app:// serving, lock-down, re-plan, watchdog and exit PIN
 * are exercised without the Electron binary. What only a real Electron can show (real windows,
 * context isolation, the sandbox) is test/e2e/electron.test.ts.
 */
import { EventEmitter } from 'node:events';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { HOST_IPC } from '../core/page/host-ipc.js';
import { checkPageConfig, type WallPageConfig } from '../core/page/host-api.js';
import { WALL_PAGE_URL } from '../core/kiosk/kiosk-policy.js';
import { makePinHash, OPERATOR_EXIT_CODE } from '../core/kiosk/exit-pin.js';
import { DEFAULT_WATCHDOG_CONFIG } from '../core/kiosk/watchdog-rules.js';
import { xrandrVerbose } from '../../test/support/xrandr-fixtures.js';
import { buildRenderer } from '../shell/build-renderer.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

interface FakeContents extends EventEmitter {
  id: number;
  url: string;
  openHandler?: (d: { url: string }) => { action: string };
  forcefullyCrashRenderer: ReturnType<typeof vi.fn>;
}
interface FakeWindow extends EventEmitter {
  options: { x: number; y: number; width: number; height: number; webPreferences: Record<string, unknown> };
  webContents: FakeContents;
  destroyed: boolean;
}
interface Fake {
  windows: FakeWindow[];
  /** Electron's userData and appData: displays.json lands here. */
  dir: string;
  displays: { id: number; label: string; bounds: { x: number; y: number; width: number; height: number }; rotation: number; scaleFactor: number }[];
  protocolHandler?: (r: Request) => Promise<Response>;
  permissionRequest?: (wc: unknown, p: string, cb: (ok: boolean) => void, d: { requestingUrl?: string }) => void;
  beforeRequest?: (d: { url: string; resourceType: string }, cb: (r: { cancel: boolean }) => void) => void;
  exit: ReturnType<typeof vi.fn>;
  ipcMain: EventEmitter & { handlers: Map<string, unknown> };
  screen: EventEmitter;
}

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  const { mkdtempSync: tempDir } = await import('node:fs');
  const { tmpdir: tmp } = await import('node:os');
  let nextId = 1;
  const fake = {
    dir: tempDir(`${tmp()}/wallrun-main-`),
    windows: [] as unknown[],
    // As Chromium on X11 labels them: by monitor model. The connectors come from xrandr.
    displays: [1, 2, 3, 4, 5, 6].map((c) => ({ id: 100 + c, label: 'SAMSUNG UH55F', bounds: { x: (c - 1) * 1920, y: 0, width: 1920, height: 1080 }, rotation: 0, scaleFactor: 1 })),
    exit: vi.fn(),
    // Invoke handlers (the page capture) are kept by channel.
    ipcMain: Object.assign(new Emitter(), {
      handlers: new Map<string, unknown>(),
      handle(this: { handlers: Map<string, unknown> }, channel: string, h: unknown) {
        this.handlers.set(channel, h);
      },
      removeHandler(this: { handlers: Map<string, unknown> }, channel: string) {
        this.handlers.delete(channel);
      },
    }),
    screen: Object.assign(new Emitter(), { getAllDisplays: () => fake.displays }),
  } as unknown as Fake & { screen: EventEmitter & { getAllDisplays(): unknown } };
  class BrowserWindow extends Emitter {
    public destroyed = false;
    public readonly webContents: FakeContents;
    public constructor(public readonly options: FakeWindow['options']) {
      super();
      const wc = Object.assign(new Emitter(), {
        id: nextId++,
        url: '',
        forcefullyCrashRenderer: vi.fn(),
        isDestroyed: () => this.destroyed,
        setWindowOpenHandler: (h: FakeContents['openHandler']) => (wc.openHandler = h),
        insertCSS: async () => 'css-key',
        removeInsertedCSS: async () => undefined,
        send: vi.fn(),
        getURL: () => wc.url,
      }) as unknown as FakeContents;
      this.webContents = wc;
      fake.windows.push(this as unknown as FakeWindow);
    }
    public async loadURL(url: string): Promise<void> {
      this.webContents.url = url;
      this.webContents.emit('did-start-navigation', { url, isMainFrame: true, isSameDocument: false });
    }
    public isDestroyed(): boolean {
      return this.destroyed;
    }
    public destroy(): void {
      this.destroyed = true;
    }
    public setBounds(): void {}
    public show(): void {}
    public setAlwaysOnTop(): void {}
  }
  const session = {
    protocol: { handle: (_s: string, h: Fake['protocolHandler']) => (fake.protocolHandler = h) },
    setPermissionRequestHandler: (h: Fake['permissionRequest']) => (fake.permissionRequest = h),
    setPermissionCheckHandler: () => undefined,
    setDevicePermissionHandler: () => undefined,
    setDisplayMediaRequestHandler: () => undefined,
    on: () => undefined,
    webRequest: {
      onBeforeRequest: (h: Fake['beforeRequest']) => (fake.beforeRequest = h),
      // Web tiles' frames and sign-ins (src/main/web-frames.test.ts checks those on their own).
      onBeforeRedirect: vi.fn(),
      onHeadersReceived: vi.fn(),
      onErrorOccurred: vi.fn(),
      onBeforeSendHeaders: vi.fn(),
    },
  };
  const app = Object.assign(new Emitter(), {
    whenReady: async () => undefined,
    getAppPath: () => ROOT,
    getPath: () => fake.dir,
    requestSingleInstanceLock: () => true,
    // A GPU-less PC: Chromium composites in software (the page config's `compositing`).
    getGPUFeatureStatus: () => ({ gpu_compositing: 'disabled_software', webgl: 'enabled' }),
    quit: vi.fn(),
    exit: fake.exit,
  });
  return {
    __fake: fake,
    app,
    BrowserWindow,
    Menu: { setApplicationMenu: vi.fn() },
    powerSaveBlocker: { start: vi.fn() },
    protocol: { registerSchemesAsPrivileged: vi.fn() },
    screen: fake.screen,
    session: { defaultSession: session },
    ipcMain: fake.ipcMain,
  };
});

const PIN_HASH = makePinHash('2468', 'test');
let fake: Fake;
const output: string[] = [];
/**
 * Resolves once `done()` holds, checking every 10 ms; fails naming `what` after `timeoutMs`. The
 * main process works on its own time (xrandr runs, debounced re-plans), so tests wait on the state
 * they need, never on a fixed sleep: on two loaded CI cores any sleep is sometimes too short.
 */
async function until(done: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`still waiting after ${timeoutMs} ms for ${what}; main printed:\n${output.join('')}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
/** A stand-in xrandr that prints xrandr.txt beside it: DP-1…DP-6 side by side, minus `except`. */
const xrandrDir = mkdtempSync(join(tmpdir(), 'wallrun-xrandr-'));
const setXrandr = (except: number[] = []): void =>
  writeFileSync(
    join(xrandrDir, 'xrandr.txt'),
    xrandrVerbose([1, 2, 3, 4, 5, 6].filter((c) => !except.includes(c)).map((c) => ({ name: `DP-${c}`, geo: `1920x1080+${(c - 1) * 1920}+0`, serialNumber: c }))),
  );
const live = () => fake.windows.filter((w) => !w.destroyed && w.webContents.listenerCount('before-input-event') > 0);
const getConfig = (w: FakeWindow, url = WALL_PAGE_URL): WallPageConfig | null => {
  const event = { sender: { id: w.webContents.id }, senderFrame: { url, parent: null }, returnValue: undefined as unknown };
  fake.ipcMain.emit(HOST_IPC.getConfig, event);
  return event.returnValue as WallPageConfig | null;
};

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'dist/renderer/wall.js'))) await buildRenderer();
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => (output.push(String(s)), true));
  process.env.WALLRUN_NODE = 'node-1';
  process.env.WALLRUN_EXIT_PIN_HASH = PIN_HASH;
  setXrandr();
  writeFileSync(join(xrandrDir, 'xrandr'), '#!/bin/sh\ncat "$(dirname "$0")/xrandr.txt"\n');
  chmodSync(join(xrandrDir, 'xrandr'), 0o755);
  process.env.WALLRUN_XRANDR = join(xrandrDir, 'xrandr');
  fake = ((await import('electron')) as unknown as { __fake: Fake }).__fake;
  await import('./main.js');
  // The first plan is done when its window loads our page (the displays are named and saved before).
  await until(() => live().some((w) => w.webContents.url === WALL_PAGE_URL), 'the first window to load the wall page');
});
afterAll(() => {
  vi.restoreAllMocks();
  delete process.env.WALLRUN_NODE;
  delete process.env.WALLRUN_EXIT_PIN_HASH;
  delete process.env.WALLRUN_XRANDR;
  for (const dir of [xrandrDir, fake.dir]) rmSync(dir, { recursive: true, force: true });
});

describe('Electron main against a stand-in Electron', () => {
  it('opens one locked-down window per planned window, on its bounds, loading our page', () => {
    expect(live()).toHaveLength(1); // node-1 spans its six displays: one window
    const [w] = live();
    expect(w!.options).toMatchObject({ x: 0, y: 0, width: 6 * 1920, height: 1080, frame: false, kiosk: false, alwaysOnTop: true });
    expect(w!.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false, spellcheck: false });
    expect(w!.options.webPreferences.preload).toBe(join(ROOT, 'dist/electron/preload.cjs'));
    expect(w!.webContents.url).toBe(WALL_PAGE_URL);
  });

  it('names the displays by connector and EDID from xrandr, and saves them so for `wallrun displays --from`', () => {
    expect(output.join('')).toContain('wallrun: connector names from ' + join(xrandrDir, 'xrandr') + ' --verbose: 6 of 6 displays named\n');
    const saved = JSON.parse(readFileSync(join(fake.dir, 'displays.json'), 'utf8'));
    expect(saved[2]).toEqual({ id: 103, label: 'DP-3', edidName: 'SAMSUNG UH55F', serial: '0x0003', bounds: { x: 3840, y: 0, width: 1920, height: 1080 }, rotation: 0, scaleFactor: 1 });
  });

  it('hands our page a valid config over IPC, and nobody else', () => {
    const [w] = live();
    const config = getConfig(w!);
    expect(checkPageConfig(config)).toEqual([]);
    expect(config).toMatchObject({ initialLayout: 'overview', window: { id: 'node-1/w0' }, assetBase: 'app://wall/assets/', compositing: 'software' });
    const foreignFrame = { sender: { id: w!.webContents.id }, senderFrame: { url: 'https://example.com/', parent: null } };
    fake.ipcMain.emit(HOST_IPC.event, foreignFrame, { type: 'ready', windowId: 'x', layout: 'y', at: 1 });
    expect(output.join('')).toMatch(/dropped wallrun:event .*not our wall page/);
    expect(getConfig({ ...w!, webContents: { ...w!.webContents, id: 999 } } as FakeWindow)).toBeNull();
  });

  it("answers page captures (the thumbnails' picture with web tiles) from our windows only", async () => {
    const [w] = live();
    const capture = fake.ipcMain.handlers.get(HOST_IPC.capturePage) as (e: unknown, ...a: unknown[]) => Promise<unknown>;
    expect(typeof capture).toBe('function');
    const request = { width: 320, height: 180, quality: 0.8 };
    await expect(capture({ sender: { id: 999 }, senderFrame: { url: WALL_PAGE_URL, parent: null } }, request)).rejects.toThrow('page capture refused');
    await expect(capture({ sender: w!.webContents, senderFrame: { url: 'https://example.com/', parent: null } }, request)).rejects.toThrow('page capture refused');
    expect(output.join('')).toMatch(/refused wallrun:capture-page from webContents 999: sender 999 is not one of our windows/);
  });

  it('serves app:// from dist/renderer and assets/ with the CSP, and nothing outside them', async () => {
    const index = await fake.protocolHandler!(new Request('app://wall/index.html'));
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    // Narrowed to the project's hub and cameras: not any http(s)/ws(s) server, as the <meta> allows.
    expect(index.headers.get('content-security-policy')).toMatch(/connect-src 'self' blob: data:(?! http:)/);
    expect(await index.text()).toContain('wall.js');
    expect((await fake.protocolHandler!(new Request('app://wall/wall.js'))).headers.get('content-type')).toMatch(/javascript/);
    expect((await fake.protocolHandler!(new Request('app://wall/../package.json'))).status).toBe(404);
    expect((await fake.protocolHandler!(new Request('app://wall/assets/%2e%2e/wall.yaml'))).status).toBe(404);
  });

  it('blocks navigation away, new windows, remote code and permissions', () => {
    const [w] = live();
    const nav = { url: 'https://example.com/', preventDefault: vi.fn() };
    w!.webContents.emit('will-navigate', nav);
    expect(nav.preventDefault).toHaveBeenCalled();
    const reload = { url: WALL_PAGE_URL, preventDefault: vi.fn() };
    w!.webContents.emit('will-navigate', reload);
    expect(reload.preventDefault).not.toHaveBeenCalled();
    expect(w!.webContents.openHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    const answers: boolean[] = [];
    fake.permissionRequest!(w!.webContents, 'media', (ok) => answers.push(ok), { requestingUrl: WALL_PAGE_URL });
    fake.beforeRequest!({ url: 'https://cdn.example.com/x.js', resourceType: 'script' }, ({ cancel }) => answers.push(!cancel));
    fake.beforeRequest!({ url: 'wss://hub.local/socket.io/', resourceType: 'webSocket' }, ({ cancel }) => answers.push(!cancel));
    expect(answers).toEqual([false, false, true]);
  });

  it('re-plans when a display goes away, naming the missing screen', async () => {
    const before = live()[0]!;
    fake.displays = fake.displays.filter((d) => d.bounds.x !== 3840);
    setXrandr([3]);
    fake.screen.emit('display-removed');
    // After the 500 ms debounce and xrandr, the re-plan closes the old window first, then opens the new ones in the same step.
    await until(() => before.destroyed, 'the re-plan to close the six-display window');
    expect(before.destroyed).toBe(true);
    expect(live().map((w) => [w.options.x, w.options.width])).toEqual([[0, 3840], [5760, 5760]]);
    expect(output.join('')).toContain('wallrun: screen r1c3 (node-1, connector DP-3): no display with connector DP-3 — connected: DP-1, DP-2, DP-4, DP-5, DP-6\n');
  });

  it('reloads a crashed page after the first backoff step, on the layout it showed, telling it the crash for the hub', async () => {
    const [w] = live();
    const ours = { sender: { id: w!.webContents.id }, senderFrame: { url: WALL_PAGE_URL, parent: null } };
    fake.ipcMain.emit(HOST_IPC.event, ours, { type: 'layoutSwitched', from: 'overview', to: 'flood', at: 1, frame: 2 });
    expect(getConfig(w!)).not.toHaveProperty('watchdog');
    w!.webContents.url = 'about:blank';
    // The watchdog's reload timer is what is waited on: run it on a fake clock, exactly one backoff step.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      w!.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 11 });
      vi.advanceTimersByTime(DEFAULT_WATCHDOG_CONFIG.backoffBaseMs - 1);
      expect(w!.webContents.url).toBe('about:blank');
      vi.advanceTimersByTime(1);
    } finally {
      vi.useRealTimers();
    }
    expect(w!.webContents.url).toBe(WALL_PAGE_URL);
    expect(output.join('')).toMatch(/watchdog .*"trouble":"crashed"/);
    const config = getConfig(w!);
    expect(checkPageConfig(config)).toEqual([]);
    expect(config).toMatchObject({ initialLayout: 'flood', watchdog: { recoveries: 1, last: { trouble: 'crashed' } } });
  });

  it('exits only with the PIN', () => {
    const [w] = live();
    const press = (key: string, mods: Partial<Record<'control' | 'alt' | 'shift', boolean>> = {}) => {
      const event = { preventDefault: vi.fn() };
      w!.webContents.emit('before-input-event', event, { type: 'keyDown', key, control: false, alt: false, shift: false, ...mods });
      return event.preventDefault.mock.calls.length > 0;
    };
    expect(press('F2')).toBe(false); // layout hotkeys still reach the page
    expect(press('q', { control: true, alt: true, shift: true })).toBe(true);
    for (const k of ['1', '1', '1', '1', 'Enter']) press(k);
    expect(fake.exit).not.toHaveBeenCalled();
    press('q', { control: true, alt: true, shift: true });
    for (const k of ['2', '4', '6', '8', 'Enter']) press(k);
    expect(fake.exit).toHaveBeenCalledWith(OPERATOR_EXIT_CODE);
  });
});
