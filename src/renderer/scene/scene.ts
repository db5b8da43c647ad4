/**
 * One layout's scene for one window: a container in wall px holding the tiles that reach the
 * window's viewport (tiles elsewhere on the wall are not built, so their cameras are not decoded
 * here). Built hidden, made ready, then shown by the SceneManager in one frame.
 */
import { Container } from 'pixi.js';
import type { Layout, Rect, Theme, Tile, Wall } from '../../core/wall/model.js';
import type { TileDebugState } from '../../core/page/debug-hook.js';
import { intersectRect, tileRect } from '../../core/wall/geometry.js';
import type { AlertActions, WidgetContext } from '../widgets/widget.js';
import type { LoadGauge } from '../load-shedder.js';
import type { RenderReason } from '../render-requests.js';
import type { Store } from '../store.js';
import type { CameraConfig } from '../camera/camera-config.js';
import type { CameraHub } from '../camera/camera-endpoint.js';
import type { WebFrameHost } from '../web/web-frame.js';
import type { VideoHost } from '../web/page-layer.js';
import { TileView } from './tile-view.js';
import { hiddenAtBuild } from './hidden-at-build.js';
import type { ClipMode } from './tile-clip.js';
import { drawnTexts } from './text-report.js';
import type { DrawnText } from '../../core/wall/legibility.js';

export interface SceneOptions {
  wall: Wall;
  layout: Layout;
  theme: Theme;
  /** Wall rect this window shows. */
  viewport: Rect;
  lang: 'vi' | 'en';
  now(): number;
  assetBase: string;
  cameraBase: string;
  /** The page's hub, for camera tiles naming a project camera (WidgetContext.cameraHub). */
  cameraHub?: CameraHub;
  /** The window's node (its decoder budget) and the page's `camera` config slice, for camera widgets. */
  node: string;
  camera: Partial<CameraConfig>;
  /** How long a widget may take to become ready before it is replaced by a placeholder. */
  readyTimeoutMs: number;
  /** Topics the hub reports late (their daily deadline passed without data); none without a hub. */
  lateTopics?: () => ReadonlySet<string>;
  /** Handed to widgets (alert-list, ticker) so they can ask to acknowledge. */
  alertActions?: AlertActions;
  /** Dead screens now (degraded mode): tiles the plan hides are built hidden (see hiddenAtBuild). */
  deadScreens?: () => ReadonlySet<string>;
  /** The page layer, for web tiles' frames (WidgetContext.web). */
  web?: WebFrameHost;
  /** The page layer, for cameras on the element path (WidgetContext.videos); absent: textures. */
  videos?: VideoHost;
  /** The window's load shedding (WidgetContext.load). */
  load?: LoadGauge;
  /** Asks the window to render the next frame (WidgetContext.invalidate). */
  invalidate?: (reason: RenderReason) => void;
}

const NONE: ReadonlySet<string> = new Set();

/** How often stale badges are re-evaluated: ages are shown in whole seconds. */
const FRESHNESS_PERIOD_MS = 500;

export class Scene {
  /** Children in wall px; the viewport renders it offset by the viewport's origin. */
  public readonly root = new Container();
  public readonly tiles: TileView[] = [];
  private readonly byTopic = new Map<string, TileView[]>();
  private lastFreshness = -Infinity;
  /** Load shedding: charts whose redraw waits for their pace, and when each was last drawn. */
  private readonly chartsWaiting = new Set<TileView>();
  private readonly chartDrawnAt = new WeakMap<TileView, number>();

  public constructor(public readonly options: SceneOptions) {
    // The background is the render target's clear colour (theme.colors.background), not a shape.
    const { wall, layout, viewport } = options;
    this.root.sortableChildren = true;
    const hidden = hiddenAtBuild(wall, layout, viewport, options.deadScreens?.() ?? NONE);
    for (const tile of layout.tiles) {
      const rect = tileRect(wall, layout, tile);
      if (intersectRect(rect, viewport)) this.addView(tile, rect, hidden.has(tile.id));
    }
  }

