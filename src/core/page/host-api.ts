/**
 * The host API: the one seam through which whoever hosts a wall page (Electron's preload, the
 * browser shell, the tests) hands the page its config and hears what the page does. The page reads
 * `window.wallrunHost` (see src/renderer/host.ts) and nothing else from its environment.
 *
 * Everything here crosses a process or context boundary (contextBridge, playwright bindings), so
 * payloads are plain JSON: no functions, classes or Maps inside events and commands.
 */
import type { Layout, Rect, Theme, Wall } from '../wall/model.js';
import type { Alert, WatchdogHistory } from '../protocol/protocol.js';
import { check, watchdogHistory } from '../protocol/protocol-validate.js';
import type { PlannedWindow } from '../displays/window-plan.js';
import { screenActiveRect, wallBounds } from '../wall/geometry.js';
import { checkHubConfig, type HubDebugState, type WallHubConfig } from './hub-config.js';
import { checkDarkScreens } from './dark-screens.js';

export type { PlannedWindow, HubDebugState, WallHubConfig };

/** What a wall page needs to render its window: given once, before the page's first script runs. */
export interface WallPageConfig {
  wall: Wall;
  layouts: Layout[];
  themes: Theme[];
  /** The window this page renders: its screens, each mapping a wall rect onto a window rect. */
  window: PlannedWindow;
  /** Layout shown first; must be one of `layouts`. */
  initialLayout: string;
  lang: 'vi' | 'en';
  /** Device pixels per wall pixel: 1 on a real wall, e.g. 0.25 for a review render. */
  scale: number;
  /** Base URL for relative camera sources (HLS). */
  cameraBase: string;
  /** Base URL for assets/ (images, GeoJSON). */
  assetBase: string;
  /** Draw the whole wall in one page with bezels in the theme's bezel colour (`wallrun render`). */
  review?: boolean;
  /**
   * Publish plausible demo values when no hub is connected (default false). With a hub too, only
   * until its first snapshot, which replaces them (src/renderer/local-feed.ts).
   */
  demoFeed?: boolean;
  /** The hub to take live data from (src/core/page/hub-config.ts); without it the page has no hub. */
  hub?: WallHubConfig;
  /**
   * Screens of this node whose displays the shell's check did not find (src/core/page/dark-screens.ts):
   * degraded mode moves tiles off them from the first frame, and health reports name them to the
   * hub. Later changes come as `setDarkScreens`. Default none.
   */
  darkScreens?: string[];
  /**
   * What the shell's watchdog did to this window before this page (src/core/kiosk/watchdog-history.ts):
   * the page reports it in its health, so the hub sees crashes the page itself cannot. Default none.
   */
  watchdog?: WatchdogHistory;
  /**
   * The `camera` config slice (src/renderer/camera/camera-config.ts, docs/cameras.md): overrides
   * of its defaults, checked by the page. Plain JSON; typed there, since core cannot import it.
   */
  camera?: Readonly<Record<string, unknown>>;
}

/**
 * An alert as the wall shows it: the hub protocol's Alert, unchanged, so the hub client passes
 * alerts through without mapping. Title and message are plain text, always (never HTML).
 */
export type PageAlert = Alert;

/** Stable codes for page errors, so hosts can react without parsing messages. */
export type PageErrorCode =
  | 'config-invalid'
  | 'layout-missing'
  | 'layout-invalid'
  | 'switch-busy'
  | 'widget-failed'
  | 'fonts-failed'
  | 'webgl-context-lost'
  | 'viewport-too-large'
  | 'uncaught';

/** Events from the page to its host. */
export type PageEvent =
  /** The first layout is on screen: every widget ready or timed out to a placeholder. */
  | { type: 'ready'; windowId: string; layout: string; at: number }
  /** A layout switch swapped scenes on frame `frame` (the first frame showing `to`). */
  | { type: 'layoutSwitched'; from: string; to: string; at: number; frame: number }
  /** Two-phase switch: the scene for `switchId` is built hidden (ok) or cannot be (`error`). */
  | { type: 'layoutPrepared'; switchId: string; layout: string; ok: boolean; error?: string }
  | { type: 'error'; code: PageErrorCode; message: string; layout?: string; tile?: string }
  /** Frames per second over the last second, measured from requestAnimationFrame. */
  | { type: 'fps'; fps: number; frame: number }
  | { type: 'contextLost'; at: number }
  /** The WebGL context came back and the scene was rebuilt on it. */
  | { type: 'contextRestored'; at: number; layout: string };

export type PageEventType = PageEvent['type'];

