/**
 * Degraded mode: when screens die (a panel reports no signal, a node or window stops answering),
 * the tiles that matter most (priority `minPriority` or higher, default critical) leave the dead
 * screens for healthy ones, and come back when the screens return. Pure and deterministic: the
 * same wall, layout and dead set always give the same plan, so every window of the wall computes
 * the same one on its own and they agree without talking to each other.
 *
 * How a tile moves (docs/formats.md, "Degraded mode"):
 * - A tile moves when any screen it covers is dead (all or part of it is gone).
 * - Target screens, in order: the `to` screens of every fallback rule whose `from` names a dead
 *   screen of the tile; then every other healthy screen, the tile's own healthy screens first, then
 *   by distance from the tile's centre to the screen's centre (ties: wall.yaml order).
 * - On the first target with room, it takes one screen's lit area at most: its own size when it
 *   fits, else shrunk keeping its aspect; when its aspect is 2× or more away from the screen's
 *   (a band over several screens), each side is capped on its own instead.
 * - Positions tried on a screen: where the tile was (clamped into the screen; on another screen, the
 *   same place as on its dead screen), then the four corners, then the centre. The one hiding the
 *   fewest tiles wins (ties: that order). Tiles of priority `displace` or lower (default low) under
 *   it are hidden; a position overlapping any other tile is not used, so a moved tile never covers
 *   a critical tile, whether it stayed or moved before it.
 * - Tiles compete by priority (highest first), then by their order in the layout. A tile that finds
 *   no room anywhere is `unplaced` and keeps its rect (on the dead screen).
 */
import { intersectRect, screenActiveRect, tileRect } from './geometry.js';
import type { DegradedRules, Layout, Priority, Rect, Screen, Tile, Wall } from './model.js';

export const DEGRADED_DEFAULTS: Readonly<DegradedRules> = Object.freeze({
  minPriority: 'critical',
  displace: 'low',
  fallback: [],
});

const RANK: Record<Priority, number> = { low: 0, normal: 1, high: 2, critical: 3 };

/** Higher is more important: low 0, normal 1, high 2, critical 3. */
export function priorityRank(p: Priority): number {
  return RANK[p];
}

export interface DegradedPlan {
  /** Every tile of the layout → its wall rect under this plan (its own rect unless it moved). */
  placements: Map<string, Rect>;
  /** Tiles hidden under a moved tile. */
  hidden: Set<string>;
  /** Tiles that had to leave a dead screen but found no room; they keep their rect. */
  unplaced: string[];
  /** Tiles whose rect changed, in the order they were placed. */
  moved: string[];
}

/** The screens of the given nodes: a dead node takes all its screens with it. */
export function screensOfNodes(wall: Wall, nodes: Iterable<string>): Set<string> {
  const dead = new Set(nodes);
  return new Set(wall.screens.filter((s) => dead.has(s.node)).map((s) => s.id));
}

interface ScreenInfo {
  screen: Screen;
  index: number;
  rect: Rect;
  dead: boolean;
}

interface TileInfo {
  tile: Tile;
  index: number;
  rect: Rect;
  rank: number;
}

interface Occupant {
  rect: Rect;
  /** A tile that must never be covered (priority above `displace`, or a moved tile). */
  blocks: boolean;
}

function center(r: Rect): { x: number; y: number } {
  return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
}

function distance2(a: Rect, b: Rect): number {
  const p = center(a);
  const q = center(b);
  return (p.x - q.x) ** 2 + (p.y - q.y) ** 2;
}

/**
 * The size a tile takes on a screen: its own when it fits; else shrunk keeping its aspect, unless
 * its aspect is 2× or more away from the screen's, then each side capped on its own.
 */
export function fitSize(tile: Rect, screen: Rect): { width: number; height: number } {
  if (tile.width <= screen.width && tile.height <= screen.height) return { width: tile.width, height: tile.height };
  const tileAspect = tile.width / tile.height;
  const screenAspect = screen.width / screen.height;
  const skew = Math.max(tileAspect / screenAspect, screenAspect / tileAspect);
  if (skew >= 2) return { width: Math.min(tile.width, screen.width), height: Math.min(tile.height, screen.height) };
  const s = Math.min(screen.width / tile.width, screen.height / tile.height);
  return { width: Math.max(1, Math.floor(tile.width * s)), height: Math.max(1, Math.floor(tile.height * s)) };
}

function clampInto(x: number, y: number, size: { width: number; height: number }, area: Rect): Rect {
  return {
    x: Math.min(Math.max(x, area.x), area.x + area.width - size.width),
    y: Math.min(Math.max(y, area.y), area.y + area.height - size.height),
    width: size.width,
    height: size.height,
  };
}

