/**
 * A live camera tile: the video scaled to cover the tile (aspect kept, overflow cropped through
 * the texture frame, so no mask), the camera's name, a live badge, and when the signal is lost
 * the last frame dimmed under "Mất tín hiệu từ hh:mm:ss". Before the first frame ("Đang kết nối…",
 * then "Chưa có tín hiệu" once the watchdog gives up waiting), or while the node's decoder budget is
 * used up, a still placeholder says why (camera-message.ts). Decoding is shared through
 * the window's CameraPool: a camera spanning screens (or shown twice) is decoded once, and a tile
 * hidden by degraded mode gives its hold up (setVisible), so its decoder goes to a shown tile.
 */
import { Container, Graphics, Rectangle, Sprite, Texture } from 'pixi.js';
import type { Localized, Size, Wall } from '../../core/wall/model.js';
import { CameraPool, type CameraLease, type LeaseOptions, type PoolSnapshot } from '../camera/camera-pool.js';
import { decodingNodes, NodesLease } from '../camera/camera-nodes.js';
import { CameraSource, type CameraSourceState } from '../camera/camera-source.js';
import { cameraConfig, type CameraConfig } from '../camera/camera-config.js';
import { hlsEndpoint, hubEndpoint, sourceEndpoint, wantsSubStream, type CameraEndpoint } from '../camera/camera-endpoint.js';
import { UploadScheduler, type UploadStats } from '../camera/upload-scheduler.js';
import type { Widget, WidgetContext, WidgetFactory } from './widget.js';
import { colorNumber, localize, prop } from './text-style.js';
import { cameraMessage } from './camera-message.js';
import { CameraCaptions } from './camera-captions.js';
import type { VideoContent } from '../web/video-content.js';
import { formatTime } from '../../core/wall/format.js';

export interface CameraProps {
  source: string;
  /** A project camera's id, played through the page's hub gateway (low-latency, HLS fallback). */
  camera: string;
  label?: Localized;
  showLabel: boolean;
}

/** What tests and diagnostics read per camera tile (`window.wallrunCameras()`). */
export interface CameraTileDebug extends Omit<Partial<CameraSourceState>, 'state' | 'url'> {
  tile: string;
  url: string;
  /**
   * `waiting`: no decoder slot (budget exceeded); `paused`: the tile is hidden (degraded mode) and no
   * shown tile needs its camera, so nothing decodes it; otherwise the source's watchdog state (also
   * for a hidden tile whose camera another shown tile keeps decoding).
   */
  state: CameraSourceState['state'] | 'waiting' | 'paused';
  /** The video drawn from the camera's texture now. */
  textured: boolean;
  /** How the video reaches the screen now: `element` (composited by the browser under the canvas), `texture`, or '' (none shown). */
  videoPath: 'element' | 'texture' | '';
  /** The placeholder line the tile shows ('' over live video). */
  message: string;
}

declare global {
  interface Window {
    /** `pool`: the first node's pool (the only one on the wall); `pools`: each node's, by id. */
    wallrunCameras?: () => { pool: PoolSnapshot; pools: Record<string, PoolSnapshot>; uploads: UploadStats; tiles: CameraTileDebug[] };
  }
}


/**
 * One set of pools per window: a page is one window, and its Wall object lives as long as the
 * page's config, so scenes of a layout switch share decoders (no reconnect for a camera in both
 * layouts). On the wall the set holds the window's node's pool; a review page holds one per node
 * (camera-nodes.ts), each with that node's budget.
 */
interface WindowCameras {
  /** By node id ('' for a tile on no node's screens: the smallest budget of the wall). */
  pools: Map<string, CameraPool<CameraSource>>;
  config: CameraConfig;
  /** The window's frame uploads, capped per rendered frame (camera.maxUploadsPerFrame). */
  uploads: UploadScheduler;
  /** What each pool key plays (a plain HLS URL or a hub camera), registered by the tiles. */
  endpoints: Map<string, CameraEndpoint>;
}
const windows = new WeakMap<Wall, WindowCameras>();
const tiles = new Set<CameraWidget>();
/** The page's latest window cameras, for `wallrunCameras()`. */
let latest: WindowCameras | null = null;

