/**
 * Content a tile shows outside the WebGL canvas, in the page layer under it (page-layer.ts): a web
 * tile's frame (web-frame.ts) or a camera's video (video-content.ts). The widget owning it exposes it as
 * `Widget.pageContent`; the layer places it every frame and the widget leaves its rect
 * transparent in the scene (punchHole) while the content is meant to be seen.
 */
import type { FramePlacement } from './frame-placement.js';

export interface PageContent {
  /** The content's element in the page layer (a clip box). */
  readonly element: HTMLElement;
  /** CSS zoom of the content in its tile (its document's px per wall px, inverted). */
  readonly zoom: number;
  /** Where it goes now; null: not shown (another scene's, hidden by degraded mode, off this window). */
  place(placement: FramePlacement | null): void;
  /** Timers that run whether or not the content is shown (load timeouts, retries). */
  tick(): void;
  /**
   * One element the content shows that only one content may hold at a time (a camera's video):
   * each frame the first shown tile asking for it gets it, the others are placed nowhere.
   */
  readonly video?: HTMLVideoElement | null;
  /** Placed only where the tile lies wholly on one screen of the window (else nowhere). */
  readonly wholeTileOnly?: boolean;
  /** Whether the content is on the page now. */
  readonly shown: boolean;
}
