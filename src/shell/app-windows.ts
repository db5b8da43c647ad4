/**
 * The browser shell on a desktop: each planned window as its own Chromium app window (`--app`: no
 * tabs, no address bar), its content area at an exact desktop rect. One Chromium process per
 * window, because only a browser's startup window can be an app window; playwright-core drives
 * each (persistent context) so the page gets the same host API as in the headless shell.
 *
 * The app window first shows a blank page of the shell's own origin; once the host API and the
 * event binding are installed and the window is placed, it navigates to the wall page, so the
 * page's first script finds `wallrunHost` and its canvas never sees a resize.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, ConsoleMessage, Page } from 'playwright-core';
import type { PageEvent } from '../core/page/host-messages.js';
import type { WallPageConfig } from '../core/page/host-api.js';
import type { Rect } from '../core/wall/model.js';
import { COMMON_FLAGS, SWIFTSHADER_FLAGS } from './browser-shell.js';
import { installHost, withDefaultBases } from './wall-page.js';
import { capturePageJpeg } from './page-capture.js';
import { PACKAGE_ROOT, RENDERER_DIST } from './paths.js';
import { startStaticServer, type StaticServer } from './static-server.js';
import { WallWindow } from './wall-window.js';
import { hubPinFlags, type ShellHubTrust } from './hub-pin.js';

export interface AppWindowsOptions {
  chromiumPath: string;
  gl?: 'swiftshader' | 'gpu';
  rendererDir?: string;
  assetsDir?: string;
  /** The hub the pages connect to and how it is trusted (hub-pin.ts); absent: Chromium's own trust. */
  hubTrust?: ShellHubTrust;
}

interface Opened {
  context: BrowserContext;
  win: WallWindow;
  profile: string;
}

export class AppWindows {
  private readonly opened: Opened[] = [];
  private closing: Promise<void> | null = null;

  private constructor(
    private readonly options: AppWindowsOptions,
    private readonly server: StaticServer,
    /** Chromium flags admitting the verified hub, the same for every window. */
    private readonly pin: readonly string[],
  ) {}

  public static async start(options: AppWindowsOptions): Promise<AppWindows> {
    const rendererDir = options.rendererDir ?? RENDERER_DIST;
    if (!existsSync(join(rendererDir, 'wall.js'))) {
      throw new Error(`the wall page is not built (${rendererDir}); run npm run build:renderer`);
    }
    const pin = await hubPinFlags(options.hubTrust); // before anything starts: a wrong hub is refused here
    const server = await startStaticServer({
      '/': rendererDir,
      '/assets/': options.assetsDir ?? join(PACKAGE_ROOT, 'assets'),
    });
    return new AppWindows(options, server, pin);
  }

  /**
   * The usable screen (CSS px) as the first app window sees it: opened at the top-left corner,
   * measured, and kept for the first `open`.
   */
  public async screen(): Promise<{ width: number; height: number; x: number; y: number }> {
    const first = this.opened[0] ?? (await this.launch({ x: 0, y: 0, width: 640, height: 360 }));
    return first.win.page.evaluate(() => {
      const s = (globalThis as unknown as { screen: { availWidth: number; availHeight: number; availLeft?: number; availTop?: number } }).screen;
      return { width: s.availWidth, height: s.availHeight, x: s.availLeft ?? 0, y: s.availTop ?? 0 };
    });
  }

  /** Opens (or reuses the measuring window for) one wall window with its content at `rect`. */
  public async open(config: WallPageConfig, rect: Rect): Promise<WallWindow> {
    const unused = this.opened.find((o) => o.win.events.length === 0 && o.win.page.url().endsWith('/blank'));
    const o = unused ?? (await this.launch(rect));
    await placeContent(o.context, o.win.page, rect);
    await o.context.exposeFunction('__wallrunEvent', (e: PageEvent) => o.win.onEvent(e));
    // The liveness beat installHost starts (wall-page.ts), counted on the window as in the browser shell.
    await o.context.exposeFunction('__wallrunHeartbeat', (frames: unknown) => o.win.onHeartbeat(typeof frames === 'number' && Number.isFinite(frames) && frames >= 0 ? frames : 0));
    await o.context.exposeBinding('__wallrunCapturePage', (source, request: unknown) => capturePageJpeg(source.page, request));
    await o.context.addInitScript(installHost, JSON.stringify(withDefaultBases(config, this.server.url)));
    await o.win.page.goto(this.server.url + 'index.html');
    return o.win;
  }

