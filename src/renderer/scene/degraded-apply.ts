/**
 * Degraded mode on one window's scene: runs the pure planner (src/core/wall/degraded.ts) for the
 * scene's layout and the dead screens, then moves and resizes the tiles it moved (drawn above the
 * others), hides the tiles it hid, and puts back everything else. A tile moved into this window's
 * viewport from elsewhere on the wall is built here on first need (its widget starts then) and
 * kept, hidden, when it goes back. Every window runs the same plan, so they agree without talking.
 */
import { planDegraded, planToJson } from '../../core/wall/degraded.js';
import { intersectRect, rectsEqual } from '../../core/wall/geometry.js';
import type { Rect } from '../../core/wall/model.js';
import type { Store } from '../store.js';
import type { Scene } from './scene.js';
import type { TileView } from './tile-view.js';

/** Moved tiles are drawn above every tile of the layout. */
const MOVED_Z = 1_000_000;

/** What the debug state shows of degraded mode (plain JSON). */
export interface DegradedSummary {
  deadScreens: string[];
  moved: { id: string; rect: Rect }[];
  hidden: string[];
  unplaced: string[];
}

export function applyDegraded(scene: Scene, deadScreens: ReadonlySet<string>, store: Store): DegradedSummary {
  const { wall, layout, viewport } = scene.options;
  const plan = planDegraded(wall, layout, deadScreens);
  const views = new Map<string, TileView>(scene.tiles.map((v) => [v.tile.id, v]));
  const moved = new Set(plan.moved);
  for (const tile of layout.tiles) {
    const rect = plan.placements.get(tile.id);
    if (!rect) continue;
    const hidden = plan.hidden.has(tile.id);
    const here = intersectRect(rect, viewport) !== null;
    let view = views.get(tile.id);
    if (!view) {
      if (!here || hidden) continue;
      view = scene.addView(tile, rect);
      const built = view;
      void built.widget.ready.then(
        () => (built.ready = true),
        (err: unknown) => {
          built.fallBack(`lỗi: ${err instanceof Error ? err.message : String(err)}`);
          built.ready = true;
        },
      );
      if (built.topics.some((t) => store.get(t))) built.update(store);
    } else if (!rectsEqual(view.rect, rect)) {
      view.place(rect);
    }
    view.setVisible(here && !hidden); // a hidden camera gives its decoder back (docs/cameras.md)
    view.container.zIndex = moved.has(tile.id) ? MOVED_Z + tile.z : tile.z;
    view.degraded = moved.has(tile.id) ? 'moved' : hidden ? 'hidden' : null;
  }
  return { deadScreens: [...deadScreens].sort(), ...planToJson(plan) };
}
