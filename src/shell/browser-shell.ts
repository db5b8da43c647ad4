/**
 * The browser shell: the wall page in headless (or headed) system Chromium via playwright-core,
 * one browser context and page per planned window. A context each, because Chromium throttles
 * every page of a context but the focused one; with the flags below no window is backgrounded.
 * Used by the tests, `wallrun render` and the demo.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, ConsoleMessage, Page } from 'playwright-core';
import type { HostCommand, PageEvent, WallPageConfig } from '../core/host-api.js';
import { reviewWindow } from '../core/host-api.js';
import { DEFAULT_CHROMIUM, PACKAGE_ROOT, RENDERER_DIST } from './paths.js';
import { startStaticServer, type StaticServer } from './static-server.js';
import { wallPageCsp } from '../core/kiosk-policy.js';
import { WallWindow } from './wall-window.js';
import { BrowserWatchdog } from './browser-watchdog.js';
import { DEFAULT_WATCHDOG_CONFIG, type WatchdogConfig, type WatchdogReport } from '../core/watchdog-rules.js';

export { WallWindow };

export class ChromiumMissingError extends Error {
  public constructor(path: string) {
    super(
      `Chromium not found at ${path}. Install it (Debian/Ubuntu: apt-get install chromium) or set WALLRUN_CHROMIUM to its path.`,
    );
  }
}

export interface BrowserShellOptions {
  chromiumPath?: string;
  headless?: boolean;
  /** 'swiftshader' (default: deterministic, works without a GPU) or 'gpu' (the machine's GPU). */
  gl?: 'swiftshader' | 'gpu';
  /** Folder of the built page (default dist/renderer). */
  rendererDir?: string;
  /** Folder served at /assets/ (default <package>/assets). */
  assetsDir?: string;
  /**
   * Let playwright close Chromium on SIGINT/SIGTERM/SIGHUP (default true; on SIGINT it then exits
   * the process with 130). False for callers that stop everything themselves (`wallrun demo`).
   */
  handleSignals?: boolean;
}

