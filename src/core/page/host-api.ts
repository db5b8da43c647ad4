/**
 * The host API: the one seam through which whoever hosts a wall page (Electron's preload, the
 * browser shell, the tests) hands the page its config and hears what the page does. The page reads
 * `window.wallrunHost` (see src/renderer/host.ts) and nothing else from its environment. What
 * travels through it is in host-messages.ts (events and commands); Electron's IPC for it is
 * host-ipc.ts; the page's debug hook is debug-hook.ts.
 *
 * Everything here crosses a process or context boundary (contextBridge, playwright bindings), so
 * payloads are plain JSON: no functions, classes or Maps inside events and commands.
 */
import type { Layout, Theme, Wall } from '../wall/model.js';
import type { WatchdogHistory } from '../protocol/wall-health.js';
import { checkWatchdogHistory } from '../protocol/protocol-validate.js';
import type { PlannedWindow } from '../displays/window-plan.js';
import { screenActiveRect, wallBounds } from '../wall/geometry.js';
import { checkHubConfig, type HubDebugState, type WallHubConfig } from './hub-config.js';
import { checkDarkScreens } from './dark-screens.js';
import type { HostCommand, PageEvent } from './host-messages.js';

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

/** Installed as `window.wallrunHost` before the page's script runs. */
export interface WallrunHost {
  getConfig(): WallPageConfig;
  emit(event: PageEvent): void;
  /** Returns an unsubscribe function. */
  onCommand(listener: (command: HostCommand) => void): () => void;
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
    const w = checkWatchdogHistory(c.watchdog);
    if (!w.ok) problems.push(...w.errors.map((e) => `watchdog: ${e}`));
  }
  return problems;
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
