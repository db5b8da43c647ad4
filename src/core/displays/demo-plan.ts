/**
 * Where `wallrun demo` puts the wall's windows on one machine. On a wall each node (PC) opens its
 * planned windows on its own desktop, every node's from (0, 0); a demo runs several nodes on one
 * desktop, so each window goes where its part of the wall is: at its viewport's wall position
 * (relative to the top-left of the windows shown), sized as planned, both times the demo's scale.
 * The seams between nodes' windows are the bezels, as on the wall.
 */
import type { Rect, Wall } from '../wall/model.js';
import { assumedDisplays, planWindows, type PlannedWindow } from './window-plan.js';

export interface DemoWindow {
  planned: PlannedWindow;
  /** The window's content area on the demo desktop (or in the composed screenshot), px. */
  rect: Rect;
}

export interface DemoPlan {
  windows: DemoWindow[];
  /** Size of the area the windows cover, px (from the origin). */
  extent: { width: number; height: number };
  scale: number;
}

/** The nodes to run: all of the wall's (default) or the ones asked for; unknown ids are an error. */
export function selectNodes(wall: Wall, requested: readonly string[] | undefined): { nodes: string[] } | { error: string } {
  const known = wall.nodes.map((n) => n.id);
  if (!requested || requested.length === 0) return { nodes: known };
  const unknown = requested.filter((id) => !known.includes(id));
  if (unknown.length > 0) return { error: `unknown node(s) ${unknown.join(', ')}; the wall has ${known.join(', ')}` };
  return { nodes: known.filter((id) => requested.includes(id)) };
}

/** Each node's windows as planned against the displays wall.yaml describes, in node order. */
export function plannedDemoWindows(wall: Wall, nodes: readonly string[]): PlannedWindow[] {
  return nodes.flatMap((node) => planWindows(wall, node, assumedDisplays(wall, node)));
}

/** Extent of the windows at scale 1 (wall px between viewports, window px for sizes). */
export function naturalExtent(windows: readonly PlannedWindow[]): { width: number; height: number } {
  return placeDemoWindows(windows, 1).extent;
}

/** The windows placed at `scale`, offset by `origin` (the desktop's usable top-left corner). */
export function placeDemoWindows(windows: readonly PlannedWindow[], scale: number, origin = { x: 0, y: 0 }): DemoPlan {
  if (windows.length === 0) return { windows: [], extent: { width: 0, height: 0 }, scale };
  const { x: minX, y: minY } = demoWallOrigin(windows);
  const placed = windows.map((planned): DemoWindow => {
    const r = demoWindowRect(planned, scale, { x: minX, y: minY });
    return { planned, rect: { ...r, x: origin.x + r.x, y: origin.y + r.y } };
  });
  const width = Math.max(...placed.map((w) => w.rect.x + w.rect.width)) - origin.x;
  const height = Math.max(...placed.map((w) => w.rect.y + w.rect.height)) - origin.y;
  return { windows: placed, extent: { width, height }, scale };
}

/**
 * One window placed for a demo: its viewport's wall position relative to `wallOrigin` (the wall
 * point shown at the top-left), and its planned size, both times `scale`. The browser shell's
 * demo and the Electron kiosk's preview (kiosk-options.ts windowBounds) both place windows so.
 */
export function demoWindowRect(planned: PlannedWindow, scale: number, wallOrigin: { x: number; y: number }): Rect {
  return {
    x: Math.round((planned.viewport.x - wallOrigin.x) * scale),
    y: Math.round((planned.viewport.y - wallOrigin.y) * scale),
    // The page sizes its canvas the same way (window bounds × scale, rounded).
    width: Math.max(1, Math.round(planned.bounds.width * scale)),
    height: Math.max(1, Math.round(planned.bounds.height * scale)),
  };
}

/** The wall point at the top-left of the windows shown (the least viewport corner). */
export function demoWallOrigin(windows: readonly PlannedWindow[]): { x: number; y: number } {
  if (windows.length === 0) return { x: 0, y: 0 };
  return { x: Math.min(...windows.map((w) => w.viewport.x)), y: Math.min(...windows.map((w) => w.viewport.y)) };
}

/**
 * The largest scale ≤ `max` at which windows of `natural` extent fit on a screen of `available`
 * px, rounded down to a thousandth (never below 0.01): a 6 × 3 wall of full-HD panels is about
 * 11,550 × 3,250 px, far more than a desktop monitor, so on a dev machine the demo shrinks it.
 */
export function fitScale(natural: { width: number; height: number }, available: { width: number; height: number }, max = 1): number {
  if (natural.width <= 0 || natural.height <= 0) return max;
  const fit = Math.min(max, available.width / natural.width, available.height / natural.height);
  return Math.max(0.01, Math.floor(fit * 1000) / 1000);
}