/** Commands from the host to the page. */
export type HostCommand =
  /**
   * Switch layouts. With `at` (wall-clock ms, hub-synchronised), the new scene is prepared now and
   * swapped in on the first frame at or after `at`, so every window of the wall swaps together.
   */
  | { type: 'switchLayout'; layout: string; at?: number }
  /**
   * Two-phase switch (a host that is the window's hub client, or the page's own hub client): build
   * `layout` hidden now and answer `layoutPrepared`; `commitLayout` shows it on the first frame at
   * or after wall time `at`; `abortLayout` drops it and keeps the current layout.
   */
  | { type: 'prepareLayout'; switchId: string; layout: string }
  | { type: 'commitLayout'; switchId: string; layout: string; at: number }
  | { type: 'abortLayout'; switchId: string }
  | { type: 'publish'; topic: string; value: unknown; t?: number }
  | { type: 'raiseAlert'; alert: PageAlert }
  | { type: 'clearAlert'; id: string }
  /**
   * Degraded mode: the hub's complete set of dead screens (its `degraded` event, from a host that
   * is the window's hub client). The page re-plans its layout around these and its dark screens;
   * an empty list leaves only the dark ones.
   */
  | { type: 'setDeadScreens'; screens: string[] }
  /**
   * Degraded mode: the complete set of this node's dark screens after a re-plan (a display came
   * or went; replaces the config's `darkScreens`). Kept apart from the hub's set; the page plans
   * around both and reports these to the hub.
   */
  | { type: 'setDarkScreens'; screens: string[] };

/** Installed as `window.wallrunHost` before the page's script runs. */
export interface WallrunHost {
  getConfig(): WallPageConfig;
  emit(event: PageEvent): void;
  /** Returns an unsubscribe function. */
  onCommand(listener: (command: HostCommand) => void): () => void;
}

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

/** The read-only debug hook a page installs as `window.wallrunDebug` (plus a few test levers). */
export interface WallDebugState {
  windowId: string;
  layout: string | null;
  /** The preset the layout came through (hub `LayoutCommand.preset`); null: as its file says. */
  preset: { id: string; version: number } | null;
  frame: number;
  fps: number;
  switching: boolean;
  tiles: TileDebugState[];
  /** The hub connection and acknowledgements; null when no hub is configured. */
  hub: HubDebugState | null;
  /** Degraded mode: the dead screens and what the plan did; absent while no screen is dead. */
  degraded?: DegradedDebugState;
}

/** Checks a config's shape at the boundary; returns problems (empty when usable). */
export function checkPageConfig(raw: unknown): string[] {
  const problems: string[] = [];
  if (typeof raw !== 'object' || raw === null) return ['config is not an object'];
  const c = raw as Partial<WallPageConfig>;
  if (typeof c.wall !== 'object' || c.wall === null) problems.push('wall is missing');
  if (!Array.isArray(c.layouts) || c.layouts.length === 0) problems.push('layouts is empty');
  if (!Array.isArray(c.themes) || c.themes.length === 0) problems.push('themes is empty');
  if (typeof c.window !== 'object' || c.window === null || !Array.isArray(c.window.screens)) {
    problems.push('window.screens is missing');
  } else if (c.window.screens.length === 0) problems.push('window has no screens');
  if (typeof c.initialLayout !== 'string') problems.push('initialLayout is missing');
  else if (Array.isArray(c.layouts) && !c.layouts.some((l) => l.id === c.initialLayout)) {
    problems.push(`initialLayout "${c.initialLayout}" is not among the layouts`);
  }
  if (c.lang !== 'vi' && c.lang !== 'en') problems.push('lang must be "vi" or "en"');
  if (typeof c.scale !== 'number' || !(c.scale > 0) || c.scale > 4) {
    problems.push('scale must be a number in (0, 4]');
  }
  if (typeof c.cameraBase !== 'string') problems.push('cameraBase is missing');
  if (typeof c.assetBase !== 'string') problems.push('assetBase is missing');
  if (c.hub !== undefined) problems.push(...checkHubConfig(c.hub, c.window));
  if (c.darkScreens !== undefined) problems.push(...checkDarkScreens(c.darkScreens, c.wall));
  if (c.watchdog !== undefined) {
    const w = check(watchdogHistory, c.watchdog);
    if (!w.ok) problems.push(...w.errors.map((e) => `watchdog: ${e}`));
  }
  return problems;
}

/** Test levers and state the page installs as `window.wallrunDebug` (read-only by intent). */
export interface WallDebugApi {
  state(): WallDebugState;
  switchLayout(layout: string): Promise<boolean>;
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
}

