/**
 * The kiosk's refusals that live in Electron main (docs/security.md "Kiosk-specific"): one instance
 * per PC (a second start leaves at once, the running wall stays as it is) and wall windows that
 * refuse `close` (Alt+F4, the window manager's close button) until the app quits. Run against a
 * stand-in for Electron, as src/main/main.test.ts does; main.ts is imported once per start, with
 * the single-instance lock taken or not.
 */
import { EventEmitter } from 'node:events';
import { rmSync } from 'node:fs';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';

interface FakeWindow extends EventEmitter {
  destroyed: boolean;
  webContents: EventEmitter & { url: string };
}
/** What the stand-in records, shared by every import of main.ts in this file. */
const fake = vi.hoisted(() => ({
  /** What app.requestSingleInstanceLock() answers: false when another wallrun holds the lock. */
  lock: true,
  windows: [] as FakeWindow[],
  dir: '',
  calls: { whenReady: 0, quit: 0, exit: [] as number[] },
  app: null as unknown as EventEmitter,
}));

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { fileURLToPath } = await import('node:url');
  const root = fileURLToPath(new URL('../../', import.meta.url));
  fake.dir ||= mkdtempSync(`${tmpdir()}/wallrun-kiosk-exit-`);
  let nextId = 1;
  class BrowserWindow extends Emitter {
    public destroyed = false;
    public readonly webContents = Object.assign(new Emitter(), {
      id: nextId++,
      url: '',
      isDestroyed: () => this.destroyed,
      setWindowOpenHandler: () => undefined,
      insertCSS: async () => 'css-key',
      removeInsertedCSS: async () => undefined,
      send: () => undefined,
      getURL: () => this.webContents.url,
    });
    public constructor() {
      super();
      fake.windows.push(this as unknown as FakeWindow);
    }
    public async loadURL(url: string): Promise<void> {
      this.webContents.url = url;
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
    protocol: { handle: () => undefined },
    setPermissionRequestHandler: () => undefined,
    setPermissionCheckHandler: () => undefined,
    setDevicePermissionHandler: () => undefined,
    setDisplayMediaRequestHandler: () => undefined,
    on: () => undefined,
    webRequest: { onBeforeRequest: () => undefined, onBeforeRedirect: () => undefined, onHeadersReceived: () => undefined, onErrorOccurred: () => undefined, onBeforeSendHeaders: () => undefined },
  };
  // A fresh app per import of main.ts: each import is another start of wallrun.
  fake.app = Object.assign(new Emitter(), {
    whenReady: async () => void fake.calls.whenReady++,
    getAppPath: () => root,
    getPath: () => fake.dir,
    requestSingleInstanceLock: () => fake.lock,
    quit: () => void fake.calls.quit++,
    exit: (code: number) => void fake.calls.exit.push(code),
  });
  return {
    app: fake.app,
    BrowserWindow,
    Menu: { setApplicationMenu: () => undefined },
    powerSaveBlocker: { start: () => 0 },
    protocol: { registerSchemesAsPrivileged: () => undefined },
    screen: Object.assign(new Emitter(), { getAllDisplays: () => [] }),
    session: { defaultSession: session },
    ipcMain: Object.assign(new Emitter(), { handle: () => undefined, removeHandler: () => undefined }),
  };
});

const output: string[] = [];
/** Starts wallrun: a fresh main.ts (and stand-in Electron) with the lock as given. */
async function startWallrun(lock: boolean): Promise<EventEmitter> {
  fake.lock = lock;
  vi.resetModules();
  await import('./main.js');
  return fake.app;
}
async function until(done: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`still waiting after ${timeoutMs} ms for ${what}; main printed:\n${output.join('')}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
/** The window's 'close' as Alt+F4 or the window manager sends it: whether main refused it. */
function closeRefused(win: FakeWindow): boolean {
  const event = { preventDefault: vi.fn() };
  win.emit('close', event);
  return event.preventDefault.mock.calls.length > 0;
}
const wallWindows = (): FakeWindow[] => fake.windows.filter((w) => !w.destroyed && w.webContents.listenerCount('before-input-event') > 0);

beforeEach(() => {
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => (output.push(String(s)), true));
  // The wall's own displays, without xrandr: node-1's one six-display window.
  vi.stubEnv('WALLRUN_NODE', 'node-1');
  vi.stubEnv('WALLRUN_ASSUME_DISPLAYS', '1');
});
afterAll(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  rmSync(fake.dir, { recursive: true, force: true });
});

describe('one instance per PC', () => {
  it('a second start, while another wallrun holds the lock, quits before opening anything', async () => {
    output.length = 0;
    fake.windows.length = 0;
    fake.calls = { whenReady: 0, quit: 0, exit: [] };
    const app = await startWallrun(false);
    expect(fake.calls.quit).toBe(1);
    expect(fake.calls.whenReady).toBe(0);
    expect(fake.windows).toEqual([]);
    expect(app.listenerCount('second-instance')).toBe(0);
    expect(output.join('')).toContain('wallrun: another wallrun is already running on this PC; leaving\n');
  });

  it('the running wall, told of a refused second start, stays as it is: no quit, its windows kept', async () => {
    output.length = 0;
    fake.windows.length = 0;
    fake.calls = { whenReady: 0, quit: 0, exit: [] };
    const app = await startWallrun(true);
    await until(() => wallWindows().length === 1, "node-1's wall window");
    const [win] = wallWindows();
    app.emit('second-instance', {}, ['/opt/wallrun/wallrun'], '/');
    expect(output.join('')).toContain('wallrun: a second start was refused (single instance)\n');
    expect(fake.calls).toEqual({ whenReady: 1, quit: 0, exit: [] });
    expect(wallWindows()).toEqual([win]);
  });
});

describe('wall windows refuse close until the app quits', () => {
  it('refuses Alt+F4 (the close event) while the wall runs, and lets the windows go once the app quits', async () => {
    output.length = 0;
    fake.windows.length = 0;
    fake.calls = { whenReady: 0, quit: 0, exit: [] };
    const app = await startWallrun(true);
    await until(() => wallWindows().length === 1, "node-1's wall window");
    const [win] = wallWindows();
    // Alt+F4 reaches main as a key and then, from the window manager, as 'close': the key is the page's, the close is refused.
    const key = { preventDefault: vi.fn() };
    win!.webContents.emit('before-input-event', key, { type: 'keyDown', key: 'F4', alt: true, control: false, shift: false });
    expect(closeRefused(win!)).toBe(true);
    expect(closeRefused(win!)).toBe(true); // every time, not once
    expect(win!.destroyed).toBe(false);
    expect(fake.calls.exit).toEqual([]);

    // systemctl stop (SIGTERM) or app.quit(): Electron emits before-quit, then closes every window.
    app.emit('before-quit', { preventDefault: vi.fn() });
    expect(win!.destroyed || !closeRefused(win!)).toBe(true);
  });
});
