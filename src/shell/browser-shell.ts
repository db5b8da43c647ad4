/**
 * The browser shell: the wall page in headless (or headed) system Chromium via playwright-core,
 * one browser context and page per planned window. A context each, because Chromium throttles
 * every page of a context but the focused one; with the flags below no window is backgrounded.
 * Used by the tests, `wallrun render` and the demo.
 */
import { FRAME_PROBE, type FrameProbeTimings } from '../core/kiosk/frame-hang.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { WallPageConfig } from '../core/page/host-api.js';
import { reviewWindow } from '../core/page/host-api.js';
import { compositingFromFeatureStatus, type Compositing } from '../core/page/compositing.js';
import { PACKAGE_ROOT, RENDERER_DIST } from './paths.js';
import { findChromium } from './find-shell.js';
import { startStaticServer, type StaticServer } from './static-server.js';
import { pageOrigins, wallPageCsp } from '../core/kiosk/page-csp.js';
import { WallWindow } from './wall-window.js';
import { browserSignInPlan, declaredWebOrigins, routeWebOrigins } from './web-frames.js';
import { hubPinFlags, type ShellHubTrust } from './hub-pin.js';
import { BrowserWatchdog } from './browser-watchdog.js';
import { loadWallPage, withDefaultBases } from './wall-page.js';
import { WindowRecovery } from './window-recovery.js';
import { DEFAULT_WATCHDOG_CONFIG, type WatchdogConfig, type WatchdogReport } from '../core/kiosk/watchdog-rules.js';

export { WallWindow };

export class ChromiumMissingError extends Error {
  /** `reason`: why findChromium found none (it names the paths it looked at). */
  public constructor(reason: string) {
    super(
      `Chromium not found: ${reason}. Install it (Debian/Ubuntu: apt-get install chromium) or set WALLRUN_CHROMIUM to its path.`,
    );
  }
}

