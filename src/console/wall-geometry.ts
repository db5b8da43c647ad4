/**
 * The wall canvas's arithmetic, pure (unit-tested in wall-geometry.test.ts): the wall scaled to the
 * section's width, where a screen's picture is in its window's thumbnail, and how to draw that
 * crop upright into the screen's box.
 */
import type { Rect } from '../core/wall/model.js';
import type { WallPlanScreen } from '../core/protocol/wall-plan.js';

/**
 * CSS px per wall px so that the wall fills `boxWidth` (and, for a tall wall, is no higher than
 * `maxHeight`), and the canvas's height.
 */
export function fitWall(wall: { width: number; height: number }, boxWidth: number, maxHeight = Infinity): { scale: number; height: number } {
  const scale = wall.width > 0 && wall.height > 0 ? Math.min(Math.max(0, boxWidth) / wall.width, Math.max(0, maxHeight) / wall.height) : 0;
  return { scale, height: Math.round(wall.height * scale) };
}

/**
 * A wall rect in the canvas's CSS px: edges rounded on their own (not the size), so neighbours
 * keep the bezel gap between them and never overlap.
 */
export function scaledRect(r: Rect, scale: number): Rect {
  const x = Math.round(r.x * scale);
  const y = Math.round(r.y * scale);
  return { x, y, width: Math.max(1, Math.round((r.x + r.width) * scale) - x), height: Math.max(1, Math.round((r.y + r.height) * scale) - y) };
}

/** The screen's part of its window's thumbnail, in the thumbnail's px (clamped to the image). */
export function cropRect(picture: NonNullable<WallPlanScreen['picture']>, thumb: { width: number; height: number }): Rect {
  const clamp = (v: number, max: number): number => Math.min(max, Math.max(0, v));
  const x = clamp(picture.x * thumb.width, thumb.width);
  const y = clamp(picture.y * thumb.height, thumb.height);
  return { x, y, width: clamp((picture.x + picture.width) * thumb.width, thumb.width) - x, height: clamp((picture.y + picture.height) * thumb.height, thumb.height) - y };
}

/**
 * How to draw a crop into a box `width` × `height` so that it shows upright, as on the wall: move
 * the origin to the box's centre, turn by `turn` degrees clockwise, then draw the crop centred in
 * a `drawWidth` × `drawHeight` box (the box's sides swapped for a quarter turn).
 */
export interface CropDraw {
  centre: { x: number; y: number };
  radians: number;
  drawWidth: number;
  drawHeight: number;
}

export function cropDraw(box: { width: number; height: number }, turn: 0 | 90 | 270): CropDraw {
  const quarter = turn === 90 || turn === 270;
  return {
    centre: { x: box.width / 2, y: box.height / 2 },
    radians: (turn * Math.PI) / 180,
    drawWidth: quarter ? box.height : box.width,
    drawHeight: quarter ? box.width : box.height,
  };
}

/** Where a point of the drawn crop (its own px, 0..drawWidth × 0..drawHeight) lands in the box. */
export function cropPointInBox(d: CropDraw, p: { x: number; y: number }): { x: number; y: number } {
  const u = p.x - d.drawWidth / 2;
  const v = p.y - d.drawHeight / 2;
  const cos = Math.round(Math.cos(d.radians));
  const sin = Math.round(Math.sin(d.radians));
  return { x: d.centre.x + u * cos - v * sin, y: d.centre.y + u * sin + v * cos };
}
