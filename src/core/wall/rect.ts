/**
 * Axis-aligned rectangles and points in any one pixel space (wall, desktop, window or native).
 * Rectangles are half-open: a rect covers [x, x + width) × [y, y + height), so two screens that
 * merely touch do not intersect and a tile ending where a screen begins does not cover it.
 */
import type { Edges, Rect } from './model.js';

export interface Point {
  x: number;
  y: number;
}

/** A zero-area rect covers nothing; callers use this to drop screens a tile does not reach. */
export function isEmptyRect(r: Rect): boolean {
  return !(r.width > 0 && r.height > 0);
}

/** The common area, or null when there is none (touching edges share no pixel). */
export function intersectRect(a: Rect, b: Rect): Rect | null {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  const right = Math.min(a.x + a.width, b.x + b.width);
  const bottom = Math.min(a.y + a.height, b.y + b.height);
  if (right <= x || bottom <= y) return null;
  return { x, y, width: right - x, height: bottom - y };
}

/** The smallest rect holding both, gaps between them included (a bounding box, not a region). */
export function unionRect(a: Rect, b: Rect): Rect {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  const right = Math.max(a.x + a.width, b.x + b.width);
  const bottom = Math.max(a.y + a.height, b.y + b.height);
  return { x, y, width: right - x, height: bottom - y };
}

/** Bounding box of a non-empty list; throws on an empty one, which has no sensible origin. */
export function unionRects(rects: readonly Rect[]): Rect {
  const [first, ...rest] = rects;
  if (!first) throw new Error('unionRects: no rectangles');
  return rest.reduce(unionRect, { ...first });
}

/** Whether `inner` lies wholly inside `outer`, edges included (a tile may fill the whole wall). */
export function rectContains(outer: Rect, inner: Rect): boolean {
  return (
    inner.x >= outer.x &&
    inner.y >= outer.y &&
    inner.x + inner.width <= outer.x + outer.width &&
    inner.y + inner.height <= outer.y + outer.height
  );
}

export function rectsEqual(a: Rect, b: Rect): boolean {
  return a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;
}

/** Shrinks by per-edge amounts: from a bezel's outer frame to the lit area inside it. */
export function insetRect(r: Rect, e: Edges): Rect {
  return {
    x: r.x + e.left,
    y: r.y + e.top,
    width: r.width - e.left - e.right,
    height: r.height - e.top - e.bottom,
  };
}

/** Grows by per-edge amounts: from a panel's lit area to its outer frame. */
export function outsetRect(r: Rect, e: Edges): Rect {
  return {
    x: r.x - e.left,
    y: r.y - e.top,
    width: r.width + e.left + e.right,
    height: r.height + e.top + e.bottom,
  };
}

/** Re-expresses a rect relative to `origin` (e.g. desktop px → window px). */
export function offsetRect(r: Rect, origin: Point): Rect {
  return { x: r.x - origin.x, y: r.y - origin.y, width: r.width, height: r.height };
}