/** Flags every wall Chromium gets (no throttling of background windows, no first-run UI). */
export const COMMON_FLAGS = [
  '--disable-renderer-backgrounding',
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--autoplay-policy=no-user-gesture-required',
];
/** WebGL2 through ANGLE on SwiftShader: verified to give a WebGL2 context in headless Chromium. */
export const SWIFTSHADER_FLAGS = ['--use-gl=angle', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'];

export class BrowserShell {
  private readonly windows = new Set<WallWindow>();

  private constructor(
    private readonly browser: Browser,
    private readonly server: StaticServer,
    private readonly pageCsp: Map<string, string>,
  ) {}

  /** Starts the page server and Chromium; throws ChromiumMissingError when there is none. */
  public static async launch(options: BrowserShellOptions = {}): Promise<BrowserShell> {
    const executablePath = options.chromiumPath ?? process.env.WALLRUN_CHROMIUM ?? DEFAULT_CHROMIUM;
    if (!existsSync(executablePath)) throw new ChromiumMissingError(executablePath);
    const rendererDir = options.rendererDir ?? RENDERER_DIST;
    if (!existsSync(join(rendererDir, 'wall.js'))) {
      throw new Error(`the wall page is not built (${rendererDir}); run npm run build:renderer`);
    }
    const { chromium } = await import('playwright-core');
    const gl = options.gl ?? (process.env.WALLRUN_GL === 'gpu' ? 'gpu' : 'swiftshader');
    // Each window's page is index.html?w=<key>, served with that window's CSP (wallPageCsp):
    // narrower than the page's <meta> policy, it names the window's hub and cameras only.
    const pageCsp = new Map<string, string>();
    const server = await startStaticServer(
      {
        '/': rendererDir,
        '/assets/': options.assetsDir ?? join(PACKAGE_ROOT, 'assets'),
      },
      {
        htmlHeaders: (_path, query) => {
          const csp = pageCsp.get(query.get('w') ?? '');
          return csp ? { 'content-security-policy': csp } : undefined;
        },
      },
    );
    try {
      const browser = await chromium.launch({
        executablePath,
        headless: options.headless ?? true,
        ...(options.handleSignals === false ? { handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false } : {}),
        args: [...COMMON_FLAGS, ...(gl === 'swiftshader' ? SWIFTSHADER_FLAGS : [])],
      });
      return new BrowserShell(browser, server, pageCsp);
    } catch (err) {
      await server.close();
      throw err;
    }
  }

  /** Calls `listener` once if Chromium goes away (crashed, killed, or closed). */
  public onDisconnected(listener: () => void): void {
    this.browser.once('disconnected', listener);
  }

  public get baseUrl(): string {
    return this.server.url;
  }

  /**
   * Opens one window's page in its own context, sized to its bounds × scale; resolves once loaded.
   * `watchdog`: reload the page when it crashes or its fps events stop (browser-watchdog.ts). A
   * reloaded page starts on the layout it last showed: installHost keeps the last `layoutSwitched`
   * in the tab's sessionStorage, which outlives the renderer, and getConfig() starts there.
   */
  public async openWindow(config: WallPageConfig, options: OpenWindowOptions = {}): Promise<WallWindow> {
    const win = config.review ? reviewWindow(config.wall) : config.window;
    const viewport = {
      width: Math.max(1, Math.round(win.bounds.width * config.scale)),
      height: Math.max(1, Math.round(win.bounds.height * config.scale)),
    };
    const context: BrowserContext = await this.browser.newContext({ viewport, deviceScaleFactor: 1 });
    const page: Page = await context.newPage();
    const wallWindow = new WallWindow(context, page, viewport);
    await page.exposeFunction('__wallrunEvent', (e: PageEvent) => wallWindow.onEvent(e));
    const full = withDefaultBases(config, this.server.url);
    await page.addInitScript(installHost, JSON.stringify(full));
    const key = `w${this.pageCsp.size + 1}`;
    this.pageCsp.set(key, wallPageCsp(full));
    page.on('console', (m: ConsoleMessage) => wallWindow.onConsole(m.type(), m.text()));
    page.on('pageerror', (e) => wallWindow.onPageError(e));
    page.on('response', (r) => {
      if (r.status() >= 400) wallWindow.onConsole('error', `HTTP ${r.status()} ${r.url()}`);
    });
    this.windows.add(wallWindow);
    if (options.watchdog) {
      const rules = { ...DEFAULT_WATCHDOG_CONFIG, ...(options.watchdog === true ? {} : options.watchdog) };
      // Through CDP: once a page crashed, playwright's own page calls (reload, addInitScript) never
      // settle and its exposed functions no longer deliver, so the watched page reloads and sends
      // its events through a CDP binding of its own (installHost prefers it). Console lines and
      // page.evaluate are playwright's and end with the crash.
      const cdp = await context.newCDPSession(page);
      cdp.on('Runtime.bindingCalled', (b) => {
        if (b.name === CDP_EVENT_BINDING) wallWindow.onEvent(JSON.parse(b.payload) as PageEvent);
      });
      await cdp.send('Runtime.enable');
      await cdp.send('Runtime.addBinding', { name: CDP_EVENT_BINDING });
      wallWindow.watchdog = new BrowserWatchdog(wallWindow, {
        reload: () => cdp.send('Page.reload'),
        kill: () => cdp.send('Page.crash'),
        ...(options.onWatchdogReport ? { report: options.onWatchdogReport } : {}),
      }, rules).start();
    }
    await page.goto(`${this.server.url}index.html?w=${key}`);
    return wallWindow;
  }

  public async close(): Promise<void> {
    await Promise.allSettled([...this.windows].map((w) => w.close()));
    this.windows.clear();
    await this.browser.close().catch(() => undefined);
    await this.server.close();
  }
}

/** The watched page's event binding (CDP's Runtime.addBinding; installHost names it too). */
const CDP_EVENT_BINDING = '__wallrunCdpEvent';

export interface OpenWindowOptions {
  /** Watch the page (true: the default rules; an object: rules overridden). */
  watchdog?: boolean | Partial<WatchdogConfig>;
  onWatchdogReport?: (report: WatchdogReport) => void;
}

/** Relative asset and camera sources resolve against the shell's page server unless given. */
export function withDefaultBases(config: WallPageConfig, base: string): WallPageConfig {
  return {
    ...config,
    assetBase: config.assetBase || `${base}assets/`,
    cameraBase: config.cameraBase || `${base}assets/`,
  };
}

/**
 * Runs in the page before its own script (serialised by playwright, so self-contained): installs
 * `window.wallrunHost` backed by the exposed `__wallrunEvent` binding, and `__wallrunCommand` for
 * the shell to push HostCommands in. The layout of the last `layoutSwitched` is kept in the tab's
 * sessionStorage and becomes the config's initialLayout when the page is reloaded (a crashed
 * page's init scripts cannot be replaced: playwright's addInitScript never settles on it).
 */
export function installHost(configJson: string): void {
  const listeners = new Set<(c: HostCommand) => void>();
  const w = globalThis as unknown as Record<string, unknown>;
  type SessionStore = { getItem(k: string): string | null; setItem(k: string, v: string): void };
  w.__wallrunCommand = (cmd: HostCommand) => {
    for (const l of listeners) l(cmd);
  };
  w.wallrunHost = Object.freeze({
    getConfig: () => {
      const config = JSON.parse(configJson) as WallPageConfig;
      // After a reload (the watchdog's, after a crash or hang) start on the layout last shown.
      let last: string | null = null;
      try {
        last = (w.sessionStorage as SessionStore).getItem('wallrun:layout');
      } catch {
        // No storage (opaque origin): the config's layout.
      }
      if (last !== null && Array.isArray(config.layouts) && config.layouts.some((l) => l.id === last)) config.initialLayout = last;
      return config;
    },
    emit: (e: PageEvent) => {
      if (e.type === 'layoutSwitched') {
        try {
          (w.sessionStorage as SessionStore).setItem('wallrun:layout', e.to);
        } catch {
          // As above.
        }
      }
      const cdpEvent = w.__wallrunCdpEvent;
      if (typeof cdpEvent === 'function') {
        (cdpEvent as (payload: string) => void)(JSON.stringify(e));
        return;
      }
      void (w.__wallrunEvent as (e: PageEvent) => Promise<void>)(e);
    },
    onCommand: (l: (c: HostCommand) => void) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  });
}