function windowCameras(ctx: WidgetContext): WindowCameras {
  let entry = windows.get(ctx.wall);
  if (!entry) {
    const config = cameraConfig(ctx.camera);
    const load = ctx.load;
    entry = { pools: new Map(), config, uploads: new UploadScheduler(config.maxUploadsPerFrame, () => load?.cameraPaceMs ?? 0), endpoints: new Map() };
    windows.set(ctx.wall, entry);
  }
  latest = entry;
  window.wallrunCameras ??= () => {
    const shown = latest ?? entry;
    const pools = [...shown.pools];
    return {
      pool: pools[0]?.[1].snapshot() ?? { budget: 0, active: [], waiting: [], paused: [] },
      pools: Object.fromEntries(pools.map(([node, p]) => [node, p.snapshot()])),
      uploads: shown.uploads.snapshot(),
      tiles: [...tiles].map((t) => t.debugState()),
    };
  };
  return entry;
}

/** The pool of node `nodeId` in this window, made on first use with the node's budget. */
function nodePool(ctx: WidgetContext, cams: WindowCameras, nodeId: string): CameraPool<CameraSource> {
  let pool = cams.pools.get(nodeId);
  if (pool) return pool;
  const node = ctx.wall.nodes.find((n) => n.id === nodeId);
  const budget = cams.config.decoderBudget ?? node?.decoderBudget ?? Math.min(...ctx.wall.nodes.map((n) => n.decoderBudget));
  const { config, uploads, endpoints } = cams;
  const now = ctx.now;
  pool = new CameraPool((key) => new CameraSource(endpoints.get(key) ?? sourceEndpoint(key), config, now, uploads).init(), budget);
  cams.pools.set(nodeId, pool);
  return pool;
}

/** The tile's hold on its camera: in its window's node pool, or in each covered node's (review). */
function acquireLease(ctx: WidgetContext, endpoint: CameraEndpoint, options: LeaseOptions<CameraSource>): { lease: CameraLease<CameraSource>; cams: WindowCameras } {
  const cams = windowCameras(ctx);
  const url = endpoint.key;
  cams.endpoints.set(url, endpoint);
  const nodes = decodingNodes(ctx.wall, ctx.layout, ctx.tile, ctx.node);
  const leases = (nodes.length ? nodes : ['']).map((n) => nodePool(ctx, cams, n).acquire(url, options));
  return { lease: leases.length === 1 ? leases[0]! : new NodesLease(leases), cams };
}

export class CameraWidget implements Widget {
  public static readonly defaults = { showLabel: true };
  public readonly view = new Container();
  public readonly ready: Promise<void>;
  private readonly props: CameraProps;
  private readonly lease: CameraLease<CameraSource>;
  private readonly uploads: UploadScheduler;
  private readonly background = new Graphics();
  private readonly sprite = new Sprite();
  /** Erase-blended: the tile's rect left transparent while the camera's element shows under the canvas. */
  private readonly hole = new Graphics({ label: 'camera-hole' });
  private readonly dim = new Graphics();
  /** Status message, live badge and name, at legible size. */
  private readonly captions: CameraCaptions;
  private readonly clock: (ms: number) => string;
  private size: Size;
  /** This tile's cropped view of the shared video texture, and the source size it was cut for. */
  private cropped: { texture: Texture; width: number; height: number } | null = null;
  private shown = '';
  /** Resolves `ready` early: a tile hidden before its first frame has nothing to wait for. */
  private resolveReady: () => void = () => undefined;
  private readonly readyWhenDown: boolean;
  private markedLive = false;
  /** The element path's place in the page layer (null: the window's cameras draw from textures). */
  private readonly content: VideoContent | null;
  /** The source this tile holds a texture of (CameraSource.wantTexture). */
  private textureFrom: CameraSource | null = null;

