/**
 * Which windows a node opens, and which part of the wall each shows. One window over several
 * displays decodes each camera once however many screens its tile spans, so the plan spans
 * windows wherever the desktop lets it; one window per display is the always-safe fallback.
 */
import type { Rect, Rotation, Screen, Wall } from '../wall/model.js';
import { matchDisplays, type DetectedDisplay } from './displays.js';
import { screenActiveRect, screenOuterRect } from '../wall/geometry.js';
import { offsetRect, unionRects } from '../wall/rect.js';

export {
  assumedDisplays,
  matchDisplays,
  nodeScreens,
  selectorMatches,
  type DetectedDisplay,
  type DisplayMatch,
} from './displays.js';

/** One screen's place inside a planned window. */
export interface PlannedScreen {
  screenId: string;
  displayId: number;
  /** The display's area inside the window, window px. */
  windowRect: Rect;
  /** The screen's active (lit) rect, wall px: what to draw into `windowRect`. */
  wallRect: Rect;
  rotation: Rotation;
}

export interface PlannedWindow {
  /** `${nodeId}/w${index}`, index from 0 in plan order. */
  id: string;
  node: string;
  /** Desktop px. */
  bounds: Rect;
  /** Row-major over the window's rectangle of displays. */
  screens: PlannedScreen[];
  /** Bounding box of the screens' active wall rects (bezels between them included). */
  viewport: Rect;
}

interface Pair {
  screen: Screen;
  display: DetectedDisplay;
  /** Outer frame on the wall: neighbours are found by frames touching. */
  outer: Rect;
  wallRect: Rect;
}

/** Displays a single window can stretch over without mixing pixel densities or orientations. */
function sameKind(a: DetectedDisplay, b: DetectedDisplay): boolean {
  return (
    a.bounds.width === b.bounds.width &&
    a.bounds.height === b.bounds.height &&
    a.rotation === b.rotation &&
    a.scaleFactor === b.scaleFactor
  );
}

/**
 * Whether `b` is `a`'s neighbour to the right (or below) both on the desktop (touching, aligned)
 * and on the wall (outer frames touching, same extent across), so the window mirrors the wall.
 */
function isNeighbour(a: Pair, b: Pair, dir: 'right' | 'down'): boolean {
  if (!sameKind(a.display, b.display)) return false;
  const da = a.display.bounds;
  const db = b.display.bounds;
  const wa = a.outer;
  const wb = b.outer;
  if (dir === 'right') {
    return (
      db.x === da.x + da.width &&
      db.y === da.y &&
      wb.x === wa.x + wa.width &&
      wb.y === wa.y &&
      wb.height === wa.height
    );
  }
  return (
    db.y === da.y + da.height &&
    db.x === da.x &&
    wb.y === wa.y + wa.height &&
    wb.x === wa.x &&
    wb.width === wa.width
  );
}

/** `count` pairs linked by `next` from `start`; null if the chain breaks or meets a used pair. */
function chain(
  start: number,
  count: number,
  next: readonly number[],
  used: ReadonlySet<number>,
): number[] | null {
  const out: number[] = [];
  let i = start;
  for (let k = 0; k < count; k++) {
    if (i < 0 || used.has(i)) return null;
    out.push(i);
    if (k < count - 1) i = next[i]!;
  }
  return out;
}

/**
 * The largest rectangle of unused pairs with `seed` at its top-left corner (most displays; wider
 * on a tie). Every row is a chain of right-neighbours and every column a chain of down-neighbours,
 * so desktop and wall agree on all of it.
 */
function largestRectangle(
  seed: number,
  right: readonly number[],
  down: readonly number[],
  used: ReadonlySet<number>,
): number[][] {
  let best: number[][] = [[seed]];
  for (let width = 1; ; width++) {
    const first = chain(seed, width, right, used);
    if (!first) break;
    const rows = [first];
    for (;;) {
      const above = rows[rows.length - 1]!;
      const row = above.map((i) => down[i]!);
      const ok = row.every(
        (i, k) => i >= 0 && !used.has(i) && (k === 0 || right[row[k - 1]!] === i),
      );
      if (!ok) break;
      rows.push(row);
    }
    if (rows.length * width >= best.length * best[0]!.length) best = rows;
  }
  return best;
}

function makeWindow(nodeId: string, index: number, grid: readonly Pair[][]): PlannedWindow {
  const pairs = grid.flat();
  const bounds = unionRects(pairs.map((p) => p.display.bounds));
  const screens = pairs.map(
    (p): PlannedScreen => ({
      screenId: p.screen.id,
      displayId: p.display.id,
      windowRect: offsetRect(p.display.bounds, bounds),
      wallRect: p.wallRect,
      rotation: p.screen.rotation,
    }),
  );
  return {
    id: `${nodeId}/w${index}`,
    node: nodeId,
    bounds,
    screens,
    viewport: unionRects(screens.map((s) => s.wallRect)),
  };
}

/**
 * The windows one node opens. With `windowMode: span`, starting from the top-left-most screen on
 * the wall, each window takes the largest rectangle of equal displays that sit on the desktop as
 * their screens sit on the wall; otherwise one window per display. Unmatched screens get no
 * window: the caller reports them from `matchDisplays`. Windows come in wall reading order.
 */
export function planWindows(
  wall: Wall,
  nodeId: string,
  displays: readonly DetectedDisplay[],
): PlannedWindow[] {
  const node = wall.nodes.find((n) => n.id === nodeId);
  if (!node) throw new Error(`planWindows: no node ${nodeId}`);
  const pairs: Pair[] = matchDisplays(wall, nodeId, displays)
    .matched.map(({ screen, display }) => ({
      screen,
      display,
      outer: screenOuterRect(wall, screen),
      wallRect: screenActiveRect(wall, screen),
    }))
    .sort((a, b) => a.outer.y - b.outer.y || a.outer.x - b.outer.x);
  if (node.windowMode !== 'span') {
    return pairs.map((p, i) => makeWindow(nodeId, i, [[p]]));
  }
  const right = pairs.map((a) => pairs.findIndex((b) => isNeighbour(a, b, 'right')));
  const down = pairs.map((a) => pairs.findIndex((b) => isNeighbour(a, b, 'down')));
  const used = new Set<number>();
  const windows: PlannedWindow[] = [];
  pairs.forEach((_, seed) => {
    if (used.has(seed)) return;
    const rect = largestRectangle(seed, right, down, used);
    for (const i of rect.flat()) used.add(i);
    windows.push(makeWindow(nodeId, windows.length, rect.map((row) => row.map((i) => pairs[i]!))));
  });
  return windows;
}
