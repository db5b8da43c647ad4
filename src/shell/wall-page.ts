/**
 * Loading the wall page into a playwright page for a WallWindow: the host API (installHost, run
 * before the page's own script), the event binding, and the console, error and response listeners.
 * The browser shell does this for a window's first page and again for each fresh page the
 * watchdog opens (window-recovery.ts), so a recovered window is wired exactly as a new one.
 */
import type { ConsoleMessage, Page } from 'playwright-core';
import type { HostCommand, PageEvent } from '../core/page/host-messages.js';
import type { PageCapture, PageCaptureRequest, WallPageConfig } from '../core/page/host-api.js';
import type { WallWindow } from './wall-window.js';
import { probeWebFrames, watchWebFrames } from './web-frames.js';
import { capturePageJpeg } from './page-capture.js';

/** Wires `page` to `win` and loads the wall page at `url` with `config`; resolves once loaded. */
export async function loadWallPage(win: WallWindow, page: Page, config: WallPageConfig, url: string): Promise<void> {
  page.on('console', (m: ConsoleMessage) => win.onConsole(m.type(), m.text()));
  page.on('pageerror', (e) => win.onPageError(e));
  page.on('response', (r) => {
    if (r.status() >= 400) win.onConsole('error', `HTTP ${r.status()} ${r.url()}`);
  });
  // A tile's frame that cannot show its page: the page is told (it cannot see refusals itself).
  const tell = (cmd: HostCommand): void => {
    if (win.page !== page || cmd.type !== 'webFrameStatus') return;
    win.webFrameStatuses.push(cmd);
    void page.evaluate((c) => (globalThis as unknown as { __wallrunCommand(c: unknown): void }).__wallrunCommand(c), cmd).catch(() => undefined);
  };
  watchWebFrames(page, win.webSignIn, tell);
  // A tile's frame whose renderer stops answering (a hung script): the page reloads it.
  probeWebFrames(page, win.webProbe, tell);
  // Only the window's current page speaks for it: a replaced page's last events are no heartbeat.
  await page.exposeFunction('__wallrunEvent', (e: PageEvent) => {
    if (win.page === page) win.onEvent(e);
  });
  // The liveness heartbeat (installHost's timer): counted apart from the page's events, so the
  // watchdog tells a slow page (beats on time, few frames) from a dead one (no beats).
  await page.exposeFunction('__wallrunHeartbeat', (frames: unknown) => {
    if (win.page === page) win.onHeartbeat(typeof frames === 'number' && Number.isFinite(frames) && frames >= 0 ? frames : 0);
  });
  // The page's picture for its thumbnails while web tiles are shown (page-capture.ts).
  await page.exposeFunction('__wallrunCapturePage', (request: unknown) => capturePageJpeg(page, request));
  await page.addInitScript(installHost, JSON.stringify(config));
  await page.goto(url);
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
 * `window.wallrunHost` backed by the exposed `__wallrunEvent` binding (and `capturePage` by
 * `__wallrunCapturePage` where the shell exposed it), and `__wallrunCommand` for the shell to push
 * HostCommands in.
 *
 * It also sends the watchdog's liveness heartbeat, as Electron's preload does: once a second from a
 * timer on the page's main thread, with the animation frames since the last one. A timer still runs
 * when a starved GPU process holds frames back, so a slow page keeps beating and only a page whose
 * main thread is stuck (or gone) falls silent.
 */
export function installHost(configJson: string): void {
  const listeners = new Set<(c: HostCommand) => void>();
  const w = globalThis as unknown as Record<string, unknown>;
  w.__wallrunCommand = (cmd: HostCommand) => {
    for (const l of listeners) l(cmd);
  };
  w.wallrunHost = Object.freeze({
    getConfig: () => JSON.parse(configJson) as WallPageConfig,
    emit: (e: PageEvent) => {
      void (w.__wallrunEvent as (e: PageEvent) => Promise<void>)(e);
    },
    onCommand: (l: (c: HostCommand) => void) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    ...(typeof w.__wallrunCapturePage === 'function'
      ? { capturePage: (request: PageCaptureRequest) => (w.__wallrunCapturePage as (r: PageCaptureRequest) => Promise<PageCapture>)(request) }
      : {}),
  });
  // Frames (a web tile's page) have no heartbeat: only the wall page's main thread speaks for the window.
  if (w.top !== w) return;
  // tsconfig.node.json has no DOM lib: the page's requestAnimationFrame through the global.
  const raf = w.requestAnimationFrame as (fn: () => void) => number;
  let frames = 0;
  const countFrame = (): void => {
    frames++;
    raf(countFrame);
  };
  raf(countFrame);
  setInterval(() => {
    const beat = w.__wallrunHeartbeat;
    if (typeof beat === 'function') void (beat as (n: number) => Promise<void>)(frames).catch(() => undefined);
    frames = 0;
  }, 1000);
}
