/**
 * The page layer: the wall page's content outside the WebGL canvas, a positioned element UNDER the
 * canvas (hole punching: the canvas is transparent where a tile's page content shows, so the wall's
 * own overlays, drawn in the canvas over everything, stay above it; see src/renderer/README.md
 * "Page layer"). It outlives the GPU side (a lost context replaces the canvas, not this), holds
 * every tile's content, current scene and prepared ones alike (so a prepared scene's frames load
 * hidden before the switch), and each frame places the current scene's and hides the others'.
 */
import type { PlannedWindow } from '../../core/displays/window-plan.js';
import type { HostCommand } from '../../core/page/host-messages.js';
import type { StreamState } from '../../core/protocol/wall-health.js';
import type { Rect } from '../../core/wall/model.js';
import { onOneScreen, placeFrame } from './frame-placement.js';
import type { PageContent } from './page-content.js';
import { framesForVerdict, WebFrame, type WebFrameHost, type WebFrameOptions } from './web-frame.js';
import { VideoContent, type VideoContentOptions } from './video-content.js';
import type { HostFrameStatus, WebTileStatus, WebTimings } from './web-tile-state.js';
import { plainText } from '../widgets/alert-format.js';

const HOST_STATUSES: readonly HostFrameStatus[] = ['refused', 'sign-in-expired', 'http-error', 'unreachable', 'unresponsive'];

/** What the layer reads of a scene (scene/scene.ts; structural, so the scene may import widgets that import this room). */
export interface LayerScene {
  readonly tiles: readonly { readonly tile: { readonly id: string }; readonly rect: Rect; readonly visible: boolean; readonly widget: { readonly pageContent?: PageContent | undefined } }[];
}

/** A web tile's state as the health report's streams carry it (like a camera's). */
const STREAM: Record<WebTileStatus, StreamState> = {
  loading: 'loading',
  shown: 'playing',
  failed: 'no-signal',
  refused: 'error',
  'sign-in-expired': 'error',
  unresponsive: 'stalled',
};

/**
 * Whether any layout of the page has a tile with page content (a web tile; a camera tile where
 * cameras take the element path): only then is the canvas made transparent-capable, since a
 * blended full-window canvas costs the compositor.
 */
export function pageHasContent(layouts: readonly { tiles: readonly { widget: string }[] }[], camerasAsElements = false): boolean {
  return layouts.some((l) => l.tiles.some((t) => t.widget === 'web' || (camerasAsElements && t.widget === 'camera')));
}

/** Where camera tiles on the element path put their video (WidgetContext.videos). */
export interface VideoHost {
  openVideo(o: Omit<VideoContentOptions, 'onDestroy'>): VideoContent;
}

type WebFrameStatus = Extract<HostCommand, { type: 'webFrameStatus' }>;

export class PageLayer implements WebFrameHost, VideoHost {
  public readonly element: HTMLDivElement;
  private readonly contents = new Set<PageContent>();
  private readonly frames = new Set<WebFrame>();

  public constructor(
    private readonly window: PlannedWindow,
    private readonly scale: number,
    private readonly timings: WebTimings,
    private readonly now: () => number,
  ) {
    this.element = document.createElement('div');
    this.element.id = 'page-layer';
  }

  public open(o: Pick<WebFrameOptions, 'tile' | 'url' | 'refreshS' | 'zoom'>): WebFrame {
    const frame: WebFrame = new WebFrame({
      ...o,
      timings: this.timings,
      now: this.now,
      onDestroy: () => {
        this.frames.delete(frame);
        this.contents.delete(frame);
      },
    });
    this.frames.add(frame);
    this.contents.add(frame);
    this.element.append(frame.element);
    return frame;
  }

  public openVideo(o: Omit<VideoContentOptions, 'onDestroy'>): VideoContent {
    const content: VideoContent = new VideoContent({ ...o, onDestroy: () => this.contents.delete(content) });
    this.contents.add(content);
    this.element.append(content.element);
    return content;
  }

  /**
   * Every frame, before the canvas renders: timers of all contents, then the current scene's
   * contents placed at their tiles (same frame as the scene: a swap shows both together) and
   * every other content hidden. Contents left out are placed nowhere first, so an element one of
   * them gives up (a camera's video) is free for the tile that takes it in this frame.
   */
  public sync(scene: LayerScene | null): void {
    for (const c of this.contents) c.tick();
    const wanted = new Map<PageContent, Rect>();
    const taken = new Set<HTMLVideoElement>();
    for (const t of scene?.tiles ?? []) {
      const c = t.widget.pageContent;
      if (!c || !t.visible) continue;
      if (c.wholeTileOnly && !onOneScreen(this.window.screens, t.rect)) continue;
      const video = c.video;
      if (video !== undefined) {
        if (video === null || taken.has(video)) continue;
        taken.add(video);
      }
      wanted.set(c, t.rect);
    }
    for (const c of this.contents) if (!wanted.has(c)) c.place(null);
    for (const [c, rect] of wanted) c.place(placeFrame(this.window.screens, this.scale, rect, c.zoom));
  }

  /** Whether any content shows on the page now (thumbnails then come from the host's picture of the page). */
  public get showing(): boolean {
    for (const c of this.contents) if (c.shown) return true;
    return false;
  }

  /** The host's verdict on a frame URL: the frames it is for take it (framesForVerdict). Returns how many did. */
  public webFrameStatus(cmd: Pick<WebFrameStatus, 'url' | 'status' | 'reason'>): number {
    if (typeof cmd.url !== 'string' || !HOST_STATUSES.includes(cmd.status)) return 0;
    // The reason quotes the framed server's headers: shown as plain text, one short line.
    const reason = plainText(cmd.reason, 160);
    const matching = framesForVerdict(this.frames, cmd.url, cmd.status);
    for (const f of matching) f.hostStatus(cmd.status, reason);
    return matching.length;
  }

  /** The current scene's shown web tiles as health streams (a tile hidden by degraded mode is left out). */
  public streams(scene: LayerScene | null): { tile: string; state: StreamState }[] {
    const out: { tile: string; state: StreamState }[] = [];
    for (const t of scene?.tiles ?? []) {
      const c = t.widget.pageContent;
      if (c instanceof WebFrame && t.visible) out.push({ tile: t.tile.id, state: STREAM[c.state.status] });
    }
    return out;
  }

  public destroy(): void {
    for (const f of [...this.frames]) f.destroy();
    this.contents.clear();
    this.element.remove();
  }
}
