import type { Container } from 'pixi.js';
import type { Layout, Theme, Tile, Wall, Size } from '../../core/wall/model.js';
import type { CameraConfig } from '../camera/camera-config.js';
import type { CameraHub } from '../camera/camera-endpoint.js';
import type { LoadGauge } from '../load-shedder.js';
import type { RenderReason } from '../render-requests.js';
import type { TopicData } from '../store.js';
import type { PageContent } from '../web/page-content.js';
import type { WebFrameHost } from '../web/web-frame.js';
import type { VideoHost } from '../web/page-layer.js';

/** What a widget may use. Widgets never open sockets or fetch data: data reaches them through update(). */
export interface WidgetContext {
  wall: Wall;
  layout: Layout;
  tile: Tile;
  theme: Theme;
  lang: 'vi' | 'en';
  /** Milliseconds on the wall clock (hub-synchronised once a hub is connected); never Date.now() directly. */
  now(): number;
  /** Base URL against which relative asset and camera URLs resolve. */
  assetBase: string;
  cameraBase: string;
  /** The page's hub (URL, wall token), for tiles naming a project camera (`props.camera`); absent without a hub. */
  cameraHub?: CameraHub;
  /** The node (wall.yaml `nodes`) whose window this is: camera widgets share its `decoderBudget`. */
  node: string;
  /** The page's `camera` config slice (overrides of CAMERA_DEFAULTS), as the host gave it. */
  camera: Partial<CameraConfig>;
  /** What alert widgets may ask of the wall (acknowledge, select); absent or disabled without a hub. */
  alertActions?: AlertActions;
  /**
   * The tile starts hidden (degraded mode hides it in the scene being built): a widget with work
   * only the screen needs leaves it for setVisible(true) (a camera takes no decoder slot).
   */
  hidden?: boolean;
  /** The page layer, where a web tile's frame lives (absent where the page has none: a placeholder). */
  web?: WebFrameHost;
  /**
   * Where camera tiles put their video when the window's cameras take the element path
   * (camera.videoPath, resolveVideoPath): absent, they draw frames from textures.
   */
  videos?: VideoHost;
  /** How much the window sheds now (src/renderer/load-shedder.ts): cameras pace their uploads by it. */
  load?: LoadGauge;
  /**
   * The window renders a frame only when something changed (src/renderer/render-requests.ts). A
   * change in the widget's pixi objects is seen; one that pixi cannot see (a camera frame copied
   * into an unchanged texture) asks here for the next frame to render.
   */
  invalidate?: (reason: RenderReason) => void;
}

/**
 * The alert widgets' way back to the wall: they never talk to the hub, they tell the wall that
 * an operator wants to acknowledge an alert (the wall then asks who, on the screen touched).
 */
export interface AlertActions {
  /** Whether acknowledging is possible on this wall (a hub is configured). */
  readonly enabled: boolean;
  /** Starts acknowledging `alertId`; `at` is the wall point touched (it picks the screen). */
  acknowledge(alertId: string, at: { x: number; y: number }): void;
  /** The operator touched `alertId` (null: nothing selected). */
  select(alertId: string | null): void;
  /** Names an interactive element for the debug state's touch targets (null: it is gone). */
  exposeTarget(name: string, view: Container | null): void;
}

/** One tile's visual. The scene calls update() at most once per frame, only when its data changed. */
export interface Widget {
  /** Added by the scene to the tile's container; the widget draws in tile-local pixels from (0,0). */
  readonly view: Container;
  /** Resolves when the widget shows something meaningful (a camera: a frame or its placeholder). */
  readonly ready: Promise<void>;
  update(data: ReadonlyMap<string, TopicData>): void;
  resize(size: Size): void;
  /** Called every frame for animated widgets (ticker, clock, camera texture upload); optional. */
  tick?(nowMs: number): void;
  /**
   * The tile was hidden (degraded mode hid it, or moved it off this window) or shown again; only
   * on a change from the last call, or from `WidgetContext.hidden` at first. Optional: a widget with work that only the screen needs
   * stops it here (a camera gives its decoder back to the window's pool).
   */
  setVisible?(visible: boolean): void;
  /**
   * Content shown outside the canvas, in the page layer under it (a web tile's frame): the layer
   * places it at the tile every frame; the widget leaves its rect transparent while it shows.
   */
  readonly pageContent?: PageContent;
  destroy(): void;
}

export type WidgetFactory = (ctx: WidgetContext, size: Size) => Widget;