  public constructor(
    private readonly ctx: WidgetContext,
    size: Size,
  ) {
    const p = ctx.tile.props;
    this.props = {
      source: prop(p, 'source', ''),
      camera: prop(p, 'camera', ''),
      label: (p.label as Localized | undefined) ?? ctx.tile.title,
      showLabel: prop(p, 'showLabel', CameraWidget.defaults.showLabel),
    };
    this.size = size;
    const label = this.props.showLabel ? localize(this.props.label, ctx.lang) : '';
    this.captions = new CameraCaptions(ctx, size, label);
    this.clock = (ms) => formatTime(ms, ctx.wall.timezone, { seconds: true });
    this.hole.blendMode = 'erase';
    this.hole.visible = false;
    this.view.addChild(this.background, this.hole, this.sprite, this.dim, this.captions.view);

    const { lease, cams } = acquireLease(ctx, cameraEndpoint(ctx, this.props, size), { priority: ctx.tile.priority, size, shown: !ctx.hidden, onChange: () => this.sync() });
    this.lease = lease;
    this.content = ctx.videos?.openVideo({ tile: ctx.tile.id, video: () => this.lease.source?.element ?? null }) ?? null;
    this.uploads = cams.uploads;
    const config = cams.config;
    this.readyWhenDown = config.readyWhenDown;
    tiles.add(this);
    this.resize(size);
    // Ready on the first frame, or once the placeholder has shown for readyTimeoutMs: the scene's
    // own (longer) timeout would replace the whole widget, and the camera must keep retrying.
    const source = this.lease.source;
    this.ready = new Promise<void>((resolve) => {
      this.resolveReady = resolve;
      if (!source) return resolve(); // the budget placeholder is what this tile shows for now
      const timer = setTimeout(resolve, config.readyTimeoutMs);
      void source.firstFrame.then(() => {
        clearTimeout(timer);
        this.sync();
        resolve();
      });
    });
  }

  public update(): void {}

  /** The camera's element in the page layer, on the element path. */
  public get pageContent(): VideoContent | undefined {
    return this.content ?? undefined;
  }

  /** Degraded mode hid or showed the tile: hidden, it stops holding its camera's decoder. */
  public setVisible(visible: boolean): void {
    this.lease.setShown(visible);
    if (!visible) this.resolveReady();
    this.sync();
  }

  public resize(size: Size): void {
    this.size = size;
    this.lease.setSize(size);
    this.background.clear().rect(0, 0, size.width, size.height).fill(colorNumber(this.ctx.theme.colors.surface));
    this.hole.clear().rect(0, 0, size.width, size.height).fill(0xffffff);
    this.dim.clear().rect(0, 0, size.width, size.height).fill({ color: 0x000000, alpha: 0.6 });
    this.captions.layout(size);
    this.dropCrop();
    this.sync();
  }

  /**
   * Called every frame, before the scene renders: the first camera tile to tick in a frame runs the
   * window's capped uploads (`nowMs` is the frame's wall time, the same for every tile of the frame);
   * then the tile picks up its first frame, size changes and state changes.
   */
  public tick(nowMs: number): void {
    // A frame copied into a texture changes pixels pixi's tree does not know of: ask for a render.
    if (this.uploads.flush(nowMs) > 0) this.ctx.invalidate?.('camera-frame');
    this.sync();
  }

  public debugState(): CameraTileDebug {
    const source = this.lease.source;
    const s = source?.snapshot();
    const videoPath = this.hole.visible ? 'element' : this.sprite.visible ? 'texture' : '';
    return { ...s, tile: this.ctx.tile.id, url: this.lease.url, state: s?.state ?? this.idleState(), textured: this.sprite.visible, videoPath, message: this.captions.message.text };
  }

  public destroy(): void {
    tiles.delete(this);
    this.holdTexture(null, false);
    this.content?.destroy();
    this.lease.release();
    this.dropCrop();
    this.view.destroy({ children: true });
  }

