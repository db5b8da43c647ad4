/**
 * The node's wall windows: one BrowserWindow per planned window, made from kiosk-policy's options
 * and hardened (no new windows, no navigation away, hidden cursor), each with its watchdog and its
 * page config; plus notice windows on connected displays no screen uses, telling the technician
 * what is wrong. Re-plans (display-replan.ts) are applied here: close, move, create, and the
 * node's dark screens (dark-screens.ts) to every page, in its config and by host command.
 */
import { app, BrowserWindow, type Event as ElectronEvent, type Input, type WebContents } from 'electron';
import { compositingFromStatus } from '../core/page/compositing.js';
import { darkScreensCommand, darkScreensOf } from '../core/page/dark-screens.js';
import { crashLoopPage } from '../core/kiosk/crash-loop-page.js';
import type { Replan } from '../core/displays/display-replan.js';
import type { DetectedDisplay } from '../core/displays/displays.js';
import { PIN_CLOSED, PIN_IDLE_MS, pinEntryStep, pinOverlayCss, type PinAction, type PinEntryState } from '../core/kiosk/exit-pin.js';
import type { HostCommand, PageEvent } from '../core/page/host-messages.js';
import type { WallPageConfig } from '../core/page/host-api.js';
import { fallbackPageUrl, wallPageConfig, windowBackground, windowBounds, type FallbackPage, type KioskOptions } from '../core/kiosk/kiosk-options.js';
import { WALL_PAGE_URL } from '../core/kiosk/kiosk-policy.js';
import { kioskWindowOptions } from '../core/kiosk/kiosk-window.js';
import { declaredWebOrigins } from '../core/kiosk/web-credentials.js';
import type { Project } from '../core/wall/model.js';
import { DEFAULT_WATCHDOG_CONFIG } from '../core/kiosk/watchdog-rules.js';
import { isQuietHistory, NO_WATCHDOG_HISTORY, noteWatchdogReport } from '../core/kiosk/watchdog-history.js';
import type { WatchdogHistory } from '../core/protocol/wall-health.js';
import type { PlannedWindow } from '../core/displays/window-plan.js';
import { sendCommand } from './ipc.js';
import { hardenWindow } from './lockdown.js';
import { WindowWatchdog, type WindowReport } from './watchdog.js';

export interface WallWindowsDeps {
  preload: string;
  options: KioskOptions;
  log(message: string): void;
  report(report: WindowReport): void;
  /** The exit PIN was accepted. */
  exit(): void;
}

interface Managed {
  win: BrowserWindow;
  planned: PlannedWindow;
  watchdog: WindowWatchdog;
  pin: PinEntryState;
  overlay: Promise<string | undefined>;
  overlayTimer?: ReturnType<typeof setTimeout>;
  /** The URL main itself is loading into the window (its own loads are never "navigation away"). */
  loading: string;
  /** The layout the page last said it shows: a reloaded page starts on it. */
  layout?: string;
  /** What the watchdog did to this window: each fresh page reports it to the hub. */
  history: WatchdogHistory;
}

export class WallWindows {
  private project: Project | null = null;
  private readonly windows = new Map<string, Managed>();
  private readonly notices: BrowserWindow[] = [];
  /** The node's screens whose displays the last re-plan did not find. */
  private darkScreens: string[] = [];
  private quitting = false;

  public constructor(private readonly deps: WallWindowsDeps) {}

  public plan(): PlannedWindow[] {
    return [...this.windows.values()].map((m) => m.planned);
  }

  public isOurs(webContentsId: number): boolean {
    return this.byContents(webContentsId) !== undefined;
  }