export interface ProbeFrame {
  frame: number;
  /** Layout the page believes it rendered; the pixels are the evidence. */
  layout: string | null;
  /** One [r, g, b, a] per probe point. */
  pixels: [number, number, number, number][];
}

/**
 * The synthetic window of a review render (`wallrun render`): every screen of the wall placed at
 * its wall position, unrotated (the wall as people see it), so one page shows the whole wall and
 * the gaps between screens are the bezels. Window px = wall px from the wall's top-left corner.
 */
export function reviewWindow(wall: Wall): PlannedWindow {
  const b = wallBounds(wall);
  return {
    id: 'review',
    node: 'review',
    bounds: { x: 0, y: 0, width: b.width, height: b.height },
    screens: wall.screens.map((s, i) => {
      const r = screenActiveRect(wall, s);
      return {
        screenId: s.id,
        displayId: i + 1,
        wallRect: r,
        windowRect: { x: r.x - b.x, y: r.y - b.y, width: r.width, height: r.height },
        rotation: 0,
      };
    }),
    viewport: b,
  };
}

/**
 * IPC channels between Electron's preload and main (cf. GitHub Desktop's ipc-shared.ts). Only
 * these cross; src/main/ipc.ts checks the sender and parses each payload before main acts on it.
 */
export const HOST_IPC = {
  /** preload → main, synchronous, once at preload start: the window's WallPageConfig (null if refused). */
  getConfig: 'wallrun:get-config',
  /** preload → main: one PageEvent, as `WallrunHost.emit` received it. */
  event: 'wallrun:event',
  /** preload → main, every second while the renderer's main thread runs (the watchdog's heartbeat). */
  heartbeat: 'wallrun:heartbeat',
  /** main → preload: one HostCommand for the page's `onCommand` listeners. */
  command: 'wallrun:command',
} as const;

export type HostIpcChannel = (typeof HOST_IPC)[keyof typeof HOST_IPC];

/** What each channel carries (renderer → main payloads are checked at runtime). */
export interface HostIpcPayloads {
  'wallrun:get-config': undefined;
  'wallrun:event': PageEvent;
  'wallrun:heartbeat': HeartbeatPayload;
  'wallrun:command': HostCommand;
}

export interface HeartbeatPayload {
  /** Animation frames the page produced since the previous heartbeat. */
  frames: number;
}

const ERROR_CODES: readonly PageErrorCode[] = [
  'config-invalid', 'layout-missing', 'layout-invalid', 'switch-busy', 'widget-failed',
  'fonts-failed', 'webgl-context-lost', 'viewport-too-large', 'uncaught',
];

/** Each event type's fields besides `type`: 's' string, 's?' optional string, 'n' finite number, 'b' boolean. */
const EVENT_FIELDS: Record<PageEventType, Record<string, 's' | 's?' | 'n' | 'b'>> = {
  ready: { windowId: 's', layout: 's', at: 'n' },
  layoutSwitched: { from: 's', to: 's', at: 'n', frame: 'n' },
  layoutPrepared: { switchId: 's', layout: 's', ok: 'b', error: 's?' },
  error: { code: 's', message: 's', layout: 's?', tile: 's?' },
  fps: { fps: 'n', frame: 'n' },
  contextLost: { at: 'n' },
  contextRestored: { at: 'n', layout: 's' },
};

/** Checks a PageEvent from the page at a process boundary; returns problems (empty when usable). */
export function checkPageEvent(raw: unknown): string[] {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return ['event is not an object'];
  const e = raw as Record<string, unknown>;
  const fields = typeof e.type === 'string' && Object.hasOwn(EVENT_FIELDS, e.type) ? EVENT_FIELDS[e.type as PageEventType] : undefined;
  if (!fields) return [`unknown event type ${JSON.stringify(e.type)}`];
  const problems: string[] = [];
  for (const [key, kind] of Object.entries(fields)) {
    const v = e[key];
    if (kind === 'n') {
      if (typeof v !== 'number' || !Number.isFinite(v)) problems.push(`${key} must be a finite number`);
    } else if (kind === 'b') {
      if (typeof v !== 'boolean') problems.push(`${key} must be a boolean`);
    } else if (!(v === undefined && kind === 's?') && (typeof v !== 'string' || v.length > 4096)) {
      problems.push(`${key} must be a string of at most 4096 characters`);
    }
  }
  if (e.type === 'error' && !ERROR_CODES.includes(e.code as PageErrorCode)) problems.push(`unknown error code ${JSON.stringify(e.code)}`);
  return problems;
}
