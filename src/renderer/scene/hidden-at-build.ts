/**
 * Degraded mode at a scene's build: which of its tiles the first plan will hide, so the scene builds
 * them hidden. Apart from degraded-apply.ts (which works on a built Scene) so that the scene can ask
 * without the two files importing each other.
 */
import { planDegraded } from '../../core/wall/degraded.js';
import { intersectRect } from '../../core/wall/geometry.js';
import type { Layout, Rect, Wall } from '../../core/wall/model.js';

/**
 * The tiles of a scene built now that its first applyDegraded will hide (hidden under a moved tile,
 * or moved off this viewport): the scene builds them hidden, so a camera among them never takes a
 * decoder slot from a camera on screen for the frames before that.
 */
export function hiddenAtBuild(wall: Wall, layout: Layout, viewport: Rect, deadScreens: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  if (deadScreens.size === 0) return out;
  const plan = planDegraded(wall, layout, deadScreens);
  for (const [id, rect] of plan.placements) if (plan.hidden.has(id) || !intersectRect(rect, viewport)) out.add(id);
  return out;
}