  /** The page config of the window behind `webContentsId` (asked once per page load). */
  public configFor(webContentsId: number): WallPageConfig | null {
    const m = this.byContents(webContentsId);
    if (!m || !this.project) return null;
    const config = wallPageConfig(this.project, m.planned, this.deps.options, this.darkScreens);
    const layout = m.layout !== undefined && config.layouts.some((l) => l.id === m.layout) ? m.layout : config.initialLayout;
    // The page cannot tell software from GPU compositing; Chromium's GPU feature status can.
    const compositing = compositingFromStatus(app.getGPUFeatureStatus().gpu_compositing);
    return { ...config, initialLayout: layout, ...(compositing ? { compositing } : {}), ...(isQuietHistory(m.history) ? {} : { watchdog: m.history }) };
  }

  public heartbeat(webContentsId: number): void {
    this.byContents(webContentsId)?.watchdog.heartbeat();
  }

  public onPageEvent(webContentsId: number, e: PageEvent): void {
    const m = this.byContents(webContentsId);
    const id = m?.planned.id ?? '?';
    if (m && (e.type === 'ready' || e.type === 'contextRestored')) m.layout = e.layout;
    if (m && e.type === 'layoutSwitched') m.layout = e.to;
    if (e.type === 'error') this.deps.log(`${id}: page error ${e.code}: ${e.message}`);
    else if (e.type !== 'fps') this.deps.log(`${id}: ${JSON.stringify(e)}`);
  }

  /** Sends one window's page a command (a web tile's frame status); nothing if it is not ours. */
  public sendTo(webContentsId: number, command: HostCommand): void {
    const m = this.byContents(webContentsId);
    if (m) sendCommand(m.win.webContents, command);
  }

  /** Our wall pages now (their web tiles' frames are probed: web-frames.ts). */
  public pages(): WebContents[] {
    return [...this.windows.values()].filter((m) => !m.win.isDestroyed()).map((m) => m.win.webContents);
  }

  /** The origins the running project lets web tiles show (wall.yaml `web.origins`). */
  public webOrigins(): string[] {
    return declaredWebOrigins(this.project?.wall);
  }

  public broadcast(command: HostCommand): void {
    for (const m of this.windows.values()) sendCommand(m.win.webContents, command);
  }

  /** A new good project: every open page reloads with it (re-plan separately if the wall changed). */
  public setProject(project: Project): void {
    const reload = this.project !== null;
    this.project = project;
    if (reload) for (const m of this.windows.values()) this.load(m, WALL_PAGE_URL);
  }

  public apply(r: Replan): void {
    // Pages loading from now on read the new set in their config; live ones get the command.
    const dark = darkScreensOf(r.check);
    const command = darkScreensCommand(this.darkScreens, dark);
    this.darkScreens = dark;
    for (const w of r.close) this.close(w.id);
    for (const { from, to, reload } of r.move) {
      const m = this.windows.get(from.id);
      if (!m) {
        this.create(to);
        continue;
      }
      m.planned = to;
      m.win.setBounds(windowBounds(to, this.deps.options));
      if (reload) this.load(m, WALL_PAGE_URL);
    }
    for (const w of r.create) this.create(w);
    if (command) this.broadcast(command);
  }

  /** Notice pages on the given displays (none when `page` is null), replacing earlier ones. */
  public showNotices(displays: readonly DetectedDisplay[], page: FallbackPage | null): void {
    for (const win of this.notices.splice(0)) if (!win.isDestroyed()) win.destroy();
    if (!page) return;
    const url = fallbackPageUrl(page);
    for (const d of displays) {
      const planned: PlannedWindow = { id: `notice-${d.id}`, node: '', bounds: d.bounds, screens: [], viewport: d.bounds };
      const win = new BrowserWindow(kioskWindowOptions({ window: planned, background: '#101418', kiosk: this.kiosk(), devTools: false }));
      hardenWindow(win, () => url, this.deps.log);
      win.once('ready-to-show', () => win.show());
      void win.loadURL(url).catch(() => undefined);
      this.notices.push(win);
    }
  }

  /** Ends the wall: every window closed (the operator's exit), the notices gone; idempotent. */
  public destroy(): void {
    this.quitting = true;
    for (const id of [...this.windows.keys()]) this.close(id);
    this.showNotices([], null);
  }

