/**
 * 2-D affine transforms, canvas/pixi convention: x' = a·x + c·y + tx, y' = b·x + d·y + ty.
 * The same six numbers can be handed to a canvas `setTransform(a, b, c, d, tx, ty)` or a pixi
 * `Matrix`, so the renderer never re-derives rotation maths.
 */
import type { Rect } from './model.js';
import type { Point } from './rect.js';

export interface Affine {
  a: number;
  b: number;
  c: number;
  d: number;
  tx: number;
  ty: number;
}

/** -0 turns up in rotated matrices; it prints oddly and fails `Object.is` equality, so drop it. */
function noNegativeZero(n: number): number {
  return n === 0 ? 0 : n;
}

/** Builds a matrix with -0 entries normalised to 0 (see `noNegativeZero`). */
export function affine(a: number, b: number, c: number, d: number, tx: number, ty: number): Affine {
  return {
    a: noNegativeZero(a),
    b: noNegativeZero(b),
    c: noNegativeZero(c),
    d: noNegativeZero(d),
    tx: noNegativeZero(tx),
    ty: noNegativeZero(ty),
  };
}

export function applyMatrix(m: Affine, p: Point): Point {
  return {
    x: noNegativeZero(m.a * p.x + m.c * p.y + m.tx),
    y: noNegativeZero(m.b * p.x + m.d * p.y + m.ty),
  };
}

/**
 * The reverse mapping (e.g. native framebuffer → wall, for hit-testing a touch on a panel).
 * Throws on a singular matrix: that means a zero-sized screen slipped past validation.
 */
export function invertMatrix(m: Affine): Affine {
  const det = m.a * m.d - m.b * m.c;
  if (det === 0 || !Number.isFinite(det)) throw new Error('invertMatrix: matrix is not invertible');
  return affine(
    m.d / det,
    -m.b / det,
    -m.c / det,
    m.a / det,
    (m.c * m.ty - m.d * m.tx) / det,
    (m.b * m.tx - m.a * m.ty) / det,
  );
}

/**
 * The bounding box of a transformed rect. For the quarter-turn rotations and scales used on a wall
 * this is exactly the image of the rect, so a clip rect maps to a clip rect.
 */
export function transformRect(m: Affine, r: Rect): Rect {
  const corners = [
    applyMatrix(m, { x: r.x, y: r.y }),
    applyMatrix(m, { x: r.x + r.width, y: r.y }),
    applyMatrix(m, { x: r.x, y: r.y + r.height }),
    applyMatrix(m, { x: r.x + r.width, y: r.y + r.height }),
  ];
  const xs = corners.map((p) => p.x);
  const ys = corners.map((p) => p.y);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y };
}