  private sync(): void {
    if (this.view.destroyed) return;
    const source = this.lease.source;
    const s = source?.snapshot();
    const state = s?.state ?? this.idleState();
    const lostAt = s?.frozenSince ?? null;
    // The element path while the element is in this tile's place with a frame and the camera is
    // live; a lost camera shows its last frame from the texture (dimmed), where a reset element has none.
    const onElement = this.content?.shown === true && source?.hasFrame === true && state !== 'frozen' && state !== 'recovering';
    this.holdTexture(source, !onElement);
    const video = onElement ? null : (source?.texture ?? null);
    if (!video) this.dropCrop();
    else if (!this.cropped || this.cropped.width !== video.source.pixelWidth || this.cropped.height !== video.source.pixelHeight) {
      this.crop(video);
    }
    this.sprite.visible = this.cropped !== null;
    this.hole.visible = onElement;
    const played = this.sprite.visible || onElement;
    // Whole seconds: frozenSince is re-derived from two clocks each call, and Text re-rasterises on change.
    const key = `${state}|${lostAt === null ? '' : Math.floor(lostAt / 1000)}|${this.sprite.visible}|${onElement}`;
    if (key === this.shown) return;
    this.shown = key;
    const lost = (state === 'frozen' || state === 'recovering') && lostAt !== null;
    const text = cameraMessage({ state, played, lostAt, lang: this.ctx.lang, clock: this.clock });
    this.captions.message.text = text;
    this.captions.message.visible = text !== '';
    this.dim.visible = lost && this.sprite.visible;
    this.captions.live.visible = state === 'live' && played;
    // The tile's first live frame, as a start-up mark (`wallrun demo --verbose`, demo-timeline.ts):
    // once per layout and tile, so weeks of layout switches keep the page's marks few.
    if (this.captions.live.visible && !this.markedLive) {
      this.markedLive = true;
      const mark = `wallrun:camera-frame:${this.ctx.layout.id}/${this.ctx.tile.id}`;
      if (performance.getEntriesByName(mark).length === 0) performance.mark(mark);
    }
    if (this.readyWhenDown && (state === 'frozen' || state === 'recovering')) this.resolveReady();
  }

  /** This tile draws `source` from its texture (want), or draws nothing from any texture. */
  private holdTexture(source: CameraSource | null | undefined, want: boolean): void {
    const next = want ? (source ?? null) : null;
    if (this.textureFrom !== next) this.textureFrom?.wantTexture(this, false);
    this.textureFrom = next;
    next?.wantTexture(this, true);
  }

  /** What a tile without a source is doing: waiting for a slot, or hidden and not asking for one. */
  private idleState(): 'waiting' | 'paused' {
    return this.lease.shown ? 'waiting' : 'paused';
  }

  /** Cover: the largest centred part of the video with the tile's aspect, stretched onto the tile. */
  private crop(video: Texture): void {
    this.dropCrop();
    const { pixelWidth: vw, pixelHeight: vh } = video.source;
    const tileAspect = this.size.width / this.size.height;
    const fw = Math.min(vw, vh * tileAspect);
    const fh = Math.min(vh, vw / tileAspect);
    const frame = new Rectangle((vw - fw) / 2, (vh - fh) / 2, fw, fh);
    const texture = new Texture({ source: video.source, frame });
    this.cropped = { texture, width: vw, height: vh };
    this.sprite.texture = texture;
    this.sprite.setSize(this.size.width, this.size.height);
  }

  private dropCrop(): void {
    if (!this.cropped) return;
    this.sprite.texture = Texture.EMPTY;
    this.cropped.texture.destroy(false); // the video texture source is the pool's, not ours
    this.cropped = null;
  }
}

/**
 * A project camera through the page's hub; without a hub (a review page), the same camera's HLS
 * path relative to the camera base, unauthenticated. Otherwise the tile's plain HLS source.
 */
/** What the tile plays; a small tile of a hub camera its sub-stream (decided once, at the tile's size when made). */
function cameraEndpoint(ctx: WidgetContext, props: CameraProps, size: Size): CameraEndpoint {
  const base = ctx.cameraBase || window.location.href;
  if (props.camera && ctx.cameraHub) return hubEndpoint(ctx.cameraHub, props.camera, wantsSubStream(size, windowCameras(ctx).config.subStreamMaxPx));
  if (props.camera) return hlsEndpoint(new URL(`cameras/${encodeURIComponent(props.camera)}/hls/index.m3u8`, base).href);
  return sourceEndpoint(new URL(props.source, base).href);
}

export const createCamera: WidgetFactory = (ctx, size) => new CameraWidget(ctx, size);