  private kiosk(): boolean {
    return !this.deps.options.windowed && !this.deps.options.assumeDisplays;
  }

  private byContents(webContentsId: number): Managed | undefined {
    for (const m of this.windows.values()) if (!m.win.isDestroyed() && m.win.webContents.id === webContentsId) return m;
    return undefined;
  }

  private create(planned: PlannedWindow): void {
    const background = windowBackground(this.project, this.deps.options);
    // A demo preview's window is scaled and at its wall position; the page gets the plan as is.
    const options = kioskWindowOptions({ window: { ...planned, bounds: windowBounds(planned, this.deps.options) }, background, preload: this.deps.preload, kiosk: this.kiosk(), devTools: this.deps.options.dev });
    const win = new BrowserWindow(options);
    const watchdog = new WindowWatchdog(win, planned.id, {
      reload: () => this.load(m, WALL_PAGE_URL),
      giveUp: (report) => this.load(m, fallbackPageUrl(crashLoopPage(m.planned, report, report.at + DEFAULT_WATCHDOG_CONFIG.giveUpRetryMs))),
      report: (report) => {
        m.history = noteWatchdogReport(m.history, report);
        this.deps.report(report);
      },
    });
    const m: Managed = { win, planned, watchdog, pin: PIN_CLOSED, overlay: Promise.resolve(undefined), loading: WALL_PAGE_URL, history: NO_WATCHDOG_HISTORY };
    hardenWindow(win, () => m.loading, this.deps.log, () => this.webOrigins());
    win.webContents.on('before-input-event', (event, input) => this.onKey(m, event, input));
    win.on('close', (e) => {
      if (!this.quitting && this.windows.get(m.planned.id) === m) e.preventDefault();
    });
    win.once('ready-to-show', () => {
      win.setBounds(windowBounds(m.planned, this.deps.options));
      win.show();
      if (options.alwaysOnTop) win.setAlwaysOnTop(true, 'screen-saver');
    });
    this.windows.set(planned.id, m);
    m.watchdog.init();
    this.load(m, WALL_PAGE_URL);
  }

  private load(m: Managed, url: string): void {
    m.loading = url;
    if (!m.win.isDestroyed()) void m.win.loadURL(url).catch(() => undefined); // failures reach the watchdog as did-fail-load
  }

  private close(id: string): void {
    const m = this.windows.get(id);
    if (!m) return;
    this.windows.delete(id);
    m.watchdog.destroy();
    clearTimeout(m.overlayTimer);
    if (!m.win.isDestroyed()) m.win.destroy();
  }

  private onKey(m: Managed, event: ElectronEvent, input: Input): void {
    const step = pinEntryStep(m.pin, input, Date.now(), this.deps.options.exitPinHash);
    m.pin = step.state;
    if (step.action === 'pass') return;
    event.preventDefault();
    if (step.action === 'denied' || step.action === 'locked') this.deps.log(`exit: ${step.action} on ${m.planned.id}`);
    if (step.action === 'exit') {
      this.deps.log(`exit: PIN accepted on ${m.planned.id}`);
      this.deps.exit();
      return;
    }
    if (step.action !== 'swallow') this.showOverlay(m, step.state, step.action);
  }

  /** The PIN prompt, as CSS inserted into the page (no script runs in it); serialised per window. */
  private showOverlay(m: Managed, state: PinEntryState, action: PinAction): void {
    const wc = m.win.webContents;
    const css = pinOverlayCss(state, action);
    clearTimeout(m.overlayTimer);
    m.overlay = m.overlay.then(async (key) => {
      if (key) await wc.removeInsertedCSS(key).catch(() => undefined);
      return css && !wc.isDestroyed() ? wc.insertCSS(css).catch(() => undefined) : undefined;
    });
    if (css) m.overlayTimer = setTimeout(() => this.showOverlay(m, PIN_CLOSED, 'close'), action === 'prompt' ? PIN_IDLE_MS : 3000);
  }
}
