/**
 * The debug hook a wall page installs as `window.wallrunDebug`: read-only state for tests and the
 * bench (tiles, topics, the hub link, degraded mode) and a few test levers (switch, publish, lose
 * the WebGL context, probe pixels). Not part of what a host needs, so apart from host-api.ts.
 */
import type { Rect } from '../wall/model.js';
import type { DrawnText } from '../wall/legibility.js';
import type { HubDebugState } from './hub-config.js';
import type { PageAlert } from './host-messages.js';
import type { LoadReport } from '../protocol/wall-health.js';

/**
 * Where a value in the page's store came from: the hub (snapshot or update), the page's demo feed
 * (`demoFeed`), or the host (the `publish` command, the debug lever). A topic's history holds one
 * source's values only (src/renderer/store.ts).
 */
export type ValueSource = 'hub' | 'demo' | 'host';

/** What a tile last handed its widget for one topic: the history a chart draws, summarised. */
export interface TopicDebugState {
  topic: string;
  /** History entries (the store keeps at most 600 per topic). */
  points: number;
  /** The distinct sources of those entries, in order of first appearance (one, by the store's rule). */
  sources: ValueSource[];
  /** Wall-clock ms of the oldest and newest entry; null when the history is empty. */
  from: number | null;
  to: number | null;
  /** Smallest and largest numeric value among the entries (null when none is a number). */
  min: number | null;
  max: number | null;
}

/** One tile's state as the debug hook (`window.wallrunDebug`) reports it; read-only, for tests. */
export interface TileDebugState {
  id: string;
  widget: string;
  /** Whether the registry had no factory and drew a labelled placeholder instead. */
  placeholder: boolean;
  /** Tile rect in wall pixels. */
  rect: Rect;
  ready: boolean;
  stale: boolean;
  /** A topic of the tile is on the hub's late list (its daily deadline passed without data). */
  late: boolean;
  /** Wall-clock ms of the newest data among the tile's topics, or null before any arrived. */
  lastUpdate: number | null;
  /** How many times the scene called the widget's update(). */
  updates: number;
  /** Per topic of the tile (the alerts pseudo-topic left out), what its last update() was given. */
  data: TopicDebugState[];
  /** Degraded mode moved the tile off a dead screen (`rect` is where it is now) or hid it under one. */
  degraded?: 'moved' | 'hidden';
  /** The tile's content is masked to `rect` now: it reaches past it (or the bench lever says `always`). */
  clipped: boolean;
  /** The texts the tile draws now, in drawing order (src/renderer/scene/drawn-texts.ts). */
  texts: TileText[];
  /** The severity marks it draws, as `severity:<level>:<shape>` (core/wall/vocabulary.ts). */
  marks: string[];
  /** A web tile's frame (src/renderer/web/): its state and whether it is visible on the page now. */
  web?: TileWebDebugState;
}

/** A web tile's frame as the debug state reports it. */
export interface TileWebDebugState {
  url: string;
  status: 'loading' | 'shown' | 'refused' | 'sign-in-expired' | 'failed' | 'unresponsive';
  /** The host's reason, or 'timeout'; null while loading or shown. */
  reason: string | null;
  /** Consecutive failed attempts. */
  failures: number;
  /** Loads shown so far (refreshes included). */
  loads: number;
  /** Until the next retry; null when none is planned. */
  retryInMs: number | null;
  /** The frame is visible on the page (its scene is shown, its page loaded). */
  visible: boolean;
}

/** A text as drawn: its characters, the node's label (`title`, `caption`… where a widget names it), its size. */
export interface TileText {
  text: string;
  label: string;
  /** Font size times the node's own scale, in wall px. */
  fontSizePx: number;
  /** Drawn width in the tile's px (the node's own scale applied). */
  width: number;
}

/** Degraded mode as the debug hook reports it (src/renderer/scene/degraded-apply.ts). */
export interface DegradedDebugState {
  /** What the plan ran with: the hub's dead screens and this node's dark screens together. */
  deadScreens: string[];
  /** Tiles moved off dead screens, with their wall rects now. */
  moved: { id: string; rect: Rect }[];
  hidden: string[];
  unplaced: string[];
}

/** What a window rendered: it renders a frame only when something on it changed. */
export interface RenderDebugState {
  /** Animation frames that ran the scene (updates, ticks), rendered or not. */
  processed: number;
  /** Frames rendered: something changed (load.rendered is the same count). */
  rendered: number;
  /** Rendered frames per second over the last whole second: "changed frames per second". */
  changedFps: number;
  /** Rendered frames by reason since the page loaded (`scene`, `swap`, `camera-frame`, `capture`, `probe`; a frame may have several). */
  reasons: Partial<Record<string, number>>;
  /** The scene is rendered straight to the canvas (one screen filling the window 1:1), not through the viewport texture. */
  direct: boolean;
  /** What draws the scene (src/renderer/render-backend.ts): pixi's WebGL renderer or its 2D canvas renderer. */
  backend: 'webgl' | 'canvas';
  /** Frames that redrew only the tiles that changed (the rest of the canvas kept as it was: partial-redraw.ts). */
  partial: number;
  /**
   * Page content shows outside the canvas now (web tiles, cameras on the element path): the canvas
   * holds holes there, so a picture of the window is the page's screenshot, not the canvas.
   */
  pageContent: boolean;
}

