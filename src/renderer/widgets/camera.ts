/**
 * A live camera tile: the video scaled to cover the tile (aspect kept, overflow cropped through
 * the texture frame, so no mask), the camera's name, a live badge, and when the signal is lost
 * the last frame dimmed under "Mất tín hiệu từ hh:mm:ss". Before the first frame, or while the
 * window's decoder budget is used up, a still placeholder says why. Decoding is shared through
 * the window's CameraPool: a camera spanning screens (or shown twice) is decoded once, and a tile
 * hidden by degraded mode gives its hold up (setVisible), so its decoder goes to a shown tile.
 */
import { Container, Graphics, Rectangle, Sprite, Texture, type Text } from 'pixi.js';
import type { Localized, Size, Wall } from '../../core/wall/model.js';
import { CameraPool, type CameraLease } from '../camera/camera-pool.js';
import { CameraSource, type CameraSourceState } from '../camera/camera-source.js';
import { cameraConfig, type CameraConfig } from '../camera/camera-config.js';
import { UploadScheduler, type UploadStats } from '../camera/upload-scheduler.js';
import type { Widget, WidgetContext, WidgetFactory } from './widget.js';
import { colorNumber, localize, makeText, prop } from './text-style.js';
import { formatTime } from '../../core/wall/format.js';

export interface CameraProps {
  source: string;
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
  textured: boolean;
}

declare global {
  interface Window {
    wallrunCameras?: () => { pool: ReturnType<CameraPool<CameraSource>['snapshot']>; uploads: UploadStats; tiles: CameraTileDebug[] };
  }
}

const TEXT = {
  live: { vi: 'TRỰC TIẾP', en: 'LIVE' },
  connecting: { vi: 'Đang kết nối…', en: 'Connecting…' },
  lost: { vi: 'Mất tín hiệu từ', en: 'No signal since' },
  budget: { vi: 'Vượt ngân sách giải mã', en: 'Decoder budget exceeded' },
} as const;
const LIVE_RED = 0xff3b30;

/**
 * One pool per window: a page is one window, and its Wall object lives as long as the page's
 * config, so scenes of a layout switch share decoders (no reconnect for a camera in both layouts).
 */
interface WindowCameras {
  pool: CameraPool<CameraSource>;
  config: CameraConfig;
  /** The window's frame uploads, capped per rendered frame (camera.maxUploadsPerFrame). */
  uploads: UploadScheduler;
}
const pools = new WeakMap<Wall, WindowCameras>();
const tiles = new Set<CameraWidget>();

function windowPool(ctx: WidgetContext): WindowCameras {
  let entry = pools.get(ctx.wall);
  if (entry) return entry;
  const config = cameraConfig(ctx.camera);
  const node = ctx.wall.nodes.find((n) => n.id === ctx.node);
  const budget = config.decoderBudget ?? node?.decoderBudget ?? Math.min(...ctx.wall.nodes.map((n) => n.decoderBudget));
  const now = ctx.now;
  const uploads = new UploadScheduler(config.maxUploadsPerFrame);
  const pool = new CameraPool((url) => new CameraSource(url, config, now, uploads).init(), budget);
  entry = { pool, config, uploads };
  pools.set(ctx.wall, entry);
  window.wallrunCameras ??= () => ({ pool: pool.snapshot(), uploads: uploads.snapshot(), tiles: [...tiles].map((t) => t.debugState()) });
  return entry;
}

