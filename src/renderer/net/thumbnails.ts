/**
 * Low-rate thumbnails of what this window really shows, for the operator console: every
 * `everyMs` (default 10 s; the hub's `thumbnail:rate` changes it, 2 s while a console is open)
 * the canvas is copied right after a frame was rendered (the WebGL drawing buffer is valid then,
 * without preserveDrawingBuffer: the same moment the frame probe reads pixels), downscaled so each
 * screen gets about `screenWidth` (320) px across (thumbnailSize), encoded with `canvas.toBlob`
 * (JPEG, quality 0.6; lower, then smaller, if over the protocol's size cap) and sent as the
 * `thumbnail` event. Costs one drawImage and one small encode per interval; nothing while the hub
 * is away. While the shown layout has a web tile, the picture is the host's page capture instead
 * (page-capture.ts: the canvas has only a hole there), sized and capped the same way.
 *
 *   const thumbs = new ThumbnailSender({ afterNextFrame: (fn) => app.probe.afterNextFrame(fn),
 *     identity, send: (t) => client.reportThumbnail(t), hubNow: () => client.hubNow(),
 *     connected: () => client.connected }, { everyMs: 10_000 });
 *   thumbs.init();   // …   thumbs.destroy();
 */
import type { PageCaptureSource } from './page-capture.js';
import { THUMBNAIL_LIMITS, THUMBNAIL_MAX_BASE64, THUMBNAIL_RATE_MS, type Thumbnail, type ThumbnailMime } from '../../core/protocol/thumbnail.js';

export interface ThumbnailConfig {
  /** Time between thumbnails (ms); 0 turns them off. Default 10 000. */
  everyMs: number;
  /** About this many px across per screen of the window (by area, so any arrangement). Default 320. */
  screenWidth: number;
  mime: ThumbnailMime;
  /** Encoder quality (JPEG, WebP) of the first try, 0–1. Default 0.6. */
  quality: number;
}

export const DEFAULT_THUMBNAIL_CONFIG: ThumbnailConfig = { everyMs: 10_000, screenWidth: 320, mime: 'image/jpeg', quality: 0.6 };

/**
 * The thumbnail's size for a window picture of `source` px showing `screens` screens: the area of
 * `screens` landscape 16:9 pictures `screenWidth` px wide (so a six-screen row is about 1920×180,
 * each screen 320×180, and a 2 × 2 window 640×360), never larger than the source nor than the
 * protocol's `THUMBNAIL_LIMITS.px` on either side, the window's aspect kept.
 */
export function thumbnailSize(source: { width: number; height: number }, screens: number, screenWidth = 320): { width: number; height: number } {
  const area = Math.max(1, screens) * screenWidth * ((screenWidth * 9) / 16);
  const scale = Math.min(1, Math.sqrt(area / (source.width * source.height)), THUMBNAIL_LIMITS.px / source.width, THUMBNAIL_LIMITS.px / source.height);
  return { width: Math.max(1, Math.round(source.width * scale)), height: Math.max(1, Math.round(source.height * scale)) };
}

type SourceCanvas = HTMLCanvasElement | OffscreenCanvas;

export interface ThumbnailDeps {
  /** Runs `fn` right after the next frame is rendered, with the WebGL canvas (FrameProbe.afterNextFrame). */
  afterNextFrame(fn: (canvas: SourceCanvas) => void): void;
  identity: { window: string; screens: string[] };
  /** Sends the event; false when not connected. */
  send(thumbnail: Thumbnail): boolean;
  hubNow(): number;
  /** Skip the capture while this says false (no hub link). */
  connected?(): boolean;
  /** The host's picture of the window, used while it says it is wanted (a web tile is shown). */
  pageCapture?: PageCaptureSource | null;
}

export class ThumbnailSender {
  public readonly config: ThumbnailConfig;
  /** Thumbnails sent, and the last error (encoding failed, over the cap), for the debug state. */
  public sent = 0;
  public lastError: string | null = null;
  /** Where the last thumbnail came from, and how long taking its picture took (ms, page capture included). */
  public lastSource: 'canvas' | 'page' | null = null;
  public lastCaptureMs = 0;
  /** The last page capture that failed (the canvas copy was sent instead); null after one worked. */
  public pageCaptureError: string | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running = false;

  public constructor(
    private readonly d: ThumbnailDeps,
    config: Partial<ThumbnailConfig> = {},
  ) {
    this.config = { ...DEFAULT_THUMBNAIL_CONFIG, ...config };
  }

  /** Captures every `everyMs`, the first one soon (2 s at most) so the console is not empty. */
  public init(): void {
    if (this.running || this.config.everyMs <= 0) return;
    this.running = true;
    this.schedule(Math.min(2000, this.config.everyMs));
  }

