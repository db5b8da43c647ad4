/**
 * One open wall window in the browser shell: its page, the events it emitted, and the problems
 * it reported (page errors, WebGL errors in the console), with waiting helpers driven by events,
 * never by sleeps.
 *
 * The window outlives its pages: the watchdog recovers a crashed or hung page by opening a fresh
 * one in the same context (window-recovery.ts), and `page` is always the current one, so callers
 * keep one handle and read `win.page` when they use it, never hold the Page itself across a crash.
 */
import { FRAME_PROBE, type FrameProbeTimings } from '../core/kiosk/frame-hang.js';
import type { BrowserContext, Page } from 'playwright-core';
import type { HostCommand, PageEvent, PageEventType } from '../core/page/host-messages.js';
import type { BrowserWatchdog } from './browser-watchdog.js';
import type { SignInPlan } from './web-frames.js';

/** Console text that means the GPU side went wrong (pixi and Chromium's ANGLE phrasing). */
const GL_ERROR = /GL_INVALID|INVALID_OPERATION|INVALID_ENUM|INVALID_VALUE|INVALID_FRAMEBUFFER|GL ERROR|WebGL: |CONTEXT_LOST|Level of detail/i;

type Waiter = { match: (e: PageEvent) => boolean; resolve: (e: PageEvent) => void };

export class WallWindow {
  public readonly events: PageEvent[] = [];
  /** Page errors, uncaught exceptions and console errors. */
  public readonly errors: string[] = [];
  /** Console lines that look like WebGL/GL errors, whatever their level. */
  public readonly glErrors: string[] = [];
  /** Console warnings (pixi's "PixiJS Warning: …" among them: a feature its renderer cannot draw). */
  public readonly warnings: string[] = [];
  /**
   * Failed requests (a camera with no stream, a missing asset, a WebSocket to a hub that is down):
   * worth showing, not a page fault.
   */
  public readonly httpErrors: string[] = [];
  /** Chromium's console notes on frames it refused (the page was told with webFrameStatus). */
  public readonly frameRefusals: string[] = [];
  /** The `webFrameStatus` commands the shell sent the page (web-frames.ts), in order. */
  public readonly webFrameStatuses: Extract<HostCommand, { type: 'webFrameStatus' }>[] = [];
  /** The node's sign-ins for the web tiles' origins (set by the shell before the first page loads). */
  public webSignIn: SignInPlan = new Map();
  /** How often the web tiles' frames are probed for a hung renderer (frame-hang.ts; tests shorten it). */
  public webProbe: FrameProbeTimings = FRAME_PROBE;
  /** Liveness heartbeats from the current page's timer (wall-page.ts), one a second while its main thread runs. */
  public heartbeats = 0;
  /** Animation frames those heartbeats counted, summed. */
  public heartbeatFrames = 0;
  private waiters: Waiter[] = [];
  private current: Page;
  private readonly crashListeners = new Set<() => void>();
  /** Set when the shell opened the window with a watchdog; ended by destroy(). */
  public watchdog: BrowserWatchdog | undefined;

  public constructor(
    public readonly context: BrowserContext,
    page: Page,
    /** CSS px = device px (deviceScaleFactor 1). */
    public readonly size: { width: number; height: number },
  ) {
    this.current = page;
    this.forwardCrash(page);
  }

  /** The page the window shows now (a new one after each watchdog recovery). */
  public get page(): Page {
    return this.current;
  }

  /** `listener` runs when the window's current page crashes, whichever page that is by then. */
  public onCrash(listener: () => void): () => void {
    this.crashListeners.add(listener);
    return () => this.crashListeners.delete(listener);
  }

  /**
   * @internal The shell gave the window a fresh page: from now on `page` is it, and only its
   * crash and events count (a closed page's late ones are dropped by the caller's binding).
   */
  public usePage(page: Page): void {
    this.current = page;
    this.forwardCrash(page);
  }

  private forwardCrash(page: Page): void {
    page.on('crash', () => {
      if (page === this.current) for (const l of [...this.crashListeners]) l();
    });
  }