  /**
   * Builds a tile view at wall rect `rect`: the constructor's tiles, and tiles degraded mode moves
   * into this viewport from elsewhere on the wall. Its widget starts now (hidden: see
   * WidgetContext.hidden); the caller tracks its readiness.
   */
  public addView(tile: Tile, rect: Rect, hidden = false): TileView {
    const o = this.options;
    const ctx: WidgetContext = {
      wall: o.wall,
      layout: o.layout,
      tile,
      theme: o.theme,
      lang: o.lang,
      now: o.now,
      assetBase: o.assetBase,
      cameraBase: o.cameraBase,
      ...(o.cameraHub ? { cameraHub: o.cameraHub } : {}),
      node: o.node,
      camera: o.camera,
      ...(o.alertActions ? { alertActions: o.alertActions } : {}),
      ...(hidden ? { hidden } : {}),
      ...(o.web ? { web: o.web } : {}),
      ...(o.videos ? { videos: o.videos } : {}),
      ...(o.load ? { load: o.load } : {}),
      ...(o.invalidate ? { invalidate: o.invalidate } : {}),
    };
    const view = new TileView(tile, rect, ctx);
    this.tiles.push(view);
    this.root.addChild(view.container);
    for (const topic of view.topics) {
      const list = this.byTopic.get(topic) ?? [];
      list.push(view);
      this.byTopic.set(topic, list);
    }
    return view;
  }

  /**
   * Resolves when every widget is ready, or was replaced by a placeholder after the timeout or a
   * rejection; never rejects, so one broken camera cannot block a layout switch.
   */
  public async whenReady(): Promise<void> {
    await Promise.all(
      this.tiles.map(async (t) => {
        let timer: ReturnType<typeof setTimeout> | undefined;
        const timeout = new Promise<'timeout'>((resolve) => {
          timer = setTimeout(() => resolve('timeout'), this.options.readyTimeoutMs);
        });
        try {
          const r = await Promise.race([t.widget.ready.then(() => 'ok' as const), timeout]);
          if (r === 'timeout') t.fallBack('(hết thời gian chờ)');
        } catch (err) {
          t.fallBack(`lỗi: ${err instanceof Error ? err.message : String(err)}`);
        } finally {
          clearTimeout(timer);
        }
        t.ready = true;
      }),
    );
  }

  /** Gives every tile the data already in the store (a new scene starts from current values). */
  public prime(store: Store): void {
    for (const t of this.tiles) if (t.topics.some((topic) => store.get(topic))) t.update(store);
  }

  /**
   * Updates each tile whose topics changed, once, however many publishes arrived. `chartPaceMs`
   * (load shedding, load-shedder.ts): a chart redrawn less than that long ago waits, and redraws
   * from the store's data then (nothing is lost, only later). `now`: a monotonic clock (ms), so a
   * wall-clock jump never holds a chart back.
   */
  public flush(store: Store, dirty: ReadonlySet<string>, now = 0, chartPaceMs = 0): number {
    const touched = new Set<TileView>(this.chartsWaiting);
    this.chartsWaiting.clear();
    for (const topic of dirty) for (const t of this.byTopic.get(topic) ?? []) touched.add(t);
    let updated = 0;
    for (const t of touched) {
      if (t.tile.widget === 'chart') {
        if (chartPaceMs > 0 && now - (this.chartDrawnAt.get(t) ?? -Infinity) < chartPaceMs) {
          this.chartsWaiting.add(t);
          continue;
        }
        this.chartDrawnAt.set(t, now);
      }
      t.update(store);
      updated++;
    }
    return updated;
  }

  public tick(now: number): void {
    for (const t of this.tiles) t.widget.tick?.(now);
    // `now` is hub time: it steps back when the clock offset follows a hub clock stepped back; the
    // check is due then too, or it would wait out the step (an hour) with its last verdict.
    const sinceCheck = now - this.lastFreshness;
    if (sinceCheck >= FRESHNESS_PERIOD_MS || sinceCheck < 0) {
      this.lastFreshness = now;
      const late = this.options.lateTopics?.() ?? NONE;
      for (const t of this.tiles) t.checkFreshness(now, late);
    }
    // Last before rendering: the content's bounds after this frame's updates, ticks and badges.
    for (const t of this.tiles) t.clip.sync();
  }

  /** How tiles clip their content (TileClip): `overflow` unless the bench compares. */
  public setClipMode(mode: ClipMode): void {
    for (const t of this.tiles) t.clip.mode = mode;
  }

  public debugTiles(): TileDebugState[] {
    return this.tiles.map((t) => t.debugState());
  }

  /** Every text the shown tiles draw, in wall px (the legibility report: text-report.ts). */
  public drawnTexts(): DrawnText[] {
    return drawnTexts(this.tiles, this.options.wall);
  }

  public destroy(): void {
    for (const t of this.tiles) t.destroy();
    this.tiles.length = 0;
    this.byTopic.clear();
    this.root.destroy({ children: true });
  }
}
