/**
 * The one builder of a wall page's config (`WallPageConfig`, host-api.ts) for every host: Electron
 * main (through src/core/kiosk/kiosk-options.ts), the browser shell's node windows, `wallrun demo`
 * and `wallrun render`. The hosts differ only in the values they pass (bases, scale, hub, dark
 * screens); the rules they share live here: which layout shows first, and the identify layout
 * (Ctrl+Alt+I, `wallrun identify`) every page carries, its lines sized for the page's scale.
 * Pure, so it is tested without a browser.
 */
import type { FrozenWall, WallHubConfig, WallPageConfig } from './host-api.js';
import { IDENTIFY_LAYOUT_ID, withIdentifyLayout } from '../displays/identify.js';
import type { PlannedWindow } from '../displays/window-plan.js';
import type { Layout, Theme, Wall } from '../wall/model.js';
import type { JsonValue } from '../protocol/limits.js';

/** What a page shows: a wall with its (valid) layouts and themes. */
export interface PageProject {
  wall: Wall;
  layouts: readonly Layout[];
  themes: readonly Theme[];
}

/** What each host decides for its pages. */
export interface PageConfigOptions {
  /** The layout asked for first (see initialLayoutOf); absent: the wall's default. */
  layout?: string;
  lang: 'vi' | 'en';
  /** Device px per wall px: 1 on a wall, less in a demo preview or a review render. */
  scale: number;
  cameraBase: string;
  assetBase: string;
  /** Plausible demo values while no hub is connected (default false). */
  demoFeed?: boolean;
  /** Values shown as given, topic → value (WallPageConfig.data). */
  data?: Record<string, JsonValue>;
  /** The whole wall in one page, bezels drawn (`wallrun render`). */
  review?: boolean;
  /** A still wall: clock, data and animation phases fixed (WallPageConfig.frozen). */
  frozen?: FrozenWall;
  /** The node's screens without a display; absent: the page is not told of any. */
  darkScreens?: readonly string[];
  /** The hub, as given (with or without the window's identity: the page defaults it). */
  hub?: WallHubConfig;
}

/**
 * The layout shown first: the one asked for when the page has it (a layout of the project, or the
 * identify layout every page carries), else the wall's default.
 */
export function initialLayoutOf(project: Pick<PageProject, 'wall' | 'layouts'>, requested: string | undefined): string {
  if (!requested) return project.wall.defaultLayout;
  return requested === IDENTIFY_LAYOUT_ID || project.layouts.some((l) => l.id === requested) ? requested : project.wall.defaultLayout;
}

/** The config of the page that renders `window` of `project`. */
export function buildPageConfig(project: PageProject, window: PlannedWindow, options: PageConfigOptions): WallPageConfig {
  return {
    wall: project.wall,
    layouts: withIdentifyLayout(project.wall, project.layouts, project.themes, options.scale),
    themes: [...project.themes],
    window,
    initialLayout: initialLayoutOf(project, options.layout),
    lang: options.lang,
    scale: options.scale,
    cameraBase: options.cameraBase,
    assetBase: options.assetBase,
    ...(options.review ? { review: true } : {}),
    demoFeed: options.demoFeed ?? false,
    ...(options.data ? { data: { ...options.data } } : {}),
    ...(options.frozen ? { frozen: { ...options.frozen } } : {}),
    ...(options.darkScreens ? { darkScreens: [...options.darkScreens] } : {}),
    ...(options.hub ? { hub: { ...options.hub } } : {}),
  };
}