/** Where on `target` the tile may go, most wanted first (see the file comment). */
function positions(tile: TileInfo, covered: ScreenInfo[], target: ScreenInfo): Rect[] {
  const a = target.rect;
  const size = fitSize(tile.rect, a);
  const own = covered.includes(target);
  const from = own ? undefined : covered.find((s) => s.dead);
  const anchorX = from ? a.x + (tile.rect.x - from.rect.x) : tile.rect.x;
  const anchorY = from ? a.y + (tile.rect.y - from.rect.y) : tile.rect.y;
  const right = a.x + a.width - size.width;
  const bottom = a.y + a.height - size.height;
  const list = [
    clampInto(anchorX, anchorY, size, a),
    clampInto(a.x, a.y, size, a),
    clampInto(right, a.y, size, a),
    clampInto(a.x, bottom, size, a),
    clampInto(right, bottom, size, a),
    clampInto(a.x + Math.floor((a.width - size.width) / 2), a.y + Math.floor((a.height - size.height) / 2), size, a),
  ];
  const seen = new Set<string>();
  return list.filter((r) => {
    const key = `${r.x},${r.y}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function identityPlan(tiles: TileInfo[]): DegradedPlan {
  return {
    placements: new Map(tiles.map((t) => [t.tile.id, { ...t.rect }])),
    hidden: new Set(),
    unplaced: [],
    moved: [],
  };
}

/**
 * The plan for `layout` on `wall` while `deadScreens` are dead (unknown ids are ignored). With no
 * dead screen, the identity plan: every tile at its own rect, nothing hidden.
 */
export function planDegraded(wall: Wall, layout: Layout, deadScreens: ReadonlySet<string>): DegradedPlan {
  const rules = layout.degraded ?? DEGRADED_DEFAULTS;
  const screens: ScreenInfo[] = wall.screens.map((screen, index) => ({
    screen,
    index,
    rect: screenActiveRect(wall, screen),
    dead: deadScreens.has(screen.id),
  }));
  const tiles: TileInfo[] = layout.tiles.map((tile, index) => ({
    tile,
    index,
    rect: tileRect(wall, layout, tile),
    rank: priorityRank(tile.priority),
  }));
  const plan = identityPlan(tiles);
  if (!screens.some((s) => s.dead)) return plan;

  const minRank = priorityRank(rules.minPriority);
  // A tile that moves is never hidden, whatever `displace` says.
  const displaceRank = Math.min(priorityRank(rules.displace), minRank - 1);
  const coveredBy = new Map<TileInfo, ScreenInfo[]>();
  for (const t of tiles) coveredBy.set(t, screens.filter((s) => intersectRect(t.rect, s.rect) !== null));
  const leaving = tiles
    .filter((t) => t.rank >= minRank && coveredBy.get(t)!.some((s) => s.dead))
    .sort((a, b) => b.rank - a.rank || a.index - b.index);
  const leavingSet = new Set(leaving);

  const occupants = new Map<string, Occupant>();
  for (const t of tiles) {
    if (!leavingSet.has(t)) occupants.set(t.tile.id, { rect: t.rect, blocks: t.rank > displaceRank });
  }

  for (const t of leaving) {
    const covered = coveredBy.get(t)!;
    let best: { rect: Rect; hides: string[] } | null = null;
    for (const target of targets(t, covered, screens, rules)) {
      for (const rect of positions(t, covered, target)) {
        const hides: string[] = [];
        let blocked = false;
        for (const [id, o] of occupants) {
          if (!intersectRect(o.rect, rect)) continue;
          if (o.blocks) {
            blocked = true;
            break;
          }
          if (!plan.hidden.has(id)) hides.push(id);
        }
        if (!blocked && (!best || hides.length < best.hides.length)) best = { rect, hides };
      }
      if (best) break;
    }
    if (!best) {
      plan.unplaced.push(t.tile.id);
      occupants.set(t.tile.id, { rect: t.rect, blocks: true });
      continue;
    }
    plan.placements.set(t.tile.id, best.rect);
    plan.moved.push(t.tile.id);
    for (const id of best.hides) plan.hidden.add(id);
    occupants.set(t.tile.id, { rect: best.rect, blocks: true });
  }
  return plan;
}

/** Healthy screens a leaving tile tries, in order: fallback rules, its own screens, then nearest. */
function targets(t: TileInfo, covered: ScreenInfo[], screens: ScreenInfo[], rules: DegradedRules): ScreenInfo[] {
  const byId = new Map(screens.map((s) => [s.screen.id, s]));
  const deadOwn = new Set(covered.filter((s) => s.dead).map((s) => s.screen.id));
  const out: ScreenInfo[] = [];
  const add = (s: ScreenInfo | undefined): void => {
    if (s && !s.dead && !out.includes(s)) out.push(s);
  };
  for (const rule of rules.fallback) {
    if (rule.from.some((id) => deadOwn.has(id))) for (const id of rule.to) add(byId.get(id));
  }
  const rest = screens
    .filter((s) => !s.dead)
    .sort(
      (a, b) =>
        Number(!covered.includes(a)) - Number(!covered.includes(b)) ||
        distance2(t.rect, a.rect) - distance2(t.rect, b.rect) ||
        a.index - b.index,
    );
  for (const s of rest) add(s);
  return out;
}

/** Plain JSON of a plan (for debug state and logs): ids sorted, rects as records. */
export function planToJson(plan: DegradedPlan, onlyMoved = true): {
  moved: { id: string; rect: Rect }[];
  hidden: string[];
  unplaced: string[];
} {
  return {
    moved: (onlyMoved ? plan.moved : [...plan.placements.keys()]).map((id) => ({ id, rect: { ...plan.placements.get(id)! } })),
    hidden: [...plan.hidden].sort(),
    unplaced: [...plan.unplaced],
  };
}
