/**
 * Carries out the browser watchdog's decisions on one WallWindow by giving it a fresh page in the
 * same browser context (same viewport, same page config and URL), never by reloading in place.
 *
 * Why replace: once a page's renderer crashed, playwright cannot drive that page again (reload,
 * evaluate, screenshots and addInitScript never settle, exposed functions stop delivering) and its
 * `crash` event does not fire a second time. A fresh page is wired like the first one
 * (wall-page.ts), so tests, thumbnails and screenshots work on a recovered window and the next
 * crash is seen at once. Hangs are recovered the same way: closing a page ends its renderer,
 * however stuck its main thread.
 */
import type { Page } from 'playwright-core';
import { crashLoopPage } from '../core/kiosk/crash-loop-page.js';
import { reviewWindow, type WallPageConfig } from '../core/page/host-api.js';
import { fallbackPageUrl } from '../core/kiosk/kiosk-options.js';
import type { WatchdogHistory } from '../core/protocol/wall-health.js';
import { NO_WATCHDOG_HISTORY, noteWatchdogReport } from '../core/kiosk/watchdog-history.js';
import type { WatchdogReport } from '../core/kiosk/watchdog-rules.js';
import type { BrowserWatchdogHooks } from './browser-watchdog.js';
import { loadWallPage } from './wall-page.js';
import type { WallWindow } from './wall-window.js';

/** A page that does not close within this long is left behind: the window moves on without it. */
const CLOSE_TIMEOUT_MS = 5_000;

export class WindowRecovery implements Required<Pick<BrowserWatchdogHooks, 'reload' | 'kill' | 'giveUp'>> {
  /** Page swaps run one at a time, in order: a later one replaces the page an earlier one opened. */
  private queue: Promise<unknown> = Promise.resolve();
  /** What the watchdog did to this window so far: each fresh page reports it to the hub. */
  public history: WatchdogHistory = NO_WATCHDOG_HISTORY;

  public constructor(
    private readonly win: WallWindow,
    /** The window's full page config (bases resolved), as its first page got it. */
    private readonly config: WallPageConfig,
    private readonly url: string,
  ) {}

  /** Loads the window's first page; a swap ordered meanwhile waits for it, then replaces it. */
  public loadFirst(page: Page): Promise<void> {
    return this.enqueue(() => loadWallPage(this.win, page, this.config, this.url));
  }

  /** A fresh wall page starting on `layout` (the configured first layout if the config lacks it). */
  public reload(layout: string | undefined): Promise<void> {
    const initialLayout = layout !== undefined && this.config.layouts.some((l) => l.id === layout) ? layout : this.config.initialLayout;
    return this.swap((page) => loadWallPage(this.win, page, { ...this.config, initialLayout, watchdog: this.history }, this.url));
  }

  /**
   * Crash loop: a fresh page showing the crash-loop page (static, no script, nothing fetched: a
   * data: URL) until the rules retry at `retryAt`.
   */
  public giveUp(report: WatchdogReport, retryAt: number): Promise<void> {
    const window = this.config.review ? reviewWindow(this.config.wall) : this.config.window;
    const url = fallbackPageUrl(crashLoopPage(window, report, retryAt));
    return this.swap(async (page) => {
      await page.goto(url);
    });
  }

  /** Counts a watchdog report into the history the next page gets. */
  public note(report: WatchdogReport): void {
    this.history = noteWatchdogReport(this.history, report);
  }

  /** A hung page is ended now, its renderer with it; the reload after the backoff opens the next. */
  public kill(): Promise<void> {
    return closeBounded(this.win.page);
  }

  private swap(load: (page: Page) => Promise<void>): Promise<void> {
    return this.enqueue(async () => {
      const old = this.win.page;
      const fresh = await this.win.context.newPage();
      this.win.usePage(fresh);
      await closeBounded(old);
      await load(fresh);
    });
  }

  private enqueue(run: () => Promise<void>): Promise<void> {
    const next = this.queue.then(run);
    this.queue = next.catch(() => undefined);
    return next;
  }
}

async function closeBounded(page: Page): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, CLOSE_TIMEOUT_MS)));
  await Promise.race([page.close({ runBeforeUnload: false }).catch(() => undefined), timeout]);
  clearTimeout(timer);
}
