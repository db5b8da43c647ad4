/**
 * How a partial redraw (partial-redraw.ts) keeps its hands off the pixels it does not redraw, on
 * each backend. Both take the changed tiles' wall rects, placed on the target by `toTarget` (wall px
 * → the target's px before `scale`: a translation, as the scene's transforms are), each grown to whole device px and one more for anti-aliased
 * edges; the render's clear and every draw then touch only those pixels.
 *
 * - 2D canvas: one clip path of all the rects, one render under it.
 * - WebGL: the scissor box, one render per box (a scissor is one rectangle). Rendering again costs
 *   pixi little (the second pass finds no changes and replays its instructions), and SwiftShader
 *   rasters only inside the box. Too many boxes become their bounding box.
 */
import type { Rect } from '../core/wall/model.js';

/** A box in the target's device px, top-left origin. */
export interface DeviceBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** More boxes than this are drawn as their bounding box: fewer passes, a little more raster. */
export const MAX_SCISSOR_PASSES = 4;

/** The rects in device px on a target of `size` device px, clamped to it; empty boxes dropped. */
export function deviceBoxes(rects: readonly Rect[], toTarget: { readonly tx: number; readonly ty: number }, scale: number, size: { width: number; height: number }): DeviceBox[] {
  const boxes: DeviceBox[] = [];
  for (const r of rects) {
    const x0 = Math.max(0, Math.floor((r.x + toTarget.tx) * scale) - 1);
    const y0 = Math.max(0, Math.floor((r.y + toTarget.ty) * scale) - 1);
    const x1 = Math.min(size.width, Math.ceil((r.x + r.width + toTarget.tx) * scale) + 1);
    const y1 = Math.min(size.height, Math.ceil((r.y + r.height + toTarget.ty) * scale) + 1);
    if (x1 > x0 && y1 > y0) boxes.push({ x: x0, y: y0, width: x1 - x0, height: y1 - y0 });
  }
  return boxes;
}

/** The boxes, or their bounding box where there are more than `max`. */
export function capBoxes(boxes: readonly DeviceBox[], max = MAX_SCISSOR_PASSES): DeviceBox[] {
  if (boxes.length <= max) return [...boxes];
  const x0 = Math.min(...boxes.map((b) => b.x));
  const y0 = Math.min(...boxes.map((b) => b.y));
  const x1 = Math.max(...boxes.map((b) => b.x + b.width));
  const y1 = Math.max(...boxes.map((b) => b.y + b.height));
  return [{ x: x0, y: y0, width: x1 - x0, height: y1 - y0 }];
}

/** Clips a 2D context to the boxes; call `restore()` on it after the render. */
export function clip2d(context: CanvasRenderingContext2D, boxes: readonly DeviceBox[]): void {
  context.save();
  context.setTransform(1, 0, 0, 1, 0, 0);
  context.beginPath();
  for (const b of boxes) context.rect(b.x, b.y, b.width, b.height);
  context.clip();
}

/**
 * Runs `draw` once per box with WebGL's scissor test on that box. `flipHeight`: the drawing
 * buffer's height where the target is the canvas (GL counts rows from the bottom there); null for a
 * render texture, which pixi draws upside down in GL terms, so its rows already count from the top.
 */
export function scissored(gl: WebGL2RenderingContext, boxes: readonly DeviceBox[], flipHeight: number | null, draw: () => void): void {
  gl.enable(gl.SCISSOR_TEST);
  try {
    for (const b of boxes) {
      gl.scissor(b.x, flipHeight === null ? b.y : flipHeight - b.y - b.height, b.width, b.height);
      draw();
    }
  } finally {
    gl.disable(gl.SCISSOR_TEST);
  }
}