  public destroy(): void {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Captures and sends one thumbnail now; resolves with what was sent (null: not sent). */
  public async captureNow(): Promise<Thumbnail | null> {
    try {
      const thumbnail = await this.capture();
      if (!thumbnail) return null;
      if (!this.d.send(thumbnail)) return null;
      this.sent += 1;
      this.lastError = null;
      return thumbnail;
    } catch (e) {
      this.lastError = (e as Error).message;
      return null;
    }
  }

  /**
   * The hub's `thumbnail:rate`: send every `everyMs` from now on (the next one within that time).
   * A sender configured off (0) stays off.
   */
  public setEvery(everyMs: number): void {
    if (!this.running || this.config.everyMs <= 0) return;
    const ms = Math.min(THUMBNAIL_RATE_MS.max, Math.max(THUMBNAIL_RATE_MS.min, everyMs));
    if (ms === this.config.everyMs) return;
    this.config.everyMs = ms;
    if (this.timer) {
      clearTimeout(this.timer);
      this.schedule(ms);
    } // else a capture is running: it schedules the next with the new interval
  }

  private schedule(ms: number): void {
    this.timer = setTimeout(() => {
      this.timer = null;
      if (!this.running) return;
      const go = this.d.connected?.() ?? true;
      void (go ? this.captureNow() : Promise.resolve(null)).finally(() => {
        if (this.running) this.schedule(this.config.everyMs);
      });
    }, ms);
  }

  /**
   * The window's picture, downscaled and encoded within the size cap: at the size thumbnailSize
   * gives, else (over the cap at every quality) at half, then a quarter, of its area. The picture
   * is the host's page capture while one is wanted (a failed one falls back to the canvas), else
   * the copy of the next rendered frame.
   */
  private async capture(): Promise<Thumbnail | null> {
    const started = performance.now();
    const at = this.d.hubNow();
    const fit = (source: { width: number; height: number }): { width: number; height: number } => thumbnailSize(source, this.d.identity.screens.length, this.config.screenWidth);
    let copy: HTMLCanvasElement | null = null;
    if (this.d.pageCapture?.wanted()) {
      try {
        const bitmap = await this.d.pageCapture.take(fit);
        copy = scaledCopy(bitmap, { width: bitmap.width, height: bitmap.height });
        bitmap.close();
        this.pageCaptureError = null;
        this.lastSource = 'page';
      } catch (e) {
        this.pageCaptureError = (e as Error).message;
      }
    }
    if (!copy) {
      copy = await this.canvasCopy(fit);
      this.lastSource = 'canvas';
    }
    this.lastCaptureMs = performance.now() - started;
    // The copy is on a 2D canvas now: encoding (and any smaller retry) may take its time.
    const out = await this.encodeFirstFitting(copy);
    return out === null ? null : { window: this.d.identity.window, screens: [...this.d.identity.screens], mime: this.config.mime, data: out.data, at, width: out.canvas.width, height: out.canvas.height };
  }

  /** The downscaled copy of the next rendered frame (the drawing buffer is valid right after it). */
  private canvasCopy(fit: (source: { width: number; height: number }) => { width: number; height: number }): Promise<HTMLCanvasElement> {
    return new Promise((resolve, reject) => {
      this.d.afterNextFrame((source) => {
        try {
          resolve(scaledCopy(source, fit(source)));
        } catch (e) {
          reject(e);
        }
      });
    });
  }

  private async encodeFirstFitting(copy: HTMLCanvasElement): Promise<{ canvas: HTMLCanvasElement; data: string } | null> {
    for (const shrink of [1, Math.SQRT1_2, 0.5]) {
      const canvas = shrink === 1 ? copy : scaledCopy(copy, { width: Math.max(1, Math.round(copy.width * shrink)), height: Math.max(1, Math.round(copy.height * shrink)) });
      const data = await this.encode(canvas);
      if (data !== null) {
        this.lastError = null;
        return { canvas, data };
      }
    }
    return null;
  }

  private async encode(canvas: HTMLCanvasElement): Promise<string | null> {
    for (const quality of [this.config.quality, this.config.quality / 2, 0.2]) {
      const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, this.config.mime, quality));
      if (!blob) throw new Error(`the browser cannot encode ${this.config.mime}`);
      const data = base64(new Uint8Array(await blob.arrayBuffer()));
      if (data.length <= THUMBNAIL_MAX_BASE64) return data;
      if (this.config.mime === 'image/png') break; // PNG has no quality to lower
    }
    this.lastError = 'thumbnail over the size cap at every quality';
    return null;
  }
}

function scaledCopy(source: SourceCanvas | HTMLCanvasElement | ImageBitmap, size: { width: number; height: number }): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D context for thumbnails');
  ctx.drawImage(source, 0, 0, size.width, size.height);
  return canvas;
}

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * Thumbnails of a wall window through its wall client: one call where the page's hub session
 * starts (`everyS` from the hub config's `thumbnailEveryS`, default 10; 0: none), with the
 * host's page capture for layouts with web tiles when the host has one. Returns the
 * sender; `destroy()` it when the session ends.
 */
export function startWallThumbnails(
  app: { probe: { afterNextFrame(fn: (canvas: SourceCanvas) => void): void } },
  client: { reportThumbnail(t: Thumbnail): boolean; hubNow(): number; readonly connected: boolean },
  identity: { window: string; screens: string[] },
  everyS = DEFAULT_THUMBNAIL_CONFIG.everyMs / 1000,
  pageCapture: PageCaptureSource | null = null,
): ThumbnailSender {
  const sender = new ThumbnailSender(
    {
      afterNextFrame: (fn) => app.probe.afterNextFrame(fn),
      identity,
      send: (t) => client.reportThumbnail(t),
      hubNow: () => client.hubNow(),
      connected: () => client.connected,
      pageCapture,
    },
    { everyMs: everyS * 1000 },
  );
  sender.init();
  return sender;
}