/** The read-only debug hook a page installs as `window.wallrunDebug` (plus a few test levers). */
export interface WallDebugState {
  windowId: string;
  layout: string | null;
  /** The preset the layout came through (hub `LayoutCommand.preset`); null: as its file says. */
  preset: { id: string; version: number } | null;
  frame: number;
  fps: number;
  /** Load shedding now (src/renderer/load-shedder.ts): level, steps given up, median frame time; frames rendered. */
  load: LoadReport & { rendered: number };
  /** Render only what changed (src/renderer/render-requests.ts): frames run, rendered, and why. */
  render: RenderDebugState;
  switching: boolean;
  tiles: TileDebugState[];
  /** The hub connection and acknowledgements; null when no hub is configured. */
  hub: HubDebugState | null;
  /** Degraded mode: the dead screens and what the plan did; absent while no screen is dead. */
  degraded?: DegradedDebugState;
  /** The page's local demo feed (`demoFeed`); null when the page has none. */
  demo: DemoFeedDebugState | null;
}

/**
 * What the page's local demo feed publishes (src/renderer/local-feed.ts); its values are marked
 * `demo` in `tiles[].data[].sources`. Topics are sorted.
 */
export interface DemoFeedDebugState {
  /** False once the hub's first snapshot ended it. */
  running: boolean;
  /** Topics generated as the hub's demo generates them (the catalogue of docs/topics.md). */
  catalogue: string[];
  /** Topics nobody publishes in the demo: a value invented within a range guessed from the tile. */
  invented: string[];
  /** Topics given by the host's snapshot (`wallrun render --data FILE`), published as given. */
  snapshot: string[];
}

/** Test levers and state the page installs as `window.wallrunDebug` (read-only by intent). */
export interface WallDebugApi {
  state(): WallDebugState;
  /**
   * Every text the current scene draws (its shown tiles), in wall px: the report of `wallrun render
   * --report` and `wallrun check` (src/renderer/scene/text-report.ts). Empty before a scene is shown.
   */
  texts(): DrawnText[];
  switchLayout(layout: string): Promise<boolean>;
  /** Frames rendered since load (cheap: for per-frame recorders; `state().load.rendered` too). */
  renderedFrames(): number;
  publish(topic: string, value: unknown, t?: number): void;
  raiseAlert(alert: PageAlert): void;
  clearAlert(id: string): void;
  /** As the `setDeadScreens` host command: the hub's complete set of dead screens (empty: all alive). */
  setDeadScreens(screens: string[]): void;
  /** As the `setDarkScreens` host command: this node's dark screens. */
  setDarkScreens(screens: string[]): void;
  /** Store publishes since load, to compare with widget update counts. */
  publishes(): number;
  /**
   * How the current scene's tiles clip their content to their rect (src/renderer/scene/tile-clip.ts):
   * `overflow` (the default: masked while the content reaches past the rect), `always` or `off`, for
   * the bench's comparison (docs/bench.md, `tile-clipping`). Returns the tile count.
   */
  setTileClipping(mode: 'overflow' | 'always' | 'off'): number;
  /**
   * `texture`: every frame through the viewport texture and the per-screen blit, even where the
   * window could render straight to the canvas (`auto`, the default: `render.direct`). For tests
   * and the bench's before/after. Returns whether the window renders directly now.
   */
  setRenderPath(path: 'auto' | 'texture'): boolean;
  /** Loses / restores the WebGL context through WEBGL_lose_context. */
  loseContext(): boolean;
  restoreContext(): boolean;
  /**
   * Starts recording, right after each frame is rendered (before the browser composites it), the
   * RGBA of the given canvas pixels (device px, top-left origin) by gl.readPixels.
   */
  startProbe(points: { x: number; y: number }[]): void;
  /** Stops recording and returns one entry per frame rendered since startProbe. */
  takeProbe(): ProbeFrame[];
  /** The whole canvas right after the next frame is rendered: RGBA rows top-down, base64. */
  captureFrame(): Promise<{ width: number; height: number; rgba: string }>;
  /**
   * The canvas as it is now, without rendering: what the last frames left on it (both backends keep
   * their pixels: what the partial redraws left there); null before the first canvas.
   */
  readCanvas(): { width: number; height: number; rgba: string } | null;
}

export interface ProbeFrame {
  frame: number;
  /** Layout the page believes it rendered; the pixels are the evidence. */
  layout: string | null;
  /** One [r, g, b, a] per probe point. */
  pixels: [number, number, number, number][];
}
