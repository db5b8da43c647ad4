/**
 * One web tile's frame: the sandboxed iframe in its clip box, driven by the state machine
 * (web-tile-state.ts). The frame handling lives here, in the page layer; the `web` widget only
 * draws the state it is told. Nothing here fetches: the frame's navigation is the tile's content.
 */
import type { TileWebDebugState } from '../../core/page/debug-hook.js';
import { applyPlacement, type FramePlacement } from './frame-placement.js';
import type { PageContent } from './page-content.js';
import { settled, startState, step, type HostFrameStatus, type WebTileEvent, type WebTileState, type WebTimings } from './web-tile-state.js';

/** What a frame may do (WEB-CONTRACT): scripts and forms; no top navigation, popups, downloads or modals. */
export const FRAME_SANDBOX = 'allow-scripts allow-same-origin allow-forms';

export interface WebFrameOptions {
  tile: string;
  url: string;
  refreshS?: number | undefined;
  zoom: number;
  timings: WebTimings;
  now(): number;
  /** Called once when the frame is destroyed (the page layer forgets it). */
  onDestroy?(): void;
}

/** What a web widget asks of the page (WidgetContext.web, the page layer): a frame for its URL. */
export interface WebFrameHost {
  open(o: Pick<WebFrameOptions, 'tile' | 'url' | 'refreshS' | 'zoom'>): WebFrame;
}

/** Normalised for matching the host's `webFrameStatus.url` to frames (`new URL().href`). */
export function frameUrlKey(url: string): string {
  try {
    return new URL(url).href;
  } catch {
    return url;
  }
}

function originKey(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/**
 * The frames a host verdict on `url` is for: those showing that URL. A hung frame is reported at
 * its current URL, which a redirect or the dashboard's own navigation may have moved: with no
 * frame at that URL, an `unresponsive` verdict goes to the frames of its origin (a hung renderer
 * process holds every frame of its site). Other verdicts are about one response: exact URL only.
 */
export function framesForVerdict<T extends { readonly urlKey: string }>(frames: Iterable<T>, url: string, status: HostFrameStatus): T[] {
  const all = [...frames];
  const key = frameUrlKey(url);
  const exact = all.filter((f) => f.urlKey === key);
  if (exact.length > 0 || status !== 'unresponsive') return exact;
  const origin = originKey(url);
  return origin === null ? [] : all.filter((f) => originKey(f.urlKey) === origin);
}

export class WebFrame implements PageContent {
  /** The clip box, a child of the page layer; the iframe inside it is transformed into place. */
  public readonly element: HTMLDivElement;
  public readonly ready: Promise<void>;
  public readonly urlKey: string;
  public readonly zoom: number;
  private iframe: HTMLIFrameElement;
  private s: WebTileState;
  private readonly listeners = new Set<(s: WebTileState) => void>();
  private markReady!: () => void;
  private readyTimer: ReturnType<typeof setTimeout> | null;
  private placedKey = '';
  private visible = false;
  private destroyed = false;

  public constructor(private readonly o: WebFrameOptions) {
    this.urlKey = frameUrlKey(o.url);
    this.zoom = o.zoom;
    this.element = document.createElement('div');
    this.element.className = 'web-tile';
    this.element.dataset.tile = o.tile;
    this.element.style.visibility = 'hidden';
    this.iframe = this.newIframe();
    this.element.append(this.iframe);
    this.ready = new Promise<void>((resolve) => {
      this.markReady = resolve;
    });
    // Ready for a layout switch once settled, or at the latest after readyWaitMs (still loading:
    // the tile shows "loading" and the frame appears when it loads, without holding the switch).
    this.readyTimer = setTimeout(() => this.markReady(), o.timings.readyWaitMs);
    this.s = startState(o.now());
    this.iframe.src = o.url;
  }

  private newIframe(): HTMLIFrameElement {
    const f = document.createElement('iframe');
    f.setAttribute('sandbox', FRAME_SANDBOX);
    f.setAttribute('referrerpolicy', 'no-referrer');
    f.setAttribute('allow', '');
    f.setAttribute('scrolling', 'no');
    f.title = this.o.tile;
    f.addEventListener('load', this.onLoad);
    return f;
  }

  /**
   * A retry in a new iframe: a frame whose renderer hangs never commits a new `src` (its process
   * cannot), while a new frame gets a new process and the hung one is let go.
   */
  private replaceIframe(): void {
    const old = this.iframe;
    old.removeEventListener('load', this.onLoad);
    const f = this.newIframe();
    f.style.cssText = old.style.cssText;
    old.replaceWith(f);
    this.iframe = f;
    f.src = this.o.url;
  }

  public get state(): WebTileState {
    return this.s;
  }

  /** Calls `listener` on every change of state; returns the disposer. */
  public onChange(listener: (s: WebTileState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The host's verdict on this frame's last navigation (webFrameStatus). */
  public hostStatus(status: HostFrameStatus, reason: string): void {
    this.apply({ type: 'host', status, reason });
  }

  /** Advances timers (load timeout, verdict grace, retry, refresh): the page layer calls it every frame. */
  public tick(): void {
    this.apply({ type: 'tick' });
  }

  /**
   * Puts the frame at `placement` (null: not on this window's screens, or its scene is not the
   * one shown) and shows it there while its page is shown. DOM writes only on a change.
   */
  public place(placement: FramePlacement | null): void {
    if (placement) this.placedKey = applyPlacement(this.element, this.iframe, placement, this.placedKey);
    const visible = placement !== null && this.s.status === 'shown';
    if (visible !== this.visible) {
      this.visible = visible;
      this.element.style.visibility = visible ? 'visible' : 'hidden';
    }
  }

  /** Whether the frame is visible on the page now. */
  public get shown(): boolean {
    return this.visible;
  }

  public debugState(): TileWebDebugState {
    const now = this.o.now();
    const s = this.s;
    return {
      url: this.o.url,
      status: s.status,
      reason: s.reason,
      failures: s.failures,
      loads: s.loads,
      retryInMs: s.retryAt === null ? null : Math.max(0, s.retryAt - now),
      visible: this.visible,
    };
  }

  public destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    if (this.readyTimer) clearTimeout(this.readyTimer);
    this.iframe.removeEventListener('load', this.onLoad);
    this.iframe.src = 'about:blank';
    this.element.remove();
    this.listeners.clear();
    this.markReady();
    this.o.onDestroy?.();
  }

  private readonly onLoad = (): void => {
    // The first `load` of a fresh iframe with a src is its page's; about:blank never comes first.
    this.apply({ type: 'load' });
  };

  private apply(e: WebTileEvent): void {
    if (this.destroyed) return;
    const { state, navigate, fresh } = step(this.s, e, this.o.now(), this.o.timings, this.o.refreshS);
    if (navigate && fresh) this.replaceIframe();
    else if (navigate) this.iframe.src = this.o.url; // assigning src again navigates again (a reload)
    if (state === this.s) return;
    const changed = state.status !== this.s.status || state.reason !== this.s.reason || state.retryAt !== this.s.retryAt;
    this.s = state;
    if (settled(state)) {
      if (this.readyTimer) clearTimeout(this.readyTimer);
      this.readyTimer = null;
      this.markReady();
    }
    if (changed) for (const l of [...this.listeners]) l(state);
  }
}