  /** Resolves when any window's Chromium has gone (closed by the user, or crashed). */
  public anyClosed(): Promise<void> {
    return Promise.race(this.opened.map((o) => new Promise<void>((resolve) => o.context.once('close', () => resolve()))));
  }

  /** Closes every app window and the page server; idempotent. */
  public destroy(): Promise<void> {
    return (this.closing ??= (async () => {
      await Promise.allSettled(this.opened.map((o) => o.context.close()));
      await Promise.allSettled(this.opened.map((o) => rm(o.profile, { recursive: true, force: true })));
      await this.server.destroy();
    })());
  }

  private async launch(rect: Rect): Promise<Opened> {
    const { chromium } = await import('playwright-core');
    const gl = this.options.gl ?? (process.env.WALLRUN_GL === 'gpu' ? 'gpu' : 'swiftshader');
    const profile = await mkdtemp(join(tmpdir(), 'wallrun-demo-chromium-'));
    // No "translate this page?" bar over a Vietnamese wall.
    await mkdir(join(profile, 'Default'));
    await writeFile(join(profile, 'Default', 'Preferences'), JSON.stringify({ translate: { enabled: false } }));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: this.options.chromiumPath,
      headless: false,
      // The demo stops every window itself on SIGINT/SIGTERM (playwright would exit on SIGINT).
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      viewport: null, // the page is as large as the window's content area
      // Playwright opens about:blank in a tab window by default; the app window is the only one.
      ignoreDefaultArgs: ['about:blank', '--enable-automation'],
      args: [
        ...COMMON_FLAGS,
        ...(gl === 'swiftshader' ? SWIFTSHADER_FLAGS : []),
        ...this.pin,
        `--app=${this.server.url}blank`,
        `--window-position=${rect.x},${rect.y}`,
        `--window-size=${rect.width},${rect.height}`,
        '--hide-scrollbars',
        // No infobar over the wall: test-type silences the one about --no-sandbox (which
        // playwright passes; Chromium refuses to run as root without it).
        '--test-type',
      ],
    });
    const page: Page = context.pages()[0] ?? (await context.waitForEvent('page'));
    const win = new WallWindow(context, page, { width: rect.width, height: rect.height });
    page.on('console', (m: ConsoleMessage) => win.onConsole(m.type(), m.text()));
    page.on('pageerror', (e) => win.onPageError(e));
    page.on('response', (r) => {
      // The blank start page is a deliberate 404 of our own server.
      if (r.status() >= 400 && !r.url().endsWith('/blank')) win.onConsole('error', `HTTP ${r.status()} ${r.url()}`);
    });
    const o: Opened = { context, win, profile };
    this.opened.push(o);
    return o;
  }
}

/**
 * Moves and sizes the window so that its content area (what the page sees) is `rect`: the window
 * manager's frame, if any, is measured from the page and added around it.
 */
async function placeContent(context: BrowserContext, page: Page, rect: Rect): Promise<void> {
  const frame = await page.evaluate(() => {
    const w = globalThis as unknown as { outerWidth: number; innerWidth: number; outerHeight: number; innerHeight: number };
    return { dw: Math.max(0, w.outerWidth - w.innerWidth), dh: Math.max(0, w.outerHeight - w.innerHeight) };
  });
  const cdp = await context.newCDPSession(page);
  try {
    const { windowId } = (await cdp.send('Browser.getWindowForTarget')) as { windowId: number };
    await cdp.send('Browser.setWindowBounds', { windowId, bounds: { windowState: 'normal' } });
    await cdp.send('Browser.setWindowBounds', {
      windowId,
      bounds: { left: rect.x, top: rect.y, width: rect.width + frame.dw, height: rect.height + frame.dh },
    });
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}
