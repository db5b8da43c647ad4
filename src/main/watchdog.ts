/**
 * Wires one window's Electron events to the pure watchdog rules (src/core/kiosk/watchdog-rules.ts) and
 * carries out what they decide: reload after a delay (killing a hung renderer first), or show the
 * fallback page after a crash loop. Reports go to a callback: windows.ts logs them and counts them
 * into the history the next page reports to the hub (src/core/kiosk/watchdog-history.ts).
 */
import type { BrowserWindow, Event as ElectronEvent, RenderProcessGoneDetails, WebContentsDidStartNavigationEventParams } from 'electron';
import { isWallPageUrl } from '../core/kiosk/kiosk-policy.js';
import {
  DEFAULT_WATCHDOG_CONFIG,
  initialWatchdogState,
  watchdogStep,
  type WatchdogConfig,
  type WatchdogDecision,
  type WatchdogInput,
  type WatchdogReport,
  type WatchdogState,
} from '../core/kiosk/watchdog-rules.js';

export interface WindowReport extends WatchdogReport {
  windowId: string;
}

export interface WatchdogHooks {
  /** Load the wall page again. */
  reload(): void;
  /** Show the fallback page (crash loop). */
  giveUp(report: WatchdogReport): void;
  report(report: WindowReport): void;
}

/** Chromium's "navigation aborted" (a newer load replaced this one): not a failure. */
const ERR_ABORTED = -3;
const TICK_MS = 1000;

export class WindowWatchdog {
  private state: WatchdogState;
  private tickTimer: ReturnType<typeof setInterval> | undefined;
  private reloadTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly off: (() => void)[] = [];

  public constructor(
    private readonly win: BrowserWindow,
    private windowId: string,
    private readonly hooks: WatchdogHooks,
    private readonly config: WatchdogConfig = DEFAULT_WATCHDOG_CONFIG,
    private readonly now: () => number = Date.now,
  ) {
    this.state = initialWatchdogState(now());
  }

  public get phase(): WatchdogState['phase'] {
    return this.state.phase;
  }

  public init(): void {
    const wc = this.win.webContents;
    const onGone = (_e: unknown, details: RenderProcessGoneDetails): void => {
      if (details.reason !== 'clean-exit') this.feed({ type: 'crashed', at: this.now(), reason: `renderer ${details.reason} (exit code ${details.exitCode})` });
    };
    const onStart = (details: ElectronEvent<WebContentsDidStartNavigationEventParams>): void => {
      if (details.isMainFrame && !details.isSameDocument && isWallPageUrl(details.url)) this.feed({ type: 'loading', at: this.now() });
    };
    const onFail = (_e: unknown, code: number, description: string, url: string, isMainFrame: boolean): void => {
      if (isMainFrame && code !== ERR_ABORTED && isWallPageUrl(url)) this.feed({ type: 'crashed', at: this.now(), reason: `load failed: ${description} (${code})` });
    };
    const onUnresponsive = (): void => this.feed({ type: 'unresponsive', at: this.now() });
    const onResponsive = (): void => this.feed({ type: 'responsive', at: this.now() });
    wc.on('render-process-gone', onGone);
    wc.on('did-start-navigation', onStart);
    wc.on('did-fail-load', onFail);
    this.win.on('unresponsive', onUnresponsive);
    this.win.on('responsive', onResponsive);
    this.off.push(
      () => wc.removeListener('render-process-gone', onGone),
      () => wc.removeListener('did-start-navigation', onStart),
      () => wc.removeListener('did-fail-load', onFail),
      () => this.win.removeListener('unresponsive', onUnresponsive),
      () => this.win.removeListener('responsive', onResponsive),
    );
    this.tickTimer = setInterval(() => this.feed({ type: 'tick', at: this.now() }), TICK_MS);
  }

  /** The page's heartbeat arrived (through ipc.ts). */
  public heartbeat(): void {
    this.feed({ type: 'heartbeat', at: this.now() });
  }

  /** The window now shows another planned window id (kept across a re-plan). */
  public rename(windowId: string): void {
    this.windowId = windowId;
  }

  public destroy(): void {
    clearInterval(this.tickTimer);
    clearTimeout(this.reloadTimer);
    for (const off of this.off.splice(0)) off();
  }

  private feed(input: WatchdogInput): void {
    const step = watchdogStep(this.state, input, this.config);
    this.state = step.state;
    this.apply(step.decision);
  }

  private apply(decision: WatchdogDecision): void {
    if (decision.report) this.hooks.report({ ...decision.report, windowId: this.windowId });
    if (decision.action === 'wait') return;
    if (this.win.isDestroyed()) return;
    if (decision.kill) this.win.webContents.forcefullyCrashRenderer();
    clearTimeout(this.reloadTimer);
    if (decision.action === 'give-up') {
      this.hooks.giveUp(decision.report ?? { kind: 'crash-loop', detail: 'crash loop', failures: 0, at: this.now() });
      return;
    }
    this.reloadTimer = setTimeout(() => {
      if (!this.win.isDestroyed()) this.hooks.reload();
    }, decision.afterMs);
  }
}
