/**
 * The wall as mounted, as `GET /api/wall` answers it (docs/protocol.md "The wall as mounted"): every
 * screen at its place in wall px (bezel gaps included, as the renderer places them), which window
 * shows it and where in that window's thumbnail, and every layout's tiles as rectangles, so a
 * console can draw the wall and preview a layout on it without the project's files.
 */
import type { Localized, Rect, Rotation } from '../wall/model.js';

/** One screen of the wall. */
export interface WallPlanScreen {
  id: string;
  node: string;
  /** Its lit area in wall px (core/wall/geometry.ts screenActiveRect). */
  rect: Rect;
  /** Clockwise rotation of the mounted panel. */
  rotation: Rotation;
  /** The window that reported this screen last (GET /api/walls), or null when none has. */
  window: { node: string; window: string; connected: boolean } | null;
  /**
   * Where the screen is in its window's thumbnail, as fractions (0–1) of the picture's width and
   * height, and the quarter turn (clockwise, degrees) that puts that crop upright as on the wall
   * (a window whose OS does not rotate the display turns the picture itself). Null without a window.
   */
  picture: { x: number; y: number; width: number; height: number; turn: 0 | 90 | 270 } | null;
  /** Whether the hub counts the screen dead (degraded mode). */
  dead: boolean;
}

/** One tile of a layout as a schematic: where it is and what it shows. */
export interface WallPlanTile {
  id: string;
  widget: string;
  title: Localized | null;
  rect: Rect;
}

export interface WallPlanLayout {
  id: string;
  title: { vi: string; en: string };
  tiles: WallPlanTile[];
}

/** The answer of `GET /api/wall`; from a hub started without the wall model, `wall` null and no screens or layouts. */
export interface WallPlanAnswer {
  hubTime: number;
  wall: { id: string; title: Localized; timezone: string; width: number; height: number } | null;
  screens: WallPlanScreen[];
  layouts: WallPlanLayout[];
}
