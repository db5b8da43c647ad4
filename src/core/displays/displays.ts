/**
 * Physical displays as a shell sees them, and how wall screens are found among them. Matching is
 * by stable selectors only (connector, EDID, serial, id, bounds): enumeration order changes with
 * driver updates and hot-plugs, and a wall that silently swaps two screens is worse than one that
 * reports a missing display.
 */
import type { DisplaySelector, Rect, Rotation, Screen, Wall } from '../wall/model.js';
import { screenActiveRect } from '../wall/geometry.js';
import { rectsEqual } from '../wall/rect.js';

/** One display as enumerated by the OS (Electron's `screen.getAllDisplays()` or a stand-in). */
export interface DetectedDisplay {
  id: number;
  /** Connector name, e.g. `DP-1`. */
  label?: string;
  edidName?: string;
  serial?: string;
  /** Desktop px. */
  bounds: Rect;
  rotation: Rotation;
  scaleFactor: number;
}

export interface DisplayMatch {
  matched: Array<{ screen: Screen; display: DetectedDisplay }>;
  /** Screens with no display (absent, ambiguous, or already taken by an earlier screen). */
  missing: Screen[];
  /** Displays no screen asked for. */
  unused: DetectedDisplay[];
  /** Missing screens whose selector fits several displays; listed so the report can say why. */
  ambiguous: Array<{ screen: Screen; displays: DetectedDisplay[] }>;
}

/** The node's screens in wall-file order. */
export function nodeScreens(wall: Wall, nodeId: string): Screen[] {
  return wall.screens.filter((s) => s.node === nodeId);
}

/** Whether a display answers to a selector; the one place selectors are interpreted. */
export function selectorMatches(selector: DisplaySelector, display: DetectedDisplay): boolean {
  if ('connector' in selector) return display.label === selector.connector;
  if ('edidName' in selector) {
    return (
      display.edidName === selector.edidName &&
      (selector.serial === undefined || display.serial === selector.serial)
    );
  }
  if ('serial' in selector) return display.serial === selector.serial;
  if ('displayId' in selector) return display.id === selector.displayId;
  return rectsEqual(display.bounds, selector.bounds);
}

/**
 * Pairs a node's screens with detected displays. A selector that fits two displays (twin monitors
 * named only by model) matches neither: picking one would be picking by enumeration order.
 */
export function matchDisplays(
  wall: Wall,
  nodeId: string,
  displays: readonly DetectedDisplay[],
): DisplayMatch {
  const result: DisplayMatch = { matched: [], missing: [], unused: [], ambiguous: [] };
  const taken = new Set<DetectedDisplay>();
  for (const screen of nodeScreens(wall, nodeId)) {
    const candidates = displays.filter((d) => selectorMatches(screen.display, d));
    const [only] = candidates;
    if (candidates.length > 1) result.ambiguous.push({ screen, displays: candidates });
    if (candidates.length !== 1 || !only || taken.has(only)) {
      result.missing.push(screen);
      continue;
    }
    taken.add(only);
    result.matched.push({ screen, display: only });
  }
  result.unused = displays.filter((d) => !taken.has(d));
  return result;
}

/** Desktop size of a panel: its native mode, turned as the OS turns a rotated display. */
function desktopSize(screen: Screen): { width: number; height: number } {
  const { width, height } = screen.resolution;
  const quarter = screen.rotation === 90 || screen.rotation === 270;
  return quarter ? { width: height, height: width } : { width, height };
}

/**
 * Desktop origin of each screen along one axis, bezels removed: a screen starts where the
 * furthest screen wholly before it on the wall ends on the desktop. Neighbours on the wall
 * become neighbours on the desktop, and screens that do not overlap on the wall cannot overlap
 * on the desktop (they are separated on some axis, and that axis keeps them apart).
 */
function packAxis(rects: readonly Rect[], sizes: readonly number[], axis: 'x' | 'y'): number[] {
  const len = axis === 'x' ? 'width' : 'height';
  const order = rects.map((_, i) => i).sort((i, j) => rects[i]![axis] - rects[j]![axis]);
  const pos = new Array<number>(rects.length).fill(0);
  for (const i of order) {
    const r = rects[i]!;
    for (const j of order) {
      const before = rects[j]!;
      if (before[axis] + before[len] <= r[axis]) pos[i] = Math.max(pos[i]!, pos[j]! + sizes[j]!);
    }
  }
  return pos;
}

/**
 * The displays a node would have if wired as the wall file says, for when nothing can be
 * enumerated (CLI inspect, browser shell, tests). A `bounds` selector is taken at its word;
 * other screens are laid out on a desktop that mirrors the wall. Each display carries exactly
 * what its screen's selector asks for, so `matchDisplays` pairs them all.
 */
export function assumedDisplays(wall: Wall, nodeId: string): DetectedDisplay[] {
  const screens = nodeScreens(wall, nodeId);
  const active = screens.map((s) => screenActiveRect(wall, s));
  const sizes = screens.map(desktopSize);
  const xs = packAxis(active, sizes.map((s) => s.width), 'x');
  const ys = packAxis(active, sizes.map((s) => s.height), 'y');
  const reservedIds = new Set(
    screens.flatMap((s) => ('displayId' in s.display ? [s.display.displayId] : [])),
  );
  let nextId = 1;
  const freshId = (): number => {
    while (reservedIds.has(nextId)) nextId++;
    return nextId++;
  };
  return screens.map((screen, i): DetectedDisplay => {
    const sel = screen.display;
    const bounds: Rect =
      'bounds' in sel ? { ...sel.bounds } : { x: xs[i]!, y: ys[i]!, ...sizes[i]! };
    const display: DetectedDisplay = {
      id: 'displayId' in sel ? sel.displayId : freshId(),
      bounds,
      rotation: screen.rotation,
      scaleFactor: 1,
    };
    if ('connector' in sel) display.label = sel.connector;
    if ('edidName' in sel) {
      display.edidName = sel.edidName;
      if (sel.serial !== undefined) display.serial = sel.serial;
    }
    if ('serial' in sel) display.serial = sel.serial;
    return display;
  });
}