  /** @internal from the page binding. */
  public onEvent(e: PageEvent): void {
    this.events.push(e);
    if (e.type === 'error' && e.code === 'uncaught') this.errors.push(`page: ${e.message}`);
    const still: Waiter[] = [];
    for (const w of this.waiters) (w.match(e) ? w.resolve(e) : still.push(w));
    this.waiters = still;
  }

  /** @internal from the page's heartbeat binding. */
  public onHeartbeat(frames: number): void {
    this.heartbeats += 1;
    this.heartbeatFrames += frames;
  }

  /** @internal */
  public onConsole(type: string, text: string): void {
    if (GL_ERROR.test(text)) this.glErrors.push(text);
    // Network failures, kept apart so a test that stops the hub can allow them and nothing else.
    // Chromium logs the last one when a write races a socket the server just closed.
    // Chromium's own note on a web tile's frame refused by its headers: reported as webFrameStatus.
    else if (/^Refused to display '[^']*' in a frame|^Framing '[^']*' violates the following Content Security Policy directive/.test(text)) this.frameRefusals.push(text);
    else if (/^HTTP \d{3} |^Failed to load resource|^WebSocket connection to '[^']*' failed|^WebSocket is already in CLOSING or CLOSED state/.test(text)) this.httpErrors.push(text);
    else if (type === 'error') this.errors.push(`console: ${text}`);
    else if (type === 'warning') this.warnings.push(text);
  }

  /** @internal */
  public onPageError(e: Error): void {
    this.errors.push(`pageerror: ${e.message}`);
  }

  /**
   * The first event of `type` matching `pred`, counting those already received after index
   * `since` (default: all so far), so a caller can never miss an event that came early.
   */
  public waitForEvent<T extends PageEventType>(
    type: T,
    options: {
      pred?: (e: Extract<PageEvent, { type: T }>) => boolean;
      since?: number;
      timeoutMs?: number;
      /** Also resolve on any event of this type (ready-or-error waits). */
      orType?: PageEventType;
    } = {},
  ): Promise<Extract<PageEvent, { type: T }>> {
    type E = Extract<PageEvent, { type: T }>;
    const match = (e: PageEvent): boolean =>
      (e.type === type && (options.pred?.(e as E) ?? true)) || (options.orType !== undefined && e.type === options.orType);
    const early = this.events.slice(options.since ?? 0).find(match);
    if (early) return Promise.resolve(early as E);
    const timeoutMs = options.timeoutMs ?? 20_000;
    return new Promise<E>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`no "${options.orType ?? type}" event within ${timeoutMs} ms; events: ${JSON.stringify(this.events.map((x) => x.type))}; errors: ${this.errors.join(' | ')}`));
      }, timeoutMs);
      const waiter: Waiter = {
        match,
        resolve: (e) => {
          clearTimeout(timer);
          resolve(e as E);
        },
      };
      this.waiters.push(waiter);
    });
  }

  /** The first `ready` event; rejects on a fatal page error before it, or after `timeoutMs`. */
  public async ready(timeoutMs = 30_000): Promise<Extract<PageEvent, { type: 'ready' }>> {
    const fatal = (e: PageEvent): boolean =>
      e.type === 'error' && (e.code === 'config-invalid' || e.code === 'uncaught' || e.code === 'fonts-failed');
    // The wait resolves with either type; widen it from the overload's 'error'.
    const e = (await this.waitForEvent('error', { pred: fatal, timeoutMs, orType: 'ready' })) as PageEvent;
    if (e.type === 'error') throw new Error(`page failed: ${e.code}: ${e.message}`);
    if (e.type !== 'ready') throw new Error('unexpected event');
    return e;
  }

  /** Sends a command through the host API, as Electron's main or the hub client would. */
  public async command(cmd: HostCommand): Promise<void> {
    await this.page.evaluate((c) => (globalThis as unknown as { __wallrunCommand(c: unknown): void }).__wallrunCommand(c), cmd);
  }

  public async screenshotPng(): Promise<Buffer> {
    return this.page.screenshot({ type: 'png', animations: 'allow', caret: 'initial' });
  }

  /** Ends the watchdog and closes the window's browser context. */
  public async destroy(): Promise<void> {
    this.watchdog?.destroy();
    await this.context.close().catch(() => undefined);
  }
}
