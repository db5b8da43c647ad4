/**
 * One live camera: a player (hls.js, or the hub's low-latency MSE path: live-path.ts) feeding a
 * detached <video> (in the DOM only while a tile on the element path shows it in the page layer:
 * video-content.ts), its frames copied into a pixi texture, for the tiles that draw it from one,
 * only when requestVideoFrameCallback reports a new one, and a FreezeWatchdog deciding when to recover. One
 * element for the source's whole life: recovery builds a new player on the same element, since
 * Chromium limits how many media players a page may create.
 *
 * Why not pixi's VideoSource: it uploads at `loadedmetadata`, when the element has no decoded frame
 * yet. Chromium's texImage2D then allocates nothing, pixi records the texture as 640×360 anyway, and
 * every later frame goes through texSubImage2D into a texture that was never allocated: ANGLE logs
 * "GL_INVALID_OPERATION: glTexSubImage2D: Level of detail outside of range" (or "Offset overflows
 * texture dimensions" when a 1×1 stand-in was allocated first) at every frame. Whether a given video
 * hits it is a race, hence "none with one video, hundreds with four". Here the texture is created,
 * and every upload is asked for, inside the frame callback, when a frame is guaranteed to exist.
 * The upload itself runs in the window's UploadScheduler (at most so many per rendered frame,
 * before the scene renders), through the `camera-frame` uploader (texImage2D: frame-uploader.ts).
 */
import { Texture, TextureSource } from 'pixi.js';
import type { Size } from '../../core/wall/model.js';
import type { CameraConfig } from './camera-config.js';
import type { CameraEndpoint } from './camera-endpoint.js';
import type { PooledSource } from './camera-pool.js';
import { FreezeWatchdog, type CameraState, type RecoveryStep } from './freeze-watchdog.js';
import { CAMERA_FRAME_UPLOAD } from './frame-uploader.js';
import { HlsPlayer } from './hls-player.js';
import { LivePath, type PathState } from './live-path.js';
import type { FrameUploadable, UploadScheduler } from './upload-scheduler.js';

/** What a camera tile and the debug hook read; times are wall-clock ms. */
export interface CameraSourceState extends PathState {
  url: string;
  state: CameraState;
  framesPresented: number;
  frozenSince: number | null;
  recoveries: number;
  lastStep: RecoveryStep | null;
  errors: number;
  /** The last player error (hls.js `type/details`, or `mse <reason>: …`), for diagnostics. */
  lastError: string | null;
  /** Frames copied to the GPU (fewer than framesPresented when the per-frame upload cap skips some). */
  uploads: number;
  videoWidth: number;
  videoHeight: number;
  /** hls.js auto-level cap from the tile size (-1: none). */
  levelCap: number;
}

/** How often the watchdog is asked for a step: fine enough for a 5 s freeze threshold. */
const WATCHDOG_PERIOD_MS = 250;

/**
 * Emptied elements kept for the next source in this window (a layout switch, a budget slot handed
 * on): reusing them keeps the page's count of media players flat over days of switching.
 */
const spareVideos: HTMLVideoElement[] = [];
const MAX_SPARE_VIDEOS = 16;

export class CameraSource implements PooledSource, FrameUploadable {
  /** Null until the first frame; then one texture for the source's life, resized on variant changes. */
  public texture: Texture | null = null;
  /** Resolves at the first decoded frame (never rejects; may never resolve). */
  public readonly firstFrame: Promise<void>;
  public readonly url: string;
  private resolveFirstFrame: () => void = () => undefined;
  private readonly video: HTMLVideoElement;
  private readonly watchdog: FreezeWatchdog;
  private readonly player: LivePath;
  private frameHandle: number | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private uploads = 0;
  private destroyed = false;
  /**
   * Tiles that draw this camera from its texture. Tiles on the element path (the video composited
   * by the browser, video-content.ts) do not: with none left, frames are no longer copied.
   */
  private readonly textureHolders = new Set<object>();
  private frameShown = false;

  /**
   * `wallNow`: the wall clock (for frozenSince); the watchdog runs on monotonic time. `uploads`:
   * the window's scheduler, which copies new frames to the texture at most so many per frame.
   */
  public constructor(
    endpoint: CameraEndpoint,
    config: CameraConfig,
    private readonly wallNow: () => number,
    private readonly uploadScheduler: UploadScheduler,
    private readonly monoNow: () => number = () => performance.now(),
  ) {
    this.url = endpoint.key;
    this.watchdog = new FreezeWatchdog(config, monoNow());
    this.firstFrame = new Promise((resolve) => (this.resolveFirstFrame = resolve));
    this.video = spareVideos.pop() ?? document.createElement('video');
    this.video.muted = true;
    this.video.playsInline = true;
    this.video.setAttribute('playsinline', '');
    this.video.preload = 'auto';
    this.player = new LivePath(this.video, endpoint, config, {
      now: monoNow,
      watchdog: this.watchdog,
      onMediaReset: () => this.onMediaReset(),
      play: () => this.play(),
    });
  }

  /** Starts the player and its freeze watchdog; returns the source (for the pool's factory). */
  public init(): this {
    this.player.start();
    this.requestFrame();
    this.timer = setInterval(this.onWatchdogTick, WATCHDOG_PERIOD_MS);
    return this;
  }