/** Chromium as findChromium finds it (WALLRUN_CHROMIUM, the default path, then PATH), or a ChromiumMissingError. */
export function chromiumOrThrow(): string {
  const found = findChromium();
  if ('reason' in found) throw new ChromiumMissingError(found.reason);
  return found.path;
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
  /** The hub the pages connect to and how it is trusted (hub-pin.ts); absent: Chromium's own trust. */
  hubTrust?: ShellHubTrust;
  /**
   * The node's web-credentials.json (web tiles' sign-ins; default WALLRUN_WEB_CREDENTIALS, else
   * beside the node's config), read when a window's wall declares `web.credentials`.
   */
  webCredentials?: string;
  /**
   * How often web tiles' frames are probed for a hung renderer and how long each may take
   * (default FRAME_PROBE: every 15 s, 5 s, 2 misses in a row; tests shorten it).
   */
  webProbe?: Partial<FrameProbeTimings>;
  /** Where the shell's own notes go (a refused credentials file); default stderr. */
  log?: (line: string) => void;
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
  private destroying: Promise<void> | null = null;

  private constructor(
    private readonly browser: Browser,
    private readonly server: StaticServer,
    private readonly pageCsp: Map<string, string>,
    private readonly options: BrowserShellOptions,
    /** How this Chromium composites (its GPU feature status); every page's config says it. Undefined: unknown. */
    public readonly compositing: Compositing | undefined,
  ) {}

  /** Starts the page server and Chromium; throws ChromiumMissingError when there is none. */
  public static async launch(options: BrowserShellOptions = {}): Promise<BrowserShell> {
    const executablePath = options.chromiumPath ?? chromiumOrThrow();
    if (!existsSync(executablePath)) throw new ChromiumMissingError(`no such file: ${executablePath}`);
    const rendererDir = options.rendererDir ?? RENDERER_DIST;
    if (!existsSync(join(rendererDir, 'wall.js'))) {
      throw new Error(`the wall page is not built (${rendererDir}); run npm run build:renderer`);
    }
    const { chromium } = await import('playwright-core');
    const gl = options.gl ?? (process.env.WALLRUN_GL === 'gpu' ? 'gpu' : 'swiftshader');
    const pin = await hubPinFlags(options.hubTrust); // before anything starts: a wrong hub is refused here
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
        args: [...COMMON_FLAGS, ...(gl === 'swiftshader' ? SWIFTSHADER_FLAGS : []), ...pin],
      });
      return new BrowserShell(browser, server, pageCsp, options, await browserCompositing(browser));
    } catch (err) {
      await server.destroy();
      throw err;
    }
  }

  /** Calls `listener` once if Chromium goes away (crashed, killed, or closed). */
  public onDisconnected(listener: () => void): void {
    this.browser.once('disconnected', listener);
  }

  /** Chromium's version as it reports it ("156.0.8078.129"): the reference images are kept per major. */
  public get version(): string {
    return this.browser.version();
  }

  public get baseUrl(): string {
    return this.server.url;
  }

  /**
   * Opens one window's page in its own context, sized to its bounds × scale; resolves once loaded.
   * `watchdog`: recover the page when it crashes or its fps events stop, and show the crash-loop
   * page when the rules give up (browser-watchdog.ts, window-recovery.ts). A recovered window has
   * a fresh page in the same context, on the layout it last showed; `WallWindow.page` follows it.
   */
  public async openWindow(config: WallPageConfig, options: OpenWindowOptions = {}): Promise<WallWindow> {
    const win = config.review ? reviewWindow(config.wall) : config.window;
    const viewport = {
      width: Math.max(1, Math.round(win.bounds.width * config.scale)),
      height: Math.max(1, Math.round(win.bounds.height * config.scale)),
    };
    const context: BrowserContext = await this.browser.newContext({ viewport, deviceScaleFactor: 1 });
    const page: Page = await context.newPage();
    // A frozen wall (reference images): every Date in the page agrees with its wall clock, so
    // nothing that reads Date directly (a day check, a default argument) can drift. Timers and
    // frames keep running.
    if (config.frozen) await page.clock.setFixedTime(config.frozen.at);
    const wallWindow = new WallWindow(context, page, viewport);
    const log = this.options.log ?? ((line: string) => void process.stderr.write(`${line}\n`));
    wallWindow.webSignIn = browserSignInPlan(config.wall, this.options.webCredentials, log);
    wallWindow.webProbe = { ...FRAME_PROBE, ...this.options.webProbe };
    const full = withDefaultBases(this.compositing && config.compositing === undefined ? { ...config, compositing: this.compositing } : config, this.server.url);
    await routeWebOrigins(context, [...declaredWebOrigins(config.wall), ...pageOrigins(full).frame], wallWindow.webSignIn);
    const key = `w${this.pageCsp.size + 1}`;
    this.pageCsp.set(key, wallPageCsp(full)); // frame-src: exactly this page's web tiles' origins
    const url = `${this.server.url}index.html?w=${key}`;
    this.windows.add(wallWindow);
    if (!options.watchdog) {
      await loadWallPage(wallWindow, page, full, url);
      return wallWindow;
    }
    const rules = { ...DEFAULT_WATCHDOG_CONFIG, ...(options.watchdog === true ? {} : options.watchdog) };
    const recovery = new WindowRecovery(wallWindow, full, url);
    wallWindow.watchdog = new BrowserWatchdog(wallWindow, {
      reload: (layout) => recovery.reload(layout),
      kill: () => recovery.kill(),
      giveUp: (report, retryAt) => recovery.giveUp(report, retryAt),
      report: (r) => {
        recovery.note(r);
        options.onWatchdogReport?.(r);
      },
    }, rules).init();
    // A watched window that fails its first load (crashed, hung, server slow) is the watchdog's to
    // recover, as any later failure: the caller gets the window, and the report says what happened.
    await recovery.loadFirst(page).catch(() => undefined);
    return wallWindow;
  }

  /** Closes every window, Chromium and the page server; idempotent. */
  public destroy(): Promise<void> {
    return (this.destroying ??= (async () => {
      await Promise.allSettled([...this.windows].map((w) => w.destroy()));
      this.windows.clear();
      await this.browser.close().catch(() => undefined);
      await this.server.destroy();
    })());
  }
}

/**
 * Chromium's GPU compositing as its GPU feature status says (`SystemInfo.getInfo` over the browser's
 * DevTools session): the page cannot tell software from GPU compositing itself. Unknown when the
 * browser does not answer.
 */
async function browserCompositing(browser: Browser): Promise<Compositing | undefined> {
  try {
    const cdp = await browser.newBrowserCDPSession();
    try {
      const info = await cdp.send('SystemInfo.getInfo');
      return compositingFromFeatureStatus(info.gpu.featureStatus);
    } finally {
      await cdp.detach().catch(() => undefined);
    }
  } catch {
    return undefined;
  }
}

export interface OpenWindowOptions {
  /** Watch the page (true: the default rules; an object: rules overridden). */
  watchdog?: boolean | Partial<WatchdogConfig>;
  onWatchdogReport?: (report: WatchdogReport) => void;
}
