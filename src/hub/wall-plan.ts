/**
 * `GET /api/wall`: the wall as mounted, for the console's wall canvas (docs/protocol.md "The wall
 * as mounted"). Screen and tile rects come from core/wall/geometry.ts, the same functions the
 * renderer and `wallrun render` place them with; where each screen sits in its window's thumbnail
 * comes from the window plan the shell makes (core/displays/window-plan.ts) for the displays
 * wall.yaml describes.
 */
import { assumedDisplays, planWindows, type PlannedWindow } from '../core/displays/window-plan.js';
import { pageRotation } from '../core/displays/page-rotation.js';
import type { WallPlanAnswer, WallPlanLayout, WallPlanScreen } from '../core/protocol/wall-plan.js';
import type { WallInfo } from '../core/protocol/walls.js';
import { screenActiveRect, tileRect, unionRects, wallBounds } from '../core/wall/geometry.js';
import type { Layout, Rect, Screen, Wall } from '../core/wall/model.js';
import { sendJson, type Router } from './http.js';

/** The parts of the answer that never change while the hub runs: computed once. */
export interface WallPlanBase {
  wall: NonNullable<WallPlanAnswer['wall']>;
  layouts: WallPlanLayout[];
  /** The windows each node opens for the displays wall.yaml describes. */
  plannedWindows: PlannedWindow[];
}

export function wallPlanBase(wall: Wall, layouts: readonly Layout[]): WallPlanBase {
  const b = wallBounds(wall);
  return {
    wall: { id: wall.id, title: wall.title, timezone: wall.timezone, width: b.width, height: b.height },
    layouts: layouts
      .filter((l) => !l.generated)
      .map((l) => ({
        id: l.id,
        title: l.title,
        tiles: [...l.tiles].sort((a, c) => a.z - c.z).map((t) => ({ id: t.id, widget: t.widget, title: t.title ?? null, rect: tileRect(wall, l, t) })),
      })),
    plannedWindows: wall.nodes.flatMap((n) => planWindows(wall, n.id, assumedDisplays(wall, n.id))),
  };
}

/**
 * The whole answer: the base plus what the windows report (which window shows each screen, so
 * which thumbnail to crop) and the dead screens.
 */
export function wallPlan(wall: Wall, base: WallPlanBase, windows: readonly WallInfo[], deadScreens: readonly string[], hubTime: number): WallPlanAnswer {
  const dead = new Set(deadScreens);
  const screens = wall.screens.map((screen): WallPlanScreen => {
    // The last window to report the screen; a connected one first.
    const shows = windows.filter((w) => w.node === screen.node && w.screens.includes(screen.id)).sort((a, c) => Number(c.connected) - Number(a.connected))[0];
    return {
      id: screen.id,
      node: screen.node,
      rect: screenActiveRect(wall, screen),
      rotation: screen.rotation,
      window: shows ? { node: shows.node, window: shows.window, connected: shows.connected } : null,
      picture: shows ? pictureOf(wall, base.plannedWindows, screen, shows.screens) : null,
      dead: dead.has(screen.id),
    };
  });
  return { hubTime, wall: base.wall, screens, layouts: base.layouts };
}

/**
 * Where `screen` is in the thumbnail of a window showing `windowScreens`. A window planned with
 * exactly those screens gives its display rects (desktop px, no bezel gaps: what the window's
 * canvas holds); otherwise the screens are taken as drawn at their wall places (a review window).
 */
export function pictureOf(wall: Wall, planned: readonly PlannedWindow[], screen: Screen, windowScreens: readonly string[]): NonNullable<WallPlanScreen['picture']> {
  const sameSet = (w: PlannedWindow): boolean => w.screens.length === windowScreens.length && w.screens.every((s) => windowScreens.includes(s.screenId));
  const window = planned.find((w) => w.node === screen.node && sameSet(w));
  const placed = window?.screens.find((s) => s.screenId === screen.id);
  if (window && placed) return { ...fraction(placed.windowRect, { ...window.bounds, x: 0, y: 0 }), turn: pageRotation(placed) };
  const rects = wall.screens.filter((s) => windowScreens.includes(s.id)).map((s) => screenActiveRect(wall, s));
  return { ...fraction(screenActiveRect(wall, screen), unionRects(rects)), turn: 0 };
}

function fraction(r: Rect, within: Rect): Rect {
  return { x: (r.x - within.x) / within.width, y: (r.y - within.y) / within.height, width: r.width / within.width, height: r.height / within.height };
}

export interface WallPlanRouteDeps {
  router: Router;
  /** The project's wall; without it the answer has `wall: null`, no screens and no layouts. */
  wall: Wall | undefined;
  layouts: readonly Layout[];
  windows: () => readonly WallInfo[];
  deadScreens: () => readonly string[];
  now: () => number;
}

/** `GET /api/wall` (operator, editor, integration). */
export function addWallPlanRoute(d: WallPlanRouteDeps): void {
  const base = d.wall ? wallPlanBase(d.wall, d.layouts) : null;
  d.router.add('GET', '/api/wall', ['operator', 'editor', 'integration'], ({ res }) => {
    if (!d.wall || !base) return sendJson(res, 200, { hubTime: d.now(), wall: null, screens: [], layouts: [] } satisfies WallPlanAnswer);
    sendJson(res, 200, wallPlan(d.wall, base, d.windows(), d.deadScreens(), d.now()));
  });
}