  /** Whether the element holds a decoded frame now (none before the first, nor after a media reset). */
  public get hasFrame(): boolean {
    return this.frameShown && !this.destroyed;
  }

  /** The element that decodes the camera (placed in the page layer by a tile on the element path). */
  public get element(): HTMLVideoElement | null {
    return this.destroyed ? null : this.video;
  }

  /**
   * `holder` draws this camera from the texture (true) or no longer does (false). A texture wanted
   * while a frame exists is made and filled at once (a tile falling back from the element path
   * shows the frame the element shows, e.g. the last one before a freeze).
   */
  public wantTexture(holder: object, want: boolean): void {
    if (!want) {
      this.textureHolders.delete(holder);
      if (this.textureHolders.size === 0) this.uploadScheduler.cancel(this);
      return;
    }
    if (this.textureHolders.has(holder)) return;
    this.textureHolders.add(holder);
    if (this.textureHolders.size > 1 || !this.frameShown) return;
    if (!this.texture) this.makeTexture();
    else this.uploadScheduler.request(this);
  }

  public setMaxSize(size: Size): void {
    this.player.setMaxSize(size);
  }

  public snapshot(): CameraSourceState {
    const s = this.watchdog.snapshot();
    const frozenSince = s.frozenSince === null ? null : this.wallNow() - (this.monoNow() - s.frozenSince);
    return {
      url: this.url,
      ...s,
      ...this.player.state(),
      frozenSince,
      uploads: this.uploads,
      videoWidth: this.video.videoWidth,
      videoHeight: this.video.videoHeight,
    };
  }

  /** Listeners off, player destroyed, element emptied the way pixi's VideoSource does it. */
  public destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    this.cancelFrameCallback();
    this.uploadScheduler.cancel(this);
    this.player.destroy();
    this.video.remove(); // out of a tile's box in the page layer, if it was in one
    this.video.style.cssText = '';
    this.video.pause();
    this.video.removeAttribute('src');
    this.video.load();
    if (spareVideos.length < MAX_SPARE_VIDEOS) spareVideos.push(this.video);
    this.texture?.destroy(true);
    this.texture = null;
  }

  /** The element is about to be emptied and refilled: no frame to copy, ask for frames afresh. */
  private onMediaReset(): void {
    this.frameShown = false;
    this.uploadScheduler.cancel(this);
    this.cancelFrameCallback();
    this.requestFrame();
  }

  private readonly onFrame = (_now: number, meta: VideoFrameCallbackMetadata): void => {
    this.frameHandle = null;
    if (this.destroyed) return;
    this.onNewFrame();
    this.watchdog.onFrame(this.monoNow(), meta);
    this.player.onFrame();
    this.requestFrame();
  };

  /**
   * A frame exists now (the callback says so). The first creates the texture (pixi uploads it when
   * it first draws it, later in this frame); the others ask the scheduler for an upload.
   */
  private onNewFrame(): void {
    const { videoWidth: width, videoHeight: height } = this.video;
    if (!width || !height) return;
    this.frameShown = true;
    this.resolveFirstFrame();
    if (this.textureHolders.size === 0) return; // every tile shows the element itself
    if (this.texture) {
      this.uploadScheduler.request(this);
      return;
    }
    this.makeTexture();
  }

  /** The texture, made from the frame the element holds now (pixi uploads it when it first draws it). */
  private makeTexture(): void {
    const { videoWidth: width, videoHeight: height } = this.video;
    const source = new TextureSource({
      resource: this.video,
      width,
      height,
      label: `camera ${this.url}`,
      alphaMode: 'no-premultiply-alpha', // opaque video: skip the premultiply pass
      autoGenerateMipmaps: false,
      scaleMode: 'linear',
    });
    // texImage2D of whatever the element shows (frame-uploader.ts); 'video' would re-check readiness.
    source.uploadMethodId = CAMERA_FRAME_UPLOAD;
    this.texture = new Texture({ source, label: `camera ${this.url}` });
    this.uploads++;
  }

  /**
   * Called by the scheduler in the frame loop, before the scene renders, for a frame announced by
   * the frame callback (this frame's, or an earlier one the cap deferred: the element then shows a
   * newer frame, which is what is copied). The scheduler forgets a source whose element is emptied
   * (newPlayer, destroy); the readiness check is a second guard.
   */
  public uploadFrame(): boolean {
    const texture = this.texture;
    if (this.destroyed || !texture || this.video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA || !this.video.videoWidth) return false;
    texture.source.update(); // resizes first if the variant's size changed
    this.uploads++;
    return true;
  }

  private readonly onWatchdogTick = (): void => {
    const now = this.monoNow();
    this.watchdog.onMediaTime(now, this.video.currentTime);
    const step = this.watchdog.tick(now);
    if (step) this.player.recover(step);
    this.player.tick(now);
  };

  private play(): void {
    // Muted and inline, so autoplay is allowed; a rejection (e.g. no source yet) is retried by the watchdog.
    this.video.play().catch(() => undefined);
  }

  private requestFrame(): void {
    if (this.frameHandle === null && !this.destroyed) {
      this.frameHandle = this.video.requestVideoFrameCallback(this.onFrame);
    }
  }

  private cancelFrameCallback(): void {
    if (this.frameHandle !== null) this.video.cancelVideoFrameCallback(this.frameHandle);
    this.frameHandle = null;
  }
}