/** Text over video gets a dark plate of its own, so it stays legible on any picture. */
function plate(content: Container[], pad: number): Container {
  const box = new Container();
  box.addChild(...content);
  const b = box.getLocalBounds();
  const bg = new Graphics()
    .roundRect(b.x - pad, b.y - pad / 2, b.width + pad * 2, b.height + pad, pad)
    .fill({ color: 0x000000, alpha: 0.55 });
  box.addChildAt(bg, 0);
  return box;
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
  private readonly dim = new Graphics();
  private readonly message: Text;
  private readonly live: Container;
  private readonly name: Container | null;
  private readonly clock: (ms: number) => string;
  private size: Size;
  /** This tile's cropped view of the shared video texture, and the source size it was cut for. */
  private cropped: { texture: Texture; width: number; height: number } | null = null;
  private shown = '';
  /** Resolves `ready` early: a tile hidden before its first frame has nothing to wait for. */
  private resolveReady: () => void = () => undefined;

  public constructor(
    private readonly ctx: WidgetContext,
    size: Size,
  ) {
    const p = ctx.tile.props;
    this.props = {
      source: prop(p, 'source', ''),
      label: (p.label as Localized | undefined) ?? ctx.tile.title,
      showLabel: prop(p, 'showLabel', CameraWidget.defaults.showLabel),
    };
    this.size = size;
    const unit = Math.max(16, Math.round(Math.min(size.height, size.width * 0.5625) * 0.045));
    this.message = makeText(ctx.theme, '', { size: Math.round(unit * 1.2), weight: 600, align: 'center' });
    this.message.anchor.set(0.5);
    const liveText = makeText(ctx.theme, localize(TEXT.live, ctx.lang), { size: unit, weight: 700 });
    liveText.position.set(unit * 1.4, 0);
    const dot = new Graphics().circle(unit * 0.5, unit * 0.62, unit * 0.4).fill(LIVE_RED);
    this.live = plate([dot, liveText], unit * 0.4);
    const label = localize(this.props.label, ctx.lang);
    this.name = this.props.showLabel && label ? plate([makeText(ctx.theme, label, { size: unit, weight: 600 })], unit * 0.4) : null;
    this.clock = (ms) => formatTime(ms, ctx.wall.timezone, { seconds: true });
    this.view.addChild(this.background, this.sprite, this.dim, this.message, this.live);
    if (this.name) this.view.addChild(this.name);

    const { pool, config, uploads } = windowPool(ctx);
    this.uploads = uploads;
    const url = new URL(this.props.source, ctx.cameraBase || window.location.href).href;
    this.lease = pool.acquire(url, { priority: ctx.tile.priority, size, shown: !ctx.hidden, onChange: () => this.sync() });
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
    this.dim.clear().rect(0, 0, size.width, size.height).fill({ color: 0x000000, alpha: 0.6 });
    this.message.position.set(size.width / 2, size.height / 2);
    this.message.style.wordWrap = true;
    this.message.style.wordWrapWidth = Math.max(10, size.width * 0.9);
    const pad = Math.round(this.message.style.fontSize as number * 0.6);
    this.live.position.set(pad, pad);
    this.name?.position.set(pad, size.height - pad - this.name.height);
    this.dropCrop();
    this.sync();
  }

  /**
   * Called every frame, before the scene renders: the first camera tile to tick in a frame runs the
   * window's capped uploads (`nowMs` is the frame's wall time, the same for every tile of the frame);
   * then the tile picks up its first frame, size changes and state changes.
   */
  public tick(nowMs: number): void {
    this.uploads.flush(nowMs);
    this.sync();
  }

  public debugState(): CameraTileDebug {
    const source = this.lease.source;
    const s = source?.snapshot();
    return { ...s, tile: this.ctx.tile.id, url: this.lease.url, state: s?.state ?? this.idleState(), textured: this.sprite.visible };
  }

  public destroy(): void {
    tiles.delete(this);
    this.lease.release();
    this.dropCrop();
    this.view.destroy({ children: true });
  }

  private sync(): void {
    if (this.view.destroyed) return;
    const source = this.lease.source;
    const video = source?.texture ?? null;
    if (!video) this.dropCrop();
    else if (!this.cropped || this.cropped.width !== video.source.pixelWidth || this.cropped.height !== video.source.pixelHeight) {
      this.crop(video);
    }
    this.sprite.visible = this.cropped !== null;
    const s = source?.snapshot();
    const state = s?.state ?? this.idleState();
    const lostAt = s?.frozenSince ?? null;
    // Whole seconds: frozenSince is re-derived from two clocks each call, and Text re-rasterises on change.
    const key = `${state}|${lostAt === null ? '' : Math.floor(lostAt / 1000)}|${this.sprite.visible}`;
    if (key === this.shown) return;
    this.shown = key;
    const lost = (state === 'frozen' || state === 'recovering') && lostAt !== null;
    let text = '';
    if (state === 'waiting') text = localize(TEXT.budget, this.ctx.lang);
    else if (lost) text = `${localize(TEXT.lost, this.ctx.lang)} ${this.clock(lostAt)}`;
    else if (!this.sprite.visible) text = localize(TEXT.connecting, this.ctx.lang);
    this.message.text = text;
    this.message.visible = text !== '';
    this.dim.visible = lost && this.sprite.visible;
    this.live.visible = state === 'live' && this.sprite.visible;
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

export const createCamera: WidgetFactory = (ctx, size) => new CameraWidget(ctx, size);
